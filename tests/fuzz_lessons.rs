//! Robust lesson loading: feeds `course::load` (the path behind `pracdocker lint`) ten thousand
//! mutated copies of real course folders. None may panic; every error must name a file of that
//! folder (or the expected file when it is missing) and a line inside it, with a message in both
//! languages. Deterministic: `PRACDOCKER_FUZZ_SEED` (run), `PRACDOCKER_FUZZ_CASES` (how many),
//! `PRACDOCKER_FUZZ_CASE` (replay one case seed, as printed on failure).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fastrand::Rng;
use pracdocker::course::{load, Course, LintError, Problem, Source};
use pracdocker::i18n::{data_message, Tr};
use pracdocker::lang::Lang;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const DEFAULT_SEED: u64 = 0x5eed_2026_0006;
const DEFAULT_CASES: u64 = 10_000;
const WORKERS: u64 = 2;
/// One folder taking this long (in a debug build, on a shared machine) means something grows
/// faster than the input: before the fix, 60 000 hint headings took 200 s.
const SLOW: Duration = Duration::from_secs(15);

/// A course folder in memory: `/`-separated relative path → entry.
type Tree = BTreeMap<String, Entry>;

#[derive(Debug, Clone, PartialEq)]
enum Entry {
    File(Vec<u8>),
    /// A directory where the loader expects a file.
    Dir,
}

/// The real courses every case starts from.
struct Bases {
    mini: Tree,
    built_in: Tree,
    built_in_ids: Vec<String>,
}

fn read_tree(root: &Path) -> Tree {
    fn walk(dir: &Path, prefix: &str, out: &mut Tree) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("read_dir")
            .flatten()
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let name = format!("{prefix}{}", e.file_name().to_string_lossy());
            if e.path().is_dir() {
                walk(&e.path(), &format!("{name}/"), out);
            } else {
                out.insert(name, Entry::File(std::fs::read(e.path()).expect("read")));
            }
        }
    }
    let mut tree = Tree::new();
    walk(root, "", &mut tree);
    tree
}

impl Bases {
    fn new() -> Bases {
        let built_in = read_tree(&Path::new(ROOT).join("lessons"));
        let built_in_ids = built_in
            .keys()
            .filter_map(|k| k.strip_suffix("/lesson.toml"))
            .map(str::to_string)
            .collect();
        Bases {
            mini: read_tree(&Path::new(ROOT).join("examples/mini-curso")),
            built_in,
            built_in_ids,
        }
    }

    /// The built-in course cut down to `ids`: its own course.toml with another lesson list.
    fn built_in_subset(&self, ids: &[&String]) -> Tree {
        let Some(Entry::File(course)) = self.built_in.get("course.toml") else {
            panic!("built-in course.toml");
        };
        let text = String::from_utf8_lossy(course);
        let start = text.find("lessons = [").expect("lessons list");
        let end = start + text[start..].find(']').expect("end of list");
        let list: Vec<String> = ids.iter().map(|i| format!("\"{i}\"")).collect();
        let course = format!(
            "{}lessons = [{}]{}",
            &text[..start],
            list.join(", "),
            &text[end + 1..]
        );
        let mut tree: Tree = self
            .built_in
            .iter()
            .filter(|(k, _)| ids.iter().any(|i| k.starts_with(&format!("{i}/"))))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        tree.insert("course.toml".into(), Entry::File(course.into_bytes()));
        tree
    }

    /// A case: a base course and one to three mutations, all decided by `seed`.
    fn case(&self, seed: u64) -> (Tree, Vec<String>) {
        let mut rng = Rng::with_seed(seed);
        let (mut tree, base) = match rng.u32(0..100) {
            0..=59 => (self.mini.clone(), "mini-curso".to_string()),
            60..=98 => {
                let n = if rng.u32(0..4) == 0 { 2 } else { 1 };
                let ids = rng.choose_multiple(&self.built_in_ids, n);
                let names: Vec<&str> = ids.iter().map(|s| s.as_str()).collect();
                (self.built_in_subset(&ids), format!("lessons {names:?}"))
            }
            _ => (self.built_in.clone(), "lessons (all)".to_string()),
        };
        let mut log = vec![base];
        let count = [1, 1, 1, 2, 2, 3][rng.usize(0..6)];
        while log.len() <= count {
            if let Some(m) = mutate(&mut rng, &mut tree) {
                log.push(m);
            }
        }
        (tree, log)
    }
}

