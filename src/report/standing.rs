//! Where each step `check` or `answer` looked at stands, as text or as JSON: formatting only;
//! the command decides what to look at and prints what this returns.

use serde_json::json;

use super::symbol;
use crate::check::{Outcome, Status, StepResult};
use crate::course::Course;
use crate::i18n::{check_message as message, Tr};
use crate::key::StepKey;

/// Where one selected step stands after the cascade.
pub enum Line {
    /// Evaluated now; `true` when it passed and was recorded now.
    Evaluated(StepResult, bool),
    /// Recorded as done earlier.
    Done(StepKey),
    /// An optional step the learner skipped.
    Skipped(StepKey),
    /// The current step, waiting for the learner to confirm it (a reading step).
    Reading(StepKey),
    /// After the current step (named): not evaluated.
    Locked(StepKey, Option<StepKey>),
}

impl Line {
    /// The step this line is about.
    pub fn key(&self) -> StepKey {
        match self {
            Line::Evaluated(r, _) => r.key(),
            Line::Done(k) | Line::Skipped(k) | Line::Reading(k) | Line::Locked(k, _) => k.clone(),
        }
    }

    fn word(&self) -> &'static str {
        match self {
            Line::Evaluated(r, _) => status_word(r.status()),
            Line::Done(_) => "passed",
            Line::Skipped(_) => "skipped",
            Line::Reading(_) => "pending",
            Line::Locked(..) => "locked",
        }
    }
}

fn status_word(s: Status) -> &'static str {
    match s {
        Status::Passed => "passed",
        Status::Failed => "failed",
        Status::Unknown => "unknown",
    }
}

/// The `--json` form: `{"steps": [...]}` with each step's status, checks and messages.
pub fn json(course: &Course, lines: &[Line], tr: &Tr) -> String {
    let steps: Vec<_> = lines
        .iter()
        .map(|line| {
            let key = line.key();
            let optional = course.step(&key).is_some_and(|(_, s)| s.optional);
            let (checks, done): (Vec<_>, bool) = match line {
                Line::Evaluated(r, recorded) => (
                    r.checks
                        .iter()
                        .map(|c| {
                            json!({
                                "kind": c.check.kind(),
                                "target": c.check.target(),
                                "status": status_word(c.outcome.status()),
                                "message": message(c, tr),
                            })
                        })
                        .collect(),
                    *recorded,
                ),
                Line::Done(_) => (Vec::new(), true),
                Line::Skipped(_) | Line::Reading(_) | Line::Locked(..) => (Vec::new(), false),
            };
            let mut v = json!({"lesson": key.lesson, "step": key.step, "status": line.word(),
                "done": done, "optional": optional, "checks": checks});
            if let Line::Locked(_, Some(c)) = line {
                v["after"] = json!(c.to_string());
            }
            v
        })
        .collect();
    json!({ "steps": steps }).to_string()
}

/// The text form: a line per step, the checks that did not pass under it, then the counts.
pub fn text(course: &Course, lines: &[Line], tr: &Tr) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let mut counts = [0usize; 3];
    let mut locked = 0;
    for line in lines {
        let key = line.key();
        let step = course.step(&key).map(|(_, s)| s);
        let title = step.map(|s| s.title(tr.lang())).unwrap_or_default();
        let optional = if step.is_some_and(|s| s.optional) {
            format!("  ({})", tr.t("step-optional"))
        } else {
            String::new()
        };
        let (mark, note) = match line {
            Line::Evaluated(r, _) => {
                counts[r.status() as usize] += 1;
                (symbol(r.status()), String::new())
            }
            Line::Done(_) => {
                counts[Status::Passed as usize] += 1;
                ("✔", String::new())
            }
            Line::Skipped(_) => ("»", format!("  ({})", tr.t("check-skipped"))),
            Line::Reading(_) => {
                locked += 1;
                ("·", format!("  ({})", tr.t("check-reading")))
            }
            Line::Locked(_, after) => {
                locked += 1;
                let after = after.as_ref().map(|k| k.to_string()).unwrap_or_default();
                (
                    "·",
                    format!("  ({})", tr.ta("check-locked", &[("current", &after)])),
                )
            }
        };
        let _ = writeln!(out, "{mark} {key}  {title}{optional}{note}");
        if let Line::Evaluated(r, _) = line {
            for c in r.checks.iter().filter(|c| c.outcome != Outcome::Passed) {
                let _ = writeln!(out, "    {} {}", symbol(c.outcome.status()), message(c, tr));
            }
        }
    }
    let [passed, unknown, failed] = counts.map(|n| n.to_string());
    let locked = locked.to_string();
    let _ = writeln!(
        out,
        "\n{}",
        tr.ta(
            "check-summary",
            &[
                ("passed", &passed),
                ("failed", &failed),
                ("unknown", &unknown),
                ("locked", &locked)
            ]
        )
    );
    out
}
