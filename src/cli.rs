//! Command-line syntax (clap), with help texts taken from Fluent in the chosen language.

use std::path::PathBuf;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::i18n::Tr;
use crate::lang::Lang;

/// Parsed command line.
#[derive(Debug, Parser)]
#[command(
    name = "pracdocker",
    version,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    /// Print help (declared here so its text can be localized).
    #[arg(short, long, global = true, action = clap::ArgAction::Help)]
    help: Option<bool>,
    /// Print version.
    #[arg(short = 'V', long, action = clap::ArgAction::Version)]
    version: Option<bool>,
    /// Language of every message.
    #[arg(long, global = true, value_enum, hide_possible_values = true)]
    pub lang: Option<Lang>,
    /// The learner's project folder.
    #[arg(long, global = true, value_name = "DIR")]
    pub workdir: Option<PathBuf>,
    /// Use the course in this folder instead of the built-in one.
    #[arg(long, global = true, value_name = "DIR")]
    pub lessons: Option<PathBuf>,
    /// The line-oriented trainer (screen readers, dumb terminals, pipes).
    #[arg(long)]
    pub plain: bool,
    /// Open the trainer with the learner's shell in a pane, focused.
    #[arg(long, conflicts_with = "plain")]
    pub shell: bool,
    /// What to do; the trainer when absent.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
// Parsed once per run: `grade`'s many options making the enum large costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lessons and steps with their ids and titles.
    List {
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Evaluate steps now.
    Check {
        /// `LESSON` or `LESSON/STEP`; every step when absent.
        target: Option<String>,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
        /// When the step began, for event and rebuild checks: `30m`, `2h`, `1d` ago, or an RFC 3339
        /// time. Default: the second after the learner completed the previous step.
        #[arg(long)]
        since: Option<String>,
    },
    /// Validate a course folder.
    Lint {
        /// Course folder; the built-in course (or `--lessons`) when absent.
        dir: Option<PathBuf>,
    },
    /// Diagnose the Docker setup.
    Doctor {
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Skip the current step when it is optional.
    Skip {
        /// `LESSON/STEP`.
        target: String,
    },
    /// Answer a quiz step.
    Answer {
        /// `LESSON/STEP`.
        target: String,
        /// The option number, from 1.
        choice: u8,
    },
    /// Forget progress: one lesson, or the whole course.
    Reset {
        /// Lesson id; the whole course when absent.
        lesson: Option<String>,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// Shell completions for bash, zsh, fish or PowerShell, on standard output.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// The manual page (roff), on standard output.
    Man,
    /// Grade checkpoints for an instructor: one daemon, or a class with `--roster`.
    Grade(GradeArgs),
}

/// `grade`'s options.
#[derive(Debug, Clone, clap::Args)]
pub struct GradeArgs {
    /// Only this lesson.
    #[arg(long, value_name = "LESSON")]
    pub lesson: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table", hide_possible_values = true)]
    pub format: crate::report::Format,
    /// Write the report here instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The learner's progress file (quiz answers, when each step began).
    #[arg(long, value_name = "FILE")]
    pub progress: Option<PathBuf>,
    /// When every step began, without a progress file: `30m`, `2h`, `1d` ago or RFC 3339.
    #[arg(long)]
    pub since: Option<String>,
    /// A class: TOML or CSV with name, host and optionally tls, progress, workdir.
    #[arg(long, value_name = "FILE")]
    pub roster: Option<PathBuf>,
    /// How many hosts to grade at once.
    #[arg(long, default_value_t = 8, value_name = "N")]
    pub jobs: usize,
    /// Seconds per host, for connecting and grading it.
    #[arg(long, default_value_t = 10, value_name = "SECS")]
    pub timeout: u64,
    /// A live class board in the terminal (with `--roster`).
    #[arg(long, requires = "roster")]
    pub watch: bool,
    /// With `--watch`: aliases instead of names on screen (exports keep the names).
    #[arg(long, requires = "watch")]
    pub anonymize: bool,
    /// Append every verdict change to this ledger (JSON lines), once or with `--watch`.
    #[arg(long, value_name = "FILE", conflicts_with = "from_ledger")]
    pub ledger: Option<PathBuf>,
    /// Report the class from a ledger, with no daemon.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["roster", "progress", "since", "watch"])]
    pub from_ledger: Option<PathBuf>,
    /// With `--from-ledger`: the class as it stood at this time (default: the ledger's end).
    #[arg(long, value_name = "TIME", requires = "from_ledger")]
    pub as_of: Option<String>,
    /// Steps done after this time are marked late (in a report: not on the live board).
    #[arg(long, value_name = "TIME", conflicts_with = "watch")]
    pub deadline: Option<String>,
    /// Write one Markdown feedback file per learner, in their language, to this folder.
    #[arg(long, value_name = "DIR", conflicts_with = "watch")]
    pub feedback: Option<PathBuf>,
}

/// The clap command, for completions and the manual page.
pub fn command() -> clap::Command {
    Cli::command()
}

/// The language to speak before the command line is fully parsed: `--lang`, else the OS locale.
pub fn early_lang(args: &[String]) -> Lang {
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let v = match a.strip_prefix("--lang=") {
            Some(v) => Some(v.to_string()),
            None if a == "--lang" => it.next().cloned(),
            None => None,
        };
        match v.as_deref() {
            Some("es") => return Lang::Es,
            Some("en") => return Lang::En,
            _ => {}
        }
    }
    Lang::from_locale(sys_locale::get_locale().as_deref())
}

/// Parses the command line with localized help; exits on `--help`, `--version` and syntax
/// errors (clap's own detail follows our localized line).
pub fn parse(args: &[String], tr: &Tr) -> Cli {
    let cmd = localize(Cli::command(), tr, "cli");
    let parsed = cmd
        .clone()
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        Ok(c) => c,
        Err(e)
            if e.use_stderr()
                && e.kind() != clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand =>
        {
            eprintln!("{}", tr.t("cli-usage-error"));
            e.exit()
        }
        Err(e) => e.exit(),
    }
}

