//! The board's per-step view: for each step of the course, how many learners passed it, how
//! many are stuck on it (it is their current step) and the most common reason it fails (when
//! none fails, the most common reason it could not be verified), worded in the board's language
//! from the checker's language-neutral reasons. Counted from the lean
//! summaries at draw time (a few thousand comparisons for 300 learners); no I/O.

use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Row, Table};
use ratatui::Frame;

use super::Board;
use crate::check::{Reason, Unverifiable};
use crate::grade::summary::Mark;
use crate::i18n::Tr;
use crate::ui::theme::Theme;

/// One step's row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StepStat {
    /// Learners who passed it.
    pub passed: usize,
    /// Learners whose current step it is.
    pub stuck: usize,
    /// Learners for whom it fails.
    pub failed: usize,
    /// The reason most of them fail with, and how many: ties go to the reason seen first in
    /// roster order, so the row does not flicker between equals.
    pub top: Option<(Why, usize)>,
}

/// Why a step is not passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// A check failed.
    Failed(Reason),
    /// A check could not be verified.
    Unknown(Unverifiable),
}

/// Counts equal values, in first-seen order.
fn tally<'a, T: PartialEq>(seen: &mut Vec<(&'a T, usize)>, x: &'a T) {
    match seen.iter_mut().find(|(y, _)| *y == x) {
        Some((_, n)) => *n += 1,
        None => seen.push((x, 1)),
    }
}

/// The most counted (the first seen of equals).
fn most<T: Clone>(seen: Vec<(&T, usize)>) -> Option<(T, usize)> {
    // `max_by_key` keeps the last of equals: reverse, so the first seen wins.
    seen.into_iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .map(|(x, n)| (x.clone(), n))
}

/// Per step, in course order.
pub fn stats(b: &Board) -> Vec<StepStat> {
    let mut out = vec![StepStat::default(); b.steps.len()];
    let mut failed: Vec<Vec<(&Reason, usize)>> = vec![Vec::new(); b.steps.len()];
    let mut unknown: Vec<Vec<(&Unverifiable, usize)>> = vec![Vec::new(); b.steps.len()];
    for s in b.rows.iter().filter_map(|r| r.summary.as_ref()) {
        if let Some(st) = s.current().and_then(|c| out.get_mut(c)) {
            st.stuck += 1;
        }
        for (i, m) in s.marks.iter().enumerate().take(out.len()) {
            match m {
                Mark::Passed => out[i].passed += 1,
                Mark::Failed(r) => {
                    out[i].failed += 1;
                    if let Some(r) = r {
                        tally(&mut failed[i], r);
                    }
                }
                Mark::Unknown(Some(u)) => tally(&mut unknown[i], u),
                Mark::Unknown(None) | Mark::Ungraded => {}
            }
        }
    }
    for ((st, f), u) in out.iter_mut().zip(failed).zip(unknown) {
        st.top = match most(f) {
            Some((r, n)) => Some((Why::Failed(r), n)),
            None => most(u).map(|(u, n)| (Why::Unknown(u), n)),
        };
    }
    out
}

/// The step table, rows `first..first + shown`.
pub fn view(
    f: &mut Frame,
    area: Rect,
    b: &Board,
    first: usize,
    shown: usize,
    tr: &Tr,
    theme: &Theme,
) {
    let all = stats(b);
    let label_w = b
        .steps
        .iter()
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(8)
        .clamp(8, 32) as u16;
    let heads = [
        tr.t("grade-col-step"),
        tr.t("grade-board-col-passed"),
        tr.t("grade-board-col-stuck"),
        tr.t("grade-board-col-reason"),
    ];
    let passed_w = (heads[1].chars().count() as u16).max(4);
    let stuck_w = (heads[2].chars().count() as u16).max(4);
    let rows: Vec<Row> = (first..(first + shown).min(all.len()))
        .map(|i| {
            let st = &all[i];
            let reason = match &st.top {
                Some((Why::Failed(r), n)) => {
                    Span::styled(format!("({n}) {}", tr.data("reason", r)), theme.failed)
                }
                Some((Why::Unknown(u), n)) => Span::styled(
                    format!("({n}) {}", tr.data("unverifiable", u)),
                    theme.unknown,
                ),
                None => Span::styled("—", theme.muted),
            };
            let stuck = if st.stuck > 0 {
                theme.unknown
            } else {
                theme.muted
            };
            Row::new(vec![
                Cell::from(b.steps[i].clone()),
                Cell::from(Span::styled(st.passed.to_string(), theme.passed)),
                Cell::from(Span::styled(st.stuck.to_string(), stuck)),
                Cell::from(reason),
            ])
        })
        .collect();
    let widths = [
        Constraint::Length(label_w),
        Constraint::Length(passed_w),
        Constraint::Length(stuck_w),
        Constraint::Min(10),
    ];
    let table = Table::new(rows, widths)
        .header(Row::new(heads.map(Cell::from)).style(theme.table_header))
        .column_spacing(1);
    f.render_widget(table, area);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::board::Update;
    use crate::grade::summary::Summary;
    use std::time::Duration;

    fn missing(name: &str) -> Reason {
        Reason::ImageMissing {
            reference: name.into(),
        }
    }

    fn unknown() -> Mark {
        Mark::Unknown(Some(Unverifiable::NoWorkdir))
    }

    fn learner(marks: Vec<Mark>) -> Summary {
        Summary {
            scores: Vec::new(),
            optional: vec![false; marks.len()],
            marks,
        }
    }

    #[test]
    fn counts_passed_stuck_and_the_most_common_reason() {
        let mut b = Board::new(
            vec!["01".into()],
            vec!["a".into(), "b".into(), "c".into()],
            (0..4).map(|i| format!("l{i}")).collect(),
        );
        let fail = |r: &str| Mark::Failed(Some(missing(r)));
        let rows = [
            vec![Mark::Passed, fail("x"), unknown()],
            vec![Mark::Passed, fail("y"), fail("z")],
            vec![Mark::Passed, fail("y"), unknown()],
            vec![fail("w"), unknown(), unknown()],
        ];
        for (i, m) in rows.into_iter().enumerate() {
            b.apply(Update::Graded(i, learner(m)), Duration::ZERO);
        }
        let s = stats(&b);
        assert_eq!((s[0].passed, s[0].stuck, s[0].failed), (3, 1, 1));
        assert_eq!((s[1].passed, s[1].stuck, s[1].failed), (0, 3, 3));
        assert_eq!(
            s[1].top,
            Some((Why::Failed(missing("y")), 2)),
            "two of three fail the same way"
        );
        assert_eq!(
            s[2].top,
            Some((Why::Failed(missing("z")), 1)),
            "a failure outranks more unknowns"
        );
        assert_eq!((s[2].stuck, s[2].passed), (0, 0));
        b.apply(
            Update::Graded(1, learner(vec![Mark::Passed; 3])),
            Duration::ZERO,
        );
        assert_eq!(
            stats(&b)[2].top,
            Some((Why::Unknown(Unverifiable::NoWorkdir), 3)),
            "no failure: why it could not be verified"
        );
    }
}
