//! Speed of checking, two ways. Needs a running daemon.
//!
//! 1. Whole processes, as a learner or grader runs it: median of [`PROCESS_RUNS`] release-build
//!    `pracdocker check --json` processes over the whole course, against the median of 2 runs of
//!    one `docker image inspect python-docker` process per check of the course (the least a
//!    shell-script trainer pays), in two states: *fresh* (nothing of the course exists, ports 8000,
//!    5000 and 5432 free, empty learner folder, no progress file) and *course up* (the course's
//!    objects, learner folder and a progress file with every step done; see
//!    `tests/support/course_up.rs`). Target: 20x in both. Only with `PRACDOCKER_DAEMON_TESTS=1`
//!    (it creates and removes the course's objects, holding the daemon tests' lock).
//! 2. In one process: every daemon-backed checkpoint evaluated by the library (one connection,
//!    one round), against the same facts gathered the way shell-script trainers do it, one
//!    `docker inspect`-style process per check. Over the course-up state when enabled, otherwise
//!    over the daemon as it is, read-only.
//!
//! `cargo bench --bench checkpoints` builds the release binary it runs (`CARGO_BIN_EXE_*` of a
//! bench points at `target/release`).

#[path = "../tests/support/mod.rs"]
mod support;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use pracdocker::check::{reference, Check, ContainerCheck};
use pracdocker::checker::{run_steps, Context};
use pracdocker::course::{Course, Lesson, Step};
use support::course_up::{self, CourseUp};

/// In-process rounds per figure.
const ROUNDS: u32 = 5;

/// Whole `pracdocker check` processes per state.
const PROCESS_RUNS: usize = 9;

/// The binary under test.
const BIN: &str = env!("CARGO_BIN_EXE_pracdocker");

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let course = Course::built_in().expect("built-in course");
    let Some(_serial) = support::daemon_tests("benchmark (process-level comparison)") else {
        println!(
            "process-level comparison skipped: it needs {}=1",
            support::ENABLE
        );
        in_process(&rt, &course, support::now() - 3600);
        return;
    };
    support::busybox_image();
    println!("binary: {BIN}");
    course_up::fresh();
    let empty = tempfile::tempdir().expect("empty learner folder");
    let scratch = tempfile::tempdir().expect("scratch");
    let fresh = processes(
        &course,
        empty.path(),
        &scratch.path().join("progress.json"),
        true,
    );
    let up = CourseUp::new(&course);
    let busy = processes(&course, &up.ws, &up.progress, false);
    for (label, p) in [("fresh", &fresh), ("course up", &busy)] {
        println!(
            "{label}: {:.1} ms vs {:.1} ms, ratio {:.1}x (target 20x)",
            ms(p.ours),
            ms(p.theirs),
            p.theirs.as_secs_f64() / p.ours.as_secs_f64()
        );
        println!(
            "  pracdocker check --json: median of {PROCESS_RUNS} processes (min {:.1}, max {:.1} ms); \
             {} steps, {} checks ({} passed); docker image inspect: median of 2 x {} processes",
            ms(p.min),
            ms(p.max),
            p.steps,
            p.checks,
            p.passed,
            p.checks
        );
    }
    exec_step(&course, &up);
    startup(&rt);
    in_process(&rt, &course, up.completed_at + 1);
}

/// The course-up run waits on its one `exec` check (the daemon starting a process in a
/// container): the step that holds it, checked alone, for comparison with the whole course.
fn exec_step(course: &Course, up: &CourseUp) {
    let Some((lesson, step)) = course
        .steps()
        .find(|(_, s)| s.checks.iter().any(|c| c.kind() == "exec"))
    else {
        return;
    };
    let target = format!("{}/{}", lesson.id, step.id);
    let runs = (0..PROCESS_RUNS)
        .map(|_| {
            let t = Instant::now();
            let _ = Command::new(BIN)
                .arg("--workdir")
                .arg(&up.ws)
                .args(["check", &target, "--json"])
                .env("PRACDOCKER_PROGRESS", &up.progress)
                .env_remove("DOCKER_CONTEXT")
                .output();
            t.elapsed()
        })
        .collect();
    println!(
        "course up, only {target} (its exec check): {:.1} ms (median of {PROCESS_RUNS} processes)",
        ms(median(runs))
    );
}

