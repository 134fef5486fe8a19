//! The trainer end to end: the real binary in an 80×24 pseudo-terminal (screen parsed by vt100)
//! with the mini course, a temporary workdir and a progress file that makes the network step
//! current. A daemon event completes the step with no key pressed; a lost daemon is diagnosed
//! and found again; `q` and SIGTERM give the terminal back; `--plain` works through pipes.
#![cfg(unix)]

mod support;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use support::proxy::Proxy;
use support::pty::{self, Fixture, Term, DAEMON_UP, NETWORK_MISSING, NETWORK_TITLE, SERVER_TITLE};

const BIN: &str = env!("CARGO_BIN_EXE_pracdocker");

/// The flash shown when a step passes (Spanish).
const STEP_DONE: &str = "Paso completado";
/// The start of the status line when the daemon cannot be reached (Spanish).
const COULD_NOT_VERIFY: &str = "No se pudo verificar";

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

/// Removes the course's network when dropped, also when the test fails.
struct RemoveNetwork;

impl RemoveNetwork {
    fn now() -> RemoveNetwork {
        support::docker_quiet(&["network", "rm", "mininet"]);
        RemoveNetwork
    }
}

impl Drop for RemoveNetwork {
    fn drop(&mut self) {
        support::docker_quiet(&["network", "rm", "mininet"]);
    }
}

/// The trainer on the fixture's course and progress, in a pseudo-terminal.
fn trainer(fx: &Fixture, env: &[(&str, &str)], remove: &[&str]) -> Term {
    let progress = fx.progress().display().to_string();
    let mut all = vec![("PRACDOCKER_PROGRESS", progress.as_str())];
    all.extend_from_slice(env);
    Term::spawn(
        BIN,
        &fx.args(&[]),
        &fx.workdir(),
        &all,
        remove,
        pty::ROWS,
        pty::COLS,
    )
}

/// The text of the bottom `n` rows (the status line is one row, three when the daemon is down).
fn bottom_rows(screen: &vt100::Screen, n: usize) -> String {
    let rows: Vec<String> = screen.rows(0, screen.size().1).collect();
    rows[rows.len().saturating_sub(n)..].join("\n")
}

/// Quits with `q` and checks the exit status.
fn quit(term: &mut Term) {
    term.send(b"q");
    let status = term
        .wait_exit(secs(5))
        .unwrap_or_else(|| panic!("no exit 5 s after q; the screen:\n{}", term.contents()));
    assert!(status.success(), "exit status after q: {status:?}");
}

/// The terminal is given back: main screen, cursor shown, no mouse capture, and the line
/// discipline echoes typed text again (it does not in raw mode).
fn assert_restored(term: &mut Term, marker: &str) {
    term.with_screen(|s| {
        assert!(!s.alternate_screen(), "still in the alternate screen");
        assert!(!s.hide_cursor(), "cursor still hidden");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse still captured"
        );
    });
    term.send(format!("{marker}\r").as_bytes());
    term.wait_until(secs(3), |s| s.contents().contains(marker))
        .unwrap_or_else(|screen| {
            panic!("typed text not echoed: the pseudo-terminal is still in raw mode; the screen:\n{screen}")
        });
}

#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn a_daemon_event_completes_the_step_with_no_key_pressed() {
    let Some(_serial) =
        support::daemon_tests("a_daemon_event_completes_the_step_with_no_key_pressed")
    else {
        return;
    };
    let _cleanup = RemoveNetwork::now();
    let fx = Fixture::new();
    let mut term = trainer(&fx, &[], &[]);
    term.expect_all(
        "network step current, checked, daemon watched",
        &[NETWORK_TITLE, NETWORK_MISSING, DAEMON_UP],
        secs(10),
    );
    term.with_screen(|s| {
        assert!(
            s.alternate_screen(),
            "the trainer takes the alternate screen"
        )
    });

    support::docker(&["network", "create", "mininet"]);
    let created = Instant::now();
    let shown = term.expect_all(
        "the step done after `docker network create mininet`",
        &[STEP_DONE, SERVER_TITLE],
        secs(5),
    );
    eprintln!(
        "event → unlocked step on screen: {:?}",
        shown.saturating_duration_since(created)
    );

    // The completion is saved, off the UI path, shortly after.
    let deadline = Instant::now() + secs(3);
    loop {
        let p = fx.progress_json();
        if p["completed"]["02-red/crear-red"].is_i64() {
            for k in pty::DONE_BEFORE_NETWORK {
                assert!(p["completed"][k].is_i64(), "{k} kept: {p}");
            }
            break;
        }
        assert!(Instant::now() < deadline, "completion not saved: {p}");
        std::thread::sleep(Duration::from_millis(50));
    }
    quit(&mut term);
    assert_restored(&mut term, "fin-del-paso");
}

