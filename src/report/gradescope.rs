//! The Gradescope printer: one learner's autograder `results.json`
//! (<https://gradescope-autograders.readthedocs.io/en/latest/specs/>). One test per graded step,
//! worth its points; a step that could not be verified has no `score` and no `status` (pending,
//! never 0) and says so in its output; every test says whether its verdict was observed or claimed.

use serde_json::{json, Value};

use super::{Learner, Reach, Report, StepReport};
use crate::check::Status;
use crate::i18n::Tr;

/// The `results.json` of `learner` in their language (`tr` speaks it), pretty-printed with a
/// final newline.
pub fn render_learner(report: &Report, learner: &Learner, tr: &Tr) -> String {
    let mut s = serde_json::to_string_pretty(&results(report, learner, tr)).unwrap_or_default();
    s.push('\n');
    s
}

/// The first learner's `results.json` (a Gradescope submission is one learner).
pub fn render(report: &Report) -> String {
    report
        .learners
        .first()
        .map(|l| render_learner(report, l, &Tr::new(l.lang)))
        .unwrap_or_default()
}

fn results(report: &Report, l: &Learner, tr: &Tr) -> Value {
    let p = &l.score.points;
    let mut tests = Vec::new();
    for (li, lesson) in l.lessons.iter().enumerate() {
        for (si, s) in lesson.steps.iter().enumerate().filter(|(_, s)| s.graded) {
            tests.push(test(&lesson.id, li, si, s, l.reach, tr));
        }
    }
    let mut summary = vec![super::table::score_line(&l.score, tr)];
    if let Some(problem) = &l.problem {
        summary.push(problem.message.clone());
    }
    if !l.same_daemon_as.is_empty() {
        let names = l.same_daemon_as.join(", ");
        summary.push(tr.ta("grade-same-daemon", &[("names", &names)]));
    }
    json!({
        "score": p.earned.as_f64(),
        "max_score": p.max.as_f64(),
        "output": summary.join("\n"),
        "output_format": "text",
        "test_output_format": "text",
        "test_name_format": "text",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "extra_data": {
            "tool": report.tool,
            "schema_version": report.schema_version,
            "graded_at": l.graded_at,
            "host": l.host,
            "reach": l.reach,
            "pending_points": p.pending.as_f64(),
            "claimed": l.score.claimed,
            "flagged": l.score.flagged,
            "roster": l.roster,
        },
        "tests": tests,
    })
}

fn test(lesson: &str, li: usize, si: usize, s: &StepReport, reach: Reach, tr: &Tr) -> Value {
    let mut lines: Vec<String> = vec![super::table::verdict_note(s, tr)];
    if let Some(d) = &s.done {
        lines.push(super::done_note(d, tr));
    }
    lines.extend(
        s.checks
            .iter()
            .map(|c| format!("{} {}", super::symbol(c.status), c.message)),
    );
    let mut t = json!({
        "name": format!("{lesson} / {} — {}", s.id, s.title),
        "number": format!("{}.{}", li + 1, si + 1),
        "max_score": s.points.max.as_f64(),
        "visibility": "visible",
        "tags": [lesson, s.basis.id()],
        "extra_data": { "lesson": lesson, "step": s.id, "basis": s.basis, "status": s.status },
    });
    let pending = s.status == Status::Unknown || reach != Reach::Graded;
    // Pending: no status, and no score unless some of its checks earned partial credit, so it
    // is never a 0 (the output says why).
    if !pending || !s.points.earned.is_zero() {
        t["score"] = json!(s.points.earned.as_f64());
    }
    if !pending {
        t["status"] = json!(if s.status == Status::Passed {
            "passed"
        } else {
            "failed"
        });
    }
    t["output"] = json!(lines.join("\n"));
    t
}
