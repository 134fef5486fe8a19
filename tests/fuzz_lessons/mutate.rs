//! Mutations that break a file as bytes or text: truncation, emptying, deleting, odd Unicode,
//! invalid UTF-8, other encodings and line endings, splices, and huge or deeply nested files.
//! Each says what it did, for the failure report.

use fastrand::Rng;

use super::cases::{boundary, bytes, pick, set_text, text};
use super::tree::{Entry, Tree};

pub fn truncate(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let rel = pick(rng, tree, &[])?;
    let b = bytes(tree, &rel);
    let at = rng.usize(0..=b.len());
    b.truncate(at);
    Some(format!("truncate {rel} at byte {at}"))
}

pub fn empty(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let rel = pick(rng, tree, &[])?;
    bytes(tree, &rel).clear();
    Some(format!("empty {rel}"))
}

pub fn delete(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let rel = pick(rng, tree, &[])?;
    tree.remove(&rel);
    Some(format!("delete {rel}"))
}

pub fn delete_lesson(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let rel = pick(rng, tree, &["/lesson.toml", ".md"])?;
    let dir = rel.split('/').next()?.to_string();
    tree.retain(|k, _| !k.starts_with(&format!("{dir}/")));
    Some(format!("delete folder {dir}"))
}

pub fn dir_instead(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let rel = pick(rng, tree, &[])?;
    tree.insert(rel.clone(), Entry::Dir);
    Some(format!("directory instead of {rel}"))
}

const ODD: &[&str] = &[
    "\u{200f}",
    "\u{202e}",
    "\u{0301}",
    "\u{0}",
    "\u{feff}",
    "🐳",
    "👩\u{200d}👩\u{200d}👧",
    "\r",
    "\t",
    "\u{2028}",
    "\u{85}",
    "\u{fffd}",
    "\u{e000}",
    "\u{10ffff}",
    "{#",
    "}",
    "\\",
    "\"",
    "[[",
    "```",
    "<!--",
];

pub fn odd_unicode(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let rel = pick(rng, tree, &[])?;
    let odd = if rng.u32(0..8) == 0 {
        format!("e{}", "\u{0301}".repeat(rng.usize(1..500)))
    } else {
        ODD[rng.usize(0..ODD.len())].to_string()
    };
    let b = bytes(tree, &rel);
    // Usually on a character boundary; sometimes inside one, which breaks UTF-8 too.
    let mut at = rng.usize(0..=b.len());
    if rng.u32(0..4) != 0 {
        if let Ok(t) = std::str::from_utf8(b) {
            at = boundary(t, at);
        }
    }
    b.splice(at..at, odd.bytes());
    Some(format!("{rel}: insert {odd:?} at byte {at}"))
}

pub fn invalid_utf8(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let rel = pick(rng, tree, &[])?;
    let bad: &[&[u8]] = &[
        &[0xff],
        &[0xc3],
        &[0x80],
        &[0xed, 0xa0, 0x80],
        &[0xf4, 0x90, 0x80, 0x80],
        &[0xc0, 0xaf],
        &[0xfe, 0xff],
    ];
    let seq = bad[rng.usize(0..bad.len())];
    let b = bytes(tree, &rel);
    let at = rng.usize(0..=b.len());
    b.splice(at..at, seq.iter().copied());
    Some(format!("{rel}: invalid UTF-8 {seq:02x?} at byte {at}"))
}

pub fn utf16(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let rel = pick(rng, tree, &[])?;
    let t = text(tree, &rel);
    let mut out = vec![0xff, 0xfe];
    out.extend(t.encode_utf16().flat_map(u16::to_le_bytes));
    tree.insert(rel.clone(), Entry::File(out));
    Some(format!("{rel}: re-encoded as UTF-16LE"))
}

pub fn lines(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let rel = pick(rng, tree, &[])?;
    let t = text(tree, &rel);
    let mut ls: Vec<&str> = t.split('\n').collect();
    let i = rng.usize(0..ls.len());
    let j = rng.usize(0..ls.len());
    let what = match rng.u32(0..3) {
        0 => {
            ls.remove(i);
            "delete"
        }
        1 => {
            ls.insert(j, ls[i]);
            "duplicate"
        }
        _ => {
            ls.swap(i, j);
            "swap"
        }
    };
    let out = ls.join("\n");
    set_text(tree, &rel, out);
    Some(format!("{rel}: {what} line {} (and {})", i + 1, j + 1))
}

