//! The live class board's state and its drawing: one row per learner, one column per lesson,
//! each cell the lesson's score as last graded; a column says whether the host is live, being
//! connected or dropped. Pure: messages in, a frame out; no I/O.

use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Row, Table};
use ratatui::Frame;

use crate::i18n::Tr;
use crate::report::Score;
use crate::ui::theme::Theme;

/// How a host's connection stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// Not connected yet.
    Connecting,
    /// Connected; its events arrive.
    Live,
    /// It went away (or never answered); reconnecting with backoff. Why.
    Dropped(crate::check::Unverifiable),
}

/// One learner's row.
#[derive(Debug, Clone)]
pub struct LearnerRow {
    /// Roster name.
    pub name: String,
    /// Connection.
    pub link: Link,
    /// Per lesson, as last graded; `None` before the first grade.
    pub cells: Vec<Option<Score>>,
}

/// The board.
#[derive(Debug, Clone)]
pub struct Board {
    /// Lesson ids, the columns.
    pub lessons: Vec<String>,
    /// One per learner, in roster order.
    pub rows: Vec<LearnerRow>,
}

/// What the host tasks report.
#[derive(Debug, Clone)]
pub enum Update {
    /// Host `usize`'s connection changed.
    Link(usize, Link),
    /// Host `usize` was graded: scores per lesson, in column order.
    Scores(usize, Vec<Score>),
}

impl Board {
    /// An empty board.
    pub fn new(lessons: Vec<String>, names: Vec<String>) -> Board {
        let n = lessons.len();
        Board {
            rows: names
                .into_iter()
                .map(|name| LearnerRow {
                    name,
                    link: Link::Connecting,
                    cells: vec![None; n],
                })
                .collect(),
            lessons,
        }
    }

    /// Applies a report from a host task; false when it changed nothing (no redraw needed).
    pub fn apply(&mut self, u: Update) -> bool {
        let n = self.lessons.len();
        match u {
            Update::Link(i, l) => match self.rows.get_mut(i) {
                Some(r) if r.link != l => {
                    r.link = l;
                    true
                }
                _ => false,
            },
            Update::Scores(i, s) => match self.rows.get_mut(i) {
                Some(r) => {
                    let mut cells: Vec<Option<Score>> = s.into_iter().map(Some).collect();
                    cells.resize(n, None);
                    let changed = r.cells != cells;
                    r.cells = cells;
                    changed
                }
                None => false,
            },
        }
    }

    /// Draws the board over the whole frame.
    pub fn view(&self, f: &mut Frame, tr: &Tr, theme: &Theme) {
        let area: Rect = f.area();
        let mut header = vec![Cell::from(tr.t("grade-col-learner"))];
        header.extend(self.lessons.iter().map(|l| Cell::from(l.clone())));
        header.push(Cell::from(tr.t("grade-col-total")));
        header.push(Cell::from(""));
        let rows: Vec<Row> = self
            .rows
            .iter()
            .map(|r| {
                let mut cells = vec![Cell::from(r.name.clone())];
                let mut total = Score::default();
                let mut any = false;
                for c in &r.cells {
                    cells.push(score_cell(c.as_ref(), theme));
                    if let Some(s) = c {
                        any = true;
                        total.passed += s.passed;
                        total.required += s.required;
                        total.failed += s.failed;
                        total.unknown += s.unknown;
                    }
                }
                cells.push(score_cell(any.then_some(&total), theme));
                let (text, style) = match &r.link {
                    Link::Connecting => (tr.t("grade-watch-connecting"), theme.muted),
                    Link::Live => (tr.t("grade-watch-live"), theme.passed),
                    Link::Dropped(why) => (
                        format!(
                            "{} — {}",
                            tr.t("grade-watch-dropped"),
                            tr.data("unverifiable", why)
                        ),
                        theme.failed,
                    ),
                };
                cells.push(Cell::from(Span::styled(text, style)));
                Row::new(cells)
            })
            .collect();
        let mut widths = vec![Constraint::Length(
            self.rows
                .iter()
                .map(|r| r.name.chars().count())
                .max()
                .unwrap_or(8)
                .clamp(8, 24) as u16,
        )];
        widths.extend(
            self.lessons
                .iter()
                .map(|l| Constraint::Length(l.chars().count().max(5) as u16)),
        );
        widths.push(Constraint::Length(7));
        widths.push(Constraint::Min(10));
        let table = Table::new(rows, widths)
            .header(Row::new(header).style(theme.table_header))
            .column_spacing(2)
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme.table_border)
                    .title(Line::from(Span::styled(
                        tr.t("grade-watch-title"),
                        theme.heading2,
                    ))),
            );
        f.render_widget(table, area);
    }
}

fn score_cell(s: Option<&Score>, theme: &Theme) -> Cell<'static> {
    let Some(s) = s else {
        return Cell::from(Span::styled("…", theme.muted));
    };
    let style: Style = if s.failed > 0 {
        theme.failed
    } else if s.passed == s.required {
        theme.passed
    } else {
        theme.unknown
    };
    Cell::from(Span::styled(s.fraction(), style))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    fn text(board: &Board) -> String {
        let backend = ratatui::backend::TestBackend::new(80, 8);
        let mut t = ratatui::Terminal::new(backend).expect("terminal");
        t.draw(|f| board.view(f, &Tr::new(Lang::En), &Theme::new(false)))
            .expect("draw");
        let buf = t.backend().buffer().clone();
        (0..buf.area.height)
            .map(|y| {
                (0..buf.area.width)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn cells_fill_in_as_hosts_report_and_dropped_hosts_say_so() {
        let mut b = Board::new(
            vec!["01-imagen".into(), "02-red".into()],
            vec!["ana".into(), "luis".into()],
        );
        let before = text(&b);
        assert!(before.contains("connecting…"), "{before}");
        let s = |passed, required| Score {
            passed,
            required,
            ..Default::default()
        };
        assert!(b.apply(Update::Link(0, Link::Live)));
        assert!(b.apply(Update::Scores(0, vec![s(3, 3), s(1, 2)])));
        assert!(
            !b.apply(Update::Scores(0, vec![s(3, 3), s(1, 2)])),
            "same scores: no redraw"
        );
        b.apply(Update::Link(
            1,
            Link::Dropped(crate::check::Unverifiable::DaemonTimeout {
                host: "tcp://10.0.0.9:2375".into(),
            }),
        ));
        let after = text(&b);
        let ana = after
            .lines()
            .find(|l| l.contains("ana"))
            .expect("ana's row");
        assert!(
            ana.contains("3/3") && ana.contains("1/2") && ana.contains("4/5"),
            "{after}"
        );
        assert!(ana.contains("live"), "{after}");
        let luis = after
            .lines()
            .find(|l| l.contains("luis"))
            .expect("luis's row");
        assert!(
            luis.contains("dropped, reconnecting — Could not verify"),
            "{after}"
        );
        assert!(luis.contains('…'), "no grade yet: {after}");
    }
}
