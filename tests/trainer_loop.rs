//! The trainer's loop on ratatui's `TestBackend`: real state, real runtime (folder watcher,
//! ticks, saves to a real progress file), a daemon that is never there, scripted terminal input.
//! What a PTY test shows through a terminal emulator, without one: keys become messages,
//! effects are carried out (a copy reaches the output, `q` ends the loop), the screen size is an
//! input, and every frame is the state's.

mod support;

use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use pracdocker::app::App;
use pracdocker::check::Unverifiable;
use pracdocker::key::StepKey;
use pracdocker::lang::Lang;
use pracdocker::progress::Progress;
use pracdocker::session::Session;
use pracdocker::shell::Slot;
use pracdocker::trainer::tui::{run_on, Input, Io};
use pracdocker::trainer::Runtime;
use pracdocker::ui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use support::courses::mini;
use tokio::sync::{mpsc, Notify};

fn key(c: char) -> Input {
    Input::Term(Ok(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    ))))
}

/// What one run of the loop left: its final state, the last frame, what it wrote out.
struct Ran {
    app: App,
    screen: String,
    out: Vec<u8>,
}

/// Runs the loop at `cols`×`rows` with `done` completed; feeds `inputs` once the runtime has
/// said the daemon is down (so the frames are deterministic), then ends the input.
fn run(done: &[&str], cols: u16, rows: u16, inputs: Vec<Input>) -> Ran {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio");
    rt.block_on(async move {
        let course = mini();
        let dir = tempfile::tempdir().expect("tempdir");
        let mut progress = Progress::default();
        for (i, k) in done.iter().enumerate() {
            let (l, s) = k.split_once('/').expect("lesson/step");
            progress.completed.insert(StepKey::new(l, s), 1 + i as i64);
        }
        let app = App::new(course.clone(), Session::detached(progress), Lang::Es);
        let tried = Arc::new(Notify::new());
        let told = tried.clone();
        let runtime = Runtime::with_daemon(
            course,
            dir.path().to_path_buf(),
            dir.path().join("progress.json"),
            move || {
                told.notify_one();
                std::future::ready(Err(Unverifiable::DaemonUnreachable {
                    host: "unix:///nowhere/docker.sock".into(),
                    error: "no such file".into(),
                }))
            },
        );
        let (tx, rx) = mpsc::unbounded_channel::<Input>();
        tokio::spawn(async move {
            tried.notified().await;
            // The worker sends the status right after the attempt returns.
            tokio::time::sleep(Duration::from_millis(100)).await;
            for i in inputs {
                if tx.send(i).is_err() {
                    return;
                }
                tokio::task::yield_now().await;
            }
        });
        let input =
            futures_util::stream::unfold(rx, |mut rx| async { rx.recv().await.map(|i| (i, rx)) })
                .boxed();
        let mut io = Io {
            terminal: Terminal::new(TestBackend::new(cols, rows)).expect("terminal"),
            input,
            out: Vec::new(),
            suspend: |_| Ok(()),
        };
        let mut slot = Slot::new("/bin/sh".into(), dir.path().to_path_buf());
        let app = run_on(&mut io, app, runtime, &mut slot, false, Theme::new(false))
            .await
            .expect("the loop runs");
        slot.close();
        let buffer = io.terminal.backend().buffer().clone();
        let screen = (0..buffer.area.height)
            .map(|y| {
                (0..buffer.area.width)
                    .map(|x| buffer[(x, y)].symbol().to_string())
                    .collect::<String>()
                    .trim_end()
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("\n");
        Ran {
            app,
            screen,
            out: io.out,
        }
    })
}

#[test]
fn the_first_frame_is_the_current_step_and_the_daemon_status() {
    let ran = run(&[], 80, 24, vec![]);
    assert!(ran.screen.contains("Dockerfile"), "{}", ran.screen);
    assert!(
        ran.screen.contains("unix:///nowhere/docker.sock"),
        "the daemon's problem is on screen:\n{}",
        ran.screen
    );
    assert_eq!((ran.app.screen.cols, ran.app.screen.rows), (80, 24));
}

#[test]
fn keys_switch_the_language_and_open_the_help() {
    let ran = run(&[], 100, 30, vec![key('l'), key('?')]);
    assert_eq!(ran.app.lang, Lang::En);
    assert!(
        ran.screen.contains("close the help or a notice"),
        "{}",
        ran.screen
    );
    assert!(ran.screen.contains("Esc"), "{}", ran.screen);
}

#[test]
fn q_ends_the_loop_before_the_input_does() {
    // Keys after `q` are never read: the loop ended on the effect.
    let ran = run(&[], 80, 24, vec![key('q'), key('l')]);
    assert_eq!(ran.app.lang, Lang::Es);
}

#[test]
fn a_copy_reaches_the_terminal_as_osc_52() {
    let ran = run(&["01-imagen/dockerfile"], 80, 24, vec![key('c')]);
    let out = String::from_utf8_lossy(&ran.out);
    assert!(out.starts_with("\x1b]52;c;"), "{out:?}");
    assert!(
        ran.screen.contains("Copiado") || ran.screen.contains("copiad"),
        "the confirmation is on screen:\n{}",
        ran.screen
    );
}

#[test]
fn the_screen_size_is_an_input_and_clamps_scrolling() {
    let mut inputs = vec![Input::Term(Ok(Event::Resize(40, 12)))];
    inputs.extend((0..200).map(|_| key('j')));
    let ran = run(&[], 80, 24, inputs);
    assert_eq!((ran.app.screen.cols, ran.app.screen.rows), (40, 12));
    let rows = ran.app.text_rows();
    assert!(rows.max_scroll > 0, "{rows:?}");
    assert_eq!(
        ran.app.reading.scroll, rows.max_scroll,
        "scrolled to the end, not past it"
    );
}
