//! One file per panel of the trainer's screen; each draws from `&App` (and the shell pane from a
//! copy of its screen) only.

pub mod checks;
pub mod lessons;
pub mod shell;
pub mod status;
pub mod step;

use crate::check::Status;
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

/// Breaks `text` at spaces into rows of at most `width` cells (a word longer than a row is cut
/// between characters). Panels wrap their messages themselves so they know, before drawing, how
/// many rows they need: a reason or a fix cut off at the panel's edge is the one thing the learner
/// needed to read.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    crate::ui::markdown::wrap_plain(text, width)
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wraps_at_spaces_and_cuts_long_words() {
        assert_eq!(
            wrap("el contenedor publica 8080→80", 14),
            ["el contenedor", "publica", "8080→80"]
        );
        assert_eq!(wrap("abcdefgh ij", 3), ["abc", "def", "gh", "ij"]);
        assert_eq!(wrap("", 10), [""]);
        assert!(wrap("¿Está el contenedor en marcha?", 9)
            .iter()
            .all(|r| crate::ui::markdown::width(r) <= 9));
    }
}
