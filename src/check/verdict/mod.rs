//! Pure rules: facts in, [`Outcome`] out. No I/O, so every near miss is a unit test.

mod container;
mod dockerfile;
mod files;
mod image;
mod log;
mod objects;
mod web;

pub use container::{container, container_passing, selector as container_selector, selector_of};
pub use dockerfile::dockerfile;
pub use files::{file, file_passing, yaml_error};
pub use image::image;
pub use log::{log, log_hit};
pub use objects::{
    action_base, compose, event, event_actors, event_hit, network, object_name, project_name, quiz,
    swarm, volume, PROJECT_LABEL, SERVICE_LABEL,
};
pub use web::{exec, http, ExecResult};

use super::outcome::{Outcome, Reason};

/// The first failure of a list of rules, or `Passed`.
fn first_failure(reasons: impl IntoIterator<Item = Option<Reason>>) -> Outcome {
    reasons
        .into_iter()
        .flatten()
        .next()
        .map_or(Outcome::Passed, Outcome::Failed)
}

/// "8000→5000", with the protocol only when it is not TCP.
fn port_label(host: u16, container: u16, proto: &str) -> String {
    if proto == "tcp" {
        format!("{host}→{container}")
    } else {
        format!("{host}→{container}/{proto}")
    }
}
