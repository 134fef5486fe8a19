//! `grade --watch`, the live class board: a front end over `grade`, as the trainer is over the
//! checker (so grading imports neither the UI nor the terminal). Here, its state: one row per
//! learner (a lean [`Summary`] of their last grade, their connection, when they last passed a
//! new step), plus what the instructor is looking at (view, sort, scroll). Pure: updates and
//! actions in, state out; drawn by `view` and `steps`, changed by keys through `keys`, run by
//! `watch`. No I/O, no clock: time comes in.

mod alias;
pub mod keys;
mod progress_files;
mod steps;
pub mod view;
pub mod watch;

use std::time::Duration;

use crate::grade::summary::Summary;

/// How a host's connection stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// Not connected yet.
    Connecting,
    /// Connected; its events arrive.
    Live,
    /// It went away (or never answered); reconnecting with backoff. Why.
    Dropped(crate::check::Unverifiable),
}

/// One learner's row.
#[derive(Debug, Clone)]
pub struct LearnerRow {
    /// Roster name (never shown with `--anonymize`).
    pub name: String,
    /// Connection.
    pub link: Link,
    /// The last grade; `None` before the first.
    pub summary: Option<Summary>,
    /// Board time of the last newly passed step (of the first grade, before any).
    pub progressed: Option<Duration>,
}

/// Which table is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// One row per learner.
    Learners,
    /// One row per step of the course.
    Steps,
}

/// The learners' order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    /// By name (by alias, that is roster order, when anonymized).
    Name,
    /// Fewest passed steps first: who is behind.
    Progress,
    /// Longest time without a newly passed step first: who is stuck.
    Stalled,
}

/// The board.
#[derive(Debug, Clone)]
pub struct Board {
    /// Lesson ids, the learner view's columns.
    pub lessons: Vec<String>,
    /// Step labels, in course order: the step view's rows.
    pub steps: Vec<String>,
    /// One per learner, in roster order.
    pub rows: Vec<LearnerRow>,
    /// What is shown.
    pub view: View,
    /// The learners' order.
    pub sort: Sort,
    /// First visible row of the learner view, in sorted order.
    pub offset: usize,
    /// First visible row of the step view.
    pub step_offset: usize,
    /// Terminal rows, for the page size.
    pub height: u16,
    /// Time since the board started.
    pub now: Duration,
    /// Aliases instead of names on screen.
    pub anonymize: bool,
    /// First lesson column shown, when not all fit the terminal's width.
    pub lesson_offset: usize,
    /// How many lesson columns fit (set on resize, from [`view::lessons_fitting`]).
    pub fit: usize,
}

/// What the host tasks report.
#[derive(Debug, Clone)]
pub enum Update {
    /// Host `usize`'s connection changed.
    Link(usize, Link),
    /// Host `usize` was graded.
    Graded(usize, Summary),
}

/// Rows of the table body for a terminal `height` rows tall: borders, header, key line out.
pub fn page(height: u16) -> usize {
    usize::from(height.saturating_sub(4)).max(1)
}

impl Board {
    /// An empty board.
    pub fn new(lessons: Vec<String>, steps: Vec<String>, names: Vec<String>) -> Board {
        Board {
            rows: names
                .into_iter()
                .map(|name| LearnerRow {
                    name,
                    link: Link::Connecting,
                    summary: None,
                    progressed: None,
                })
                .collect(),
            fit: lessons.len(),
            lessons,
            steps,
            view: View::Learners,
            sort: Sort::Name,
            offset: 0,
            step_offset: 0,
            height: 24,
            now: Duration::ZERO,
            anonymize: false,
            lesson_offset: 0,
        }
    }

    /// The lesson columns shown: `lessons[first..first + n]`, never past the last lesson.
    pub fn lesson_window(&self, fit: usize) -> (usize, usize) {
        let n = fit.min(self.lessons.len());
        (self.lesson_offset.min(self.lessons.len() - n), n)
    }

    /// Applies a report from a host task at board time `at`; false when it changed nothing
    /// (no redraw needed).
    pub fn apply(&mut self, u: Update, at: Duration) -> bool {
        self.now = self.now.max(at);
        match u {
            Update::Link(i, l) => match self.rows.get_mut(i) {
                Some(r) if r.link != l => {
                    r.link = l;
                    true
                }
                _ => false,
            },
            Update::Graded(i, s) => match self.rows.get_mut(i) {
                Some(r) if r.summary.as_ref() != Some(&s) => {
                    let before = r.summary.as_ref().map(Summary::passed);
                    if before.is_none_or(|b| s.passed() > b) {
                        r.progressed = Some(at);
                    }
                    r.summary = Some(s);
                    true
                }
                _ => false,
            },
        }
    }

