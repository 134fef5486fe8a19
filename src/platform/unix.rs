//! The Unix side of [`super`]: SIGTERM and SIGHUP end the process, SIGTSTP stops it, and a
//! program is a file with an execute bit.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use tokio::signal::unix::{signal, Signal, SignalKind};

/// The signals that ask the trainer or the board to end: SIGTERM (`kill`) and SIGHUP (the
/// terminal went away). In raw mode Ctrl-C is a key, not a signal.
pub struct Quit {
    term: Option<Signal>,
    hup: Option<Signal>,
}

impl Quit {
    /// Installs the handlers (a handler that cannot be installed never fires).
    pub fn new() -> Quit {
        Quit {
            term: signal(SignalKind::terminate()).ok(),
            hup: signal(SignalKind::hangup()).ok(),
        }
    }

    /// Waits for one of them.
    pub async fn recv(&mut self) {
        tokio::select! {
            () = super::wait_or_never(self.term.as_mut().map(|s| s.recv())) => {}
            () = super::wait_or_never(self.hup.as_mut().map(|s| s.recv())) => {}
        }
    }
}

impl Default for Quit {
    fn default() -> Quit {
        Quit::new()
    }
}

pub(super) fn stop_process() -> std::io::Result<()> {
    use nix::sys::signal::{raise, Signal};
    raise(Signal::SIGTSTP).map_err(std::io::Error::from)
}

pub(super) fn docker_plugin_dirs() -> Vec<PathBuf> {
    [
        "/usr/local/lib/docker/cli-plugins",
        "/usr/local/libexec/docker/cli-plugins",
        "/usr/lib/docker/cli-plugins",
        "/usr/libexec/docker/cli-plugins",
    ]
    .into_iter()
    .map(PathBuf::from)
    .collect()
}

pub(super) fn is_executable(p: &Path) -> bool {
    p.metadata()
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}
