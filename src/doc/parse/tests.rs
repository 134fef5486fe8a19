//! Unit tests of `parse`.

use super::*;
use crate::doc::build::MAX_NESTING;

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
