//! The shell pane's speed, against the release binary in a pseudo-terminal:
//! - a key typed in the pane until its echo is drawn on the outer screen (median and worst of
//!   100, typed 30 ms apart; target under 10 ms);
//! - `seq 1 200000` in the pane against the same shell in a bare pseudo-terminal (target: within
//!   2×);
//! - the trainer's CPU while the shell is idle, against the trainer without the pane (target: no
//!   more).
//!
//! Run with `cargo bench --bench shell`. No daemon needed: the trainer gets a DOCKER_HOST where
//! nothing answers, so nothing but the pane changes the screen.

#[cfg(unix)]
#[path = "../tests/support/mod.rs"]
mod support;

#[cfg(unix)]
fn main() {
    use std::time::{Duration, Instant};

    use support::pty::{cpu_ticks, Fixture, Term, PROMPT};

    const LONG: Duration = Duration::from_secs(60);
    let fx = Fixture::new();

    // --- key → echo -----------------------------------------------------------------------
    let mut t = fx.trainer(24, 80, false);
    t.expect("No se pudo verificar", LONG);
    t.expect(PROMPT.trim_end(), LONG);
    std::thread::sleep(Duration::from_millis(300));
    let prompt_zs = |s: &str| {
        s.lines()
            .find(|l| l.starts_with(PROMPT.trim_end()))
            .map_or(0, |l| l.matches('z').count())
    };
    let mut echo = Vec::with_capacity(100);
    for i in 0..100 {
        if i % 40 == 0 && i > 0 {
            t.send(b"\x15"); // Ctrl-U: an empty line again
            t.wait_for(LONG, |s| prompt_zs(s) == 0)
                .expect("line cleared");
            std::thread::sleep(Duration::from_millis(30));
        }
        let before = i % 40;
        let start = Instant::now();
        t.send(b"z");
        t.wait_for(LONG, |s| prompt_zs(s) == before + 1)
            .unwrap_or_else(|s| panic!("no echo:\n{s}"));
        echo.push(start.elapsed());
        // Fast typing (about 30 keys a second); output closer together is paced at ~60 frames/s.
        std::thread::sleep(Duration::from_millis(30));
    }
    echo.sort();
    println!(
        "key -> echo drawn in the pane: median {:.2} ms, worst {:.2} ms (100 keys; target < 10 ms)",
        ms(echo[50]),
        ms(echo[99])
    );
    t.send(b"\x15clear\r");
    std::thread::sleep(Duration::from_millis(300));

    // --- flood ----------------------------------------------------------------------------
    let flood = |t: &mut Term| {
        let start = Instant::now();
        t.send(b"seq 1 200000\r");
        t.wait_for(LONG, |s| {
            let rows: Vec<&str> = s.lines().map(str::trim_end).collect();
            rows.windows(2)
                .any(|w| w[0] == "200000" && w[1] == PROMPT.trim_end())
        })
        .unwrap_or_else(|s| panic!("flood did not end:\n{s}"));
        start.elapsed()
    };
    let mut pane = Vec::new();
    for _ in 0..3 {
        pane.push(flood(&mut t));
        t.send(b"clear\r");
        std::thread::sleep(Duration::from_millis(300));
    }
    let trainer_pid = t.pid();
    let bytes_before = t.bytes();
    let ticks_pane_0 = cpu_ticks(trainer_pid);
    // --- idle CPU with the pane (measured here while this trainer is still up) -------------
    std::thread::sleep(Duration::from_secs(10));
    let idle_pane = cpu_ticks(trainer_pid) - ticks_pane_0;
    let idle_bytes = t.bytes() - bytes_before;
    t.send(b"exit\r");
    t.send(b"q");
    let _ = t.wait_exit(Duration::from_secs(5));
    drop(t);

    let mut bare = Vec::new();
    let mut b = Term::spawn(
        "/bin/sh",
        &[],
        &fx.workdir(),
        &[("PS1", PROMPT)],
        &[],
        24,
        80,
    );
    b.expect(PROMPT.trim_end(), LONG);
    for _ in 0..3 {
        bare.push(flood(&mut b));
        b.send(b"clear\r");
        std::thread::sleep(Duration::from_millis(300));
    }
    drop(b);
    pane.sort();
    bare.sort();
    println!(
        "seq 1 200000: pane median {:.0} ms (runs {:?}), bare pty median {:.0} ms (runs {:?}); ratio {:.2} (target <= 2)",
        ms(pane[1]),
        pane.iter().map(|d| ms(*d).round()).collect::<Vec<_>>(),
        ms(bare[1]),
        bare.iter().map(|d| ms(*d).round()).collect::<Vec<_>>(),
        ms(pane[1]) / ms(bare[1])
    );

    // --- idle CPU without the pane ----------------------------------------------------------
    let mut t = fx.trainer_with(24, 80, false, false);
    t.expect("No se pudo verificar", LONG);
    std::thread::sleep(Duration::from_millis(500));
    let pid = t.pid();
    let ticks = cpu_ticks(pid);
    std::thread::sleep(Duration::from_secs(10));
    let idle_plain = cpu_ticks(pid) - ticks;
    t.send(b"q");
    let _ = t.wait_exit(Duration::from_secs(5));
    println!(
        "trainer CPU over 10 s idle: with the shell pane {} ticks ({:.2}% of a core, {} bytes drawn), without {} ticks ({:.2}%)",
        idle_pane,
        idle_pane as f64 / 10.0,
        idle_bytes,
        idle_plain,
        idle_plain as f64 / 10.0
    );
}

#[cfg(unix)]
fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[cfg(not(unix))]
fn main() {
    println!("shell bench: pseudo-terminals are Unix only here");
}
