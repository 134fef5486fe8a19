//! Speed of grading (needs a running daemon; read-only, creates no Docker object):
//! 1. one learner's whole built-in course against the local daemon;
//! 2. a class of 30 hosts (the local daemon reached 30 times through loopback TCP proxies on
//!    distinct ports) plus 3 that never answer, graded concurrently, against the slowest single
//!    host plus the timeout and against the sum of the hosts' times;
//! 3. the live board's CPU while idle (`PRACDOCKER_BENCH_IDLE_SECS`, default 60), measured from
//!    /proc after its first grades, in a pseudo-terminal.
//!
//! 4. the verdict ledger of a 30-learner class over an hour (no daemon; `benches/grade/ledger.rs`):
//!    its size, the cost per append and `--from-ledger` on it. `PRACDOCKER_BENCH_LEDGER_ONLY=1`
//!    runs this section alone, without a daemon.
//!
//! 5. the live board for a class of 300 (`benches/grade/board300.rs`): start to full, memory,
//!    idle CPU. `PRACDOCKER_BENCH_ONLY=board300` runs this section alone;
//!    `PRACDOCKER_BENCH_SOCKET` points it at another daemon's socket.
//!
//! `PRACDOCKER_BENCH_TIMEOUT` sets the per-host timeout (seconds, default 3).

#![cfg_attr(not(unix), allow(dead_code, unused_imports))]

#[cfg(unix)]
#[path = "grade/board300.rs"]
mod board300;
#[cfg(unix)]
#[path = "grade/canned.rs"]
mod canned;
#[cfg(unix)]
#[path = "../tests/grade/hosts.rs"]
mod hosts;
#[path = "grade/ledger.rs"]
mod ledger_section;

use std::fs::File;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pracdocker::course::Course;
use pracdocker::grade::{class, endpoint, grade, Plan, Target};

