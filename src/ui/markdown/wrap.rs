//! Display widths and line breaking: word wrapping for prose and grapheme splitting for code.
//! Widths are counted per grapheme exactly as ratatui's buffer counts cells.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::row::{Role, Row, Seg};

/// Extended grapheme clusters of `s`, with a fast path for ASCII (an ASCII character followed
/// by another ASCII character, or by nothing, is a cluster of its own; `\r\n` never gets here).
pub fn graphemes(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        let bytes = rest.as_bytes();
        let first = *bytes.first()?;
        let len = if first.is_ascii() && bytes.get(1).is_none_or(u8::is_ascii) {
            1
        } else {
            rest.graphemes(true).next().map_or(rest.len(), str::len)
        };
        let (g, tail) = rest.split_at(len);
        rest = tail;
        Some(g)
    })
}

/// Terminal cells one grapheme takes, as `ratatui` draws it (control characters take none).
pub fn grapheme_width(g: &str) -> usize {
    if let [b] = g.as_bytes() {
        usize::from(!b.is_ascii_control())
    } else if g.contains(char::is_control) {
        0
    } else {
        // unicode-width calls halfwidth (han)dakuten zero-width; terminals (and ratatui) give them
        // a cell.
        g.width()
            + g.chars()
                .filter(|c| matches!(c, '\u{FF9E}' | '\u{FF9F}'))
                .count()
    }
}

/// Terminal cells a string takes.
pub fn width(s: &str) -> usize {
    graphemes(s).map(grapheme_width).sum()
}

/// Terminal cells a row takes.
pub fn row_width(row: &[Seg]) -> usize {
    row.iter().map(|s| width(&s.text)).sum()
}

/// Appends text to a row, merging with the last segment when the role is the same.
pub fn push(row: &mut Row, text: &str, role: Role) {
    if text.is_empty() {
        return;
    }
    match row.last_mut() {
        Some(last) if last.role == role => last.text.push_str(text),
        _ => row.push(Seg {
            text: text.to_string(),
            role,
        }),
    }
}

/// Builds rows no wider than `max` cells (except a single grapheme wider than `max`).
struct Filler {
    max: usize,
    rows: Vec<Row>,
    row: Row,
    used: usize,
}

impl Filler {
    fn new(max: usize) -> Filler {
        Filler {
            max: max.max(1),
            rows: Vec::new(),
            row: Vec::new(),
            used: 0,
        }
    }

    fn newline(&mut self) {
        self.rows.push(std::mem::take(&mut self.row));
        self.used = 0;
    }

    fn grapheme(&mut self, g: &str, w: usize, role: Role) {
        if self.used > 0 && self.used + w > self.max {
            self.newline();
        }
        push(&mut self.row, g, role);
        self.used += w;
    }

    /// Places a word, after a space when one came before it and the line is not empty.
    fn word(&mut self, word: &[(&str, usize, Role)], space: Option<Role>) {
        let w: usize = word.iter().map(|(_, gw, _)| gw).sum();
        if word.is_empty() {
            return;
        }
        let mut space = space.filter(|_| self.used > 0);
        if self.used > 0 && self.used + usize::from(space.is_some()) + w > self.max {
            self.newline();
            space = None;
        }
        if let Some(role) = space {
            push(&mut self.row, " ", role);
            self.used += 1;
        }
        for (g, gw, role) in word {
            self.grapheme(g, *gw, *role);
        }
    }

    fn finish(mut self) -> Vec<Row> {
        if !self.row.is_empty() {
            self.newline();
        }
        self.rows
    }
}

/// Wraps styled text at spaces so no row is wider than `max` (`None`: never wrap). Words longer
/// than a row are split between graphemes; `"\n"` forces a break; runs of spaces collapse and
/// never start or end a row.
pub fn wrap(segs: &[Seg], max: Option<usize>) -> Vec<Row> {
    let mut fill = Filler::new(max.unwrap_or(usize::MAX));
    let mut word: Vec<(&str, usize, Role)> = Vec::new();
    let mut space: Option<Role> = None;
    for seg in segs {
        for g in graphemes(&seg.text) {
            match g {
                "\n" => {
                    fill.word(&word, space.take());
                    word.clear();
                    fill.newline();
                }
                " " => {
                    if !word.is_empty() {
                        fill.word(&word, space.take());
                        word.clear();
                    }
                    space = Some(seg.role);
                }
                _ => word.push((g, grapheme_width(g), seg.role)),
            }
        }
    }
    fill.word(&word, space);
    fill.finish()
}

