//! Lays a [`Document`] out as rows of text segments tagged with what they are (a role), for a
//! width. Both the styled renderer and the plain one read these rows; neither re-wraps them.

use super::row::{Look, Role, Row, Seg};
use super::table;
use super::wrap::{self, push, width};
use crate::doc::{plain_text, Block, CodeBlock, Document, Flags, Inlines};

/// Rows plus where each code block landed.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// Output lines.
    pub rows: Vec<Row>,
    /// Per code block in reading order: first and last row (frames included).
    pub code_rows: Vec<(usize, usize)>,
}

/// The gutter in front of a code line and of its continuations (styled look).
pub const CODE_GUTTER: &str = "  ";
/// The gutter in front of a wrapped code line's continuation (styled look).
pub const CODE_WRAP_GUTTER: &str = "↪ ";

/// Lays out `doc`. `max`: the width in cells (`None`: never wrap; plain text only).
pub fn layout(doc: &Document, max: Option<usize>, look: Look, note_label: &str) -> Layout {
    let mut cx = Cx {
        look,
        note_label,
        max: max.map(|m| m.max(1)),
        out: Layout::default(),
        depth: 0,
    };
    let mut pfx = Prefix::default();
    cx.blocks(&doc.blocks, &mut pfx, false, None);
    cx.out
}

/// What goes in front of the rows of a container: `first` before its first row, `rest` after.
#[derive(Default, Clone)]
struct Prefix {
    first: Row,
    rest: Row,
    used: bool,
}

impl Prefix {
    fn take(&mut self) -> Row {
        if self.used {
            self.rest.clone()
        } else {
            self.used = true;
            self.first.clone()
        }
    }

    /// A nested prefix: this one's next prefix, then `first_add` on the first row and `rest_add`
    /// on the others.
    fn nest(&mut self, first_add: &[Seg], rest_add: &[Seg]) -> Prefix {
        let mut first = self.take();
        first.extend_from_slice(first_add);
        let mut rest = self.rest.clone();
        rest.extend_from_slice(rest_add);
        Prefix {
            first,
            rest,
            used: false,
        }
    }
}

struct Cx<'a> {
    look: Look,
    note_label: &'a str,
    max: Option<usize>,
    out: Layout,
    depth: usize,
}

fn seg(text: impl Into<String>, role: Role) -> Seg {
    Seg {
        text: text.into(),
        role,
    }
}

fn segs(inl: &Inlines, role: impl Fn(Flags) -> Role) -> Vec<Seg> {
    inl.iter()
        .map(|p| seg(p.text.clone(), role(p.flags)))
        .collect()
}

