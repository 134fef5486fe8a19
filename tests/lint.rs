//! One fixture per way a course can be wrong: the sample course with one defect, and the error
//! (file, line, problem) lint must report. Also: the built-in and sample courses lint clean.

use std::fs;
use std::path::{Path, PathBuf};

use pracdocker::course::{load, LintError, Problem, Source};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/mini-curso");

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for e in fs::read_dir(from).expect("read_dir").flatten() {
        let dest = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            fs::copy(e.path(), dest).expect("copy");
        }
    }
}

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
fn toml_syntax_error_names_the_line() {
    let (_d, errs) = broken("01-imagen/lesson.toml", |t| {
        t.replacen("id = \"etiquetar\"", "id = \"etiquetar", 1)
    });
    assert!(
        errs.iter()
            .any(|e| e.file.ends_with("01-imagen/lesson.toml")
                && e.line == 7
                && matches!(e.problem, Problem::Toml { .. })),
        "{errs:#?}"
    );
}

#[test]
fn unknown_check_kind_and_unknown_field_are_errors() {
    let (_d, errs) = broken(
        "01-imagen/lesson.toml",
        replace("kind = \"image\"", "kind = \"imagen\""),
    );
    assert!(
        errs.iter().any(|e| e.line == 9
            && matches!(&e.problem, Problem::Toml { error } if error.contains("imagen"))),
        "{errs:#?}"
    );
    // The line of the check that holds the unknown field (not of the `checks = [` array).
    let (_d, errs) = broken("01-imagen/lesson.toml", replace("same_as =", "same_like ="));
    assert!(
        errs.iter().any(|e| e.line == 9
            && matches!(&e.problem, Problem::Toml { error } if error.contains("same_like"))),
        "{errs:#?}"
    );
    let (_d, errs) = broken(
        "01-imagen/lesson.toml",
        replace(
            "[[steps]]\nid = \"dockerfile\"",
            "[[steps]]\nid = \"dockerfile\"\ncolor = \"red\"",
        ),
    );
    assert!(
        errs.iter()
            .any(|e| matches!(&e.problem, Problem::Toml { error } if error.contains("color"))),
        "{errs:#?}"
    );
}

#[test]
fn step_without_section_and_section_without_step() {
    expect(
        "01-imagen/en.md",
        replace("{#etiquetar}", "{#tagging}"),
        "01-imagen/lesson.toml",
        7,
        Problem::MissingSection {
            step: "etiquetar".into(),
            file: "en.md".into(),
        },
    );
    expect(
        "01-imagen/en.md",
        replace("{#etiquetar}", "{#tagging}"),
        "01-imagen/en.md",
        23,
        Problem::UnknownSection {
            section: "tagging".into(),
        },
    );
    expect(
        "01-imagen/es.md",
        replace(
            "## Etiquetar la imagen {#etiquetar}",
            "## Etiquetar la imagen",
        ),
        "01-imagen/es.md",
        23,
        Problem::SectionWithoutId {
            title: "Etiquetar la imagen".into(),
        },
    );
}

#[test]
fn a_section_in_one_language_only() {
    expect(
        "02-red/en.md",
        |t| {
            t.split("## A server on the network")
                .next()
                .unwrap_or_default()
                .to_string()
        },
        "02-red/lesson.toml",
        7,
        Problem::MissingSection {
            step: "servidor".into(),
            file: "en.md".into(),
        },
    );
}

#[test]
fn sections_out_of_order() {
    let swap = |t: String| {
        let (head, rest) = t.split_once("## Crear la red").expect("first step");
        let (first, second) = rest
            .split_once("## Un servidor en la red")
            .expect("second step");
        format!("{head}## Un servidor en la red{second}\n## Crear la red{first}")
    };
    let (_d, errs) = broken("02-red/es.md", swap);
    assert!(
        errs.iter().any(|e| e.file.ends_with("02-red/es.md")
            && e.problem
                == Problem::SectionOrder {
                    step: "servidor".into(),
                    expected: "crear-red".into()
                }),
        "{errs:#?}"
    );
}

#[test]
fn hints_missing_or_unlisted() {
    expect(
        "01-imagen/es.md",
        replace("{#dockerfile-pista-2}", "{#dockerfile-pista-9}"),
        "01-imagen/es.md",
        5,
        Problem::MissingHint {
            hint: "dockerfile-pista-2".into(),
            step: "dockerfile".into(),
        },
    );
    expect(
        "01-imagen/es.md",
        replace("{#dockerfile-pista-2}", "{#dockerfile-pista-9}"),
        "01-imagen/es.md",
        17,
        Problem::UnknownHint {
            hint: "dockerfile-pista-9".into(),
            step: "dockerfile".into(),
        },
    );
}

