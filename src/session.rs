//! The learner's place in a course: which steps are done, when each began, gating, quiz answers,
//! skipping and confirming. One rule for everyone: only the current step can become done, and
//! a step begins at the instant the evidence of the one before it happened. The trainer, `--plain`, `check` and `answer` all go through here;
//! every change is written through [`progress::update`] (locked, atomic). No terminal, no daemon.

use std::path::{Path, PathBuf};

use crate::check::Status;
use crate::checker::{Answers, Beginning, Evidence, Job, StepResult};
use crate::course::{Course, StepKey};
use crate::progress::{self, Progress, ProgressError};

/// A learner's progress through one course.
#[derive(Debug, Clone)]
pub struct Session {
    path: PathBuf,
    progress: Progress,
}

/// The steps that count, in order, and the one after them.
struct Standing {
    /// `(step, done or skipped, when)`, in course order.
    counted: Vec<(StepKey, StepState, i64)>,
    /// The first step that does not count.
    current: Option<StepKey>,
    /// The time of the last counted step (or the start).
    last: Option<i64>,
}

/// Where a step stands for the learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    /// Passed (or confirmed) at some point.
    Done,
    /// An optional step the learner skipped.
    Skipped,
    /// The first step not done yet: the one to work on.
    Current,
    /// After the current step.
    Locked,
}

impl Session {
    /// Opens the progress for a learner who is starting or resuming (trainer, `answer`): a
    /// corrupt file is moved aside (its new path returned) and the start is recorded.
    pub fn open(path: &Path) -> Result<(Session, Option<PathBuf>), ProgressError> {
        let now = now();
        let (progress, aside) = progress::update(path, |p| {
            p.started.get_or_insert(now);
        })?;
        Ok((
            Session {
                path: path.to_path_buf(),
                progress,
            },
            aside,
        ))
    }

    /// Reads the progress as it is, never moving a corrupt file (for `check` and graders).
    pub fn read(path: &Path) -> Result<Session, ProgressError> {
        Ok(Session {
            path: path.to_path_buf(),
            progress: progress::read(path)?,
        })
    }

    /// A session with no file behind it (tests, graders without a progress file).
    pub fn detached(progress: Progress) -> Session {
        Session {
            path: PathBuf::new(),
            progress,
        }
    }

    /// The progress as last read or written.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// The quiz answers, for the checker.
    pub fn answers(&self) -> Answers {
        Ok(self.progress.answers.clone().into_iter().collect())
    }

    /// Where the learner stands: the steps that count as done or skipped, in course order, and
    /// the first one that does not (the current step). A recorded completion counts only when
    /// every step before it counts and it is not older than theirs: a progress file written by
    /// an older build that recorded steps out of order is read as the learner really stands.
    fn standing(&self, course: &Course) -> Standing {
        let p = &self.progress;
        let mut counted = Vec::new();
        let mut last = p.started;
        for (l, s) in course.steps() {
            let key = StepKey::new(&l.id, &s.id);
            let done = match (p.completed.get(&key), p.skipped.get(&key)) {
                (Some(t), _) => Some((StepState::Done, *t)),
                (None, Some(t)) if s.optional => Some((StepState::Skipped, *t)),
                _ => None,
            };
            match done {
                Some((state, t)) if last.is_none_or(|l| t >= l) => {
                    counted.push((key, state, t));
                    last = Some(t);
                }
                _ => {
                    return Standing {
                        counted,
                        current: Some(key),
                        last,
                    }
                }
            }
        }
        Standing {
            counted,
            current: None,
            last,
        }
    }

    /// Whether the step counts as completed or skipped.
    pub fn is_done(&self, course: &Course, key: &StepKey) -> bool {
        self.standing(course)
            .counted
            .iter()
            .any(|(k, _, _)| k == key)
    }