impl Cx<'_> {
    /// Cells left for content after a prefix (at least one, so layout always progresses).
    fn avail(&self, pfx: &Prefix) -> Option<usize> {
        self.max
            .map(|m| m.saturating_sub(wrap::row_width(&pfx.rest)).max(1))
    }

    fn emit(&mut self, pfx: &mut Prefix, content: Row) {
        let mut row = pfx.take();
        for s in content {
            push(&mut row, &s.text, s.role);
        }
        self.out.rows.push(row);
    }

    fn blank(&mut self, pfx: &Prefix) {
        let mut row = pfx.rest.clone();
        if let Some(last) = row.last_mut() {
            let trimmed = last.text.trim_end().len();
            last.text.truncate(trimmed);
        }
        row.retain(|s| !s.text.is_empty());
        self.out.rows.push(row);
    }

    /// Lays out blocks in a container; `lead` goes in front of the first paragraph (or on its
    /// own row when the first block is something else).
    fn blocks(&mut self, blocks: &[Block], pfx: &mut Prefix, tight: bool, lead: Option<Row>) {
        let mut lead = lead;
        for (i, b) in blocks.iter().enumerate() {
            if i > 0 && !tight {
                self.blank(pfx);
            }
            match (lead.take(), b) {
                (Some(l), Block::Paragraph(inl)) => {
                    let mut all = l;
                    all.extend(segs(inl, Role::Text));
                    self.wrapped(&all, pfx);
                }
                (Some(l), other) => {
                    self.emit(pfx, l);
                    self.block(other, pfx);
                }
                (None, other) => self.block(other, pfx),
            }
        }
        if let Some(l) = lead {
            self.emit(pfx, l);
        }
    }

    /// Every block gives at least one row, so a container's first prefix is never skipped.
    fn wrapped(&mut self, content: &[Seg], pfx: &mut Prefix) {
        let rows = wrap::wrap(content, self.avail(pfx));
        if rows.is_empty() {
            self.emit(pfx, Vec::new());
        }
        for row in rows {
            self.emit(pfx, row);
        }
    }

    fn block(&mut self, b: &Block, pfx: &mut Prefix) {
        match b {
            Block::Heading { level, text } => {
                let level = *level;
                self.wrapped(&segs(text, |f| Role::Heading(level, f)), pfx);
            }
            Block::Paragraph(inl) => self.wrapped(&segs(inl, Role::Text), pfx),
            Block::Code(code) => self.code(code, pfx),
            Block::List {
                start,
                tight,
                items,
            } => self.list(*start, *tight, items, pfx),
            Block::Note(inner) => self.note(inner, pfx),
            Block::Table { aligns, head, rows } => {
                let avail = self.avail(pfx);
                for row in table::layout(head, rows, aligns, avail, self.look) {
                    self.emit(pfx, row);
                }
            }
            Block::Rule => {
                let text = match (self.look, self.avail(pfx)) {
                    (Look::Styled, Some(w)) => "─".repeat(w),
                    _ => "---".to_string(),
                };
                self.emit(pfx, vec![seg(text, Role::Rule)]);
            }
        }
    }

    fn code(&mut self, code: &CodeBlock, pfx: &mut Prefix) {
        let first = self.out.rows.len();
        let lines = code.text.lines().map(code_line);
        match (self.look, self.avail(pfx)) {
            (Look::Styled, avail) => {
                let w = avail.unwrap_or(80);
                self.emit(pfx, top_rule(code.lang.as_deref(), w));
                let room = w.saturating_sub(width(CODE_GUTTER)).max(1);
                for line in lines {
                    for (i, part) in wrap::split(&line, room).into_iter().enumerate() {
                        let gutter = if i == 0 {
                            seg(CODE_GUTTER, Role::CodeFrame)
                        } else {
                            seg(CODE_WRAP_GUTTER, Role::CodeWrap)
                        };
                        self.emit(pfx, vec![gutter, seg(part, Role::CodeText)]);
                    }
                }
                self.emit(pfx, vec![seg("─".repeat(w), Role::CodeFrame)]);
            }
            (Look::Plain, _) => {
                if let Some(lang) = &code.lang {
                    self.emit(pfx, vec![seg(lang.clone(), Role::CodeLang)]);
                }
                for line in lines {
                    self.emit(pfx, vec![seg("    ", Role::Pad), seg(line, Role::CodeText)]);
                }
            }
        }
        let last = self.out.rows.len().saturating_sub(1).max(first);
        self.out.code_rows.push((first, last));
    }

    fn list(&mut self, start: Option<u64>, tight: bool, items: &[Vec<Block>], pfx: &mut Prefix) {
        let count = u64::try_from(items.len()).unwrap_or(u64::MAX);
        let number_width = start.map_or(0, |s| {
            s.saturating_add(count.saturating_sub(1)).to_string().len()
        });
        self.depth += 1;
        for (i, item) in items.iter().enumerate() {
            if i > 0 && !tight {
                self.blank(pfx);
            }
            let marker = match start {
                Some(s) => {
                    let n = s.saturating_add(u64::try_from(i).unwrap_or(u64::MAX));
                    format!("{n:>number_width$}. ")
                }
                None => self.bullet().to_string(),
            };
            let pad = " ".repeat(width(&marker));
            let mut item_pfx = pfx.nest(&[seg(marker, Role::Marker)], &[seg(pad, Role::Pad)]);
            self.blocks(item, &mut item_pfx, tight, None);
            if !item_pfx.used {
                self.emit(&mut item_pfx, Vec::new());
            }
        }
        self.depth -= 1;
    }

    fn bullet(&self) -> &'static str {
        match (self.look, self.depth) {
            (Look::Plain, _) => "- ",
            (Look::Styled, 0 | 1) => "• ",
            (Look::Styled, 2) => "◦ ",
            (Look::Styled, _) => "▪ ",
        }
    }

    fn note(&mut self, inner: &[Block], pfx: &mut Prefix) {
        let gutter: Vec<Seg> = match self.look {
            Look::Styled => vec![seg("│ ", Role::NoteGutter)],
            Look::Plain => Vec::new(),
        };
        let mut note_pfx = pfx.nest(&gutter, &gutter);
        let label = self.note_label.trim();
        let label_seg = |text: String| vec![seg(text, Role::NoteLabel)];
        let relabelled = split_label(inner, label);
        let (blocks, lead) = match &relabelled {
            // The note says "Nota:" itself: style the author's words as the label.
            Some((said, rest)) => (rest.as_slice(), Some(label_seg(said.clone()))),
            None if label.is_empty() || starts_with_label(inner, label) => (inner, None),
            None => {
                let mut lead = label_seg(format!("{label}:"));
                lead.push(seg(" ", Role::Text(Flags::default())));
                (inner, Some(lead))
            }
        };
        self.blocks(blocks, &mut note_pfx, false, lead);
        if !note_pfx.used {
            self.emit(&mut note_pfx, Vec::new());
        }
    }
}

