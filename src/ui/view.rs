//! The trainer's screen as a function of its state: `view(frame, app, tr, theme)`. Lays out the
//! panels (lesson list, step, checkpoints, status line, overlays) and reports what it measured
//! (scroll range, code blocks) so `update` can clamp scrolling. No I/O, no locks.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::panels::{checks, lessons, status, step};
use super::theme::Theme;
use crate::app::{App, Flash, Modal};
use crate::i18n::Tr;

/// What a drawn frame measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Measured {
    /// Largest useful scroll offset of the step text.
    pub max_scroll: u16,
    /// Rows of step text visible.
    pub page_height: u16,
    /// Code blocks in the step text.
    pub code_blocks: usize,
}

/// Below this width the lesson list is hidden.
const LIST_MIN_WIDTH: u16 = 70;

/// Draws the whole screen.
pub fn view(frame: &mut Frame, app: &App, tr: &Tr, theme: &Theme) -> Measured {
    let area = frame.area();
    let status_rows = status::height(app, tr, area.width);
    let [main, bottom] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(status_rows)]).areas(area);
    let content = if area.width >= LIST_MIN_WIDTH {
        let list_width = (area.width / 4).clamp(24, 36);
        let [left, right] =
            Layout::horizontal([Constraint::Length(list_width), Constraint::Min(20)]).areas(main);
        lessons::draw(frame, left, app, tr, theme);
        right
    } else {
        main
    };
    let check_rows = checks::height(app, tr, content.width, content.height);
    let [text_area, checks_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(check_rows)]).areas(content);
    let measured = step::draw(frame, text_area, app, tr, theme);
    checks::draw(frame, checks_area, app, tr, theme);
    status::draw(frame, bottom, app, tr, theme);
    if let Some((flash, _)) = &app.flash {
        draw_flash(frame, text_area, flash, app, tr, theme);
    }
    if app.modal == Some(Modal::Help) {
        draw_help(frame, area, tr, theme);
    }
    measured
}

fn draw_flash(frame: &mut Frame, area: Rect, flash: &Flash, app: &App, tr: &Tr, theme: &Theme) {
    let (text, style) = match flash {
        Flash::Passed(k) => {
            let title = app
                .course
                .step(k)
                .map(|(_, s)| s.title(app.lang).to_string())
                .unwrap_or_default();
            (tr.ta("flash-passed", &[("step", &title)]), theme.passed)
        }
        Flash::CourseDone => (tr.t("flash-course-done"), theme.passed),
        Flash::Copied => (tr.t("flash-copied"), theme.muted),
        Flash::Refused(id) => (tr.t(id), theme.failed),
    };
    let width = (crate::ui::markdown::width(&text) as u16 + 4).min(area.width);
    let rect = Rect {
        x: area.x + area.width.saturating_sub(width) / 2,
        // At the foot of the step text, right above the checkpoints it is about.
        y: area.y + area.height.saturating_sub(3),
        width,
        height: 3.min(area.height),
    };
    frame.render_widget(Clear, rect);
    let block = Block::default().borders(Borders::ALL).border_style(style);
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(text, style))).block(block),
        rect,
    );
}

fn draw_help(frame: &mut Frame, area: Rect, tr: &Tr, theme: &Theme) {
    /// Cells of the keys column.
    const KEYS: usize = 16;
    let width = area.width.saturating_sub(4).min(80);
    // What a key does wraps under itself, so no description is cut at the overlay's edge.
    let room = usize::from(width.saturating_sub(2)).saturating_sub(KEYS);
    let mut rows: Vec<Line> = Vec::new();
    for (keys, id) in crate::app::keymap::HELP {
        for (i, part) in super::panels::wrap(&tr.t(id), room).into_iter().enumerate() {
            let keys = if i == 0 { *keys } else { "" };
            rows.push(Line::from(vec![
                Span::styled(format!("{keys:<KEYS$}"), theme.strong),
                Span::styled(part, theme.text),
            ]));
        }
    }
    let height = (rows.len() as u16 + 2).min(area.height);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + area.height.saturating_sub(height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(tr.t("tui-help-title"), theme.heading2));
    frame.render_widget(
        Paragraph::new(rows)
            .block(block)
            .wrap(ratatui::widgets::Wrap { trim: false }),
        rect,
    );
}
