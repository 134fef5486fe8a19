//! Mutations that know the course format: wrong value types, unknown check kinds and fields,
//! renamed, duplicated or deleted headings and step ids, odd lesson lists and versions, quiz
//! numbers, and tens of thousands of headings. Each says what it did, for the failure report.

use fastrand::Rng;

use super::cases::{line_ranges, pick, set_text, text};
use super::tree::Tree;

const WRONG_VALUES: &[&str] = &[
    "42",
    "-1",
    "0",
    "3.5",
    "-0.0",
    "inf",
    "nan",
    "true",
    "\"text\"",
    "\"\"",
    "''",
    "'''raw\nlines'''",
    "\"\"\"multi\nline\"\"\"",
    "[]",
    "[1, \"a\", true]",
    "[[1], [2]]",
    "{}",
    "{ x = 1 }",
    "{ kind = \"image\" }",
    "1979-05-27T07:32:00Z",
    "07:32:00",
    "99999999999999999999",
    "256",
    "65536",
    "4294967296",
    "-9223372036854775808",
    "0x7fffffff",
    "1e400",
    "\"\u{202e}\"",
    "\"50 petabytes\"",
    "\"18446744073709551615 EB\"",
    "\"-5MB\"",
];

pub fn wrong_type(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let rel = pick(rng, tree, &[".toml"])?;
    let t = text(tree, &rel);
    let starts: Vec<usize> = t.match_indices("= ").map(|(i, _)| i + 2).collect();
    let start = rng.choice(starts)?;
    let len = t[start..].find([',', '}', '\n']).unwrap_or(t.len() - start);
    let value = WRONG_VALUES[rng.usize(0..WRONG_VALUES.len())];
    let old = t[start..start + len].to_string();
    set_text(
        tree,
        &rel,
        format!("{}{value}{}", &t[..start], &t[start + len..]),
    );
    Some(format!("{rel}: value {old:?} -> {value:?}"))
}

const KINDS: &[&str] = &[
    "image",
    "container",
    "network",
    "volume",
    "http",
    "exec",
    "file",
    "compose",
    "event",
    "dockerfile",
    "quiz",
    "swarm",
    "imagen",
    "IMAGE",
    "",
    "🐳",
    "image\u{0}",
    "ímage",
    "kind",
];

pub fn unknown_kind(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let rel = pick(rng, tree, &["lesson.toml"])?;
    let t = text(tree, &rel);
    let spots: Vec<usize> = t
        .match_indices("kind = \"")
        .map(|(i, s)| i + s.len())
        .collect();
    let start = rng.choice(spots)?;
    let len = t[start..].find('"')?;
    let kind = KINDS[rng.usize(0..KINDS.len())];
    let out = format!("{}{kind}{}", &t[..start], &t[start + len..]);
    set_text(tree, &rel, out);
    Some(format!(
        "{rel}: kind {:?} -> {kind:?}",
        &t[start..start + len]
    ))
}

pub fn unknown_field(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let rel = pick(rng, tree, &[".toml"])?;
    let t = text(tree, &rel);
    let field = [
        "bogus = 1",
        "colour = \"red\"",
        "іd = \"cyrillic\"",
        "🐳 = 1",
        "\"\" = 2",
    ][rng.usize(0..5)];
    let out = match rng.u32(0..3) {
        0 => {
            let spots: Vec<usize> = t.match_indices("{ ").map(|(i, _)| i + 2).collect();
            let at = rng.choice(spots)?;
            format!("{}{field}, {}", &t[..at], &t[at..])
        }
        1 => {
            let spots: Vec<usize> = t
                .match_indices("[[steps]]\n")
                .map(|(i, s)| i + s.len())
                .collect();
            let at = rng.choice(spots)?;
            format!("{}{field}\n{}", &t[..at], &t[at..])
        }
        _ => {
            // Rename an existing key.
            let spots: Vec<usize> = t.match_indices(" = ").map(|(i, _)| i).collect();
            let at = rng.choice(spots)?;
            format!("{}_x{}", &t[..at], &t[at..])
        }
    };
    set_text(tree, &rel, out);
    Some(format!("{rel}: unknown field ({field})"))
}

fn odd_id(rng: &mut Rng, id: &str) -> String {
    match rng.u32(0..9) {
        0 => String::new(),
        1 => id.to_uppercase(),
        2 => format!("{id}-🐳"),
        3 => format!("{id}\u{200f}"),
        4 => format!("{id}\u{0301}"),
        5 => format!("{id}-x"),
        6 => "id with spaces".into(),
        7 => format!("{id}\u{0}"),
        _ => "a".repeat(rng.usize(1..5000)),
    }
}

