//! The full-screen trainer: one loop fanning in terminal input, runtime messages, the shell
//! pane's output and signals; every input becomes a [`Msg`] for `update`, every [`Effect`] is
//! carried out in `apply`, and `view(&App)` is drawn after each batch. The loop runs on any
//! ratatui backend ([`run_on`]): the real terminal here, a `TestBackend` in the tests. The
//! terminal is restored, and the shell hung up and reaped, on every way out.

use std::io::Write;
use std::path::PathBuf;
use std::rc::Rc;

use futures_util::{Stream, StreamExt};
use ratatui::backend::Backend;
use ratatui::crossterm::event::{Event, EventStream};
use ratatui::layout::{Position, Rect};
use ratatui::Terminal;

use super::runtime::Runtime;
use crate::app::{keymap, update, Action, App, Effect, Msg, ShellInput};
use crate::i18n::Translators;
use crate::shell::{self, keys, Slot};
use crate::term::{self, TermError};
use crate::ui::panels::shell::capture;
use crate::ui::theme::Theme;
use crate::ui::view::{measurer, shell_inner, view};

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

/// What reaches the loop from outside the runtime.
#[derive(Debug)]
pub enum Input {
    /// The terminal reported something (a key, a paste, the mouse, a resize).
    Term(std::io::Result<Event>),
    /// A signal asked the trainer to end (SIGTERM, SIGHUP).
    Quit,
}

/// What the loop draws on, reads from and writes to: the real terminal, or a test backend with
/// scripted input.
pub struct Io<B: Backend, S, W> {
    /// The screen.
    pub terminal: Terminal<B>,
    /// Terminal input and signals; the loop ends when it ends.
    pub input: S,
    /// Where a copy goes (OSC 52): standard output.
    pub out: W,
    /// Gives the terminal back for Ctrl-Z and takes it again.
    pub suspend: fn(&mut Terminal<B>) -> Result<(), TermError>,
}

/// Runs the trainer until the learner quits (or a signal arrives). `Err` when the terminal could
/// not be set up.
pub async fn run(app: App, rt: Runtime, opts: Options) -> Result<(), TermError> {
    term::install_panic_hook();
    let terminal = term::init()?;
    let _guard = term::RestoreGuard::new();
    let signals = futures_util::stream::unfold(crate::platform::Quit::new(), |mut q| async {
        q.recv().await;
        Some((Input::Quit, q))
    });
    let input = futures_util::stream::select(EventStream::new().map(Input::Term), signals);
    let mut io = Io {
        terminal,
        input: Box::pin(input),
        out: std::io::stdout(),
        suspend: suspend_tui,
    };
    let mut slot = Slot::new(shell::program(), opts.workdir);
    let ran = run_on(&mut io, app, rt, &mut slot, opts.shell, Theme::from_env()).await;
    // SIGHUP to the shell and reap it before the terminal is given back.
    slot.close();
    drop(io);
    term::restore()?;
    ran.map(|_| ())
}

#[cfg(unix)]
fn suspend_tui(terminal: &mut term::Tui) -> Result<(), TermError> {
    term::suspend(terminal)
}

/// No job control on Windows: the keymap never asks for it.
#[cfg(not(unix))]
fn suspend_tui(_: &mut term::Tui) -> Result<(), TermError> {
    Ok(())
}

