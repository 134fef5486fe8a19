//! What a round hands back: each check's outcome with its evidence, each step's verdicts, and
//! the inputs a round is judged against (when each step began, the learner's quiz answers).
//! Plain data shared by the checker, the trainer, grading and reports; nothing here gathers facts.

use std::collections::HashMap;

use super::{Check, Evidence, Outcome, Reason, Status, Unverifiable};
use crate::key::StepKey;

/// Quiz answers by step, or why they could not be read.
pub type Answers = Result<HashMap<StepKey, u8>, Unverifiable>;

/// When a step began: the window in which its `event`, `log` and rebuild checks look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Beginning {
    /// At this instant, nanoseconds since the epoch: what happened after it counts.
    At(i64),
    /// Not yet: the learner must first complete this earlier step.
    After(StepKey),
}

impl Beginning {
    /// The time, or the reason a check that needs it fails.
    pub(crate) fn time(&self) -> Result<i64, Reason> {
        match self {
            Beginning::At(t) => Ok(*t),
            Beginning::After(k) => Err(Reason::StepNotBegun {
                step: k.to_string(),
            }),
        }
    }
}

/// The verdict of one check.
#[derive(Debug, Clone)]
pub struct CheckResult {
    /// The check as declared.
    pub check: Check,
    /// Its outcome.
    pub outcome: Outcome,
    /// What proved it, when it passed (ids, names, a status code; never a secret).
    pub evidence: Option<Evidence>,
}

/// The verdicts of one step.
#[derive(Debug, Clone)]
pub struct StepResult {
    /// Lesson id.
    pub lesson: String,
    /// Step id.
    pub step: String,
    /// One per check, in declaration order.
    pub checks: Vec<CheckResult>,
}

impl StepResult {
    /// Failed if any failed; else unknown if any unknown; else passed.
    pub fn status(&self) -> Status {
        self.checks
            .iter()
            .map(|c| c.outcome.status())
            .max()
            .unwrap_or(Status::Passed)
    }

    /// The step this result is about.
    pub fn key(&self) -> StepKey {
        StepKey::new(&self.lesson, &self.step)
    }
}
