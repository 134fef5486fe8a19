//! The grade report: one value per grading run (one learner or a class) that the table, JSON,
//! JUnit and Markdown printers share. Built from checker results plus who answered and when;
//! messages are localized once, here. Holds no secret: reasons and evidence never carry values.

mod build;
pub mod csv;
pub mod feedback;
pub mod file_names;
pub mod gradescope;
pub mod json;
pub mod junit;
pub mod late;
pub mod markdown;
mod model;
pub mod points;
pub mod standing;
pub mod table;

use crate::check::{Basis, Status};
use crate::i18n::Tr;
pub use build::flag_shared_daemons;
pub use model::*;
pub use points::{Source, Tally};

/// The JSON shape's version (docs/grading.md). Bump it when a field changes meaning or goes.
pub const SCHEMA_VERSION: u32 = 3;

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

/// A symbol per status, shared by the text printers.
pub fn symbol(s: Status) -> &'static str {
    match s {
        Status::Passed => "✔",
        Status::Failed => "✘",
        Status::Unknown => "?",
    }
}