/// The loop, on any backend; returns the final state. `open_shell`: start with the shell pane.
pub async fn run_on<B, S, W>(
    io: &mut Io<B, S, W>,
    mut app: App,
    mut rt: Runtime,
    slot: &mut Slot,
    open_shell: bool,
    theme: Theme,
) -> Result<App, TermError>
where
    B: Backend,
    B::Error: std::error::Error + Send + Sync + 'static,
    S: Stream<Item = Input> + Unpin,
    W: Write,
{
    let trs = Rc::new(Translators::new());
    app.measured_by(measurer(trs.clone(), theme));
    let size = io
        .terminal
        .size()
        .map_err(io_err("read the terminal size"))?;
    let mut pending = update(
        &mut app,
        Msg::Resize {
            cols: size.width,
            rows: size.height,
        },
    );
    pending.extend(update(&mut app, Msg::Action(Action::Recheck)));
    if open_shell {
        pending.extend(update(&mut app, Msg::Action(Action::Shell)));
    }
    let shell_output = slot.waker();
    let mut redraw = true;
    let mut last_frame = tokio::time::Instant::now();
    let mut output_frame = false;
    loop {
        let mut replies = Vec::new();
        for e in std::mem::take(&mut pending) {
            match apply(e, &app, &rt, slot, io, &trs)? {
                Applied::Done => {}
                Applied::Reply(m) => replies.push(m),
                Applied::Quit => return Ok(app),
            }
        }
        for m in replies {
            pending.extend(update(&mut app, m));
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
            let tr = trs.get(app.lang);
            let (rows, cols) = pane_size(&app, &trs);
            let image = slot.get().map(|s| {
                let _ = s.resize(rows, cols);
                capture(s.parser().screen(), theme.colors)
            });
            // Only frames for output count: the echo of a key right after its own frame is
            // drawn at once.
            if std::mem::take(&mut output_frame) {
                last_frame = tokio::time::Instant::now();
            }
            io.terminal
                .draw(|f| view(f, &app, tr, &theme, image.as_ref()))
                .map_err(io_err("draw"))?;
        }
        let first = tokio::select! {
            input = io.input.next() => match input {
                Some(Input::Term(Ok(e))) => {
                    // Keys for the shell and scrolling its output change the pane.
                    redraw |= app.shell.open || matches!(e, Event::Resize(..));
                    keymap::message(&e, &app, over_pane(&e, &app, &trs))
                }
                Some(Input::Term(Err(_)) | Input::Quit) | None => return Ok(app),
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
        };
        // Take everything already waiting before drawing again: a flood of daemon events or file
        // changes costs one frame, not one each.
        let mut batch: Vec<Msg> = first.into_iter().collect();
        while let Ok(m) = rt.rx.try_recv() {
            batch.push(m);
        }
        let timed = app.overlay.flash.is_some();
        for m in batch {
            rt.received(&m);
            redraw |= !matches!(m, Msg::Tick(_));
            pending.extend(update(&mut app, m));
        }
        redraw |= timed || !pending.is_empty();
    }
}

/// What carrying out an effect led to.
enum Applied {
    Done,
    /// A message for `update` (the shell could not be started).
    Reply(Msg),
    Quit,
}

/// Carries out one effect: the only place the trainer touches the world.
fn apply<B, S, W>(
    e: Effect,
    app: &App,
    rt: &Runtime,
    slot: &mut Slot,
    io: &mut Io<B, S, W>,
    trs: &Translators,
) -> Result<Applied, TermError>
where
    B: Backend,
    W: Write,
{
    match e {
        Effect::RunChecks {
            generation,
            steps,
            answers,
        } => rt.run_checks(generation, steps, answers),
        Effect::Save(change) => rt.save(change),
        Effect::Quit => return Ok(Applied::Quit),
        Effect::Suspend => (io.suspend)(&mut io.terminal)?,
        Effect::Copy(text) => {
            // A terminal that drops it is no error: the confirmation says where copies go.
            let _ = io
                .out
                .write_all(&crate::ui::clipboard::osc52_from_env(&text));
            let _ = io.out.flush();
        }
        Effect::OpenShell => {
            let (rows, cols) = pane_size(app, trs);
            if let Err(e) = slot.open(rows, cols) {
                return Ok(Applied::Reply(Msg::ShellFailed(e.to_string())));
            }
        }
        // A shell that went away meanwhile is reported by `poll` as its exit.
        Effect::TypeInShell(text) => {
            let _ = slot.type_text(text);
        }
        Effect::ToShell(input) => {
            if let Some(s) = slot.get() {
                let _ = match input {
                    ShellInput::Key(k) => match keys::encode(&k, s.application_cursor()) {
                        Some(bytes) => s.write(&bytes),
                        None => Ok(()),
                    },
                    ShellInput::Paste(text) => s.paste(&text),
                    ShellInput::Scroll(n) => {
                        s.scroll(isize::from(n));
                        Ok(())
                    }
                    ShellInput::Page(n) => {
                        let page = s.size().0.max(2) as isize - 1;
                        s.scroll(isize::from(n) * page);
                        Ok(())
                    }
                };
            }
        }
    }
    Ok(Applied::Done)
}

fn io_err<E: std::error::Error + Send + Sync + 'static>(
    step: &'static str,
) -> impl Fn(E) -> TermError {
    move |e| TermError::Io {
        step,
        source: std::io::Error::other(e),
    }
}

/// Where the shell's terminal is on the state's screen.
fn pane_rect(app: &App, trs: &Translators) -> Option<Rect> {
    let screen = Rect::new(0, 0, app.screen.cols, app.screen.rows);
    shell_inner(screen, app, trs.get(app.lang))
}

/// The rows and columns the shell's terminal has on the state's screen.
fn pane_size(app: &App, trs: &Translators) -> (u16, u16) {
    pane_rect(app, trs).map_or((24, 80), |r| (r.height, r.width))
}

/// Whether a mouse event falls on the shell pane.
fn over_pane(e: &Event, app: &App, trs: &Translators) -> bool {
    match e {
        Event::Mouse(m) => {
            pane_rect(app, trs).is_some_and(|r| r.contains(Position::new(m.column, m.row)))
        }
        _ => false,
    }
}
