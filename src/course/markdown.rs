//! Splits a lesson's Markdown into its title, introduction, step sections (`## Title {#id}`) and
//! hint sections (`### Title {#id}`). Keeps the author's Markdown text; knows nothing of terminals.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::lint::Lines;

/// A lesson file, split.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LessonDoc {
    /// The `#` heading, with its line.
    pub title: Option<(String, usize)>,
    /// Markdown between the title and the first step.
    pub intro: String,
    /// `##` sections in file order.
    pub sections: Vec<Section>,
}

/// One `##` section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    /// The heading id (`{#id}`), if the author wrote one.
    pub id: Option<String>,
    /// Heading text without the id.
    pub title: String,
    /// 1-based line of the heading.
    pub line: usize,
    /// The section's Markdown without its hint sections.
    pub body: String,
    /// `###` sections that carry an id.
    pub hints: Vec<Hint>,
    /// Item count of each top-level ordered list in the body (quiz options).
    pub ordered_lists: Vec<usize>,
}

/// One `### Title {#id}` section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hint {
    /// Heading id.
    pub id: String,
    /// Heading text.
    pub title: String,
    /// 1-based line of the heading.
    pub line: usize,
    /// The hint's Markdown.
    pub body: String,
}

struct Heading {
    level: HeadingLevel,
    id: Option<String>,
    title: String,
    start: usize,
    body_start: usize,
}