    /// When a step began: the instant of the evidence that completed the step before it (or
    /// the learner skipped it); for the course's first step, when the learner started. A step
    /// after the current one has not begun: the current step must be completed first.
    pub fn beginning(&self, course: &Course, key: &StepKey) -> Beginning {
        let st = self.standing(course);
        let mut prev = self.progress.started;
        for (k, _, t) in &st.counted {
            if k == key {
                return prev.map_or_else(|| Beginning::After(key.clone()), Beginning::At);
            }
            prev = Some(*t);
        }
        match (st.current, st.last) {
            (Some(c), Some(t)) if &c == key => Beginning::At(t),
            (Some(c), _) => Beginning::After(c),
            (None, _) => Beginning::After(key.clone()),
        }
    }

    /// The step to work on: the first one that does not count as done or skipped (None when
    /// all do).
    pub fn current(&self, course: &Course) -> Option<StepKey> {
        self.standing(course).current
    }

    /// Where a step stands.
    pub fn state(&self, course: &Course, key: &StepKey) -> StepState {
        let st = self.standing(course);
        if let Some((_, state, _)) = st.counted.iter().find(|(k, _, _)| k == key) {
            return *state;
        }
        match st.current {
            Some(c) if &c == key => StepState::Current,
            _ => StepState::Locked,
        }
    }

    /// The beginnings of `keys` (an explicit `since` overrides them: an instructor's window).
    pub fn beginnings(
        &self,
        course: &Course,
        keys: &[StepKey],
        since: Option<i64>,
    ) -> Vec<Beginning> {
        keys.iter()
            .map(|k| since.map_or_else(|| self.beginning(course, k), Beginning::At))
            .collect()
    }

    /// The change that completes the current step, when `result` is about it and it passed:
    /// the only way a step becomes done. Its time is the instant of its latest evidence (the
    /// event, the log line, the file's write), so the next step begins right there; a check
    /// whose evidence has no time of its own (an answer, a server answering) makes it now.
    pub fn completion(&self, course: &Course, result: &StepResult) -> Option<Change> {
        let key = result.key();
        if result.checks.is_empty()
            || result.status() != Status::Passed
            || self.current(course).as_ref() != Some(&key)
        {
            return None;
        }
        let Beginning::At(began) = self.beginning(course, &key) else {
            return None;
        };
        let times: Option<Vec<i64>> = result
            .checks
            .iter()
            .map(|c| c.evidence.as_ref().and_then(|e| e.at))
            .collect();
        let at = times
            .and_then(|t| t.into_iter().max())
            .unwrap_or_else(now)
            .max(began);
        let evidence = result
            .checks
            .iter()
            .filter_map(|c| c.evidence.clone())
            .collect();
        Some(Change::Completed {
            step: key,
            at,
            began,
            evidence,
        })
    }

    /// The change that confirms the current step when it is a reading step (no checks).
    pub fn confirmation(&self, course: &Course, key: &StepKey) -> Option<Change> {
        let reading = course.step(key).is_some_and(|(_, s)| s.checks.is_empty());
        self.finishing(course, key, reading)
            .map(|(began, at)| Change::Completed {
                step: key.clone(),
                at,
                began,
                evidence: Vec::new(),
            })
    }

    /// The change that skips the current step when it is optional.
    pub fn skipping(&self, course: &Course, key: &StepKey) -> Option<Change> {
        let optional = course.step(key).is_some_and(|(_, s)| s.optional);
        self.finishing(course, key, optional)
            .map(|(began, at)| Change::Skipped {
                step: key.clone(),
                at,
                began,
            })
    }

    /// `(beginning, now)` when `key` is the current step and `allowed`.
    fn finishing(&self, course: &Course, key: &StepKey, allowed: bool) -> Option<(i64, i64)> {
        if !allowed || self.current(course).as_ref() != Some(key) {
            return None;
        }
        let began = match self.beginning(course, key) {
            Beginning::At(t) => t,
            Beginning::After(_) => i64::MIN,
        };
        Some((began, now().max(began)))
    }

