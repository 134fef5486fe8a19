//! The styles every screen uses, built in one place. Honours NO_COLOR (<https://no-color.org>):
//! without colours, bold, italic, underline, dim and reverse keep every state distinguishable.

use std::ffi::OsStr;

use ratatui::style::{Color, Modifier, Style};

/// All the styles of the trainer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// True when colours are in use (NO_COLOR unset or empty).
    pub colors: bool,
    /// Body text.
    pub text: Style,
    /// Secondary text: hints about keys, counters.
    pub muted: Style,
    /// `#` headings.
    pub heading1: Style,
    /// `##` headings.
    pub heading2: Style,
    /// `###` and deeper headings.
    pub heading3: Style,
    /// `**strong**`.
    pub strong: Style,
    /// `*emphasis*`.
    pub emphasis: Style,
    /// `~~strikethrough~~`.
    pub strikethrough: Style,
    /// `` `inline code` ``.
    pub code_inline: Style,
    /// Text inside a code block.
    pub code_block: Style,
    /// A code block's rules and gutter.
    pub code_frame: Style,
    /// The language name in a code block's top rule.
    pub code_lang: Style,
    /// Link text.
    pub link: Style,
    /// The ` (url)` after a link.
    pub link_target: Style,
    /// The `│` in front of a note.
    pub note_gutter: Style,
    /// A note's label ("Nota").
    pub note_label: Style,
    /// List bullets and numbers.
    pub bullet: Style,
    /// Table header cells.
    pub table_header: Style,
    /// Table separators.
    pub table_border: Style,
    /// Thematic breaks.
    pub rule: Style,
    /// A step confirmed by the daemon.
    pub passed: Style,
    /// A step the daemon contradicts.
    pub failed: Style,
    /// A step that could not be verified (daemon down, permission denied...).
    pub unknown: Style,
    /// A step not reachable yet.
    pub locked: Style,
    /// The selected item (step in a list, code block).
    pub selection: Style,
    /// The status bar.
    pub status_bar: Style,
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::new(true)
    }
}

impl Theme {
    /// The theme for the value of the `NO_COLOR` variable: set and non-empty means no colours.
    pub fn from_no_color(no_color: Option<&OsStr>) -> Theme {
        Theme::new(no_color.is_none_or(OsStr::is_empty))
    }

    /// The theme for this process's environment.
    pub fn from_env() -> Theme {
        Theme::from_no_color(std::env::var_os("NO_COLOR").as_deref())
    }

    /// Builds every style; `colors == false` keeps only modifiers.
    pub fn new(colors: bool) -> Theme {
        let m = Style::new();
        let fg = |style: Style, color: Color| if colors { style.fg(color) } else { style };
        let bold = Modifier::BOLD;
        Theme {
            colors,
            text: m,
            muted: if colors {
                m.fg(Color::DarkGray)
            } else {
                m.add_modifier(Modifier::DIM)
            },
            heading1: fg(m.add_modifier(bold | Modifier::UNDERLINED), Color::Cyan),
            heading2: fg(m.add_modifier(bold), Color::Cyan),
            heading3: fg(m.add_modifier(bold | Modifier::ITALIC), Color::Blue),
            strong: m.add_modifier(bold),
            emphasis: m.add_modifier(Modifier::ITALIC),
            strikethrough: m.add_modifier(Modifier::CROSSED_OUT),
            // Without colours, reverse video is the only mark left that no other span uses.
            code_inline: if colors {
                m.fg(Color::Yellow)
            } else {
                m.add_modifier(Modifier::REVERSED)
            },
            code_block: fg(m, Color::LightYellow),
            code_frame: if colors {
                m.fg(Color::DarkGray)
            } else {
                m.add_modifier(Modifier::DIM)
            },
            code_lang: fg(m.add_modifier(bold), Color::Gray),
            link: fg(m.add_modifier(Modifier::UNDERLINED), Color::Blue),
            link_target: if colors {
                m.fg(Color::DarkGray)
            } else {
                m.add_modifier(Modifier::DIM)
            },
            note_gutter: fg(m.add_modifier(bold), Color::Blue),
            note_label: fg(m.add_modifier(bold), Color::Blue),
            bullet: fg(m.add_modifier(bold), Color::Cyan),
            table_header: m.add_modifier(bold),
            table_border: if colors {
                m.fg(Color::DarkGray)
            } else {
                m.add_modifier(Modifier::DIM)
            },
            rule: if colors {
                m.fg(Color::DarkGray)
            } else {
                m.add_modifier(Modifier::DIM)
            },
            passed: fg(m.add_modifier(bold), Color::Green),
            failed: fg(m.add_modifier(bold | Modifier::UNDERLINED), Color::Red),
            unknown: fg(
                m.add_modifier(Modifier::ITALIC | Modifier::UNDERLINED),
                Color::Yellow,
            ),
            locked: if colors {
                m.fg(Color::DarkGray)
            } else {
                m.add_modifier(Modifier::DIM)
            },
            selection: m.add_modifier(Modifier::REVERSED | bold),
            status_bar: if colors {
                m.fg(Color::Black).bg(Color::Gray)
            } else {
                m.add_modifier(Modifier::REVERSED)
            },
        }
    }

