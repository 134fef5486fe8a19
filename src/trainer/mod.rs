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
use crate::check::Status;
use crate::course::{Course, Source};
use crate::exit::{Ended, Failure};
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
) -> Ended {
    let path = progress::default_path(source);
    let (session, aside) = Session::open(&path).map_err(|e| Failure::Progress(e.to_string()))?;
    if let Some(p) = &aside {
        eprintln!(
            "{}",
            tr.ta("progress-set-aside", &[("path", &p.display().to_string())])
        );
    }
    let course = Arc::new(course);
    let mut app = App::new(course.clone(), session, tr.lang());
    app.workdir = Some(workdir.display().to_string());
    app.clipboard = clipboard_reach();
    if let Some(p) = &aside {
        // Also on screen: the alternate screen hides what was printed before it.
        app.notice(tr.ta("progress-set-aside", &[("path", &p.display().to_string())]));
    }
    let rt = Runtime::start(course, workdir.clone(), path);
    let terminal = std::io::stdout().is_terminal() && std::io::stdin().is_terminal();
    if plain || !terminal {
        plain::run(app, rt).await;
        return Ok(Status::Passed);
    }
    tui::run(app, rt, tui::Options { workdir, shell }).await?;
    Ok(Status::Passed)
}

/// Whether `c` can reach the clipboard: straight to the terminal, or through tmux when its options
/// let OSC 52 pass (asked of the tmux server in `$TMUX`, before the alternate screen).
fn clipboard_reach() -> crate::app::Reach {
    use crate::app::Reach;
    use crate::ui::clipboard::tmux_reach;
    if std::env::var_os("TMUX").is_none_or(|v| v.is_empty()) {
        return Reach::Terminal;
    }
    let option = |name: &str| -> Option<String> {
        let out = std::process::Command::new("tmux")
            .args(["show-options", "-gv", name])
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    };
    tmux_reach(
        option("set-clipboard").as_deref(),
        option("allow-passthrough").as_deref(),
    )
}
