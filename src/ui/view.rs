//! The trainer's screen as a function of its state: `view(frame, app, tr, theme, shell)`. Lays
//! out the panels (lesson list, step, checkpoints, shell pane, status line, overlays). The same
//! layout, as [`measure`], tells the state how the step text sits on a screen of its size, so
//! `update` clamps scrolling by the arithmetic that draws and a frame never reports back. No
//! I/O, no locks: the shell pane arrives as an already copied [`PaneImage`].

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::panels::shell::PaneImage;
use super::panels::{checks, lessons, shell, status, step};
use super::theme::Theme;
use crate::app::{App, Flash, Measure, Modal, TextRows};
use crate::i18n::Tr;
use crate::i18n::Translators;

/// Below this width the lesson list is hidden.
const LIST_MIN_WIDTH: u16 = 70;

/// From this width the shell pane stands beside the lesson; below it, under the lesson.
pub const SIDE_BY_SIDE_MIN_WIDTH: u16 = 140;

/// With the shell pane open, the lesson list needs this much width for the lesson beside it.
const LIST_WITH_SHELL_MIN_WIDTH: u16 = 100;

/// Where the shell pane goes in a screen of `area` (its frame included), and whether it stands
/// beside the lesson; `None` while the pane is closed. The runtime sizes the shell's terminal
/// with [`shell_inner`] before drawing, so the child and the pane always agree.
fn split(area: Rect, app: &App, tr: &Tr) -> (Rect, Rect, Option<(Rect, bool)>) {
    let status_rows = status::height(app, tr, area.width);
    let [main, bottom] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(status_rows)]).areas(area);
    if !app.shell.open {
        return (main, bottom, None);
    }
    if main.width >= SIDE_BY_SIDE_MIN_WIDTH {
        let [lesson, pane] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(main);
        (lesson, bottom, Some((pane, true)))
    } else {
        // Lesson above (a little more than half: its checkpoints need rows), shell below.
        let pane_rows = main.height.saturating_sub(1) / 2;
        let [lesson, pane] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(pane_rows)]).areas(main);
        (lesson, bottom, Some((pane, false)))
    }
}

/// The shell's terminal inside a screen of `area`: the size its child must have.
pub fn shell_inner(area: Rect, app: &App, tr: &Tr) -> Option<Rect> {
    split(area, app, tr)
        .2
        .map(|(pane, side)| shell::block(side).inner(pane))
}

/// Where the panels go on a screen of `area`.
struct Areas {
    /// The lesson list, when there is room for it.
    list: Option<Rect>,
    /// The step text.
    text: Rect,
    /// The checkpoints under it.
    checks: Rect,
    /// The status line.
    bottom: Rect,
    /// The shell pane and whether it stands beside the lesson.
    shell: Option<(Rect, bool)>,
}

fn areas(area: Rect, app: &App, tr: &Tr) -> Areas {
    let (main, bottom, shell) = split(area, app, tr);
    let list_min = if app.shell.open {
        LIST_WITH_SHELL_MIN_WIDTH
    } else {
        LIST_MIN_WIDTH
    };
    let (list, content) = if main.width >= list_min {
        let list_width = (main.width / 4).clamp(24, 36);
        let [left, right] =
            Layout::horizontal([Constraint::Length(list_width), Constraint::Min(20)]).areas(main);
        (Some(left), right)
    } else {
        (None, main)
    };
    let check_rows = checks::height(app, tr, content.width, content.height);
    let [text, checks] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(check_rows)]).areas(content);
    Areas {
        list,
        text,
        checks,
        bottom,
        shell,
    }
}

/// How the step text sits on the state's screen ([`App::screen`]): what `update` clamps
/// scrolling to.
pub fn measure(app: &App, tr: &Tr, theme: &Theme) -> TextRows {
    let screen = Rect::new(0, 0, app.screen.cols, app.screen.rows);
    step::measure(app, tr, theme, areas(screen, app, tr).text)
}

/// [`measure`] for the state to keep, in whichever language it is in.
pub fn measurer(trs: std::rc::Rc<Translators>, theme: Theme) -> Measure {
    Box::new(move |app| measure(app, trs.get(app.lang), &theme))
}