    /// The heading style of a level (1..=6).
    pub fn heading(&self, level: u8) -> Style {
        match level {
            0 | 1 => self.heading1,
            2 => self.heading2,
            _ => self.heading3,
        }
    }

    /// Every style with its name, for tests and for a theme preview.
    pub fn all(&self) -> [(&'static str, Style); 26] {
        [
            ("text", self.text),
            ("muted", self.muted),
            ("heading1", self.heading1),
            ("heading2", self.heading2),
            ("heading3", self.heading3),
            ("strong", self.strong),
            ("emphasis", self.emphasis),
            ("strikethrough", self.strikethrough),
            ("code_inline", self.code_inline),
            ("code_block", self.code_block),
            ("code_frame", self.code_frame),
            ("code_lang", self.code_lang),
            ("link", self.link),
            ("link_target", self.link_target),
            ("note_gutter", self.note_gutter),
            ("note_label", self.note_label),
            ("bullet", self.bullet),
            ("table_header", self.table_header),
            ("table_border", self.table_border),
            ("rule", self.rule),
            ("passed", self.passed),
            ("failed", self.failed),
            ("unknown", self.unknown),
            ("locked", self.locked),
            ("selection", self.selection),
            ("status_bar", self.status_bar),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has_color(s: &Style) -> bool {
        s.fg.is_some_and(|c| c != Color::Reset) || s.bg.is_some_and(|c| c != Color::Reset)
    }

    #[test]
    fn no_color_set_and_non_empty_removes_every_colour() {
        let t = Theme::from_no_color(Some(OsStr::new("1")));
        assert!(!t.colors);
        for (name, style) in t.all() {
            assert!(!has_color(&style), "{name} keeps a colour: {style:?}");
        }
    }

    #[test]
    fn no_color_unset_or_empty_keeps_colours() {
        for value in [None, Some(OsStr::new(""))] {
            let t = Theme::from_no_color(value);
            assert!(t.colors, "{value:?}");
            assert!(has_color(&t.passed) && has_color(&t.failed));
        }
    }

    #[test]
    fn states_stay_distinguishable_without_colour() {
        for colors in [true, false] {
            let t = Theme::new(colors);
            let states = [t.passed, t.failed, t.unknown, t.locked, t.text];
            for (i, a) in states.iter().enumerate() {
                for b in &states[i + 1..] {
                    assert_ne!(a, b, "colors={colors}");
                }
            }
            // The selection must stand out from any state it highlights.
            for s in states {
                assert_ne!(s.patch(t.selection), s, "colors={colors}");
            }
            assert!(t.selection.add_modifier.contains(Modifier::REVERSED));
        }
    }

    #[test]
    fn markdown_marks_stay_distinguishable_without_colour() {
        let t = Theme::new(false);
        let marks = [
            t.text,
            t.strong,
            t.emphasis,
            t.strikethrough,
            t.code_inline,
            t.link,
            t.heading1,
            t.heading3,
        ];
        for (i, a) in marks.iter().enumerate() {
            for b in &marks[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }
}
