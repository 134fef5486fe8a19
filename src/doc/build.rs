//! The render model under construction: the open containers (quotes, lists, items), the inline
//! run being filled and the emphasis state, with the moves `parse.rs` makes on them.

use super::model::{clean, Align, Block, CodeBlock, Document, Flags, Inlines, Piece};

/// Open containers (quotes, lists, items) kept as such; deeper ones give their content to the
/// container around them. Nesting costs stack in every walk over the model (layout, clone, drop),
/// and a lesson's Markdown is read at load: a thousand `>` must not crash the trainer.
pub(super) const MAX_NESTING: usize = 24;

/// A container being filled.
pub(super) enum Frame {
    Quote(Vec<Block>),
    Item(Vec<Block>),
    List {
        start: Option<u64>,
        tight: bool,
        items: Vec<Vec<Block>>,
    },
}

pub(super) enum InlineKind {
    Paragraph,
    Heading(u8),
    Cell,
}

#[derive(Default)]
pub(super) struct TableBuild {
    pub(super) aligns: Vec<Align>,
    pub(super) head: Vec<Inlines>,
    pub(super) rows: Vec<Vec<Inlines>>,
    pub(super) row: Vec<Inlines>,
}

#[derive(Default)]
pub(super) struct Builder {
    pub(super) frames: Vec<Frame>,
    pub(super) inline: Option<(InlineKind, Inlines)>,
    pub(super) code: Option<CodeBlock>,
    pub(super) table: Option<TableBuild>,
    pub(super) strong: u32,
    pub(super) emph: u32,
    pub(super) strike: u32,
    pub(super) links: Vec<(String, usize)>,
    /// Top-level blocks; `frames` holds the open containers above them.
    pub(super) root: Vec<Block>,
    /// Per container start not yet ended: whether it opened a frame (false: flattened).
    pub(super) containers: Vec<bool>,
}

impl Builder {
    pub(super) fn flags(&self) -> Flags {
        Flags {
            strong: self.strong > 0,
            emph: self.emph > 0,
            strike: self.strike > 0,
            link: !self.links.is_empty(),
            ..Flags::default()
        }
    }

    pub(super) fn blocks_mut(&mut self) -> &mut Vec<Block> {
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

    pub(super) fn push_block(&mut self, block: Block) {
        self.blocks_mut().push(block);
    }

    /// Ends the open paragraph, heading or cell.
    pub(super) fn flush(&mut self) {
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

    pub(super) fn piece(&mut self, text: String, flags: Flags) {
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

    pub(super) fn text(&mut self, t: &str) {
        if let Some(code) = self.code.as_mut() {
            code.text.push_str(t);
        } else {
            let flags = self.flags();
            self.piece(clean(t), flags);
        }
    }

    pub(super) fn open(&mut self, frame: Frame) {
        self.flush();
        let kept = self.frames.len() < MAX_NESTING;
        if kept {
            self.frames.push(frame);
        }
        self.containers.push(kept);
    }

    /// The end of a container that was flattened: its content already went to the parent.
    pub(super) fn flattened_end(&mut self) -> bool {
        if self.containers.pop() == Some(false) {
            self.flush();
            return true;
        }
        false
    }

    pub(super) fn close(&mut self) -> Option<Frame> {
        self.flush();
        self.frames.pop()
    }

    /// A paragraph tag inside a list item makes the list loose (blank lines between items).
    pub(super) fn mark_loose(&mut self) {
        let n = self.frames.len();
        if n >= 2 && matches!(self.frames[n - 1], Frame::Item(_)) {
            if let Frame::List { tight, .. } = &mut self.frames[n - 2] {
                *tight = false;
            }
        }
    }

    pub(super) fn finish(mut self) -> Document {
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
