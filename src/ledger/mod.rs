//! The verdict ledger: an append-only file of JSON lines, one per verdict change the grader saw
//! (learner, step, check, status, evidence, and when), so a class keeps the evidence the daemon
//! forgets. This module owns the format and reading it back; [`append`] writes, [`replay`]
//! rebuilds the class as it stood at a time. A torn line (a crash mid-write) is skipped with a
//! warning, never fatal; nothing here talks to a daemon.

pub mod append;
mod columns;
pub mod replay;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::check::Evidence;
use crate::check::Status;

pub use append::Writer;

/// The format version the header line carries. Readers refuse a newer one.
pub const FORMAT_VERSION: u32 = 1;

/// The first line of every ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// [`FORMAT_VERSION`] when written.
    pub pracdocker_ledger: u32,
    /// When the ledger was started (RFC 3339, UTC).
    pub created: String,
    /// `pracdocker <version>` that started it.
    pub tool: String,
}

impl Header {
    /// A header stamped now.
    pub fn new() -> Header {
        Header {
            pracdocker_ledger: FORMAT_VERSION,
            created: crate::clock::rfc3339(crate::clock::now()),
            tool: format!("pracdocker {}", env!("CARGO_PKG_VERSION")),
        }
    }
}

impl Default for Header {
    fn default() -> Self {
        Header::new()
    }
}

/// Whose clock `at` was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Clock {
    /// The daemon's own event time: the verdict came from an event.
    Daemon,
    /// The grader's, when it saw the verdict.
    Grader,
}

/// One verdict change: one check of one learner's step. Serialized with `ts` first, which lets a
/// reader find a whole line glued after a torn one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The grader's time when it saw this verdict (RFC 3339, UTC, nanoseconds).
    pub ts: String,
    /// Since when the verdict holds: the daemon's event time when an event proved it, else `ts`.
    pub at: String,
    /// Whose clock `at` is.
    pub clock: Clock,
    /// The roster's name (a single grade: the daemon's host name); with `host`, who this is.
    pub learner: String,
    /// The roster's other columns (student id, e-mail...), in roster order.
    #[serde(default, skip_serializing_if = "Vec::is_empty", with = "columns")]
    pub roster: Vec<(String, String)>,
    /// The Docker host as written.
    pub host: String,
    /// Lesson id.
    pub lesson: String,
    /// Step id.
    pub step: String,
    /// The check's position in the step (from 0), with its kind and target to tell a changed
    /// course apart.
    pub check: usize,
    /// `image`, `container`...
    pub kind: String,
    /// What the check looks at.
    pub target: String,
    /// `passed`, `failed` or `unknown`.
    pub status: Status,
    /// Why it failed or could not be verified, as in the JSON report (`{"id": ..., fields}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<serde_json::Value>,
    /// What proved a pass (ids and names, never a secret).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

impl Entry {
    /// `at` in nanoseconds since the epoch (0 when unreadable, which sorts it first).
    pub fn at_ns(&self) -> i64 {
        crate::clock::parse_rfc3339(&self.at).unwrap_or(0)
    }

    /// `ts` in nanoseconds since the epoch.
    pub fn ts_ns(&self) -> i64 {
        crate::clock::parse_rfc3339(&self.ts).unwrap_or(0)
    }
}

/// A line that could not be read and was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Its line number, from 1.
    pub line: usize,
    /// True for the last line without its line end: a write cut short by a crash.
    pub torn: bool,
}

/// A ledger as read.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    /// Its header, when the file has one yet.
    pub header: Option<Header>,
    /// Every verdict change, in file order.
    pub entries: Vec<Entry>,
    /// Lines skipped.
    pub skipped: Vec<Skipped>,
    /// False when the last byte is not a line end (a torn tail the next append must not extend).
    pub ends_clean: bool,
}

