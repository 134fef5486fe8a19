//! The built-in course's own checkpoints (loaded from the course, not retyped) against states a
//! learner gets *almost* right: each must fail, and with the reason that tells what differs.
//! Opt-in (`PRACDOCKER_DAEMON_TESTS=1`), with the stand-in images of `support::stand_ins`; the
//! course's objects are removed before and after, also when an assertion fails.

#[path = "course_near_misses/containers.rs"]
mod containers;
#[path = "course_near_misses/files.rs"]
mod files;
#[path = "course_near_misses/runs.rs"]
mod runs;
mod support;

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use pracdocker::check::{Check, ContainerCheck, Outcome, Reason, Status, Unverifiable};
use pracdocker::checker::{evaluate, run_step, Context};
use pracdocker::course::{Course, Lesson, Step};
use pracdocker::lang::Lang;
use support::{block_on, busybox_image, daemon_tests, docker, docker_quiet, stand_ins};

/// Removes the course's objects when created and when dropped.
struct Cleanup;

impl Cleanup {
    fn new() -> Cleanup {
        stand_ins::remove_course_objects();
        Cleanup
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        stand_ins::remove_course_objects();
    }
}

/// The checks of one step of the built-in course (`lesson/step`).
fn checks_of(course: &Course, key: &str) -> Vec<Check> {
    let (lesson, step) = key.split_once('/').expect("lesson/step");
    course
        .lesson(lesson)
        .and_then(|l| l.steps.iter().find(|s| s.id == step))
        .unwrap_or_else(|| panic!("{key} is not a step of the built-in course"))
        .checks
        .clone()
}

/// The lesson and step of the built-in course (`lesson/step`).
fn step_of<'a>(course: &'a Course, key: &str) -> (&'a Lesson, &'a Step) {
    let (lesson, step) = key.split_once('/').expect("lesson/step");
    let lesson = course
        .lesson(lesson)
        .unwrap_or_else(|| panic!("no lesson in {key}"));
    let step = lesson
        .steps
        .iter()
        .find(|s| s.id == step)
        .unwrap_or_else(|| panic!("{key} is not a step of the built-in course"));
    (lesson, step)
}

/// The step's container check (the one matching `pick` when it has several).
fn container_check(course: &Course, key: &str, pick: impl Fn(&ContainerCheck) -> bool) -> Check {
    checks_of(course, key)
        .into_iter()
        .find(|c| matches!(c, Check::Container(cc) if pick(cc)))
        .unwrap_or_else(|| panic!("{key} has no such container check"))
}

/// The step's image check.
fn image_check(course: &Course, key: &str) -> Check {
    checks_of(course, key)
        .into_iter()
        .find(|c| matches!(c, Check::Image(_)))
        .unwrap_or_else(|| panic!("{key} has no image check"))
}

/// A context for checks that only read the learner's folder: no daemon is involved.
fn offline(workdir: &Path) -> Context {
    Context {
        daemon: Err(Unverifiable::DaemonError {
            error: "not needed for file checks".into(),
        }),
        workdir: workdir.to_path_buf(),
        since: 0,
        answers: Ok(HashMap::new()),
    }
}

/// Waits for the next whole second and returns it: the beginning of a step whose checks look at
/// what happened since (the daemon's times are whole seconds, `since` is inclusive).
fn fresh_second() -> i64 {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970");
    std::thread::sleep(Duration::from_nanos(
        1_000_000_000 - u64::from(now.subsec_nanos()),
    ));
    support::now()
}

async fn context(workdir: &Path) -> Context {
    Context {
        daemon: Ok(pracdocker::docker::connect_default()
            .await
            .expect("daemon reachable")),
        workdir: workdir.to_path_buf(),
        since: support::now(),
        answers: Ok(HashMap::new()),
    }
}

/// The reason `check` (of step `key`) fails with; panics when it does not fail.
async fn reason(ctx: &Context, key: &str, check: &Check) -> Reason {
    match evaluate(ctx, key, check).await {
        Outcome::Failed(r) => r,
        other => panic!("{key}: {check:?}\nexpected a failure, got {other:?}"),
    }
}

async fn passes(ctx: &Context, key: &str, check: &Check) {
    let o = evaluate(ctx, key, check).await;
    assert_eq!(o, Outcome::Passed, "{key}: {check:?}");
}

/// `docker run -d ARGS` after removing the named container.
fn run(name: &str, args: &[&str]) {
    docker_quiet(&["rm", "-f", "-v", name]);
    let mut all = vec!["run", "-d", "--name", name];
    all.extend(args);
    docker(&all);
}
