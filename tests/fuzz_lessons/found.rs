//! What the fuzzer found, kept as fixtures: the sample course with one defect, and the exact
//! file, line and problem lint must report (or that it loads). Each names what the loader did
//! before the fix.

use std::path::Path;
use std::time::Instant;

use pracdocker::course::{load, Course, LintError, Problem, Source};

use super::tree::{read_tree, Entry, Tree, Workdir};
use super::SLOW;

use super::support::courses::MINI;

fn mini() -> Tree {
    read_tree(Path::new(MINI))
}

fn text(tree: &Tree, rel: &str) -> String {
    match tree.get(rel) {
        Some(Entry::File(b)) => String::from_utf8(b.clone()).expect("fixture is UTF-8"),
        _ => panic!("{rel} is not in the sample course"),
    }
}

fn edit(tree: &mut Tree, rel: &str, f: impl FnOnce(String) -> String) {
    let t = f(text(tree, rel));
    tree.insert(rel.to_string(), Entry::File(t.into_bytes()));
}

fn run(tree: &Tree) -> (Workdir, Result<Course, Vec<LintError>>) {
    let mut dir = Workdir::new();
    dir.sync(tree);
    let got = load(&Source::Dir(dir.root.clone()));
    (dir, got)
}

/// The 1-based line of the `nth` (0-based) occurrence of `needle` in a fixture file.
fn line_of(tree: &Tree, rel: &str, needle: &str, nth: usize) -> usize {
    let t = text(tree, rel);
    let (at, _) = t
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} not in {rel}"));
    t[..at].matches('\n').count() + 1
}

fn assert_reports(tree: &Tree, rel: &str, line: usize, problem: Problem) -> Vec<LintError> {
    let (dir, got) = run(tree);
    let errs = got.expect_err("the defect is reported");
    let want = LintError {
        file: dir.root.join(rel).display().to_string(),
        line,
        problem,
    };
    assert!(errs.contains(&want), "expected {want:?}\n got {errs:#?}");
    errs
}

/// Was: 57 000 hint headings took 200 s (the section split and the rules compared every heading
/// with every other one).
#[test]
fn thirty_thousand_hint_headings_are_linted_in_linear_time() {
    let mut tree = mini();
    let rel = "01-imagen/en.md";
    let first = text(&tree, rel).lines().count() + 1;
    edit(&mut tree, rel, |t| {
        format!("{t}{}", "### h {#h}\n\n1. x\n".repeat(30_000))
    });
    let started = Instant::now();
    let errs = assert_reports(
        &tree,
        rel,
        first,
        Problem::UnknownHint {
            hint: "h".into(),
            step: "que-hace-tag".into(),
        },
    );
    let took = started.elapsed();
    assert!(took < SLOW, "took {took:?}");
    let repeats = errs
        .iter()
        .filter(|e| matches!(&e.problem, Problem::DuplicateHint { hint } if hint == "h"))
        .count();
    assert_eq!(repeats, 29_999);
    assert!(
        errs.iter()
            .all(|e| !matches!(e.problem, Problem::QuizChoices { .. })),
        "lists inside hints are not quiz options"
    );
}

/// Was: every repeat reported at the second declaration's line (found by searching the text).
#[test]
fn every_repeat_of_a_step_id_is_reported_at_its_own_line() {
    let mut tree = mini();
    let rel = "01-imagen/lesson.toml";
    edit(&mut tree, rel, |t| {
        format!("{t}\n[[steps]]\nid = \"etiquetar\"\n\n[[steps]]\nid = \"etiquetar\"\n")
    });
    for nth in [1, 2] {
        assert_reports(
            &tree,
            rel,
            line_of(&tree, rel, "id = \"etiquetar\"", nth),
            Problem::DuplicateStep {
                step: "etiquetar".into(),
            },
        );
    }
}

/// Was: line 1 (the search looked for the id in double quotes only).
#[test]
fn an_id_in_a_literal_string_has_its_line() {
    let mut tree = mini();
    let rel = "01-imagen/lesson.toml";
    edit(&mut tree, rel, |t| {
        t.replacen("id = \"etiquetar\"", "id = 'Etiquetar X'", 1)
    });
    assert_reports(
        &tree,
        rel,
        line_of(&tree, rel, "'Etiquetar X'", 0),
        Problem::BadId {
            name: "Etiquetar X".into(),
        },
    );
}

/// Was: the line of the first mention, not of the repeat.
#[test]
fn a_repeated_lesson_is_reported_where_it_repeats() {
    let mut tree = mini();
    edit(&mut tree, "course.toml", |t| {
        t.replacen(
            "lessons = [\"01-imagen\", \"02-red\"]",
            "lessons = [\n  \"01-imagen\",\n  \"02-red\",\n  \"01-imagen\",\n]",
            1,
        )
    });
    assert_reports(
        &tree,
        "course.toml",
        line_of(&tree, "course.toml", "\"01-imagen\"", 1),
        Problem::DuplicateLesson {
            lesson: "01-imagen".into(),
        },
    );
}

/// Was: `Unreadable` ("stream did not contain valid UTF-8") at line 1.
#[test]
fn invalid_utf8_is_reported_at_its_line() {
    let mut tree = mini();
    let rel = "01-imagen/es.md";
    let mut bytes = text(&tree, rel).into_bytes();
    let line5 = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(3)
        .map(|(i, _)| i + 1)
        .expect("five lines");
    bytes.insert(line5 + 2, 0xff);
    tree.insert(rel.into(), Entry::File(bytes));
    assert_reports(&tree, rel, 5, Problem::NotUtf8);
}

/// Was: the mark hid the lesson's title (`NoTitle`).
#[test]
fn a_byte_order_mark_is_not_part_of_the_text() {
    let mut tree = mini();
    for rel in ["course.toml", "01-imagen/lesson.toml", "01-imagen/es.md"] {
        edit(&mut tree, rel, |t| format!("\u{feff}{t}"));
    }
    let (_dir, got) = run(&tree);
    let course = got.expect("loads");
    assert_eq!(course.lessons[0].title.es, "Tu primera imagen");
}

/// Was: loaded; the second section was silently ignored.
#[test]
fn a_repeated_section_is_reported() {
    let mut tree = mini();
    let rel = "02-red/es.md";
    edit(&mut tree, rel, |t| {
        let last = t
            .split_once("## Un servidor en la red")
            .map(|(_, s)| s.to_string())
            .expect("last section");
        format!("{t}\n## Un servidor en la red{last}")
    });
    assert_reports(
        &tree,
        rel,
        line_of(&tree, rel, "## Un servidor en la red", 1),
        Problem::DuplicateSection {
            section: "servidor".into(),
        },
    );
}

/// Was: loaded; the second hint was silently ignored.
#[test]
fn a_repeated_hint_heading_is_reported() {
    let mut tree = mini();
    let rel = "01-imagen/en.md";
    edit(&mut tree, rel, |t| {
        t.replacen(
            "### Solution {#dockerfile-pista-2}",
            "### Hint {#dockerfile-pista-1}",
            1,
        )
    });
    let errs = assert_reports(
        &tree,
        rel,
        line_of(&tree, rel, "{#dockerfile-pista-1}", 1),
        Problem::DuplicateHint {
            hint: "dockerfile-pista-1".into(),
        },
    );
    assert!(errs.iter().any(|e| e.problem
        == Problem::MissingHint {
            hint: "dockerfile-pista-2".into(),
            step: "dockerfile".into()
        }));
}
