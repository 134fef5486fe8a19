//! The trainer, full-screen or `--plain`: opens the learner's progress, starts the runtime
//! (daemon, events, files, checks, saves) and hands both to a front end.

mod folder;
pub mod plain;
mod runtime;
pub mod tui;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;

pub use runtime::Runtime;

use crate::app::App;
use crate::commands::exit;
use crate::course::{Course, Source};
use crate::i18n::Tr;
use crate::progress;
use crate::session::Session;

/// Opens the trainer. `plain` forces the line-oriented one; without a terminal it is chosen too.
/// `shell` opens the full-screen one with the learner's shell in a pane, focused.
pub async fn run(
    course: Course,
    source: &Source,
    workdir: PathBuf,
    plain: bool,
    shell: bool,
    tr: &Tr,
) -> i32 {
    let path = progress::default_path(source);
    let (session, aside) = match Session::open(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{}", tr.ta("error-progress", &[("error", &e.to_string())]));
            return exit::UNKNOWN;
        }
    };
    if let Some(p) = &aside {
        eprintln!(
            "{}",
            tr.ta("progress-set-aside", &[("path", &p.display().to_string())])
        );
    }
    let course = Arc::new(course);
    let mut app = App::new(course.clone(), session, tr.lang());
    if let Some(p) = &aside {
        // Also on screen: the alternate screen hides what was printed before it.
        app.notice(tr.ta("progress-set-aside", &[("path", &p.display().to_string())]));
    }
    let rt = Runtime::start(course, workdir.clone(), path);
    let terminal = std::io::stdout().is_terminal() && std::io::stdin().is_terminal();
    if plain || !terminal {
        plain::run(app, rt).await;
        return exit::OK;
    }
    match tui::run(app, rt, tui::Options { workdir, shell }).await {
        Ok(()) => exit::OK,
        Err(e) => {
            eprintln!("{}", e.message(tr));
            exit::UNKNOWN
        }
    }
}
