//! The on-disk shape of a course: `course.toml` and each lesson's `lesson.toml`. Serde only;
//! loading, Markdown and lint live beside it. Unknown fields are errors so typos surface in lint.
//! Values that lint rules point at are `Spanned`, so an error names the line the value is on.

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::check::Check;

/// The course format this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// `course.toml`: the course's title and its lessons, in order.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CourseFile {
    /// Must equal [`FORMAT_VERSION`]; a newer course needs a newer pracdocker.
    pub format_version: Spanned<u32>,
    /// Course title per language code, e.g. `{ es = "...", en = "..." }`.
    pub title: Titles,
    /// Lesson folder names, in teaching order. Each folder holds `lesson.toml`, `es.md`, `en.md`.
    pub lessons: Spanned<Vec<Spanned<String>>>,
}

/// A text in each supported language.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Titles {
    /// Spanish.
    pub es: String,
    /// English.
    pub en: String,
}

/// `lesson.toml`: the steps of one lesson, language-neutral.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LessonFile {
    /// Steps in order. Each id must be a `## Heading {#id}` in `es.md` and in `en.md`.
    pub steps: Spanned<Vec<StepDef>>,
}

/// One thing the learner does and the daemon (or their folder, or their answer) can confirm.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StepDef {
    /// Unique within the lesson: lowercase letters, digits and `-`.
    pub id: Spanned<String>,
    /// The learner may skip this step (e.g. it needs Docker Swarm).
    #[serde(default)]
    pub optional: bool,
    /// What the step is worth: a non-negative number (default 1 for a required step, 0 for an
    /// optional one, whose points are extra credit). With points on its checks, their sum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<Spanned<toml::Value>>,
    /// All must pass for the step to be done. A step with no checks is reading only.
    #[serde(default)]
    pub checks: Vec<Spanned<CheckDef>>,
    /// Heading ids of hint sections (`### Pista {#id}`) inside this step's section, from a nudge
    /// to the exact command.
    #[serde(default)]
    pub hints: Vec<Spanned<String>>,
}

/// One check as written: the check itself plus, for partial credit, the `points` it is worth
/// (given on every check of the step or on none; they add up to the step's points).
#[derive(Debug, Clone, PartialEq)]
pub struct CheckDef {
    /// What must be true, or why it is not a check (an unknown kind or field): lint reports it
    /// at the check's own line.
    pub check: Result<Check, String>,
    /// Partial credit, as written (linted, then parsed into [`super::points::Points`]).
    pub points: Option<toml::Value>,
}

impl<'de> Deserialize<'de> for CheckDef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<CheckDef, D::Error> {
        let mut table = toml::Table::deserialize(d)?;
        let points = table.remove("points");
        let check = Check::deserialize(toml::Value::Table(table))
            .map_err(|e| e.message().trim().to_string());
        Ok(CheckDef { check, points })
    }
}

impl Serialize for CheckDef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error;
        let check = self.check.as_ref().map_err(S::Error::custom)?;
        let mut v = toml::Value::try_from(check).map_err(S::Error::custom)?;
        if let (Some(t), Some(p)) = (v.as_table_mut(), &self.points) {
            t.insert("points".into(), p.clone());
        }
        v.serialize(s)
    }
}

/// Lowercase ASCII letters, digits and `-`, not empty.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}
