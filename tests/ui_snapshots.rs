//! The trainer's screens at 80×24, in Spanish and English, drawn with ratatui's `TestBackend`
//! and compared with the snapshots in `tests/snapshots/` (insta). Colours are off
//! (`Theme::new(false)`) so a snapshot is only the text a learner reads. Each screen also asserts
//! the one sentence it exists to show, so a snapshot accepted by mistake cannot hide it.
//!
//! Create or update the snapshots locally with `INSTA_UPDATE=always cargo test --test
//! ui_snapshots`, read them, and commit them (with `CI=true` insta never writes them).

#[path = "ui_snapshots/finished.rs"]
mod finished;
#[path = "ui_snapshots/shell.rs"]
mod shell;
mod support;

use std::path::Path;
use std::sync::Arc;

use pracdocker::app::{App, DaemonStatus, Modal};
use pracdocker::check::{CheckResult, StepResult};
use pracdocker::check::{Outcome, Reason, Unverifiable};
use pracdocker::course::Course;
use pracdocker::i18n::Tr;
use pracdocker::key::StepKey;
use pracdocker::lang::Lang;
use pracdocker::progress::Progress;
use pracdocker::session::Session;
use pracdocker::ui::panels::shell::PaneImage;
use pracdocker::ui::theme::Theme;
use pracdocker::ui::view::view;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use support::courses::mini;

const LANGS: [Lang; 2] = [Lang::Es, Lang::En];

fn key(s: &str) -> StepKey {
    s.parse().expect("step key")
}

/// A trainer over `course` in `lang` where `done` were completed, with the daemon up.
fn trainer(course: &Arc<Course>, done: &[&str], lang: Lang) -> App {
    let mut progress = Progress {
        started: Some(1_000),
        ..Default::default()
    };
    for (i, k) in done.iter().enumerate() {
        progress.completed.insert(key(k), 1_010 + i as i64);
    }
    let mut app = App::new(course.clone(), Session::detached(progress), lang);
    app.daemon = DaemonStatus::Up {
        version: "20.10.24".into(),
        host: "unix:///var/run/docker.sock".into(),
    };
    app
}

/// A result for step `k` in which check `i` gets `outcome(i)`.
fn result(course: &Course, k: &str, outcome: impl Fn(usize) -> Outcome) -> (StepKey, StepResult) {
    let k = key(k);
    let (_, step) = course.step(&k).expect("step exists");
    let r = StepResult {
        lesson: k.lesson.clone(),
        step: k.step.clone(),
        checks: step
            .checks
            .iter()
            .enumerate()
            .map(|(i, c)| CheckResult {
                check: c.clone(),
                outcome: outcome(i),
                evidence: None,
            })
            .collect(),
    };
    (k, r)
}

/// Draws the whole screen once; returns the backend (for the snapshot) and its text.
fn draw(app: &App) -> (TestBackend, String) {
    draw_with(app, None)
}

/// [`draw`], with `pane` as the shell's screen when the pane is open.
fn draw_with(app: &App, pane: Option<&PaneImage>) -> (TestBackend, String) {
    let tr = Tr::new(app.lang);
    let theme = Theme::new(false);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
    terminal
        .draw(|frame| {
            view(frame, app, &tr, &theme, pane);
        })
        .expect("draw");
    let backend = terminal.backend().clone();
    let buffer = backend.buffer();
    let text = (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n");
    (backend, text)
}

/// Snapshots the screen as `<name>_<lang>` and checks that each expected text is on it.
fn snapshot(name: &str, app: &App, expected: &[&str]) {
    snapshot_with(name, app, None, expected)
}

/// [`snapshot`], with `pane` as the shell's screen.
fn snapshot_with(name: &str, app: &App, pane: Option<&PaneImage>, expected: &[&str]) {
    let (backend, text) = draw_with(app, pane);
    insta::assert_snapshot!(format!("{name}_{}", app.lang.code()), backend);
    // Sentences may wrap: look for them with the line breaks and padding taken out.
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for e in expected {
        assert!(
            flat.contains(e),
            "{name} ({}): expected {e:?} on screen:\n{text}",
            app.lang.code()
        );
    }
}

fn pick<'a>(lang: Lang, es: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Es => es,
        Lang::En => en,
    }
}

#[test]
fn fresh_start_not_checked_yet() {
    let course = mini();
    for lang in LANGS {
        let app = trainer(&course, &[], lang);
        snapshot(
            "fresh_start",
            &app,
            &[
                pick(lang, "Paso 1/3", "Step 1/3"),
                pick(lang, "sin comprobar aún", "not checked yet"),
                "Docker 20.10.24",
            ],
        );
    }
}

