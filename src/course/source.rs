//! Where a course's files come from: the copy embedded in the binary, or a folder on disk.
//! Both go through one decoder, so a file that is not UTF-8 is an error with its line.

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

/// Why a file of a course could not be read as text.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file system refused (a directory, permissions, ...).
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// Not UTF-8: the 1-based line holding the first invalid byte.
    #[error("not UTF-8 (line {line})")]
    NotUtf8 {
        /// Line of the first invalid byte.
        line: usize,
    },
}

impl Source {
    /// The file's text; `Ok(None)` when it does not exist.
    pub fn read(&self, rel: &str) -> Result<Option<String>, ReadError> {
        let bytes = match self {
            Source::BuiltIn => match BUILT_IN.get_file(rel) {
                Some(f) => f.contents().to_vec(),
                None => return Ok(None),
            },
            Source::Dir(root) => match std::fs::read(root.join(rel)) {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
                Err(e) => return Err(e.into()),
            },
        };
        decode(bytes).map(Some)
    }

    /// How to name a file of this source in an error message.
    pub fn display(&self, rel: &str) -> String {
        match self {
            Source::BuiltIn => format!("lessons/{rel}"),
            Source::Dir(root) => Path::new(root).join(rel).display().to_string(),
        }
    }
}

/// UTF-8 text without a leading byte-order mark (some Windows editors add one; it is not part
/// of the first heading or key).
fn decode(mut bytes: Vec<u8>) -> Result<String, ReadError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..valid]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        ReadError::NotUtf8 { line }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_strips_a_bom_and_locates_invalid_bytes() {
        assert_eq!(
            decode(b"\xEF\xBB\xBF# T\n".to_vec()).ok(),
            Some("# T\n".into())
        );
        match decode(b"a\nb\n\xFFc".to_vec()) {
            Err(ReadError::NotUtf8 { line }) => assert_eq!(line, 3),
            other => panic!("{other:?}"),
        }
        // A character cut in half at the very end (a truncated file).
        match decode("x\né".as_bytes()[..3].to_vec()) {
            Err(ReadError::NotUtf8 { line }) => assert_eq!(line, 2),
            other => panic!("{other:?}"),
        }
    }
}