#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn a_lost_daemon_is_diagnosed_and_found_again() {
    let Some(_serial) = support::daemon_tests("a_lost_daemon_is_diagnosed_and_found_again") else {
        return;
    };
    let _cleanup = RemoveNetwork::now();
    let mut proxy = Proxy::start(Path::new("/var/run/docker.sock"));
    let host = proxy.docker_host();
    let fx = Fixture::new();
    let mut term = trainer(
        &fx,
        &[("DOCKER_HOST", &host)],
        &["DOCKER_CONTEXT", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH"],
    );
    // Wide enough for the status line to name the endpoint (at 80 columns it gives way to the
    // keys, and the help overlay names it).
    term.resize(pty::ROWS, 140);
    term.expect_all(
        "connected through the proxy",
        &[NETWORK_TITLE, NETWORK_MISSING, DAEMON_UP, &host],
        secs(10),
    );

    proxy.kill();
    let killed = Instant::now();
    term.wait_until(secs(6), |s| {
        let status = bottom_rows(s, 6);
        status.contains(COULD_NOT_VERIFY) && !status.contains(DAEMON_UP)
    })
    .unwrap_or_else(|screen| panic!("no diagnosis after the proxy died; the screen:\n{screen}"));
    eprintln!("daemon lost → diagnosis on screen: {:?}", killed.elapsed());
    assert!(
        term.contents().contains(&host),
        "the diagnosis names the endpoint {host}:\n{}",
        term.contents()
    );

    // Let a few attempts fail, so the backoff has grown, then bring the daemon back.
    std::thread::sleep(secs(2));
    term.with_screen(|s| {
        assert!(
            bottom_rows(s, 6).contains(COULD_NOT_VERIFY),
            "still diagnosed while the proxy is down:\n{}",
            s.contents()
        )
    });
    proxy.restart();
    let restarted = Instant::now();
    term.wait_until(secs(8), |s| {
        let status = bottom_rows(s, 1);
        status.contains(DAEMON_UP) && status.contains(&host)
    })
    .unwrap_or_else(|screen| {
        panic!("not reconnected within 8 s of the proxy's return; the screen:\n{screen}")
    });
    eprintln!("daemon back → status line up: {:?}", restarted.elapsed());
    // Once back, the step is checked again: the checkpoint says what is missing, not that it
    // could not be verified.
    term.wait_until(secs(5), |s| {
        let c = s.contents();
        c.contains(NETWORK_MISSING) && !c.contains(COULD_NOT_VERIFY)
    })
    .unwrap_or_else(|screen| panic!("the step is not checked again after reconnecting:\n{screen}"));
    quit(&mut term);
}

/// The learner is editing a Dockerfile that lacks `FROM`: the step says so and the round ends
/// (the checker's own reads of the file do not start another one); saving the file with `FROM`
/// completes the step with no key pressed. No daemon is needed for a file step.
#[test]
fn a_failing_file_step_settles_and_a_save_completes_it() {
    let fx = Fixture::new();
    fx.progress_at_start();
    let dockerfile = fx.workdir().join("Dockerfile");
    std::fs::write(&dockerfile, "RUN echo hola\n").expect("Dockerfile");
    let mut term = trainer(&fx, &[], &[]);
    term.wait_until(secs(10), |s| {
        let c = s.contents();
        c.contains("Escribir un Dockerfile")
            && c.contains("no contiene «FROM»")
            && !c.contains("comprobando")
    })
    .unwrap_or_else(|screen| panic!("the failing file step did not settle:\n{screen}"));
    // Still settled a while later: nothing re-checks on its own.
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        !term.contents().contains("comprobando"),
        "a round is running again with nothing changed:\n{}",
        term.contents()
    );
    std::fs::write(&dockerfile, "FROM scratch\nRUN echo hola\n").expect("Dockerfile");
    term.expect_all("the next step", &["Etiquetar la imagen"], secs(5));
    quit(&mut term);
}

#[test]
fn q_quits_with_status_0_and_gives_the_terminal_back() {
    let fx = Fixture::new();
    let mut term = trainer(&fx, &[], &[]);
    term.expect_all("first frame", &[NETWORK_TITLE], secs(10));
    term.with_screen(|s| {
        assert!(s.alternate_screen(), "alternate screen while running");
        assert!(s.hide_cursor(), "cursor hidden while running");
    });
    // Raw mode: typed text is not echoed by the terminal (`x` and `w` are no keys of the
    // trainer), the control for the echo check after exit.
    term.send(b"xwxwx");
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        !term.contents().contains("xwxwx"),
        "echoed while the trainer runs: not in raw mode:\n{}",
        term.contents()
    );
    quit(&mut term);
    assert_restored(&mut term, "eco-tras-q");
}

