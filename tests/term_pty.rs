//! The terminal lifecycle (src/term.rs) in a real pseudo-terminal: init takes the terminal,
//! restore gives it back exactly once, a panic restores before its message, Ctrl-Z's suspend
//! stops the process with the terminal usable and repaints everything on resume, and a pipe is
//! refused without a single escape byte.
//!
//! `harness = false`: `main` runs the scenarios as the parent, or plays one scenario as the
//! child when PRACDOCKER_TERM_CHILD names it (the child is this same binary).

#[cfg(unix)]
fn main() {
    match std::env::var("PRACDOCKER_TERM_CHILD") {
        Ok(scenario) => unix::child(&scenario),
        Err(_) => unix::parent(),
    }
}

#[cfg(not(unix))]
fn main() {
    println!("term_pty: pseudo-terminals are Unix only; nothing to run here");
}

#[cfg(unix)]
mod unix {
    use std::fs::File;
    use std::io::{Read, Write};
    use std::os::fd::{AsFd, OwnedFd};
    use std::os::unix::process::CommandExt;
    use std::process::{Command, Stdio};
    use std::sync::{Arc, Mutex};
    use std::thread;
    use std::time::{Duration, Instant};

    use nix::pty::{openpty, Winsize};
    use nix::sys::signal::{kill, Signal};
    use nix::sys::termios::{tcgetattr, LocalFlags};
    use nix::sys::wait::{waitpid, WaitPidFlag, WaitStatus};
    use nix::unistd::Pid;
    use pracdocker::term::{self, RestoreGuard, TermError};
    use ratatui::widgets::Paragraph;

    const ENTER_ALT: &str = "\x1b[?1049h";
    const LEAVE_ALT: &str = "\x1b[?1049l";
    const MOUSE_ON: &str = "\x1b[?1000h";
    const MOUSE_OFF: &str = "\x1b[?1000l";
    const HIDE: &str = "\x1b[?25l";
    const SHOW: &str = "\x1b[?25h";
    const DEADLINE: Duration = Duration::from_secs(30);

    // ---- child side -------------------------------------------------------------------------

    fn cooked() -> bool {
        tcgetattr(std::io::stdin().as_fd())
            .map(|t| {
                t.local_flags
                    .contains(LocalFlags::ICANON | LocalFlags::ECHO)
            })
            .unwrap_or(false)
    }

    fn show(t: &mut term::Tui, text: &'static str) {
        t.draw(|f| f.render_widget(Paragraph::new(text), f.area()))
            .expect("draw");
    }

    pub fn child(scenario: &str) {
        term::install_panic_hook();
        match scenario {
            "session" => {
                let mut t = term::init().expect("init");
                let guard = RestoreGuard::new();
                show(&mut t, "hola-pty");
                let raw_during = !cooked();
                term::restore().expect("restore");
                term::restore().expect("second restore");
                drop(guard);
                println!("raw-during={raw_during} cooked-after={}", cooked());
            }
            "panic" => {
                let mut t = term::init().expect("init");
                let _guard = RestoreGuard::new();
                show(&mut t, "antes-del-panico");
                panic!("boom-in-trainer");
            }
            "suspend" => {
                let mut t = term::init().expect("init");
                let _guard = RestoreGuard::new();
                show(&mut t, "pantalla-fija");
                term::suspend(&mut t).expect("suspend");
                // Same frame as before: only a forced full redraw writes it again.
                show(&mut t, "pantalla-fija");
                term::restore().expect("restore");
                println!("resumed");
            }
            "pipe" => match term::init() {
                Err(TermError::NotATerminal) => eprintln!("not-a-terminal"),
                other => eprintln!("unexpected: {:?}", other.map(|_| ())),
            },
            other => panic!("unknown scenario {other}"),
        }
        let _ = std::io::stdout().flush();
    }

    // ---- parent side ------------------------------------------------------------------------

    struct Run {
        pid: Pid,
        master: OwnedFd,
        output: Arc<Mutex<Vec<u8>>>,
        reader: thread::JoinHandle<()>,
    }

