//! The live board for a class of 300 (`PRACDOCKER_BENCH_ONLY=board300`): the real binary in a
//! pseudo-terminal, its roster 300 rows — 290 loopback TCP proxies in this process forwarding to
//! the one local daemon, 5 hosts that accept and never answer, 5 that refuse. Prints the time
//! from start to a full board (every row graded once, or marked dropped), its resident memory
//! (VmRSS, VmHWM) and its CPU over `PRACDOCKER_BENCH_IDLE_SECS` (default 30) once full.
//!
//! "Full" is read off the screen (parsed by vt100): the terminal is tall and wide enough to show
//! every row, and a row is settled when no cell still shows "…" or when it says "dropped".
//! `PRACDOCKER_BENCH_BIN` runs another build of the binary (to compare before and after);
//! `PRACDOCKER_BENCH_JOBS` passes `--jobs` (default: the board's own default).
//! `PRACDOCKER_BENCH_HOSTS=canned` gives each of the 290 rows its own canned engine
//! (`canned.rs`) instead: the board's own cost, as with each learner's daemon on their machine.

use std::fs::File;
use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::hosts;

/// Rows of the class.
const PROXIES: usize = 290;
const SILENT: usize = 5;
const REFUSED: usize = 5;

/// Runs the section; `slowest` is the slowest single proxy host graded alone, for the target.
pub fn run(socket: &str, slowest: Duration, idle_secs: u64) {
    use nix::pty::{openpty, Winsize};
    let timeout = super::env_u64("PRACDOCKER_BENCH_TIMEOUT", 3);
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = dir.path().join("class.csv");
    let mut csv = String::from("name,host\n");
    // `canned`: each row its own canned engine (a learner's daemon on their machine), else a
    // proxy to the one local daemon.
    let canned = std::env::var("PRACDOCKER_BENCH_HOSTS").as_deref() == Ok("canned");
    for i in 0..PROXIES {
        let host = match canned {
            true => super::canned::engine(),
            false => hosts::tcp_proxy(socket),
        };
        csv.push_str(&format!("learner-{i:03},{host}\n"));
    }
    for i in 0..SILENT {
        csv.push_str(&format!("silent-{i},{}\n", hosts::silent_tcp()));
    }
    for i in 0..REFUSED {
        csv.push_str(&format!("refused-{i},{}\n", hosts::refused_tcp()));
    }
    std::fs::write(&roster, csv).expect("roster");
    let total = PROXIES + SILENT + REFUSED;
    let (rows, cols) = (total as u16 + 20, 320u16);
    let size = Winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    let pty = openpty(&size, None).expect("openpty");
    let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
    // Who else works while the board fills: the one daemon and this process's proxies.
    let dockerd = pid_of("dockerd");
    let others = || {
        (
            dockerd.map_or(0, super::cpu_ticks),
            super::cpu_ticks(std::process::id()),
        )
    };
    let others0 = others();
    let start = Instant::now();
    let bin = std::env::var("PRACDOCKER_BENCH_BIN")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_pracdocker").to_string());
    let mut child = Command::new(bin)
        .args(["--lang", "en", "grade", "--watch", "--timeout"])
        .arg(timeout.to_string())
        .args(
            std::env::var("PRACDOCKER_BENCH_JOBS")
                .map(|j| vec!["--jobs".to_string(), j])
                .unwrap_or_default(),
        )
        .arg("--roster")
        .arg(&roster)
        .env("TERM", "xterm")
        .stdin(Stdio::from(pty.slave.try_clone().expect("dup")))
        .stdout(Stdio::from(pty.slave.try_clone().expect("dup")))
        .stderr(Stdio::from(pty.slave))
        .spawn()
        .expect("spawn board");
    let mut master = File::from(pty.master.try_clone().expect("dup"));
    let p = parser.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 64 * 1024];
        while let Ok(n @ 1..) = master.read(&mut buf) {
            p.lock()
                .unwrap_or_else(|e| e.into_inner())
                .process(&buf[..n]);
        }
    });
    let limit = Duration::from_secs(120);
    let mut full = None;
    let mut peak_settled = 0;
    while start.elapsed() < limit {
        std::thread::sleep(Duration::from_millis(50));
        let settled = {
            let screen = parser.lock().unwrap_or_else(|e| e.into_inner());
            settled_rows(screen.screen())
        };
        peak_settled = peak_settled.max(settled);
        if settled == total {
            full = Some(start.elapsed());
            break;
        }
    }
    let (rss, hwm) = memory(child.id());
    let busy = super::cpu_ticks(child.id()) as f64 / 100.0; // USER_HZ
    let others1 = others();
    let daemon_busy = others1.0.saturating_sub(others0.0) as f64 / 100.0;
    let proxies_busy = others1.1.saturating_sub(others0.1) as f64 / 100.0;
    match full {
        Some(t) => println!(
            "board of {total} ({PROXIES} × {}, {SILENT} silent, {REFUSED} refused), timeout {timeout} s: full in {:.0} ms (target ≤ slowest host {:.0} ms + timeout {} ms = {:.0} ms)",
            match canned {
                true => "a canned engine each",
                false => "local daemon via TCP proxies",
            },
            super::ms(t),
            super::ms(slowest),
            timeout * 1000,
            super::ms(slowest) + (timeout * 1000) as f64
        ),
        None => println!(
            "board of {total}: NOT full after {} s ({peak_settled} rows settled)",
            limit.as_secs()
        ),
    }
    println!(
        "  resident memory when full: VmRSS {:.1} MB, VmHWM {:.1} MB",
        rss as f64 / 1024.0,
        hwm as f64 / 1024.0
    );
    println!(
        "  CPU until full: board {busy:.2} s, dockerd {daemon_busy:.2} s, the bench's proxies {proxies_busy:.2} s ({} cores here)",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let cpu0 = super::cpu_ticks(child.id());
    let t0 = Instant::now();
    std::thread::sleep(Duration::from_secs(idle_secs));
    let cpu1 = super::cpu_ticks(child.id());
    let wall = t0.elapsed();
    let used = cpu1.saturating_sub(cpu0) as f64 / 100.0; // USER_HZ
    let (rss, hwm) = memory(child.id());
    println!(
        "  idle {:.0} s once full: {:.2} s CPU = {:.2} % of one core; then VmRSS {:.1} MB, VmHWM {:.1} MB",
        wall.as_secs_f64(),
        used,
        100.0 * used / wall.as_secs_f64(),
        rss as f64 / 1024.0,
        hwm as f64 / 1024.0
    );
    let mut w = File::from(pty.master);
    let _ = w.write_all(b"q");
    let quit = Instant::now();
    while quit.elapsed() < Duration::from_secs(5) {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    println!("  the board did not quit on q within 5 s");
    let _ = child.kill();
    let _ = child.wait();
}

/// Learner rows on screen that are graded or dropped.
fn settled_rows(screen: &vt100::Screen) -> usize {
    let (_, cols) = screen.size();
    screen
        .rows(0, cols)
        .filter(|r| {
            ["learner-", "silent-", "refused-"]
                .iter()
                .any(|p| r.contains(p))
        })
        .filter(|r| !r.contains('…') || r.contains("dropped"))
        .count()
}

/// The first process whose command name is `name`.
fn pid_of(name: &str) -> Option<u32> {
    std::fs::read_dir("/proc").ok()?.flatten().find_map(|e| {
        let pid: u32 = e.file_name().to_str()?.parse().ok()?;
        let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).ok()?;
        (comm.trim() == name).then_some(pid)
    })
}

/// VmRSS and VmHWM of a process, in kB.
fn memory(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}