/// Splits one line of code into pieces of at most `max` cells, keeping every character
/// (spaces included) so the pieces put together give the line back.
pub fn split(text: &str, max: usize) -> Vec<String> {
    let mut fill = Filler::new(max);
    for g in graphemes(text) {
        fill.grapheme(g, grapheme_width(g), Role::CodeText);
    }
    let rows = fill.finish();
    if rows.is_empty() {
        return vec![String::new()];
    }
    rows.into_iter()
        .map(|r| r.into_iter().map(|s| s.text).collect())
        .collect()
}

/// The longest prefix of `text` that fits in `max` cells.
pub fn truncate(text: &str, max: usize) -> String {
    let mut used = 0;
    let mut out = String::new();
    for g in graphemes(text) {
        let w = grapheme_width(g);
        if used + w > max {
            break;
        }
        used += w;
        out.push_str(g);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Flags;

    fn text(s: &str) -> Vec<Seg> {
        vec![Seg {
            text: s.into(),
            role: Role::Text(Flags::default()),
        }]
    }

    fn lines(rows: &[Row]) -> Vec<String> {
        rows.iter()
            .map(|r| r.iter().map(|s| s.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn wraps_at_word_boundaries() {
        let rows = wrap(&text("el comando docker tag crea una etiqueta"), Some(12));
        assert_eq!(
            lines(&rows),
            ["el comando", "docker tag", "crea una", "etiqueta"]
        );
    }

    #[test]
    fn wide_characters_count_two_cells() {
        // Each ideograph takes two cells: three fit in 6, not four.
        let rows = wrap(&text("日本語テキスト"), Some(6));
        assert_eq!(lines(&rows), ["日本語", "テキス", "ト"]);
        for r in &rows {
            assert!(row_width(r) <= 6);
        }
    }

    #[test]
    fn long_words_are_split_and_combining_marks_stay_with_their_letter() {
        let rows = wrap(&text("ae\u{301}iou"), Some(2));
        assert_eq!(lines(&rows), ["ae\u{301}", "io", "u"]);
    }

    #[test]
    fn a_grapheme_wider_than_the_row_still_makes_progress() {
        let rows = wrap(&text("日本"), Some(1));
        assert_eq!(lines(&rows), ["日", "本"]);
    }

    #[test]
    fn hard_breaks_and_spaces() {
        let rows = wrap(&text("  uno   dos\ntres  "), None);
        assert_eq!(lines(&rows), ["uno dos", "tres"]);
    }

    #[test]
    fn styles_survive_wrapping() {
        let bold = Role::Text(Flags {
            strong: true,
            ..Flags::default()
        });
        let segs = vec![
            Seg {
                text: "usa ".into(),
                role: Role::Text(Flags::default()),
            },
            Seg {
                text: "docker build".into(),
                role: bold,
            },
        ];
        let rows = wrap(&segs, Some(10));
        assert_eq!(lines(&rows), ["usa docker", "build"]);
        assert_eq!(rows[0][1].role, bold);
        assert_eq!(rows[1][0].role, bold);
    }

    #[test]
    fn split_keeps_every_character() {
        let line = "docker run  -p 8000:8000\u{301} 日本";
        for max in 1..30 {
            let parts = split(line, max);
            assert_eq!(parts.concat(), line);
            assert!(parts.iter().all(|p| width(p) <= max.max(2)));
        }
        assert_eq!(split("", 5), [""]);
    }

    #[test]
    fn the_ascii_fast_path_agrees_with_unicode_segmentation() {
        for s in [
            "abc",
            "ae\u{301}x",
            "a\u{200d}b",
            "日本 a",
            "👩‍👩‍👧!",
            "x\u{FF9E}",
            "",
            "\u{1b}[",
        ] {
            let fast: Vec<&str> = graphemes(s).collect();
            let slow: Vec<&str> = s.graphemes(true).collect();
            assert_eq!(fast, slow, "{s:?}");
        }
    }

    #[test]
    fn widths_match_ratatui() {
        assert_eq!(width("año"), 3);
        assert_eq!(width("日本"), 4);
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(width("\u{1b}"), 0);
        assert_eq!(truncate("日本語", 5), "日本");
    }
}
