//! The class as it stood at several times, replayed from a ledger, and the steps done after
//! a deadline.

use super::*;

/// A ledger written by hand: (learner, step, check, status, at seconds after 10:00).
fn ledger_of(lines: &[(&str, &str, usize, Status, i64)]) -> Ledger {
    let c = course();
    let base = crate::clock::parse_rfc3339("2026-12-07T10:00:00Z").expect("base");
    let entries = lines
        .iter()
        .map(|&(learner, step, check, status, secs)| {
            let (l, s) = c
                .steps()
                .find(|(_, s)| s.id == step)
                .expect("a step of the course");
            let at = crate::clock::rfc3339(base + crate::clock::from_secs(secs));
            Entry {
                ts: at.clone(),
                at,
                clock: Clock::Grader,
                learner: learner.into(),
                roster: Vec::new(),
                host: "tcp://10.0.0.5:2375".into(),
                lesson: l.id.clone(),
                step: step.into(),
                check,
                kind: s.checks[check].kind().into(),
                target: s.checks[check].target(),
                status,
                reason: match status {
                    Status::Failed => serde_json::to_value(Reason::NetworkMissing {
                        name: "mininet".into(),
                    })
                    .ok(),
                    Status::Unknown => serde_json::to_value(Unverifiable::NoProgress).ok(),
                    Status::Passed => None,
                },
                evidence: None,
            }
        })
        .collect();
    Ledger {
        header: Some(Header::new()),
        entries,
        skipped: Vec::new(),
        ends_clean: true,
    }
}

fn at(secs: i64) -> i64 {
    crate::clock::parse_rfc3339("2026-12-07T10:00:00Z").expect("base")
        + crate::clock::from_secs(secs)
}

#[test]
fn the_class_as_of_several_times() {
    use Status::*;
    let c = course();
    let ledger = ledger_of(&[
        ("ana", "crear-red", 0, Failed, 60),
        ("ana", "crear-red", 0, Passed, 120),
        // The server step needs both its checks passing at once: first at 300.
        ("ana", "servidor", 0, Passed, 200),
        ("ana", "servidor", 1, Failed, 200),
        ("ana", "servidor", 1, Passed, 300),
        // Later the course undoes the network: done stays done.
        ("ana", "crear-red", 0, Failed, 400),
        ("luis", "crear-red", 0, Failed, 100),
    ]);
    let step = |r: &[replay::Replayed], who: &str, step: &str| {
        let g = &r
            .iter()
            .find(|x| x.graded.name == who)
            .expect("learner")
            .graded;
        let res = g.results.iter().find(|x| x.step == step).expect("step");
        (
            res.status(),
            g.recorded
                .get(&StepKey::new(&res.lesson, step))
                .map(|x| x.at),
        )
    };
    let before = replay::as_of(&ledger, &c, &lessons(&c), Some(at(30)));
    assert!(before.is_empty(), "nobody graded yet");
    let t90 = replay::as_of(&ledger, &c, &lessons(&c), Some(at(90)));
    assert_eq!(t90.len(), 1);
    assert_eq!(step(&t90, "ana", "crear-red"), (Failed, None));
    assert_eq!(
        step(&t90, "ana", "servidor"),
        (Unknown, None),
        "never seen: pending"
    );
    let t250 = replay::as_of(&ledger, &c, &lessons(&c), Some(at(250)));
    assert_eq!(step(&t250, "ana", "crear-red"), (Passed, Some(at(120))));
    assert_eq!(
        step(&t250, "ana", "servidor"),
        (Failed, None),
        "one of two checks"
    );
    assert_eq!(step(&t250, "luis", "crear-red"), (Failed, None));
    let end = replay::as_of(&ledger, &c, &lessons(&c), None);
    assert_eq!(
        step(&end, "ana", "crear-red"),
        (Failed, Some(at(120))),
        "the daemon undid it; the ledger keeps when it was done"
    );
    assert_eq!(step(&end, "ana", "servidor"), (Passed, Some(at(300))));
    let ana = &end[0].graded;
    assert_eq!(ana.host, "tcp://10.0.0.5:2375");
    // Printed: done steps pass, observed; a step never seen is pending, not failed.
    let tr = crate::i18n::Tr::new(crate::lang::Lang::En);
    let plan = crate::grade::Plan {
        course: c.clone(),
        lessons: lessons(&c),
        since: None,
        timeout: Duration::from_secs(1),
        ledger: None,
    };
    let l = ana.learner(&plan, &tr);
    let red = &l.lessons[1];
    assert_eq!(red.score.passed, 2);
    let done = red.steps[0].done.as_ref().expect("done");
    assert_eq!(done.basis, crate::check::Basis::Observed);
    let tag = &l.lessons[0].steps[1];
    assert_eq!(tag.status, Unknown);
    assert!(
        tag.checks[0].message.contains("ledger"),
        "{}",
        tag.checks[0].message
    );
}