pub fn splice(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let from = pick(rng, tree, &[])?;
    let to = pick(rng, tree, &[])?;
    let src = match tree.get(&from) {
        Some(Entry::File(b)) => b.clone(),
        _ => return None,
    };
    let a = rng.usize(0..=src.len());
    let b = (a + rng.usize(0..400)).min(src.len());
    let dest = bytes(tree, &to);
    let at = rng.usize(0..=dest.len());
    dest.splice(at..at, src[a..b].iter().copied());
    Some(format!("copy {from}[{a}..{b}] into {to} at {at}"))
}

pub fn byte_flip(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let rel = pick(rng, tree, &[])?;
    let b = bytes(tree, &rel);
    if b.is_empty() {
        return None;
    }
    let at = rng.usize(0..b.len());
    let v = rng.u8(..);
    b[at] = v;
    Some(format!("{rel}: byte {at} = {v:#04x}"))
}

pub fn line_endings(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let rel = pick(rng, tree, &[])?;
    let t = text(tree, &rel);
    let nl = if rng.bool() { "\r\n" } else { "\r" };
    set_text(tree, &rel, t.replace('\n', nl));
    Some(format!("{rel}: line endings {nl:?}"))
}

pub fn swap_files(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let a = pick(rng, tree, &[])?;
    let b = pick(rng, tree, &[])?;
    let (x, y) = (tree.get(&a)?.clone(), tree.get(&b)?.clone());
    tree.insert(a.clone(), y);
    tree.insert(b.clone(), x);
    Some(format!("swap {a} and {b}"))
}

pub fn huge_line(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let rel = pick(rng, tree, &[])?;
    let n = rng.usize(2_000_000..5_000_000);
    let filler = ["a", "é", " ", "*", "`", "\"", "#"][rng.usize(0..7)].repeat(n);
    let line = if rel.ends_with(".toml") {
        match rng.u32(0..3) {
            0 => format!("# {filler}\n"),
            1 => format!("huge = \"{filler}\"\n"),
            _ => filler,
        }
    } else {
        match rng.u32(0..3) {
            0 => format!("## {filler} {{#huge}}\n"),
            1 => format!("\n{filler}\n"),
            _ => filler,
        }
    };
    let t = text(tree, &rel);
    let at = boundary(&t, rng.usize(0..=t.len()));
    set_text(tree, &rel, format!("{}{line}{}", &t[..at], &t[at..]));
    Some(format!(
        "{rel}: {} MB line at byte {at}",
        line.len() / 1_000_000
    ))
}

pub fn deep_nesting(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let rel = pick(rng, tree, &[])?;
    let d = rng.usize(1_000..200_000);
    let (deep, what) = if rel.ends_with(".toml") {
        match rng.u32(0..3) {
            0 => (
                format!("deep = {}{}\n", "[".repeat(d), "]".repeat(d)),
                "arrays",
            ),
            1 => (
                format!("deep = {}1{}\n", "{ a = ".repeat(d), " }".repeat(d)),
                "inline tables",
            ),
            _ => (format!("[{}]\n", vec!["a"; d].join(".")), "dotted table"),
        }
    } else {
        match rng.u32(0..5) {
            0 => (format!("{} quote\n", ">".repeat(d)), "block quotes"),
            1 => (format!("{}item\n", "- ".repeat(d)), "bullet lists"),
            2 => (format!("{}x\n", "1. ".repeat(d)), "ordered lists"),
            3 => (
                (0..d.min(1_000))
                    .map(|i| format!("{}1. x\n", "   ".repeat(i)))
                    .collect(),
                "indented lists",
            ),
            _ => (
                format!("{}x{}\n", "*[".repeat(d), "](u)*".repeat(d)),
                "links in emphasis",
            ),
        }
    };
    let t = text(tree, &rel);
    let at = boundary(&t, rng.usize(0..=t.len()));
    set_text(tree, &rel, format!("{}\n{deep}{}", &t[..at], &t[at..]));
    Some(format!("{rel}: {what} nested {d} deep at byte {at}"))
}
