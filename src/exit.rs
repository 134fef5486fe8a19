//! Exit codes, the same for every command, the trainer and the board, and the one place where a
//! verdict or an error that stopped a command becomes one: commands return [`Failure`] (data,
//! not printed where it happened) and [`report`] says it in the user's language, once.

use std::path::PathBuf;

use crate::check::Status;
use crate::course::LintError;
use crate::i18n::Tr;
use crate::term::TermError;

/// Everything passed.
pub const OK: i32 = 0;
/// Something failed (a check, a lint rule, a wrong answer).
pub const FAILED: i32 = 1;
/// Something could not be verified (daemon unreachable, unreadable course).
pub const UNKNOWN: i32 = 2;

/// What a command that ran to its end found: 0 passed, 1 failed, 2 could not be verified.
pub fn of(status: Status) -> i32 {
    match status {
        Status::Passed => OK,
        Status::Failed => FAILED,
        Status::Unknown => UNKNOWN,
    }
}

/// Why a command stopped before its verdict.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// The course does not load: every problem, with file and line.
    #[error("the course has {} problems", .0.len())]
    Course(Vec<LintError>),
    /// `lint` found problems in the course it was asked to check.
    #[error("lint found {} problems", .0.len())]
    Lint(Vec<LintError>),
    /// A `LESSON` or `LESSON/STEP` that the course does not have.
    #[error("no such step: {0}")]
    NoSuchStep(String),
    /// `grade --lesson` names a lesson the course does not have.
    #[error("no such lesson: {0}")]
    NoSuchLesson(String),
    /// `answer` names a step that is not a quiz.
    #[error("not a quiz: {0}")]
    NotAQuiz(String),
    /// `skip` names a step that must be done.
    #[error("not optional: {0}")]
    NotOptional(String),
    /// `answer` for a step after the current one.
    #[error("{step} is locked until {current} is done")]
    StepLocked {
        /// The step asked for.
        step: String,
        /// The current step.
        current: String,
    },
    /// `--since` is neither a duration nor a time.
    #[error("bad --since: {0}")]
    Since(String),
    /// `--deadline` or `--as-of` is not a time.
    #[error("bad {flag}: {value}")]
    Time {
        /// What was given.
        value: String,
        /// The option.
        flag: &'static str,
    },
    /// The progress file could not be read or written.
    #[error("progress: {0}")]
    Progress(String),
    /// The roster could not be read.
    #[error("roster: {0}")]
    Roster(String),
    /// The ledger could not be opened, read or appended to.
    #[error("ledger: {0}")]
    Ledger(String),
    /// The feedback files could not be written.
    #[error("feedback: {0}")]
    Feedback(String),
    /// An output file could not be written.
    #[error("writing {}: {error}", path.display())]
    Output {
        /// The file.
        path: PathBuf,
        /// Why.
        error: String,
    },
    /// `--format gradescope` for several learners without a folder to write them to.
    #[error("gradescope for {0} learners needs --output DIR")]
    GradescopeNeedsDir(usize),
    /// `reset` without `--yes` and no terminal to ask on.
    #[error("reset needs --yes without a terminal")]
    ResetNeedsYes,
    /// The terminal could not be set up, drawn on or restored.
    #[error(transparent)]
    Terminal(#[from] TermError),
    /// The async runtime could not be started.
    #[error("runtime: {0}")]
    Runtime(String),
    /// Standard output could not be written (the man page).
    #[error("standard output: {0}")]
    Stdout(String),
}

impl Failure {
    /// The exit code: 1 for what the user's own input fails (a lint), 2 for everything that
    /// kept the command from a verdict.
    pub fn code(&self) -> i32 {
        match self {
            Failure::Lint(_) | Failure::Stdout(_) => FAILED,
            _ => UNKNOWN,
        }
    }

    /// What the user reads on standard error, in their language (several lines for a course).
    pub fn message(&self, tr: &Tr) -> String {
        let lint_lines = |errs: &[LintError]| {
            errs.iter()
                .map(|e| format!("{}:{}: {}", e.file, e.line, tr.data("lint", &e.problem)))
                .collect::<Vec<_>>()
                .join("\n")
        };
        match self {
            Failure::Course(errs) => format!("{}\n{}", tr.t("course-invalid"), lint_lines(errs)),
            Failure::Lint(errs) => {
                let count = errs.len().to_string();
                let failed = tr.ta("lint-failed", &[("count", &count)]);
                format!("{}\n{failed}", lint_lines(errs))
            }
            Failure::NoSuchStep(t) => tr.ta("error-no-such-step", &[("target", t)]),
            Failure::NoSuchLesson(l) => tr.ta("grade-no-such-lesson", &[("lesson", l)]),
            Failure::NotAQuiz(t) => tr.ta("error-not-a-quiz", &[("target", t)]),
            Failure::NotOptional(t) => tr.ta("error-not-optional", &[("target", t)]),
            Failure::StepLocked { step, current } => tr.ta(
                "error-step-locked",
                &[("step", step.as_str()), ("current", current.as_str())],
            ),
            Failure::Since(v) => tr.ta("error-since", &[("value", v)]),
            Failure::Time { value, flag } => tr.ta(
                "grade-bad-time",
                &[("value", value.as_str()), ("flag", flag)],
            ),
            Failure::Progress(e) => tr.ta("error-progress", &[("error", e)]),
            Failure::Roster(e) => tr.ta("grade-roster-error", &[("error", e)]),
            Failure::Ledger(e) => tr.ta("grade-ledger-error", &[("error", e)]),
            Failure::Feedback(e) => tr.ta("grade-feedback-error", &[("error", e)]),
            Failure::Output { path, error } => tr.ta(
                "grade-output-error",
                &[("path", &path.display().to_string()), ("error", error)],
            ),
            Failure::GradescopeNeedsDir(n) => {
                tr.ta("grade-gradescope-one-learner", &[("count", &n.to_string())])
            }
            Failure::ResetNeedsYes => tr.t("reset-needs-yes"),
            Failure::Terminal(e) => e.message(tr),
            Failure::Runtime(e) => tr.ta("error-runtime", &[("error", e)]),
            Failure::Stdout(e) => tr.ta("term-failed", &[("error", e)]),
        }
    }
}

/// A command's end: its verdict, or why it had none.
pub type Ended = Result<Status, Failure>;

/// The exit code of a command's end, after saying on standard error why it stopped, if it did.
pub fn report(ended: Ended, tr: &Tr) -> i32 {
    match ended {
        Ok(status) => of(status),
        Err(f) => {
            eprintln!("{}", f.message(tr));
            f.code()
        }
    }
}
