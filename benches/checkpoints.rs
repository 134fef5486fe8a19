//! Speed of checking: every daemon-backed checkpoint of the built-in course evaluated by
//! pracdocker in one process (one connection, checks of a step concurrent), against the same
//! facts gathered the way shell-script trainers do it: one `docker inspect`-style process per
//! check. Prints both times and the ratio. Needs a running daemon.
//!
//! With `PRACDOCKER_DAEMON_TESTS=1` it first creates the course's objects (fixture image tagged
//! `python-docker`, `postgres`; `db` on `postgresnet` with `db-data`) so lookups find real
//! objects, and removes them afterwards. Without it, it measures the daemon as it is, read-only.

#[path = "../tests/support/mod.rs"]
mod support;

use std::process::Command;
use std::time::{Duration, Instant};

use pracdocker::check::{reference, Check, ContainerCheck};
use pracdocker::checker::{run_steps, Context};
use pracdocker::course::{Course, Lesson, Step};

const ROUNDS: u32 = 5;

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let course = Course::built_in().expect("built-in course");
    let populate = std::env::var(support::ENABLE).as_deref() == Ok("1");
    if populate {
        setup();
    }
    let since = support::now() - 3600;
    let all = daemon_steps(&course, |c| c.needs_daemon());
    // `exec` runs a process inside the container on both sides; it bounds the whole run.
    let inspect_only = daemon_steps(&course, |c| c.needs_daemon() && c.kind() != "exec");
    for (label, steps) in [
        ("all daemon-backed checkpoints", &all),
        ("without exec (pure inspection)", &inspect_only),
    ] {
        let (ours, theirs, checks, processes) = measure(&rt, steps, since);
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
    if populate {
        teardown();
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
                daemon: Ok(pracdocker::commands::connect()
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
    let median = |mut v: Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
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

fn setup() {
    teardown();
    let base = support::busybox_image();
    for tag in [
        "python-docker:latest",
        "python-docker:v1.0.0",
        "postgres:latest",
        "python-docker-dev:latest",
    ] {
        support::docker(&["tag", base, tag]);
    }
    support::docker(&["volume", "create", "db-data"]);
    support::docker(&["network", "create", "postgresnet"]);
    support::docker(&[
        "run",
        "-d",
        "--rm",
        "--name",
        "db",
        "--network",
        "postgresnet",
        "--mount",
        "type=volume,src=db-data,target=/var/lib/postgresql/data",
        "-e",
        "POSTGRES_PASSWORD=x",
        "-e",
        "POSTGRES_DB=example",
        "postgres",
        "sleep",
        "600",
    ]);
}

fn teardown() {
    support::remove_all(
        &["db"],
        &["postgresnet"],
        &["db-data"],
        &[
            "python-docker:latest",
            "python-docker:v1.0.0",
            "postgres:latest",
            "python-docker-dev:latest",
        ],
    );
}

/// Now as `secs.nanos`, so `docker events --until` ends at once (fair to the shell side).
fn now_fractional() -> String {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    format!("{}.{:09}", d.as_secs(), d.subsec_nanos())
}
