//! Steps against the prose: a step without a section and the reverse, a section in one
//! language only, sections out of order, hints missing or unlisted, quiz rules.

use super::*;

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