    /// Rows graded at least once or known unreachable.
    pub fn settled(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.summary.is_some() || matches!(r.link, Link::Dropped(_)))
            .count()
    }

    /// Learner indices in display order.
    pub fn order(&self) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..self.rows.len()).collect();
        match self.sort {
            Sort::Name if self.anonymize => {}
            Sort::Name => idx.sort_by_cached_key(|&i| self.rows[i].name.to_lowercase()),
            Sort::Progress => idx.sort_by_key(|&i| {
                let s = self.rows[i].summary.as_ref();
                (s.is_none(), s.map_or(0, Summary::passed))
            }),
            Sort::Stalled => idx.sort_by_key(|&i| {
                let p = self.rows[i].progressed;
                (p.is_none(), p.unwrap_or_default())
            }),
        }
        idx
    }

    /// Rows in the current view.
    pub fn len(&self) -> usize {
        match self.view {
            View::Learners => self.rows.len(),
            View::Steps => self.steps.len(),
        }
    }

    /// True when the current view has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The current view's first visible row, kept so that the last page is full.
    pub fn first(&self) -> usize {
        let max = self.len().saturating_sub(page(self.height));
        match self.view {
            View::Learners => self.offset,
            View::Steps => self.step_offset,
        }
        .min(max)
    }

    /// Sets the current view's first visible row (clamped).
    pub fn set_first(&mut self, first: usize) {
        let first = first.min(self.len().saturating_sub(page(self.height)));
        match self.view {
            View::Learners => self.offset = first,
            View::Steps => self.step_offset = first,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grade::summary::Mark;
    use crate::report::Score;

    fn summary(passed: usize, of: usize) -> Summary {
        let mut marks = vec![Mark::Passed; passed];
        marks.resize(of, Mark::Failed(None));
        Summary {
            scores: vec![Score {
                passed,
                required: of,
                ..Default::default()
            }],
            optional: vec![false; of],
            marks,
        }
    }

    fn board(n: usize) -> Board {
        Board::new(
            vec!["01-imagen".into()],
            vec!["01 a".into(), "01 b".into(), "01 c".into()],
            (0..n).map(|i| format!("learner {i:03}")).collect(),
        )
    }

    #[test]
    fn progress_time_moves_only_on_a_newly_passed_step() {
        let mut b = board(1);
        let s = Duration::from_secs;
        assert!(b.apply(Update::Graded(0, summary(1, 3)), s(5)));
        assert_eq!(
            b.rows[0].progressed,
            Some(s(5)),
            "first grade starts the clock"
        );
        assert!(
            !b.apply(Update::Graded(0, summary(1, 3)), s(50)),
            "same: no redraw"
        );
        assert_eq!(b.rows[0].progressed, Some(s(5)));
        assert!(
            b.apply(Update::Graded(0, summary(0, 3)), s(60)),
            "a step failed again"
        );
        assert_eq!(
            b.rows[0].progressed,
            Some(s(5)),
            "going back is not progress"
        );
        assert!(b.apply(Update::Graded(0, summary(2, 3)), s(90)));
        assert_eq!(b.rows[0].progressed, Some(s(90)));
        assert_eq!(b.now, s(90));
    }

    #[test]
    fn sorts_by_name_progress_and_time_without_progress() {
        let mut b = Board::new(
            vec!["l".into()],
            vec!["a".into(), "b".into(), "c".into()],
            vec!["Zoe".into(), "ana".into(), "Luis".into(), "Pedro".into()],
        );
        let s = Duration::from_secs;
        b.apply(Update::Graded(0, summary(3, 3)), s(1));
        b.apply(Update::Graded(1, summary(1, 3)), s(2));
        b.apply(Update::Graded(2, summary(2, 3)), s(3));
        b.apply(Update::Graded(0, summary(3, 3)), s(4));
        assert_eq!(b.order(), vec![1, 2, 3, 0], "by name, case-insensitive");
        b.anonymize = true;
        assert_eq!(b.order(), vec![0, 1, 2, 3], "aliases follow the roster");
        b.sort = Sort::Progress;
        assert_eq!(b.order(), vec![1, 2, 0, 3], "behind first, ungraded last");
        b.sort = Sort::Stalled;
        assert_eq!(
            b.order(),
            vec![0, 1, 2, 3],
            "longest without progress first"
        );
    }

    #[test]
    fn the_first_row_stays_inside_the_list() {
        let mut b = board(300);
        b.height = 24;
        assert_eq!(page(24), 20);
        b.set_first(1000);
        assert_eq!(b.first(), 280, "the last page is full");
        b.height = 400;
        assert_eq!(b.first(), 0, "a taller terminal shows everything");
        assert_eq!(b.settled(), 0);
        b.apply(
            Update::Link(
                3,
                Link::Dropped(crate::check::Unverifiable::DaemonTimeout { host: "h".into() }),
            ),
            Duration::ZERO,
        );
        assert_eq!(b.settled(), 1, "a dropped host counts as settled");
    }
}
