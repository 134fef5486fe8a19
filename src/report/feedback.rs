//! Feedback files (`grade --feedback DIR`): one Markdown file per learner, in that learner's
//! language, with each step's verdict, where it comes from, its points, the reasons of a step not
//! passed and the lesson's first hint for a failed one. Files are named from the learners' names
//! ([`super::file_names`]); nothing else in the folder is touched.

use std::path::{Path, PathBuf};

use super::{symbol, Learner, Reach, Report};
use crate::check::Status;
use crate::course::Course;
use crate::i18n::Tr;
use crate::key::StepKey;

/// Why feedback could not be written.
#[derive(Debug, thiserror::Error)]
pub enum FeedbackError {
    /// The folder could not be created.
    #[error("cannot create {path}: {source}")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file could not be written.
    #[error("cannot write {path}: {source}")]
    File {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// Writes `DIR/<learner>.md` for every learner; returns the files written, in roster order.
pub fn write(report: &Report, course: &Course, dir: &Path) -> Result<Vec<PathBuf>, FeedbackError> {
    std::fs::create_dir_all(dir).map_err(|source| FeedbackError::Folder {
        path: dir.to_path_buf(),
        source,
    })?;
    let stems = super::file_names::stems(report.learners.iter().map(|l| l.name.as_str()));
    let trs = crate::i18n::Translators::new();
    let mut written = Vec::new();
    for (l, stem) in report.learners.iter().zip(stems) {
        let path = dir.join(format!("{stem}.md"));
        std::fs::write(&path, render(l, course, trs.get(l.lang))).map_err(|source| {
            FeedbackError::File {
                path: path.clone(),
                source,
            }
        })?;
        written.push(path);
    }
    Ok(written)
}

/// One learner's feedback, in their language (`tr` speaks it).
pub fn render(l: &Learner, course: &Course, tr: &Tr) -> String {
    let mut out = format!(
        "# {}\n\n{}\n\n",
        one_line(course.title.get(l.lang)),
        one_line(&tr.ta("grade-feedback-for", &[("name", &l.name)]))
    );
    if let Some(p) = &l.problem {
        out.push_str(&format!("> {}\n\n", one_line(&p.message)));
        if l.reach != Reach::Graded {
            out.push_str(&format!("{}\n", tr.t("grade-feedback-not-graded")));
            return out;
        }
    }
    out.push_str(&format!(
        "**{}**\n\n",
        one_line(&super::table::score_line(&l.score, tr))
    ));
    for lesson in &l.lessons {
        out.push_str(&format!(
            "## {} — {}\n\n",
            one_line(&lesson.id),
            one_line(&lesson.title)
        ));
        for s in lesson.steps.iter().filter(|s| s.graded) {
            let mut head = format!(
                "- {} **{}** — {}",
                symbol(s.status),
                one_line(&s.title),
                super::table::verdict_note(s, tr)
            );
            if s.optional {
                head.push_str(&format!(" ({})", tr.t("step-optional")));
            }
            out.push_str(&head);
            out.push('\n');
            if s.status == Status::Passed {
                continue;
            }
            for c in s.checks.iter().filter(|c| c.status != Status::Passed) {
                out.push_str(&format!("  - {}\n", one_line(&c.message)));
            }
            let hint = course
                .step(&StepKey::new(&lesson.id, &s.id))
                .and_then(|(_, step)| step.text.get(l.lang).hints.first().cloned());
            if let (Status::Failed, Some((title, body))) = (s.status, hint) {
                let title = match title.trim() {
                    "" => tr.t("grade-feedback-hint"),
                    t => one_line(t),
                };
                out.push_str(&format!("  - **{title}:**\n\n{}\n\n", indent(&body)));
            }
        }
        out.push('\n');
    }
    out
}

/// Names and messages on one line, so they never open a heading or a list of their own.
fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

/// A hint's Markdown inside the step's list item.
fn indent(body: &str) -> String {
    body.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("    {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
