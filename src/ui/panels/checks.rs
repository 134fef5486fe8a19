//! The checkpoints of the step on screen, live: each with its verdict and, when it failed or
//! could not be verified, the reason in the learner's language.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui::Frame;

use super::status_symbol;
use crate::app::App;
use crate::check::Status;
use crate::i18n::{check_message, Tr};
use crate::ui::theme::Theme;

/// Rows the panel wants (its checks, wrapped lines aside), at most a third of `room`.
pub fn height(app: &App, room: u16) -> u16 {
    let n = app.step().map_or(0, |s| s.checks.len()) as u16;
    if n == 0 {
        return 0;
    }
    (n * 2 + 1).min(room / 3).max(3)
}

/// Draws the checkpoints in `area`.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, tr: &Tr, theme: &Theme) {
    let Some(step) = app.step() else { return };
    if step.checks.is_empty() || area.height == 0 {
        return;
    }
    let result = app.results.get(&app.viewing);
    let mut lines = Vec::new();
    for (i, check) in step.checks.iter().enumerate() {
        let found = result.and_then(|r| r.checks.get(i));
        let (symbol, style, text) = match found {
            Some(c) => {
                let s = c.outcome.status();
                let style = match s {
                    Status::Passed => theme.passed,
                    Status::Failed => theme.failed,
                    Status::Unknown => theme.unknown,
                };
                (status_symbol(s), style, check_message(c, tr))
            }
            None => (
                "…",
                theme.muted,
                tr.ta(
                    "tui-check-pending",
                    &[("kind", check.kind()), ("target", &check.target())],
                ),
            ),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{symbol} "), style),
            Span::styled(text, style),
        ]));
    }
    let mut title = format!(" {} ", tr.t("tui-checks"));
    if app.checking {
        title.push_str(&format!("· {} ", tr.t("tui-checking")));
    }
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Span::styled(title, theme.heading2));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}
