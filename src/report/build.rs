//! Builds a [`Report`] from the checker's results, who answered and when, and the course's
//! points; each message is localized here, once, in the learner's language.

use std::collections::BTreeMap;

use super::model::{
    CheckReport, DaemonId, Done, Learner, LessonReport, Problem, Reach, Report, Score, StepReport,
};
use super::{points, rfc3339, Columns, Source, Tally, SCHEMA_VERSION};
use crate::check::{Basis, Outcome, Recorded, Status, StepResult, Unverifiable};
use crate::course::{Course, Points};
use crate::i18n::{check_message, Tr};
use crate::key::StepKey;

/// Marks the learners whose rows reached one daemon (same `/info` ID) with each other's names.
pub fn flag_shared_daemons(learners: &mut [Learner]) {
    let ids: Vec<Option<String>> = learners
        .iter()
        .map(|l| {
            l.daemon
                .as_ref()
                .map(|d| d.id.clone())
                .filter(|id| !id.is_empty())
        })
        .collect();
    let names: Vec<String> = learners.iter().map(|l| l.name.clone()).collect();
    for (i, l) in learners.iter_mut().enumerate() {
        let Some(id) = &ids[i] else { continue };
        l.same_daemon_as = ids
            .iter()
            .enumerate()
            .filter(|(j, other)| *j != i && other.as_ref() == Some(id))
            .map(|(j, _)| names[j].clone())
            .collect();
    }
}

impl Report {
    /// The roster's own columns over every learner, in the order first seen (the class tables'
    /// and the gradebook's extra columns).
    pub fn roster_columns(&self) -> Vec<&str> {
        let mut columns: Vec<&str> = Vec::new();
        for (k, _) in self.learners.iter().flat_map(|l| &l.roster.0) {
            if !columns.contains(&k.as_str()) {
                columns.push(k);
            }
        }
        columns
    }

    /// An empty report for these lessons, stamped now.
    pub fn new(course: &Course, lessons: &[String], tr: &Tr) -> Report {
        Report {
            schema_version: SCHEMA_VERSION,
            tool: format!("pracdocker {}", env!("CARGO_PKG_VERSION")),
            lang: tr.lang().code().to_string(),
            graded_at: rfc3339(crate::session::now()),
            course: course.title.get(tr.lang()).to_string(),
            lessons: lessons.to_vec(),
            learners: Vec::new(),
            as_of: None,
            deadline: None,
        }
    }

    /// Whether any learner's required step failed.
    pub fn any_failed(&self) -> bool {
        self.learners.iter().any(|l| l.score.failed > 0)
    }

    /// Whether any learner's daemon could not be reached.
    pub fn any_unreachable(&self) -> bool {
        self.learners.iter().any(|l| l.reach != Reach::Graded)
    }
}

impl Learner {
    /// A graded learner: their results in course order for `lessons`.
    #[allow(clippy::too_many_arguments)]
    pub fn graded(
        name: &str,
        host: &str,
        daemon: Option<DaemonId>,
        problem: Option<Unverifiable>,
        course: &Course,
        lessons: &[String],
        results: &[StepResult],
        recorded: &BTreeMap<StepKey, Recorded>,
        duration_ms: u64,
        tr: &Tr,
    ) -> Learner {
        let mut score = Score::default();
        let lessons: Vec<LessonReport> = lessons
            .iter()
            .filter_map(|id| course.lesson(id))
            .map(|l| {
                let steps: Vec<StepReport> = l
                    .steps
                    .iter()
                    .map(|s| {
                        let r = results.iter().find(|r| r.lesson == l.id && r.step == s.id);
                        step_report(s, r, recorded.get(&StepKey::new(&l.id, &s.id)), tr)
                    })
                    .collect();
                let mut ls = Score::default();
                steps.iter().for_each(|s| ls.add(s));
                score.merge(&ls);
                LessonReport {
                    id: l.id.clone(),
                    title: l.title.get(tr.lang()).to_string(),
                    score: ls,
                    steps,
                }
            })
            .collect();
        let reach = match &problem {
            None => Reach::Graded,
            Some(Unverifiable::DaemonTimeout { .. }) => Reach::TimedOut,
            Some(_) => Reach::Unreachable,
        };
        Learner {
            name: name.to_string(),
            host: host.to_string(),
            reach,
            problem: problem.map(|u| Problem {
                message: tr.data("unverifiable", &u),
                data: u,
            }),
            daemon,
            graded_at: rfc3339(crate::session::now()),
            duration_ms,
            score,
            lessons,
            lang: tr.lang(),
            roster: Columns::default(),
            same_daemon_as: Vec::new(),
        }
    }
}

fn step_report(
    s: &crate::course::Step,
    r: Option<&StepResult>,
    recorded: Option<&Recorded>,
    tr: &Tr,
) -> StepReport {
    let mut used = vec![false; s.checks.len()];
    let checks: Vec<CheckReport> = r
        .map(|r| {
            r.checks
                .iter()
                .map(|c| CheckReport {
                    points: check_points(s, &c.check, &mut used),
                    kind: c.check.kind().to_string(),
                    target: c.check.target(),
                    status: c.outcome.status(),
                    message: check_message(c, tr),
                    reason: match &c.outcome {
                        Outcome::Passed => None,
                        Outcome::Failed(x) => serde_json::to_value(x).ok(),
                        Outcome::Unknown(u) => serde_json::to_value(u).ok(),
                    },
                    evidence: c.evidence.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    // A step with checks but no result was not graded (its daemon was not reached).
    let live = match (r, s.checks.is_empty()) {
        (None, false) => Status::Unknown,
        _ => checks
            .iter()
            .map(|c| c.status)
            .max()
            .unwrap_or(Status::Passed),
    };
    // A step done stays done once the course has undone its state; a contradicted record is
    // flagged, and the step keeps what the daemon shows now.
    let status = match recorded.map(|r| r.basis) {
        Some(Basis::Observed | Basis::Claimed) => Status::Passed,
        _ => live,
    };
    let per_check: Vec<(Status, Option<Points>)> =
        checks.iter().map(|c| (c.status, c.points)).collect();
    let graded = !s.checks.is_empty();
    StepReport {
        id: s.id.clone(),
        title: s.title(tr.lang()).to_string(),
        optional: s.optional,
        graded,
        status,
        basis: Source::of(s, status, recorded.map(|r| r.basis)),
        points: match graded {
            true => points::step_tally(s, status, &per_check),
            false => Tally::default(),
        },
        done: recorded.map(|r| Done {
            at: rfc3339(r.at),
            basis: r.basis,
        }),
        checks,
        late: false,
    }
}

/// The partial credit of the first declared check equal to `check` not matched yet (results
/// may hold a subset of the step's checks, in declaration order).
fn check_points(
    s: &crate::course::Step,
    check: &crate::check::Check,
    used: &mut [bool],
) -> Option<Points> {
    let i = (0..s.checks.len()).find(|&i| !used[i] && &s.checks[i] == check)?;
    used[i] = true;
    s.check_points.get(i).copied()
}