    /// The learner answers a quiz (1-based option).
    pub fn answer(&mut self, key: &StepKey, choice: u8) -> Result<(), ProgressError> {
        self.commit(Change::Answered(key.clone(), choice))
    }

    /// Forgets a lesson (or the whole course): its completions, skips and answers.
    pub fn reset(&mut self, lesson: Option<&str>) -> Result<(), ProgressError> {
        self.commit(Change::Reset(lesson.map(str::to_string), now()))
    }

    /// Applies a change in memory only (the trainer persists it off the render path).
    pub fn apply(&mut self, change: &Change) {
        change.apply(&mut self.progress);
    }

    /// Replaces the in-memory progress with what was saved (after a persisted change, which
    /// also merged what other processes wrote).
    pub fn replace(&mut self, progress: Progress) {
        self.progress = progress;
    }

    /// Applies a change and writes it through (locked, atomic).
    pub fn commit(&mut self, change: Change) -> Result<(), ProgressError> {
        self.write(|p| change.apply(p))
    }

    fn write(&mut self, change: impl FnOnce(&mut Progress)) -> Result<(), ProgressError> {
        if self.path.as_os_str().is_empty() {
            change(&mut self.progress);
            return Ok(());
        }
        let (p, _) = progress::update(&self.path, change)?;
        self.progress = p;
        Ok(())
    }
}

/// One change to a learner's progress: data, so the trainer can apply it at once in memory and
/// persist it elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The step passed (or was confirmed) at `at`; it began at `began`.
    Completed {
        /// The step.
        step: StepKey,
        /// When.
        at: i64,
        /// When the step began.
        began: i64,
        /// What proved it, one per check that left evidence.
        evidence: Vec<Evidence>,
    },
    /// An optional step was skipped at `at`; it began at `began`.
    Skipped {
        /// The step.
        step: StepKey,
        /// When.
        at: i64,
        /// When the step began.
        began: i64,
    },
    /// A quiz answer.
    Answered(StepKey, u8),
    /// Forget one lesson (or everything, restarting the course at this time).
    Reset(Option<String>, i64),
}

impl Change {
    /// Applies the change. A completion or skip already recorded for the same step keeps its
    /// first time (another process got there first), unless it is older than the step's
    /// beginning: then it is stale (recorded out of order by an older build) and is replaced.
    pub fn apply(&self, p: &mut Progress) {
        let keep_first = |map: &mut std::collections::BTreeMap<StepKey, i64>,
                          step: &StepKey,
                          at: i64,
                          began: i64| {
            match map.get(step) {
                Some(t) if *t >= began => false,
                _ => {
                    map.insert(step.clone(), at);
                    true
                }
            }
        };
        match self {
            Change::Completed {
                step,
                at,
                began,
                evidence,
            } => {
                if keep_first(&mut p.completed, step, *at, *began) {
                    if evidence.is_empty() {
                        p.evidence.remove(step);
                    } else {
                        p.evidence.insert(step.clone(), evidence.clone());
                    }
                }
            }
            Change::Skipped { step, at, began } => {
                keep_first(&mut p.skipped, step, *at, *began);
            }
            Change::Answered(k, n) => {
                p.answers.insert(k.clone(), *n);
            }
            Change::Reset(lesson, t) => {
                let keep = |k: &StepKey| lesson.as_deref().is_some_and(|l| k.lesson != l);
                p.completed.retain(|k, _| keep(k));
                p.skipped.retain(|k, _| keep(k));
                p.answers.retain(|k, _| keep(k));
                p.evidence.retain(|k, _| keep(k));
                if lesson.is_none() {
                    p.started = Some(*t);
                }
            }
        }
    }
}

/// Builds the checker's jobs for steps and their beginnings.
pub fn jobs<'c>(course: &'c Course, keys: &[StepKey], beginnings: &'c [Beginning]) -> Vec<Job<'c>> {
    keys.iter()
        .zip(beginnings)
        .filter_map(|(k, began)| {
            let (lesson, step) = course.step(k)?;
            Some(Job {
                lesson,
                step,
                began,
            })
        })
        .collect()
}

