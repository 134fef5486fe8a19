//! Unit tests of `session`.

use super::*;
use crate::course::Source;

fn course() -> Course {
    crate::course::load(&Source::Dir(
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/mini-curso").into(),
    ))
    .expect("sample course")
}

fn key(s: &str) -> StepKey {
    s.parse().expect("key")
}

fn passed(k: &str, at: &[Option<i64>]) -> StepResult {
    use crate::check::{Check, Outcome, QuizCheck};
    use crate::check::{CheckResult, Evidence};
    let k = key(k);
    StepResult {
        lesson: k.lesson,
        step: k.step,
        checks: at
            .iter()
            .map(|t| CheckResult {
                check: Check::Quiz(QuizCheck {
                    choices: 3,
                    answer: 1,
                }),
                outcome: Outcome::Passed,
                evidence: Some(Evidence {
                    at: *t,
                    ..Default::default()
                }),
            })
            .collect(),
    }
}

#[test]
fn a_step_begins_at_the_instant_of_the_previous_evidence() {
    let c = course();
    let mut p = Progress::default();
    let s = Session::detached(p.clone());
    assert_eq!(
        s.beginning(&c, &key("01-imagen/dockerfile")),
        Beginning::After(key("01-imagen/dockerfile")),
        "no start recorded: nothing has begun"
    );
    p.started = Some(50);
    assert_eq!(
        Session::detached(p.clone()).beginning(&c, &key("01-imagen/dockerfile")),
        Beginning::At(50)
    );
    assert_eq!(
        Session::detached(p.clone()).beginning(&c, &key("01-imagen/etiquetar")),
        Beginning::After(key("01-imagen/dockerfile")),
        "the previous step is not done: no look-back at all"
    );
    p.completed.insert(key("01-imagen/dockerfile"), 100);
    let s = Session::detached(p);
    assert_eq!(
        s.beginning(&c, &key("01-imagen/etiquetar")),
        Beginning::At(100)
    );
    assert_eq!(
        s.beginning(&c, &key("01-imagen/dockerfile")),
        Beginning::At(50),
        "a done step keeps its window"
    );
    assert_eq!(
        s.beginning(&c, &key("02-red/servidor")),
        Beginning::After(key("01-imagen/etiquetar"))
    );
}

#[test]
fn only_the_current_step_completes_at_its_latest_evidence() {
    let c = course();
    let mut s = Session::detached(Progress {
        started: Some(1_000),
        ..Default::default()
    });
    // A later step passing (an absence, a file) is not a completion.
    assert_eq!(
        s.completion(&c, &passed("02-red/crear-red", &[Some(2_000)])),
        None
    );
    let change = s
        .completion(
            &c,
            &passed("01-imagen/dockerfile", &[Some(1_500), Some(1_200)]),
        )
        .expect("the current step passed");
    assert_eq!(
        change,
        Change::Completed {
            step: key("01-imagen/dockerfile"),
            at: 1_500,
            began: 1_000,
            evidence: [Some(1_500), Some(1_200)]
                .map(|at| crate::check::Evidence {
                    at,
                    ..Default::default()
                })
                .to_vec(),
        }
    );
    // The evidence is kept with the completion.
    let mut p = Progress::default();
    change.apply(&mut p);
    assert_eq!(p.evidence[&key("01-imagen/dockerfile")].len(), 2);
    s.apply(&change);
    // Evidence older than the step's beginning (a state reached earlier) counts from it.
    let change = s
        .completion(&c, &passed("01-imagen/etiquetar", &[Some(10)]))
        .expect("current");
    assert!(matches!(
        change,
        Change::Completed {
            at: 1_500,
            began: 1_500,
            ..
        }
    ));
    s.apply(&change);
    // A check with no time of its own (an answer) completes the step now.
    let before = now();
    let Some(Change::Completed { at, .. }) =
        s.completion(&c, &passed("01-imagen/que-hace-tag", &[Some(1_600), None]))
    else {
        panic!("current")
    };
    assert!(at >= before);
}

#[test]
fn out_of_order_and_stale_completions_do_not_count() {
    let c = course();
    let mut p = Progress {
        started: Some(1_000),
        ..Default::default()
    };
    // An older build recorded lesson 2 before lesson 1 was touched.
    p.completed.insert(key("02-red/crear-red"), 1_100);
    p.completed.insert(key("01-imagen/dockerfile"), 1_200);
    let s = Session::detached(p.clone());
    assert_eq!(s.current(&c), Some(key("01-imagen/etiquetar")));
    assert_eq!(s.state(&c, &key("02-red/crear-red")), StepState::Locked);
    assert!(!s.is_done(&c, &key("02-red/crear-red")));
    // Once lesson 1 is done after it, the stale entry is still older: it does not count,
    // and completing the step for real replaces it.
    p.completed.insert(key("01-imagen/etiquetar"), 1_300);
    p.completed.insert(key("01-imagen/que-hace-tag"), 1_400);
    let mut s = Session::detached(p);
    assert_eq!(s.current(&c), Some(key("02-red/crear-red")));
    let change = s
        .completion(&c, &passed("02-red/crear-red", &[Some(1_500)]))
        .expect("current");
    s.apply(&change);
    assert_eq!(
        s.progress().completed.get(&key("02-red/crear-red")),
        Some(&1_500)
    );
    assert_eq!(s.current(&c), Some(key("02-red/servidor")));
    // A second process completing the same step later keeps the first time.
    s.apply(&Change::Completed {
        step: key("02-red/crear-red"),
        at: 1_900,
        began: 1_400,
        evidence: Vec::new(),
    });
    assert_eq!(
        s.progress().completed.get(&key("02-red/crear-red")),
        Some(&1_500)
    );
}

#[test]
fn gating_skipping_and_reset() {
    let c = course();
    let mut s = Session::detached(Progress {
        started: Some(1),
        ..Default::default()
    });
    assert_eq!(s.current(&c), Some(key("01-imagen/dockerfile")));
    assert_eq!(s.state(&c, &key("01-imagen/etiquetar")), StepState::Locked);
    assert_eq!(
        s.confirmation(&c, &key("01-imagen/dockerfile")),
        None,
        "a step with checks is not confirmed by hand"
    );
    assert_eq!(
        s.skipping(&c, &key("01-imagen/dockerfile")),
        None,
        "nor skipped when required"
    );
    let change = s
        .completion(&c, &passed("01-imagen/dockerfile", &[Some(5)]))
        .expect("current");
    s.commit(change).expect("commit");
    assert_eq!(s.state(&c, &key("01-imagen/dockerfile")), StepState::Done);
    assert_eq!(s.state(&c, &key("01-imagen/etiquetar")), StepState::Current);
    s.answer(&key("01-imagen/que-hace-tag"), 2).expect("answer");
    s.reset(Some("01-imagen")).expect("reset");
    assert_eq!(s.current(&c), Some(key("01-imagen/dockerfile")));
    assert!(s.progress().answers.is_empty());
}

#[test]
fn open_records_the_start_once_and_writes_through() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.json");
    let (mut s, aside) = Session::open(&path).expect("open");
    assert!(aside.is_none());
    let started = s.progress().started.expect("start recorded");
    s.answer(&key("01-imagen/que-hace-tag"), 3).expect("answer");
    let (again, _) = Session::open(&path).expect("reopen");
    assert_eq!(again.progress().started, Some(started));
    assert_eq!(
        again.progress().answers.get(&key("01-imagen/que-hace-tag")),
        Some(&3)
    );
}