// ---------------------------------------------------------------- mutations

type Mutator = fn(&mut Rng, &mut Tree) -> Option<String>;

/// (weight, mutator). The expensive ones (megabytes of text, tens of thousands of headings) come
/// about once in 300 mutations, so a run of 10 000 folders still meets each of them dozens of times.
const MUTATORS: &[(u32, Mutator)] = &[
    (80, truncate),
    (30, empty),
    (30, delete),
    (10, delete_lesson),
    (10, dir_instead),
    (80, wrong_type),
    (50, unknown_kind),
    (50, unknown_field),
    (80, heading),
    (60, step_ids),
    (60, odd_unicode),
    (40, invalid_utf8),
    (10, utf16),
    (60, lines),
    (40, splice),
    (40, byte_flip),
    (20, line_endings),
    (10, swap_files),
    (40, lesson_list),
    (20, format_version),
    (30, quiz),
    (1, huge_line),
    (1, deep_nesting),
    (1, many_headings),
];

fn mutate(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let total: u32 = MUTATORS.iter().map(|(w, _)| w).sum();
    let mut pick = rng.u32(0..total);
    for (w, m) in MUTATORS {
        if pick < *w {
            return m(rng, tree);
        }
        pick -= w;
    }
    None
}

/// A random file whose path ends with one of `ends` (any file when empty).
fn pick(rng: &mut Rng, tree: &Tree, ends: &[&str]) -> Option<String> {
    let files: Vec<&String> = tree
        .iter()
        .filter(|(k, v)| {
            matches!(v, Entry::File(_)) && (ends.is_empty() || ends.iter().any(|e| k.ends_with(e)))
        })
        .map(|(k, _)| k)
        .collect();
    rng.choice(files).cloned()
}

fn bytes<'a>(tree: &'a mut Tree, rel: &str) -> &'a mut Vec<u8> {
    match tree.get_mut(rel) {
        Some(Entry::File(b)) => b,
        _ => panic!("{rel} is not a file"),
    }
}

/// The text of a file, lossily; mutators that work on text write it back as UTF-8.
fn text(tree: &Tree, rel: &str) -> String {
    match tree.get(rel) {
        Some(Entry::File(b)) => String::from_utf8_lossy(b).into_owned(),
        _ => String::new(),
    }
}

fn set_text(tree: &mut Tree, rel: &str, t: String) {
    tree.insert(rel.to_string(), Entry::File(t.into_bytes()));
}

