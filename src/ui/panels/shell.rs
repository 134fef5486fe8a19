//! The shell pane: a copy of the child's visible screen ([`PaneImage`], taken from the
//! `vt100::Screen` while its lock is held, so drawing holds no lock) and its drawing, with the
//! cursor when the shell has the focus. Spawning, input and resizing live in `crate::shell`.

use ratatui::buffer::Cell;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};
use ratatui::Frame;

use crate::app::App;
use crate::i18n::Tr;
use crate::ui::theme::Theme;

/// What the pane shows: the child's screen at one moment, as ratatui cells.
#[derive(Debug, Clone, PartialEq)]
pub struct PaneImage {
    rows: u16,
    cols: u16,
    cells: Vec<Cell>,
    /// Cursor (row, column), when the program shows it and the view is not scrolled back.
    cursor: Option<(u16, u16)>,
    /// Lines scrolled back from the bottom.
    scrolled: usize,
}

impl PaneImage {
    /// The text of one row (for tests and snapshots), trailing blanks kept.
    pub fn row_text(&self, row: u16) -> String {
        let start = usize::from(row) * usize::from(self.cols);
        self.cells
            .get(start..start + usize::from(self.cols))
            .map(|r| r.iter().map(Cell::symbol).collect())
            .unwrap_or_default()
    }
}

/// Copies the visible part of `screen` (cheap: rows × columns cells; call it with the parser
/// locked, then let go before drawing). `colors` false drops the program's colours (NO_COLOR),
/// keeping bold, underline and reverse.
pub fn capture(screen: &vt100::Screen, colors: bool) -> PaneImage {
    let (rows, cols) = screen.size();
    let mut cells = Vec::with_capacity(usize::from(rows) * usize::from(cols));
    for r in 0..rows {
        for c in 0..cols {
            let mut cell = Cell::default();
            if let Some(v) = screen.cell(r, c) {
                if v.is_wide_continuation() {
                    // Covered by the wide character to its left; ratatui skips it.
                    cells.push(cell);
                    continue;
                }
                let s = v.contents();
                cell.set_symbol(if s.is_empty() { " " } else { s });
                cell.set_style(style(v, colors));
            }
            cells.push(cell);
        }
    }
    let scrolled = screen.scrollback();
    let cursor = (!screen.hide_cursor() && scrolled == 0).then(|| screen.cursor_position());
    PaneImage {
        rows,
        cols,
        cells,
        cursor,
        scrolled,
    }
}

fn style(c: &vt100::Cell, colors: bool) -> Style {
    let mut s = Style::default();
    if colors {
        s = s.fg(color(c.fgcolor())).bg(color(c.bgcolor()));
    }
    let mut m = Modifier::empty();
    for (on, flag) in [
        (c.bold(), Modifier::BOLD),
        (c.dim(), Modifier::DIM),
        (c.italic(), Modifier::ITALIC),
        (c.underline(), Modifier::UNDERLINED),
        (c.inverse(), Modifier::REVERSED),
    ] {
        if on {
            m |= flag;
        }
    }
    s.add_modifier(m)
}