/// Now, nanoseconds since the epoch.
pub fn now() -> i64 {
    crate::clock::now()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::Source;

    fn course() -> Course {
        crate::course::load(&Source::Dir(
            concat!(env!("CARGO_MANIFEST_DIR"), "/examples/mini-curso").into(),
        ))
        .expect("sample course")
    }

    fn key(s: &str) -> StepKey {
        s.parse().expect("key")
    }

    fn passed(k: &str, at: &[Option<i64>]) -> StepResult {
        use crate::check::{Check, Outcome, QuizCheck};
        use crate::checker::{CheckResult, Evidence};
        let k = key(k);
        StepResult {
            lesson: k.lesson,
            step: k.step,
            checks: at
                .iter()
                .map(|t| CheckResult {
                    check: Check::Quiz(QuizCheck {
                        choices: 3,
                        answer: 1,
                    }),
                    outcome: Outcome::Passed,
                    evidence: Some(Evidence {
                        at: *t,
                        ..Default::default()
                    }),
                })
                .collect(),
        }
    }

    #[test]
    fn a_step_begins_at_the_instant_of_the_previous_evidence() {
        let c = course();
        let mut p = Progress::default();
        let s = Session::detached(p.clone());
        assert_eq!(
            s.beginning(&c, &key("01-imagen/dockerfile")),
            Beginning::After(key("01-imagen/dockerfile")),
            "no start recorded: nothing has begun"
        );
        p.started = Some(50);
        assert_eq!(
            Session::detached(p.clone()).beginning(&c, &key("01-imagen/dockerfile")),
            Beginning::At(50)
        );
        assert_eq!(
            Session::detached(p.clone()).beginning(&c, &key("01-imagen/etiquetar")),
            Beginning::After(key("01-imagen/dockerfile")),
            "the previous step is not done: no look-back at all"
        );
        p.completed.insert(key("01-imagen/dockerfile"), 100);
        let s = Session::detached(p);
        assert_eq!(
            s.beginning(&c, &key("01-imagen/etiquetar")),
            Beginning::At(100)
        );
        assert_eq!(
            s.beginning(&c, &key("01-imagen/dockerfile")),
            Beginning::At(50),
            "a done step keeps its window"
        );
        assert_eq!(
            s.beginning(&c, &key("02-red/servidor")),
            Beginning::After(key("01-imagen/etiquetar"))
        );
    }

    #[test]
    fn only_the_current_step_completes_at_its_latest_evidence() {
        let c = course();
        let mut s = Session::detached(Progress {
            started: Some(1_000),
            ..Default::default()
        });
        // A later step passing (an absence, a file) is not a completion.
        assert_eq!(
            s.completion(&c, &passed("02-red/crear-red", &[Some(2_000)])),
            None
        );
        let change = s
            .completion(
                &c,
                &passed("01-imagen/dockerfile", &[Some(1_500), Some(1_200)]),
            )
            .expect("the current step passed");
        assert_eq!(
            change,
            Change::Completed {
                step: key("01-imagen/dockerfile"),
                at: 1_500,
                began: 1_000,
                evidence: [Some(1_500), Some(1_200)]
                    .map(|at| crate::checker::Evidence {
                        at,
                        ..Default::default()
                    })
                    .to_vec(),
            }
        );
        // The evidence is kept with the completion.
        let mut p = Progress::default();
        change.apply(&mut p);
        assert_eq!(p.evidence[&key("01-imagen/dockerfile")].len(), 2);
        s.apply(&change);
        // Evidence older than the step's beginning (a state reached earlier) counts from it.
        let change = s
            .completion(&c, &passed("01-imagen/etiquetar", &[Some(10)]))
            .expect("current");
        assert!(matches!(
            change,
            Change::Completed {
                at: 1_500,
                began: 1_500,
                ..
            }
        ));
        s.apply(&change);
        // A check with no time of its own (an answer) completes the step now.
        let before = now();
        let Some(Change::Completed { at, .. }) =
            s.completion(&c, &passed("01-imagen/que-hace-tag", &[Some(1_600), None]))
        else {
            panic!("current")
        };
        assert!(at >= before);
    }

    #[test]
    fn out_of_order_and_stale_completions_do_not_count() {
        let c = course();
        let mut p = Progress {
            started: Some(1_000),
            ..Default::default()
        };
        // An older build recorded lesson 2 before lesson 1 was touched.
        p.completed.insert(key("02-red/crear-red"), 1_100);
        p.completed.insert(key("01-imagen/dockerfile"), 1_200);
        let s = Session::detached(p.clone());
        assert_eq!(s.current(&c), Some(key("01-imagen/etiquetar")));
        assert_eq!(s.state(&c, &key("02-red/crear-red")), StepState::Locked);
        assert!(!s.is_done(&c, &key("02-red/crear-red")));
        // Once lesson 1 is done after it, the stale entry is still older: it does not count,
        // and completing the step for real replaces it.
        p.completed.insert(key("01-imagen/etiquetar"), 1_300);
        p.completed.insert(key("01-imagen/que-hace-tag"), 1_400);
        let mut s = Session::detached(p);
        assert_eq!(s.current(&c), Some(key("02-red/crear-red")));
        let change = s
            .completion(&c, &passed("02-red/crear-red", &[Some(1_500)]))
            .expect("current");
        s.apply(&change);
        assert_eq!(
            s.progress().completed.get(&key("02-red/crear-red")),
            Some(&1_500)
        );
        assert_eq!(s.current(&c), Some(key("02-red/servidor")));
        // A second process completing the same step later keeps the first time.
        s.apply(&Change::Completed {
            step: key("02-red/crear-red"),
            at: 1_900,
            began: 1_400,
            evidence: Vec::new(),
        });
        assert_eq!(
            s.progress().completed.get(&key("02-red/crear-red")),
            Some(&1_500)
        );
    }

    #[test]
    fn gating_skipping_and_reset() {
        let c = course();
        let mut s = Session::detached(Progress {
            started: Some(1),
            ..Default::default()
        });
        assert_eq!(s.current(&c), Some(key("01-imagen/dockerfile")));
        assert_eq!(s.state(&c, &key("01-imagen/etiquetar")), StepState::Locked);
        assert_eq!(
            s.confirmation(&c, &key("01-imagen/dockerfile")),
            None,
            "a step with checks is not confirmed by hand"
        );
        assert_eq!(
            s.skipping(&c, &key("01-imagen/dockerfile")),
            None,
            "nor skipped when required"
        );
        let change = s
            .completion(&c, &passed("01-imagen/dockerfile", &[Some(5)]))
            .expect("current");
        s.commit(change).expect("commit");
        assert_eq!(s.state(&c, &key("01-imagen/dockerfile")), StepState::Done);
        assert_eq!(s.state(&c, &key("01-imagen/etiquetar")), StepState::Current);
        s.answer(&key("01-imagen/que-hace-tag"), 2).expect("answer");
        s.reset(Some("01-imagen")).expect("reset");
        assert_eq!(s.current(&c), Some(key("01-imagen/dockerfile")));
        assert!(s.progress().answers.is_empty());
    }

    #[test]
    fn open_records_the_start_once_and_writes_through() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.json");
        let (mut s, aside) = Session::open(&path).expect("open");
        assert!(aside.is_none());
        let started = s.progress().started.expect("start recorded");
        s.answer(&key("01-imagen/que-hace-tag"), 3).expect("answer");
        let (again, _) = Session::open(&path).expect("reopen");
        assert_eq!(again.progress().started, Some(started));
        assert_eq!(
            again.progress().answers.get(&key("01-imagen/que-hace-tag")),
            Some(&3)
        );
    }
}
