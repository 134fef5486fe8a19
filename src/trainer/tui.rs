//! The full-screen trainer: one loop fanning in terminal events, runtime messages, the shell
//! pane's output and signals, drawing `view(&App)` after each batch. While the shell pane has the
//! focus, keys (all but F2) go to the shell. The terminal is restored, and the shell hung up and
//! reaped, on every way out.

use std::io::Write;
use std::path::PathBuf;

use futures_util::StreamExt;
use ratatui::crossterm::event::{Event, EventStream, KeyCode, KeyModifiers, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::runtime::Runtime;
use crate::app::{keymap, update, Action, App, Effect, Msg};
use crate::i18n::Tr;
use crate::lang::Lang;
use crate::shell::{self, keys, Slot};
use crate::term;
use crate::ui::panels::shell::capture;
use crate::ui::theme::Theme;
use crate::ui::view::{shell_inner, view, Measured};

/// The shortest time between two frames drawn for the shell pane's output (about 60 a second).
const FRAME: std::time::Duration = std::time::Duration::from_millis(16);

/// How the full-screen trainer starts.
#[derive(Debug, Clone)]
pub struct Options {
    /// The learner's folder: where the shell pane starts.
    pub workdir: PathBuf,
    /// Open with the shell pane, focused.
    pub shell: bool,
}

/// Runs the trainer until the learner quits (or a signal arrives). `Err` when the terminal could
/// not be set up.
pub async fn run(mut app: App, mut rt: Runtime, opts: Options) -> Result<(), term::TermError> {
    term::install_panic_hook();
    let mut terminal = term::init()?;
    let _guard = term::RestoreGuard::new();
    let trs = [Tr::new(Lang::Es), Tr::new(Lang::En)];
    let tr = |l: Lang| match l {
        Lang::Es => &trs[0],
        Lang::En => &trs[1],
    };
    let theme = Theme::from_env();
    let mut events = EventStream::new();
    let mut quit = crate::platform::Quit::new();
    let mut pending = update(&mut app, Msg::Action(Action::Recheck));
    if opts.shell {
        pending.extend(update(&mut app, Msg::Action(Action::Shell)));
    }
    let mut slot = Slot::new(shell::program(), opts.workdir);
    let shell_output = slot.waker();
    let mut measured = Measured::default();
    let mut redraw = true;
    let mut last_frame = tokio::time::Instant::now();
    let mut output_frame = false;
    'outer: loop {
        for e in rt.execute(std::mem::take(&mut pending)) {
            match e {
                Effect::Quit => break 'outer,
                Effect::OpenShell => {
                    let (rows, cols) = pane_size(&terminal, &app, tr(app.lang));
                    if let Err(e) = slot.open(rows, cols) {
                        pending.extend(update(&mut app, Msg::ShellFailed(e.to_string())));
                    }
                }
                Effect::TypeInShell(text) => {
                    let _ = slot.type_text(text);
                }
                Effect::Copy(text) => {
                    let mut out = std::io::stdout();
                    let _ = out.write_all(&crate::ui::clipboard::osc52_from_env(&text));
                    let _ = out.flush();
                }
                #[cfg(unix)]
                Effect::Suspend => {
                    term::suspend(&mut terminal)?;
                }
                _ => {}
            }
        }
        if !pending.is_empty() {
            redraw = true;
            continue;
        }
        if let Some(exit) = slot.poll() {
            pending = update(&mut app, Msg::ShellExited(exit.code));
            redraw = true;
            continue;
        }
        // No frame when nothing on screen changed (a tick with no confirmation showing).
        if std::mem::take(&mut redraw) {
            // The child gets the pane's size before the pane is drawn (SIGWINCH on a change);
            // then its screen is copied under the lock, and drawing holds none.
            let lang = app.lang;
            let (rows, cols) = pane_size(&terminal, &app, tr(lang));
            let image = slot.get().map(|s| {
                let _ = s.resize(rows, cols);
                capture(s.parser().screen(), theme.colors)
            });
            // Only frames for output count: the echo of a key right after its own frame is
            // drawn at once.
            if std::mem::take(&mut output_frame) {
                last_frame = tokio::time::Instant::now();
            }
            terminal
                .draw(|f| measured = view(f, &app, tr(lang), &theme, image.as_ref()))
                .map_err(|source| term::TermError::Io {
                    step: "draw",
                    source,
                })?;
            if (
                measured.max_scroll,
                measured.page_height,
                measured.code_blocks,
            ) != (app.max_scroll, app.page_height, app.code_blocks)
            {
                pending = update(
                    &mut app,
                    Msg::Layout {
                        max_scroll: measured.max_scroll,
                        page_height: measured.page_height,
                        code_blocks: measured.code_blocks,
                    },
                );
                redraw = true;
                continue;
            }
        }
        let first = tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(Event::Resize(..))) => {
                    redraw = true;
                    None
                }
                Some(Ok(e)) => {
                    // Keys for the shell and scrolling its output change the pane.
                    redraw |= app.shell.open;
                    let pane = pane_rect(&terminal, &app, tr(app.lang));
                    route(&e, &app, &mut slot, pane)
                }
                Some(Err(_)) | None => break 'outer,
            },
            Some(m) = rt.rx.recv() => Some(m),
            _ = shell_output.notified() => {
                // At most one frame per FRAME for the shell's output: a flood (`seq 1 200000`)
                // then costs ~60 frames a second, not one per chunk, and leaves the cores to the
                // program; a key typed meanwhile waits at most this long.
                tokio::time::sleep_until(last_frame + FRAME).await;
                redraw = true;
                output_frame = true;
                None
            }
            () = quit.recv() => break 'outer,
        };
        // Take everything already waiting before drawing again: a flood of daemon events or file
        // changes costs one frame, not one each.
        let mut batch: Vec<Msg> = first.into_iter().collect();
        while let Ok(m) = rt.rx.try_recv() {
            batch.push(m);
        }
        let timed = app.flash.is_some();
        for m in batch {
            rt.received(&m);
            redraw |= !matches!(m, Msg::Tick(_));
            pending.extend(update(&mut app, m));
        }
        redraw |= timed || !pending.is_empty();
    }
    // SIGHUP to the shell and reap it before the terminal is given back.
    slot.close();
    drop(terminal);
    term::restore()?;
    Ok(())
}

