//! Builds the render model from pulldown-cmark events: a stack of open containers, the inline
//! run being filled, and the emphasis and link state. Anything unexpected degrades to text.

use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::model::{clean, plain_text, Align, Block, CodeBlock, Document, Flags, Inlines, Piece};

impl Document {
    /// Parses Markdown with the same extensions the course loader uses (heading ids, tables,
    /// strikethrough). Never fails: anything unknown degrades to text.
    pub fn parse(markdown: &str) -> Document {
        parse(markdown)
    }
}

fn parse(markdown: &str) -> Document {
    let opts =
        Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut b = Builder::default();
    for ev in Parser::new_ext(markdown, opts) {
        b.event(ev);
    }
    b.finish()
}

/// Open containers (quotes, lists, items) kept as such; deeper ones give their content to the
/// container around them. Nesting costs stack in every walk over the model (layout, clone, drop),
/// and a lesson's Markdown is read at load: a thousand `>` must not crash the trainer.
const MAX_NESTING: usize = 24;

/// A container being filled.
enum Frame {
    Quote(Vec<Block>),
    Item(Vec<Block>),
    List {
        start: Option<u64>,
        tight: bool,
        items: Vec<Vec<Block>>,
    },
}

enum InlineKind {
    Paragraph,
    Heading(u8),
    Cell,
}

#[derive(Default)]
struct TableBuild {
    aligns: Vec<Align>,
    head: Vec<Inlines>,
    rows: Vec<Vec<Inlines>>,
    row: Vec<Inlines>,
}

#[derive(Default)]
struct Builder {
    frames: Vec<Frame>,
    inline: Option<(InlineKind, Inlines)>,
    code: Option<CodeBlock>,
    table: Option<TableBuild>,
    strong: u32,
    emph: u32,
    strike: u32,
    links: Vec<(String, usize)>,
    /// Top-level blocks; `frames` holds the open containers above them.
    root: Vec<Block>,
    /// Per container start not yet ended: whether it opened a frame (false: flattened).
    containers: Vec<bool>,
}

impl Builder {
    fn flags(&self) -> Flags {
        Flags {
            strong: self.strong > 0,
            emph: self.emph > 0,
            strike: self.strike > 0,
            link: !self.links.is_empty(),
            ..Flags::default()
        }
    }

    fn blocks_mut(&mut self) -> &mut Vec<Block> {
        match self.frames.last_mut() {
            None => &mut self.root,
            Some(Frame::Quote(v) | Frame::Item(v)) => v,
            Some(Frame::List { items, .. }) => {
                // Content directly in a list (pulldown-cmark never does this): give it an item.
                if items.is_empty() {
                    items.push(Vec::new());
                }
                let last = items.len() - 1;
                &mut items[last]
            }
        }
    }

    fn push_block(&mut self, block: Block) {
        self.blocks_mut().push(block);
    }

    /// Ends the open paragraph, heading or cell.
    fn flush(&mut self) {
        let Some((kind, inl)) = self.inline.take() else {
            return;
        };
        match kind {
            InlineKind::Paragraph if !inl.is_empty() => self.push_block(Block::Paragraph(inl)),
            InlineKind::Paragraph => {}
            InlineKind::Heading(level) => self.push_block(Block::Heading { level, text: inl }),
            InlineKind::Cell => {
                if let Some(t) = self.table.as_mut() {
                    t.row.push(inl);
                }
            }
        }
    }

    fn piece(&mut self, text: String, flags: Flags) {
        if text.is_empty() {
            return;
        }
        let inl = &mut self
            .inline
            .get_or_insert((InlineKind::Paragraph, Vec::new()))
            .1;
        match inl.last_mut() {
            Some(last) if last.flags == flags && last.text != "\n" && text != "\n" => {
                last.text.push_str(&text)
            }
            _ => inl.push(Piece { text, flags }),
        }
    }

    fn text(&mut self, t: &str) {
        if let Some(code) = self.code.as_mut() {
            code.text.push_str(t);
        } else {
            let flags = self.flags();
            self.piece(clean(t), flags);
        }
    }

    fn open(&mut self, frame: Frame) {
        self.flush();
        let kept = self.frames.len() < MAX_NESTING;
        if kept {
            self.frames.push(frame);
        }
        self.containers.push(kept);
    }

    /// The end of a container that was flattened: its content already went to the parent.
    fn flattened_end(&mut self) -> bool {
        if self.containers.pop() == Some(false) {
            self.flush();
            return true;
        }
        false
    }

    fn close(&mut self) -> Option<Frame> {
        self.flush();
        self.frames.pop()
    }

