//! `check` (move the learner forward and say where each step stands) and `answer` (record a
//! quiz answer, then move forward).

use std::path::PathBuf;

use serde_json::json;

use super::{connect, diagnosis, exit};
use crate::cascade::{self, Cascade};
use crate::check::{Beginning, StepResult};
use crate::check::{Outcome, Status, Unverifiable};
use crate::checker::{Checker, Job};
use crate::cli::parse_since;
use crate::course::{Course, Lesson, Source, Step, StepKey};
use crate::i18n::{check_message as message, Tr};
use crate::progress;
use crate::session::{self, Session, StepState};

/// Moves the learner forward (the current step, then the next while they pass; see
/// [`cascade`]) and prints where each selected step stands. Nothing after the current step is
/// evaluated or recorded: a locked step is reported as locked, never as passed.
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
    let path = progress::default_path(source);
    // Reading never moves a corrupt file; the course's start is recorded only in a sound one.
    let session = Session::read(&path).and_then(|s| match s.progress().started {
        Some(_) => Ok(s),
        None => Session::open(&path).map(|(s, _)| s),
    });
    let mut session = match session {
        Ok(s) => s,
        Err(e) => {
            // Without the progress nobody knows which step is current: nothing is evaluated.
            eprintln!("{}", tr.ta("error-progress", &[("error", &e.to_string())]));
            return exit::UNKNOWN;
        }
    };
    let keys: Vec<StepKey> = steps
        .iter()
        .map(|(l, s)| StepKey::new(&l.id, &s.id))
        .collect();
    let pending = session.current(course).filter(|c| {
        keys.last()
            .is_some_and(|last| order(course, c) <= order(course, last))
    });
    let mut checker = Checker::new(Err(not_connected()), workdir);
    let ran = match pending {
        Some(_) => {
            cascade::run_connecting(
                &mut session,
                course,
                &mut checker,
                connect,
                explicit,
                keys.last(),
            )
            .await
        }
        None => Cascade::default(),
    };
    if let Some(e) = &ran.error {
        eprintln!("{}", tr.ta("error-progress", &[("error", &e.to_string())]));
    }
    let lines = standing(course, &session, &keys, ran.results);
    if as_json {
        print_json(course, &lines, tr);
    } else {
        print_human(course, &lines, tr);
    }
    if let Some(u) = &ran.unreachable {
        eprintln!("\n{}", diagnosis(u, tr));
    }
    exit_code(course, &lines)
}

/// Records the learner's answer to a quiz step that has begun, and moves them forward when it
/// is right and the step is current.
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
    let mut session = match Session::open(&progress::default_path(source)) {
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
    if session.state(course, &key) == StepState::Locked {
        let first = session
            .current(course)
            .map(|k| k.to_string())
            .unwrap_or_default();
        eprintln!(
            "{}",
            tr.ta(
                "error-step-locked",
                &[("step", &key.to_string()), ("current", &first)]
            )
        );
        return exit::UNKNOWN;
    }
    if let Err(e) = session.answer(&key, choice) {
        eprintln!("{}", tr.ta("error-progress", &[("error", &e.to_string())]));
        return exit::UNKNOWN;
    }
    // The quiz itself needs no daemon; the steps after it that the cascade reaches may.
    let mut checker = Checker::new(Err(not_connected()), workdir);
    let ran = match session.current(course) {
        Some(c) if c == key => {
            cascade::run_connecting(&mut session, course, &mut checker, connect, None, None).await
        }
        _ => Cascade::default(),
    };
    if let Some(e) = &ran.error {
        eprintln!("{}", tr.ta("error-progress", &[("error", &e.to_string())]));
    }
    let lines = match ran.results.is_empty() {
        // Already done: the new answer is judged on its own.
        true => {
            let quiz_only = Step {
                checks: step
                    .checks
                    .iter()
                    .filter(|c| c.kind() == "quiz")
                    .cloned()
                    .collect(),
                ..step.clone()
            };
            let began = Beginning::At(0);
            let job = Job {
                lesson,
                step: &quiz_only,
                began: &began,
            };
            let r = checker.run(&[job], &session.answers()).await;
            r.into_iter().map(|r| Line::Evaluated(r, false)).collect()
        }
        false => standing(course, &session, std::slice::from_ref(&key), ran.results),
    };
    print_human(course, &lines, tr);
    match lines.first() {
        Some(Line::Evaluated(r, _)) if r.status() == Status::Passed => exit::OK,
        _ => exit::FAILED,
    }
}

/// The daemon before anyone needed it: never shown, as nothing that needs it runs without
/// connecting first.
fn not_connected() -> Unverifiable {
    Unverifiable::DaemonError {
        error: String::new(),
    }
}

/// Where one selected step stands after the cascade.
enum Line {
    /// Evaluated now; `true` when it passed and was recorded now.
    Evaluated(StepResult, bool),
    /// Recorded as done earlier.
    Done(StepKey),
    /// An optional step the learner skipped.
    Skipped(StepKey),
    /// The current step, waiting for the learner to confirm it (a reading step).
    Reading(StepKey),
    /// After the current step (named): not evaluated.
    Locked(StepKey, Option<StepKey>),
}

impl Line {
    fn key(&self) -> StepKey {
        match self {
            Line::Evaluated(r, _) => r.key(),
            Line::Done(k) | Line::Skipped(k) | Line::Reading(k) | Line::Locked(k, _) => k.clone(),
        }
    }