/// Where a process's fixed cost goes: spawning the binary (`--version`: no course, no daemon),
/// loading the built-in course, connecting (one `/version` round trip), each the median of
/// [`PROCESS_RUNS`].
fn startup(rt: &tokio::runtime::Runtime) {
    let time = |f: &mut dyn FnMut()| {
        median(
            (0..PROCESS_RUNS)
                .map(|_| {
                    let t = Instant::now();
                    f();
                    t.elapsed()
                })
                .collect(),
        )
    };
    let spawn = time(&mut || {
        let _ = Command::new(BIN).arg("--version").output();
    });
    let load = time(&mut || {
        Course::built_in().expect("built-in course");
    });
    let connect = time(&mut || {
        rt.block_on(pracdocker::docker::connect_default())
            .expect("daemon reachable");
    });
    println!(
        "startup: spawn {:.1} ms, course load {:.1} ms, connect {:.1} ms (medians of {PROCESS_RUNS})",
        ms(spawn),
        ms(load),
        ms(connect)
    );
}

/// One state's process-level figures.
struct Processes {
    ours: Duration,
    min: Duration,
    max: Duration,
    theirs: Duration,
    steps: usize,
    checks: usize,
    passed: usize,
}

/// Times whole `pracdocker check --json` processes (removing the progress file before each when
/// `fresh`), then one `docker image inspect` process per check of the course.
fn processes(course: &Course, workdir: &Path, progress: &Path, fresh: bool) -> Processes {
    let n_checks: usize = course.steps().map(|(_, s)| s.checks.len()).sum();
    let mut ours = Vec::new();
    let mut last = String::new();
    for _ in 0..PROCESS_RUNS {
        if fresh {
            for f in [progress.to_path_buf(), progress.with_extension("json.lock")] {
                let _ = std::fs::remove_file(f);
            }
        }
        let t = Instant::now();
        let out = Command::new(BIN)
            .arg("--workdir")
            .arg(workdir)
            .args(["check", "--json"])
            .env("PRACDOCKER_PROGRESS", progress)
            .env_remove("DOCKER_CONTEXT")
            .output()
            .expect("run pracdocker");
        ours.push(t.elapsed());
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "pracdocker check exits 0 or 1 (verdicts reached), not {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        last = String::from_utf8_lossy(&out.stdout).into_owned();
    }
    let report: serde_json::Value = serde_json::from_str(&last).expect("check --json");
    let steps = report["steps"].as_array().cloned().unwrap_or_default();
    let passed = steps
        .iter()
        .flat_map(|s| s["checks"].as_array().cloned().unwrap_or_default())
        .filter(|c| c["status"] == "passed")
        .count();
    let mut theirs = Vec::new();
    for _ in 0..2 {
        let t = Instant::now();
        for _ in 0..n_checks {
            let _ = Command::new("docker")
                .args(["image", "inspect", "python-docker"])
                .output();
        }
        theirs.push(t.elapsed());
    }
    let (min, max) = (
        ours.iter().min().copied().unwrap_or_default(),
        ours.iter().max().copied().unwrap_or_default(),
    );
    Processes {
        ours: median(ours),
        min,
        max,
        theirs: median(theirs),
        steps: steps.len(),
        checks: n_checks,
        passed,
    }
}

/// The upper median.
fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

