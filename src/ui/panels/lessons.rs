//! The lesson list: every lesson with its progress, the one on screen opened to its steps
//! (done, current, locked, skipped; optional ones marked).

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use super::state_symbol;
use crate::app::App;
use crate::i18n::Tr;
use crate::key::StepKey;
use crate::session::StepState;
use crate::ui::theme::Theme;

/// Draws the list in `area`.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, tr: &Tr, theme: &Theme) {
    let inner_width = usize::from(area.width.saturating_sub(2));
    let mut lines: Vec<Line> = Vec::new();
    let mut focus = 0;
    for (i, lesson) in app.course.lessons.iter().enumerate() {
        let keys: Vec<StepKey> = lesson
            .steps
            .iter()
            .map(|s| StepKey::new(&lesson.id, &s.id))
            .collect();
        let done = keys
            .iter()
            .filter(|k| matches!(app.state(k), StepState::Done | StepState::Skipped))
            .count();
        let open = lesson.id == app.reading.viewing.lesson;
        let mark = if done == keys.len() {
            "✔"
        } else if keys.iter().any(|k| app.state(k) == StepState::Current) {
            "▶"
        } else if done > 0 {
            "◐"
        } else {
            "·"
        };
        let style = if open { theme.strong } else { theme.text };
        let counter = format!(" {done}/{}", keys.len());
        let title = format!("{mark} {:02} {}", i + 1, lesson.title.get(app.lang));
        lines.push(Line::from(vec![
            Span::styled(
                fit(&title, inner_width.saturating_sub(counter.chars().count())),
                style,
            ),
            Span::styled(counter, theme.muted),
        ]));
        if !open {
            continue;
        }
        for (step, key) in lesson.steps.iter().zip(&keys) {
            let state = app.state(key);
            let mut style = match state {
                StepState::Done => theme.passed,
                StepState::Skipped => theme.muted,
                StepState::Current => theme.strong,
                StepState::Locked => theme.locked,
            };
            if *key == app.reading.viewing {
                style = style.patch(theme.selection);
                focus = lines.len();
            }
            // The mark goes before the title, so a cut title still shows it.
            let optional = if step.optional {
                format!("[{}] ", tr.t("tui-optional-mark"))
            } else {
                String::new()
            };
            let text = format!(
                "  {} {optional}{}",
                state_symbol(state),
                step.title(app.lang)
            );
            lines.push(Line::from(Span::styled(fit(&text, inner_width), style)));
        }
    }
    let visible = usize::from(area.height.saturating_sub(2));
    let offset = focus.saturating_sub(visible.saturating_sub(2));
    let block = Block::default().borders(Borders::ALL).title(Span::styled(
        fit(app.course.title.get(app.lang), inner_width),
        theme.heading2,
    ));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .scroll((offset as u16, 0)),
        area,
    );
}

/// Cuts a text to `width` cells, with an ellipsis when it was longer.
pub fn fit(text: &str, width: usize) -> String {
    if crate::ui::markdown::width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if crate::ui::markdown::width(&out) + crate::ui::markdown::width(&c.to_string()) + 1 > width
        {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}
