//! The end of the course: the last step passes in a round, as the worker reports it, and the
//! learner sees every step done, the checkpoints of the last one and the course's
//! congratulations.

use pracdocker::app::{update, Action, Effect, Msg};

use super::*;

/// Every step of the sample course done: the last one (`02-red/servidor`) passes in the round
/// that a recheck asks for, with the steps before it completed.
#[test]
fn the_course_finished() {
    let course = mini();
    let before = [
        "01-imagen/dockerfile",
        "01-imagen/etiquetar",
        "01-imagen/que-hace-tag",
        "02-red/crear-red",
    ];
    for lang in LANGS {
        let mut app = trainer(&course, &before, lang);
        let round = |fx: Vec<Effect>| {
            fx.iter().find_map(|e| match e {
                Effect::RunChecks { generation, .. } => Some(*generation),
                _ => None,
            })
        };
        let generation = round(update(&mut app, Msg::Action(Action::Recheck)))
            .expect("a round for the last step");
        let (_, last) = result(&course, "02-red/servidor", |_| Outcome::Passed);
        let fx = update(
            &mut app,
            Msg::ChecksDone {
                generation,
                results: vec![last.clone()],
            },
        );
        assert_eq!(app.current(), None, "no step left");
        // One last round refreshes the verdicts on screen; the learner sees its answer.
        let generation = round(fx).expect("the refreshing round");
        let fx = update(
            &mut app,
            Msg::ChecksDone {
                generation,
                results: vec![last],
            },
        );
        assert!(round(fx).is_none(), "nothing more to check");
        assert_eq!(app.session.progress().completed.len(), 5);
        snapshot(
            "course_finished",
            &app,
            &[pick(
                lang,
                "✔ Has terminado el curso. ¡Enhorabuena!",
                "✔ You finished the course. Well done!",
            )],
        );
    }
}
