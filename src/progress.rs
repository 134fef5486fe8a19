//! The learner's progress file, one per course: quiz answers, completed and skipped steps, and
//! when the learner started. Written atomically under a lock file, so two processes (the trainer
//! and a `check` in another terminal) never lose each other's writes; a file that cannot be
//! parsed (or comes from a newer version) is moved aside, never overwritten, and a fresh one
//! started.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::check::Evidence;
use crate::course::Source;
use crate::key::StepKey;

/// Current progress file format: 3 keeps, with each completion, the evidence that proved it;
/// 2 kept times in nanoseconds without evidence (read as is); 1 kept whole seconds (migrated).
pub const VERSION: u32 = 3;

/// What the learner has done.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    /// Format version.
    pub version: u32,
    /// When the learner first ran pracdocker with this course (nanoseconds since the epoch):
    /// the beginning of the course's first step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<i64>,
    /// Quiz answers by step, 1-based.
    #[serde(default)]
    pub answers: BTreeMap<StepKey, u8>,
    /// Completion time (nanoseconds since the epoch) by step: the instant of the evidence that
    /// made all its checks pass, or when the learner confirmed a reading step.
    #[serde(default)]
    pub completed: BTreeMap<StepKey, i64>,
    /// When the learner skipped an optional step.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub skipped: BTreeMap<StepKey, i64>,
    /// What the trainer saw when each step passed (image and container ids, the event's time,
    /// the log line's container, the file): so a grader can still tell the step was done after
    /// the course has undone its state.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub evidence: BTreeMap<StepKey, Vec<Evidence>>,
}

/// Progress I/O errors.
#[derive(Debug, thiserror::Error)]
pub enum ProgressError {
    /// Reading or writing failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not a progress file this build can read.
    #[error("{path}: {detail}")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What the parser said.
        detail: String,
    },
}

/// What loading found.
#[derive(Debug)]
pub struct Loaded {
    /// The progress (fresh when the file was missing or corrupt).
    pub progress: Progress,
    /// Where a corrupt file was moved, if one was.
    pub set_aside: Option<PathBuf>,
}

/// Where a course's progress lives: `$PRACDOCKER_PROGRESS`, else the user's data dir, one file
/// per course (the built-in course, or a course folder named by a hash of its path).
pub fn default_path(source: &Source) -> PathBuf {
    if let Some(p) = std::env::var_os("PRACDOCKER_PROGRESS") {
        return PathBuf::from(p);
    }
    let dir = dirs::data_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("pracdocker");
    match source {
        Source::BuiltIn => dir.join("progress.json"),
        Source::Dir(d) => {
            use sha2::Digest;
            let abs = std::fs::canonicalize(d).unwrap_or_else(|_| d.clone());
            let hash = sha2::Sha256::digest(abs.to_string_lossy().as_bytes());
            let hex: String = hash.iter().take(8).map(|b| format!("{b:02x}")).collect();
            dir.join(format!("progress-{hex}.json"))
        }
    }
}

