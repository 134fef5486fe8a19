//! `grade --format gradescope` for a class: Gradescope reads one learner's `results.json`, so a
//! roster of several learners needs `--output DIR`, which gets one `<learner>.json` per learner
//! (named as the feedback files are); anything else is refused with a clear message.

use std::path::Path;

use super::exit;
use crate::i18n::Tr;
use crate::report::{file_names, gradescope, Report};

/// Writes `DIR/<learner>.json` for each learner, or explains why not (the exit code in `Err`).
pub fn write_each(report: &Report, output: Option<&Path>, tr: &Tr) -> Result<(), i32> {
    let Some(dir) = output.filter(|d| d.is_dir()) else {
        let count = report.learners.len().to_string();
        eprintln!(
            "{}",
            tr.ta("grade-gradescope-one-learner", &[("count", &count)])
        );
        return Err(exit::UNKNOWN);
    };
    let stems = file_names::stems(report.learners.iter().map(|l| l.name.as_str()));
    let trs = crate::report::Translators::new();
    for (l, stem) in report.learners.iter().zip(stems) {
        let path = dir.join(format!("{stem}.json"));
        if let Err(e) = std::fs::write(
            &path,
            gradescope::render_learner(report, l, trs.get(l.lang)),
        ) {
            let path = path.display().to_string();
            eprintln!(
                "{}",
                tr.ta(
                    "grade-output-error",
                    &[("path", &path), ("error", &e.to_string())]
                )
            );
            return Err(exit::UNKNOWN);
        }
    }
    Ok(())
}
