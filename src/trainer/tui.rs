//! The full-screen trainer: one loop fanning in terminal events, runtime messages and signals,
//! drawing `view(&App)` after each batch. The terminal is restored on every way out.

use std::io::Write;

use futures_util::StreamExt;
use ratatui::crossterm::event::{Event, EventStream};
use tokio::signal::unix::{signal, SignalKind};

use super::runtime::Runtime;
use crate::app::{keymap, update, Action, App, Effect, Msg};
use crate::i18n::Tr;
use crate::lang::Lang;
use crate::term;
use crate::ui::theme::Theme;
use crate::ui::view::{view, Measured};

/// Runs the trainer until the learner quits (or a signal arrives). `Err` when the terminal could
/// not be set up.
pub async fn run(mut app: App, mut rt: Runtime) -> Result<(), term::TermError> {
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
    let mut term_sig = signal(SignalKind::terminate()).ok();
    let mut hup_sig = signal(SignalKind::hangup()).ok();
    let mut pending = update(&mut app, Msg::Action(Action::Recheck));
    let mut measured = Measured::default();
    let mut redraw = true;
    'outer: loop {
        for e in rt.execute(std::mem::take(&mut pending)) {
            match e {
                Effect::Quit => break 'outer,
                Effect::Copy(text) => {
                    let mut out = std::io::stdout();
                    let _ = out.write_all(&crate::ui::clipboard::osc52_from_env(&text));
                    let _ = out.flush();
                }
                Effect::Suspend => {
                    term::suspend(&mut terminal)?;
                }
                _ => {}
            }
        }
        // No frame when nothing on screen changed (a tick with no confirmation showing).
        if std::mem::take(&mut redraw) {
            let lang = app.lang;
            terminal
                .draw(|f| measured = view(f, &app, tr(lang), &theme))
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
                Some(Ok(e)) => keymap::action(&e).map(Msg::Action),
                Some(Err(_)) | None => break 'outer,
            },
            Some(m) = rt.rx.recv() => Some(m),
            _ = recv(&mut term_sig) => break 'outer,
            _ = recv(&mut hup_sig) => break 'outer,
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
    drop(terminal);
    term::restore()?;
    Ok(())
}

/// Waits for a signal, or forever when it could not be installed.
async fn recv(sig: &mut Option<tokio::signal::unix::Signal>) {
    match sig {
        Some(s) => {
            s.recv().await;
        }
        None => std::future::pending().await,
    }
}
