//! The learner's progress file: quiz answers and completed steps. Written atomically; a file
//! that cannot be parsed is moved aside (never overwritten) and a fresh one started.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Current progress file format.
pub const VERSION: u32 = 1;

/// What the learner has done.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    /// Format version.
    pub version: u32,
    /// Quiz answers by `lesson/step`, 1-based.
    #[serde(default)]
    pub answers: BTreeMap<String, u8>,
    /// Completion time (seconds since the epoch) by `lesson/step`.
    #[serde(default)]
    pub completed: BTreeMap<String, i64>,
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

/// The default location: `$PRACDOCKER_PROGRESS`, else the user's data dir.
pub fn default_path() -> PathBuf {
    if let Some(p) = std::env::var_os("PRACDOCKER_PROGRESS") {
        return PathBuf::from(p);
    }
    dirs::data_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("pracdocker")
        .join("progress.json")
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
        Ok(p) => Err(corrupt(format!("version {}", p.version))),
        Err(e) => Err(corrupt(e.to_string())),
    }
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
        p.answers.insert("01/quiz".into(), 2);
        save(&path, &p).expect("save");
        assert_eq!(load(&path).expect("load").progress, p);

        std::fs::write(&path, "{ not json").expect("write");
        let loaded = load(&path).expect("corrupt is handled");
        let aside = loaded.set_aside.expect("moved aside");
        assert_eq!(std::fs::read_to_string(&aside).expect("kept"), "{ not json");
        assert!(!path.exists(), "never overwritten in place");
        assert!(loaded.progress.answers.is_empty());
    }
}