    fn event(&mut self, ev: Event<'_>) {
        match ev {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t),
            Event::Code(t) => {
                let flags = Flags {
                    code: true,
                    ..self.flags()
                };
                self.piece(clean(&t), flags);
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t),
            Event::Html(t) | Event::InlineHtml(t) => {
                if !t.trim_start().starts_with("<!--") {
                    self.text(&t);
                }
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.piece("\n".into(), Flags::default()),
            Event::Rule => {
                self.flush();
                self.push_block(Block::Rule);
            }
            Event::FootnoteReference(name) => self.text(&format!("[{name}]")),
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                self.flush();
                self.mark_loose();
                self.inline = Some((InlineKind::Paragraph, Vec::new()));
            }
            Tag::Heading { level, .. } => {
                self.flush();
                self.inline = Some((InlineKind::Heading(level_number(level)), Vec::new()));
            }
            Tag::BlockQuote(_) => self.open(Frame::Quote(Vec::new())),
            Tag::CodeBlock(kind) => {
                self.flush();
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split_whitespace()
                        .next()
                        .map(clean)
                        .filter(|l| !l.is_empty()),
                    CodeBlockKind::Indented => None,
                };
                self.code = Some(CodeBlock {
                    lang,
                    text: String::new(),
                });
            }
            Tag::List(start) => self.open(Frame::List {
                start,
                tight: true,
                items: Vec::new(),
            }),
            Tag::Item => self.open(Frame::Item(Vec::new())),
            Tag::Table(aligns) => {
                self.flush();
                self.table = Some(TableBuild {
                    aligns: aligns.into_iter().map(align).collect(),
                    ..TableBuild::default()
                });
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    t.row.clear();
                }
            }
            Tag::TableCell => {
                self.flush();
                self.inline = Some((InlineKind::Cell, Vec::new()));
            }
            Tag::Emphasis => self.emph += 1,
            Tag::Strong => self.strong += 1,
            Tag::Strikethrough => self.strike += 1,
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                let at = self.inline.as_ref().map_or(0, |(_, inl)| inl.len());
                self.links.push((clean(&dest_url), at));
            }
            Tag::HtmlBlock => self.flush(),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        if matches!(tag, TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item)
            && self.flattened_end()
        {
            return;
        }
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::HtmlBlock => self.flush(),
            TagEnd::BlockQuote(_) => {
                if let Some(Frame::Quote(blocks)) = self.close() {
                    self.push_block(Block::Note(blocks));
                }
            }
            TagEnd::CodeBlock => {
                if let Some(mut code) = self.code.take() {
                    if code.text.ends_with('\n') {
                        code.text.pop();
                    }
                    self.push_block(Block::Code(code));
                }
            }
            TagEnd::List(_) => {
                if let Some(Frame::List {
                    start,
                    tight,
                    items,
                }) = self.close()
                {
                    self.push_block(Block::List {
                        start,
                        tight,
                        items,
                    });
                }
            }
            TagEnd::Item => {
                if let Some(Frame::Item(blocks)) = self.close() {
                    if let Some(Frame::List { items, .. }) = self.frames.last_mut() {
                        items.push(blocks);
                    }
                }
            }
            TagEnd::TableCell => self.flush(),
            TagEnd::TableHead => {
                if let Some(t) = self.table.as_mut() {
                    t.head = std::mem::take(&mut t.row);
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                }
            }
            TagEnd::Table => {
                self.flush();
                if let Some(t) = self.table.take() {
                    self.push_block(Block::Table {
                        aligns: t.aligns,
                        head: t.head,
                        rows: t.rows,
                    });
                }
            }
            TagEnd::Emphasis => self.emph = self.emph.saturating_sub(1),
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Strikethrough => self.strike = self.strike.saturating_sub(1),
            TagEnd::Link | TagEnd::Image => self.end_link(),
            _ => {}
        }
    }

    /// Shows the target after the link text, unless it says the same or points inside the page.
    fn end_link(&mut self) {
        let Some((url, at)) = self.links.pop() else {
            return;
        };
        let shown = self
            .inline
            .as_ref()
            .map(|(_, inl)| plain_text(inl.get(at..).unwrap_or_default()))
            .unwrap_or_default();
        let same = shown == url || url.strip_prefix("mailto:") == Some(shown.as_str());
        if url.is_empty() || url.starts_with('#') || same {
            return;
        }
        let flags = Flags {
            target: true,
            ..self.flags()
        };
        let text = if shown.is_empty() {
            url
        } else {
            format!(" ({url})")
        };
        self.piece(text, flags);
    }

    /// A paragraph tag inside a list item makes the list loose (blank lines between items).
    fn mark_loose(&mut self) {
        let n = self.frames.len();
        if n >= 2 && matches!(self.frames[n - 1], Frame::Item(_)) {
            if let Frame::List { tight, .. } = &mut self.frames[n - 2] {
                *tight = false;
            }
        }
    }

    fn finish(mut self) -> Document {
        self.flush();
        if let Some(code) = self.code.take() {
            self.push_block(Block::Code(code));
        }
        // Unclosed containers cannot happen with pulldown-cmark; fold them in anyway.
        while let Some(frame) = self.frames.pop() {
            match frame {
                Frame::List {
                    start,
                    tight,
                    items,
                } => self.push_block(Block::List {
                    start,
                    tight,
                    items,
                }),
                Frame::Quote(b) | Frame::Item(b) => self.blocks_mut().extend(b),
            }
        }
        Document { blocks: self.root }
    }
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn align(a: Alignment) -> Align {
    match a {
        Alignment::Center => Align::Center,
        Alignment::Right => Align::Right,
        Alignment::None | Alignment::Left => Align::Left,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth(blocks: &[Block]) -> usize {
        blocks
            .iter()
            .map(|b| match b {
                Block::Note(inner) => 1 + depth(inner),
                Block::List { items, .. } => 1 + items.iter().map(|i| depth(i)).max().unwrap_or(0),
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn deep_nesting_is_flattened_and_keeps_its_text() {
        let md = format!("{}fondo\n\n{}- a\n", ">".repeat(5000), "  - ".repeat(50));
        let doc = Document::parse(&md);
        assert!(depth(&doc.blocks) <= MAX_NESTING, "{}", depth(&doc.blocks));
        let mut text = String::new();
        fn collect(blocks: &[Block], out: &mut String) {
            for b in blocks {
                match b {
                    Block::Paragraph(inl) => out.push_str(&plain_text(inl)),
                    Block::Note(inner) => collect(inner, out),
                    Block::List { items, .. } => items.iter().for_each(|i| collect(i, out)),
                    _ => {}
                }
            }
        }
        collect(&doc.blocks, &mut text);
        assert!(text.contains("fondo"), "{text}");
        let shallow = Document::parse("> > nota\n");
        assert_eq!(depth(&shallow.blocks), 2, "shallow nesting is kept");
    }
}
