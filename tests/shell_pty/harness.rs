//! The real `pracdocker` binary in an outer pseudo-terminal, with its learner's shell pane, and
//! the screen it draws parsed by vt100 (matched as text, never as raw bytes). Shared by
//! tests/shell_pty.rs and benches/shell.rs; it never creates Docker objects itself.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};

/// The steps before `02-red/crear-red`, completed in [`Fixture`]'s progress file.
pub const DONE_BEFORE_NETWORK: &[&str] = &[
    "01-imagen/dockerfile",
    "01-imagen/etiquetar",
    "01-imagen/que-hace-tag",
];

/// The shell's prompt in the pane (`PS1`), easy to find on screen.
pub const PROMPT: &str = "pane$ ";

/// A learner's folder and a progress file in which the network step is the current one.
pub struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    /// A fresh temporary folder with `work/` and the progress file.
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("work")).expect("workdir");
        let completed: Vec<String> = DONE_BEFORE_NETWORK
            .iter()
            .enumerate()
            .map(|(i, k)| format!("\"{k}\": {}", 1_764_300_001 + i))
            .collect();
        let json = format!(
            "{{\"version\": 1, \"started\": 1764300000, \"completed\": {{{}}}}}",
            completed.join(", ")
        );
        std::fs::write(dir.path().join("progress.json"), json).expect("progress file");
        Fixture { dir }
    }

    /// The learner's folder (`--workdir`).
    pub fn workdir(&self) -> PathBuf {
        self.dir.path().join("work")
    }

    /// `$PRACDOCKER_PROGRESS`.
    pub fn progress(&self) -> PathBuf {
        self.dir.path().join("progress.json")
    }

    /// Starts the trainer (Spanish, the mini course, `--shell`) with `/bin/sh` as the learner's
    /// shell, on a `rows`×`cols` outer terminal. Without `daemon` it gets a `DOCKER_HOST` where
    /// nothing answers, so what other tests do to the daemon cannot move its steps.
    pub fn trainer(&self, rows: u16, cols: u16, daemon: bool) -> Term {
        self.trainer_with(rows, cols, daemon, true)
    }

    /// [`Fixture::trainer`], with or without `--shell`.
    pub fn trainer_with(&self, rows: u16, cols: u16, daemon: bool, shell: bool) -> Term {
        let course = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/mini-curso");
        let mut args = vec![
            "--lang".to_string(),
            "es".to_string(),
            "--lessons".to_string(),
            course.display().to_string(),
            "--workdir".to_string(),
            self.workdir().display().to_string(),
        ];
        if shell {
            args.push("--shell".to_string());
        }
        let progress = self.progress().display().to_string();
        let nowhere = format!(
            "unix://{}",
            self.dir.path().join("no-docker.sock").display()
        );
        let mut env = vec![
            ("PRACDOCKER_PROGRESS", progress.as_str()),
            ("SHELL", "/bin/sh"),
            ("PS1", PROMPT),
        ];
        if !daemon {
            env.push(("DOCKER_HOST", nowhere.as_str()));
        }
        Term::spawn(
            env!("CARGO_BIN_EXE_pracdocker"),
            &args,
            &self.workdir(),
            &env,
            rows,
            cols,
        )
    }
}

impl Default for Fixture {
    fn default() -> Fixture {
        Fixture::new()
    }
}

struct Screen {
    parser: vt100::Parser,
    bytes: usize,
    closed: bool,
}

/// A program in a pseudo-terminal, its screen parsed as it writes. Killed when dropped.
pub struct Term {
    screen: Arc<(Mutex<Screen>, Condvar)>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
}

