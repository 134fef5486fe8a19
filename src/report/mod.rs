//! The grade report: one value per grading run (one learner or a class) that the table, JSON,
//! JUnit and Markdown printers share. Built from checker results plus who answered and when;
//! messages are localized once, here. Holds no secret: reasons and evidence never carry values.

pub mod csv;
pub mod feedback;
pub mod file_names;
pub mod gradescope;
pub mod json;
pub mod junit;
pub mod late;
pub mod markdown;
pub mod points;
pub mod table;

use serde::Serialize;

use crate::check::{Basis, Outcome, Recorded, Status, Unverifiable};
use crate::checker::{Evidence, StepResult};
use std::collections::BTreeMap;

use crate::course::{Course, Points, StepKey};
use crate::docker::Identity;
use crate::i18n::{check_message, Tr};
use crate::lang::Lang;
pub use points::{Source, Tally};

/// The JSON shape's version (docs/grading.md). Bump it when a field changes meaning or goes.
pub const SCHEMA_VERSION: u32 = 3;

/// A whole grading run.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The shape's version.
    pub schema_version: u32,
    /// `pracdocker <version>`.
    pub tool: String,
    /// Language of every `message`.
    pub lang: String,
    /// When the run started (RFC 3339, UTC).
    pub graded_at: String,
    /// The course title in `lang`.
    pub course: String,
    /// The lesson ids graded, in course order.
    pub lessons: Vec<String>,
    /// One per learner (one for a single-daemon grade).
    pub learners: Vec<Learner>,
    /// `--from-ledger`: the time the class is reported as it stood (RFC 3339, UTC).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    /// `--deadline`: steps done after it are `late` (RFC 3339, UTC).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
}

/// One learner's daemon and what it showed.
#[derive(Debug, Clone, Serialize)]
pub struct Learner {
    /// The roster's name, or the daemon's host name for a single grade.
    pub name: String,
    /// The Docker host as written (`unix://...`, `tcp://...`).
    pub host: String,
    /// Whether the daemon was reached.
    pub reach: Reach,
    /// Why not, when it was not (localized), and the data behind it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<Problem>,
    /// Who answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub daemon: Option<DaemonId>,
    /// When this learner's grading finished (RFC 3339, UTC).
    pub graded_at: String,
    /// How long it took, in milliseconds.
    pub duration_ms: u64,
    /// Over every lesson graded.
    pub score: Score,
    /// Per lesson, in course order.
    pub lessons: Vec<LessonReport>,
    /// The language of this learner's messages (the roster's `lang`, else the run's).
    pub lang: Lang,
    /// The roster's other columns (student id, e-mail...), as written, for the LMS.
    #[serde(skip_serializing_if = "Columns::is_empty")]
    pub roster: Columns,
    /// The other learners whose rows reached the very same daemon (its `/info` ID): one
    /// learner's work counted for several, or a roster mistake. Flagged in every format.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub same_daemon_as: Vec<String>,
}

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

/// Roster columns in roster order, written as one object.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns(pub Vec<(String, String)>);

impl Columns {
    /// No columns beyond the grader's own.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The value of a column, empty when this learner's row has none.
    pub fn get(&self, column: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == column)
            .map_or("", |(_, v)| v.as_str())
    }
}

impl Serialize for Columns {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// Whether the learner's daemon was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reach {
    /// Connected and graded.
    Graded,
    /// Refused, missing, unsupported scheme, too old.
    Unreachable,
    /// Hung: no answer within `--timeout`.
    TimedOut,
}

/// A problem, localized and as data.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    /// The sentence in `lang`.
    pub message: String,
    /// `{"id": ..., fields}` as in [`Unverifiable`].
    pub data: Unverifiable,
}

/// The daemon that answered.
#[derive(Debug, Clone, Serialize)]
pub struct DaemonId {
    /// `/info` ID.
    pub id: String,
    /// `/info` Name: the daemon machine's host name.
    pub name: String,
    /// Engine version.
    pub server_version: String,
    /// Engine API version.
    pub api_version: String,
}

impl DaemonId {
    /// From the connection facts and `/info`.
    pub fn new(info: &crate::docker::DaemonInfo, identity: Option<&Identity>) -> DaemonId {
        DaemonId {
            id: identity.map(|i| i.id.clone()).unwrap_or_default(),
            name: identity.map(|i| i.name.clone()).unwrap_or_default(),
            server_version: info.server_version.clone(),
            api_version: info.api_version.clone(),
        }
    }
}

/// Required steps passed over required steps (steps with checks only); optional apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Score {
    /// Required steps whose checks all passed.
    pub passed: usize,
    /// Required steps with checks.
    pub required: usize,
    /// Required steps with a failed check.
    pub failed: usize,
    /// Required steps not failed but not verifiable (no progress file, daemon trouble).
    pub unknown: usize,
    /// Required steps passed on the learner's progress file alone (nothing left to observe).
    pub claimed: usize,
    /// Required steps whose recorded evidence the daemon contradicts.
    pub flagged: usize,
    /// Optional steps passed.
    pub optional_passed: usize,
    /// Optional steps with checks.
    pub optional: usize,
    /// Required steps done after `--deadline` (counted in `passed` too); only with a deadline.
    #[serde(skip_serializing_if = "late::is_zero")]
    pub late: usize,
    /// Points earned, the maximum and those pending (could not be verified).
    pub points: Tally,
}

