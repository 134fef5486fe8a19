//! What the live board keeps of one learner's grading: per-lesson scores and, per step, a mark
//! with the first failure's reason (language-neutral data). A full report (every check's
//! sentence, evidence, roster columns) per learner made a 300-row board hold hundreds of MB; this
//! is a few kB. Built on the host task; worded by the board's view, in the board's language.

use crate::check::{Outcome, Reason, Status, Unverifiable};
use crate::report::Score;

use super::{Graded, Plan};

/// One step as last graded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    /// All its checks passed (or the progress file records it done).
    Passed,
    /// A check failed: the first failed check's reason.
    Failed(Option<Reason>),
    /// Could not be verified: the first check's why.
    Unknown(Option<Unverifiable>),
    /// Not scored (a reading step without checks).
    Ungraded,
}

/// One learner, lean.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Per lesson of the plan, in column order.
    pub scores: Vec<Score>,
    /// Per step of the plan, in course order.
    pub marks: Vec<Mark>,
    /// Which steps may be skipped (not anyone's current step when open).
    pub optional: Vec<bool>,
}

impl Summary {
    /// The lean summary of a grading (scores computed as every report does).
    pub fn of(mut g: Graded, plan: &Plan) -> Summary {
        // The scores need a report; its sentences are thrown away, so any language does. One
        // translator per worker thread: building one per regrade parsed the Fluent file each time.
        thread_local! {
            static TR: crate::i18n::Tr = crate::i18n::Tr::new(crate::lang::Lang::En);
        }
        // The roster's language would build a second translator: sentences are not kept anyway.
        g.lang = None;
        let learner = TR.with(|tr| g.learner(plan, tr));
        let mut s = Summary {
            scores: learner.lessons.iter().map(|l| l.score).collect(),
            ..Summary::default()
        };
        for l in &learner.lessons {
            for st in &l.steps {
                let mark = match st.status {
                    _ if !st.graded => Mark::Ungraded,
                    Status::Passed => Mark::Passed,
                    Status::Unknown => Mark::Unknown(first_why(&g, &l.id, &st.id)),
                    Status::Failed => Mark::Failed(first_reason(&g, &l.id, &st.id)),
                };
                s.marks.push(mark);
                s.optional.push(st.optional);
            }
        }
        s
    }

    /// Steps passed.
    pub fn passed(&self) -> usize {
        self.marks.iter().filter(|m| **m == Mark::Passed).count()
    }

    /// The learner's current step: the first scored, required step not passed.
    pub fn current(&self) -> Option<usize> {
        self.marks
            .iter()
            .zip(&self.optional)
            .position(|(m, o)| !o && !matches!(m, Mark::Passed | Mark::Ungraded))
    }

    /// Over every lesson: steps and points.
    pub fn total(&self) -> Score {
        let mut t = Score::default();
        self.scores.iter().for_each(|s| t.merge(s));
        t
    }
}

fn first_why(g: &Graded, lesson: &str, step: &str) -> Option<Unverifiable> {
    g.results
        .iter()
        .find(|r| r.lesson == lesson && r.step == step)?
        .checks
        .iter()
        .find_map(|c| match &c.outcome {
            Outcome::Unknown(u) => Some(u.clone()),
            _ => None,
        })
}

fn first_reason(g: &Graded, lesson: &str, step: &str) -> Option<Reason> {
    g.results
        .iter()
        .find(|r| r.lesson == lesson && r.step == step)?
        .checks
        .iter()
        .find_map(|c| match &c.outcome {
            Outcome::Failed(r) => Some(r.clone()),
            _ => None,
        })
}
