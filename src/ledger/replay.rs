//! The class as it stood at a time, from a ledger alone (no daemon): each check's last verdict
//! whose `at` is not after that time, and each step done from the first instant all its checks
//! passed together, whatever came after (a step done stays done). Steps the ledger never saw are
//! pending (`not-in-ledger`), never 0. The result is the same [`Graded`] a live grade gives, so
//! every report format prints it.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use super::{Entry, Ledger};
use crate::check::{Basis, Check, Outcome, Reason, Recorded, Status, Unverifiable};
use crate::check::{CheckResult, StepResult};
use crate::course::Course;
use crate::grade::Graded;
use crate::key::StepKey;

/// One learner as the ledger saw them by then.
#[derive(Debug, Clone)]
pub struct Replayed {
    /// Their grading, rebuilt.
    pub graded: Graded,
    /// The grader's time of the last verdict taken (when they were last seen graded).
    pub last_seen: i64,
}

/// Every learner of the ledger (in order of first appearance) as they stood at `t` (the end of
/// the ledger when `None`), over `lessons` of `course`.
pub fn as_of(
    ledger: &Ledger,
    course: &Course,
    lessons: &[String],
    t: Option<i64>,
) -> Vec<Replayed> {
    let mut order: Vec<&str> = Vec::new();
    let mut by_learner: HashMap<&str, Vec<(i64, &Entry)>> = HashMap::new();
    for e in &ledger.entries {
        let at = e.at_ns();
        if t.is_some_and(|t| at > t) {
            continue;
        }
        let list = by_learner.entry(e.learner.as_str()).or_insert_with(|| {
            order.push(e.learner.as_str());
            Vec::new()
        });
        list.push((at, e));
    }
    order
        .into_iter()
        .map(|name| {
            let mut list = by_learner.remove(name).unwrap_or_default();
            // File order breaks ties: two graders may append out of `at` order.
            list.sort_by_key(|(at, _)| *at);
            learner(name, &list, course, lessons)
        })
        .collect()
}

/// Per step: the last entry per check, and when all first passed together.
#[derive(Default)]
struct StepState<'e> {
    checks: Vec<Option<&'e Entry>>,
    done: Option<i64>,
}

fn learner(name: &str, list: &[(i64, &Entry)], course: &Course, lessons: &[String]) -> Replayed {
    let mut steps: HashMap<(&str, &str), StepState> = HashMap::new();
    let (mut host, mut roster, mut last_seen) = (String::new(), Vec::new(), 0);
    for &(at, e) in list {
        let Some(step) = course
            .lesson(&e.lesson)
            .and_then(|l| l.steps.iter().find(|s| s.id == e.step))
        else {
            continue;
        };
        // A changed course: an entry about a check that is no longer there is not this check's.
        if step.checks.get(e.check).map(Check::kind) != Some(e.kind.as_str()) {
            continue;
        }
        let ts = e.ts_ns();
        if ts >= last_seen {
            last_seen = ts;
            host.clone_from(&e.host);
            roster.clone_from(&e.roster);
        }
        let s = steps.entry((&e.lesson, &e.step)).or_default();
        s.checks.resize(step.checks.len(), None);
        s.checks[e.check] = Some(e);
        if s.done.is_none()
            && s.checks
                .iter()
                .all(|c| c.is_some_and(|c| c.status == Status::Passed))
        {
            s.done = Some(at);
        }
    }
    // Not-begun lines are written once (a new blocker is no change): the step they wait for is
    // the first required one not done by then (the ledger does not know which optional steps
    // were skipped).
    let blocker = course
        .steps()
        .filter(|(_, s)| !s.optional)
        .find(|(l, s)| {
            let done = steps
                .get(&(l.id.as_str(), s.id.as_str()))
                .and_then(|x| x.done);
            done.is_none()
        })
        .map(|(l, s)| StepKey::new(&l.id, &s.id).to_string());
    let mut results = Vec::new();
    let mut recorded = BTreeMap::new();
    for (l, s) in course.steps().filter(|(l, _)| lessons.contains(&l.id)) {
        let state = steps.get(&(l.id.as_str(), s.id.as_str()));
        let checks = s
            .checks
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let e = state.and_then(|x| x.checks.get(i).copied().flatten());
                CheckResult {
                    check: c.clone(),
                    outcome: e.map_or(Outcome::Unknown(Unverifiable::NotInLedger), |e| {
                        waiting_for(outcome(e), blocker.as_deref())
                    }),
                    evidence: e.and_then(|e| e.evidence.clone()),
                }
            })
            .collect();
        if let Some(at) = state.and_then(|x| x.done) {
            // A quiz passes on the learner's own answer: the ledger saw a claim.
            let seen = s.checks.iter().any(|c| !matches!(c, Check::Quiz(_)));
            let basis = if seen {
                Basis::Observed
            } else {
                Basis::Claimed
            };
            recorded.insert(StepKey::new(&l.id, &s.id), Recorded { at, basis });
        }
        results.push(StepResult {
            lesson: l.id.clone(),
            step: s.id.clone(),
            checks,
        });
    }
    Replayed {
        graded: Graded {
            name: name.to_string(),
            host,
            daemon: None,
            problem: None,
            results,
            recorded,
            duration: Duration::ZERO,
            lang: None,
            fields: roster,
        },
        last_seen,
    }
}

/// A not-begun verdict names the step it waits for as of the replay.
fn waiting_for(o: Outcome, blocker: Option<&str>) -> Outcome {
    match (o, blocker) {
        (Outcome::Failed(Reason::StepNotBegun { .. }), Some(b)) => {
            Outcome::Failed(Reason::StepNotBegun {
                step: b.to_string(),
            })
        }
        (o, _) => o,
    }
}

/// The verdict a line records; a reason this build cannot read (a newer pracdocker's) is pending.
fn outcome(e: &Entry) -> Outcome {
    let unread = Outcome::Unknown(Unverifiable::NotInLedger);
    match e.status {
        Status::Passed => Outcome::Passed,
        Status::Failed => e
            .reason
            .clone()
            .and_then(|v| serde_json::from_value::<Reason>(v).ok())
            .map_or(unread, Outcome::Failed),
        Status::Unknown => e
            .reason
            .clone()
            .and_then(|v| serde_json::from_value::<Unverifiable>(v).ok())
            .map_or(unread, Outcome::Unknown),
    }
}
