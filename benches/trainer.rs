//! The trainer as the learner feels it: the release binary in an 80×24 pseudo-terminal with the
//! mini course (network step current), measured from outside. Prints start → first frame, daemon
//! event → unlocked step on screen, CPU while idle, resident memory, and (in process) the render
//! time of the longest lesson step, each against its target.
//!
//! The event and idle figures hold the daemon-test lock (`PRACDOCKER_DAEMON_TESTS=1`): they create
//! and remove the `mininet` network, and other tests' objects would wake the trainer while idle.
//! `PRACDOCKER_BENCH_IDLE_SECS` shortens the idle run (default 60 s).

#![cfg_attr(not(unix), allow(dead_code, unused_imports))]

#[path = "../tests/support/mod.rs"]
mod support;

use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use pracdocker::app::App;
use pracdocker::course::Course;
use pracdocker::i18n::Tr;
use pracdocker::key::StepKey;
use pracdocker::lang::Lang;
use pracdocker::session::Session;
use pracdocker::ui::theme::Theme;
use pracdocker::ui::view::view;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use support::pty::{self, Fixture, Term, DAEMON_UP, NETWORK_MISSING, NETWORK_TITLE, SERVER_TITLE};

/// Title of the mini course's first step (a file step), and its reason while the Dockerfile lacks
/// `FROM`.
const FILE_TITLE: &str = "Escribir un Dockerfile";
const FILE_FAILING: &str = "no contiene";
const BIN: &str = env!("CARGO_BIN_EXE_pracdocker");
const FIRST_FRAME_RUNS: usize = 10;
const EVENT_RUNS: usize = 20;
const RENDER_RUNS: usize = 100;

#[cfg(not(unix))]
fn main() {
    println!("trainer bench: needs a Unix pseudo-terminal and /proc; nothing to run here");
}

#[cfg(unix)]
fn main() {
    println!(
        "pracdocker trainer benchmark ({}×{} pseudo-terminal, mini course)",
        pty::COLS,
        pty::ROWS
    );
    first_frame();
    render_longest_step();
    match support::daemon_tests("bench trainer: event → unlocked, idle CPU, memory") {
        Some(_serial) => {
            event_to_unlocked();
            idle();
            idle_failing_file();
        }
        None => println!(
            "event → unlocked, idle CPU and memory: skipped (set PRACDOCKER_DAEMON_TESTS=1)"
        ),
    }
}

fn spawn(fx: &Fixture) -> Term {
    let progress = fx.progress().display().to_string();
    Term::spawn(
        BIN,
        &fx.args(&[]),
        &fx.workdir(),
        &[("PRACDOCKER_PROGRESS", &progress)],
        &[],
        pty::ROWS,
        pty::COLS,
    )
}

fn quit(mut term: Term) {
    term.send(b"q");
    if term.wait_exit(Duration::from_secs(5)).is_none() {
        eprintln!("warning: the trainer did not quit within 5 s of q");
    }
}

/// Waits until the network step is on screen, checked against a connected daemon, with no
/// round in flight.
fn ready(term: &Term) {
    term.wait_until(Duration::from_secs(10), |s| {
        let c = s.contents();
        [NETWORK_TITLE, NETWORK_MISSING, DAEMON_UP]
            .iter()
            .all(|t| c.contains(t))
            && !c.contains("comprobando")
    })
    .unwrap_or_else(|screen| panic!("the trainer is not ready; the screen:\n{screen}"));
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Median and worst.
fn stats(mut v: Vec<Duration>) -> (Duration, Duration) {
    v.sort();
    let median = if v.len().is_multiple_of(2) {
        (v[v.len() / 2 - 1] + v[v.len() / 2]) / 2
    } else {
        v[v.len() / 2]
    };
    (median, v[v.len() - 1])
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "ok"
    } else {
        "MISSED"
    }
}

fn first_frame() {
    let mut times = Vec::new();
    for _ in 0..FIRST_FRAME_RUNS {
        let fx = Fixture::new();
        let term = spawn(&fx);
        let shown = term.expect_all("first frame", &[NETWORK_TITLE], Duration::from_secs(10));
        times.push(shown.saturating_duration_since(term.spawned));
        quit(term);
    }
    let (median, worst) = stats(times);
    println!(
        "start → first frame (step title on screen): median {:.1} ms, worst {:.1} ms of {FIRST_FRAME_RUNS} (target < 50 ms: {})",
        ms(median),
        ms(worst),
        verdict(median < Duration::from_millis(50))
    );
}