impl Score {
    fn add(&mut self, s: &StepReport) {
        if !s.graded {
            return;
        }
        self.points.merge(&s.points);
        if s.optional {
            self.optional += 1;
            self.optional_passed += usize::from(s.status == Status::Passed);
            return;
        }
        self.required += 1;
        match s.basis {
            Source::Claimed if s.status == Status::Passed => self.claimed += 1,
            Source::Contradicted => self.flagged += 1,
            _ => {}
        }
        match s.status {
            Status::Passed => self.passed += 1,
            Status::Failed => self.failed += 1,
            Status::Unknown => self.unknown += 1,
        }
    }

    fn merge(&mut self, o: &Score) {
        self.passed += o.passed;
        self.required += o.required;
        self.failed += o.failed;
        self.unknown += o.unknown;
        self.claimed += o.claimed;
        self.flagged += o.flagged;
        self.optional_passed += o.optional_passed;
        self.optional += o.optional;
        self.late += o.late;
        self.points.merge(&o.points);
    }

    /// `3/4`.
    pub fn fraction(&self) -> String {
        format!("{}/{}", self.passed, self.required)
    }
}

/// One lesson.
#[derive(Debug, Clone, Serialize)]
pub struct LessonReport {
    /// Lesson id.
    pub id: String,
    /// Title in `lang`.
    pub title: String,
    /// This lesson's score.
    pub score: Score,
    /// Its steps in order.
    pub steps: Vec<StepReport>,
}

/// One step (a checkpoint).
#[derive(Debug, Clone, Serialize)]
pub struct StepReport {
    /// Step id.
    pub id: String,
    /// Title in `lang`.
    pub title: String,
    /// Optional steps do not count in the score.
    pub optional: bool,
    /// False for reading steps without checks (not scored).
    pub graded: bool,
    /// The worst of its checks, or passed when the learner's progress records it done (observed
    /// or claimed: see `done`).
    pub status: Status,
    /// Where the verdict comes from: `observed`, `claimed`, `contradicted` or `unverified`.
    pub basis: Source,
    /// What it earned, could earn and has pending (zero for a reading step).
    pub points: Tally,
    /// When the learner's progress file records the step done, and how the grader knows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done: Option<Done>,
    /// One per check: what the daemon and the folder show now.
    pub checks: Vec<CheckReport>,
    /// Done after `--deadline`; present only then.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub late: bool,
}

/// A step recorded done in the learner's progress.
#[derive(Debug, Clone, Serialize)]
pub struct Done {
    /// When (RFC 3339, UTC).
    pub at: String,
    /// `observed`, `claimed` or `contradicted`.
    pub basis: Basis,
}

/// One check.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// `image`, `container`...
    pub kind: String,
    /// What it looks at: a name, URL or path.
    pub target: String,
    /// `passed`, `failed` or `unknown` (not verifiable).
    pub status: Status,
    /// The verdict in `lang`.
    pub message: String,
    /// Why it failed or could not be verified, as data (`{"id": ..., fields}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<serde_json::Value>,
    /// What proved a pass.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    /// Partial credit: what this check is worth, when the lesson gives points per check.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<Points>,
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

/// Nanoseconds since the epoch as RFC 3339 UTC, to the second.
pub fn rfc3339(t: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(crate::clock::secs(t))
        .ok()
        .and_then(|d| {
            d.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned text tables.
    Table,
    /// The documented JSON shape.
    Json,
    /// JUnit XML for CI.
    Junit,
    /// Markdown for an LMS or an issue.
    Markdown,
    /// CSV for a gradebook: one row per learner, the roster's columns, points per lesson.
    Csv,
    /// One learner's Gradescope autograder `results.json`.
    Gradescope,
}

/// Renders the report in a format.
pub fn render(report: &Report, format: Format, tr: &Tr) -> String {
    match format {
        Format::Table => table::render(report, tr),
        Format::Json => json::render(report),
        Format::Junit => junit::render(report, tr),
        Format::Markdown => markdown::render(report, tr),
        Format::Csv => csv::render(report),
        Format::Gradescope => gradescope::render(report),
    }
}

/// "done at …, seen on the daemon / on the learner's word / contradicted", for the text printers.
pub fn done_note(d: &Done, tr: &Tr) -> String {
    let basis = match d.basis {
        Basis::Observed => "observed",
        Basis::Claimed => "claimed",
        Basis::Contradicted => "contradicted",
    };
    tr.ta("grade-done", &[("at", &d.at), ("basis", basis)])
}

/// One translator per language, built once (parsing the Fluent files costs about a millisecond)
/// for printers that speak each learner's language.
pub struct Translators(Vec<Tr>);

impl Translators {
    /// Both languages.
    pub fn new() -> Translators {
        Translators(Lang::ALL.iter().map(|l| Tr::new(*l)).collect())
    }

    /// The translator for `lang`.
    pub fn get(&self, lang: Lang) -> &Tr {
        let i = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
        &self.0[i]
    }
}

impl Default for Translators {
    fn default() -> Self {
        Translators::new()
    }
}

/// A symbol per status, shared by the text printers.
pub fn symbol(s: Status) -> &'static str {
    match s {
        Status::Passed => "✔",
        Status::Failed => "✘",
        Status::Unknown => "?",
    }
}
