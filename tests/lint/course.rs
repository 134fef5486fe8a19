//! `course.toml` rules and the points rules.

use super::*;

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
