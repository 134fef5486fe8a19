//! The JSON printer: the [`Report`] as documented in docs/grading.md (`schema_version`).

use super::Report;

/// Pretty-printed JSON with a final newline.
pub fn render(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(report).unwrap_or_else(|e| {
        serde_json::json!({ "schema_version": report.schema_version, "error": e.to_string() })
            .to_string()
    });
    s.push('\n');
    s
}
