//! The ledger with real files: round trip, a torn last line, two appenders at once, the class
//! as of several times, and late steps.

use std::collections::BTreeMap;
use std::time::Duration;

use super::*;
use crate::check::{CheckResult, Evidence, StepResult};
use crate::check::{Outcome, Reason, Status, Unverifiable};
use crate::course::Course;
use crate::grade::Graded;
use crate::key::StepKey;

fn course() -> Course {
    crate::course::load(&crate::course::Source::Dir(
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/mini-curso").into(),
    ))
    .expect("sample course")
}

fn lessons(c: &Course) -> Vec<String> {
    c.lessons.iter().map(|l| l.id.clone()).collect()
}

/// A grading of every step of the sample course; `outcome` decides each check by its step id.
fn graded(name: &str, c: &Course, outcome: impl Fn(&str) -> (Outcome, Option<Evidence>)) -> Graded {
    let results = c
        .steps()
        .map(|(l, s)| StepResult {
            lesson: l.id.clone(),
            step: s.id.clone(),
            checks: s
                .checks
                .iter()
                .map(|check| {
                    let (outcome, evidence) = outcome(&s.id);
                    CheckResult {
                        check: check.clone(),
                        outcome,
                        evidence,
                    }
                })
                .collect(),
        })
        .collect();
    Graded {
        name: name.into(),
        host: "unix:///var/run/docker.sock".into(),
        daemon: None,
        problem: None,
        results,
        recorded: BTreeMap::new(),
        duration: Duration::ZERO,
        lang: None,
        fields: vec![("student_id".into(), "A-17".into())],
    }
}

fn missing() -> (Outcome, Option<Evidence>) {
    (
        Outcome::Failed(Reason::NetworkMissing {
            name: "mininet".into(),
        }),
        None,
    )
}

fn image() -> (Outcome, Option<Evidence>) {
    (Outcome::Passed, Some(Evidence::image("sha256:abc")))
}

#[test]
fn what_is_appended_reads_back_and_the_same_grade_appends_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("class.ledger");
    let c = course();
    let (w, skipped) = Writer::open(&path).expect("open");
    assert!(skipped.is_empty());
    let g = graded("ana", &c, |s| {
        if s == "etiquetar" {
            image()
        } else {
            missing()
        }
    });
    let checks: usize = g.results.iter().map(|r| r.checks.len()).sum();
    assert_eq!(
        w.record(&g).expect("record"),
        checks,
        "first grade: everything"
    );
    assert_eq!(w.record(&g).expect("record"), 0, "same verdicts: nothing");
    assert!(w.ids("ana").contains("sha256:abc"));
    assert!(w.ids("luis").is_empty(), "evidence stays with its learner");
    drop(w);
    let read = read(&path).expect("read");
    assert_eq!(read.header.as_ref().map(|h| h.pracdocker_ledger), Some(1));
    assert_eq!(read.entries.len(), checks);
    assert!(read.skipped.is_empty() && read.ends_clean);
    let tag = read
        .entries
        .iter()
        .find(|e| e.step == "etiquetar")
        .expect("the tag step");
    assert_eq!(tag.status, Status::Passed);
    assert_eq!(tag.kind, "image");
    assert_eq!(tag.roster, vec![("student_id".into(), "A-17".into())]);
    assert_eq!(tag.evidence, Some(Evidence::image("sha256:abc")));
    assert_eq!(tag.clock, Clock::Grader);
    let net = read
        .entries
        .iter()
        .find(|e| e.step == "crear-red")
        .expect("net");
    assert_eq!(
        net.reason.as_ref().and_then(|r| r["id"].as_str()),
        Some("network-missing")
    );
    // A second grader opening the ledger knows its state: the same verdicts append nothing,
    // one change appends one line.
    let (again, _) = Writer::open(&path).expect("reopen");
    assert_eq!(again.record(&g).expect("record"), 0);
    let fixed = graded("ana", &c, |s| match s {
        "etiquetar" => image(),
        "crear-red" => (Outcome::Passed, None),
        _ => missing(),
    });
    assert_eq!(again.record(&fixed).expect("record"), 1);
    assert_eq!(super::read(&path).expect("read").entries.len(), checks + 1);
}

#[test]
fn an_event_verdict_carries_the_daemons_time() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("l.jsonl");
    let c = course();
    let (w, _) = Writer::open(&path).expect("open");
    let when = crate::clock::parse_rfc3339("2026-12-07T10:00:00.123456789Z").expect("time");
    let g = graded("ana", &c, |_| {
        (
            Outcome::Passed,
            Some(Evidence {
                event_time: Some(when),
                ..Evidence::default()
            }),
        )
    });
    w.record(&g).expect("record");
    let e = &read(&path).expect("read").entries[0];
    assert_eq!(e.clock, Clock::Daemon);
    assert_eq!(e.at, "2026-12-07T10:00:00.123456789Z");
    assert_ne!(e.ts, e.at);
}