/// Reads progress without touching the file: a missing file is a fresh start, a corrupt one an
/// error (for readers such as `check`, which must never move it).
pub fn read(path: &Path) -> Result<Progress, ProgressError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(fresh()),
        Err(source) => {
            return Err(ProgressError::Io {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    let corrupt = |detail: String| ProgressError::Corrupt {
        path: path.to_path_buf(),
        detail,
    };
    match serde_json::from_str::<Progress>(&text) {
        Ok(p) if p.version == VERSION => Ok(p),
        Ok(mut p) if p.version == 2 => {
            p.version = VERSION;
            Ok(p)
        }
        Ok(p) if p.version == 1 => Ok(from_v1(p)),
        Ok(p) => Err(corrupt(format!("version {}", p.version))),
        Err(e) => Err(corrupt(e.to_string())),
    }
}

/// Version 1 counted whole seconds.
fn from_v1(mut p: Progress) -> Progress {
    use crate::clock::from_secs;
    p.version = VERSION;
    p.started = p.started.map(from_secs);
    p.completed.values_mut().for_each(|t| *t = from_secs(*t));
    p.skipped.values_mut().for_each(|t| *t = from_secs(*t));
    p
}

/// Loads progress for writing; a corrupt file is renamed to `<name>.corrupt-<unix time>` and
/// reported.
pub fn load(path: &Path) -> Result<Loaded, ProgressError> {
    let io = |source| ProgressError::Io {
        path: path.to_path_buf(),
        source,
    };
    match read(path) {
        Ok(progress) => Ok(Loaded {
            progress,
            set_aside: None,
        }),
        Err(e @ ProgressError::Io { .. }) => Err(e),
        Err(ProgressError::Corrupt { .. }) => {
            let stamp = time::OffsetDateTime::now_utc().unix_timestamp();
            let mut aside = path.as_os_str().to_owned();
            aside.push(format!(".corrupt-{stamp}"));
            let aside = PathBuf::from(aside);
            std::fs::rename(path, &aside).map_err(io)?;
            Ok(Loaded {
                progress: fresh(),
                set_aside: Some(aside),
            })
        }
    }
}

/// Writes progress atomically (temporary file in the same folder, then rename).
pub fn save(path: &Path, progress: &Progress) -> Result<(), ProgressError> {
    let io = |source| ProgressError::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io)?;
    let json = serde_json::to_string_pretty(progress).map_err(|e| io(std::io::Error::other(e)))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    std::io::Write::write_all(&mut tmp, json.as_bytes()).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// Read-modify-write under an exclusive lock on `<path>.lock`: loads (moving a corrupt file
/// aside), applies `change`, saves atomically. Returns the saved progress and where a corrupt
/// file went, if one was moved.
pub fn update(
    path: &Path,
    change: impl FnOnce(&mut Progress),
) -> Result<(Progress, Option<PathBuf>), ProgressError> {
    let io = |source| ProgressError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let mut lock_path = path.as_os_str().to_owned();
    lock_path.push(".lock");
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(PathBuf::from(lock_path))
        .map_err(io)?;
    lock.lock().map_err(io)?;
    let mut loaded = load(path)?;
    change(&mut loaded.progress);
    save(path, &loaded.progress)?;
    drop(lock);
    Ok((loaded.progress, loaded.set_aside))
}

fn fresh() -> Progress {
    Progress {
        version: VERSION,
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_keeps_a_corrupt_file_aside() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sub/progress.json");
        let loaded = load(&path).expect("missing is fine");
        assert_eq!(loaded.progress.version, VERSION);
        let mut p = loaded.progress;
        p.answers.insert(StepKey::new("01", "quiz"), 2);
        save(&path, &p).expect("save");
        assert_eq!(load(&path).expect("load").progress, p);

        std::fs::write(&path, "{ not json").expect("write");
        let loaded = load(&path).expect("corrupt is handled");
        let aside = loaded.set_aside.expect("moved aside");
        assert_eq!(std::fs::read_to_string(&aside).expect("kept"), "{ not json");
        assert!(!path.exists(), "never overwritten in place");
        assert!(loaded.progress.answers.is_empty());
    }

    #[test]
    fn concurrent_updates_lose_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("progress.json");
        std::thread::scope(|s| {
            for t in 0..4 {
                let path = &path;
                s.spawn(move || {
                    for i in 0..10 {
                        update(path, |p| {
                            p.answers
                                .insert(StepKey::new(&format!("l{t}"), &format!("s{i}")), 1);
                        })
                        .expect("update");
                    }
                });
            }
        });
        assert_eq!(read(&path).expect("read").answers.len(), 40);
    }

    #[test]
    fn a_version_1_file_is_read_in_nanoseconds_and_written_as_the_current_version() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("progress.json");
        let v1 = r#"{"version": 1, "started": 100, "answers": {"01/q": 2},
            "completed": {"01/a": 105}, "skipped": {"01/b": 107}}"#;
        std::fs::write(&path, v1).expect("write");
        let p = read(&path).expect("a version 1 file is readable");
        assert_eq!(p.version, VERSION);
        assert_eq!(p.started, Some(100_000_000_000));
        assert_eq!(
            p.completed.get(&StepKey::new("01", "a")),
            Some(&105_000_000_000)
        );
        assert_eq!(
            p.skipped.get(&StepKey::new("01", "b")),
            Some(&107_000_000_000)
        );
        assert_eq!(p.answers.get(&StepKey::new("01", "q")), Some(&2));
        let (saved, aside) = update(&path, |_| {}).expect("update");
        assert!(aside.is_none(), "migrated, not set aside");
        assert_eq!(saved, p);
        let text = std::fs::read_to_string(&path).expect("written");
        assert!(text.contains(&format!("\"version\": {VERSION}")), "{text}");
    }

    #[test]
    fn a_newer_version_is_kept_aside() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("progress.json");
        std::fs::write(&path, r#"{"version": 99, "answers": {}}"#).expect("write");
        assert!(matches!(read(&path), Err(ProgressError::Corrupt { .. })));
        let (p, aside) = update(&path, |_| {}).expect("update");
        assert_eq!(p.version, VERSION);
        let aside = aside.expect("moved aside");
        assert!(std::fs::read_to_string(aside).expect("kept").contains("99"));
    }
}