fn event_to_unlocked() {
    let fx = Fixture::new();
    let mut times = Vec::new();
    let mut cli = Vec::new();
    let mut before_return = 0;
    // Screen times on the wall clock, to compare with the daemon's own event times.
    let (anchor, anchor_wall) = (Instant::now(), SystemTime::now());
    let since = support::now() - 1;
    let mut shown_wall = Vec::new();
    for _ in 0..EVENT_RUNS {
        support::docker_quiet(&["network", "rm", "mininet"]);
        fx.reset_progress();
        let term = spawn(&fx);
        ready(&term);
        let started = Instant::now();
        let out = Command::new("docker")
            .args(["network", "create", "mininet"])
            .output()
            .expect("docker CLI");
        let returned = Instant::now();
        assert!(out.status.success(), "docker network create mininet failed");
        let shown = term.expect_all("the next step", &[SERVER_TITLE], Duration::from_secs(5));
        if shown < returned {
            before_return += 1;
        }
        times.push(shown.saturating_duration_since(returned));
        shown_wall.push(anchor_wall + shown.saturating_duration_since(anchor));
        cli.push(returned - started);
        quit(term);
    }
    support::docker_quiet(&["network", "rm", "mininet"]);
    let (median, worst) = stats(times);
    let (cli_median, _) = stats(cli);
    println!(
        "daemon event → unlocked step on screen (after `docker network create mininet` returns): median {:.1} ms, worst {:.1} ms of {EVENT_RUNS} (target < 50 ms: {}); the CLI itself took {:.0} ms (median); {before_return} of {EVENT_RUNS} were on screen before it returned (counted as 0)",
        ms(median),
        ms(worst),
        verdict(worst < Duration::from_millis(50)),
        ms(cli_median),
    );
    event_times(since, &shown_wall);
}

/// The same runs measured from the daemon's own time of each `create` event (`timeNano`, the
/// same machine's clock) to the screen: what the trainer adds, without the CLI's exit.
fn event_times(since: i64, shown: &[SystemTime]) {
    let out = Command::new("docker")
        .args([
            "events",
            "--since",
            &since.to_string(),
            "--until",
            &(support::now() + 1).to_string(),
            "--filter",
            "type=network",
            "--filter",
            "event=create",
            "--filter",
            "network=mininet",
            "--format",
            "{{.TimeNano}}",
        ])
        .output()
        .expect("docker events");
    let events: Vec<u128> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .collect();
    if events.len() != shown.len() {
        println!(
            "daemon's event time → screen: not measured ({} create events for {} runs)",
            events.len(),
            shown.len()
        );
        return;
    }
    let times: Vec<Duration> = events
        .iter()
        .zip(shown)
        .map(|(ev, s)| {
            let s = s.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
            Duration::from_nanos(u64::try_from(s.saturating_sub(*ev)).unwrap_or(u64::MAX))
        })
        .collect();
    let (median, worst) = stats(times);
    println!(
        "daemon's event time (timeNano) → unlocked step on screen: median {:.1} ms, worst {:.1} ms of {} (target < 50 ms: {})",
        ms(median),
        ms(worst),
        shown.len(),
        verdict(worst < Duration::from_millis(50))
    );
}

/// Seconds of each idle run.
fn idle_secs() -> u64 {
    std::env::var("PRACDOCKER_BENCH_IDLE_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60)
}

/// CPU time a process used over a wait.
struct Cpu {
    ticks: u64,
    hz: u64,
    elapsed: f64,
    percent: f64,
    secs: u64,
}

impl Cpu {
    fn over(term: &Term, secs: u64) -> Cpu {
        let pid = term.pid();
        let hz = pty::clock_ticks();
        let before = pty::cpu_ticks(pid);
        let t0 = Instant::now();
        std::thread::sleep(Duration::from_secs(secs));
        let ticks = pty::cpu_ticks(pid) - before;
        let elapsed = t0.elapsed().as_secs_f64();
        let percent = ticks as f64 / hz as f64 / elapsed * 100.0;
        Cpu {
            ticks,
            hz,
            elapsed,
            percent,
            secs,
        }
    }

    fn note(&self) -> String {
        if self.secs == 60 {
            String::new()
        } else {
            format!(
                " (shortened run: PRACDOCKER_BENCH_IDLE_SECS={}; the target is for 60 s)",
                self.secs
            )
        }
    }
}

impl std::fmt::Display for Cpu {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:.3}% of a core ({} ticks at {} Hz)",
            self.percent, self.ticks, self.hz
        )
    }
}