/// True when a note's text already opens with the label and a colon (`> **Nota**: ...`).
fn starts_with_label(inner: &[Block], label: &str) -> bool {
    let Some(Block::Paragraph(inl)) = inner.first() else {
        return false;
    };
    label_end(&plain_text(inl), label).is_some()
}

/// Byte length of `label` + optional spaces + `:` at the start of `text` (case-insensitive).
fn label_end(text: &str, label: &str) -> Option<usize> {
    if label.is_empty() {
        return None;
    }
    let n = label.chars().count();
    let end = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    let head = text.get(..end)?;
    if head.to_lowercase() != label.to_lowercase() {
        return None;
    }
    let after = &text[end..];
    let colon = after.trim_start();
    colon
        .starts_with(':')
        .then(|| end + (after.len() - colon.len()) + 1)
}

/// When the note's first piece of text opens with "Label:", that prefix and the note without it.
fn split_label(inner: &[Block], label: &str) -> Option<(String, Vec<Block>)> {
    let Some(Block::Paragraph(inl)) = inner.first() else {
        return None;
    };
    let first = inl.first()?;
    let text = first.text.trim_start();
    let end = label_end(text, label)?;
    let mut blocks = inner.to_vec();
    if let Some(Block::Paragraph(inl)) = blocks.first_mut() {
        let rest = text[end..].to_string();
        if rest.trim().is_empty() {
            inl.remove(0);
        } else {
            inl[0].text = rest;
        }
    }
    Some((text[..end].to_string(), blocks))
}

/// A code line for display: tabs to four spaces, control characters dropped.
fn code_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            '\t' => out.push_str("    "),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// `── bash ───…` filling `w` cells (cut when narrower than the label).
fn top_rule(lang: Option<&str>, w: usize) -> Row {
    let Some(lang) = lang else {
        return vec![seg("─".repeat(w), Role::CodeFrame)];
    };
    let mut row = Vec::new();
    let mut left = w;
    for (text, role) in [
        ("── ", Role::CodeFrame),
        (lang, Role::CodeLang),
        (" ", Role::CodeFrame),
    ] {
        let part = wrap::truncate(text, left);
        left -= width(&part);
        push(&mut row, &part, role);
    }
    push(&mut row, &"─".repeat(left), Role::CodeFrame);
    row
}
