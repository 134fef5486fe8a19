//! The terminal printer: a class summary (learner × lesson) when there are several learners,
//! then per learner a table per lesson with its score, failures' reasons and passes' evidence.

use unicode_width::UnicodeWidthStr;

use super::{symbol, Learner, Reach, Report};
use crate::check::Status;
use crate::i18n::Tr;

/// Plain text, aligned columns.
pub fn render(report: &Report, tr: &Tr) -> String {
    let mut out = String::new();
    if let Some(h) = super::late::heading(report, tr) {
        out.push_str(&format!("{h}\n\n"));
    }
    if report.learners.len() > 1 {
        out.push_str(&summary(report, tr));
        out.push('\n');
    }
    for l in &report.learners {
        out.push_str(&learner(l, tr));
        out.push('\n');
    }
    out
}

/// The learner × lesson grid; a cell is the lesson's score, or why the host was not graded.
pub fn summary(report: &Report, tr: &Tr) -> String {
    let mut rows = vec![{
        let mut h = vec![tr.t("grade-col-learner")];
        h.extend(report.lessons.iter().cloned());
        h.push(tr.t("grade-col-total"));
        h.push(tr.t("grade-col-points"));
        h
    }];
    for l in &report.learners {
        let mut row = vec![l.name.clone()];
        match l.reach {
            Reach::Graded => {
                row.extend(l.lessons.iter().map(|x| x.score.fraction()));
                row.push(l.score.fraction());
                row.push(l.score.points.words(tr));
            }
            other => {
                let word = cell_problem(other, tr);
                row.extend(report.lessons.iter().map(|_| word.clone()));
                row.push(word.clone());
                row.push(word);
            }
        }
        rows.push(row);
    }
    format!("{}\n{}", tr.t("grade-summary-title"), grid(&rows))
}

/// `unreachable` or `timed out`, for a summary cell.
pub fn cell_problem(r: Reach, tr: &Tr) -> String {
    match r {
        Reach::TimedOut => tr.t("grade-cell-timeout"),
        _ => tr.t("grade-cell-unreachable"),
    }
}

fn learner(l: &Learner, tr: &Tr) -> String {
    let mut out = format!(
        "{}\n",
        tr.ta("grade-learner", &[("name", &l.name), ("host", &l.host)])
    );
    if let Some(d) = &l.daemon {
        out.push_str(&tr.ta(
            "grade-daemon",
            &[
                ("id", &d.id),
                ("name", &d.name),
                ("version", &d.server_version),
                ("time", &l.graded_at),
            ],
        ));
        out.push('\n');
    }
    if !l.same_daemon_as.is_empty() {
        let names = l.same_daemon_as.join(", ");
        out.push_str(&format!(
            "{}\n",
            tr.ta("grade-same-daemon", &[("names", &names)])
        ));
    }
    if let Some(p) = &l.problem {
        out.push_str(&format!("  {}\n", p.message));
        if l.reach != Reach::Graded {
            return out;
        }
    }
    for lesson in &l.lessons {
        out.push_str(&format!(
            "\n{} — {}  {}\n",
            lesson.id,
            lesson.title,
            score_line(&lesson.score, tr)
        ));
        let mut rows = Vec::new();
        for s in &lesson.steps {
            let mark = if s.graded { symbol(s.status) } else { "·" };
            let mut title = s.title.clone();
            if s.optional {
                title.push_str(&format!(" ({})", tr.t("step-optional")));
            }
            if let Some(d) = &s.done {
                title.push_str(&format!(" — {}", super::done_note(d, tr)));
            }
            if s.late {
                title.push_str(&format!(" — {}", tr.t("grade-late")));
            }
            if s.graded {
                title.push_str(&format!(" — {}", verdict_note(s, tr)));
            } else {
                title.push_str(&format!(" — {}", tr.t("grade-no-checks")));
            }
            rows.push(vec![format!("  {mark}"), s.id.clone(), title]);
            for c in &s.checks {
                let detail = match (&c.status, &c.evidence) {
                    (Status::Passed, Some(e)) => {
                        let pairs: Vec<String> = e
                            .pairs()
                            .into_iter()
                            .map(|(k, v)| format!("{k}={}", short(&v)))
                            .collect();
                        format!("{} [{}]", c.message, pairs.join(" "))
                    }
                    _ => c.message.clone(),
                };
                rows.push(vec![
                    String::new(),
                    format!("  {}", symbol(c.status)),
                    detail,
                ]);
            }
        }
        out.push_str(&grid(&rows));
    }
    out.push_str(&format!("\n{}\n", score_line(&l.score, tr)));
    out
}

/// `observed, 1/1 points` (or `claimed`, `unverified`...): where a step's verdict comes from and
/// what it earned, for the text printers.
pub fn verdict_note(s: &super::StepReport, tr: &Tr) -> String {
    let basis = tr.ta("grade-basis", &[("basis", s.basis.id())]);
    format!("{basis}, {}", s.points.words(tr))
}

/// `3/4 required steps passed, 3/4 points (optional: 1/2)`.
pub fn score_line(s: &super::Score, tr: &Tr) -> String {
    let mut line = tr.ta(
        "grade-score",
        &[
            ("passed", &s.passed.to_string()),
            ("required", &s.required.to_string()),
        ],
    );
    line.push_str(&format!(", {}", s.points.words(tr)));
    for (id, n) in [
        ("grade-claimed", s.claimed),
        ("grade-flagged", s.flagged),
        ("grade-late-count", s.late),
    ] {
        if n > 0 {
            line.push_str(&format!(" ({})", tr.ta(id, &[("count", &n.to_string())])));
        }
    }
    if s.optional > 0 {
        line.push_str(&format!(
            " ({})",
            tr.ta(
                "grade-optional",
                &[
                    ("passed", &s.optional_passed.to_string()),
                    ("total", &s.optional.to_string()),
                ],
            )
        ));
    }
    line
}

/// Ids shortened the way the docker CLI shows them (`sha256:` dropped, 12 characters).
pub fn short(v: &str) -> String {
    let v = v.strip_prefix("sha256:").unwrap_or(v);
    if v.len() == 64 && v.chars().all(|c| c.is_ascii_hexdigit()) {
        v[..12].to_string()
    } else {
        v.to_string()
    }
}

/// Rows padded to the widest cell of each column (the last column is not padded).
fn grid(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (i, c) in r.iter().enumerate() {
            line.push_str(c);
            if i + 1 < r.len() {
                line.push_str(&" ".repeat(widths[i].saturating_sub(c.width()) + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