/// The learner is editing a Dockerfile that is not right yet (no `FROM`): the file step fails
/// and stays current. The trainer re-checks when the file changes, never on its own reads of it.
fn idle_failing_file() {
    let fx = Fixture::new();
    fx.progress_at_start();
    std::fs::write(fx.workdir().join("Dockerfile"), "RUN echo hola\n").expect("Dockerfile");
    let term = spawn(&fx);
    term.wait_until(Duration::from_secs(10), |s| {
        let c = s.contents();
        c.contains(FILE_TITLE) && c.contains(FILE_FAILING)
    })
    .unwrap_or_else(|screen| panic!("the file step did not settle; the screen:\n{screen}"));
    std::thread::sleep(Duration::from_secs(1));
    let cpu = Cpu::over(&term, idle_secs());
    println!(
        "CPU while idle on a failing file step {:.0} s: {} (target < 0.2%: {}){}",
        cpu.elapsed,
        cpu,
        verdict(cpu.percent < 0.2),
        cpu.note()
    );
    quit(term);
}

fn idle() {
    support::docker_quiet(&["network", "rm", "mininet"]);
    let fx = Fixture::new();
    let term = spawn(&fx);
    ready(&term);
    std::thread::sleep(Duration::from_secs(1));
    let cpu = Cpu::over(&term, idle_secs());
    println!(
        "CPU while idle {:.0} s: {} (target < 0.5%: {}){}",
        cpu.elapsed,
        cpu,
        verdict(cpu.percent < 0.5),
        cpu.note()
    );
    let pid = term.pid();
    let rss = pty::status_kb(pid, "VmRSS");
    let hwm = pty::status_kb(pid, "VmHWM");
    println!(
        "resident memory: VmRSS {:.1} MB, peak VmHWM {:.1} MB (target < 30 MB: {})",
        rss as f64 / 1024.0,
        hwm as f64 / 1024.0,
        verdict(rss < 30 * 1024)
    );
    quit(term);
}

/// The step of the built-in course with the most Markdown, drawn by `view` on an 80×24
/// `TestBackend`: the time of `view` alone and of the whole `draw` (view, diff, backend).
fn render_longest_step() {
    let course = Course::built_in().expect("built-in course");
    let (key, lang, len) = course
        .steps()
        .flat_map(|(l, s)| {
            [Lang::Es, Lang::En].map(|lang| {
                let text = s.text.get(lang);
                let len = text.body.len();
                (StepKey::new(&l.id, &s.id), lang, len)
            })
        })
        .max_by_key(|(_, _, len)| *len)
        .expect("a step");
    let dir = tempfile::tempdir().expect("tempdir");
    let (session, _) = Session::open(&dir.path().join("progress.json")).expect("session");
    let mut app = App::new(Arc::new(course), session, lang);
    app.reading.viewing = key.clone();
    let tr = Tr::new(lang);
    let theme = Theme::new(true);
    let mut terminal =
        Terminal::new(TestBackend::new(pty::COLS, pty::ROWS)).expect("test terminal");
    let mut views = Vec::new();
    let mut draws = Vec::new();
    for i in 0..RENDER_RUNS + 5 {
        let mut v = Duration::ZERO;
        let t = Instant::now();
        terminal
            .draw(|f| {
                let t = Instant::now();
                view(f, &app, &tr, &theme, None);
                v = t.elapsed();
            })
            .expect("draw");
        let d = t.elapsed();
        // A few warm-up frames first.
        if i >= 5 {
            views.push(v);
            draws.push(d);
        }
    }
    let (view_median, view_worst) = stats(views);
    let (draw_median, _) = stats(draws);
    println!(
        "render of the longest step ({key}, {lang:?}, {len} bytes of Markdown): view() median {:.3} ms, worst {:.3} ms; whole draw median {:.3} ms, of {RENDER_RUNS}",
        ms(view_median),
        ms(view_worst),
        ms(draw_median),
    );
}
