//! `check` (evaluate steps now) and `answer` (record a quiz answer, then evaluate it).

use std::path::PathBuf;

use serde_json::json;

use super::{connect, diagnosis, exit};
use crate::check::{Outcome, Status, Unverifiable};
use crate::checker::{Beginning, Checker, Job, StepResult};
use crate::cli::parse_since;
use crate::course::{Course, Lesson, Source, Step, StepKey};
use crate::i18n::{check_message as message, Tr};
use crate::progress;
use crate::session::{self, Session};

/// Evaluates the selected steps, prints the verdicts and records newly completed steps.
pub async fn check(
    course: &Course,
    source: &Source,
    target: Option<&str>,
    as_json: bool,
    since: Option<&str>,
    workdir: PathBuf,
    tr: &Tr,
) -> i32 {
    let now = session::now();
    let explicit = match since.map(|s| (s, parse_since(s, now))) {
        Some((s, None)) => {
            eprintln!("{}", tr.ta("error-since", &[("value", s)]));
            return exit::UNKNOWN;
        }
        Some((_, t)) => t,
        None => None,
    };
    let Ok(steps) = select(course, target) else {
        eprintln!(
            "{}",
            tr.ta("error-no-such-step", &[("target", target.unwrap_or(""))])
        );
        return exit::UNKNOWN;
    };
    let needs_daemon = steps
        .iter()
        .any(|(_, s)| s.checks.iter().any(|c| c.needs_daemon()));
    let daemon = if needs_daemon {
        connect().await
    } else {
        Err(Unverifiable::DaemonError {
            error: String::new(),
        })
    };
    let path = progress::default_path(source);
    // Reading never moves a corrupt file; the course's start is recorded only in a sound one.
    let session = Session::read(&path).and_then(|s| match s.progress().started {
        Some(_) => Ok(s),
        None => Session::open(&path).map(|(s, _)| s),
    });
    let answers = match &session {
        Ok(s) => s.answers(),
        Err(e) => Err(Unverifiable::ProgressUnreadable {
            error: e.to_string(),
        }),
    };
    let keys: Vec<StepKey> = steps
        .iter()
        .map(|(l, s)| StepKey::new(&l.id, &s.id))
        .collect();
    let fallback = Session::detached(Default::default());
    let beginnings = session
        .as_ref()
        .unwrap_or(&fallback)
        .beginnings(course, &keys, explicit);
    let checker = Checker::new(daemon.clone(), workdir);
    let results = checker
        .run(&session::jobs(course, &keys, &beginnings), &answers)
        .await;
    if let Ok(mut s) = session {
        if let Err(e) = s.record(&results) {
            eprintln!("{}", tr.ta("error-progress", &[("error", &e.to_string())]));
        }
    }
    if as_json {
        print_json(course, &results, tr);
    } else {
        print_human(course, &results, tr);
    }
    if let (true, Err(u)) = (needs_daemon, &daemon) {
        eprintln!("\n{}", diagnosis(u, tr));
    }
    let required = results
        .iter()
        .zip(&steps)
        .filter(|(_, (_, s))| !s.optional)
        .map(|(r, _)| r.status())
        .max()
        .unwrap_or(Status::Passed);
    match required {
        Status::Passed => exit::OK,
        Status::Failed => exit::FAILED,
        Status::Unknown => exit::UNKNOWN,
    }
}