#[test]
fn a_torn_last_line_is_skipped_and_the_next_append_starts_afresh() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("l.jsonl");
    let c = course();
    let (w, _) = Writer::open(&path).expect("open");
    w.record(&graded("ana", &c, |_| missing())).expect("record");
    drop(w);
    let whole = read(&path).expect("read").entries.len();
    // A crash in the middle of a write.
    let mut bytes = std::fs::read(&path).expect("bytes");
    bytes.extend_from_slice(b"{\"ts\":\"2026-12-07T10:00:00Z\",\"at\":\"2026-12-07T1");
    std::fs::write(&path, &bytes).expect("tear");
    let torn = read(&path).expect("a torn line is not fatal");
    assert_eq!(torn.entries.len(), whole);
    assert_eq!(torn.skipped.len(), 1);
    assert!(torn.skipped[0].torn && !torn.ends_clean);
    let (w, skipped) = Writer::open(&path).expect("open a torn ledger");
    assert_eq!(skipped.len(), 1, "the writer warns too");
    assert_eq!(
        w.record(&graded("ana", &c, |_| image())).expect("record"),
        whole
    );
    let after = read(&path).expect("read");
    assert_eq!(
        after.entries.len(),
        2 * whole,
        "no line glued to the torn one"
    );
    assert_eq!(after.skipped.len(), 1);
    assert!(!after.skipped[0].torn, "no longer the last line");
    assert!(after.ends_clean);
}

#[test]
fn a_torn_line_glued_to_a_whole_one_keeps_the_whole_one() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("l.jsonl");
    let c = course();
    let (w, _) = Writer::open(&path).expect("open");
    w.record(&graded("ana", &c, |_| missing())).expect("record");
    drop(w);
    let text = std::fs::read_to_string(&path).expect("text");
    let lines: Vec<&str> = text.lines().collect();
    // Line 3 lost its end to a crash, and another writer appended right after it.
    let glued = format!(
        "{}\n{}\n{}{}\n",
        lines[0],
        lines[1],
        &lines[2][..20],
        lines[3..].join("\n")
    );
    std::fs::write(&path, glued).expect("write");
    let read = read(&path).expect("read");
    assert_eq!(
        read.entries.len(),
        lines.len() - 2,
        "only the torn piece is lost"
    );
    assert_eq!(
        read.skipped,
        vec![Skipped {
            line: 3,
            torn: false
        }]
    );
}

#[test]
fn not_a_ledger_and_a_newer_format_are_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("x");
    std::fs::write(&path, "name,host\n").expect("write");
    assert!(matches!(read(&path), Err(LedgerError::NotALedger { .. })));
    assert!(
        Writer::open(&path).is_err(),
        "never appends to someone else's file"
    );
    std::fs::write(
        &path,
        "{\"pracdocker_ledger\":9,\"created\":\"\",\"tool\":\"\"}\n",
    )
    .expect("w");
    assert!(matches!(
        read(&path),
        Err(LedgerError::Version { found: 9, .. })
    ));
}

#[test]
fn two_appenders_at_once_never_interleave_their_lines() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("shared.jsonl");
    let c = course();
    // Long lines (about 8 KB of evidence each) make a split write likely if writes were not whole.
    let long = "x".repeat(8192);
    let per = 150;
    let threads: Vec<_> = ["ana", "luis"]
        .into_iter()
        .map(|name| {
            let (path, c, long) = (path.clone(), c.clone(), long.clone());
            std::thread::spawn(move || {
                let (w, _) = Writer::open(&path).expect("open");
                for i in 0..per {
                    // Every round a new container id: every check changes.
                    let id = format!("{name}-{i}-{long}");
                    let g = graded(name, &c, |_| {
                        (
                            Outcome::Passed,
                            Some(Evidence {
                                container_id: Some(id.clone()),
                                ..Evidence::default()
                            }),
                        )
                    });
                    w.record(&g).expect("record");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("appender");
    }
    let read = read(&path).expect("read");
    let checks: usize = c.steps().map(|(_, s)| s.checks.len()).sum();
    assert!(read.skipped.is_empty(), "{:?}", read.skipped);
    assert_eq!(read.entries.len(), 2 * per * checks);
    for name in ["ana", "luis"] {
        let ids: Vec<&str> = read
            .entries
            .iter()
            .filter(|e| e.learner == name)
            .filter_map(|e| e.evidence.as_ref()?.container_id.as_deref())
            .collect();
        assert_eq!(ids.len(), per * checks);
        assert!(ids
            .iter()
            .all(|id| id.starts_with(name) && id.ends_with(&long)));
    }
}

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

#[test]
fn the_lock_is_a_companion_file_beside_the_ledger() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("class.ledger");
    let (_w, _) = Writer::open(&path).expect("open");
    assert_eq!(
        super::append::lock_path(&path),
        dir.path().join("class.ledger.lock")
    );
    assert!(dir.path().join("class.ledger.lock").exists());
    // The ledger holds only its header: the lock writes nothing into it.
    let read = read(&path).expect("read");
    assert!(read.header.is_some() && read.entries.is_empty() && read.skipped.is_empty());
}
