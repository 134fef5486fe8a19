//! The commands behind the command line. Each returns the process exit code; all text goes
//! through Fluent. Setup that can fail (course, daemon) happens here, before any output.

mod check;
mod doctor;
mod doctor_course;
pub mod doctor_host;
mod grade;
mod grade_gradescope;
mod grade_ledger;
mod list;
mod reset;

use std::path::PathBuf;
use std::time::Duration;

use crate::check::Unverifiable;
use crate::cli::{Cli, Command};
use crate::course::{self, Course, LintError, Source};
use crate::docker::{self, endpoint, Daemon};
use crate::i18n::Tr;

/// How long connecting to the daemon may take before we call it unreachable.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);

/// Exit codes shared by the commands.
pub mod exit {
    /// Everything passed.
    pub const OK: i32 = 0;
    /// Something failed (a check, a lint rule, a wrong answer).
    pub const FAILED: i32 = 1;
    /// Something could not be verified (daemon unreachable, unreadable course).
    pub const UNKNOWN: i32 = 2;
}

/// Runs the parsed command.
pub async fn run(cli: Cli, tr: &Tr) -> i32 {
    let source = cli.lessons.clone().map_or(Source::BuiltIn, Source::Dir);
    let workdir = cli.workdir.clone().unwrap_or_else(|| PathBuf::from("."));
    let Some(command) = cli.command else {
        return match load(&source, tr) {
            Ok(c) => crate::trainer::run(c, &source, workdir, cli.plain, cli.shell, tr).await,
            Err(code) => code,
        };
    };
    match command {
        Command::Completions { shell } => {
            let mut cmd = crate::cli::command();
            clap_complete::generate(shell, &mut cmd, "pracdocker", &mut std::io::stdout());
            exit::OK
        }
        Command::Man => {
            let man = clap_mangen::Man::new(crate::cli::command());
            match man.render(&mut std::io::stdout()) {
                Ok(()) => exit::OK,
                Err(_) => exit::FAILED,
            }
        }
        Command::Reset { lesson, yes } => match load(&source, tr) {
            Ok(c) => reset::reset(&c, &source, lesson.as_deref(), yes, tr),
            Err(code) => code,
        },
        Command::Lint { dir } => list::lint(dir.map_or(source, Source::Dir), tr),
        Command::Doctor { json } => doctor::doctor(json, tr).await,
        Command::List { json } => match load(&source, tr) {
            Ok(c) => list::list(&c, json, tr),
            Err(code) => code,
        },
        Command::Check {
            target,
            json,
            since,
        } => match load(&source, tr) {
            Ok(c) => {
                check::check(
                    &c,
                    &source,
                    target.as_deref(),
                    json,
                    since.as_deref(),
                    workdir,
                    tr,
                )
                .await
            }
            Err(code) => code,
        },
        Command::Grade(args) => match load(&source, tr) {
            Ok(c) => grade::grade(c, &args, cli.workdir.clone(), tr).await,
            Err(code) => code,
        },
        Command::Answer { target, choice } => match load(&source, tr) {
            Ok(c) => check::answer(&c, &source, &target, choice, workdir, tr).await,
            Err(code) => code,
        },
    }
}

/// Loads the course or prints why it cannot be used.
fn load(source: &Source, tr: &Tr) -> Result<Course, i32> {
    course::load(source).map_err(|errs| {
        eprintln!("{}", tr.t("course-invalid"));
        print_lint_errors(&errs, tr);
        exit::UNKNOWN
    })
}

/// `file:line: message`, one per line, on stderr.
fn print_lint_errors(errs: &[LintError], tr: &Tr) {
    for e in errs {
        eprintln!("{}:{}: {}", e.file, e.line, tr.data("lint", &e.problem));
    }
}

/// Connects to the daemon the docker CLI would use.
pub async fn connect() -> Result<Daemon, Unverifiable> {
    let resolved = resolve();
    docker::connect(&resolved, CONNECT_TIMEOUT).await
}

/// The endpoint the docker CLI would use.
pub fn resolve() -> endpoint::Resolved {
    endpoint::resolve(&|k| std::env::var(k).ok(), dirs::home_dir().as_deref())
}

/// The localized diagnosis of a problem, followed by how to fix it when there is a known fix.
pub fn diagnosis(u: &Unverifiable, tr: &Tr) -> String {
    let (fix_id, _) = crate::i18n::data_message("fix", u);
    let mut text = tr.data("unverifiable", u);
    if tr.has(&fix_id) {
        text.push('\n');
        text.push_str(&tr.data("fix", u));
    }
    text
}