#[test]
fn quiz_rules() {
    expect(
        "01-imagen/en.md",
        replace("3. The image is pushed to Docker Hub.\n", ""),
        "01-imagen/en.md",
        44,
        Problem::QuizChoices {
            step: "que-hace-tag".into(),
            expected: 3,
            found: 2,
        },
    );
    expect(
        "01-imagen/lesson.toml",
        replace("answer = 2", "answer = 4"),
        "01-imagen/lesson.toml",
        15,
        Problem::QuizAnswerRange {
            step: "que-hace-tag".into(),
            answer: 4,
            choices: 3,
        },
    );
    expect(
        "01-imagen/lesson.toml",
        replace("checks = [{ kind = \"quiz\", choices = 3, answer = 2 }]", "checks = [{ kind = \"quiz\", choices = 3, answer = 2 }, { kind = \"quiz\", choices = 3, answer = 1 }]"),
        "01-imagen/lesson.toml",
        15,
        Problem::SeveralQuizzes { step: "que-hace-tag".into() },
    );
}

#[test]
fn step_and_check_shape_rules() {
    expect(
        "01-imagen/lesson.toml",
        replace("id = \"etiquetar\"", "id = \"Etiquetar Imagen\""),
        "01-imagen/lesson.toml",
        7,
        Problem::BadId {
            name: "Etiquetar Imagen".into(),
        },
    );
    expect(
        "02-red/lesson.toml",
        replace("id = \"servidor\"", "id = \"crear-red\""),
        "02-red/lesson.toml",
        7,
        Problem::DuplicateStep {
            step: "crear-red".into(),
        },
    );
    expect(
        "02-red/lesson.toml",
        replace(
            "kind = \"container\", name = \"mini-web\"",
            "kind = \"container\", name = \"mini-web\", image = \"x\"",
        ),
        "02-red/lesson.toml",
        9,
        Problem::ContainerSelector {
            step: "servidor".into(),
        },
    );
    expect(
        "02-red/lesson.toml",
        replace(
            "body_contains = \"hola\"",
            "body_contains = \"hola\", retries = 50",
        ),
        "02-red/lesson.toml",
        10,
        Problem::TooManyRetries {
            step: "servidor".into(),
        },
    );
    expect(
        "02-red/lesson.toml",
        replace(
            "{ kind = \"http\", url = \"http://localhost:8089/\", body_contains = \"hola\" }",
            "{ kind = \"exec\", container = \"mini-web\", command = [] }",
        ),
        "02-red/lesson.toml",
        10,
        Problem::EmptyCommand {
            step: "servidor".into(),
        },
    );
    expect(
        "02-red/lesson.toml",
        replace(
            "hints = [\"crear-red-pista-1\", \"crear-red-pista-2\"]",
            "hints = [\"crear-red-pista-1\", \"crear-red-pista-1\"]",
        ),
        "02-red/lesson.toml",
        4,
        Problem::DuplicateHint {
            hint: "crear-red-pista-1".into(),
        },
    );
    expect(
        "02-red/lesson.toml",
        |_| String::new(),
        "02-red/lesson.toml",
        1,
        Problem::Toml {
            error: "missing field `steps`".into(),
        },
    );
    expect(
        "02-red/lesson.toml",
        |_| "steps = []\n".into(),
        "02-red/lesson.toml",
        1,
        Problem::NoSteps,
    );
}

#[test]
fn paths_stay_in_the_project_folder() {
    for bad in ["../secrets.txt", "/etc/passwd"] {
        let (_d, errs) = broken("01-imagen/lesson.toml", move |t| {
            t.replacen("path = \"Dockerfile\"", &format!("path = \"{bad}\""), 1)
        });
        assert!(
            errs.iter().any(|e| e.line == 3
                && e.problem
                    == Problem::PathOutsideWorkdir {
                        step: "dockerfile".into(),
                        path: bad.into()
                    }),
            "{errs:#?}"
        );
    }
}