pub fn heading(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let rel = pick(rng, tree, &[".md"])?;
    let t = text(tree, &rel);
    let heads: Vec<_> = line_ranges(&t)
        .into_iter()
        .filter(|r| t[r.clone()].starts_with('#'))
        .collect();
    let r = rng.choice(heads)?;
    let line = t[r.clone()].to_string();
    let (new, what) = match rng.u32(0..6) {
        0 => (String::new(), "delete"),
        1 => (format!("{line}\n\n{line}"), "duplicate"),
        2 => (format!("#{line}"), "deepen"),
        3 => (line.replacen('#', "", 1), "raise"),
        4 => match line.find("{#") {
            Some(i) => (line[..i].to_string(), "drop id"),
            None => (format!("{line} {{#extra}}"), "add id"),
        },
        _ => {
            let (Some(a), Some(b)) = (line.find("{#"), line.rfind('}')) else {
                return None;
            };
            if b < a + 2 {
                return None;
            }
            let id = odd_id(rng, &line[a + 2..b]);
            (
                format!("{}{{#{id}}}{}", &line[..a], &line[b + 1..]),
                "rename id",
            )
        }
    };
    set_text(tree, &rel, format!("{}{new}{}", &t[..r.start], &t[r.end..]));
    Some(format!("{rel}: {what} heading {line:?}"))
}

pub fn step_ids(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let rel = pick(rng, tree, &["lesson.toml"])?;
    let t = text(tree, &rel);
    let blocks: Vec<usize> = t.match_indices("[[steps]]").map(|(i, _)| i).collect();
    let out = match rng.u32(0..3) {
        0 => {
            // Rename an id.
            let spots: Vec<usize> = t
                .match_indices("id = \"")
                .map(|(i, s)| i + s.len())
                .collect();
            let start = rng.choice(spots)?;
            let len = t[start..].find('"')?;
            let id = odd_id(rng, &t[start..start + len]);
            let id = id.replace('\\', "\\\\").replace('"', "\\\"");
            format!("{}{id}{}", &t[..start], &t[start + len..])
        }
        1 => {
            // Duplicate a step block at the end.
            let i = rng.usize(0..blocks.len().max(1));
            let start = *blocks.get(i)?;
            let end = blocks.get(i + 1).copied().unwrap_or(t.len());
            format!("{t}\n{}", &t[start..end])
        }
        _ => {
            // Delete a step block.
            let i = rng.usize(0..blocks.len().max(1));
            let start = *blocks.get(i)?;
            let end = blocks.get(i + 1).copied().unwrap_or(t.len());
            format!("{}{}", &t[..start], &t[end..])
        }
    };
    set_text(tree, &rel, out);
    Some(format!("{rel}: step ids / blocks"))
}

pub fn lesson_list(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let t = text(tree, "course.toml");
    let start = t.find("lessons = [")?;
    let end = start + t[start..].find(']')?;
    let mut ids: Vec<String> = t[start + 11..end]
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let extra = [
        "\"99-falta\"",
        "\"../fuera\"",
        "\"Mayúsculas\"",
        "\"🐳\"",
        "\"\"",
        "\"01-imagen/..\"",
        "\"con espacio\"",
        "\"a\\u0000b\"",
    ];
    let what = match rng.u32(0..5) {
        0 => {
            ids.clear();
            "empty"
        }
        1 if !ids.is_empty() => {
            let i = rng.usize(0..ids.len());
            ids.push(ids[i].clone());
            "duplicate"
        }
        2 => {
            rng.shuffle(&mut ids);
            "shuffle"
        }
        _ => {
            ids.push(extra[rng.usize(0..extra.len())].to_string());
            "add odd"
        }
    };
    let out = format!(
        "{}lessons = [{}]{}",
        &t[..start],
        ids.join(", "),
        &t[end + 1..]
    );
    set_text(tree, "course.toml", out);
    Some(format!("course.toml: lessons {what}"))
}

pub fn format_version(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let t = text(tree, "course.toml");
    if !t.contains("format_version = 1") {
        return None;
    }
    let v = ["0", "2", "-1", "4294967296", "1.0", "\"1\""][rng.usize(0..6)];
    let out = t.replacen("format_version = 1", &format!("format_version = {v}"), 1);
    set_text(tree, "course.toml", out);
    Some(format!("course.toml: format_version = {v}"))
}

pub fn quiz(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let rel = pick(rng, tree, &["lesson.toml"])?;
    let t = text(tree, &rel);
    let key = ["choices = ", "answer = "][rng.usize(0..2)];
    let spots: Vec<usize> = t.match_indices(key).map(|(i, s)| i + s.len()).collect();
    let start = rng.choice(spots)?;
    let len = t[start..].find([',', '}', '\n'])?;
    let v = ["0", "1", "255", "256", "-3", "9"][rng.usize(0..6)];
    set_text(
        tree,
        &rel,
        format!("{}{v}{}", &t[..start], &t[start + len..]),
    );
    Some(format!("{rel}: {key}{v}"))
}

pub fn many_headings(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let rel = pick(rng, tree, &[".md"])?;
    let n = rng.usize(5_000..30_000);
    let line = [
        "## a {#a}\n",
        "### h {#h}\n\n1. x\n",
        "## Sin id\n",
        "# T\n",
    ][rng.usize(0..4)];
    let mut t = text(tree, &rel);
    t.push_str(&line.repeat(n));
    set_text(tree, &rel, t);
    Some(format!("{rel}: {n} × {line:?}"))
}
