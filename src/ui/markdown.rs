//! A step's Markdown for the terminal: parse once into a [`Document`], then render it for a
//! width as ratatui lines, with the rows of every code block so the UI can select and copy one.
//! Pure: no terminal I/O, no user-facing words (the caller gives the note label).

mod layout;
mod row;
mod table;
mod wrap;

use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};

pub use crate::doc::{Align, Block, CodeBlock, Document, Flags, Inlines, Piece};
pub use layout::{CODE_GUTTER, CODE_WRAP_GUTTER};
pub use wrap::width;

/// Plain text broken at spaces into rows of at most `width` cells, with the same line breaking as
/// the lessons' prose (a word longer than a row is cut between graphemes; line ends read as
/// spaces; control characters dropped). Empty text is one empty row.
pub fn wrap_plain(text: &str, width: usize) -> Vec<String> {
    let seg = row::Seg {
        text: crate::doc::clean(text),
        role: Role::Text(Flags::default()),
    };
    let mut rows: Vec<String> = wrap::wrap(&[seg], Some(width.max(1)))
        .into_iter()
        .map(|row| row.into_iter().map(|s| s.text).collect())
        .collect();
    if rows.is_empty() {
        rows.push(String::new());
    }
    rows
}

pub(crate) use layout::layout as lay_out;
pub(crate) use row::{Look, Role, Row};

use crate::ui::theme::Theme;

/// How to render.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions<'a> {
    /// Width in terminal cells; 0 is treated as 1.
    pub width: u16,
    /// Word opening a note (block quote), e.g. "Nota"; not repeated when the note already starts
    /// with it followed by a colon. Empty: no label.
    pub note_label: &'a str,
    /// Code block (index into [`Rendered::code_blocks`]) drawn with the selection style.
    pub selected_code: Option<usize>,
}

/// Rendered lines and where the code blocks are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rendered {
    /// One entry per terminal row, none wider than the width (except where a single character
    /// is wider than the room left by deep nesting).
    pub lines: Vec<Line<'static>>,
    /// The code blocks in reading order.
    pub code_blocks: Vec<CodeBlockLines>,
}

/// A code block and the lines it occupies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeBlockLines {
    /// Language of the fence, if any.
    pub lang: Option<String>,
    /// The code as written (what to copy or type), without the final newline.
    pub text: String,
    /// Index in [`Rendered::lines`] of the top rule.
    pub first_line: usize,
    /// Index in [`Rendered::lines`] of the bottom rule.
    pub last_line: usize,
}

impl Rendered {
    /// The lines as a ratatui `Text`, e.g. for a `Paragraph` (which must not wrap them again).
    pub fn into_text(self) -> Text<'static> {
        Text::from(self.lines)
    }
}

/// Renders a document for a width with the theme's styles. Cheap enough for every width change,
/// but not meant for every frame: keep the result until the width, selection or step changes.
pub fn render(doc: &Document, theme: &Theme, opts: &RenderOptions<'_>) -> Rendered {
    let width = usize::from(opts.width.max(1));
    let lay = lay_out(doc, Some(width), Look::Styled, opts.note_label);
    let selected = opts
        .selected_code
        .and_then(|i| lay.code_rows.get(i))
        .copied();
    let lines = lay
        .rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let in_selection = selected.is_some_and(|(a, b)| (a..=b).contains(&i));
            to_line(row, theme, in_selection)
        })
        .collect();
    let code_blocks = doc
        .code_blocks()
        .into_iter()
        .zip(lay.code_rows)
        .map(|(c, (first_line, last_line))| CodeBlockLines {
            lang: c.lang.clone(),
            text: c.text.clone(),
            first_line,
            last_line,
        })
        .collect();
    Rendered { lines, code_blocks }
}

fn to_line(row: Row, theme: &Theme, selected: bool) -> Line<'static> {
    let spans: Vec<Span<'static>> = row
        .into_iter()
        .map(|seg| {
            let mut style = style_of(seg.role, theme);
            let frame = matches!(seg.role, Role::CodeFrame | Role::CodeWrap | Role::CodeLang);
            if selected && frame {
                style = style.patch(theme.selection);
            }
            Span::styled(seg.text, style)
        })
        .collect();
    Line::from(spans)
}

/// The style of a role.
pub(crate) fn style_of(role: Role, theme: &Theme) -> Style {
    match role {
        Role::Text(f) => inline(theme.text, f, theme),
        Role::Heading(level, f) => inline(theme.heading(level), f, theme),
        Role::TableHead(f) => inline(theme.table_header, f, theme),
        Role::Marker => theme.bullet,
        Role::NoteGutter => theme.note_gutter,
        Role::NoteLabel => theme.note_label,
        Role::CodeFrame | Role::CodeWrap => theme.code_frame,
        Role::CodeLang => theme.code_lang,
        Role::CodeText => theme.code_block,
        Role::TableBorder => theme.table_border,
        Role::Rule => theme.rule,
        Role::Pad => theme.text,
    }
}

fn inline(base: Style, f: Flags, theme: &Theme) -> Style {
    let mut s = base;
    for (on, add) in [
        (f.strong, theme.strong),
        (f.emph, theme.emphasis),
        (f.strike, theme.strikethrough),
        (f.code, theme.code_inline),
        (f.link, theme.link),
        (f.target, theme.link_target),
    ] {
        if on {
            s = s.patch(add);
        }
    }
    s
}

#[cfg(test)]
mod tests;
