//! Appending to a ledger: each verdict that differs from the last one the ledger holds for that
//! learner's check becomes one line, written with a single `write` on a file opened for appending
//! while holding the exclusive lock of a companion file (`<ledger>.lock`), so two graders appending
//! to one ledger never interleave their lines and a crash leaves at most one torn line at the end
//! (the next writer starts on a fresh line). `O_APPEND` alone is whole-write atomic on Linux, not
//! everywhere: under Wine two handles appending at once overwrote each other's lines. The lock is
//! on a companion file because Windows locks are mandatory: a lock on the ledger itself refuses
//! the very write it guards (seen under Wine: "Lock violation"). The companion is opened for each
//! batch of lines and closed after it, which releases the lock everywhere (Wine's `UnlockFile`
//! refuses std's whole-file range, so an explicit unlock alone would leave it held).

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::{Clock, Entry, Header, Ledger, LedgerError, Skipped};
use crate::check::{CheckResult, Evidence};
use crate::check::{Outcome, Status};
use crate::grade::Graded;

/// Learner, lesson, step, check position.
type Key = (String, String, String, usize);

/// What makes a verdict the same as before: its status, reason and evidence without its times.
/// A step not begun stays the same verdict while the learner moves from one earlier step to the
/// next: every later check changed its "complete X first" at each step done, and a learner going
/// through the course wrote each of them again at every step (555 lines for 5 steps done).
type Seen = (Status, Option<serde_json::Value>, Option<Evidence>);

/// The reason as a change is judged: without the step a not-begun reason waits for.
fn comparable(reason: Option<serde_json::Value>) -> Option<serde_json::Value> {
    match reason {
        Some(serde_json::Value::Object(mut m))
            if m.get("id").and_then(|v| v.as_str()) == Some("step-not-begun") =>
        {
            m.remove("step");
            Some(serde_json::Value::Object(m))
        }
        other => other,
    }
}

impl crate::grade::Memory for Writer {
    fn ids(&self, learner: &str) -> HashSet<String> {
        Writer::ids(self, learner)
    }

    /// A failure is kept in the writer ([`Writer::error`]) and reported when the board closes.
    fn remember(&self, graded: &Graded) {
        let _ = self.record(graded);
    }
}

/// An open ledger that appends verdict changes. Shared by every host task of a board.
#[derive(Debug)]
pub struct Writer {
    path: PathBuf,
    inner: Mutex<Inner>,
}

#[derive(Debug)]
struct Inner {
    file: File,
    last: HashMap<Key, Seen>,
    /// Per learner, every id and name a passed check's evidence held.
    ids: HashMap<String, HashSet<String>>,
    /// The file ends in a torn line: the next write starts with a line end.
    torn_tail: bool,
    /// The first append that failed (the board cannot print it; the command does, at the end).
    error: Option<String>,
}