/// Draws the whole screen; `pane` is the shell's screen when the pane is open.
pub fn view(frame: &mut Frame, app: &App, tr: &Tr, theme: &Theme, pane: Option<&PaneImage>) {
    let area = frame.area();
    let a = areas(area, app, tr);
    if let Some((rect, side)) = a.shell {
        shell::draw(frame, rect, side, app, pane, tr, theme);
    }
    if let Some(list) = a.list {
        lessons::draw(frame, list, app, tr, theme);
    }
    step::draw(frame, a.text, app, tr, theme);
    checks::draw(frame, a.checks, app, tr, theme);
    status::draw(frame, a.bottom, app, tr, theme);
    if let Some((flash, _)) = &app.overlay.flash {
        draw_flash(frame, a.text, flash, app, tr, theme);
    }
    if app.overlay.modal == Some(Modal::Help) {
        draw_help(frame, area, app, tr, theme);
    }
}

fn draw_flash(frame: &mut Frame, area: Rect, flash: &Flash, app: &App, tr: &Tr, theme: &Theme) {
    let (text, style) = match flash {
        Flash::Passed(k) => (
            tr.ta("flash-passed", &[("step", &step_title(app, k))]),
            theme.passed,
        ),
        Flash::Skipped(k) => (
            tr.ta("flash-skipped", &[("step", &step_title(app, k))]),
            theme.muted,
        ),
        Flash::CourseDone => (tr.t("flash-course-done"), theme.passed),
        Flash::Placeholder(p) => (
            tr.ta("flash-placeholder", &[("placeholder", p)]),
            theme.emphasis,
        ),
        Flash::Copied => (
            tr.t(crate::ui::clipboard::copied_message(app.clipboard)),
            theme.muted,
        ),
        Flash::Refused(id) => (tr.t(id), theme.failed),
        Flash::Notice(text) => (text.clone(), theme.failed),
        Flash::ShellExited(code) => (
            tr.ta("tui-shell-exited", &[("code", &code.to_string())]),
            theme.muted,
        ),
        Flash::ShellFailed(why) => (tr.ta("tui-shell-failed", &[("error", why)]), theme.failed),
    };
    let cells = crate::ui::markdown::width(&text) as u16;
    let width = (cells + 4).min(area.width);
    // A long notice (a file path) wraps instead of being cut.
    let rows = cells.div_ceil(width.saturating_sub(4).max(1)).max(1);
    let height = (rows + 2).min(area.height);
    let rect = Rect {
        x: area.x + area.width.saturating_sub(width) / 2,
        // At the foot of the step text, right above the checkpoints it is about.
        y: area.y + area.height.saturating_sub(height),
        width,
        height,
    };
    frame.render_widget(Clear, rect);
    let block = Block::default().borders(Borders::ALL).border_style(style);
    frame.render_widget(
        Paragraph::new(Line::from(Span::styled(text, style)))
            .block(block)
            .wrap(ratatui::widgets::Wrap { trim: true }),
        rect,
    );
}

fn step_title(app: &App, k: &crate::key::StepKey) -> String {
    app.course
        .step(k)
        .map(|(_, s)| s.title(app.lang).to_string())
        .unwrap_or_default()
}

fn draw_help(frame: &mut Frame, area: Rect, app: &App, tr: &Tr, theme: &Theme) {
    /// Cells of the keys column.
    const KEYS: usize = 16;
    let width = area.width.saturating_sub(4).min(80);
    // What a key does wraps under itself, so no description is cut at the overlay's edge.
    let room = usize::from(width.saturating_sub(2)).saturating_sub(KEYS);
    let mut rows: Vec<Line> = Vec::new();
    for binding in crate::app::keymap::help() {
        let wrapped = super::panels::wrap(&tr.t(binding.help), room);
        for (i, part) in wrapped.into_iter().enumerate() {
            let keys = if i == 0 { binding.keys } else { "" };
            rows.push(Line::from(vec![
                Span::styled(format!("{keys:<KEYS$}"), theme.strong),
                Span::styled(part, theme.text),
            ]));
        }
    }
    // Which folder the file checks read and the watcher follows (`--workdir` changes it).
    if let crate::app::DaemonStatus::Up { version, host } = &app.daemon {
        let text = tr.ta("tui-daemon-up", &[("version", version), ("host", host)]);
        for part in super::panels::wrap(&text, usize::from(width.saturating_sub(2))) {
            rows.push(Line::from(Span::styled(part, theme.muted)));
        }
    }
    if let Some(path) = &app.workdir {
        let text = tr.ta("tui-watching-help", &[("path", path)]);
        for part in super::panels::wrap(&text, usize::from(width.saturating_sub(2))) {
            rows.push(Line::from(Span::styled(part, theme.muted)));
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