#[test]
fn steps_done_after_the_deadline_are_late() {
    use Status::*;
    let c = course();
    let ledger = ledger_of(&[
        ("ana", "crear-red", 0, Passed, 100),
        ("ana", "servidor", 0, Passed, 500),
        ("ana", "servidor", 1, Passed, 700),
    ]);
    let r = replay::as_of(&ledger, &c, &lessons(&c), None);
    let g = &r[0].graded;
    let tr = crate::i18n::Tr::new(crate::lang::Lang::En);
    let plan = crate::grade::Plan {
        course: c.clone(),
        lessons: lessons(&c),
        since: None,
        timeout: Duration::from_secs(1),
        ledger: None,
    };
    let mut l = g.learner(&plan, &tr);
    let times = crate::report::late::done_times(&g.results, &g.recorded);
    crate::report::late::mark(&mut l, &times, at(600));
    let red = &l.lessons[1];
    assert!(!red.steps[0].late, "done at 100, before the deadline");
    assert!(red.steps[1].late, "its last check passed at 700");
    assert_eq!((red.score.late, l.score.late, l.score.passed), (1, 1, 2));
    assert!(
        !l.lessons[0].steps.iter().any(|s| s.late),
        "not done: never late"
    );
    crate::report::late::mark(&mut l, &times, at(800));
    assert_eq!(l.score.late, 0, "a later deadline: nothing late");
    let json = serde_json::to_value(&l).expect("json");
    assert!(json["score"].get("late").is_none(), "absent when zero");
}

/// A learner moving on one step: the step done and the next one's real failure are the only new
/// lines (every later step's "complete X first" is no change), and a replay names the step
/// they wait for as of then, not the one written with the line.
#[test]
fn moving_on_writes_only_what_changed_and_the_replay_names_the_step_waited_for() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("class.ledger");
    let c = course();
    let (w, _) = Writer::open(&path).expect("open");
    let waiting = |step: &str| {
        let step = step.to_string();
        (Outcome::Failed(Reason::StepNotBegun { step }), None)
    };
    let first = graded("ana", &c, |s| match s {
        "dockerfile" => missing(),
        _ => waiting("01-imagen/dockerfile"),
    });
    let checks: usize = first.results.iter().map(|r| r.checks.len()).sum();
    assert_eq!(w.record(&first).expect("record"), checks);
    let moved = graded("ana", &c, |s| match s {
        "dockerfile" => (Outcome::Passed, None),
        "etiquetar" => missing(),
        _ => waiting("01-imagen/etiquetar"),
    });
    assert_eq!(
        w.record(&moved).expect("record"),
        2,
        "the step done, the next one's failure"
    );
    drop(w);
    let read = super::read(&path).expect("read");
    let replayed = replay::as_of(&read, &c, &lessons(&c), None);
    let net = replayed[0]
        .graded
        .results
        .iter()
        .find(|r| r.step == "crear-red")
        .expect("crear-red");
    assert_eq!(
        net.checks[0].outcome,
        Outcome::Failed(Reason::StepNotBegun {
            step: "01-imagen/etiquetar".into()
        })
    );
}
