//! Check rounds: stale results dropped, reconnection, unknown checks, and which daemon events
//! or file changes ask for a new round (and how many).

use super::*;

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
