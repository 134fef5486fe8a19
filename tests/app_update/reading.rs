//! What the learner reads and keeps: the language switch, scrolling, the help overlay, fading
//! confirmations, the course's end, hints, copying a code block and saving progress.

use super::*;

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
