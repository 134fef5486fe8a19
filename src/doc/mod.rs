//! Lesson Markdown parsed once, at course load: the document model every view reads (the
//! terminal's layout, `--plain`, the code-block picker). No terminal types here.

mod build;
mod model;
mod parse;

pub use model::{clean, plain_text, Align, Block, CodeBlock, Document, Flags, Inlines, Piece};