/// Parses lesson Markdown.
pub fn parse(text: &str) -> LessonDoc {
    let opts =
        Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut headings: Vec<Heading> = Vec::new();
    let mut lists: Vec<(usize, usize, bool)> = Vec::new(); // top-level lists: (offset, items, ordered)
    let mut in_heading: Option<Heading> = None;
    let mut list_depth = 0usize;
    for (ev, range) in Parser::new_ext(text, opts).into_offset_iter() {
        match ev {
            Event::Start(Tag::Heading { level, id, .. }) => {
                in_heading = Some(Heading {
                    level,
                    id: id.map(|s| s.to_string()),
                    title: String::new(),
                    start: range.start,
                    body_start: range.end,
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = in_heading.take() {
                    headings.push(Heading {
                        title: h.title.trim().to_string(),
                        ..h
                    });
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = in_heading.as_mut() {
                    h.title.push_str(&t);
                }
            }
            Event::Start(Tag::List(start)) => {
                if list_depth == 0 {
                    lists.push((range.start, 0, start.is_some()));
                }
                list_depth += 1;
            }
            Event::End(TagEnd::List(_)) => list_depth = list_depth.saturating_sub(1),
            Event::Start(Tag::Item) if list_depth == 1 => {
                if let Some(last) = lists.last_mut() {
                    last.1 += 1;
                }
            }
            _ => {}
        }
    }
    build(text, &headings, &lists)
}

/// Groups the headings into title, intro, sections and hints. Linear in the number of headings
/// and lists: a file may hold tens of thousands of them, and lint must still answer at once.
fn build(text: &str, headings: &[Heading], lists: &[(usize, usize, bool)]) -> LessonDoc {
    let mut doc = LessonDoc::default();
    let lines = Lines::new(text);
    let start_of = |i: usize| headings.get(i).map_or(text.len(), |h| h.start);
    let first_h2 = headings.iter().position(|h| h.level == HeadingLevel::H2);
    let intro_start = headings
        .iter()
        .find(|h| h.level == HeadingLevel::H1)
        .map(|h| {
            doc.title = Some((h.title.clone(), lines.line(h.start)));
            h.body_start
        })
        .unwrap_or(0);
    let intro_end = first_h2.map_or(text.len(), start_of);
    doc.intro = text
        .get(intro_start..intro_end)
        .unwrap_or("")
        .trim()
        .to_string();

    let (end_h2, end_h3) = next_at_or_above(headings);
    for (i, h) in headings.iter().enumerate() {
        if h.level != HeadingLevel::H2 {
            continue;
        }
        let last = end_h2[i];
        let end = start_of(last);
        let mut body = String::new();
        let mut cursor = h.body_start;
        let mut hints = Vec::new();
        let mut hint_ranges = Vec::new();
        for (j, n) in headings.iter().enumerate().take(last).skip(i + 1) {
            let Some(id) = n.id.as_ref().filter(|_| n.level == HeadingLevel::H3) else {
                continue;
            };
            let hint_end = start_of(end_h3[j]).min(end);
            body.push_str(text.get(cursor..n.start).unwrap_or(""));
            cursor = hint_end;
            hint_ranges.push(n.start..hint_end);
            hints.push(Hint {
                id: id.clone(),
                title: n.title.clone(),
                line: lines.line(n.start),
                body: text
                    .get(n.body_start..hint_end)
                    .unwrap_or("")
                    .trim()
                    .to_string(),
            });
        }
        body.push_str(text.get(cursor..end).unwrap_or(""));
        doc.sections.push(Section {
            id: h.id.clone(),
            title: h.title.clone(),
            line: lines.line(h.start),
            body: body.trim().to_string(),
            hints,
            ordered_lists: ordered_lists(lists, h.start..end, &hint_ranges),
        });
    }
    doc
}

/// For each heading, the index of the next heading at level `##` or above, and at `###` or
/// above (`headings.len()` when there is none): where its section or hint ends.
fn next_at_or_above(headings: &[Heading]) -> (Vec<usize>, Vec<usize>) {
    let mut h2 = vec![headings.len(); headings.len()];
    let mut h3 = h2.clone();
    let (mut next2, mut next3) = (headings.len(), headings.len());
    for (i, h) in headings.iter().enumerate().rev() {
        h2[i] = next2;
        h3[i] = next3;
        if h.level <= HeadingLevel::H2 {
            next2 = i;
        }
        if h.level <= HeadingLevel::H3 {
            next3 = i;
        }
    }
    (h2, h3)
}

/// Item counts of the top-level ordered lists inside `section`, outside its hints. `lists` and
/// `hints` are in file order, so both are walked once.
fn ordered_lists(
    lists: &[(usize, usize, bool)],
    section: Range<usize>,
    hints: &[Range<usize>],
) -> Vec<usize> {
    let first = lists.partition_point(|(off, _, _)| *off <= section.start);
    let mut hints = hints.iter().peekable();
    let mut out = Vec::new();
    for (off, items, ordered) in &lists[first..] {
        if *off >= section.end {
            break;
        }
        while hints.peek().is_some_and(|r| r.end <= *off) {
            hints.next();
        }
        if *ordered && !hints.peek().is_some_and(|r| r.contains(off)) {
            out.push(*items);
        }
    }
    out
}

/// Each section id's first section (lint reports the later ones as duplicates).
pub(super) fn first_sections(doc: &LessonDoc) -> HashMap<&str, &Section> {
    let mut map = HashMap::new();
    for sec in &doc.sections {
        if let Some(id) = &sec.id {
            map.entry(id.as_str()).or_insert(sec);
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    const MD: &str = "# Tu imagen\n\nIntro.\n\n## Etiquetar {#etiquetar}\n\nTexto.\n\n### Pista {#etiquetar-pista-1}\n\nMira `docker tag --help`.\n\n### Solución {#etiquetar-pista-2}\n\n1. uno\n2. dos\n\n## ¿Por qué? {#por-que}\n\nPregunta:\n\n1. a\n2. b\n   1. anidado\n3. c\n\n### Sin id\n\nProsa.\n";

    #[test]
    fn splits_title_steps_and_hints() {
        let doc = parse(MD);
        assert_eq!(doc.title, Some(("Tu imagen".into(), 1)));
        assert_eq!(doc.intro, "Intro.");
        assert_eq!(doc.sections.len(), 2);
        let s = &doc.sections[0];
        assert_eq!(s.id.as_deref(), Some("etiquetar"));
        assert_eq!(s.title, "Etiquetar");
        assert_eq!(s.line, 5);
        assert_eq!(s.body, "Texto.");
        let ids: Vec<_> = s.hints.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["etiquetar-pista-1", "etiquetar-pista-2"]);
        assert_eq!(s.hints[0].body, "Mira `docker tag --help`.");
        assert!(
            s.ordered_lists.is_empty(),
            "lists inside hints are not quiz options"
        );
        let q = &doc.sections[1];
        assert_eq!(q.title, "¿Por qué?");
        assert_eq!(q.ordered_lists, vec![3]);
        assert!(q.body.contains("### Sin id"));
    }

    #[test]
    fn headings_inside_code_blocks_are_not_sections() {
        let doc = parse("# T\n\n## A {#a}\n\n```\n## not {#b}\n```\n");
        assert_eq!(doc.sections.len(), 1);
    }
}