    impl Run {
        fn text(&self) -> String {
            let bytes = self.output.lock().map(|b| b.clone()).unwrap_or_default();
            String::from_utf8_lossy(&bytes).into_owned()
        }

        /// Waits until the output contains `needle` (the reader may lag behind the child).
        fn wait_for_output(&self, needle: &str) -> bool {
            let start = Instant::now();
            while start.elapsed() < DEADLINE {
                if self.text().contains(needle) {
                    return true;
                }
                thread::sleep(Duration::from_millis(10));
            }
            false
        }

        /// Waits for the child to stop or exit; kills it at the deadline.
        fn wait(&self) -> WaitStatus {
            let start = Instant::now();
            loop {
                let flags = WaitPidFlag::WNOHANG | WaitPidFlag::WUNTRACED;
                match waitpid(self.pid, Some(flags)) {
                    Ok(WaitStatus::StillAlive) if start.elapsed() < DEADLINE => {
                        thread::sleep(Duration::from_millis(10))
                    }
                    Ok(WaitStatus::StillAlive) => {
                        let _ = kill(self.pid, Signal::SIGKILL);
                        let _ = waitpid(self.pid, None);
                        return WaitStatus::StillAlive;
                    }
                    Ok(status) => return status,
                    Err(e) => panic!("waitpid: {e}"),
                }
            }
        }

        /// The pseudo-terminal's line discipline is back to canonical mode with echo.
        fn pty_cooked(&self) -> bool {
            tcgetattr(self.master.as_fd())
                .map(|t| {
                    t.local_flags
                        .contains(LocalFlags::ICANON | LocalFlags::ECHO)
                })
                .unwrap_or(false)
        }

        fn finish(self) -> String {
            let Run { reader, output, .. } = self;
            let _ = reader.join();
            let bytes = output.lock().map(|b| b.clone()).unwrap_or_default();
            String::from_utf8_lossy(&bytes).into_owned()
        }
    }

