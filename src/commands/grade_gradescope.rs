//! `grade --format gradescope` for a class: Gradescope reads one learner's `results.json`, so a
//! roster of several learners needs `--output DIR` (created if missing, as `--feedback`'s is),
//! which gets one `<learner>.json` per learner (named as the feedback files are); no `--output`,
//! an existing file or a `*.json` name (one learner's form) is refused with a clear message.

use std::path::Path;

use crate::exit::Failure;
use crate::report::{file_names, gradescope, Report};

/// Writes `DIR/<learner>.json` for each learner, or says why not.
pub fn write_each(report: &Report, output: Option<&Path>) -> Result<(), Failure> {
    let Some(dir) = output.filter(|d| usable_dir(d)) else {
        return Err(Failure::GradescopeNeedsDir(report.learners.len()));
    };
    std::fs::create_dir_all(dir).map_err(|e| failed(dir, &e))?;
    let stems = file_names::stems(report.learners.iter().map(|l| l.name.as_str()));
    let trs = crate::i18n::Translators::new();
    for (l, stem) in report.learners.iter().zip(stems) {
        let path = dir.join(format!("{stem}.json"));
        std::fs::write(
            &path,
            gradescope::render_learner(report, l, trs.get(l.lang)),
        )
        .map_err(|e| failed(&path, &e))?;
    }
    Ok(())
}

/// Writing `path` failed.
fn failed(path: &Path, e: &std::io::Error) -> Failure {
    Failure::Output {
        path: path.to_path_buf(),
        error: e.to_string(),
    }
}

/// A folder, or a path to create one at that does not look like one learner's `results.json`.
fn usable_dir(path: &Path) -> bool {
    path.is_dir()
        || (!path.exists()
            && !path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json")))
}

#[cfg(test)]
mod tests {
    use super::usable_dir;

    #[test]
    fn a_folder_or_a_new_folder_name_is_usable_a_file_or_a_json_name_is_not() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("notes.txt");
        std::fs::write(&file, "x").expect("file");
        assert!(usable_dir(dir.path()));
        assert!(usable_dir(&dir.path().join("gradescope")));
        assert!(!usable_dir(&file));
        assert!(!usable_dir(&dir.path().join("results.json")));
    }
}
