//! The trainer's state driven by messages alone, with no terminal and no daemon: the `StepResult`s
//! are made by hand, as the worker would send them. Gating, completing, skipping, confirming,
//! quizzes, the language switch, stale rounds, reconnection and which daemon events (or file
//! changes) ask for a new round.

#[path = "app_update/gating.rs"]
mod gating;
#[path = "app_update/reading.rs"]
mod reading;
#[path = "app_update/rounds.rs"]
mod rounds;
mod support;

use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;

use pracdocker::app::{update, Action, App, DaemonEvent, DaemonStatus, Effect, Flash, Modal, Msg};
use pracdocker::check::{Beginning, CheckResult, StepResult};
use pracdocker::check::{Outcome, Reason, Unverifiable};
use pracdocker::course::Course;
use pracdocker::i18n::Translators;
use pracdocker::key::StepKey;
use pracdocker::lang::Lang;
use pracdocker::progress::Progress;
use pracdocker::session::{Change, Session, StepState};
use pracdocker::ui::theme::Theme;
use pracdocker::ui::view::measurer;
use support::courses::mini;

/// When the learner started, in every test.
const STARTED: i64 = 1_000;

fn key(s: &str) -> StepKey {
    s.parse().expect("step key")
}

/// A one-lesson course with what mini-curso lacks: a reading step (no checks) and an optional
/// step, then a file step and a quiz.
fn tiny(dir: &Path) -> Arc<Course> {
    let write = |rel: &str, text: &str| support::courses::write(dir, rel, text);
    write(
        "course.toml",
        "format_version = 1\ntitle = { es = \"Curso diminuto\", en = \"Tiny course\" }\nlessons = [\"01-uno\"]\n",
    );
    write(
        "01-uno/lesson.toml",
        r#"[[steps]]
id = "leer"

[[steps]]
id = "opcional"
optional = true
checks = [{ kind = "network", name = "extra", driver = "bridge" }]

[[steps]]
id = "fichero"
checks = [{ kind = "file", path = "notas.txt", contains = ["hola"] }]

[[steps]]
id = "pregunta"
checks = [{ kind = "quiz", choices = 3, answer = 1 }]
"#,
    );
    for (lang, words) in [
        ("es", ["Uno", "Leer", "Opcional", "Fichero", "Pregunta"]),
        ("en", ["One", "Read", "Optional", "File", "Question"]),
    ] {
        let [title, leer, opcional, fichero, pregunta] = words;
        write(
            &format!("01-uno/{lang}.md"),
            &format!(
                "# {title}\n\nIntro.\n\n## {leer} {{#leer}}\n\nText.\n\n## {opcional} {{#opcional}}\n\nText.\n\n## {fichero} {{#fichero}}\n\nText.\n\n## {pregunta} {{#pregunta}}\n\n1. a\n2. b\n3. c\n"
            ),
        );
    }
    support::courses::load(dir, "tiny course loads")
}

/// A trainer over `course` where `done` were completed, one second apart after the start.
fn trainer(course: &Arc<Course>, done: &[&str]) -> App {
    let mut progress = Progress {
        started: Some(STARTED),
        ..Default::default()
    };
    for (i, k) in done.iter().enumerate() {
        progress.completed.insert(key(k), STARTED + 10 + i as i64);
    }
    App::new(course.clone(), Session::detached(progress), Lang::Es)
}

fn up() -> DaemonStatus {
    DaemonStatus::Up {
        version: "20.10.24".into(),
        host: "unix:///var/run/docker.sock".into(),
    }
}

fn socket_missing() -> Unverifiable {
    Unverifiable::SocketMissing {
        path: "/var/run/docker.sock".into(),
    }
}

/// A result for step `k` in which check `i` gets `outcome(i)`, as the worker would send it.
fn result(course: &Course, k: &str, outcome: impl Fn(usize) -> Outcome) -> StepResult {
    let k = key(k);
    let (_, step) = course.step(&k).expect("step exists");
    StepResult {
        lesson: k.lesson.clone(),
        step: k.step.clone(),
        checks: step
            .checks
            .iter()
            .enumerate()
            .map(|(i, c)| CheckResult {
                check: c.clone(),
                outcome: outcome(i),
                evidence: None,
            })
            .collect(),
    }
}

fn passed(course: &Course, k: &str) -> StepResult {
    result(course, k, |_| Outcome::Passed)
}

fn failed(course: &Course, k: &str) -> StepResult {
    result(course, k, |_| {
        Outcome::Failed(Reason::FileMissing {
            path: "Dockerfile".into(),
        })
    })
}

fn unknown(course: &Course, k: &str) -> StepResult {
    result(course, k, |_| Outcome::Unknown(socket_missing()))
}

/// The single round among `fx`: its generation and steps.
fn round(fx: &[Effect]) -> (u64, Vec<(StepKey, Beginning)>) {
    let rounds: Vec<_> = fx
        .iter()
        .filter_map(|e| match e {
            Effect::RunChecks {
                generation, steps, ..
            } => Some((*generation, steps.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(rounds.len(), 1, "expected exactly one round in {fx:?}");
    rounds.into_iter().next().expect("one round")
}

/// The keys a round asks for.
fn round_keys(fx: &[Effect]) -> Vec<StepKey> {
    round(fx).1.into_iter().map(|(k, _)| k).collect()
}

fn done(app: &mut App, generation: u64, results: Vec<StepResult>) -> Vec<Effect> {
    update(
        app,
        Msg::ChecksDone {
            generation,
            results,
        },
    )
}

fn act(app: &mut App, a: Action) -> Vec<Effect> {
    update(app, Msg::Action(a))
}

fn event(object: &str, action: &str) -> Msg {
    Msg::DaemonEvent(DaemonEvent {
        object: object.into(),
        action: action.into(),
    })
}

/// Starts the first round (the daemon came up) and finishes it with the current step failing,
/// so no round is in flight.
fn settle(app: &mut App) {
    let fx = update(app, Msg::Daemon(up()));
    let (generation, _) = round(&fx);
    let current = app.current().expect("a current step").to_string();
    let results = vec![failed(&app.course.clone(), &current)];
    assert!(done(app, generation, results).is_empty());
    assert!(!app.rounds.checking);
}

fn app_at_server(course: &Arc<Course>) -> App {
    trainer(
        course,
        &[
            "01-imagen/dockerfile",
            "01-imagen/etiquetar",
            "01-imagen/que-hace-tag",
            "02-red/crear-red",
        ],
    )
}
