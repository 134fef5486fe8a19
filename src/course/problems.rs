//! Where the problems a lint finds are collected, each with its file and line, and how a TOML
//! file's byte spans become lines. It reads files through the [`Source`] and judges nothing.

use toml::Spanned;

use super::lint::{Lines, LintError, Problem};
use super::source::ReadError;
use super::Source;

/// The problems found so far, and the source that names their files.
pub(super) struct Errors<'a> {
    src: &'a Source,
    list: Vec<LintError>,
}

impl<'a> Errors<'a> {
    pub(super) fn new(src: &'a Source) -> Errors<'a> {
        Errors {
            src,
            list: Vec::new(),
        }
    }

    /// Every problem recorded, in the order found.
    pub(super) fn into_list(self) -> Vec<LintError> {
        self.list
    }

    pub(super) fn push(&mut self, rel: &str, line: usize, problem: Problem) {
        self.list.push(LintError {
            file: self.src.display(rel),
            line,
            problem,
        });
    }

    /// The file's text, or a problem recorded.
    pub(super) fn read(&mut self, rel: &str) -> Option<String> {
        match self.src.read(rel) {
            Ok(Some(t)) => Some(t),
            Ok(None) => {
                self.push(rel, 1, Problem::FileMissing);
                None
            }
            Err(ReadError::NotUtf8 { line }) => {
                self.push(rel, line, Problem::NotUtf8);
                None
            }
            Err(ReadError::Io(e)) => {
                self.push(
                    rel,
                    1,
                    Problem::Unreadable {
                        error: e.to_string(),
                    },
                );
                None
            }
        }
    }

    /// The parsed file, or a problem recorded at the line the TOML parser points to.
    pub(super) fn toml<T: serde::de::DeserializeOwned>(
        &mut self,
        toml: &TomlText,
        text: &str,
    ) -> Option<T> {
        match toml::from_str::<T>(text) {
            Ok(v) => Some(v),
            Err(e) => {
                let line = e.span().map_or(1, |s| toml.lines.line(s.start));
                let error = e.message().trim().to_string();
                self.push(&toml.rel, line, Problem::Toml { error });
                None
            }
        }
    }
}

/// A TOML file's name and line index: turns the byte spans serde hands back into lines.
pub(super) struct TomlText {
    pub(super) rel: String,
    lines: Lines,
}

impl TomlText {
    pub(super) fn new(rel: &str, text: &str) -> TomlText {
        TomlText {
            rel: rel.to_string(),
            lines: Lines::new(text),
        }
    }

    /// The 1-based line where a value starts.
    pub(super) fn line<T>(&self, value: &Spanned<T>) -> usize {
        self.lines.line(value.span().start)
    }
}
