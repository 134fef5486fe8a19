//! The trainer's state driven by messages alone, with no terminal and no daemon: the `StepResult`s
//! are made by hand, as the worker would send them. Gating, completing, skipping, confirming,
//! quizzes, the language switch, stale rounds, reconnection and which daemon events (or file
//! changes) ask for a new round.

use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;

use pracdocker::app::{update, Action, App, DaemonEvent, DaemonStatus, Effect, Flash, Modal, Msg};
use pracdocker::check::{Beginning, CheckResult, StepResult};
use pracdocker::check::{Outcome, Reason, Unverifiable};
use pracdocker::course::{self, Course, Source};
use pracdocker::i18n::Translators;
use pracdocker::key::StepKey;
use pracdocker::lang::Lang;
use pracdocker::progress::Progress;
use pracdocker::session::{Change, Session, StepState};
use pracdocker::ui::theme::Theme;
use pracdocker::ui::view::measurer;

/// When the learner started, in every test.
const STARTED: i64 = 1_000;

fn key(s: &str) -> StepKey {
    s.parse().expect("step key")
}

fn mini() -> Arc<Course> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/mini-curso");
    Arc::new(course::load(&Source::Dir(dir.into())).expect("mini-curso loads"))
}

/// A one-lesson course with what mini-curso lacks: a reading step (no checks) and an optional
/// step, then a file step and a quiz.
fn tiny(dir: &Path) -> Arc<Course> {
    let write = |rel: &str, text: &str| {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
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
    Arc::new(course::load(&Source::Dir(dir.into())).expect("tiny course loads"))
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

#[test]
fn the_next_step_stays_locked_until_the_current_one_passes() {
    let course = mini();
    let mut app = trainer(&course, &[]);
    assert_eq!(app.reading.viewing, key("01-imagen/dockerfile"));

    let fx = act(&mut app, Action::NextStep);
    assert!(fx.is_empty(), "a locked step is not opened: {fx:?}");
    assert_eq!(app.reading.viewing, key("01-imagen/dockerfile"));
    assert_eq!(
        app.overlay.flash,
        Some((Flash::Refused("flash-locked"), 4)),
        "the learner is told why"
    );

    let fx = update(&mut app, Msg::Daemon(up()));
    let (generation, steps) = round(&fx);
    assert_eq!(
        steps,
        vec![(key("01-imagen/dockerfile"), Beginning::At(STARTED))]
    );

    let before = pracdocker::session::now();
    let fx = done(
        &mut app,
        generation,
        vec![passed(&course, "01-imagen/dockerfile")],
    );
    let after = pracdocker::session::now();
    let completed_at = match fx.first() {
        Some(Effect::Save(Change::Completed {
            step, at, began, ..
        })) => {
            assert_eq!(step, &key("01-imagen/dockerfile"));
            assert_eq!(*began, STARTED);
            *at
        }
        other => panic!("the completion is saved first, got {other:?}"),
    };
    assert!((before..=after).contains(&completed_at));
    assert_eq!(app.state(&key("01-imagen/dockerfile")), StepState::Done);
    assert_eq!(app.reading.viewing, key("01-imagen/etiquetar"), "moved on");
    assert_eq!(
        app.overlay.flash,
        Some((Flash::Passed(key("01-imagen/dockerfile")), 4))
    );
    let (next_gen, steps) = round(&fx);
    assert!(next_gen > generation);
    assert_eq!(
        steps,
        vec![(key("01-imagen/etiquetar"), Beginning::At(completed_at))],
        "the next step is checked from the second after the completion"
    );
    assert_eq!(fx.len(), 2, "a save and a round, nothing else: {fx:?}");

    // Still one step ahead only: the quiz after `etiquetar` is locked.
    assert!(act(&mut app, Action::NextStep).is_empty());
    assert_eq!(app.reading.viewing, key("01-imagen/etiquetar"));
    // Going back is always allowed, and checks the current step and the one on screen.
    let fx = act(&mut app, Action::PrevStep);
    assert_eq!(app.reading.viewing, key("01-imagen/dockerfile"));
    assert_eq!(
        round_keys(&fx),
        vec![key("01-imagen/etiquetar"), key("01-imagen/dockerfile")]
    );
    // And forward again to the current step; `g` from elsewhere does the same.
    act(&mut app, Action::NextStep);
    assert_eq!(app.reading.viewing, key("01-imagen/etiquetar"));
    act(&mut app, Action::PrevStep);
    let fx = act(&mut app, Action::GoCurrent);
    assert_eq!(app.reading.viewing, key("01-imagen/etiquetar"));
    assert_eq!(round_keys(&fx), vec![key("01-imagen/etiquetar")]);
}

#[test]
fn a_result_for_another_step_than_the_current_one_completes_nothing() {
    let course = mini();
    let mut app = trainer(&course, &[]);
    let (generation, _) = round(&update(&mut app, Msg::Daemon(up())));
    // The image step already passes (the learner was ahead), the current one does not.
    let results = vec![
        failed(&course, "01-imagen/dockerfile"),
        passed(&course, "01-imagen/etiquetar"),
    ];
    let fx = done(&mut app, generation, results);
    assert!(fx.is_empty(), "nothing saved, no round: {fx:?}");
    assert_eq!(app.state(&key("01-imagen/etiquetar")), StepState::Locked);
    assert!(app.session.progress().completed.is_empty());
    assert_eq!(app.reading.viewing, key("01-imagen/dockerfile"));
    assert!(!app.rounds.checking);
    assert!(
        app.rounds
            .results
            .contains_key(&key("01-imagen/dockerfile")),
        "the current step's verdict is kept for the screen"
    );
}

#[test]
fn a_step_already_completed_is_not_recorded_again() {
    let course = mini();
    let mut app = trainer(&course, &["01-imagen/dockerfile"]);
    act(&mut app, Action::PrevStep);
    let fx = update(&mut app, Msg::Daemon(up()));
    let (generation, _) = round(&fx);
    let results = vec![
        failed(&course, "01-imagen/etiquetar"),
        passed(&course, "01-imagen/dockerfile"),
    ];
    assert!(done(&mut app, generation, results).is_empty());
    assert_eq!(
        app.session
            .progress()
            .completed
            .get(&key("01-imagen/dockerfile")),
        Some(&(STARTED + 10)),
        "the first completion time stays"
    );
}

#[test]
fn only_an_optional_current_step_can_be_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let course = tiny(dir.path());
    let mut app = trainer(&course, &["01-uno/leer"]);
    assert_eq!(app.reading.viewing, key("01-uno/opcional"));

    // A required step (reading step, from the list) cannot be skipped.
    act(&mut app, Action::PrevStep);
    assert_eq!(app.reading.viewing, key("01-uno/leer"));
    assert!(act(&mut app, Action::Skip).is_empty());
    assert_eq!(
        app.overlay.flash,
        Some((Flash::Refused("flash-not-optional"), 4))
    );
    act(&mut app, Action::NextStep);

    let fx = act(&mut app, Action::Skip);
    let skipped_at = match fx.first() {
        Some(Effect::Save(Change::Skipped { step, at, .. })) => {
            assert_eq!(step, &key("01-uno/opcional"));
            *at
        }
        other => panic!("the skip is saved first, got {other:?}"),
    };
    assert_eq!(app.state(&key("01-uno/opcional")), StepState::Skipped);
    // Skipped is not completed: no "Paso completado" toast.
    assert_eq!(
        app.overlay.flash,
        Some((Flash::Skipped(key("01-uno/opcional")), 4))
    );
    assert_eq!(app.reading.viewing, key("01-uno/fichero"));
    assert_eq!(
        round(&fx).1,
        vec![(key("01-uno/fichero"), Beginning::At(skipped_at))]
    );

    // The file step is required: refused, nothing saved, nothing moves.
    app.overlay.flash = None;
    assert!(act(&mut app, Action::Skip).is_empty());
    assert_eq!(
        app.overlay.flash,
        Some((Flash::Refused("flash-not-optional"), 4))
    );
    assert_eq!(app.state(&key("01-uno/fichero")), StepState::Current);
    assert_eq!(app.reading.viewing, key("01-uno/fichero"));

    // A skipped step revisited cannot be skipped twice.
    act(&mut app, Action::PrevStep);
    assert_eq!(app.reading.viewing, key("01-uno/opcional"));
    assert!(!act(&mut app, Action::Skip)
        .iter()
        .any(|e| matches!(e, Effect::Save(_))));
    assert_eq!(app.session.progress().skipped.len(), 1);
}

#[test]
fn a_reading_step_is_confirmed_with_enter() {
    let dir = tempfile::tempdir().expect("tempdir");
    let course = tiny(dir.path());
    let mut app = trainer(&course, &[]);
    assert_eq!(app.reading.viewing, key("01-uno/leer"));
    // Nothing to check on a reading step: the daemon coming up asks for no round.
    assert!(update(&mut app, Msg::Daemon(up())).is_empty());
    assert!(!app.rounds.checking);

    let fx = act(&mut app, Action::Confirm);
    assert!(
        matches!(fx.first(), Some(Effect::Save(Change::Completed { step, .. })) if step == &key("01-uno/leer")),
        "{fx:?}"
    );
    assert_eq!(app.state(&key("01-uno/leer")), StepState::Done);
    assert_eq!(app.reading.viewing, key("01-uno/opcional"));
    assert_eq!(round_keys(&fx), vec![key("01-uno/opcional")]);

    // On a step with checks, Enter only checks again: nothing is recorded.
    let (generation, _) = round(&fx);
    let fx = act(&mut app, Action::Confirm);
    assert!(round(&fx).0 > generation);
    assert!(!fx.iter().any(|e| matches!(e, Effect::Save(_))));
    assert_eq!(app.state(&key("01-uno/opcional")), StepState::Current);

    // A reading step already done, revisited: Enter records nothing more.
    act(&mut app, Action::PrevStep);
    let fx = act(&mut app, Action::Confirm);
    assert!(!fx.iter().any(|e| matches!(e, Effect::Save(_))), "{fx:?}");
    assert_eq!(app.session.progress().completed.len(), 1);
}

#[test]
fn a_quiz_answer_is_saved_and_checked() {
    let course = mini();
    let mut app = trainer(&course, &["01-imagen/dockerfile", "01-imagen/etiquetar"]);
    let quiz = key("01-imagen/que-hace-tag");
    assert_eq!(app.reading.viewing, quiz);
    settle(&mut app);

    let fx = act(&mut app, Action::Answer(2));
    assert_eq!(
        fx.first(),
        Some(&Effect::Save(Change::Answered(quiz.clone(), 2)))
    );
    match fx.get(1) {
        Some(Effect::RunChecks { steps, answers, .. }) => {
            assert_eq!(steps.len(), 1);
            assert_eq!(steps[0].0, quiz);
            assert_eq!(
                answers.get(&quiz),
                Some(&2),
                "the round sees the new answer"
            );
        }
        other => panic!("a round follows the answer, got {other:?}"),
    }
    assert_eq!(app.session.progress().answers.get(&quiz), Some(&2));

    // Beyond the choices (3): refused, the answer stays.
    for wrong in [4, 9, 0] {
        app.overlay.flash = None;
        let fx = act(&mut app, Action::Answer(wrong));
        assert!(fx.is_empty(), "answer {wrong}: {fx:?}");
        assert_eq!(
            app.overlay.flash,
            Some((Flash::Refused("flash-no-such-option"), 4))
        );
        assert_eq!(app.session.progress().answers.get(&quiz), Some(&2));
    }

    // The round says the answer is right: the quiz is done and the next lesson opens.
    let (generation, _) = round(&act(&mut app, Action::Answer(2)));
    let fx = done(
        &mut app,
        generation,
        vec![passed(&course, "01-imagen/que-hace-tag")],
    );
    assert!(matches!(
        fx.first(),
        Some(Effect::Save(Change::Completed { .. }))
    ));
    assert_eq!(app.reading.viewing, key("02-red/crear-red"));

    // A number on a step that is not a quiz is refused.
    let fx = act(&mut app, Action::Answer(1));
    assert!(fx.is_empty());
    assert_eq!(
        app.overlay.flash,
        Some((Flash::Refused("flash-not-a-quiz"), 4))
    );
    assert!(!app
        .session
        .progress()
        .answers
        .contains_key(&app.reading.viewing));
}

#[test]
fn switching_language_keeps_the_place() {
    let course = mini();
    let mut app = trainer(&course, &[]);
    // The view's own layout, on a screen small enough for the step text to scroll.
    app.measured_by(measurer(Rc::new(Translators::new()), Theme::new(false)));
    assert!(update(&mut app, Msg::Resize { cols: 40, rows: 12 }).is_empty());
    act(&mut app, Action::Hint);
    act(&mut app, Action::Hint);
    let max = app.text_rows().max_scroll;
    assert!(max > 3, "the text with two hints scrolls at 40×12: {max}");
    assert_eq!(app.reading.scroll, max, "a new hint is scrolled into view");
    act(&mut app, Action::Scroll(-3));
    act(&mut app, Action::NextCode);
    assert_eq!((app.reading.hints_shown, app.reading.scroll), (2, max - 3));

    let fx = act(&mut app, Action::ToggleLang);
    assert!(fx.is_empty(), "the verdicts do not depend on the language");
    assert_eq!(app.lang, Lang::En);
    assert_eq!(app.reading.viewing, key("01-imagen/dockerfile"));
    assert_eq!(app.reading.hints_shown, 2);
    assert_eq!(app.reading.scroll, max - 3);
    assert_eq!(app.reading.code_selected, Some(0));

    act(&mut app, Action::ToggleLang);
    assert_eq!(app.lang, Lang::Es);
    assert_eq!((app.reading.hints_shown, app.reading.scroll), (2, max - 3));
}

#[test]
fn the_screen_size_is_what_scrolling_is_clamped_to() {
    let course = mini();
    let mut app = trainer(&course, &[]);
    app.measured_by(measurer(Rc::new(Translators::new()), Theme::new(false)));
    assert!(update(&mut app, Msg::Resize { cols: 40, rows: 12 }).is_empty());
    let small = app.text_rows();
    for _ in 0..100 {
        act(&mut app, Action::Scroll(1));
    }
    assert_eq!(
        app.reading.scroll, small.max_scroll,
        "no scrolling past the end"
    );
    act(&mut app, Action::Page(-1));
    assert_eq!(
        app.reading.scroll,
        small.max_scroll.saturating_sub(small.page_height - 1),
        "a page is the rows on screen but one"
    );
    // On a big screen the whole step fits: nothing to scroll.
    assert!(update(
        &mut app,
        Msg::Resize {
            cols: 200,
            rows: 60
        }
    )
    .is_empty());
    let big = app.text_rows();
    assert_eq!(big.max_scroll, 0, "{big:?}");
    assert!(big.page_height > small.page_height);
    act(&mut app, Action::Scroll(1));
    assert_eq!(app.reading.scroll, 0);
}

#[test]
fn results_of_an_older_round_are_dropped() {
    let course = mini();
    let mut app = trainer(&course, &[]);
    let (first, _) = round(&update(&mut app, Msg::Daemon(up())));
    let (second, _) = round(&act(&mut app, Action::Recheck));
    assert!(second > first);

    // The old round would have passed the step: it must change nothing.
    let fx = done(
        &mut app,
        first,
        vec![passed(&course, "01-imagen/dockerfile")],
    );
    assert!(fx.is_empty());
    assert!(app.session.progress().completed.is_empty());
    assert!(
        app.rounds.results.is_empty(),
        "stale verdicts are not shown"
    );
    assert!(app.rounds.checking, "the newer round is still in flight");
    assert_eq!(app.rounds.generation, second);

    let fx = done(
        &mut app,
        second,
        vec![failed(&course, "01-imagen/dockerfile")],
    );
    assert!(fx.is_empty());
    assert!(!app.rounds.checking);
    assert_eq!(
        app.rounds
            .results
            .get(&key("01-imagen/dockerfile"))
            .map(StepResult::status),
        Some(pracdocker::check::Status::Failed)
    );
}

#[test]
fn reconnecting_after_the_daemon_vanished_checks_again() {
    let course = mini();
    let mut app = trainer(&course, &["01-imagen/dockerfile"]);
    settle(&mut app);

    // The daemon goes away: one round (it will say "could not verify").
    let fx = update(&mut app, Msg::Daemon(DaemonStatus::Down(socket_missing())));
    let (generation, _) = round(&fx);
    assert_eq!(app.daemon, DaemonStatus::Down(socket_missing()));
    // The reconnect loop reports the same status again at every attempt: no new round.
    assert!(update(&mut app, Msg::Daemon(DaemonStatus::Down(socket_missing()))).is_empty());

    let fx = done(
        &mut app,
        generation,
        vec![unknown(&course, "01-imagen/etiquetar")],
    );
    assert!(fx.is_empty());
    assert_eq!(app.state(&key("01-imagen/etiquetar")), StepState::Current);
    assert_eq!(
        app.rounds
            .results
            .get(&key("01-imagen/etiquetar"))
            .map(StepResult::status),
        Some(pracdocker::check::Status::Unknown)
    );

    // A different reason is a change too.
    let other = Unverifiable::PermissionDenied {
        path: "/var/run/docker.sock".into(),
    };
    let (generation, _) = round(&update(&mut app, Msg::Daemon(DaemonStatus::Down(other))));
    assert!(done(
        &mut app,
        generation,
        vec![unknown(&course, "01-imagen/etiquetar")]
    )
    .is_empty());

    // Back: a round, and this time the step passes.
    let (generation, _) = round(&update(&mut app, Msg::Daemon(up())));
    let fx = done(
        &mut app,
        generation,
        vec![passed(&course, "01-imagen/etiquetar")],
    );
    assert!(matches!(
        fx.first(),
        Some(Effect::Save(Change::Completed { .. }))
    ));
    assert_eq!(app.state(&key("01-imagen/etiquetar")), StepState::Done);
}

#[test]
fn a_step_with_one_unknown_check_is_not_complete() {
    let course = mini();
    let mut app = trainer(
        &course,
        &[
            "01-imagen/dockerfile",
            "01-imagen/etiquetar",
            "01-imagen/que-hace-tag",
            "02-red/crear-red",
        ],
    );
    assert_eq!(app.reading.viewing, key("02-red/servidor"));
    let (generation, _) = round(&update(&mut app, Msg::Daemon(up())));
    // The container is right, but the HTTP probe could not run.
    let mixed = result(&course, "02-red/servidor", |i| {
        if i == 0 {
            Outcome::Passed
        } else {
            Outcome::Unknown(Unverifiable::DaemonTimeout {
                host: "localhost".into(),
            })
        }
    });
    assert!(done(&mut app, generation, vec![mixed]).is_empty());
    assert_eq!(app.state(&key("02-red/servidor")), StepState::Current);
    assert_eq!(app.current(), Some(key("02-red/servidor")));
}

#[test]
fn daemon_events_recheck_only_steps_they_concern() {
    let course = mini();

    // The current step asks about an image.
    let mut app = trainer(&course, &["01-imagen/dockerfile"]);
    settle(&mut app);
    for (object, action) in [
        ("container", "start"),
        ("network", "create"),
        ("volume", "create"),
        ("container", "exec_start: ls"),
    ] {
        assert!(
            update(&mut app, event(object, action)).is_empty(),
            "{object} {action} cannot change an image check"
        );
    }
    assert!(update(&mut app, Msg::FilesChanged).is_empty());
    let fx = update(&mut app, event("image", "tag"));
    assert_eq!(round_keys(&fx), vec![key("01-imagen/etiquetar")]);

    // The current step asks about a container (and HTTP).
    let mut app = app_at_server(&course);
    settle(&mut app);
    for action in [
        "exec_create: psql -c 'select 1'",
        "exec_start: psql -c 'select 1'",
        "exec_die",
    ] {
        assert!(
            update(&mut app, event("container", action)).is_empty(),
            "{action}: the checker's own exec must not trigger another round"
        );
    }
    assert!(update(&mut app, event("image", "tag")).is_empty());
    assert!(update(&mut app, Msg::FilesChanged).is_empty());
    assert!(!app.rounds.checking);
    assert_eq!(
        round_keys(&update(&mut app, event("container", "start"))),
        vec![key("02-red/servidor")]
    );
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

#[test]
fn file_changes_recheck_only_file_steps() {
    let course = mini();
    let mut app = trainer(&course, &[]);
    settle(&mut app);
    assert!(
        update(&mut app, event("image", "tag")).is_empty(),
        "an image event cannot change a file check"
    );
    let fx = update(&mut app, Msg::FilesChanged);
    assert_eq!(round_keys(&fx), vec![key("01-imagen/dockerfile")]);

    // Viewing an earlier file step while the current one checks a network: nothing.
    let mut app = trainer(
        &course,
        &[
            "01-imagen/dockerfile",
            "01-imagen/etiquetar",
            "01-imagen/que-hace-tag",
        ],
    );
    settle(&mut app);
    for _ in 0..3 {
        act(&mut app, Action::PrevStep);
    }
    assert_eq!(app.reading.viewing, key("01-imagen/dockerfile"));
    let (generation, _) = round(&act(&mut app, Action::Recheck));
    done(
        &mut app,
        generation,
        vec![failed(&course, "02-red/crear-red")],
    );
    assert!(update(&mut app, Msg::FilesChanged).is_empty());
    assert!(!update(&mut app, event("network", "create")).is_empty());
}

#[test]
fn a_flood_of_events_during_a_round_queues_exactly_one_more() {
    let course = mini();
    let mut app = trainer(&course, &["01-imagen/dockerfile"]);
    settle(&mut app);
    let (generation, _) = round(&update(&mut app, event("image", "tag")));
    assert!(app.rounds.checking);
    for i in 0..50 {
        let action = if i % 2 == 0 { "tag" } else { "untag" };
        assert!(
            update(&mut app, event("image", action)).is_empty(),
            "no round while one is in flight"
        );
    }
    assert!(app.rounds.recheck_queued);
    assert_eq!(app.rounds.generation, generation);

    let fx = done(
        &mut app,
        generation,
        vec![failed(&course, "01-imagen/etiquetar")],
    );
    let (next, _) = round(&fx);
    assert_eq!(next, generation + 1);
    assert!(!app.rounds.recheck_queued);

    // That round ends with nothing queued: the trainer is quiet again.
    assert!(done(&mut app, next, vec![failed(&course, "01-imagen/etiquetar")]).is_empty());
    assert!(!app.rounds.checking);

    // When the round in flight passes the step, the move to the next step is the one round.
    let (generation, _) = round(&update(&mut app, event("image", "tag")));
    assert!(
        update(&mut app, event("image", "tag")).is_empty(),
        "queued behind the round in flight"
    );
    let fx = done(
        &mut app,
        generation,
        vec![passed(&course, "01-imagen/etiquetar")],
    );
    assert_eq!(round_keys(&fx), vec![key("01-imagen/que-hace-tag")]);
    assert!(!app.rounds.recheck_queued);
}

#[test]
fn the_help_overlay_swallows_the_next_key() {
    let course = mini();
    let mut app = trainer(&course, &["01-imagen/dockerfile"]);
    act(&mut app, Action::Help);
    assert_eq!(app.overlay.modal, Some(Modal::Help));
    assert!(act(&mut app, Action::PrevStep).is_empty());
    assert_eq!(app.overlay.modal, None, "any key closes it");
    assert_eq!(
        app.reading.viewing,
        key("01-imagen/etiquetar"),
        "and does nothing else"
    );
    act(&mut app, Action::Help);
    assert_eq!(
        act(&mut app, Action::Quit),
        vec![Effect::Quit],
        "quitting works with the overlay open"
    );
}

#[test]
fn confirmations_fade_and_served_steps_are_polled() {
    let course = mini();
    let mut app = app_at_server(&course);
    settle(&mut app);
    act(&mut app, Action::NextStep); // refused: the last step has no next
    act(&mut app, Action::Skip);
    assert!(app.overlay.flash.is_some());
    // The HTTP check has no event to wait for: every second tick asks for a round.
    assert!(update(&mut app, Msg::Tick(1)).is_empty());
    let (generation, _) = round(&update(&mut app, Msg::Tick(2)));
    assert!(
        update(&mut app, Msg::Tick(4)).is_empty(),
        "not while a round runs"
    );
    done(
        &mut app,
        generation,
        vec![failed(&course, "02-red/servidor")],
    );
    assert!(app.overlay.flash.is_some());
    assert!(update(&mut app, Msg::Tick(5)).is_empty());
    assert_eq!(app.overlay.flash, None, "gone after four ticks");

    // An image step is never polled.
    let mut app = trainer(&course, &["01-imagen/dockerfile"]);
    settle(&mut app);
    assert!((1..=6).all(|n| update(&mut app, Msg::Tick(n)).is_empty()));
}

#[test]
fn passing_the_last_step_finishes_the_course() {
    let course = mini();
    let mut app = app_at_server(&course);
    let (generation, _) = round(&update(&mut app, Msg::Daemon(up())));
    let fx = done(
        &mut app,
        generation,
        vec![passed(&course, "02-red/servidor")],
    );
    assert!(matches!(
        fx.first(),
        Some(Effect::Save(Change::Completed { .. }))
    ));
    assert_eq!(app.current(), None);
    assert_eq!(app.overlay.flash, Some((Flash::CourseDone, 4)));
    assert_eq!(
        app.reading.viewing,
        key("02-red/servidor"),
        "the last step stays on screen"
    );
    // One last round refreshes the verdicts on screen; after it nothing is current any more,
    // so events and ticks ask for nothing.
    let (generation, steps) = round(&fx);
    assert_eq!(steps.len(), 1);
    assert_eq!(steps[0].0, key("02-red/servidor"));
    assert!(done(
        &mut app,
        generation,
        vec![passed(&course, "02-red/servidor")]
    )
    .is_empty());
    assert!(update(&mut app, event("container", "start")).is_empty());
    assert!(update(&mut app, Msg::FilesChanged).is_empty());
    assert!((1..=4).all(|n| update(&mut app, Msg::Tick(n)).is_empty()));
}

#[test]
fn hints_run_out() {
    let course = mini();
    let mut app = trainer(&course, &[]);
    assert!(act(&mut app, Action::Hint).is_empty());
    assert!(act(&mut app, Action::Hint).is_empty());
    assert_eq!(app.reading.hints_shown, 2);
    assert_eq!(app.overlay.flash, None);
    act(&mut app, Action::Hint);
    assert_eq!(app.reading.hints_shown, 2, "the step has two hints");
    assert_eq!(
        app.overlay.flash,
        Some((Flash::Refused("flash-no-more-hints"), 4))
    );
    // A new step starts with its hints hidden again.
    let (generation, _) = round(&update(&mut app, Msg::Daemon(up())));
    done(
        &mut app,
        generation,
        vec![passed(&course, "01-imagen/dockerfile")],
    );
    assert_eq!(app.reading.hints_shown, 0);
}

#[test]
fn copy_takes_the_selected_code_block() {
    let course = mini();
    let mut app = trainer(&course, &["01-imagen/dockerfile"]);
    assert_eq!(app.reading.viewing, key("01-imagen/etiquetar"));
    let fx = act(&mut app, Action::Copy);
    assert_eq!(
        fx,
        vec![Effect::Copy(
            "docker build --tag mini .\ndocker tag mini:latest mini:v1".into()
        )],
        "with nothing selected, the first block"
    );
    assert_eq!(app.overlay.flash, Some((Flash::Copied, 4)));
    act(&mut app, Action::NextCode);
    act(&mut app, Action::NextCode);
    assert_eq!(
        app.reading.code_selected,
        Some(0),
        "one block: Tab stays on it"
    );

    // The quiz has no code block at all.
    let mut app = trainer(&course, &["01-imagen/dockerfile", "01-imagen/etiquetar"]);
    act(&mut app, Action::NextCode);
    assert_eq!(app.reading.code_selected, None);
    assert!(act(&mut app, Action::Copy).is_empty());
    assert_eq!(
        app.overlay.flash,
        Some((Flash::Refused("flash-no-code"), 4))
    );
}

#[test]
fn a_save_brings_in_what_other_processes_wrote() {
    let course = mini();
    let mut app = trainer(&course, &[]);
    let (generation, _) = round(&update(&mut app, Msg::Daemon(up())));
    done(
        &mut app,
        generation,
        vec![passed(&course, "01-imagen/dockerfile")],
    );
    // Meanwhile `pracdocker answer` in another terminal saved a quiz answer; the file the save
    // read back has it, but not yet this trainer's completion (saves are queued).
    let mut on_disk = Progress {
        started: Some(STARTED),
        ..Default::default()
    };
    on_disk.answers.insert(key("01-imagen/que-hace-tag"), 2);
    assert!(update(&mut app, Msg::Saved(on_disk)).is_empty());
    let p = app.session.progress();
    assert_eq!(p.answers.get(&key("01-imagen/que-hace-tag")), Some(&2));
    assert!(
        p.completed.contains_key(&key("01-imagen/dockerfile")),
        "what is in memory is kept"
    );
    assert_eq!(p.started, Some(STARTED));

    assert!(update(&mut app, Msg::SaveFailed("disk full".into())).is_empty());
    assert_eq!(app.save_error.as_deref(), Some("disk full"));
    let again = app.session.progress().clone();
    assert!(update(&mut app, Msg::Saved(again)).is_empty());
    assert_eq!(app.save_error, None, "a later save clears the error");
}