/// The in-process figures: all daemon-backed checkpoints, then without `exec`.
fn in_process(rt: &tokio::runtime::Runtime, course: &Course, since: i64) {
    let all = daemon_steps(course, |c| c.needs_daemon());
    // `exec` runs a process inside the container on both sides; it bounds the whole run.
    let inspect_only = daemon_steps(course, |c| c.needs_daemon() && c.kind() != "exec");
    for (label, steps) in [
        ("in one process, all daemon-backed checkpoints", &all),
        (
            "in one process, without exec (pure inspection)",
            &inspect_only,
        ),
    ] {
        let (ours, theirs, checks, processes) = measure(rt, steps, since);
        println!("{label}: {checks} checks");
        println!("  pracdocker, one process:          {:>8.1} ms (median of {ROUNDS}, connection included)", ms(ours));
        println!(
            "  one docker CLI process per check: {:>8.1} ms ({processes} processes, median of 2)",
            ms(theirs)
        );
        println!(
            "  ratio: {:.1}x (target: 20x)",
            theirs.as_secs_f64() / ours.as_secs_f64()
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// The course's steps reduced to the checks `keep` selects; steps left empty are dropped.
fn daemon_steps(course: &Course, keep: impl Fn(&Check) -> bool) -> Vec<(Lesson, Step)> {
    let mut out = Vec::new();
    for l in &course.lessons {
        for s in &l.steps {
            let checks: Vec<Check> = s.checks.iter().filter(|c| keep(c)).cloned().collect();
            if !checks.is_empty() {
                out.push((
                    l.clone(),
                    Step {
                        checks,
                        ..s.clone()
                    },
                ));
            }
        }
    }
    out
}

/// Median times (ours, theirs), the number of checks and of CLI processes.
fn measure(
    rt: &tokio::runtime::Runtime,
    steps: &[(Lesson, Step)],
    since: i64,
) -> (Duration, Duration, usize, usize) {
    let n_checks: usize = steps.iter().map(|(_, s)| s.checks.len()).sum();
    let mut ours = Vec::new();
    for _ in 0..ROUNDS {
        let t = Instant::now();
        rt.block_on(async {
            let ctx = Context {
                daemon: Ok(pracdocker::docker::connect_default()
                    .await
                    .expect("daemon reachable")),
                workdir: std::env::temp_dir(),
                since,
                answers: Ok(Default::default()),
            };
            let refs: Vec<(&Lesson, &Step)> = steps.iter().map(|(l, s)| (l, s)).collect();
            let results = run_steps(&ctx, &refs).await;
            assert_eq!(
                results.iter().map(|r| r.checks.len()).sum::<usize>(),
                n_checks
            );
        });
        ours.push(t.elapsed());
    }
    let mut theirs = Vec::new();
    let mut processes = 0;
    for _ in 0..2 {
        let t = Instant::now();
        processes = 0;
        for (_, s) in steps {
            for c in &s.checks {
                for args in shell_equivalent(c, since) {
                    let _ = Command::new("docker").args(&args).output();
                    processes += 1;
                }
            }
        }
        theirs.push(t.elapsed());
    }
    (median(ours), median(theirs), n_checks, processes)
}

/// The docker CLI calls a shell trainer makes to learn the same facts.
fn shell_equivalent(c: &Check, since: i64) -> Vec<Vec<String>> {
    let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    match c {
        Check::Image(i) => {
            let mut out = vec![v(&["image", "inspect", &i.reference])];
            if let Some(o) = &i.same_as {
                out.push(v(&["image", "inspect", o]));
            }
            out
        }
        Check::Container(ContainerCheck { name: Some(n), .. }) => vec![v(&["inspect", n])],
        Check::Container(ContainerCheck { image: Some(i), .. }) => vec![
            v(&[
                "ps",
                "-a",
                "-q",
                "--filter",
                &format!("ancestor={}", reference::normalize(i)),
            ]),
            v(&[
                "inspect",
                "--type",
                "container",
                "-f",
                "{{.Config.Image}}",
                "placeholder",
            ]),
        ],
        Check::Container(c) => vec![v(&[
            "ps",
            "-a",
            "--filter",
            &format!(
                "label=com.docker.compose.service={}",
                c.compose_service.clone().unwrap_or_default()
            ),
        ])],
        Check::Network(n) => vec![v(&["network", "inspect", &n.name])],
        Check::Volume(n) => vec![v(&["volume", "inspect", &n.name])],
        Check::Exec(e) => {
            let mut a = v(&["exec", &e.container]);
            a.extend(e.command.iter().cloned());
            vec![a]
        }
        Check::Compose(c) => vec![v(&[
            "ps",
            "-a",
            "--filter",
            &format!(
                "label=com.docker.compose.project={}",
                c.project.clone().unwrap_or_default()
            ),
        ])],
        Check::Event(e) => vec![v(&[
            "events",
            "--since",
            &since.to_string(),
            "--until",
            &now_fractional(),
            "--filter",
            &format!("event={}", e.action),
        ])],
        Check::Swarm(_) => vec![v(&["info", "--format", "{{.Swarm.LocalNodeState}}"])],
        _ => vec![],
    }
}

/// Now as `secs.nanos`, so `docker events --until` ends at once (fair to the shell side).
fn now_fractional() -> String {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    format!("{}.{:09}", d.as_secs(), d.subsec_nanos())
}
