//! The checkpoints of the step on screen, live: each with its verdict and, when it failed or
//! could not be verified, the reason in the learner's language, wrapped under its mark.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use super::{status_symbol, wrap};
use crate::app::App;
use crate::check::{Check, Status};
use crate::i18n::{check_message, Tr};
use crate::ui::theme::Theme;

/// Cells before a checkpoint's text (its mark and a space); wrapped rows are indented as much.
const GUTTER: usize = 2;

/// Rows the panel wants at `width`: a top rule and every checkpoint's wrapped text, at most half
/// of `room` (the step text keeps the rest), at least three.
pub fn height(app: &App, tr: &Tr, width: u16, room: u16) -> u16 {
    let entries = entries(app, tr);
    if entries.is_empty() {
        return 0;
    }
    let text_width = usize::from(width).saturating_sub(GUTTER);
    let rows: usize = entries
        .iter()
        .map(|(_, text)| wrap(text, text_width).len())
        .sum::<usize>()
        + folder(app, tr).map_or(0, |f| wrap(&f, text_width).len());
    let wanted = u16::try_from(rows + 1).unwrap_or(u16::MAX);
    wanted.min(room / 2).max(3)
}

/// The folder being watched, for a step whose checks read it (files, Dockerfile, Compose project).
fn folder(app: &App, tr: &Tr) -> Option<String> {
    let path = app.workdir.as_deref()?;
    let reads = app
        .step()?
        .checks
        .iter()
        .any(|c| matches!(c, Check::File(_) | Check::Dockerfile(_) | Check::Compose(_)));
    reads.then(|| tr.ta("tui-watching", &[("path", path)]))
}

/// Each checkpoint's verdict (`None`: not checked yet) and sentence.
fn entries(app: &App, tr: &Tr) -> Vec<(Option<Status>, String)> {
    let Some(step) = app.step() else {
        return Vec::new();
    };
    let result = app.rounds.results.get(&app.reading.viewing);
    step.checks
        .iter()
        .enumerate()
        .map(|(i, check)| match result.and_then(|r| r.checks.get(i)) {
            Some(c) => (Some(c.outcome.status()), check_message(c, tr)),
            None => (
                None,
                tr.ta(
                    "tui-check-pending",
                    &[("kind", check.kind()), ("target", &check.target())],
                ),
            ),
        })
        .collect()
}

/// Draws the checkpoints in `area`.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, tr: &Tr, theme: &Theme) {
    let entries = entries(app, tr);
    if entries.is_empty() || area.height == 0 {
        return;
    }
    let text_width = usize::from(area.width).saturating_sub(GUTTER);
    let mut lines = Vec::new();
    for (status, text) in entries {
        let (symbol, style) = match status {
            Some(s @ Status::Passed) => (status_symbol(s), theme.passed),
            Some(s @ Status::Failed) => (status_symbol(s), theme.failed),
            Some(s @ Status::Unknown) => (status_symbol(s), theme.unknown),
            None => ("…", theme.muted),
        };
        for (i, row) in wrap(&text, text_width).into_iter().enumerate() {
            let lead = if i == 0 {
                format!("{symbol} ")
            } else {
                " ".repeat(GUTTER)
            };
            lines.push(Line::from(vec![
                Span::styled(lead, style),
                Span::styled(row, style),
            ]));
        }
    }
    if let Some(f) = folder(app, tr) {
        for (i, row) in wrap(&f, text_width).into_iter().enumerate() {
            let lead = if i == 0 { "▸ " } else { "  " };
            lines.push(Line::from(vec![
                Span::styled(lead, theme.muted),
                Span::styled(row, theme.muted),
            ]));
        }
    }
    let mut title = format!(" {} ", tr.t("tui-checks"));
    if app.rounds.checking {
        title.push_str(&format!("· {} ", tr.t("tui-checking")));
    }
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Span::styled(title, theme.heading2));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
