//! Drawing the board: a frame (title with the graded count and the sort, the position in the
//! list, the key line) around the learner table or the step table (`steps`). A read-only
//! projection of [`Board`]: only the visible rows are built, so a 300-row class costs a page.

use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};
use ratatui::Frame;

use super::alias::alias;
use super::{page, Board, LearnerRow, Link, Sort, View};
use crate::i18n::Tr;
use crate::report::Score;
use crate::ui::theme::Theme;

/// Width of a lesson's cell ("12/12").
const CELL: u16 = 5;
/// Narrowest the status column gets before lessons are left out.
const STATUS_MIN: u16 = 12;
/// The points column: `41.5/84`.
const POINTS_W: u16 = 8;

/// Draws the board over the whole frame.
pub fn view(f: &mut Frame, b: &Board, tr: &Tr, theme: &Theme) {
    let [body, keys] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(f.area());
    let first = b.first();
    let shown = b.len().saturating_sub(first).min(page(b.height));
    let position = tr.ta(
        match b.view {
            View::Learners => "grade-board-rows",
            View::Steps => "grade-board-steps-pos",
        },
        &[
            ("from", &(first + usize::from(shown > 0)).to_string()),
            ("to", &(first + shown).to_string()),
            ("total", &b.len().to_string()),
        ],
    );
    // Lessons that do not fit the width are reached with ← →; say which are shown.
    let (from, fit) = b.lesson_window(lessons_fitting(b, f.area().width, tr));
    let position = match (
        b.view,
        b.lessons.get(from),
        b.lessons.get(from + fit.max(1) - 1),
    ) {
        (View::Learners, Some(a), Some(z)) if fit < b.lessons.len() => {
            let lessons = tr.ta(
                "grade-board-lessons",
                &[
                    ("from", &short(a)),
                    ("to", &short(z)),
                    ("total", &b.lessons.len().to_string()),
                ],
            );
            format!("{position} · {lessons}")
        }
        _ => position,
    };
    let sort = tr.t(match b.sort {
        Sort::Name => "grade-board-sort-name",
        Sort::Progress => "grade-board-sort-progress",
        Sort::Stalled => "grade-board-sort-stalled",
    });
    let title = match b.view {
        View::Learners => tr.t("grade-board-title"),
        View::Steps => tr.t("grade-board-title-steps"),
    };
    let graded = tr.ta(
        "grade-board-graded",
        &[
            ("graded", &b.settled().to_string()),
            ("total", &b.rows.len().to_string()),
        ],
    );
    let mut head = vec![
        Span::styled(format!(" {title}"), theme.heading2),
        sep(theme),
    ];
    head.push(Span::styled(graded, theme.text));
    if b.view == View::Learners {
        head.push(sep(theme));
        head.push(Span::styled(
            tr.ta("grade-board-sort", &[("by", &sort)]),
            theme.text,
        ));
    }
    head.push(Span::raw(" "));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.table_border)
        .title(Line::from(head))
        .title_bottom(Line::from(format!(" {position} ")).alignment(Alignment::Right));
    let inner = block.inner(body);
    f.render_widget(block, body);
    match b.view {
        View::Learners => learners(f, inner, b, first, shown, tr, theme),
        View::Steps => super::steps::view(f, inner, b, first, shown, tr, theme),
    }
    f.render_widget(
        Paragraph::new(Span::styled(tr.t("grade-board-keys"), theme.muted)),
        keys,
    );
}

fn sep(theme: &Theme) -> Span<'static> {
    Span::styled(" · ", theme.muted)
}