#[test]
fn current_step_with_a_failing_checkpoint() {
    let course = mini();
    let done = [
        "01-imagen/dockerfile",
        "01-imagen/etiquetar",
        "01-imagen/que-hace-tag",
        "02-red/crear-red",
    ];
    for lang in LANGS {
        let mut app = trainer(&course, &done, lang);
        assert_eq!(app.reading.viewing, key("02-red/servidor"));
        let (k, r) = result(&course, "02-red/servidor", |i| match i {
            0 => Outcome::Failed(Reason::PortMismatch {
                container: "mini-web".into(),
                expected: "8089→80".into(),
                found: "8080→80".into(),
            }),
            _ => Outcome::Failed(Reason::HttpUnreachable {
                url: "http://localhost:8089/".into(),
                cause: "refused".into(),
                error: "connection refused".into(),
            }),
        });
        app.rounds.results.insert(k, r);
        snapshot(
            "failing_checkpoint",
            &app,
            &[
                "✘",
                "mini-web",
                "8080→80",
                "8089→80",
                pick(lang, "Paso 2/2", "Step 2/2"),
            ],
        );
    }
}

#[test]
fn a_passed_step_revisited() {
    let course = mini();
    for lang in LANGS {
        let mut app = trainer(
            &course,
            &["01-imagen/dockerfile", "01-imagen/etiquetar"],
            lang,
        );
        app.reading.viewing = key("01-imagen/etiquetar");
        let (k, r) = result(&course, "01-imagen/etiquetar", |_| Outcome::Passed);
        app.rounds.results.insert(k, r);
        snapshot(
            "passed_step_revisited",
            &app,
            &[
                "✔",
                pick(lang, "Paso 2/3", "Step 2/3"),
                "mini:v1",
                "docker tag mini:latest mini:v1",
            ],
        );
    }
}

#[test]
fn the_daemon_unreachable() {
    let course = mini();
    let missing = Unverifiable::SocketMissing {
        path: "/var/run/docker.sock".into(),
    };
    for lang in LANGS {
        let mut app = trainer(&course, &["01-imagen/dockerfile"], lang);
        app.daemon = DaemonStatus::Down(missing.clone());
        let (k, r) = result(&course, "01-imagen/etiquetar", |_| {
            Outcome::Unknown(missing.clone())
        });
        app.rounds.results.insert(k, r);
        snapshot(
            "daemon_down",
            &app,
            &[
                "?",
                "/var/run/docker.sock",
                pick(lang, "DOCKER_HOST", "DOCKER_HOST"),
                pick(lang, "No se pudo verificar", "Could not verify"),
            ],
        );
    }
}

#[test]
fn the_help_overlay() {
    let course = mini();
    for lang in LANGS {
        let mut app = trainer(&course, &[], lang);
        app.overlay.modal = Some(Modal::Help);
        snapshot(
            "help_overlay",
            &app,
            &[
                pick(lang, "Teclas", "Keys"),
                "Ctrl-Z",
                "q Ctrl-C",
                pick(lang, "salir", "quit"),
            ],
        );
    }
}

/// The 120-character command of the long-code course.
const LONG_COMMAND: &str = "docker run --detach --name mini-web --network mininet --publish 8089:80 --env MSG=hola --restart unless-stopped mini-web";

/// A one-step course whose command is longer than the screen is wide.
fn long_code_course(dir: &Path) -> Arc<Course> {
    let write = |rel: &str, text: &str| support::courses::write(dir, rel, text);
    write(
        "course.toml",
        "format_version = 1\ntitle = { es = \"Órdenes largas\", en = \"Long commands\" }\nlessons = [\"01-largo\"]\n",
    );
    write(
        "01-largo/lesson.toml",
        "[[steps]]\nid = \"arrancar\"\nchecks = [{ kind = \"container\", name = \"mini-web\", state = \"running\" }]\n",
    );
    for (lang, title, step, prose) in [
        (
            "es",
            "Una orden larga",
            "Arrancar el servidor",
            "Arranca el servidor con todas sus opciones:",
        ),
        (
            "en",
            "A long command",
            "Start the server",
            "Start the server with all its options:",
        ),
    ] {
        write(
            &format!("01-largo/{lang}.md"),
            &format!(
                "# {title}\n\nIntro.\n\n## {step} {{#arrancar}}\n\n{prose}\n\n```bash\n{LONG_COMMAND}\n```\n\nFin.\n"
            ),
        );
    }
    support::courses::load(dir, "long-code course loads")
}

#[test]
fn a_step_with_a_long_code_block() {
    assert_eq!(LONG_COMMAND.chars().count(), 120);
    let dir = tempfile::tempdir().expect("tempdir");
    let course = long_code_course(dir.path());
    for lang in LANGS {
        let app = trainer(&course, &[], lang);
        snapshot(
            "long_code_block",
            &app,
            &[
                pick(lang, "Arrancar el servidor", "Start the server"),
                "docker run --detach --name mini-web",
                "Fin.",
            ],
        );
        // Wrapped, not cut: the code rows, without their gutters, give the command back.
        let (_, text) = draw(&app);
        let step_column: Vec<Vec<char>> =
            text.lines().map(|l| l.chars().skip(24).collect()).collect();
        let top = step_column
            .iter()
            .position(|r| r.starts_with(&['─', '─', ' ']))
            .expect("the code block's top rule");
        let rows: Vec<&Vec<char>> = step_column[top + 1..]
            .iter()
            .take_while(|r| r.first() != Some(&'─'))
            .collect();
        assert_eq!(rows.len(), 3, "120 characters take three rows of 53");
        let gutters: Vec<String> = rows.iter().map(|r| r[..2].iter().collect()).collect();
        assert_eq!(gutters, ["  ", "↪ ", "↪ "]);
        let command: String = rows.iter().flat_map(|r| r[2..55].iter()).collect();
        assert_eq!(command.trim_end(), LONG_COMMAND);
    }
}

