//! The Markdown printer, for pasting into an LMS or an issue: a summary table for a class, then
//! per learner a table per lesson. Cell text is escaped so a `|` never breaks a table.

use super::table::{cell_problem, score_line, short, verdict_note};
use super::{symbol, Reach, Report};
use crate::check::Status;
use crate::i18n::Tr;

/// GitHub-flavoured Markdown.
pub fn render(report: &Report, tr: &Tr) -> String {
    let mut out = format!("# {}\n\n", esc(&report.course));
    if let Some(h) = super::late::heading(report, tr) {
        out.push_str(&format!("{}\n\n", esc(&h)));
    }
    if report.learners.len() > 1 {
        out.push_str(&format!("## {}\n\n", tr.t("grade-summary-title")));
        // The roster's own columns (student id, e-mail).
        let columns = report.roster_columns();
        let mut head = vec![tr.t("grade-col-learner")];
        head.extend(columns.iter().map(|c| c.to_string()));
        head.extend(report.lessons.iter().cloned());
        head.push(tr.t("grade-col-total"));
        head.push(tr.t("grade-col-points"));
        out.push_str(&row(&head));
        out.push_str(&row(&head
            .iter()
            .map(|_| "---".to_string())
            .collect::<Vec<_>>()));
        for l in &report.learners {
            let mut r = vec![l.name.clone()];
            r.extend(columns.iter().map(|c| l.roster.get(c).to_string()));
            if l.reach == Reach::Graded {
                r.extend(l.lessons.iter().map(|x| x.score.fraction()));
                r.push(l.score.fraction());
                r.push(l.score.points.words(tr));
            } else {
                let w = cell_problem(l.reach, tr);
                r.extend(report.lessons.iter().map(|_| w.clone()));
                r.push(w.clone());
                r.push(w);
            }
            out.push_str(&row(&r));
        }
        out.push('\n');
    }
    for l in &report.learners {
        out.push_str(&format!(
            "## {}\n\n",
            esc(&tr.ta("grade-learner", &[("name", &l.name), ("host", &l.host)]))
        ));
        if !l.roster.is_empty() {
            let cols: Vec<String> = l
                .roster
                .0
                .iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect();
            out.push_str(&format!("{}\n\n", esc(&cols.join(" · "))));
        }
        if let Some(d) = &l.daemon {
            out.push_str(&format!(
                "{}\n\n",
                esc(&tr.ta(
                    "grade-daemon",
                    &[
                        ("id", &d.id),
                        ("name", &d.name),
                        ("version", &d.server_version),
                        ("time", &l.graded_at),
                    ],
                ))
            ));
        }
        if !l.same_daemon_as.is_empty() {
            let names = l.same_daemon_as.join(", ");
            out.push_str(&format!(
                "> {}\n\n",
                esc(&tr.ta("grade-same-daemon", &[("names", &names)]))
            ));
        }
        if let Some(p) = &l.problem {
            out.push_str(&format!("> {}\n\n", esc(&p.message)));
            if l.reach != Reach::Graded {
                continue;
            }
        }
        for lesson in &l.lessons {
            out.push_str(&format!(
                "### {} — {}\n\n{}\n\n",
                esc(&lesson.id),
                esc(&lesson.title),
                esc(&score_line(&lesson.score, tr))
            ));
            let head = [
                String::new(),
                tr.t("grade-col-step"),
                tr.t("grade-col-detail"),
            ];
            out.push_str(&row(&head));
            out.push_str(&row(&["---".into(), "---".into(), "---".into()]));
            for s in &lesson.steps {
                let mark = if s.graded { symbol(s.status) } else { "·" };
                let mut title = s.title.clone();
                if s.optional {
                    title.push_str(&format!(" ({})", tr.t("step-optional")));
                }
                if let Some(d) = &s.done {
                    title.push_str(&format!(" — {}", super::done_note(d, tr)));
                }
                if s.graded {
                    title.push_str(&format!(" — {}", verdict_note(s, tr)));
                }
                if s.late {
                    title.push_str(&format!(" — {}", tr.t("grade-late")));
                }
                let details: Vec<String> = s
                    .checks
                    .iter()
                    .map(|c| {
                        let ev = match (&c.status, &c.evidence) {
                            (Status::Passed, Some(e)) => format!(
                                " ({})",
                                e.pairs()
                                    .into_iter()
                                    .map(|(k, v)| format!("`{k}={}`", short(&v)))
                                    .collect::<Vec<_>>()
                                    .join(" ")
                            ),
                            _ => String::new(),
                        };
                        format!("{} {}{ev}", symbol(c.status), c.message)
                    })
                    .collect();
                let detail = if s.graded {
                    details.join("<br>")
                } else {
                    tr.t("grade-no-checks")
                };
                out.push_str(&row(&[
                    mark.to_string(),
                    format!("`{}` {}", s.id, title),
                    detail,
                ]));
            }
            out.push('\n');
        }
        out.push_str(&format!("**{}**\n\n", esc(&score_line(&l.score, tr))));
    }
    out
}

fn row(cells: &[String]) -> String {
    let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
    format!("| {} |\n", cells.join(" | "))
}

/// A table cell: pipes escaped, line breaks as `<br>` (so a reason never splits a row).
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', "<br>")
}

/// Text outside tables: only line breaks matter.
fn esc(s: &str) -> String {
    s.replace('\n', " ")
}
