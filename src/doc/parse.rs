//! Builds the render model from pulldown-cmark events: what each event does to the model under
//! construction (`build.rs`). Anything unexpected degrades to text.

use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::build::{Builder, Frame, InlineKind, TableBuild};
use super::model::{clean, plain_text, Align, Block, CodeBlock, Document, Flags};

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

impl Builder {
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
mod tests;
