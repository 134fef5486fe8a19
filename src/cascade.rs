//! Moving a learner forward from the command line (`check`, `answer`): evaluate the current
//! step; when it passes, record it and evaluate the next one at once, until a step fails, waits
//! for the learner (a reading step), or the selection ends. The trainer follows the same rule
//! through [`Session::completion`]; no step after the current one is ever evaluated here, so no
//! request is sent for a step that has not begun.

use std::future::Future;

use crate::check::Unverifiable;
use crate::check::{Answers, Beginning, StepResult};
use crate::checker::{Checker, Job};
use crate::course::Course;
use crate::docker::Daemon;
use crate::key::StepKey;
use crate::progress::ProgressError;
use crate::session::Session;

/// What a cascade did.
#[derive(Debug, Default)]
pub struct Cascade {
    /// The steps evaluated, in course order (each passed and was recorded, except the last one
    /// when it did not pass).
    pub results: Vec<StepResult>,
    /// Why recording a completion failed, if it did (the cascade stops there).
    pub error: Option<ProgressError>,
    /// Why the daemon could not be reached, when a step that needs it was evaluated without it.
    pub unreachable: Option<Unverifiable>,
}

/// Like [`run`], reaching the daemon only when the cascade comes to a step that needs it: a
/// learner stopped at a file step is not told the daemon is down, and one whose file step
/// passes goes on to the daemon steps after it.
pub async fn run_connecting<C, F>(
    session: &mut Session,
    course: &Course,
    checker: &mut Checker,
    connect: C,
    since: Option<i64>,
    last: Option<&StepKey>,
) -> Cascade
where
    C: FnOnce() -> F,
    F: Future<Output = Result<Daemon, Unverifiable>>,
{
    let mut connect = Some(connect);
    let mut out = Cascade::default();
    let mut since = since;
    loop {
        let next = session.current(course);
        let needs = next
            .as_ref()
            .and_then(|k| course.step(k))
            .is_some_and(|(_, s)| s.checks.iter().any(|c| c.needs_daemon()));
        if needs {
            if let Some(c) = connect.take() {
                checker.set_daemon(c().await);
            }
        }
        let first = since.take();
        let step = run_one(session, course, checker, first, &mut out).await;
        if !step || last == next.as_ref() {
            break;
        }
    }
    if let (Err(u), None) = (checker.daemon(), &connect) {
        out.unreachable = Some(u.clone());
    }
    out
}

/// Evaluates from the current step on, recording each completion, and stops after `last` (or
/// at the end of the course). `since` overrides the first evaluated step's beginning (an
/// explicit window the learner asked for); later ones begin at their predecessor's evidence.
pub async fn run(
    session: &mut Session,
    course: &Course,
    checker: &Checker,
    since: Option<i64>,
    last: Option<&StepKey>,
) -> Cascade {
    let mut out = Cascade::default();
    let mut since = since;
    loop {
        let key = session.current(course);
        if !run_one(session, course, checker, since.take(), &mut out).await || last == key.as_ref()
        {
            break;
        }
    }
    out
}

/// Evaluates the current step and records it when it passes; false when the cascade stops.
async fn run_one(
    session: &mut Session,
    course: &Course,
    checker: &Checker,
    since: Option<i64>,
    out: &mut Cascade,
) -> bool {
    let Some(key) = session.current(course) else {
        return false;
    };
    let Some((lesson, step)) = course.step(&key) else {
        return false;
    };
    if step.checks.is_empty() {
        return false; // a reading step: the learner confirms it
    }
    let began = since.map_or_else(|| session.beginning(course, &key), Beginning::At);
    let answers: Answers = session.answers();
    let job = Job {
        lesson,
        step,
        began: &began,
    };
    let Some(result) = checker.run(&[job], &answers).await.pop() else {
        return false;
    };
    let change = session.completion(course, &result);
    out.results.push(result);
    let Some(change) = change else {
        return false;
    };
    if let Err(e) = session.commit(change) {
        out.error = Some(e);
        return false;
    }
    true
}