/// Records the learner's answer to a quiz step and tells whether it is right.
pub async fn answer(
    course: &Course,
    source: &Source,
    target: &str,
    choice: u8,
    workdir: PathBuf,
    tr: &Tr,
) -> i32 {
    let steps = match select(course, Some(target)) {
        Ok(s) if s.len() == 1 && s[0].1.checks.iter().any(|c| c.kind() == "quiz") => s,
        _ => {
            eprintln!("{}", tr.ta("error-not-a-quiz", &[("target", target)]));
            return exit::UNKNOWN;
        }
    };
    let (lesson, step) = steps[0];
    let key = StepKey::new(&lesson.id, &step.id);
    let opened = Session::open(&progress::default_path(source)).and_then(|(mut s, aside)| {
        s.answer(&key, choice)?;
        Ok((s, aside))
    });
    let session = match opened {
        Ok((s, aside)) => {
            if let Some(p) = aside {
                eprintln!(
                    "{}",
                    tr.ta("progress-set-aside", &[("path", &p.display().to_string())])
                );
            }
            s
        }
        Err(e) => {
            eprintln!("{}", tr.ta("error-progress", &[("error", &e.to_string())]));
            return exit::UNKNOWN;
        }
    };
    let quiz_only = Step {
        checks: step
            .checks
            .iter()
            .filter(|c| c.kind() == "quiz")
            .cloned()
            .collect(),
        ..step.clone()
    };
    let checker = Checker::new(
        Err(Unverifiable::DaemonError {
            error: String::new(),
        }),
        workdir,
    );
    let began = Beginning::At(0);
    let job = Job {
        lesson,
        step: &quiz_only,
        began: &began,
    };
    let results = checker.run(&[job], &session.answers()).await;
    print_human(course, &results, tr);
    match results.first().map(StepResult::status) {
        Some(Status::Passed) => exit::OK,
        _ => exit::FAILED,
    }
}

/// The steps a target names: everything, a lesson, or one step.
fn select<'c>(course: &'c Course, target: Option<&str>) -> Result<Vec<(&'c Lesson, &'c Step)>, ()> {
    let all = |l: &'c Lesson| l.steps.iter().map(move |s| (l, s));
    match target.map(|t| t.split_once('/').map_or((t, None), |(l, s)| (l, Some(s)))) {
        None => Ok(course.lessons.iter().flat_map(all).collect()),
        Some((lesson, step)) => {
            let l = course.lesson(lesson).ok_or(())?;
            match step {
                None => Ok(all(l).collect()),
                Some(s) => l
                    .steps
                    .iter()
                    .find(|x| x.id == s)
                    .map(|x| vec![(l, x)])
                    .ok_or(()),
            }
        }
    }
}

fn status_word(s: Status) -> &'static str {
    match s {
        Status::Passed => "passed",
        Status::Failed => "failed",
        Status::Unknown => "unknown",
    }
}

/// The course step a result is about.
fn step_of<'c>(course: &'c Course, r: &StepResult) -> Option<&'c Step> {
    course
        .lesson(&r.lesson)?
        .steps
        .iter()
        .find(|s| s.id == r.step)
}

fn print_json(course: &Course, results: &[StepResult], tr: &Tr) {
    let steps: Vec<_> = results
        .iter()
        .map(|r| {
            let checks: Vec<_> = r
                .checks
                .iter()
                .map(|c| {
                    json!({
                        "kind": c.check.kind(),
                        "target": c.check.target(),
                        "status": status_word(c.outcome.status()),
                        "message": message(c, tr),
                    })
                })
                .collect();
            let optional = step_of(course, r).is_some_and(|s| s.optional);
            json!({"lesson": r.lesson, "step": r.step, "status": status_word(r.status()), "optional": optional, "checks": checks})
        })
        .collect();
    println!("{}", json!({ "steps": steps }));
}

fn symbol(s: Status) -> &'static str {
    match s {
        Status::Passed => "✔",
        Status::Failed => "✘",
        Status::Unknown => "?",
    }
}

fn print_human(course: &Course, results: &[StepResult], tr: &Tr) {
    let mut counts = [0usize; 3];
    for r in results {
        let status = r.status();
        counts[status as usize] += 1;
        let step = step_of(course, r);
        let title = step.map(|s| s.title(tr.lang())).unwrap_or_default();
        let optional = if step.is_some_and(|s| s.optional) {
            format!("  ({})", tr.t("step-optional"))
        } else {
            String::new()
        };
        println!(
            "{} {}/{}  {title}{optional}",
            symbol(status),
            r.lesson,
            r.step
        );
        for c in r.checks.iter().filter(|c| c.outcome != Outcome::Passed) {
            println!("    {} {}", symbol(c.outcome.status()), message(c, tr));
        }
    }
    let [passed, unknown, failed] = counts.map(|n| n.to_string());
    println!(
        "\n{}",
        tr.ta(
            "check-summary",
            &[
                ("passed", &passed),
                ("failed", &failed),
                ("unknown", &unknown)
            ]
        )
    );
}
