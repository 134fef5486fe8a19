//! The one pseudo-terminal harness: the real `pracdocker` binary (or any program) in a PTY, its
//! output parsed by vt100 and matched as screen text, never as raw bytes (ratatui moves the cursor
//! between words); the mini course fixture; /proc readings for the benchmarks. No Docker objects.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize, SlavePty};

/// The trainer's screen size in these tests (the size the course is written for).
pub const ROWS: u16 = 24;
/// Columns.
pub const COLS: u16 = 80;

/// The steps before `02-red/crear-red`: completed in [`Fixture`]'s progress file.
pub const DONE_BEFORE_NETWORK: &[&str] = &[
    "01-imagen/dockerfile",
    "01-imagen/etiquetar",
    "01-imagen/que-hace-tag",
];

/// Title of the network step (Spanish), and of the step after it.
pub const NETWORK_TITLE: &str = "Crear la red";
/// Title of the step unlocked by the network.
pub const SERVER_TITLE: &str = "Un servidor en la red";
/// The network step's failing checkpoint before the network exists.
pub const NETWORK_MISSING: &str = "No existe la red mininet";
/// Start of the status line when the daemon answers, whatever its version (Engine 20.10 here,
/// 26.1 in `.ci/engine26`).
pub const DAEMON_UP: &str = "● Docker ";

/// The shell's prompt in the pane (`PS1`), easy to find on screen.
pub const PROMPT: &str = "pane$ ";

