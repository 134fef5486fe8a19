//! `check` (move the learner forward and say where each step stands) and `answer` (record a
//! quiz answer, then move forward).

use std::path::PathBuf;

use super::{connect, diagnosis};
use crate::cascade::{self, Cascade};
use crate::check::{Beginning, Status, StepResult, Unverifiable};
use crate::checker::{Checker, Job};
use crate::cli::parse_since;
use crate::course::{Course, Lesson, Source, Step};
use crate::exit::{Ended, Failure};
use crate::i18n::Tr;
use crate::key::StepKey;
use crate::progress;
use crate::report::standing::{self, Line};
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
) -> Ended {
    let now = session::now();
    let explicit = match since.map(|s| (s, parse_since(s, now))) {
        Some((s, None)) => return Err(Failure::Since(s.to_string())),
        Some((_, t)) => t,
        None => None,
    };
    let steps = select(course, target)
        .map_err(|()| Failure::NoSuchStep(target.unwrap_or("").to_string()))?;
    let path = progress::default_path(source);
    // Reading never moves a corrupt file; the course's start is recorded only in a sound one.
    let session = Session::read(&path).and_then(|s| match s.progress().started {
        Some(_) => Ok(s),
        None => Session::open(&path).map(|(s, _)| s),
    });
    // Without the progress nobody knows which step is current: nothing is evaluated.
    let mut session = session.map_err(|e| Failure::Progress(e.to_string()))?;
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
    let lines = lines_for(course, &session, &keys, ran.results);
    if as_json {
        println!("{}", standing::json(course, &lines, tr));
    } else {
        print!("{}", standing::text(course, &lines, tr));
        optional_hint(course, &session, tr);
    }
    if let Some(u) = &ran.unreachable {
        eprintln!("\n{}", diagnosis(u, tr));
    }
    Ok(worst(course, &lines))
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
) -> Ended {
    let steps = match select(course, Some(target)) {
        Ok(s) if s.len() == 1 && s[0].1.checks.iter().any(|c| c.kind() == "quiz") => s,
        _ => return Err(Failure::NotAQuiz(target.to_string())),
    };
    let (lesson, step) = steps[0];
    let key = StepKey::new(&lesson.id, &step.id);
    let mut session = open(source, tr)?;
    begun(course, &session, &key)?;
    session
        .answer(&key, choice)
        .map_err(|e| Failure::Progress(e.to_string()))?;
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
            let quiz = step.checks.iter().filter(|c| c.kind() == "quiz");
            let quiz_only = step.with_checks(quiz.cloned().collect());
            let began = Beginning::At(0);
            let job = Job {
                lesson,
                step: &quiz_only,
                began: &began,
            };
            let r = checker.run(&[job], &session.answers()).await;
            r.into_iter().map(|r| Line::Evaluated(r, false)).collect()
        }
        false => lines_for(course, &session, std::slice::from_ref(&key), ran.results),
    };
    print!("{}", standing::text(course, &lines, tr));
    match lines.first() {
        Some(Line::Evaluated(r, _)) if r.status() == Status::Passed => Ok(Status::Passed),
        _ => Ok(Status::Failed),
    }
}

/// Stopped at an optional step: says how to go on without it (`skip`).
pub(super) fn optional_hint(course: &Course, session: &Session, tr: &Tr) {
    let current = session.current(course);
    if let Some(c) = current.filter(|c| course.step(c).is_some_and(|(_, s)| s.optional)) {
        let step = c.to_string();
        println!("\n{}", tr.ta("check-optional-hint", &[("step", &step)]));
    }
}

/// The learner's progress, to change it; a corrupt file is set aside (and said so), never lost.
pub(super) fn open(source: &Source, tr: &Tr) -> Result<Session, Failure> {
    let (s, aside) = Session::open(&progress::default_path(source))
        .map_err(|e| Failure::Progress(e.to_string()))?;
    if let Some(p) = aside {
        eprintln!(
            "{}",
            tr.ta("progress-set-aside", &[("path", &p.display().to_string())])
        );
    }
    Ok(s)
}

/// Fails with the current step when `key` comes after it.
pub(super) fn begun(course: &Course, session: &Session, key: &StepKey) -> Result<(), Failure> {
    if session.state(course, key) != StepState::Locked {
        return Ok(());
    }
    Err(Failure::StepLocked {
        step: key.to_string(),
        current: session
            .current(course)
            .map(|k| k.to_string())
            .unwrap_or_default(),
    })
}

/// The daemon before anyone needed it: never shown, as nothing that needs it runs without
/// connecting first.
pub(super) fn not_connected() -> Unverifiable {
    Unverifiable::DaemonError {
        error: String::new(),
    }
}

/// The selected steps, each as the cascade evaluated it or as the progress holds it.
pub(super) fn lines_for(
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

/// Passed when every selected required step is done; failed when one failed or is still ahead;
/// unknown when the worst is a step that could not be verified.
fn worst(course: &Course, lines: &[Line]) -> Status {
    let required = |l: &&Line| course.step(&l.key()).is_some_and(|(_, s)| !s.optional);
    lines
        .iter()
        .filter(required)
        .map(|l| match l {
            Line::Evaluated(r, _) => r.status(),
            Line::Done(_) | Line::Skipped(_) => Status::Passed,
            Line::Reading(_) | Line::Locked(..) => Status::Failed,
        })
        .max()
        .unwrap_or(Status::Passed)
}

/// A step's place in the course.
fn order(course: &Course, key: &StepKey) -> usize {
    course
        .steps()
        .position(|(l, s)| l.id == key.lesson && s.id == key.step)
        .unwrap_or(usize::MAX)
}

/// The steps a target names: everything, a lesson, or one step.
pub(super) fn select<'c>(
    course: &'c Course,
    target: Option<&str>,
) -> Result<Vec<(&'c Lesson, &'c Step)>, ()> {
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
