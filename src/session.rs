//! The learner's place in a course: which steps are done, when each began, gating, quiz answers,
//! skipping and confirming. The trainer, `--plain`, `check` and `answer` all go through here;
//! every change is written through [`progress::update`] (locked, atomic). No terminal, no daemon.

use std::path::{Path, PathBuf};

use crate::check::Status;
use crate::checker::{Answers, Beginning, Job, StepResult};
use crate::course::{Course, Step, StepKey};
use crate::progress::{self, Progress, ProgressError};

/// A learner's progress through one course.
#[derive(Debug, Clone)]
pub struct Session {
    path: PathBuf,
    progress: Progress,
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

    /// Whether the learner completed or skipped the step.
    pub fn is_done(&self, key: &StepKey) -> bool {
        self.progress.completed.contains_key(key) || self.progress.skipped.contains_key(key)
    }

    /// When a step began: the second after the latest completion (or skip) of an earlier step,
    /// provided the nearest earlier required step is done; for the course's first step, when the
    /// learner started. Whole seconds: what happened in the completion's own second belongs to
    /// the earlier step.
    pub fn beginning(&self, course: &Course, key: &StepKey) -> Beginning {
        let earlier: Vec<(StepKey, &Step)> = course
            .steps()
            .map(|(l, s)| (StepKey::new(&l.id, &s.id), s))
            .take_while(|(k, _)| k != key)
            .collect();
        if let Some((k, _)) = earlier
            .iter()
            .rev()
            .find(|(_, s)| !s.optional)
            .filter(|(k, _)| !self.is_done(k))
        {
            return Beginning::After(k.clone());
        }
        let latest = earlier
            .iter()
            .filter_map(|(k, _)| self.done_at(k))
            .max()
            .map(|t| t + 1);
        match latest.or(self.progress.started) {
            Some(t) => Beginning::At(t),
            None => Beginning::After(
                earlier
                    .first()
                    .map_or_else(|| key.clone(), |(k, _)| k.clone()),
            ),
        }
    }

    fn done_at(&self, key: &StepKey) -> Option<i64> {
        let c = self.progress.completed.get(key).copied();
        let s = self.progress.skipped.get(key).copied();
        c.max(s)
    }

    /// The step to work on: the first one neither done nor skipped (None when all are).
    pub fn current(&self, course: &Course) -> Option<StepKey> {
        course
            .steps()
            .map(|(l, s)| StepKey::new(&l.id, &s.id))
            .find(|k| !self.is_done(k))
    }

    /// Where a step stands.
    pub fn state(&self, course: &Course, key: &StepKey) -> StepState {
        if self.progress.skipped.contains_key(key) && !self.progress.completed.contains_key(key) {
            return StepState::Skipped;
        }
        if self.progress.completed.contains_key(key) {
            return StepState::Done;
        }
        match self.current(course) {
            Some(c) if &c == key => StepState::Current,
            _ => StepState::Locked,
        }
    }

    /// The jobs for evaluating `keys` with their beginnings (an explicit `since` overrides).
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

    /// The steps among `results` whose checks all passed (and that have checks) and that are
    /// not recorded yet.
    pub fn newly_passed(&self, results: &[StepResult]) -> Vec<StepKey> {
        results
            .iter()
            .filter(|r| r.status() == Status::Passed && !r.checks.is_empty())
            .map(StepResult::key)
            .filter(|k| !self.progress.completed.contains_key(k))
            .collect()
    }

    /// Records newly passed steps as completed now. Returns them.
    pub fn record(&mut self, results: &[StepResult]) -> Result<Vec<StepKey>, ProgressError> {
        let fresh = self.newly_passed(results);
        if !fresh.is_empty() {
            self.commit(Change::Completed(fresh.clone(), now()))?;
        }
        Ok(fresh)
    }

    /// The learner read a step without checks and says so.
    pub fn confirm(&mut self, key: &StepKey) -> Result<(), ProgressError> {
        self.commit(Change::Completed(vec![key.clone()], now()))
    }

    /// The learner skips an optional step.
    pub fn skip(&mut self, key: &StepKey) -> Result<(), ProgressError> {
        self.commit(Change::Skipped(key.clone(), now()))
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

    /// The progress file's path.
    pub fn path(&self) -> &Path {
        &self.path
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
    /// These steps passed (or were confirmed) at this time.
    Completed(Vec<StepKey>, i64),
    /// An optional step was skipped at this time.
    Skipped(StepKey, i64),
    /// A quiz answer.
    Answered(StepKey, u8),
    /// Forget one lesson (or everything, restarting the course at this time).
    Reset(Option<String>, i64),
}

impl Change {
    /// Applies the change; completions and skips keep their first time.
    pub fn apply(&self, p: &mut Progress) {
        match self {
            Change::Completed(keys, t) => {
                for k in keys {
                    p.completed.entry(k.clone()).or_insert(*t);
                }
            }
            Change::Skipped(k, t) => {
                p.skipped.entry(k.clone()).or_insert(*t);
            }
            Change::Answered(k, n) => {
                p.answers.insert(k.clone(), *n);
            }
            Change::Reset(lesson, t) => {
                let keep = |k: &StepKey| lesson.as_deref().is_some_and(|l| k.lesson != l);
                p.completed.retain(|k, _| keep(k));
                p.skipped.retain(|k, _| keep(k));
                p.answers.retain(|k, _| keep(k));
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

/// Seconds since the epoch.
pub fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
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

    #[test]
    fn a_step_begins_the_second_after_the_previous_completion() {
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
        p.completed.insert(key("02-red/crear-red"), 500);
        let s = Session::detached(p);
        assert_eq!(
            s.beginning(&c, &key("01-imagen/etiquetar")),
            Beginning::At(101)
        );
        assert_eq!(s.beginning(&c, &key("02-red/servidor")), Beginning::At(501));
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
        s.confirm(&key("01-imagen/dockerfile")).expect("confirm");
        assert_eq!(s.state(&c, &key("01-imagen/dockerfile")), StepState::Done);
        assert_eq!(s.state(&c, &key("01-imagen/etiquetar")), StepState::Current);
        s.skip(&key("01-imagen/etiquetar")).expect("skip");
        assert_eq!(s.state(&c, &key("01-imagen/etiquetar")), StepState::Skipped);
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