fn color(c: vt100::Color) -> Color {
    match c {
        vt100::Color::Default => Color::Reset,
        vt100::Color::Idx(i) => Color::Indexed(i),
        vt100::Color::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

/// The pane's frame around the terminal: a title line on top (and a left edge when it stands
/// beside the lesson).
pub fn block(side_by_side: bool) -> Block<'static> {
    Block::default().borders(if side_by_side {
        Borders::TOP | Borders::LEFT
    } else {
        Borders::TOP
    })
}

/// Draws the pane in `area` (its frame included); `image` is `None` while the shell starts.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    side_by_side: bool,
    app: &App,
    image: Option<&PaneImage>,
    tr: &Tr,
    theme: &Theme,
) {
    let focused = app.shell.focused;
    let (title_style, edge) = if focused {
        (theme.heading2, theme.heading2)
    } else {
        (theme.muted, theme.muted)
    };
    let mut title = vec![Span::styled(
        format!(" {} ", tr.t("tui-shell-title")),
        title_style,
    )];
    let hint = if focused {
        tr.t("tui-shell-focused")
    } else {
        tr.t("tui-shell-unfocused")
    };
    title.push(Span::styled(format!("{hint} "), theme.muted));
    if let Some(img) = image.filter(|i| i.scrolled > 0) {
        let n = img.scrolled.to_string();
        title.push(Span::styled(
            format!("{} ", tr.ta("tui-shell-scrolled", &[("lines", &n)])),
            theme.unknown,
        ));
    }
    let block = block(side_by_side)
        .border_style(edge)
        .title(Line::from(title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(img) = image else { return };
    let buf = frame.buffer_mut();
    for r in 0..img.rows.min(inner.height) {
        for c in 0..img.cols.min(inner.width) {
            let i = usize::from(r) * usize::from(img.cols) + usize::from(c);
            if let (Some(src), Some(dst)) = (
                img.cells.get(i),
                buf.cell_mut(Position::new(inner.x + c, inner.y + r)),
            ) {
                *dst = src.clone();
            }
        }
    }
    if let Some((r, c)) = img.cursor.filter(|_| focused) {
        if r < inner.height && c < inner.width {
            frame.set_cursor_position(Position::new(inner.x + c, inner.y + r));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captures_text_colours_wide_characters_and_the_cursor() {
        let mut p = vt100::Parser::new(3, 10, 100);
        p.process("\x1b[31mrojo\x1b[0m 日本\r\n\x1b[1mb".as_bytes());
        let img = capture(p.screen(), true);
        // A wide character takes two cells; ratatui skips the second.
        assert_eq!(img.row_text(0), "rojo 日 本  ");
        assert_eq!(img.cells[0].fg, Color::Indexed(1));
        assert_eq!(img.cells[4].fg, Color::Reset);
        assert!(img.cells[10].modifier.contains(Modifier::BOLD));
        assert_eq!(img.cursor, Some((1, 1)));
        let plain = capture(p.screen(), false);
        assert_eq!(plain.cells[0].fg, Color::Reset);
        p.process(b"\x1b[?25l");
        assert_eq!(capture(p.screen(), true).cursor, None);
    }

    #[test]
    fn scrolled_back_shows_older_lines_and_hides_the_cursor() {
        let mut p = vt100::Parser::new(2, 8, 100);
        p.process(b"uno\r\ndos\r\ntres\r\ncuatro");
        p.screen_mut().set_scrollback(2);
        let img = capture(p.screen(), true);
        assert_eq!(img.row_text(0).trim_end(), "uno");
        assert_eq!(img.scrolled, 2);
        assert_eq!(img.cursor, None);
    }
}

#[cfg(test)]
mod layout_tests {
    //! Where the pane goes: under the lesson at 80×24 (list hidden), beside it from 140 columns;
    //! the terminal size the runtime gives the child is the pane's inside.
    use std::sync::Arc;

    use ratatui::backend::TestBackend;
    use ratatui::layout::Rect;
    use ratatui::Terminal;

    use crate::app::{App, ShellPane};
    use crate::course::Source;
    use crate::i18n::Tr;
    use crate::lang::Lang;
    use crate::session::Session;
    use crate::ui::theme::Theme;
    use crate::ui::view::{shell_inner, view};

    fn app(open: bool) -> App {
        let course = crate::course::load(&Source::Dir(
            concat!(env!("CARGO_MANIFEST_DIR"), "/examples/mini-curso").into(),
        ))
        .expect("sample course");
        let mut a = App::new(
            Arc::new(course),
            Session::detached(Default::default()),
            Lang::Es,
        );
        a.shell = ShellPane {
            open,
            focused: open,
        };
        a
    }

    fn screen(a: &App, w: u16, h: u16, img: Option<&super::PaneImage>) -> Vec<String> {
        let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        t.draw(|f| {
            view(f, a, &Tr::new(Lang::Es), &Theme::new(false), img);
        })
        .expect("draw");
        let buf = t.backend().buffer().clone();
        (0..h)
            .map(|y| (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect())
            .collect()
    }

    #[test]
    fn stacked_at_80_by_24_without_the_lesson_list() {
        let a = app(true);
        let inner = shell_inner(Rect::new(0, 0, 80, 24), &a, &Tr::new(Lang::Es)).expect("pane");
        // 23 rows above the status line: 11 for the pane, its title included.
        assert_eq!(inner, Rect::new(0, 13, 80, 10));
        let mut p = vt100::Parser::new(inner.height, inner.width, 0);
        p.process(b"pane$ echo hola\r\nhola\r\npane$ ");
        let img = super::capture(p.screen(), false);
        let rows = screen(&a, 80, 24, Some(&img));
        assert!(
            rows[12].starts_with(" Terminal · F2 vuelve a la lección"),
            "{}",
            rows[12]
        );
        assert!(rows[13].starts_with("pane$ echo hola"));
        assert!(rows[14].starts_with("hola "));
        assert!(
            !rows.iter().any(|r| r.contains("Mini curso")),
            "list hidden"
        );
        assert!(
            rows[23].contains("F2 vuelve a la lección"),
            "status keys: {}",
            rows[23]
        );
        assert_eq!(
            shell_inner(Rect::new(0, 0, 80, 24), &app(false), &Tr::new(Lang::Es)),
            None
        );
    }

    #[test]
    fn side_by_side_from_140_columns() {
        let a = app(true);
        let inner = shell_inner(Rect::new(0, 0, 160, 40), &a, &Tr::new(Lang::Es)).expect("pane");
        assert_eq!(inner, Rect::new(81, 1, 79, 38));
        let rows = screen(&a, 160, 40, None);
        assert!(rows[0].contains("┌ Terminal"), "{}", rows[0]);
        assert!(
            rows[0].starts_with(" Paso 1/3"),
            "lesson on the left: {}",
            rows[0]
        );
        let closed = screen(&app(false), 80, 24, None);
        assert!(
            closed[23].contains("F2 terminal · ? ayuda"),
            "{}",
            closed[23]
        );
    }
}
