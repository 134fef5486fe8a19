//! The trainer's terminal lifecycle: enter (raw mode, alternate screen, mouse, hidden cursor),
//! restore on every path (explicit call, guard drop, panic), and suspend for Ctrl-Z. Nothing
//! here draws; the PTY test (tests/term_pty.rs) drives it against a real pseudo-terminal.

use std::io::{self, IsTerminal, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::layout::Rect;
use ratatui::Terminal;

use crate::i18n::Tr;

/// The trainer's terminal.
pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Why the terminal could not be set up or given back.
#[derive(Debug, thiserror::Error)]
pub enum TermError {
    /// Standard output is a pipe or a file: the caller should fall back to plain text.
    #[error("standard output is not a terminal")]
    NotATerminal,
    /// A terminal operation failed.
    #[error("could not {step}: {source}")]
    Io {
        /// What was being done ("enter raw mode", ...).
        step: &'static str,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
}

impl TermError {
    /// The error in the learner's language.
    pub fn message(&self, tr: &Tr) -> String {
        match self {
            TermError::NotATerminal => tr.t("term-not-a-terminal"),
            TermError::Io { source, .. } => tr.ta("term-failed", &[("error", &source.to_string())]),
        }
    }
}

fn io_err(step: &'static str) -> impl FnOnce(io::Error) -> TermError {
    move |source| TermError::Io { step, source }
}

/// True between a successful [`enter`] and the next [`restore`]: restoring twice (guard, panic
/// hook, explicit call) writes nothing the second time.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Takes over the terminal and returns a ratatui terminal drawing on stdout. Fails without
/// touching anything when stdout is not a terminal. Call [`install_panic_hook`] first and keep
/// a [`RestoreGuard`] alive while the trainer runs.
pub fn init() -> Result<Tui, TermError> {
    ensure_terminal(io::stdout().is_terminal())?;
    enter()?;
    // Fullscreen `Terminal::new` asks the size only (no cursor query that could block).
    Terminal::new(CrosstermBackend::new(io::stdout())).map_err(|e| {
        let _ = restore();
        io_err("create the terminal")(e)
    })
}

/// The check `init` makes before touching the terminal.
fn ensure_terminal(is_terminal: bool) -> Result<(), TermError> {
    if is_terminal {
        Ok(())
    } else {
        Err(TermError::NotATerminal)
    }
}

/// Raw mode, alternate screen, mouse capture, hidden cursor, cleared screen. Undone on failure.
fn enter() -> Result<(), TermError> {
    enable_raw_mode().map_err(io_err("enter raw mode"))?;
    ACTIVE.store(true, Ordering::SeqCst);
    // Clear with an escape, never `Terminal::clear()`: that queries the cursor position and
    // blocks on a terminal that does not answer.
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        Hide,
        Clear(ClearType::All)
    )
    .map_err(|e| {
        let _ = restore();
        io_err("enter the alternate screen")(e)
    })
}

/// Gives the terminal back: leaves the alternate screen, stops mouse capture, leaves raw mode,
/// shows the cursor. Does nothing when the terminal is not taken, so it is safe to call from a
/// panic hook, a guard and the normal exit path alike. Every step is tried even if one fails;
/// the first error is returned.
pub fn restore() -> Result<(), TermError> {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return Ok(());
    }
    let mut out = io::stdout();
    let screen = execute!(out, LeaveAlternateScreen, DisableMouseCapture)
        .map_err(io_err("leave the alternate screen"));
    let raw = disable_raw_mode().map_err(io_err("leave raw mode"));
    let cursor = execute!(out, Show)
        .and_then(|()| out.flush())
        .map_err(io_err("show the cursor"));
    screen.and(raw).and(cursor)
}

/// Makes a panic restore the terminal first, then print its message through the previous hook
/// (so the message lands on the normal screen, after the cursor is visible again). Installing
/// twice has no further effect.
pub fn install_panic_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = restore();
            previous(info);
        }));
    });
}

/// Restores the terminal when dropped, also while unwinding from a panic.
#[derive(Debug)]
#[must_use = "the terminal is restored when the guard is dropped"]
pub struct RestoreGuard {
    _private: (),
}

impl RestoreGuard {
    /// A guard for the terminal taken by [`init`].
    pub fn new() -> RestoreGuard {
        RestoreGuard { _private: () }
    }
}

impl Default for RestoreGuard {
    fn default() -> RestoreGuard {
        RestoreGuard::new()
    }
}

impl Drop for RestoreGuard {
    fn drop(&mut self) {
        let _ = restore();
    }
}

/// Ctrl-Z: gives the terminal back, stops the process (SIGTSTP, as the shell expects) and, once
/// the shell resumes it (`fg`), takes the terminal again and forces a full redraw. Unix only:
/// Windows has no job control, and there Ctrl-Z is no key of the trainer.
#[cfg(unix)]
pub fn suspend(terminal: &mut Tui) -> Result<(), TermError> {
    restore()?;
    crate::platform::stop_process().map_err(io_err("suspend"))?;
    enter()?;
    redraw_all(terminal)
}

/// Makes the next `draw` repaint every cell (after a resume, or when the screen was disturbed),
/// without `Terminal::clear()`'s cursor query: resizing a fullscreen terminal clears the screen
/// and forgets the previous frame.
pub fn redraw_all(terminal: &mut Tui) -> Result<(), TermError> {
    let size = terminal.size().map_err(io_err("read the terminal size"))?;
    terminal
        .resize(Rect::new(0, 0, size.width, size.height))
        .map_err(io_err("redraw the terminal"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn init_refuses_a_pipe_before_touching_anything() {
        assert!(matches!(
            ensure_terminal(false),
            Err(TermError::NotATerminal)
        ));
        assert!(ensure_terminal(true).is_ok());
        assert!(!ACTIVE.load(Ordering::SeqCst));
    }

    #[test]
    fn restore_without_init_is_a_no_op() {
        // Not taken: nothing is written and nothing fails, however often it is called.
        assert!(restore().is_ok());
        assert!(restore().is_ok());
        drop(RestoreGuard::new());
        assert!(!ACTIVE.load(Ordering::SeqCst));
    }

    #[test]
    fn errors_speak_the_learners_language() {
        use crate::lang::Lang;
        let es = Tr::new(Lang::Es);
        let en = Tr::new(Lang::En);
        assert!(TermError::NotATerminal.message(&es).contains("--plain"));
        assert!(TermError::NotATerminal
            .message(&en)
            .starts_with("pracdocker needs"));
        let e = io_err("enter raw mode")(io::Error::other("boom"));
        assert_eq!(e.message(&es), "No se pudo preparar la terminal: boom");
        assert_eq!(e.message(&en), "Could not set up the terminal: boom");
    }

    #[test]
    fn errors_name_the_step() {
        let e = io_err("enter raw mode")(io::Error::other("boom"));
        assert_eq!(e.to_string(), "could not enter raw mode: boom");
    }
}