const SOCKET: &str = "/var/run/docker.sock";

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn target(name: &str, host: &str) -> Target {
    Target {
        name: name.into(),
        resolved: endpoint(host, None),
        progress: None,
        workdir: Some(std::env::temp_dir()),
        lang: None,
        fields: Vec::new(),
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

#[cfg(not(unix))]
fn main() {
    println!("grade bench: the daemon sections need the Unix socket and a pseudo-terminal");
    ledger_section::run();
}

#[cfg(unix)]
fn main() {
    if std::env::var("PRACDOCKER_BENCH_LEDGER_ONLY").as_deref() == Ok("1") {
        ledger_section::run();
        return;
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let course = Course::built_in().expect("built-in course");
    let timeout = Duration::from_secs(env_u64("PRACDOCKER_BENCH_TIMEOUT", 3));
    let plan = Plan {
        lessons: course.lessons.iter().map(|l| l.id.clone()).collect(),
        course,
        since: Some(pracdocker::session::now() - pracdocker::clock::from_secs(3600)),
        timeout,
        ledger: None,
    };
    let steps: usize = plan.course.lessons.iter().map(|l| l.steps.len()).sum();
    if std::env::var("PRACDOCKER_BENCH_ONLY").as_deref() == Ok("board300") {
        board_of_300(&rt, &plan);
        return;
    }

    // 1. One learner, whole course.
    let local = target("local", &format!("unix://{SOCKET}"));
    let mut one = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let g = rt.block_on(grade(&local, &plan));
        assert!(
            g.problem.is_none(),
            "the local daemon answers: {:?}",
            g.problem
        );
        one.push(t.elapsed());
    }
    one.sort();
    println!(
        "one learner, whole built-in course ({} lessons, {steps} steps): median {:.1} ms of 5 (min {:.1}, max {:.1})",
        plan.lessons.len(),
        ms(one[2]),
        ms(one[0]),
        ms(one[4])
    );

    // 2. A class of 30 + 3 silent.
    let proxies: Vec<Target> = (0..30)
        .map(|i| target(&format!("learner-{i:02}"), &hosts::tcp_proxy(SOCKET)))
        .collect();
    let mut singles = Vec::new();
    for t in &proxies {
        let s = Instant::now();
        let g = rt.block_on(grade(t, &plan));
        assert!(g.problem.is_none(), "{}: {:?}", t.name, g.problem);
        singles.push(s.elapsed());
    }
    let slowest = singles.iter().max().copied().unwrap_or_default();
    let sum: Duration = singles.iter().sum();
    let mut class_targets = proxies;
    class_targets.extend((0..3).map(|i| target(&format!("silent-{i}"), &hosts::silent_tcp())));
    let jobs = class_targets.len();
    let s = Instant::now();
    let graded = rt.block_on(class::grade_all(&class_targets, &plan, jobs));
    let took = s.elapsed();
    let ok = graded.iter().filter(|g| g.problem.is_none()).count();
    let timed_out = graded
        .iter()
        .filter(|g| {
            matches!(
                g.problem,
                Some(pracdocker::check::Unverifiable::DaemonTimeout { .. })
            )
        })
        .count();
    println!(
        "class of 33 (30 × local daemon via TCP proxies + 3 silent), --jobs {jobs}, timeout {} s: {:.1} ms; {ok} graded, {timed_out} timed out",
        timeout.as_secs(),
        ms(took)
    );
    println!(
        "  slowest single host {:.1} ms + timeout {:.0} ms = {:.1} ms; sum of the 30 hosts graded one by one {:.1} ms (+ 3 × timeout = {:.1} ms)",
        ms(slowest),
        ms(timeout),
        ms(slowest + timeout),
        ms(sum),
        ms(sum + timeout * 3)
    );
    let s = Instant::now();
    let _ = rt.block_on(class::grade_all(&class_targets, &plan, 8));
    println!("  the same class with --jobs 8: {:.1} ms", ms(s.elapsed()));

    // 3. The board, idle.
    idle_board(env_u64("PRACDOCKER_BENCH_IDLE_SECS", 60));

    // 4. The verdict ledger.
    ledger_section::run();

    // 5. The board for 300.
    board_of_300(&rt, &plan);
}

/// Section 5: the slowest of a few proxy (or canned) hosts graded alone (the target's yardstick), then the
/// 300-row board.
#[cfg(unix)]
fn board_of_300(rt: &tokio::runtime::Runtime, plan: &Plan) {
    // Another daemon's socket, when the local one is busy with someone else's tests (their
    // events would make all 300 rows regrade).
    let socket = std::env::var("PRACDOCKER_BENCH_SOCKET").unwrap_or_else(|_| SOCKET.into());
    let canned = std::env::var("PRACDOCKER_BENCH_HOSTS").as_deref() == Ok("canned");
    let mut slowest = Duration::ZERO;
    for i in 0..5 {
        let host = match canned {
            true => canned::engine(),
            false => hosts::tcp_proxy(&socket),
        };
        let t = target(&format!("single-{i}"), &host);
        let s = Instant::now();
        let g = rt.block_on(grade(&t, plan));
        assert!(g.problem.is_none(), "{}: {:?}", t.name, g.problem);
        slowest = slowest.max(s.elapsed());
    }
    board300::run(&socket, slowest, env_u64("PRACDOCKER_BENCH_IDLE_SECS", 30));
}

/// Runs `grade --watch` on a 3-host roster in a pseudo-terminal; prints its CPU use while idle.
#[cfg(unix)]
fn idle_board(secs: u64) {
    use nix::pty::{openpty, Winsize};
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = dir.path().join("class.csv");
    std::fs::write(
        &roster,
        format!(
            "name,host\nana,unix://{SOCKET}\nluis,{}\npedro,{}\n",
            hosts::tcp_proxy(SOCKET),
            hosts::silent_tcp()
        ),
    )
    .expect("roster");
    let size = Winsize {
        ws_row: 24,
        ws_col: 100,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    let pty = openpty(&size, None).expect("openpty");
    let mut child = Command::new(env!("CARGO_BIN_EXE_pracdocker"))
        .args([
            "--lang",
            "en",
            "grade",
            "--watch",
            "--timeout",
            "2",
            "--roster",
        ])
        .arg(&roster)
        .env("TERM", "xterm")
        .stdin(Stdio::from(pty.slave.try_clone().expect("dup")))
        .stdout(Stdio::from(pty.slave.try_clone().expect("dup")))
        .stderr(Stdio::from(pty.slave))
        .spawn()
        .expect("spawn board");
    let mut master = File::from(pty.master.try_clone().expect("dup"));
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(1..) = master.read(&mut buf) {}
    });
    // First grades and the silent host's first timeouts.
    std::thread::sleep(Duration::from_secs(5));
    let cpu0 = cpu_ticks(child.id());
    let t0 = Instant::now();
    std::thread::sleep(Duration::from_secs(secs));
    let cpu1 = cpu_ticks(child.id());
    let wall = t0.elapsed();
    let hz = 100.0; // USER_HZ on Linux
    let used = (cpu1.saturating_sub(cpu0)) as f64 / hz;
    println!(
        "board idle for {:.0} s (3 hosts: live, live via TCP, silent reconnecting with backoff): {:.2} s CPU = {:.2} % of one core",
        wall.as_secs_f64(),
        used,
        100.0 * used / wall.as_secs_f64()
    );
    let mut w = File::from(pty.master);
    let _ = std::io::Write::write_all(&mut w, b"q");
    let quit = Instant::now();
    while quit.elapsed() < Duration::from_secs(3) {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// utime + stime of a process, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    // Fields after the command: state is index 0; utime is field 14 overall → index 11 here.
    let num = |i: usize| f.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    num(11) + num(12)
}