fn localize(mut cmd: clap::Command, tr: &Tr, prefix: &str) -> clap::Command {
    let about = format!("{prefix}-about");
    if tr.has(&about) {
        cmd = cmd.about(tr.t(&about));
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let key = format!("{prefix}-arg-{id}");
        if tr.has(&key) {
            let text = tr.t(&key);
            cmd = cmd.mut_arg(id, |a| a.help(text));
        }
    }
    let layout = template(&cmd, tr);
    cmd = cmd.help_template(layout);
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let p = format!("cli-{name}");
        cmd = cmd.mut_subcommand(name, |s| localize(s, tr, &p));
    }
    cmd
}

/// A help layout with headings in the learner's language (clap's own are English only).
fn template(cmd: &clap::Command, tr: &Tr) -> String {
    let mut t = format!("{{about-with-newline}}\n{} {{usage}}\n", tr.t("cli-usage"));
    if cmd.has_subcommands() {
        t.push_str(&format!("\n{}\n{{subcommands}}\n", tr.t("cli-commands")));
    }
    if cmd.get_positionals().next().is_some() {
        t.push_str(&format!("\n{}\n{{positionals}}\n", tr.t("cli-arguments")));
    }
    t.push_str(&format!("\n{}\n{{options}}\n", tr.t("cli-options")));
    t
}

/// `30m`, `2h`, `1d`, `90s` before `now`, or an RFC 3339 time, as nanoseconds since the epoch.
pub fn parse_since(s: &str, now: i64) -> Option<i64> {
    if let Some(t) = crate::clock::parse_rfc3339(s) {
        return Some(t);
    }
    let (num, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit())?);
    let n: i64 = num.parse().ok()?;
    let secs = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86400,
        _ => return None,
    };
    Some(now - crate::clock::from_secs(n * secs))
}

/// A time argument (`--deadline`, `--as-of`): what `--since` takes, a duration ago or RFC 3339
/// with any offset (`2026-12-07T15:00:00+01:00`).
pub fn parse_time(s: &str) -> Option<i64> {
    parse_since(s, crate::clock::now())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_accepts_durations_and_times() {
        let s = crate::clock::from_secs;
        assert_eq!(parse_since("30m", s(10_000)), Some(s(10_000 - 1800)));
        assert_eq!(parse_since("1d", s(100_000)), Some(s(100_000 - 86_400)));
        assert_eq!(
            parse_since("2026-01-01T00:01:00.5Z", 0),
            crate::clock::parse_rfc3339("2026-01-01T00:01:00.500Z")
        );
        assert_eq!(
            parse_time("2026-12-07T15:00:00+01:00"),
            crate::clock::parse_rfc3339("2026-12-07T14:00:00Z")
        );
        assert!(parse_time("1h").is_some_and(|t| t < crate::clock::now()));
        assert_eq!(parse_since("soon", 0), None);
        assert_eq!(parse_since("5", 0), None);
    }

    #[test]
    fn early_lang_reads_the_flag() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            early_lang(&args(&["pracdocker", "--lang", "en", "list"])),
            Lang::En
        );
        assert_eq!(
            early_lang(&args(&["pracdocker", "list", "--lang=es"])),
            Lang::Es
        );
    }
}
