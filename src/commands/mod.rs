//! The commands behind the command line. Each ends with a verdict or a [`Failure`], which
//! `crate::exit` turns into the exit code; all text goes through Fluent. Setup that can fail
//! (course, daemon) happens here, before any output.

mod check;
mod doctor;
mod doctor_course;
pub mod doctor_host;
mod grade;
mod grade_gradescope;
mod grade_ledger;
mod list;
mod reset;
mod skip;

use std::path::PathBuf;

use crate::check::Status;
use crate::cli::{Cli, Command};
use crate::course::{self, Course, Source};
use crate::exit::{Ended, Failure};

use crate::i18n::Tr;

// Children reach these as `super::...`: the connection, its diagnosis and the exit codes live
// below the commands (the trainer and the board use them too).
use crate::docker::connect_default as connect;
use crate::docker::endpoint::from_env as resolve;
use crate::exit;
use crate::i18n::diagnosis;

/// Runs the parsed command; its exit code, after saying why it stopped if it did.
pub async fn run(cli: Cli, tr: &Tr) -> i32 {
    exit::report(dispatch(cli, tr).await, tr)
}

async fn dispatch(cli: Cli, tr: &Tr) -> Ended {
    let source = cli.lessons.clone().map_or(Source::BuiltIn, Source::Dir);
    let workdir = cli.workdir.clone().unwrap_or_else(|| PathBuf::from("."));
    let Some(command) = cli.command else {
        let course = load(&source)?;
        return crate::trainer::run(course, &source, workdir, cli.plain, cli.shell, tr).await;
    };
    match command {
        Command::Completions { shell } => {
            let mut cmd = crate::cli::command();
            clap_complete::generate(shell, &mut cmd, "pracdocker", &mut std::io::stdout());
            Ok(Status::Passed)
        }
        Command::Man => {
            let man = clap_mangen::Man::new(crate::cli::command());
            man.render(&mut std::io::stdout())
                .map_err(|e| Failure::Stdout(e.to_string()))?;
            Ok(Status::Passed)
        }
        Command::Reset { lesson, yes } => {
            reset::reset(&load(&source)?, &source, lesson.as_deref(), yes, tr)
        }
        Command::Lint { dir } => list::lint(dir.map_or(source, Source::Dir), tr),
        Command::Doctor { json } => Ok(doctor::doctor(json, tr).await),
        Command::List { json } => Ok(list::list(&load(&source)?, json, tr)),
        Command::Check {
            target,
            json,
            since,
        } => {
            let course = load(&source)?;
            let target = target.as_deref();
            check::check(
                &course,
                &source,
                target,
                json,
                since.as_deref(),
                workdir,
                tr,
            )
            .await
        }
        Command::Grade(args) => grade::grade(load(&source)?, &args, cli.workdir.clone(), tr).await,
        Command::Skip { target } => {
            skip::skip(&load(&source)?, &source, &target, workdir, tr).await
        }
        Command::Answer { target, choice } => {
            check::answer(&load(&source)?, &source, &target, choice, workdir, tr).await
        }
    }
}

/// Loads the course, or every problem that keeps it from loading.
fn load(source: &Source) -> Result<Course, Failure> {
    course::load(source).map_err(Failure::Course)
}