/// A char boundary at or before `at`.
fn boundary(t: &str, mut at: usize) -> usize {
    at = at.min(t.len());
    while !t.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Byte ranges of every line (without the newline).
fn line_ranges(t: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in t.char_indices() {
        if c == '\n' {
            out.push(start..i);
            start = i + 1;
        }
    }
    out.push(start..t.len());
    out
}

fn truncate(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let rel = pick(rng, tree, &[])?;
    let b = bytes(tree, &rel);
    let at = rng.usize(0..=b.len());
    b.truncate(at);
    Some(format!("truncate {rel} at byte {at}"))
}

fn empty(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let rel = pick(rng, tree, &[])?;
    bytes(tree, &rel).clear();
    Some(format!("empty {rel}"))
}

fn delete(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let rel = pick(rng, tree, &[])?;
    tree.remove(&rel);
    Some(format!("delete {rel}"))
}

fn delete_lesson(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let rel = pick(rng, tree, &["/lesson.toml", ".md"])?;
    let dir = rel.split('/').next()?.to_string();
    tree.retain(|k, _| !k.starts_with(&format!("{dir}/")));
    Some(format!("delete folder {dir}"))
}

fn dir_instead(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let rel = pick(rng, tree, &[])?;
    tree.insert(rel.clone(), Entry::Dir);
    Some(format!("directory instead of {rel}"))
}

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

fn wrong_type(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
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

fn unknown_kind(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
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

fn unknown_field(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
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

fn heading(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
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

fn step_ids(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
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

fn odd_unicode(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
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

fn invalid_utf8(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
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

fn utf16(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let rel = pick(rng, tree, &[])?;
    let t = text(tree, &rel);
    let mut out = vec![0xff, 0xfe];
    out.extend(t.encode_utf16().flat_map(u16::to_le_bytes));
    tree.insert(rel.clone(), Entry::File(out));
    Some(format!("{rel}: re-encoded as UTF-16LE"))
}

fn lines(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
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

fn splice(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
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

fn byte_flip(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
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

fn line_endings(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let rel = pick(rng, tree, &[])?;
    let t = text(tree, &rel);
    let nl = if rng.bool() { "\r\n" } else { "\r" };
    set_text(tree, &rel, t.replace('\n', nl));
    Some(format!("{rel}: line endings {nl:?}"))
}

fn swap_files(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let a = pick(rng, tree, &[])?;
    let b = pick(rng, tree, &[])?;
    let (x, y) = (tree.get(&a)?.clone(), tree.get(&b)?.clone());
    tree.insert(a.clone(), y);
    tree.insert(b.clone(), x);
    Some(format!("swap {a} and {b}"))
}

fn lesson_list(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
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

fn format_version(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
    let t = text(tree, "course.toml");
    let v = ["0", "2", "-1", "4294967296", "1.0", "\"1\""][rng.usize(0..6)];
    let out = t.replacen("format_version = 1", &format!("format_version = {v}"), 1);
    set_text(tree, "course.toml", out);
    Some(format!("course.toml: format_version = {v}"))
}

fn quiz(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
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

fn huge_line(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
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

fn deep_nesting(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
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

fn many_headings(rng: &mut Rng, tree: &mut Tree) -> Option<String> {
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

// ---------------------------------------------------------------- running and judging

/// One reusable folder per worker; only the files that differ from the last case are written.
struct Workdir {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    on_disk: Tree,
}

impl Workdir {
    fn new() -> Workdir {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().to_path_buf();
        Workdir {
            _tmp: tmp,
            root,
            on_disk: Tree::new(),
        }
    }

    fn sync(&mut self, want: &Tree) {
        let stale: Vec<String> = self
            .on_disk
            .iter()
            .filter(|(k, v)| want.get(*k) != Some(*v))
            .map(|(k, _)| k.clone())
            .collect();
        for k in stale {
            let path = self.root.join(&k);
            match self.on_disk.remove(&k) {
                Some(Entry::Dir) => std::fs::remove_dir_all(&path).expect("rm dir"),
                _ => std::fs::remove_file(&path).expect("rm file"),
            }
        }
        for (k, v) in want {
            if self.on_disk.contains_key(k) {
                continue;
            }
            let path = self.root.join(k);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).expect("mkdir");
            }
            match v {
                Entry::File(b) => std::fs::write(&path, b).expect("write"),
                Entry::Dir => std::fs::create_dir_all(&path).expect("mkdir"),
            }
            self.on_disk.insert(k.clone(), v.clone());
        }
    }
}

/// What one case gave.
enum Verdict {
    Loaded,
    Failed(usize),
}

/// Loads the folder and judges the result; `Err` describes a defect.
fn judge(root: &Path, tree: &Tree, trs: &[Tr]) -> Result<Verdict, String> {
    let got = catch_unwind(AssertUnwindSafe(|| load(&Source::Dir(root.to_path_buf()))));
    match got {
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Err(format!("panicked: {msg}"))
        }
        Ok(Ok(course)) => judge_course(&course).map(|()| Verdict::Loaded),
        Ok(Err(errs)) if errs.is_empty() => Err("Err with no errors".into()),
        Ok(Err(errs)) => {
            let mut cache = FileFacts::default();
            let mut worded = HashSet::new();
            for e in &errs {
                judge_error(root, tree, e, &mut cache)?;
                // What `pracdocker lint` prints, once per kind of problem (a case can have
                // tens of thousands of errors of one kind).
                if !worded.insert(std::mem::discriminant(&e.problem)) {
                    continue;
                }
                for tr in trs {
                    let (id, _) = data_message("lint", &e.problem);
                    if !tr.has(&id) || tr.data("lint", &e.problem).trim().is_empty() {
                        return Err(format!("no {:?} message {id} for {e:?}", tr.lang()));
                    }
                }
            }
            Ok(Verdict::Failed(errs.len()))
        }
    }
}

/// A course that loads must be one the trainer can teach.
fn judge_course(c: &Course) -> Result<(), String> {
    if c.lessons.is_empty() {
        return Err("loaded a course without lessons".into());
    }
    for l in &c.lessons {
        if l.steps.is_empty() {
            return Err(format!("loaded lesson {} without steps", l.id));
        }
    }
    Ok(())
}

/// What the judge learnt about a case's files, so a case with 50 000 errors stays linear.
#[derive(Default)]
struct FileFacts {
    /// Line count per file.
    count: HashMap<String, usize>,
    /// The file's lines, split once.
    lines: HashMap<String, Vec<Vec<u8>>>,
    /// Whether the file spells a name verbatim somewhere.
    spelled: HashMap<(String, String), bool>,
}

fn judge_error(
    root: &Path,
    tree: &Tree,
    e: &LintError,
    cache: &mut FileFacts,
) -> Result<(), String> {
    let prefix = format!("{}/", root.display());
    let Some(rel) = e.file.strip_prefix(&prefix) else {
        return Err(format!("error outside the folder: {e:?}"));
    };
    let bad = |why: &str| Err(format!("{why}: {rel}:{} {:?}", e.line, e.problem));
    match tree.get(rel) {
        None => {
            let expected = rel == "course.toml"
                || ["lesson.toml", "es.md", "en.md"]
                    .iter()
                    .any(|f| rel.split_once('/').is_some_and(|(_, name)| name == *f));
            if !expected || e.problem != Problem::FileMissing || e.line != 1 {
                return bad("names a file that does not exist");
            }
        }
        Some(Entry::Dir) => {
            if e.line != 1 || !matches!(e.problem, Problem::Unreadable { .. }) {
                return bad("a directory in place of a file");
            }
        }
        Some(Entry::File(b)) => {
            let count = *cache
                .count
                .entry(rel.to_string())
                .or_insert_with(|| b.iter().filter(|c| **c == b'\n').count() + 1);
            if e.line == 0 || e.line > count {
                return bad(&format!("line outside the file's {count} lines"));
            }
            if e.problem == Problem::FileMissing {
                return bad("says missing but the file exists");
            }
            // The line must be the one that holds the name, when the file spells it verbatim
            // (a search for the text would find the first mention, or fall back to line 1).
            // Multi-line TOML strings start on the line of their first line.
            let name = named(&e.problem).and_then(|n| n.split('\n').next());
            if let Some(name) = name.filter(|n| !n.is_empty()) {
                let holds = |hay: &[u8]| hay.windows(name.len()).any(|w| w == name.as_bytes());
                let spelled = *cache
                    .spelled
                    .entry((rel.to_string(), name.to_string()))
                    .or_insert_with(|| holds(b));
                let lines = cache
                    .lines
                    .entry(rel.to_string())
                    .or_insert_with(|| b.split(|c| *c == b'\n').map(<[u8]>::to_vec).collect());
                let line = lines.get(e.line - 1).map_or(&[][..], Vec::as_slice);
                if spelled && !holds(line) {
                    return bad(&format!("line does not hold {name:?}"));
                }
            }
        }
    }
    Ok(())
}

/// The id a problem is about, for problems reported on the line that declares or uses it.
fn named(p: &Problem) -> Option<&str> {
    match p {
        Problem::DuplicateLesson { lesson: n }
        | Problem::BadId { name: n }
        | Problem::DuplicateStep { step: n }
        | Problem::DuplicateHint { hint: n }
        | Problem::MissingSection { step: n, .. }
        | Problem::UnknownSection { section: n }
        | Problem::DuplicateSection { section: n }
        | Problem::UnknownHint { hint: n, .. } => Some(n),
        _ => None,
    }
}

fn env_u64(name: &str) -> Option<u64> {
    let v = std::env::var(name).ok()?;
    let v = v.trim();
    match v.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => v.parse().ok(),
    }
}

/// Each case's own seed, so a failure can be replayed alone.
fn case_seed(run: u64, i: u64) -> u64 {
    (run ^ i.wrapping_mul(0x9e37_79b9_7f4a_7c15)).rotate_left(17)
}

struct Tally {
    fed: u64,
    loaded: u64,
    failed: u64,
    errors: u64,
    defects: Vec<String>,
    slowest: (Duration, String),
}

fn run_worker(bases: &Bases, seeds: Vec<u64>) -> Tally {
    let trs = [Tr::new(Lang::Es), Tr::new(Lang::En)];
    let mut dir = Workdir::new();
    let mut t = Tally {
        fed: 0,
        loaded: 0,
        failed: 0,
        errors: 0,
        defects: Vec::new(),
        slowest: (Duration::ZERO, String::new()),
    };
    for seed in seeds {
        let (tree, log) = bases.case(seed);
        dir.sync(&tree);
        let started = Instant::now();
        let verdict = judge(&dir.root, &tree, &trs);
        let took = started.elapsed();
        if std::env::var("FUZZ_PROFILE").is_ok() {
            let _ = writeln!(std::io::stderr(), "PROFILE {} {log:?}", took.as_micros());
        }
        if took > t.slowest.0 {
            t.slowest = (took, format!("case {seed:#x} {log:?}"));
        }
        t.fed += 1;
        let verdict = match verdict {
            Ok(_) if took > SLOW => Err(format!("took {took:.1?}")),
            v => v,
        };
        match verdict {
            Ok(Verdict::Loaded) => t.loaded += 1,
            Ok(Verdict::Failed(n)) => {
                t.failed += 1;
                t.errors += n as u64;
            }
            Err(why) => t.defects.push(format!("case {seed:#x} {log:?}: {why}")),
        }
    }
    t
}

#[test]
fn mutated_courses_never_panic_and_every_error_has_file_and_line() {
    let bases = Bases::new();
    let run = env_u64("PRACDOCKER_FUZZ_SEED").unwrap_or(DEFAULT_SEED);
    let seeds: Vec<u64> = match env_u64("PRACDOCKER_FUZZ_CASE") {
        Some(one) => vec![one],
        None => {
            let n = env_u64("PRACDOCKER_FUZZ_CASES").unwrap_or(DEFAULT_CASES);
            (0..n).map(|i| case_seed(run, i)).collect()
        }
    };
    // Quiet the default hook while fuzzing: panics are caught and reported with their seed.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let started = Instant::now();
    let tallies: Vec<Tally> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..WORKERS)
            .map(|w| {
                let mine: Vec<u64> = seeds
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i as u64 % WORKERS == w)
                    .map(|(_, s)| *s)
                    .collect();
                let bases = &bases;
                std::thread::Builder::new()
                    // The size of a main thread's stack, where `pracdocker lint` runs.
                    .stack_size(8 << 20)
                    .spawn_scoped(s, move || run_worker(bases, mine))
                    .expect("spawn")
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("worker"))
            .collect()
    });
    std::panic::set_hook(hook);
    let took = started.elapsed();
    let sum = |f: fn(&Tally) -> u64| tallies.iter().map(f).sum::<u64>();
    let slowest = tallies
        .iter()
        .map(|t| &t.slowest)
        .max_by_key(|s| s.0)
        .cloned()
        .unwrap_or_default();
    let _ = writeln!(
        std::io::stderr(),
        "fuzz_lessons: seed {run:#x}: fed {} course folders in {took:.1?}: {} loaded, {} failed lint \
         with {} errors; slowest case {:.1?} ({})",
        sum(|t| t.fed),
        sum(|t| t.loaded),
        sum(|t| t.failed),
        sum(|t| t.errors),
        slowest.0,
        slowest.1,
    );
    let defects: Vec<&String> = tallies.iter().flat_map(|t| &t.defects).collect();
    assert!(
        defects.is_empty(),
        "{} of {} cases are defects (replay one with PRACDOCKER_FUZZ_CASE=<seed>):\n{}",
        defects.len(),
        seeds.len(),
        defects
            .iter()
            .take(40)
            .map(|d| d.chars().take(600).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(sum(|t| t.fed), seeds.len() as u64);
    if seeds.len() as u64 >= DEFAULT_CASES {
        assert!(
            sum(|t| t.loaded) > 0 && sum(|t| t.failed) > 0,
            "the mutations should give both valid and invalid courses"
        );
    }
}
