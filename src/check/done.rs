//! How a grader knows that a step a learner's progress file counts as done was done (see
//! `grade::recorded`, which decides it; reports only show it).

use serde::Serialize;

/// How the grader knows a recorded step was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Seen on the daemon or in the learner's folder: passing now, or the recorded objects still
    /// there or in the daemon's events.
    Observed,
    /// Only the learner's progress file says so (a quiz, a reading step, objects long gone).
    Claimed,
    /// The progress file names objects the daemon never had while the step ran: flagged.
    Contradicted,
}

/// A step the learner's progress counts as done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    /// When it was completed, nanoseconds since the epoch.
    pub at: i64,
    /// How the grader knows.
    pub basis: Basis,
}