    // Reaped with `waitpid` in `Run::wait` (std's `wait` cannot report a stopped child).
    #[allow(clippy::zombie_processes)]
    fn spawn(scenario: &str) -> Run {
        let size = Winsize {
            ws_row: 24,
            ws_col: 80,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        let pty = openpty(&size, None).expect("openpty");
        let exe = std::env::current_exe().expect("own path");
        let mut cmd = Command::new(exe);
        cmd.env("PRACDOCKER_TERM_CHILD", scenario)
            .env("RUST_BACKTRACE", "0")
            .stdin(Stdio::from(pty.slave.try_clone().expect("dup")))
            .stdout(Stdio::from(pty.slave.try_clone().expect("dup")))
            .stderr(Stdio::from(pty.slave))
            // Its own process group, whose parent (this process) is in the same session: the
            // group is not orphaned, so SIGTSTP really stops it.
            .process_group(0);
        let child = cmd.spawn().expect("spawn child");
        // Close every copy of the slave here, or reading the master never ends.
        drop(cmd);
        let pid = Pid::from_raw(i32::try_from(child.id()).expect("pid"));
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        let mut file = File::from(pty.master.try_clone().expect("dup"));
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 4096];
            // Linux answers EIO once the child's side is closed and drained.
            while let Ok(n @ 1..) = file.read(&mut buf) {
                if let Ok(mut out) = sink.lock() {
                    out.extend_from_slice(&buf[..n]);
                }
            }
        });
        Run {
            pid,
            master: pty.master,
            output,
            reader,
        }
    }

    /// Each needle appears after the previous one.
    fn in_order(text: &str, needles: &[&str]) -> Result<(), String> {
        let mut from = 0;
        for n in needles {
            match text[from..].find(n) {
                Some(i) => from += i + n.len(),
                None => return Err(format!("{n:?} missing after byte {from} in {text:?}")),
            }
        }
        Ok(())
    }

    fn session() -> Result<(), String> {
        let run = spawn("session");
        let status = run.wait();
        let cooked = run.pty_cooked();
        let out = run.finish();
        if !matches!(status, WaitStatus::Exited(_, 0)) {
            return Err(format!("child ended with {status:?}: {out:?}"));
        }
        in_order(
            &out,
            &[
                ENTER_ALT,
                MOUSE_ON,
                HIDE,
                "hola-pty",
                LEAVE_ALT,
                MOUSE_OFF,
                SHOW,
                "raw-during=true cooked-after=true",
            ],
        )?;
        // (ratatui's own Drop may show the cursor once more; that is harmless.)
        if out.matches(LEAVE_ALT).count() != 1 || out.matches(MOUSE_OFF).count() != 1 {
            return Err(format!("restore is not idempotent: {out:?}"));
        }
        cooked
            .then_some(())
            .ok_or("the pty stayed in raw mode".into())
    }

    fn panic_restores_first() -> Result<(), String> {
        let run = spawn("panic");
        let status = run.wait();
        let cooked = run.pty_cooked();
        let out = run.finish();
        if !matches!(status, WaitStatus::Exited(_, 101)) {
            return Err(format!("expected a panic exit, got {status:?}: {out:?}"));
        }
        in_order(
            &out,
            &[
                ENTER_ALT,
                "antes-del-panico",
                LEAVE_ALT,
                SHOW,
                "boom-in-trainer",
            ],
        )?;
        if out.matches(LEAVE_ALT).count() != 1 {
            return Err(format!("guard restored again after the hook: {out:?}"));
        }
        cooked
            .then_some(())
            .ok_or("the pty stayed in raw mode".into())
    }

    fn suspend_and_resume() -> Result<(), String> {
        let run = spawn("suspend");
        let stopped = run.wait();
        if !matches!(stopped, WaitStatus::Stopped(_, Signal::SIGTSTP)) {
            let _ = kill(run.pid, Signal::SIGKILL);
            return Err(format!(
                "expected a stop, got {stopped:?}: {:?}",
                run.text()
            ));
        }
        if !run.wait_for_output(SHOW) {
            return Err(format!(
                "cursor not shown before stopping: {:?}",
                run.text()
            ));
        }
        let cooked_while_stopped = run.pty_cooked();
        let before = run.text().len();
        kill(run.pid, Signal::SIGCONT).map_err(|e| e.to_string())?;
        let status = run.wait();
        let out = run.finish();
        if !matches!(status, WaitStatus::Exited(_, 0)) {
            return Err(format!("child ended with {status:?}: {out:?}"));
        }
        if !cooked_while_stopped {
            return Err("the shell got the terminal back in raw mode".into());
        }
        in_order(&out, &[ENTER_ALT, "pantalla-fija", LEAVE_ALT, SHOW])?;
        // After the resume: the screen is taken again and the unchanged frame is repainted.
        let after = out.get(before..).unwrap_or_default();
        in_order(
            after,
            &[ENTER_ALT, HIDE, "pantalla-fija", LEAVE_ALT, "resumed"],
        )
    }

    fn pipe_is_refused() -> Result<(), String> {
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        let out = Command::new(exe)
            .env("PRACDOCKER_TERM_CHILD", "pipe")
            .stdin(Stdio::null())
            .output()
            .map_err(|e| e.to_string())?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        if !out.stdout.is_empty() || stderr.trim() != "not-a-terminal" {
            return Err(format!("stdout {:?}, stderr {stderr:?}", out.stdout));
        }
        Ok(())
    }

    pub fn parent() {
        type Case = (&'static str, fn() -> Result<(), String>);
        let cases: [Case; 4] = [
            ("init_and_restore_in_a_pty", session),
            ("panic_restores_before_the_message", panic_restores_first),
            ("suspend_stops_and_repaints_on_resume", suspend_and_resume),
            ("a_pipe_is_refused_without_escapes", pipe_is_refused),
        ];
        let mut failed = 0;
        for (name, case) in cases {
            match case() {
                Ok(()) => println!("test {name} ... ok"),
                Err(why) => {
                    failed += 1;
                    println!("test {name} ... FAILED\n    {why}");
                }
            }
        }
        println!(
            "\ntest result: {} passed; {failed} failed",
            cases.len() - failed
        );
        if failed > 0 {
            std::process::exit(1);
        }
    }
}