#[test]
fn sigterm_gives_the_terminal_back() {
    use nix::sys::signal::{kill, Signal};
    use nix::unistd::Pid;

    let fx = Fixture::new();
    let mut term = trainer(&fx, &[], &[]);
    term.expect_all("first frame", &[NETWORK_TITLE], secs(10));
    let pid = i32::try_from(term.pid()).expect("pid fits");
    kill(Pid::from_raw(pid), Signal::SIGTERM).expect("send SIGTERM");
    let status = term.wait_exit(secs(5)).unwrap_or_else(|| {
        panic!(
            "no exit 5 s after SIGTERM; the screen:\n{}",
            term.contents()
        )
    });
    assert!(
        status.signal().is_none() && status.success(),
        "SIGTERM is handled (terminal restored, exit 0), not fatal: {status:?}"
    );
    assert_restored(&mut term, "eco-tras-sigterm");
}

/// Lines of a child's standard output, collected by a thread as they come.
struct Lines {
    shared: Arc<(Mutex<Vec<String>>, Condvar)>,
}

impl Lines {
    fn read(out: impl std::io::Read + Send + 'static) -> Lines {
        let shared = Arc::new((Mutex::new(Vec::new()), Condvar::new()));
        let s2 = shared.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines() {
                let Ok(line) = line else { break };
                let (lock, cvar) = &*s2;
                lock.lock().unwrap_or_else(|e| e.into_inner()).push(line);
                cvar.notify_all();
            }
        });
        Lines { shared }
    }

    /// Index of the first line from `from` on that satisfies `pred`; panics after `timeout`.
    fn wait(
        &self,
        what: &str,
        from: usize,
        timeout: Duration,
        pred: impl Fn(&str) -> bool,
    ) -> usize {
        let deadline = Instant::now() + timeout;
        let (lock, cvar) = &*self.shared;
        let mut lines = lock.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(i) = lines.iter().skip(from).position(|l| pred(l)) {
                return from + i;
            }
            let now = Instant::now();
            assert!(
                now < deadline,
                "{what}: not printed within {timeout:?}; the output:\n{}",
                lines.join("\n")
            );
            lines = cvar
                .wait_timeout(lines, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }
}

#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn plain_through_pipes_follows_the_daemon_without_input() {
    let Some(_serial) =
        support::daemon_tests("plain_through_pipes_follows_the_daemon_without_input")
    else {
        return;
    };
    let _cleanup = RemoveNetwork::now();
    let fx = Fixture::new();
    let mut child = Command::new(BIN)
        .args(fx.args(&["--plain"]))
        .current_dir(fx.workdir())
        .env("PRACDOCKER_PROGRESS", fx.progress())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn pracdocker --plain");
    let mut stdin = child.stdin.take().expect("stdin");
    let lines = Lines::read(child.stdout.take().expect("stdout"));
    let t = secs(10);

    let title = lines.wait("the network step's title", 0, t, |l| {
        l.starts_with("== ") && l.contains(NETWORK_TITLE)
    });
    lines.wait("the step's text", title, t, |l| {
        l.contains("docker network create mininet")
    });
    let failed = lines.wait("a ✘ line for the missing network", title, t, |l| {
        l.starts_with('✘') && l.contains(NETWORK_MISSING)
    });
    // `Docker VERSION · HOST`, the status line's text without its dot.
    lines.wait("the daemon line", 0, t, |l| {
        l.contains(DAEMON_UP.trim_start_matches("● ")) && l.contains(" · unix://")
    });

    support::docker(&["network", "create", "mininet"]);
    let done = lines.wait("✔ step done", failed, secs(5), |l| {
        l.starts_with('✔') && l.contains(STEP_DONE) && l.contains(NETWORK_TITLE)
    });
    let next = lines.wait("the next step, with no input", failed, secs(5), |l| {
        l.starts_with("== ") && l.contains(SERVER_TITLE)
    });
    lines.wait(
        "the next step's checkpoints",
        next.max(done),
        secs(5),
        |l| l.starts_with('✘') && l.contains("mini-web"),
    );

    stdin.write_all(b"q\n").expect("write q");
    stdin.flush().expect("flush");
    let deadline = Instant::now() + secs(5);
    let status = loop {
        if let Some(s) = child.try_wait().expect("try_wait") {
            break s;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            panic!("--plain still running 5 s after q");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    assert_eq!(status.code(), Some(0), "--plain exit status after q");
}