/// Where the shell's terminal is on the current screen.
fn pane_rect(terminal: &term::Tui, app: &App, tr: &Tr) -> Option<Rect> {
    let size = terminal.size().ok()?;
    shell_inner(Rect::new(0, 0, size.width, size.height), app, tr)
}

/// The rows and columns the shell's terminal has on the current screen.
fn pane_size(terminal: &term::Tui, app: &App, tr: &Tr) -> (u16, u16) {
    pane_rect(terminal, app, tr).map_or((24, 80), |r| (r.height, r.width))
}

/// A terminal event, while the shell pane may have the focus: keys (all but F2) and pastes go to
/// the shell, Shift-PgUp/PgDn and the wheel over the pane scroll its output; the rest becomes an
/// action through the keymap.
fn route(ev: &Event, app: &App, slot: &mut Slot, pane: Option<Rect>) -> Option<Msg> {
    let focused = app.shell.focused && app.modal.is_none();
    match (ev, slot.get()) {
        (Event::Key(k), Some(s)) if focused && !keymap::is_shell_key(k) => {
            let page = s.size().0.max(2) as isize - 1;
            match (k.code, k.modifiers.contains(KeyModifiers::SHIFT)) {
                (KeyCode::PageUp, true) => s.scroll(page),
                (KeyCode::PageDown, true) => s.scroll(-page),
                _ => {
                    if let Some(bytes) = keys::encode(k, s.application_cursor()) {
                        let _ = s.write(&bytes);
                    }
                }
            }
            None
        }
        (Event::Paste(text), Some(s)) if focused => {
            let _ = s.paste(text);
            None
        }
        (Event::Mouse(m), Some(s))
            if pane.is_some_and(|r| r.contains(Position::new(m.column, m.row))) =>
        {
            match m.kind {
                MouseEventKind::ScrollUp => s.scroll(3),
                MouseEventKind::ScrollDown => s.scroll(-3),
                _ => {}
            }
            None
        }
        _ => keymap::action(ev).map(Msg::Action),
    }
}