#[test]
fn course_file_rules() {
    expect(
        "course.toml",
        replace("format_version = 1", "format_version = 2"),
        "course.toml",
        2,
        Problem::FormatVersion {
            found: 2,
            supported: 1,
        },
    );
    expect(
        "course.toml",
        replace("lessons = [\"01-imagen\", \"02-red\"]", "lessons = []"),
        "course.toml",
        4,
        Problem::NoLessons,
    );
    expect(
        "course.toml",
        replace("\"02-red\"]", "\"02-red\", \"01-imagen\"]"),
        "course.toml",
        4,
        Problem::DuplicateLesson {
            lesson: "01-imagen".into(),
        },
    );
    expect(
        "course.toml",
        replace("\"02-red\"]", "\"02-red\", \"03-falta\"]"),
        "03-falta/lesson.toml",
        1,
        Problem::FileMissing,
    );
    expect(
        "course.toml",
        |_| "\u{0}delete".into(),
        "course.toml",
        1,
        Problem::FileMissing,
    );
    expect(
        "01-imagen/en.md",
        |_| "\u{0}delete".into(),
        "01-imagen/en.md",
        1,
        Problem::FileMissing,
    );
    expect(
        "01-imagen/en.md",
        replace("# Your first image\n", ""),
        "01-imagen/en.md",
        1,
        Problem::NoTitle,
    );
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

/// Points: a bad value names the step, the file and the line it is on; partial credit is given
/// on every check of a step or on none, and adds up to the step's points.
#[test]
fn points_rules() {
    let file = "02-red/lesson.toml";
    let step = || "crear-red".to_string();
    let on_step = |v: &'static str| {
        move |t: String| {
            t.replacen(
                "id = \"crear-red\"\n",
                &format!("id = \"crear-red\"\npoints = {v}\n"),
                1,
            )
        }
    };
    expect(
        file,
        on_step("\"two\""),
        file,
        3,
        Problem::PointsNotANumber {
            step: step(),
            value: "\"two\"".into(),
        },
    );
    expect(
        file,
        on_step("-1"),
        file,
        3,
        Problem::PointsNegative {
            step: step(),
            value: "-1".into(),
        },
    );
    expect(
        file,
        on_step("0.125"),
        file,
        3,
        Problem::PointsTooPrecise {
            step: step(),
            value: "0.125".into(),
        },
    );
    let with_points = |step_points: &'static str, a: &'static str, b: Option<&'static str>| {
        move |t: String| {
            let t = t.replacen(
                "network = \"mininet\", port",
                &format!("points = {a}, network = \"mininet\", port"),
                1,
            );
            let t = match b {
                Some(b) => t.replacen(
                    "body_contains = \"hola\" }",
                    &format!("body_contains = \"hola\", points = {b} }}"),
                    1,
                ),
                None => t,
            };
            t.replacen(
                "id = \"servidor\"\n",
                &format!("id = \"servidor\"\n{step_points}"),
                1,
            )
        }
    };
    expect(
        file,
        with_points("points = 3\n", "1", Some("1.5")),
        file,
        8,
        Problem::PointsDoNotAddUp {
            step: "servidor".into(),
            points: "3".into(),
            sum: "2.5".into(),
        },
    );
    expect(
        file,
        with_points("", "1", None),
        file,
        10,
        Problem::CheckPointsMissing {
            step: "servidor".into(),
        },
    );
    expect(
        file,
        with_points("", "1", Some("true")),
        file,
        10,
        Problem::PointsNotANumber {
            step: "servidor".into(),
            value: "true".into(),
        },
    );
    // Partial credit that adds up, and a step worth its checks' sum: clean, and loaded.
    let clean = |edit: Box<dyn FnOnce(String) -> String>| {
        let dir = tempfile::tempdir().expect("tempdir");
        copy_dir(Path::new(SAMPLE), dir.path());
        let path = dir.path().join(file);
        let text = fs::read_to_string(&path).expect("read");
        fs::write(&path, edit(text)).expect("write");
        let course = load(&Source::Dir(dir.path().to_path_buf())).expect("lints clean");
        let steps = &course.lessons[1].steps;
        let points: Vec<String> = steps.iter().map(|s| s.points.to_string()).collect();
        let partial: Vec<String> = steps[1]
            .check_points
            .iter()
            .map(|p| p.to_string())
            .collect();
        (points, partial)
    };
    assert_eq!(
        clean(Box::new(with_points("points = 2.5\n", "1", Some("1.5")))),
        (
            vec!["1".to_string(), "2.5".into()],
            vec!["1".to_string(), "1.5".into()]
        )
    );
    assert_eq!(
        clean(Box::new(with_points("", "0.5", Some("0.25")))).0,
        ["1", "0.75"]
    );
    assert_eq!(clean(Box::new(on_step("4"))).0, ["4", "1"]);
}
