//! The ledger with real files: round trip, a torn last line, two appenders at once, the lock
//! file; the class as of several times and late steps are in `as_of.rs`.

use std::collections::BTreeMap;
use std::time::Duration;

use super::*;
use crate::check::{CheckResult, Evidence, StepResult};
use crate::check::{Outcome, Reason, Status, Unverifiable};
use crate::course::Course;
use crate::grade::Graded;
use crate::key::StepKey;

mod as_of;

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