    fn word(&self) -> &'static str {
        match self {
            Line::Evaluated(r, _) => status_word(r.status()),
            Line::Done(_) => "passed",
            Line::Skipped(_) => "skipped",
            Line::Reading(_) => "pending",
            Line::Locked(..) => "locked",
        }
    }
}

/// The selected steps, each as the cascade evaluated it or as the progress holds it.
fn standing(
    course: &Course,
    session: &Session,
    keys: &[StepKey],
    results: Vec<StepResult>,
) -> Vec<Line> {
    let mut results: Vec<Option<StepResult>> = results.into_iter().map(Some).collect();
    let current = session.current(course);
    keys.iter()
        .map(|k| {
            let fresh = results
                .iter_mut()
                .find(|r| r.as_ref().is_some_and(|r| &r.key() == k))
                .and_then(Option::take);
            match (fresh, session.state(course, k)) {
                (Some(r), state) => Line::Evaluated(r, state == StepState::Done),
                (None, StepState::Done) => Line::Done(k.clone()),
                (None, StepState::Skipped) => Line::Skipped(k.clone()),
                (None, StepState::Current) => Line::Reading(k.clone()),
                (None, _) => Line::Locked(k.clone(), current.clone().filter(|c| c != k)),
            }
        })
        .collect()
}

/// 0 when every selected required step is done; 1 when one failed or is still ahead; 2 when
/// the worst is a step that could not be verified.
fn exit_code(course: &Course, lines: &[Line]) -> i32 {
    let required = |l: &&Line| course.step(&l.key()).is_some_and(|(_, s)| !s.optional);
    let worst = lines
        .iter()
        .filter(required)
        .map(|l| match l {
            Line::Evaluated(r, _) => r.status(),
            Line::Done(_) | Line::Skipped(_) => Status::Passed,
            Line::Reading(_) | Line::Locked(..) => Status::Failed,
        })
        .max()
        .unwrap_or(Status::Passed);
    match worst {
        Status::Passed => exit::OK,
        Status::Failed => exit::FAILED,
        Status::Unknown => exit::UNKNOWN,
    }
}

/// A step's place in the course.
fn order(course: &Course, key: &StepKey) -> usize {
    course
        .steps()
        .position(|(l, s)| l.id == key.lesson && s.id == key.step)
        .unwrap_or(usize::MAX)
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

fn print_json(course: &Course, lines: &[Line], tr: &Tr) {
    let steps: Vec<_> = lines
        .iter()
        .map(|line| {
            let key = line.key();
            let optional = course.step(&key).is_some_and(|(_, s)| s.optional);
            let (checks, done): (Vec<_>, bool) = match line {
                Line::Evaluated(r, recorded) => (
                    r.checks
                        .iter()
                        .map(|c| {
                            json!({
                                "kind": c.check.kind(),
                                "target": c.check.target(),
                                "status": status_word(c.outcome.status()),
                                "message": message(c, tr),
                            })
                        })
                        .collect(),
                    *recorded,
                ),
                Line::Done(_) => (Vec::new(), true),
                Line::Skipped(_) | Line::Reading(_) | Line::Locked(..) => (Vec::new(), false),
            };
            let mut v = json!({"lesson": key.lesson, "step": key.step, "status": line.word(),
                "done": done, "optional": optional, "checks": checks});
            if let Line::Locked(_, Some(c)) = line {
                v["after"] = json!(c.to_string());
            }
            v
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

fn print_human(course: &Course, lines: &[Line], tr: &Tr) {
    let mut counts = [0usize; 3];
    let mut locked = 0;
    for line in lines {
        let key = line.key();
        let step = course.step(&key).map(|(_, s)| s);
        let title = step.map(|s| s.title(tr.lang())).unwrap_or_default();
        let optional = if step.is_some_and(|s| s.optional) {
            format!("  ({})", tr.t("step-optional"))
        } else {
            String::new()
        };
        let (mark, note) = match line {
            Line::Evaluated(r, _) => {
                counts[r.status() as usize] += 1;
                (symbol(r.status()), String::new())
            }
            Line::Done(_) => {
                counts[Status::Passed as usize] += 1;
                ("✔", String::new())
            }
            Line::Skipped(_) => ("»", format!("  ({})", tr.t("check-skipped"))),
            Line::Reading(_) => {
                locked += 1;
                ("·", format!("  ({})", tr.t("check-reading")))
            }
            Line::Locked(_, after) => {
                locked += 1;
                let after = after.as_ref().map(|k| k.to_string()).unwrap_or_default();
                (
                    "·",
                    format!("  ({})", tr.ta("check-locked", &[("current", &after)])),
                )
            }
        };
        println!("{mark} {key}  {title}{optional}{note}");
        if let Line::Evaluated(r, _) = line {
            for c in r.checks.iter().filter(|c| c.outcome != Outcome::Passed) {
                println!("    {} {}", symbol(c.outcome.status()), message(c, tr));
            }
        }
    }
    let [passed, unknown, failed] = counts.map(|n| n.to_string());
    let locked = locked.to_string();
    println!(
        "\n{}",
        tr.ta(
            "check-summary",
            &[
                ("passed", &passed),
                ("failed", &failed),
                ("unknown", &unknown),
                ("locked", &locked)
            ]
        )
    );
}
