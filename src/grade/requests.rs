//! Evaluating a learner's steps without sending a request for a step they have not reached.
//! Every check but `http` runs first, in one round; then each `http` check, in course order,
//! only when every earlier check of its lesson that could be evaluated has passed (the grader
//! may have no progress file to say which step is current). A request sent too early can
//! disturb the learner's app: the sample app leaks a database connection on a failed query.

use crate::check::{Answers, Beginning, CheckResult, StepResult};
use crate::check::{Check, Outcome, Reason, Status};
use crate::checker::{Checker, Job};
use crate::course::{Course, Step};
use crate::key::StepKey;

/// One result per key, checks in declaration order. `locked[i]` names the learner's current
/// step when key `i` is after it: such a step is not evaluated at all. `by_progress`: a progress
/// file says which steps the learner reached (every step not locked), so a request is sent for
/// each of those; without one, a request waits for the lesson's earlier checks to pass. (With
/// the gate and a progress file, an optional step the learner skipped held back the requests of
/// every step after it: "not begun" for a step they were on.)
pub async fn evaluate(
    course: &Course,
    checker: &Checker,
    keys: &[StepKey],
    beginnings: &[Beginning],
    locked: &[Option<StepKey>],
    by_progress: bool,
    answers: &Answers,
) -> Vec<StepResult> {
    let found: Vec<_> = keys.iter().filter_map(|k| course.step(k)).collect();
    // First pass: everything but requests, for the steps that have begun.
    let quiet: Vec<Step> = found
        .iter()
        .map(|(_, s)| {
            let quiet = s.checks.iter().filter(|c| !matches!(c, Check::Http(_)));
            s.with_checks(quiet.cloned().collect())
        })
        .collect();
    let jobs: Vec<Job> = found
        .iter()
        .zip(&quiet)
        .zip(beginnings)
        .zip(locked)
        .filter(|(_, l)| l.is_none())
        .map(|(((ls, step), began), _)| Job {
            lesson: ls.0,
            step,
            began,
        })
        .collect();
    let mut first = checker.run(&jobs, answers).await.into_iter();
    let mut out = Vec::new();
    // Whether every evaluable check so far in this lesson passed; else the first step that
    // did not.
    let mut lesson_ok: Option<(String, Option<StepKey>)> = None;
    for (((lesson, step), began), lock) in found.iter().zip(beginnings).zip(locked) {
        let key = StepKey::new(&lesson.id, &step.id);
        if let Some(current) = lock {
            let not_begun = Outcome::Failed(Reason::StepNotBegun {
                step: current.to_string(),
            });
            out.push(result(&key, step, |_| not_begun.clone()));
            continue;
        }
        let mut quiet = first
            .next()
            .map(|r| r.checks)
            .unwrap_or_default()
            .into_iter();
        if lesson_ok.as_ref().is_none_or(|(l, _)| *l != lesson.id) {
            lesson_ok = Some((lesson.id.clone(), None));
        }
        let mut checks = Vec::new();
        for c in &step.checks {
            let blocker = lesson_ok
                .as_ref()
                .and_then(|(_, b)| b.clone())
                .filter(|_| !by_progress);
            let done = match (c, blocker) {
                (Check::Http(_), Some(b)) => CheckResult {
                    check: c.clone(),
                    outcome: Outcome::Failed(Reason::StepNotBegun {
                        step: b.to_string(),
                    }),
                    evidence: None,
                },
                (Check::Http(_), None) => {
                    let alone = step.with_checks(vec![c.clone()]);
                    let job = Job {
                        lesson,
                        step: &alone,
                        began,
                    };
                    let mut r = checker.run(&[job], answers).await;
                    match r.pop().and_then(|r| r.checks.into_iter().next()) {
                        Some(x) => x,
                        None => continue,
                    }
                }
                _ => match quiet.next() {
                    Some(x) => x,
                    None => continue,
                },
            };
            if done.outcome.status() == Status::Failed {
                if let Some((_, b @ None)) = &mut lesson_ok {
                    *b = Some(key.clone());
                }
            }
            checks.push(done);
        }
        out.push(StepResult {
            lesson: lesson.id.clone(),
            step: step.id.clone(),
            checks,
        });
    }
    out
}

fn result(key: &StepKey, step: &Step, outcome: impl Fn(&Check) -> Outcome) -> StepResult {
    StepResult {
        lesson: key.lesson.clone(),
        step: key.step.clone(),
        checks: step
            .checks
            .iter()
            .map(|c| CheckResult {
                check: c.clone(),
                outcome: outcome(c),
                evidence: None,
            })
            .collect(),
    }
}
