//! The report's shape: a grading run, its learners, lessons, steps and checks, as the printers
//! and the JSON schema (docs/grading.md) see them. Data only; `build.rs` fills it in.

use serde::Serialize;

use super::{Source, Tally};
use crate::check::{Basis, Evidence, Status, Unverifiable};
use crate::course::Points;
use crate::docker::Identity;
use crate::lang::Lang;

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
    #[serde(skip_serializing_if = "super::late::is_zero")]
    pub late: usize,
    /// Points earned, the maximum and those pending (could not be verified).
    pub points: Tally,
}

impl Score {
    pub(super) fn add(&mut self, s: &StepReport) {
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

    /// Adds another lesson's (or learner's) score to this one: every count and the points.
    pub fn merge(&mut self, o: &Score) {
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

    /// `2.5/4`: points earned of the maximum (pending points are neither).
    pub fn points_fraction(&self) -> String {
        format!("{}/{}", self.points.earned, self.points.max)
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
