//! Moving a learner forward from the command line (`check`, `answer`): evaluate the current
//! step; when it passes, record it and evaluate the next one at once, until a step fails, waits
//! for the learner (a reading step), or the selection ends. The trainer follows the same rule
//! through [`Session::completion`]; no step after the current one is ever evaluated here, so no
//! request is sent for a step that has not begun.

use crate::checker::{Answers, Beginning, Checker, Job, StepResult};
use crate::course::{Course, StepKey};
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
    while let Some(key) = session.current(course) {
        let Some((lesson, step)) = course.step(&key) else {
            break;
        };
        if step.checks.is_empty() {
            break; // a reading step: the learner confirms it
        }
        let began = since
            .take()
            .map_or_else(|| session.beginning(course, &key), Beginning::At);
        let answers: Answers = session.answers();
        let job = Job {
            lesson,
            step,
            began: &began,
        };
        let Some(result) = checker.run(&[job], &answers).await.pop() else {
            break;
        };
        let change = session.completion(course, &result);
        out.results.push(result);
        let Some(change) = change else {
            break;
        };
        if let Err(e) = session.commit(change) {
            out.error = Some(e);
            break;
        }
        if last == Some(&key) {
            break;
        }
    }
    out
}
