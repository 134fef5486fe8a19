//! The shell pane (F2) at 80×24 under the lesson: empty beside a quiz that falls below the fold,
//! and with a shell's screen in it (a vt100 screen captured as the runtime does) and the focus.

use pracdocker::ui::panels::shell::capture;
use pracdocker::ui::view::shell_inner;
use ratatui::layout::Rect;

use super::*;

/// With the shell pane open at 80×24 a quiz's options fall below the fold: the last row of the
/// step says the text goes on (and, scrolled to its end, that there is more above).
#[test]
fn a_quiz_below_the_fold_with_the_shell_open() {
    let course = mini();
    for lang in LANGS {
        let mut app = trainer(
            &course,
            &["01-imagen/dockerfile", "01-imagen/etiquetar"],
            lang,
        );
        app.shell.open = true;
        app.reading.hints_shown = 2;
        snapshot(
            "quiz_below_the_fold",
            &app,
            &[pick(
                lang,
                "▼ el texto sigue abajo: ↓ o AvPág",
                "▼ the text goes on below: ↓ or PgDn",
            )],
        );
        app.reading.scroll = u16::MAX;
        let (_, text) = draw(&app);
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains(pick(lang, "▲ fin del texto", "▲ end of the text")),
            "{text}"
        );
    }
}

/// The pane open with the focus, a command typed in it and its answer: the pane's title says F2
/// goes back, its rows are the shell's screen, and the lesson stays above it.
#[test]
fn the_shell_pane_with_a_command_run() {
    let course = mini();
    for lang in LANGS {
        let mut app = trainer(&course, super::support::pty::DONE_BEFORE_NETWORK, lang);
        app.shell.open = true;
        app.shell.focused = true;
        // The shell's terminal is the pane's inside, as the runtime sizes it before drawing.
        let inner = shell_inner(Rect::new(0, 0, 80, 24), &app, &Tr::new(lang)).expect("pane open");
        let mut screen = vt100::Parser::new(inner.height, inner.width, 0);
        screen.process(
            b"pane$ docker network create mininet\r\n\
              3f9c2a7d41e0b6c85e1f0a9d2b7c4e6f8a1d3b5c7e9f0a2b4c6d8e0f1a3b5c7d\r\n\
              pane$ docker network ls --filter name=mininet\r\n\
              NETWORK ID     NAME      DRIVER    SCOPE\r\n\
              3f9c2a7d41e0   mininet   bridge    local\r\n\
              pane$ ",
        );
        let pane = capture(screen.screen(), false);
        assert_eq!(
            pane.row_text(0).trim_end(),
            "pane$ docker network create mininet"
        );
        snapshot_with(
            "shell_pane_command_run",
            &app,
            Some(&pane),
            &[
                pick(
                    lang,
                    "Terminal · F2 vuelve a la lección",
                    "Shell · F2 back to the lesson",
                ),
                "3f9c2a7d41e0 mininet bridge local",
                pick(lang, "Crear la red", "Create the network"),
            ],
        );
    }
}
