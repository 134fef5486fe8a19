//! The Windows side of [`super`]: the console's control events end the process (Ctrl-C and
//! Ctrl-Break outside raw mode, closing the window, logoff, shutdown); there is no job control;
//! a program is any file (its extension comes from `PATHEXT`).

use std::path::{Path, PathBuf};

use tokio::signal::windows::{
    ctrl_break, ctrl_c, ctrl_close, ctrl_logoff, ctrl_shutdown, CtrlBreak, CtrlC, CtrlClose,
    CtrlLogoff, CtrlShutdown,
};

/// The console events that ask the trainer or the board to end. For a closed window, logoff or
/// shutdown, Windows ends the process a few seconds after the event: whoever receives it must
/// restore the console and return at once. In raw mode Ctrl-C arrives as a key, not as an event.
pub struct Quit {
    c: Option<CtrlC>,
    brk: Option<CtrlBreak>,
    close: Option<CtrlClose>,
    logoff: Option<CtrlLogoff>,
    shutdown: Option<CtrlShutdown>,
}

impl Quit {
    /// Installs the handlers (one that cannot be installed never fires).
    pub fn new() -> Quit {
        Quit {
            c: ctrl_c().ok(),
            brk: ctrl_break().ok(),
            close: ctrl_close().ok(),
            logoff: ctrl_logoff().ok(),
            shutdown: ctrl_shutdown().ok(),
        }
    }

    /// Waits for one of them.
    pub async fn recv(&mut self) {
        tokio::select! {
            () = super::wait_or_never(self.c.as_mut().map(|s| s.recv())) => {}
            () = super::wait_or_never(self.brk.as_mut().map(|s| s.recv())) => {}
            () = super::wait_or_never(self.close.as_mut().map(|s| s.recv())) => {}
            () = super::wait_or_never(self.logoff.as_mut().map(|s| s.recv())) => {}
            () = super::wait_or_never(self.shutdown.as_mut().map(|s| s.recv())) => {}
        }
    }
}

impl Default for Quit {
    fn default() -> Quit {
        Quit::new()
    }
}

/// `%ProgramData%\Docker\cli-plugins` and `%ProgramFiles%\Docker\cli-plugins`, as the docker CLI
/// has them (Docker Desktop installs Compose in the second).
pub(super) fn docker_plugin_dirs() -> Vec<PathBuf> {
    ["ProgramData", "ProgramFiles"]
        .into_iter()
        .filter_map(std::env::var_os)
        .map(|d| PathBuf::from(d).join("Docker").join("cli-plugins"))
        .collect()
}

pub(super) fn is_executable(p: &Path) -> bool {
    p.is_file()
}
