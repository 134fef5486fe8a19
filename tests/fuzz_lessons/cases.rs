//! The cases: a real course (the sample course, one or two built-in lessons, or all of them) and
//! one to three mutations, every choice drawn from one seed. Helpers shared by the mutators.

use std::path::Path;

use fastrand::Rng;

use super::mutate::*;
use super::mutate_course::*;
use super::tree::{read_tree, Entry, Tree};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// One mutated course folder.
pub struct Case {
    /// The files.
    pub tree: Tree,
    /// The base course, then what each mutation did.
    pub log: Vec<String>,
    /// Indexes in [`MUTATORS`] of the mutations applied.
    pub applied: Vec<usize>,
}

/// The real courses every case starts from.
pub struct Bases {
    mini: Tree,
    built_in: Tree,
    built_in_ids: Vec<String>,
}

impl Bases {
    pub fn new() -> Bases {
        let built_in = read_tree(&Path::new(ROOT).join("lessons"));
        let built_in_ids = built_in
            .keys()
            .filter_map(|k| k.strip_suffix("/lesson.toml"))
            .map(str::to_string)
            .collect();
        Bases {
            mini: read_tree(Path::new(super::support::courses::MINI)),
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
    pub fn case(&self, seed: u64) -> Case {
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
        let mut applied = Vec::new();
        let count = [1, 1, 1, 2, 2, 3][rng.usize(0..6)];
        // Bounded: once every file is gone, no mutation applies any more.
        for _ in 0..100 {
            if applied.len() == count {
                break;
            }
            if let Some((i, done)) = mutate(&mut rng, &mut tree) {
                applied.push(i);
                log.push(done);
            }
        }
        Case { tree, log, applied }
    }
}

pub type Mutator = fn(&mut Rng, &mut Tree) -> Option<String>;

/// (weight, mutator). The expensive ones (megabytes of text, tens of thousands of headings) come
/// about once in 300 mutations, so a run of 10 000 folders still meets each of them dozens of times.
pub const MUTATORS: &[(u32, &str, Mutator)] = &[
    (80, "truncate", truncate),
    (30, "empty", empty),
    (30, "delete", delete),
    (10, "delete_lesson", delete_lesson),
    (10, "dir_instead", dir_instead),
    (80, "wrong_type", wrong_type),
    (50, "unknown_kind", unknown_kind),
    (50, "unknown_field", unknown_field),
    (80, "heading", heading),
    (60, "step_ids", step_ids),
    (60, "odd_unicode", odd_unicode),
    (40, "invalid_utf8", invalid_utf8),
    (10, "utf16", utf16),
    (60, "lines", lines),
    (40, "splice", splice),
    (40, "byte_flip", byte_flip),
    (20, "line_endings", line_endings),
    (10, "swap_files", swap_files),
    (40, "lesson_list", lesson_list),
    (20, "format_version", format_version),
    (30, "quiz", quiz),
    (1, "huge_line", huge_line),
    (1, "deep_nesting", deep_nesting),
    (1, "many_headings", many_headings),
];

/// One weighted mutation: its index in [`MUTATORS`] and what it did (`None`: not applicable).
fn mutate(rng: &mut Rng, tree: &mut Tree) -> Option<(usize, String)> {
    let total: u32 = MUTATORS.iter().map(|(w, _, _)| w).sum();
    let mut pick = rng.u32(0..total);
    for (i, (w, _, m)) in MUTATORS.iter().enumerate() {
        if pick < *w {
            return m(rng, tree).map(|done| (i, done));
        }
        pick -= w;
    }
    None
}

/// A random file whose path ends with one of `ends` (any file when empty).
pub fn pick(rng: &mut Rng, tree: &Tree, ends: &[&str]) -> Option<String> {
    let files: Vec<&String> = tree
        .iter()
        .filter(|(k, v)| {
            matches!(v, Entry::File(_)) && (ends.is_empty() || ends.iter().any(|e| k.ends_with(e)))
        })
        .map(|(k, _)| k)
        .collect();
    rng.choice(files).cloned()
}

pub fn bytes<'a>(tree: &'a mut Tree, rel: &str) -> &'a mut Vec<u8> {
    match tree.get_mut(rel) {
        Some(Entry::File(b)) => b,
        _ => panic!("{rel} is not a file"),
    }
}

/// The text of a file, lossily; mutators that work on text write it back as UTF-8.
pub fn text(tree: &Tree, rel: &str) -> String {
    match tree.get(rel) {
        Some(Entry::File(b)) => String::from_utf8_lossy(b).into_owned(),
        _ => String::new(),
    }
}

pub fn set_text(tree: &mut Tree, rel: &str, t: String) {
    tree.insert(rel.to_string(), Entry::File(t.into_bytes()));
}

/// A char boundary at or before `at`.
pub fn boundary(t: &str, mut at: usize) -> usize {
    at = at.min(t.len());
    while !t.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Byte ranges of every line (without the newline).
pub fn line_ranges(t: &str) -> Vec<std::ops::Range<usize>> {
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
