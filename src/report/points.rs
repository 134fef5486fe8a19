//! Points in the report: what a step earned, could earn, and what is still pending (could not be
//! verified: never counted as 0), and where each verdict comes from (observed on the daemon or
//! in the folder, claimed on the learner's progress file). Pure; the printers only read these.

use serde::Serialize;

use crate::check::{Basis, Status};
use crate::course::{Points, Step};

/// Points earned, the most that could be earned, and those not yet known.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Earned: a passed step's points, or a failed step's passed checks (partial credit).
    pub earned: Points,
    /// Required steps' points (optional steps are extra credit: in `earned`, not here).
    pub max: Points,
    /// Points of required steps (or checks) that could not be verified: neither earned nor lost.
    pub pending: Points,
}

impl Tally {
    /// Adds another tally.
    pub fn merge(&mut self, o: &Tally) {
        self.earned += o.earned;
        self.max += o.max;
        self.pending += o.pending;
    }

    /// `4/5 points`, or `4/5 points (1 pending)`, in words from `tr`.
    pub fn words(&self, tr: &crate::i18n::Tr) -> String {
        let (earned, max) = (self.earned.to_string(), self.max.to_string());
        let base = tr.ta("grade-points", &[("earned", &earned), ("max", &max)]);
        if self.pending.is_zero() {
            base
        } else {
            let pending = self.pending.to_string();
            format!(
                "{base} ({})",
                tr.ta("grade-points-pending", &[("points", &pending)])
            )
        }
    }
}

/// Where a step's verdict comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Seen on the daemon or in the learner's folder.
    Observed,
    /// Taken from the learner's progress file (a quiz answer, a reading step, a recorded
    /// completion whose evidence is gone): the learner could have edited it.
    Claimed,
    /// Recorded done, but the daemon contradicts the record (flagged).
    Contradicted,
    /// Neither: it could not be verified (`unknown`).
    Unverified,
}

impl Source {
    /// The id used in JSON and the Fluent selector.
    pub fn id(self) -> &'static str {
        match self {
            Source::Observed => "observed",
            Source::Claimed => "claimed",
            Source::Contradicted => "contradicted",
            Source::Unverified => "unverified",
        }
    }

    /// A step's source: its record's basis when its progress records it done; else claimed for
    /// a reading step, unverified when it could not be checked (a quiz without answers too),
    /// claimed when the verdict rests on the progress file (a quiz answer), observed otherwise.
    pub fn of(step: &Step, status: Status, recorded: Option<Basis>) -> Source {
        match recorded {
            Some(Basis::Observed) => Source::Observed,
            Some(Basis::Claimed) => Source::Claimed,
            Some(Basis::Contradicted) => Source::Contradicted,
            None if step.checks.is_empty() => Source::Claimed,
            None if status == Status::Unknown => Source::Unverified,
            None if step.checks.iter().any(|c| c.kind() == "quiz") => Source::Claimed,
            None => Source::Observed,
        }
    }
}

/// A graded step's tally from its status and its checks' statuses with their points (partial
/// credit; empty when the step is all or nothing).
pub fn step_tally(step: &Step, status: Status, checks: &[(Status, Option<Points>)]) -> Tally {
    let max = if step.optional {
        Points::ZERO
    } else {
        step.points
    };
    let partial = !checks.is_empty() && checks.iter().all(|(_, p)| p.is_some());
    let sum = |want: Status| -> Points {
        checks
            .iter()
            .filter(|(s, _)| *s == want)
            .filter_map(|(_, p)| *p)
            .sum()
    };
    let (earned, pending) = match status {
        Status::Passed => (step.points, Points::ZERO),
        _ if partial => (sum(Status::Passed), sum(Status::Unknown)),
        Status::Unknown => (Points::ZERO, step.points),
        Status::Failed => (Points::ZERO, Points::ZERO),
    };
    Tally {
        earned,
        max,
        pending: if step.optional { Points::ZERO } else { pending },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Check;

    fn step(optional: bool, points: u64) -> Step {
        let quiz: Check = toml::from_str("kind = \"quiz\"\nchoices = 2\nanswer = 1").expect("quiz");
        Step {
            id: "s".into(),
            optional,
            checks: vec![quiz.clone(), quiz],
            points: Points::whole(points),
            check_points: Vec::new(),
            text: Default::default(),
        }
    }

    #[test]
    fn pending_is_never_zero_and_partial_credit_adds_passed_checks() {
        let (p, f, u) = (Status::Passed, Status::Failed, Status::Unknown);
        let w = |n| Some(Points::whole(n));
        let t = step_tally(&step(false, 3), u, &[(p, None), (u, None)]);
        assert_eq!(
            (t.earned, t.max, t.pending),
            (Points::ZERO, Points::whole(3), Points::whole(3))
        );
        let t = step_tally(&step(false, 3), f, &[(p, w(1)), (f, w(1)), (u, w(1))]);
        assert_eq!((t.earned, t.pending), (Points::whole(1), Points::whole(1)));
        let t = step_tally(&step(false, 3), p, &[(p, w(1)), (p, w(2))]);
        assert_eq!(t.earned, Points::whole(3));
        // Optional: extra credit, never in the maximum or pending.
        let t = step_tally(&step(true, 2), u, &[(u, None)]);
        assert_eq!(t, Tally::default());
        let t = step_tally(&step(true, 2), p, &[(p, None)]);
        assert_eq!((t.earned, t.max), (Points::whole(2), Points::ZERO));
    }
}
