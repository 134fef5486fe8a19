//! `grade`'s ledger and deadline options: opening `--ledger` (warning about skipped lines),
//! recording a one-off grade into it, reading `--deadline` and `--as-of`, marking late steps,
//! and `--from-ledger`: the class as it stood at a time, with no daemon. All text via Fluent.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use crate::cli::{parse_time, GradeArgs};
use crate::course::Course;
use crate::exit::Failure;
use crate::grade::{Graded, Plan};
use crate::i18n::Tr;
use crate::ledger::{self, Skipped, Writer};
use crate::report::{self, late, Report};

/// A time option, or why it is not one.
pub fn time(value: Option<&str>, flag: &'static str) -> Result<Option<i64>, Failure> {
    match value {
        None => Ok(None),
        Some(v) => parse_time(v).map(Some).ok_or_else(|| Failure::Time {
            value: v.to_string(),
            flag,
        }),
    }
}

/// Opens `--ledger` (warning about the lines it skips), or why it cannot be.
pub fn open(path: &Path, tr: &Tr) -> Result<Arc<Writer>, Failure> {
    match Writer::open(path) {
        Ok((w, skipped)) => {
            warn(path, &skipped, tr);
            Ok(Arc::new(w))
        }
        Err(e) => Err(Failure::Ledger(e.to_string())),
    }
}

/// One warning per skipped line, on standard error.
fn warn(path: &Path, skipped: &[Skipped], tr: &Tr) {
    let p = path.display().to_string();
    for s in skipped {
        let id = if s.torn {
            "grade-ledger-torn"
        } else {
            "grade-ledger-unreadable"
        };
        eprintln!(
            "{}",
            tr.ta(id, &[("path", &p), ("line", &s.line.to_string())])
        );
    }
}

/// Appends a one-off grade's changes; why an append failed.
pub fn record(writer: &Writer, graded: &[Graded]) -> Result<(), Failure> {
    for g in graded {
        writer
            .record(g)
            .map_err(|e| Failure::Ledger(e.to_string()))?;
    }
    Ok(())
}

/// After the board: an append that failed while it ran.
pub fn check_board(writer: &Writer) -> Result<(), Failure> {
    writer.error().map_or(Ok(()), |e| Err(Failure::Ledger(e)))
}

/// Marks late steps (`--deadline`) in every learner of the report, from their gradings.
pub fn mark_late(report: &mut Report, graded: &[Graded], deadline: Option<i64>) {
    let Some(deadline) = deadline else { return };
    report.deadline = Some(crate::clock::rfc3339(deadline));
    for (l, g) in report.learners.iter_mut().zip(graded) {
        late::mark(l, &late::done_times(&g.results, &g.recorded), deadline);
    }
}

/// `--from-ledger`: the report of the class as it stood at `--as-of`, or why there is none.
pub fn from_ledger(
    course: Course,
    lessons: Vec<String>,
    args: &GradeArgs,
    path: &Path,
    tr: &Tr,
) -> Result<Report, Failure> {
    let as_of = time(args.as_of.as_deref(), "--as-of")?;
    let deadline = time(args.deadline.as_deref(), "--deadline")?;
    let read = ledger::read(path).map_err(|e| Failure::Ledger(e.to_string()))?;
    warn(path, &read.skipped, tr);
    let end = read.entries.iter().map(ledger::Entry::at_ns).max();
    let replayed = ledger::replay::as_of(&read, &course, &lessons, as_of);
    let plan = Plan {
        course,
        lessons,
        since: None,
        timeout: Duration::from_secs(1),
        ledger: None,
    };
    let mut report = Report::new(&plan.course, &plan.lessons, tr);
    report.as_of = as_of.or(end).map(crate::clock::rfc3339);
    let graded: Vec<Graded> = replayed.iter().map(|r| r.graded.clone()).collect();
    report.learners = replayed
        .iter()
        .map(|r| {
            let mut l = r.graded.learner(&plan, tr);
            l.graded_at = report::rfc3339(r.last_seen);
            l
        })
        .collect();
    mark_late(&mut report, &graded, deadline);
    Ok(report)
}
