//! The trainer's one shell: started on demand at the pane's size, commands typed once its prompt
//! is up, ended (SIGHUP, reaped) when it exits, when the pane closes or when the trainer quits.

use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::Notify;

use super::{Exit, Shell, ShellError};

/// Holds the pane's shell, if one runs.
pub struct Slot {
    program: String,
    workdir: PathBuf,
    wake: Arc<Notify>,
    shell: Option<Shell>,
    /// A command asked for before the shell printed anything: typed into a fresh shell before
    /// its line editor is up, the terminal would echo it once and the editor again.
    queued: Option<String>,
}

impl Slot {
    /// An empty slot that will start `program` in `workdir`.
    pub fn new(program: String, workdir: PathBuf) -> Slot {
        Slot {
            program,
            workdir,
            wake: Arc::new(Notify::new()),
            shell: None,
            queued: None,
        }
    }

    /// Woken whenever the shell writes (or its output ends); wake-ups coalesce.
    pub fn waker(&self) -> Arc<Notify> {
        self.wake.clone()
    }

    /// Starts the shell on a `rows`×`cols` terminal, unless one runs.
    pub fn open(&mut self, rows: u16, cols: u16) -> Result<(), ShellError> {
        if self.shell.is_none() {
            let s = Shell::spawn(&self.program, &self.workdir, rows, cols, self.wake.clone())?;
            self.shell = Some(s);
        }
        Ok(())
    }

    /// The running shell.
    pub fn get(&mut self) -> Option<&mut Shell> {
        self.shell.as_mut()
    }

    /// Types `text` (without running it) now, or as soon as the shell has shown its prompt.
    pub fn type_text(&mut self, text: String) -> Result<(), ShellError> {
        match self.shell.as_mut() {
            Some(s) if s.spoke() => s.type_text(&text),
            _ => {
                self.queued = Some(text);
                Ok(())
            }
        }
    }

    /// Call on every wake-up: types a queued command once the prompt is up, and when the shell
    /// has exited drops (reaps) it and says how it ended.
    pub fn poll(&mut self) -> Option<Exit> {
        let s = self.shell.as_mut()?;
        if let Some(exit) = s.try_exit() {
            self.shell = None;
            self.queued = None;
            return Some(exit);
        }
        if s.spoke() {
            if let Some(text) = self.queued.take() {
                let _ = s.type_text(&text);
            }
        }
        None
    }

    /// Ends the shell (SIGHUP, then reaped).
    pub fn close(&mut self) {
        self.queued = None;
        self.shell = None;
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[test]
    fn a_command_asked_for_early_is_typed_after_the_prompt_and_exit_is_reported() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut slot = Slot::new("/bin/sh".into(), dir.path().to_path_buf());
        slot.open(10, 60).expect("open");
        slot.type_text("echo typed-$((6*7))".into()).expect("queue");
        let deadline = Instant::now() + Duration::from_secs(10);
        let contents = |slot: &mut Slot| {
            slot.get()
                .map(|s| s.parser().screen().contents())
                .unwrap_or_default()
        };
        while slot.queued.is_some() && Instant::now() < deadline {
            assert_eq!(slot.poll(), None);
            std::thread::sleep(Duration::from_millis(10));
        }
        std::thread::sleep(Duration::from_millis(100));
        // Typed, not run: the line is there once and no result.
        let text = contents(&mut slot);
        assert_eq!(text.matches("echo typed-$((6*7))").count(), 1, "{text}");
        assert!(!text.contains("typed-42"), "{text}");
        slot.get().expect("shell").write(b"\r").expect("enter");
        while !contents(&mut slot).contains("typed-42") && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        assert!(contents(&mut slot).contains("typed-42"));
        slot.get().expect("shell").write(b"exit 0\r").expect("exit");
        let mut exit = None;
        while exit.is_none() && Instant::now() < deadline {
            exit = slot.poll();
            std::thread::sleep(Duration::from_millis(10));
        }
        assert_eq!(exit, Some(Exit { code: 0 }));
        assert!(slot.get().is_none());
    }
}
