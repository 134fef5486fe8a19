//! Gating: the next step stays locked until the current one passes; completing, skipping an
//! optional step, confirming a reading step and answering a quiz.

use super::*;

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
