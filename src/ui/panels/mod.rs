//! One file per panel of the trainer's screen; each draws from `&App` (and the shell pane from a
//! copy of its screen) only.

pub mod checks;
pub mod lessons;
pub mod shell;
pub mod status;
pub mod step;

use crate::check::Status;
use crate::checker::StepResult;
use crate::session::StepState;

/// The mark in front of a step or checkpoint.
pub fn state_symbol(state: StepState) -> &'static str {
    match state {
        StepState::Done => "✔",
        StepState::Skipped => "↷",
        StepState::Current => "▶",
        StepState::Locked => "·",
    }
}

/// The mark for a verdict.
pub fn status_symbol(s: Status) -> &'static str {
    match s {
        Status::Passed => "✔",
        Status::Failed => "✘",
        Status::Unknown => "?",
    }
}

/// A step's verdict, if it was checked.
pub fn step_status(r: Option<&StepResult>) -> Option<Status> {
    r.map(StepResult::status)
}
