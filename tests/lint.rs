//! One fixture per way a course can be wrong: the sample course with one defect, and the error
//! (file, line, problem) lint must report. Also: the built-in and sample courses lint clean.

#[path = "lint/checks.rs"]
mod checks;
#[path = "lint/course.rs"]
mod course;
#[path = "lint/sections.rs"]
mod sections;
mod support;

use std::fs;
use std::path::{Path, PathBuf};

use pracdocker::course::{load, LintError, Problem, Source};
use support::courses::{copy_dir, MINI as SAMPLE};

/// The sample course in a temp folder, with `edit` applied to one of its files.
fn broken(file: &str, edit: impl FnOnce(String) -> String) -> (tempfile::TempDir, Vec<LintError>) {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(Path::new(SAMPLE), dir.path());
    let path = dir.path().join(file);
    let text = fs::read_to_string(&path).unwrap_or_default();
    let edited = edit(text);
    if edited == "\u{0}delete" {
        fs::remove_file(&path).expect("rm");
    } else {
        fs::write(&path, edited).expect("write");
    }
    let errs = load(&Source::Dir(dir.path().to_path_buf())).expect_err("the defect is reported");
    (dir, errs)
}

fn expect(
    file: &str,
    edit: impl FnOnce(String) -> String,
    want_file: &str,
    line: usize,
    problem: Problem,
) {
    let (dir, errs) = broken(file, edit);
    let want = LintError {
        file: PathBuf::from(dir.path())
            .join(want_file)
            .display()
            .to_string(),
        line,
        problem,
    };
    assert!(errs.contains(&want), "expected {want:?}\n got {errs:#?}");
}

fn replace(from: &'static str, to: &'static str) -> impl FnOnce(String) -> String {
    move |t| {
        assert!(t.contains(from), "fixture text {from:?} not found");
        t.replacen(from, to, 1)
    }
}

#[test]
fn built_in_and_sample_courses_are_valid() {
    if let Err(errs) = load(&Source::BuiltIn) {
        panic!("built-in course: {errs:#?}");
    }
    let c = load(&Source::Dir(SAMPLE.into())).expect("sample course");
    assert_eq!(c.lessons.len(), 2);
}

#[test]
fn lint_command_prints_file_line_and_message_in_each_language() {
    let (dir, _) = broken("01-imagen/lesson.toml", replace("answer = 2", "answer = 4"));
    for (lang, text) in [
        ("es", "debe estar entre 1 y 3"),
        ("en", "must be between 1 and 3"),
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_pracdocker"))
            .args(["--lang", lang, "lint"])
            .arg(dir.path())
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr);
        let line = format!(
            "{}:15: ",
            dir.path().join("01-imagen/lesson.toml").display()
        );
        assert!(stderr.contains(&line) && stderr.contains(text), "{stderr}");
    }
}
