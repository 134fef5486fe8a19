//! The only module that imports bollard: where the daemon is, connecting to it, and reading
//! facts from it. Everything leaves as [`crate::facts`] or [`crate::check::Unverifiable`].

mod connect;
mod convert;
pub mod endpoint;
pub mod follow;
mod gather;
mod identity;
mod local;
mod watch;

pub use connect::{connect, connect_default, Daemon, DaemonInfo, CONNECT_TIMEOUT, MIN_API};
pub use identity::Identity;
pub use local::native_pipe;