#[test]
fn a_quiz_answered_wrong() {
    let course = mini();
    for lang in LANGS {
        let mut app = trainer(
            &course,
            &["01-imagen/dockerfile", "01-imagen/etiquetar"],
            lang,
        );
        app.session.apply(&pracdocker::session::Change::Answered(
            key("01-imagen/que-hace-tag"),
            1,
        ));
        let (k, r) = result(&course, "01-imagen/que-hace-tag", |_| {
            Outcome::Failed(Reason::QuizWrong { chosen: 1 })
        });
        app.rounds.results.insert(k, r);
        snapshot(
            "quiz_wrong",
            &app,
            &[
                pick(lang, "Tu respuesta: 1.", "Your answer: 1."),
                pick(
                    lang,
                    "La opción 1 no es la correcta",
                    "Option 1 is not the right one",
                ),
                "3.",
            ],
        );
    }
}

#[test]
fn a_step_just_passed_with_hints_open_and_a_save_error() {
    let course = mini();
    for lang in LANGS {
        let mut app = trainer(&course, &["01-imagen/dockerfile"], lang);
        app.overlay.flash = Some((
            pracdocker::app::Flash::Passed(key("01-imagen/dockerfile")),
            4,
        ));
        app.reading.hints_shown = 1;
        app.save_error = Some("/home/ana/.local/share/pracdocker/progress.json: No space left on device (os error 28)".into());
        snapshot(
            "passed_flash_hint_save_error",
            &app,
            &[
                pick(
                    lang,
                    "Paso completado: Escribir un Dockerfile",
                    "Step done: Write a Dockerfile",
                ),
                pick(lang, "Pista (1/2)", "Hint (1/2)"),
                "No space left on device (os error 28)",
            ],
        );
    }
}

/// Every screen above also draws in terminals too small (or large) for it, without panicking,
/// and its measurements stay inside the frame.
#[test]
fn any_terminal_size_draws() {
    let course = mini();
    let missing = Unverifiable::SocketMissing {
        path: "/var/run/docker.sock".into(),
    };
    let mut apps = Vec::new();
    for lang in LANGS {
        let mut app = trainer(&course, &["01-imagen/dockerfile"], lang);
        app.daemon = DaemonStatus::Down(missing.clone());
        app.overlay.modal = Some(Modal::Help);
        app.overlay.flash = Some((
            pracdocker::app::Flash::Passed(key("01-imagen/dockerfile")),
            4,
        ));
        app.save_error = Some("disk full".into());
        app.reading.hints_shown = 2;
        app.reading.scroll = 500;
        let (k, r) = result(&course, "01-imagen/etiquetar", |_| {
            Outcome::Unknown(missing.clone())
        });
        app.rounds.results.insert(k, r);
        apps.push(app);
        apps.push(trainer(&course, &[], lang));
    }
    let tr = [Tr::new(Lang::Es), Tr::new(Lang::En)];
    let theme = Theme::new(false);
    for (w, h) in [
        (1, 1),
        (4, 3),
        (10, 5),
        (20, 8),
        (40, 12),
        (69, 20),
        (70, 24),
        (200, 60),
    ] {
        for app in &mut apps {
            let tr = &tr[usize::from(app.lang == Lang::En)];
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
            terminal
                .draw(|frame| view(frame, app, tr, &theme, None))
                .expect("draw");
            (app.screen.cols, app.screen.rows) = (w, h);
            let m = pracdocker::ui::view::measure(app, tr, &theme);
            assert!(m.page_height <= h, "{w}×{h}: page height {}", m.page_height);
        }
    }
}

/// A step whose checks read the learner's files names the folder being watched; inside a tmux
/// that drops OSC 52, `c` says the clipboard did not get the command and how to let it through.
#[test]
fn a_file_step_names_its_folder_and_a_copy_in_tmux_says_it_did_not_arrive() {
    let course = mini();
    for lang in LANGS {
        let mut app = trainer(&course, &[], lang);
        app.workdir = Some("/home/ana/curso".into());
        app.clipboard = pracdocker::app::Reach::TmuxBlocks;
        app.overlay.flash = Some((pracdocker::app::Flash::Copied, 4));
        snapshot(
            "folder_and_tmux_copy",
            &app,
            &[
                pick(
                    lang,
                    "Carpeta vigilada: /home/ana/curso",
                    "Watched folder: /home/ana/curso",
                ),
                "set-clipboard on",
            ],
        );
    }
}
