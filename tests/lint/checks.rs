//! `lesson.toml` itself: TOML syntax errors with their line, unknown check kinds and fields,
//! step and check shapes, paths kept inside the project folder.

use super::*;

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
