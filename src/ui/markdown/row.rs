//! What a laid-out row is made of: segments of text tagged with a role, for a look. The layout
//! makes them, tables and wrapping shape them, the renderers read them.

use crate::doc::Flags;

/// What a segment of a row is; the styled renderer maps it to a style, the plain one ignores it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Prose.
    Text(Flags),
    /// Heading text of a level (1..=6).
    Heading(u8, Flags),
    /// A list bullet or number.
    Marker,
    /// The `│ ` in front of every line of a note.
    NoteGutter,
    /// The caller's label ("Nota") opening a note.
    NoteLabel,
    /// Rules above and below a code block.
    CodeFrame,
    /// The language in a code block's top rule (or on its own line in plain text).
    CodeLang,
    /// Code.
    CodeText,
    /// The mark in front of a code line's continuation.
    CodeWrap,
    /// Table column separators and the rule under the header.
    TableBorder,
    /// Header cell text.
    TableHead(Flags),
    /// A thematic break.
    Rule,
    /// Indentation.
    Pad,
}

/// A run of text with one role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seg {
    /// Text without control characters.
    pub text: String,
    /// What it is.
    pub role: Role,
}

/// One output line.
pub type Row = Vec<Seg>;

/// Which rendering the rows are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// Terminal UI: framed code, `•` bullets, `│` note gutter, box-drawing table borders.
    Styled,
    /// Plain text: code indented four spaces, `-` bullets, ASCII table borders, no gutters.
    Plain,
}