impl Term {
    /// Spawns `program ARGS` in `cwd` with `TERM=xterm-256color` and `env`.
    pub fn spawn(
        program: &str,
        args: &[String],
        cwd: &Path,
        env: &[(&str, &str)],
        rows: u16,
        cols: u16,
    ) -> Term {
        let pair = native_pty_system()
            .openpty(size(rows, cols))
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn in the pty");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let screen = Arc::new((
            Mutex::new(Screen {
                parser: vt100::Parser::new(rows, cols, 0),
                bytes: 0,
                closed: false,
            }),
            Condvar::new(),
        ));
        let shared = screen.clone();
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                let n = reader.read(&mut buf).unwrap_or(0);
                let (lock, cvar) = &*shared;
                let mut s = lock.lock().unwrap_or_else(|e| e.into_inner());
                if n == 0 {
                    s.closed = true;
                    cvar.notify_all();
                    return;
                }
                s.parser.process(&buf[..n]);
                s.bytes += n;
                cvar.notify_all();
            }
        });
        Term {
            screen,
            writer,
            child,
            master: pair.master,
        }
    }

    /// The program's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
    }

    /// Types bytes as the outer terminal would send them.
    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// The screen as text.
    pub fn text(&self) -> String {
        let (lock, _) = &*self.screen;
        let s = lock.lock().unwrap_or_else(|e| e.into_inner());
        s.parser.screen().contents()
    }

    /// Bytes the program wrote so far.
    pub fn bytes(&self) -> usize {
        let (lock, _) = &*self.screen;
        lock.lock().unwrap_or_else(|e| e.into_inner()).bytes
    }

    /// Waits until the screen satisfies `pred`; `Err(screen)` after `timeout`.
    pub fn wait_for(
        &self,
        timeout: Duration,
        pred: impl Fn(&str) -> bool,
    ) -> Result<Duration, String> {
        let start = Instant::now();
        let (lock, cvar) = &*self.screen;
        let mut s = lock.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let text = s.parser.screen().contents();
            if pred(&text) {
                return Ok(start.elapsed());
            }
            let left = timeout.saturating_sub(start.elapsed());
            if left.is_zero() || s.closed {
                return Err(text);
            }
            s = cvar
                .wait_timeout(s, left.min(Duration::from_millis(50)))
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Waits for `needle` on screen, panicking with the screen after `timeout`.
    pub fn expect(&self, needle: &str, timeout: Duration) -> Duration {
        self.wait_for(timeout, |t| t.contains(needle))
            .unwrap_or_else(|screen| {
                panic!("{needle:?} not on screen after {timeout:?}:\n{screen}")
            })
    }

    /// Resizes the outer terminal (the program gets SIGWINCH) and the parsed screen.
    pub fn resize(&mut self, rows: u16, cols: u16) {
        self.master
            .resize(size(rows, cols))
            .expect("resize the pty");
        let (lock, _) = &*self.screen;
        lock.lock()
            .unwrap_or_else(|e| e.into_inner())
            .parser
            .screen_mut()
            .set_size(rows, cols);
    }

    /// Waits up to `timeout` for the program to exit; its exit code.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<u32> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status.exit_code());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        None
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

/// The processes whose parent is `pid`, with their names, read from /proc.
pub fn children(pid: u32) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return out;
    };
    for entry in dir.flatten() {
        let Some(child) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{child}/stat")) else {
            continue;
        };
        // "pid (comm) state ppid ...": comm may hold spaces, so split after the last ')'.
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
            continue;
        };
        let ppid = stat[close + 1..]
            .split_whitespace()
            .nth(1)
            .and_then(|p| p.parse::<u32>().ok());
        if ppid == Some(pid) {
            out.push((child, stat[open + 1..close].to_string()));
        }
    }
    out
}

/// CPU time (user + system) a process has used, in clock ticks (1/100 s on Linux).
pub fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rfind(')').map_or("", |i| &stat[i + 1..]);
    // Fields after "(comm)": state is 3rd overall, utime 14th, stime 15th.
    let f: Vec<&str> = after.split_whitespace().collect();
    let n = |i: usize| f.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    n(11) + n(12)
}

/// Whether a process with this id exists (a zombie counts: it was not reaped).
pub fn alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}
