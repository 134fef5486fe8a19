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
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    let course = Course::built_in().expect("built-in course");
    let steps: Vec<(Lesson, Step)> = course
        .lessons
        .iter()
        .flat_map(|l| {
            l.steps.iter().filter_map(move |s| {
                let checks: Vec<Check> = s.checks.iter().filter(|c| c.needs_daemon()).cloned().collect();
                (!checks.is_empty()).then(|| (l.clone(), Step { checks, ..s.clone() }))
            })
        })
        .collect();
    let n_checks: usize = steps.iter().map(|(_, s)| s.checks.len()).sum();
    let populate = std::env::var(support::ENABLE).as_deref() == Ok("1");
    if populate {
        setup();
    }
    let since = support::now() - 3600;

    // pracdocker: connect once, evaluate everything.
    let mut ours = Vec::new();
    for _ in 0..ROUNDS {
        let t = Instant::now();
        rt.block_on(async {
            let ctx = Context {
                daemon: Ok(pracdocker::commands::connect().await.expect("daemon reachable")),
                workdir: std::env::temp_dir(),
                since,
                answers: Ok(Default::default()),
            };
            let refs: Vec<(&Lesson, &Step)> = steps.iter().map(|(l, s)| (l, s)).collect();
            let results = run_steps(&ctx, &refs).await;
            assert_eq!(results.iter().map(|r| r.checks.len()).sum::<usize>(), n_checks);
        });
        ours.push(t.elapsed());
    }

    if std::env::var("BENCH_DEBUG").is_ok() {
        rt.block_on(async {
            let t = Instant::now();
            let d = pracdocker::commands::connect().await.expect("daemon");
            println!("connect {:?}", t.elapsed());
            let ctx = Context { daemon: Ok(d), workdir: std::env::temp_dir(), since, answers: Ok(Default::default()) };
            for (_, s) in &steps {
                for c in &s.checks {
                    let t = Instant::now();
                    let _ = pracdocker::checker::evaluate(&ctx, "x", c).await;
                    println!("{:>8.2?} {} {}", t.elapsed(), c.kind(), c.target());
                }
            }
        });
    }

    // Shell-script style: one docker CLI process per fact.
    let mut theirs = Vec::new();
    let mut processes = 0;
    for _ in 0..2 {
        let t = Instant::now();
        processes = 0;
        for (_, s) in &steps {
            for c in &s.checks {
                for args in shell_equivalent(c, since) {
                    let _ = Command::new("docker").args(&args).output();
                    processes += 1;
                }
            }
        }
        theirs.push(t.elapsed());
    }
    if populate {
        teardown();
    }
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let (a, b) = (median(&mut ours), median(&mut theirs));
    println!("daemon-backed checkpoints in the built-in course: {n_checks} (in {} steps)", steps.len());
    println!("pracdocker, one process:           {:>9.1} ms (median of {ROUNDS})", a.as_secs_f64() * 1e3);
    println!("one docker CLI process per check:  {:>9.1} ms ({processes} processes, median of 2)", b.as_secs_f64() * 1e3);
    println!("ratio: pracdocker is {:.1}x faster (target: 20x)", b.as_secs_f64() / a.as_secs_f64());
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
            v(&["ps", "-a", "-q", "--filter", &format!("ancestor={}", reference::normalize(i))]),
            v(&["inspect", "--type", "container", "-f", "{{.Config.Image}}", "placeholder"]),
        ],
        Check::Container(c) => vec![v(&[
            "ps",
            "-a",
            "--filter",
            &format!("label=com.docker.compose.service={}", c.compose_service.clone().unwrap_or_default()),
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
            &format!("label=com.docker.compose.project={}", c.project.clone().unwrap_or_default()),
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
    for tag in ["python-docker:latest", "python-docker:v1.0.0", "postgres:latest", "python-docker-dev:latest"] {
        support::docker(&["tag", base, tag]);
    }
    support::docker(&["volume", "create", "db-data"]);
    support::docker(&["network", "create", "postgresnet"]);
    support::docker(&[
        "run", "-d", "--rm", "--name", "db", "--network", "postgresnet",
        "--mount", "type=volume,src=db-data,target=/var/lib/postgresql/data",
        "-e", "POSTGRES_PASSWORD=x", "-e", "POSTGRES_DB=example", "postgres", "sleep", "600",
    ]);
}

fn teardown() {
    support::remove_all(
        &["db"],
        &["postgresnet"],
        &["db-data"],
        &["python-docker:latest", "python-docker:v1.0.0", "postgres:latest", "python-docker-dev:latest"],
    );
}

/// Now as `secs.nanos`, so `docker events --until` ends at once (fair to the shell side).
fn now_fractional() -> String {
    let d = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    format!("{}.{:09}", d.as_secs(), d.subsec_nanos())
}
