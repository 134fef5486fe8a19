//! The model of a lesson's Markdown: blocks holding styled inline pieces. It holds no ratatui
//! types and no widths; the terminal's layout (`ui::markdown`) turns it into rows.

/// Inline emphasis of a piece of text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Flags {
    /// `**strong**`.
    pub strong: bool,
    /// `*emphasis*`.
    pub emph: bool,
    /// `~~strikethrough~~`.
    pub strike: bool,
    /// `` `inline code` ``.
    pub code: bool,
    /// The text of a link.
    pub link: bool,
    /// The ` (url)` shown after a link's text.
    pub target: bool,
}

/// A run of text with one emphasis. A piece whose text is `"\n"` is a hard line break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Text without control characters.
    pub text: String,
    /// Emphasis.
    pub flags: Flags,
}

/// Inline content of a paragraph, heading or table cell.
pub type Inlines = Vec<Piece>;

/// Horizontal alignment of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Left (also when the author gave none).
    Left,
    /// Centered.
    Center,
    /// Right.
    Right,
}

/// A fenced or indented code block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeBlock {
    /// First word of the fence's info string (`bash` in "```bash"), if any.
    pub lang: Option<String>,
    /// The code exactly as written, without the final newline: what gets copied or typed.
    pub text: String,
}

/// One block of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// `#`..`######`.
    Heading {
        /// 1..=6.
        level: u8,
        /// Heading text (the `{#id}` attribute already removed).
        text: Inlines,
    },
    /// A paragraph (also the text of a tight list item).
    Paragraph(Inlines),
    /// A code block.
    Code(CodeBlock),
    /// A bulleted (`start == None`) or ordered list.
    List {
        /// Number of the first item of an ordered list.
        start: Option<u64>,
        /// No blank lines between items.
        tight: bool,
        /// Each item's blocks.
        items: Vec<Vec<Block>>,
    },
    /// A block quote, shown as a note.
    Note(Vec<Block>),
    /// A table.
    Table {
        /// Per column.
        aligns: Vec<Align>,
        /// Header cells.
        head: Vec<Inlines>,
        /// Body rows.
        rows: Vec<Vec<Inlines>>,
    },
    /// `---`.
    Rule,
}

/// A parsed Markdown document, ready to lay out at any width.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// Top-level blocks in order.
    pub blocks: Vec<Block>,
}

impl Document {
    /// The code blocks in reading order (the order `layout` reports their rows in).
    pub fn code_blocks(&self) -> Vec<&CodeBlock> {
        fn walk<'a>(blocks: &'a [Block], out: &mut Vec<&'a CodeBlock>) {
            for b in blocks {
                match b {
                    Block::Code(c) => out.push(c),
                    Block::List { items, .. } => items.iter().for_each(|i| walk(i, out)),
                    Block::Note(inner) => walk(inner, out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.blocks, &mut out);
        out
    }
}

/// Plain text of inline content (hard breaks as spaces).
pub fn plain_text(inl: &[Piece]) -> String {
    inl.iter()
        .map(|p| if p.text == "\n" { " " } else { p.text.as_str() })
        .collect()
}

/// Replaces tabs and line ends with spaces and drops other control characters (escape codes in
/// a lesson must never reach the terminal).
pub fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}
