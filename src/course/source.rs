//! Where a course's files come from: the copy embedded in the binary, or a folder on disk.

use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

static BUILT_IN: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/lessons");

/// A read-only tree of course files addressed by `/`-separated relative paths.
#[derive(Debug, Clone)]
pub enum Source {
    /// The course compiled into the binary.
    BuiltIn,
    /// An instructor's course folder.
    Dir(PathBuf),
}

impl Source {
    /// The file's text; `Ok(None)` when it does not exist.
    pub fn read(&self, rel: &str) -> std::io::Result<Option<String>> {
        match self {
            Source::BuiltIn => Ok(BUILT_IN
                .get_file(rel)
                .map(|f| String::from_utf8_lossy(f.contents()).into_owned())),
            Source::Dir(root) => match std::fs::read_to_string(root.join(rel)) {
                Ok(t) => Ok(Some(t)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(e),
            },
        }
    }

    /// How to name a file of this source in an error message.
    pub fn display(&self, rel: &str) -> String {
        match self {
            Source::BuiltIn => format!("lessons/{rel}"),
            Source::Dir(root) => Path::new(root).join(rel).display().to_string(),
        }
    }
}
