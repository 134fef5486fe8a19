//! The status line: the daemon (version and endpoint, or why it cannot be reached and how to fix
//! it), a progress save problem if any, and the main keys (the shell pane's while it has focus).

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use crate::app::{App, DaemonStatus};
use crate::i18n::Tr;
use crate::ui::theme::Theme;

/// Rows the status line needs: one, or three when the daemon is down (why, and the fix).
pub fn height(app: &App) -> u16 {
    let base = match app.daemon {
        DaemonStatus::Down(_) => 3,
        _ => 1,
    };
    base + u16::from(app.save_error.is_some())
}

/// Draws the status line in `area`.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, tr: &Tr, theme: &Theme) {
    // The shell key first: at 80 columns the end of the line may not fit.
    let keys = if app.shell.focused {
        format!("  {}", tr.t("tui-keys-in-shell"))
    } else {
        format!("  {} · {}", tr.t("tui-keys-shell"), tr.t("tui-keys"))
    };
    let keys = Span::styled(keys, theme.muted);
    let mut lines = Vec::new();
    match &app.daemon {
        DaemonStatus::Connecting => lines.push(Line::from(vec![
            Span::styled(
                format!("… {}", tr.t("tui-daemon-connecting")),
                theme.unknown,
            ),
            keys,
        ])),
        DaemonStatus::Up { version, host } => lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "● {}",
                    tr.ta("tui-daemon-up", &[("version", version), ("host", host)])
                ),
                theme.passed,
            ),
            keys,
        ])),
        DaemonStatus::Down(u) => {
            lines.push(Line::from(vec![Span::styled(
                format!("✘ {}", tr.data("unverifiable", u)),
                theme.failed,
            )]));
            let (fix, _) = crate::i18n::data_message("fix", u);
            let fix = if tr.has(&fix) {
                tr.data("fix", u)
            } else {
                tr.t("tui-daemon-retrying")
            };
            lines.push(Line::from(vec![Span::styled(fix, theme.text), keys]));
        }
    }
    if let Some(e) = &app.save_error {
        lines.insert(
            0,
            Line::from(Span::styled(
                tr.ta("tui-save-error", &[("error", e)]),
                theme.failed,
            )),
        );
    }
    frame.render_widget(
        Paragraph::new(lines)
            .style(theme.status_bar)
            .wrap(Wrap { trim: true }),
        area,
    );
}
