//! The learner's place in a course: which steps are done, when each began, gating, quiz answers,
//! skipping and confirming. One rule for everyone: only the current step can become done, and
//! a step begins at the instant the evidence of the one before it happened. The trainer, `--plain`, `check` and `answer` all go through here;
//! every change is written through [`progress::update`] (locked, atomic). No terminal, no daemon.

use std::path::{Path, PathBuf};

use crate::check::Status;
use crate::check::{Answers, Beginning, Evidence, StepResult};
use crate::checker::Job;
use crate::course::Course;
use crate::key::StepKey;
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
mod tests;