/// The learner table: name, total, time without progress, as many lessons as fit, status.
fn learners(
    f: &mut Frame,
    area: Rect,
    b: &Board,
    first: usize,
    shown: usize,
    tr: &Tr,
    theme: &Theme,
) {
    let total = b.rows.len();
    let name = |i: usize, r: &LearnerRow| {
        if b.anonymize {
            alias(tr, i, total)
        } else {
            r.name.clone()
        }
    };
    let order = b.order();
    let visible = &order[first.min(order.len())..(first + shown).min(order.len())];
    let name_w = name_width(b, tr);
    let idle_head = tr.t("grade-board-col-idle");
    let idle_w = (idle_head.chars().count() as u16).max(7);
    let (from, fit) = b.lesson_window(fit_in(b, area.width, tr));
    let shown = from..from + fit;
    let mut header = vec![
        Cell::from(tr.t("grade-col-learner")),
        Cell::from(tr.t("grade-col-total")),
        Cell::from(tr.t("grade-col-points")),
        Cell::from(idle_head),
    ];
    header.extend(
        b.lessons[shown.clone()]
            .iter()
            .map(|l| Cell::from(short(l))),
    );
    header.push(Cell::from(tr.t("grade-board-col-link")));
    let rows: Vec<Row> = visible
        .iter()
        .map(|&i| {
            let r = &b.rows[i];
            let s = r.summary.as_ref();
            let total = s.map(|s| s.total());
            let mut cells = vec![
                Cell::from(name(i, r)),
                score_cell(total.as_ref(), theme),
                points_cell(total.as_ref(), theme),
                Cell::from(Span::styled(idle(b, r, tr), theme.muted)),
            ];
            for l in shown.clone() {
                cells.push(score_cell(s.and_then(|s| s.scores.get(l)), theme));
            }
            cells.push(link_cell(&r.link, tr, theme));
            Row::new(cells)
        })
        .collect();
    let mut widths = vec![
        Constraint::Length(name_w),
        Constraint::Length(7),
        Constraint::Length(POINTS_W),
        Constraint::Length(idle_w),
    ];
    widths.extend((0..fit).map(|_| Constraint::Length(CELL)));
    widths.push(Constraint::Min(STATUS_MIN));
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.table_header))
        .column_spacing(1);
    f.render_widget(table, area);
}

/// The name column's width: over the whole class (not the page), so the columns stay put while
/// scrolling.
fn name_width(b: &Board, tr: &Tr) -> u16 {
    if b.anonymize {
        alias(tr, 0, b.rows.len()).chars().count()
    } else {
        b.rows
            .iter()
            .map(|r| r.name.chars().count())
            .max()
            .unwrap_or(8)
    }
    .clamp(8, 24) as u16
}

/// How many lesson columns fit a table `width` cells wide, beside the fixed columns.
fn fit_in(b: &Board, width: u16, tr: &Tr) -> usize {
    let idle_w = (tr.t("grade-board-col-idle").chars().count() as u16).max(7);
    let fixed = name_width(b, tr) + 1 + 7 + 1 + POINTS_W + 1 + idle_w + 1 + STATUS_MIN;
    usize::from(width.saturating_sub(fixed) / (CELL + 1)).min(b.lessons.len())
}

/// How many lesson columns fit a terminal `width` columns wide (the board's borders out).
pub fn lessons_fitting(b: &Board, width: u16, tr: &Tr) -> usize {
    fit_in(b, width.saturating_sub(2), tr)
}

/// A lesson's column heading: its number ("01-imagen-python" → "01"), else its id.
fn short(id: &str) -> String {
    match id.split_once('-') {
        Some((n, _)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => n.to_string(),
        _ => id.chars().take(usize::from(CELL)).collect(),
    }
}

/// Time since the learner last passed a new step, in minutes (hours past 60).
fn idle(b: &Board, r: &LearnerRow, tr: &Tr) -> String {
    let Some(at) = r.progressed else {
        return "—".into();
    };
    let min = b.now.saturating_sub(at).as_secs() / 60;
    if min < 60 {
        tr.ta("grade-board-idle-min", &[("min", &min.to_string())])
    } else {
        tr.ta(
            "grade-board-idle-hours",
            &[
                ("h", &(min / 60).to_string()),
                ("min", &(min % 60).to_string()),
            ],
        )
    }
}

fn link_cell(link: &Link, tr: &Tr, theme: &Theme) -> Cell<'static> {
    let (text, style) = match link {
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
    Cell::from(Span::styled(text, style))
}

/// Points earned of the maximum; muted while some are pending (could not be verified).
fn points_cell(s: Option<&Score>, theme: &Theme) -> Cell<'static> {
    let Some(s) = s else {
        return Cell::from(Span::styled("…", theme.muted));
    };
    let style = match s.points.pending.is_zero() {
        true => Style::default(),
        false => theme.unknown,
    };
    Cell::from(Span::styled(s.points_fraction(), style))
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
