//! `--deadline`: which passed steps were done after it. A step's time is when the learner's
//! progress (or the ledger) records it done, else the latest time its checks' evidence carries
//! (an event, a build, a file's last write); a pass with no time of its own is never marked.
//! Late steps still count as passed; the instructor sees them flagged and counted (`late`).

use std::collections::BTreeMap;

use super::Learner;
use crate::check::StepResult;
use crate::check::{Recorded, Status};
use crate::key::StepKey;

/// For `skip_serializing_if`: no late step.
pub fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// When each step of `results` was done, where that can be told.
pub fn done_times(
    results: &[StepResult],
    recorded: &BTreeMap<StepKey, Recorded>,
) -> BTreeMap<StepKey, i64> {
    let mut out = BTreeMap::new();
    for r in results {
        let key = r.key();
        let at = recorded.get(&key).map(|x| x.at).or_else(|| {
            (r.status() == Status::Passed)
                .then(|| {
                    r.checks
                        .iter()
                        .filter_map(|c| c.evidence.as_ref())
                        .filter_map(|e| e.at.or(e.event_time))
                        .max()
                })
                .flatten()
        });
        if let Some(at) = at {
            out.insert(key, at);
        }
    }
    out
}

/// Flags the learner's passed steps done after `deadline` and counts the required ones in
/// each lesson's score and the learner's.
pub fn mark(learner: &mut Learner, times: &BTreeMap<StepKey, i64>, deadline: i64) {
    learner.score.late = 0;
    for lesson in &mut learner.lessons {
        lesson.score.late = 0;
        for s in &mut lesson.steps {
            let at = times.get(&StepKey::new(&lesson.id, &s.id));
            s.late = s.graded && s.status == Status::Passed && at.is_some_and(|t| *t > deadline);
            if s.late && !s.optional {
                lesson.score.late += 1;
            }
        }
        learner.score.late += lesson.score.late;
    }
}

/// "As of … · deadline …", for the text printers' first line; None for a live grade without one.
pub fn heading(report: &super::Report, tr: &crate::i18n::Tr) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(t) = &report.as_of {
        parts.push(tr.ta("grade-as-of", &[("time", t)]));
    }
    if let Some(t) = &report.deadline {
        parts.push(tr.ta("grade-deadline", &[("time", t)]));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}