impl Writer {
    /// Opens (or starts, with its header) the ledger at `path`, reading what it holds; also
    /// returns the lines skipped while reading, for a warning.
    pub fn open(path: &Path) -> Result<(Writer, Vec<Skipped>), LedgerError> {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| LedgerError::io(path, e))?;
        let ledger = super::read_or_empty(path)?;
        let mut inner = Inner {
            file,
            last: HashMap::new(),
            ids: HashMap::new(),
            torn_tail: !ledger.ends_clean,
            error: None,
        };
        inner.learn(&ledger);
        let writer = Writer {
            path: path.to_path_buf(),
            inner: Mutex::new(inner),
        };
        if ledger.header.is_none() {
            let line = serde_json::to_string(&Header::new()).unwrap_or_default();
            let _held = hold(&writer.path)?;
            writer.lock().append(&writer.path, &line)?;
        }
        Ok((writer, ledger.skipped))
    }

    /// Appends `g`'s verdicts that differ from the ledger's last known state for that learner
    /// (none for a host that was not graded); returns how many lines it wrote.
    pub fn record(&self, g: &Graded) -> Result<usize, LedgerError> {
        if g.problem.is_some() {
            return Ok(0);
        }
        let ts = crate::clock::now();
        let mut inner = self.lock();
        let mut held = None;
        let mut written = 0;
        for r in &g.results {
            for (i, c) in r.checks.iter().enumerate() {
                let key = (g.name.clone(), r.lesson.clone(), r.step.clone(), i);
                let seen = seen(c);
                if inner.last.get(&key) == Some(&seen) {
                    continue;
                }
                let entry = entry(g, &r.lesson, &r.step, i, c, ts);
                let line = serde_json::to_string(&entry).unwrap_or_default();
                if held.is_none() {
                    held = Some(hold(&self.path)?);
                }
                if let Err(e) = inner.append(&self.path, &line) {
                    inner.error.get_or_insert_with(|| e.to_string());
                    return Err(e);
                }
                inner.remember(&entry);
                inner.last.insert(key, seen);
                written += 1;
            }
        }
        Ok(written)
    }

    /// Every id and name that proved a pass for this learner, as the ledger holds them (image,
    /// container and network ids, event actors, `volume:NAME`, `file:PATH`).
    pub fn ids(&self, learner: &str) -> HashSet<String> {
        self.lock().ids.get(learner).cloned().unwrap_or_default()
    }

    /// The first append that failed, if any.
    pub fn error(&self) -> Option<String> {
        self.lock().error.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Inner {
    fn learn(&mut self, ledger: &Ledger) {
        for e in &ledger.entries {
            let key = (e.learner.clone(), e.lesson.clone(), e.step.clone(), e.check);
            let seen = (
                e.status,
                comparable(e.reason.clone()),
                e.evidence.as_ref().map(timeless),
            );
            self.last.insert(key, seen);
            self.remember(e);
        }
    }

    fn remember(&mut self, e: &Entry) {
        let Some(ev) = e.evidence.as_ref().filter(|_| e.status == Status::Passed) else {
            return;
        };
        let ids = self.ids.entry(e.learner.clone()).or_default();
        ids.extend(evidence_ids(ev));
    }

    /// One line, one `write`; the caller holds the companion lock ([`hold`]).
    fn append(&mut self, path: &Path, line: &str) -> Result<(), LedgerError> {
        let mut buf = String::with_capacity(line.len() + 2);
        if self.torn_tail {
            buf.push('\n');
        }
        buf.push_str(line);
        buf.push('\n');
        let written = self
            .file
            .write(buf.as_bytes())
            .map_err(|e| LedgerError::io(path, e))?;
        if written != buf.len() {
            self.torn_tail = true;
            return Err(LedgerError::Short {
                path: path.to_path_buf(),
                written,
                len: buf.len(),
            });
        }
        self.torn_tail = false;
        Ok(())
    }
}

/// The companion lock, held until the returned file is dropped (closing it releases the lock).
fn hold(ledger: &Path) -> Result<Held, LedgerError> {
    let path = lock_path(ledger);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| LedgerError::io(&path, e))?;
    file.lock().map_err(|e| LedgerError::io(&path, e))?;
    Ok(Held(file))
}

/// A held companion lock.
struct Held(File);

impl Drop for Held {
    fn drop(&mut self) {
        // Closing releases it as well; the unlock only makes the release immediate on Windows,
        // where the system may release a closed handle's locks later.
        let _ = self.0.unlock();
    }
}

/// The companion file whose lock every appender takes: the ledger's path with `.lock` added.
pub fn lock_path(ledger: &Path) -> PathBuf {
    let mut name = ledger.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// The ids and names in a piece of evidence that a later grade can look for.
pub fn evidence_ids(e: &Evidence) -> Vec<String> {
    let mut v: Vec<String> = [&e.image_id, &e.container_id, &e.network_id, &e.event_actor]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    v.extend(e.volume.iter().map(|x| format!("volume:{x}")));
    v.extend(e.file.iter().map(|x| format!("file:{x}")));
    v
}

fn timeless(e: &Evidence) -> Evidence {
    Evidence {
        at: None,
        event_time: None,
        ..e.clone()
    }
}

fn seen(c: &CheckResult) -> Seen {
    (
        c.outcome.status(),
        comparable(reason(&c.outcome)),
        c.evidence.as_ref().map(timeless),
    )
}

fn reason(o: &Outcome) -> Option<serde_json::Value> {
    match o {
        Outcome::Passed => None,
        Outcome::Failed(x) => serde_json::to_value(x).ok(),
        Outcome::Unknown(u) => serde_json::to_value(u).ok(),
    }
}

fn entry(g: &Graded, lesson: &str, step: &str, i: usize, c: &CheckResult, ts: i64) -> Entry {
    let event = c
        .evidence
        .as_ref()
        .and_then(|e| e.event_time)
        .filter(|_| c.outcome == Outcome::Passed);
    Entry {
        ts: crate::clock::rfc3339(ts),
        at: crate::clock::rfc3339(event.unwrap_or(ts)),
        clock: if event.is_some() {
            Clock::Daemon
        } else {
            Clock::Grader
        },
        learner: g.name.clone(),
        roster: g.fields.clone(),
        host: g.host.clone(),
        lesson: lesson.to_string(),
        step: step.to_string(),
        check: i,
        kind: c.check.kind().to_string(),
        target: c.check.target(),
        status: c.outcome.status(),
        reason: reason(&c.outcome),
        evidence: c.evidence.clone(),
    }
}
