//! The status line: the daemon (version and endpoint, or why it cannot be reached and how to fix
//! it), a progress save problem if any, and the main keys. Messages are wrapped here, so the
//! panel's height covers them whole: the fix for an unreachable daemon is never cut off. While
//! the shell pane has the focus, the keys are the pane's.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::lessons::fit;
use super::wrap;
use crate::app::{App, DaemonStatus};
use crate::i18n::Tr;
use crate::ui::markdown::width as cells;
use crate::ui::theme::Theme;

/// How a piece of the status line looks.
#[derive(Debug, Clone, Copy)]
enum Tone {
    Passed,
    Failed,
    Unknown,
    Text,
    Muted,
}

type Row = Vec<(String, Tone)>;

/// Keys the status line keeps before the daemon's endpoint: `F2`, `?`, `h` and `r`.
const FIRST_KEYS: usize = 4;

/// Rows the status line needs at `width`: one while the daemon is up, more for a save error or
/// an unreachable daemon (why, and the fix).
pub fn height(app: &App, tr: &Tr, width: u16) -> u16 {
    u16::try_from(rows(app, tr, usize::from(width)).len()).unwrap_or(u16::MAX)
}

/// Draws the status line in `area`.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, tr: &Tr, theme: &Theme) {
    let style = |tone: Tone| -> Style {
        match tone {
            Tone::Passed => theme.passed,
            Tone::Failed => theme.failed,
            Tone::Unknown => theme.unknown,
            Tone::Text => theme.text,
            Tone::Muted => theme.muted,
        }
    };
    let lines: Vec<Line> = rows(app, tr, usize::from(area.width))
        .into_iter()
        .map(|row| {
            Line::from(
                row.into_iter()
                    .map(|(text, tone)| Span::styled(text, style(tone)))
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).style(theme.status_bar), area);
}

/// The status line's rows, each no wider than `width`.
fn rows(app: &App, tr: &Tr, width: usize) -> Vec<Row> {
    // The shell key first: what does not fit at the right is left out.
    let keys = if app.shell.focused {
        tr.t("tui-keys-in-shell")
    } else {
        format!("{} · {}", tr.t("tui-keys-shell"), tr.t("tui-keys"))
    };
    let mut out: Vec<Row> = Vec::new();
    if let Some(e) = &app.save_error {
        for r in wrap(&tr.ta("tui-save-error", &[("error", e)]), width) {
            out.push(vec![(r, Tone::Failed)]);
        }
    }
    let (state, tone) = match &app.daemon {
        DaemonStatus::Connecting => (
            format!("… {}", tr.t("tui-daemon-connecting")),
            Tone::Unknown,
        ),
        DaemonStatus::Up { version, host } => (
            format!(
                "● {}",
                tr.ta("tui-daemon-up", &[("version", version), ("host", host)])
            ),
            Tone::Passed,
        ),
        DaemonStatus::Down(u) => {
            for r in wrap(&format!("✘ {}", tr.data("unverifiable", u)), width) {
                out.push(vec![(r, Tone::Failed)]);
            }
            let (fix, _) = crate::i18n::data_message("fix", u);
            let fix = if tr.has(&fix) {
                tr.data("fix", u)
            } else {
                tr.t("tui-daemon-retrying")
            };
            let mut fix_rows = wrap(&fix, width);
            let last = fix_rows.pop().unwrap_or_default();
            for r in fix_rows {
                out.push(vec![(r, Tone::Text)]);
            }
            // The keys share the fix's last row when they fit after it.
            if cells(&last) + 2 + cells(&keys) <= width {
                out.push(with_keys(last, Tone::Text, &keys, width));
            } else {
                out.push(vec![(last, Tone::Text)]);
                out.push(vec![(fit(&keys, width), Tone::Muted)]);
            }
            return out;
        }
    };
    // One row: the daemon on the left (its endpoint is the diagnosis when checks fail), then as
    // many of the keys as fit on the right, `? help` first. When the endpoint would crowd out the
    // first keys (up to `r`), it goes: the help overlay (`?`) still names it.
    let first_keys = keys
        .split(" · ")
        .take(FIRST_KEYS)
        .collect::<Vec<_>>()
        .join(" · ");
    let state = match &app.daemon {
        DaemonStatus::Up { version, .. } if cells(&state) + 2 + cells(&first_keys) > width => {
            format!(
                "● {}",
                tr.ta("tui-daemon-up-short", &[("version", version)])
            )
        }
        _ => state,
    };
    let state = fit(&state, width);
    let room = width.saturating_sub(cells(&state) + 2);
    let mut shown = String::new();
    for item in keys.split(" · ") {
        let longer = if shown.is_empty() {
            item.to_string()
        } else {
            format!("{shown} · {item}")
        };
        if cells(&longer) > room {
            break;
        }
        shown = longer;
    }
    if shown.is_empty() {
        out.push(vec![(state, tone)]);
    } else {
        out.push(with_keys(state, tone, &shown, width));
    }
    out
}

/// `left`, then the keys against the right edge.
fn with_keys(left: String, tone: Tone, keys: &str, width: usize) -> Row {
    let gap = width.saturating_sub(cells(&left) + cells(keys)).max(2);
    vec![
        (left, tone),
        (" ".repeat(gap), Tone::Muted),
        (keys.to_string(), Tone::Muted),
    ]
}