/// A learner's folder and a progress file in which the network step is the current one.
pub struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    /// A fresh temporary workdir with the progress file reset.
    pub fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("work")).expect("workdir");
        let f = Fixture { dir };
        f.reset_progress();
        f
    }

    /// The learner's folder (`--workdir` and the child's cwd).
    pub fn workdir(&self) -> PathBuf {
        self.dir.path().join("work")
    }

    /// `$PRACDOCKER_PROGRESS`.
    pub fn progress(&self) -> PathBuf {
        self.dir.path().join("progress.json")
    }

    /// Writes the progress file again: the steps before the network step completed, nothing else.
    pub fn reset_progress(&self) {
        let started = 1_764_300_000i64;
        let completed: serde_json::Map<String, serde_json::Value> = DONE_BEFORE_NETWORK
            .iter()
            .enumerate()
            .map(|(i, k)| (k.to_string(), serde_json::json!(started + 1 + i as i64)))
            .collect();
        let json = serde_json::json!({
            "version": 1,
            "started": started,
            "completed": completed,
        });
        std::fs::write(self.progress(), json.to_string()).expect("progress file");
        let _ = std::fs::remove_file(self.dir.path().join("progress.json.lock"));
    }

    /// Writes a progress file in which nothing is done yet: the first step (a file step) is the
    /// current one.
    pub fn progress_at_start(&self) {
        let json = serde_json::json!({ "version": 1, "started": 1_764_300_000i64 });
        std::fs::write(self.progress(), json.to_string()).expect("progress file");
        let _ = std::fs::remove_file(self.dir.path().join("progress.json.lock"));
    }

    /// The progress file as written by the trainer.
    pub fn progress_json(&self) -> serde_json::Value {
        let text = std::fs::read_to_string(self.progress()).expect("progress file");
        serde_json::from_str(&text).expect("progress JSON")
    }

    /// The mini course shipped in `examples/`.
    pub fn course() -> PathBuf {
        PathBuf::from(super::courses::MINI)
    }

    /// The trainer's arguments (Spanish, the mini course, this workdir), plus `extra`.
    pub fn args(&self, extra: &[&str]) -> Vec<String> {
        let mut args = vec![
            "--lang".to_string(),
            "es".to_string(),
            "--lessons".to_string(),
            Fixture::course().display().to_string(),
            "--workdir".to_string(),
            self.workdir().display().to_string(),
        ];
        args.extend(extra.iter().map(|s| s.to_string()));
        args
    }

    /// Starts the trainer (Spanish, the mini course, `--shell`) with `/bin/sh` as the learner's
    /// shell, on a `rows`×`cols` outer terminal. Without `daemon` it gets a `DOCKER_HOST` where
    /// nothing answers, so what other tests do to the daemon cannot move its steps.
    pub fn trainer(&self, rows: u16, cols: u16, daemon: bool) -> Term {
        self.trainer_with(rows, cols, daemon, true)
    }

    /// [`Fixture::trainer`], with or without `--shell`.
    pub fn trainer_with(&self, rows: u16, cols: u16, daemon: bool, shell: bool) -> Term {
        let args = self.args(if shell { &["--shell"] } else { &[] });
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
            &[],
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

/// What the reader thread keeps: the parsed screen and when it last changed.
struct Screen {
    parser: vt100::Parser,
    /// When the last chunk of output was parsed.
    updated: Instant,
    /// Total bytes read.
    bytes: usize,
    /// The reader hit end of file or an error.
    closed: bool,
}

/// A child process in a pseudo-terminal, with its screen parsed as it writes. Killed (if still
/// running) when dropped.
pub struct Term {
    screen: Arc<(Mutex<Screen>, Condvar)>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    /// Kept open so the line discipline (echo, raw mode) can be observed after the child exits.
    _slave: Box<dyn SlavePty + Send>,
    master: Box<dyn MasterPty + Send>,
    /// When the child was spawned.
    pub spawned: Instant,
}

impl Term {
    /// Spawns `program ARGS` in `cwd` on a `rows`×`cols` terminal with `TERM=xterm-256color`,
    /// the variables in `env` set and those in `remove` removed.
    pub fn spawn(
        program: &str,
        args: &[String],
        cwd: &Path,
        env: &[(&str, &str)],
        remove: &[&str],
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
        for k in remove {
            cmd.env_remove(k);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let screen = Arc::new((
            Mutex::new(Screen {
                parser: vt100::Parser::new(rows, cols, 0),
                updated: Instant::now(),
                bytes: 0,
                closed: false,
            }),
            Condvar::new(),
        ));
        let spawned = Instant::now();
        let child = pair.slave.spawn_command(cmd).expect("spawn in the pty");
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
                s.updated = Instant::now();
                s.bytes += n;
                cvar.notify_all();
            }
        });
        Term {
            screen,
            writer,
            child,
            _slave: pair.slave,
            master: pair.master,
            spawned,
        }
    }

    /// Resizes the terminal (the child gets SIGWINCH) and the parsed screen with it.
    pub fn resize(&self, rows: u16, cols: u16) {
        let mut s = self.screen.0.lock().unwrap_or_else(|e| e.into_inner());
        s.parser.screen_mut().set_size(rows, cols);
        self.master
            .resize(size(rows, cols))
            .expect("resize the pty");
    }

    /// The child's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// Sends bytes as if typed.
    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// The screen's text now.
    pub fn contents(&self) -> String {
        self.with_screen(|s| s.contents())
    }

    /// Bytes the program wrote so far.
    pub fn bytes(&self) -> usize {
        self.screen
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .bytes
    }

    /// Runs `f` on the parsed screen.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        let s = self.screen.0.lock().unwrap_or_else(|e| e.into_inner());
        f(s.parser.screen())
    }

    /// Waits until `pred` holds for the screen; returns when the output that made it hold was
    /// parsed. `Err` carries the screen at the deadline (or once the output ended), to show in
    /// the failure.
    pub fn wait_until(
        &self,
        timeout: Duration,
        pred: impl Fn(&vt100::Screen) -> bool,
    ) -> Result<Instant, String> {
        let deadline = Instant::now() + timeout;
        let (lock, cvar) = &*self.screen;
        let mut s = lock.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if pred(s.parser.screen()) {
                return Ok(s.updated);
            }
            let now = Instant::now();
            if now >= deadline || s.closed {
                return Err(s.parser.screen().contents());
            }
            // Wake up now and then even without output, for conditions that change without it.
            let wait = (deadline - now).min(Duration::from_millis(50));
            s = cvar
                .wait_timeout(s, wait)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Waits until the screen's text satisfies `pred`; how long that took, or `Err(screen)`.
    pub fn wait_for(
        &self,
        timeout: Duration,
        pred: impl Fn(&str) -> bool,
    ) -> Result<Duration, String> {
        let start = Instant::now();
        self.wait_until(timeout, |s| pred(&s.contents()))
            .map(|_| start.elapsed())
    }

    /// Waits for `needle` on screen, panicking with the screen after `timeout`.
    pub fn expect(&self, needle: &str, timeout: Duration) -> Duration {
        self.wait_for(timeout, |t| t.contains(needle))
            .unwrap_or_else(|screen| {
                panic!("{needle:?} not on screen after {timeout:?}:\n{screen}")
            })
    }

    /// Waits until the screen shows every one of `texts`; panics with the screen otherwise.
    /// Returns when the output that showed them was parsed.
    pub fn expect_all(&self, what: &str, texts: &[&str], timeout: Duration) -> Instant {
        self.wait_until(timeout, |s| {
            let c = s.contents();
            texts.iter().all(|t| c.contains(t))
        })
        .unwrap_or_else(|screen| {
            panic!("{what}: expected {texts:?} on screen within {timeout:?}; the screen:\n{screen}")
        })
    }

    /// Waits for the child to exit; `None` when it is still running after `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<portable_pty::ExitStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
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

/// Whether a process with this id exists (a zombie counts: it was not reaped).
pub fn alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

/// `/proc/<pid>/stat` utime + stime, in clock ticks.
pub fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("/proc/PID/stat");
    // The command name may contain spaces: fields are counted after its closing parenthesis.
    let rest = &stat[stat.rfind(')').expect("stat format") + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // After the name: state is field 3, utime field 14, stime field 15.
    let utime: u64 = fields[11].parse().expect("utime");
    let stime: u64 = fields[12].parse().expect("stime");
    utime + stime
}

/// A `/proc/<pid>/status` line in kB (`VmRSS`, `VmHWM`).
pub fn status_kb(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc/PID/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .expect("status field")
}

/// Clock ticks per second (`getconf CLK_TCK`; 100 on Linux when it cannot be asked).
pub fn clock_ticks() -> u64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok()?.trim().parse().ok())
        .unwrap_or(100)
}
