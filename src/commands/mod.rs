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

use crate::cli::{Cli, Command};
use crate::course::{self, Course, LintError, Source};

use crate::i18n::Tr;

// Children reach these as `super::...`: the connection, its diagnosis and the exit codes live
// below the commands (the trainer and the board use them too).
use crate::docker::connect_default as connect;
use crate::docker::endpoint::from_env as resolve;
use crate::exit;
use crate::i18n::diagnosis;

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