/// Why a ledger cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    /// Reading, creating or appending failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The first line is not a ledger header.
    #[error("{path}: not a pracdocker ledger (its first line is no ledger header)")]
    NotALedger {
        /// The file.
        path: PathBuf,
    },
    /// Written by a newer pracdocker.
    #[error("{path}: ledger format {found}, this pracdocker reads up to {supported}")]
    Version {
        /// The file.
        path: PathBuf,
        /// Its version.
        found: u32,
        /// Ours.
        supported: u32,
    },
    /// The system took only part of a line: the rest would be a torn line.
    #[error("{path}: only {written} of {len} bytes of a line were written")]
    Short {
        /// The file.
        path: PathBuf,
        /// Bytes written.
        written: usize,
        /// Bytes of the line.
        len: usize,
    },
}

impl LedgerError {
    fn io(path: &Path, source: std::io::Error) -> LedgerError {
        LedgerError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Reads a ledger; a missing file is an error (see [`read_or_empty`]).
pub fn read(path: &Path) -> Result<Ledger, LedgerError> {
    let bytes = std::fs::read(path).map_err(|e| LedgerError::io(path, e))?;
    parse(&bytes, path)
}

/// Reads a ledger, or an empty one when the file does not exist yet.
pub fn read_or_empty(path: &Path) -> Result<Ledger, LedgerError> {
    match std::fs::read(path) {
        Ok(bytes) => parse(&bytes, path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Ledger {
            ends_clean: true,
            ..Ledger::default()
        }),
        Err(e) => Err(LedgerError::io(path, e)),
    }
}

/// The marker a serialized [`Entry`] starts with.
const ENTRY_START: &str = "{\"ts\":";

/// Parses a ledger's bytes (`path` only names it in errors).
pub fn parse(bytes: &[u8], path: &Path) -> Result<Ledger, LedgerError> {
    let ends_clean = bytes.last().is_none_or(|b| *b == b'\n');
    let mut ledger = Ledger {
        ends_clean,
        ..Ledger::default()
    };
    let lines: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
    let last = lines.len().saturating_sub(1);
    for (i, raw) in lines.iter().enumerate() {
        let torn = i == last && !ends_clean;
        let text = String::from_utf8_lossy(raw);
        let text = text.trim_end_matches('\r');
        if text.trim().is_empty() {
            continue;
        }
        if ledger.header.is_none() && ledger.entries.is_empty() {
            match serde_json::from_str::<Header>(text) {
                Ok(h) if h.pracdocker_ledger > FORMAT_VERSION => {
                    return Err(LedgerError::Version {
                        path: path.to_path_buf(),
                        found: h.pracdocker_ledger,
                        supported: FORMAT_VERSION,
                    })
                }
                Ok(h) => {
                    ledger.header = Some(h);
                    continue;
                }
                // A header cut short by a crash: the file is a ledger without entries yet.
                Err(_) if torn && text.starts_with("{\"pracdocker_ledger\"") => {
                    ledger.skipped.push(Skipped { line: i + 1, torn });
                    continue;
                }
                Err(_) => {
                    return Err(LedgerError::NotALedger {
                        path: path.to_path_buf(),
                    })
                }
            }
        }
        if let Ok(e) = serde_json::from_str::<Entry>(text) {
            ledger.entries.push(e);
            continue;
        }
        // A second grader's header (two started the file at once): nothing to report.
        if serde_json::from_str::<Header>(text).is_ok_and(|h| h.pracdocker_ledger <= FORMAT_VERSION)
        {
            continue;
        }
        ledger.skipped.push(Skipped { line: i + 1, torn });
        // A whole line glued after a torn one (a crash, then an appender that did not know).
        if let Some(e) = text
            .rfind(ENTRY_START)
            .filter(|p| *p > 0)
            .and_then(|p| serde_json::from_str::<Entry>(&text[p..]).ok())
        {
            ledger.entries.push(e);
        }
    }
    Ok(ledger)
}

#[cfg(test)]
mod tests;
