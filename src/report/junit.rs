//! The JUnit XML printer, for CI: one `<testsuite>` per learner and lesson, one `<testcase>` per
//! checkpoint (step). A failed required step is a `<failure>` with the localized reasons; a step
//! that could not be verified, or an optional step not passed, is `<skipped>`; an unreachable
//! host is one `<testcase>` with an `<error>`.

use super::{Learner, Reach, Report, StepReport};
use crate::check::Status;
use crate::i18n::Tr;

/// A `<testsuites>` document.
pub fn render(report: &Report, tr: &Tr) -> String {
    let mut suites = String::new();
    let (mut tests, mut failures, mut errors, mut skipped) = (0, 0, 0, 0);
    let class = report.learners.len() > 1;
    for l in &report.learners {
        let prefix = if class {
            format!("{}.", l.name)
        } else {
            String::new()
        };
        if l.reach != Reach::Graded {
            let msg = l
                .problem
                .as_ref()
                .map(|p| p.message.clone())
                .unwrap_or_default();
            tests += 1;
            errors += 1;
            suites.push_str(&format!(
                "  <testsuite name=\"{}\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\" timestamp=\"{}\" hostname=\"{}\">\n{}    <testcase classname=\"{}\" name=\"{}\" time=\"{}\">\n      <error message=\"{}\" type=\"{}\"/>\n    </testcase>\n  </testsuite>\n",
                attr(&format!("{prefix}daemon")),
                attr(&l.graded_at),
                attr(&l.host),
                properties(l, &[]),
                attr(&format!("{prefix}daemon")),
                attr(&l.host),
                secs(l.duration_ms),
                attr(&msg),
                attr(&problem_type(l)),
            ));
            continue;
        }
        for lesson in &l.lessons {
            let cases: Vec<&StepReport> = lesson.steps.iter().filter(|s| s.graded).collect();
            let f = cases.iter().filter(|s| failure(s)).count();
            let sk = cases.iter().filter(|s| skip(s)).count();
            tests += cases.len();
            failures += f;
            skipped += sk;
            let host = l.daemon.as_ref().map(|d| d.name.as_str()).unwrap_or("");
            suites.push_str(&format!(
                "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{f}\" errors=\"0\" skipped=\"{sk}\" timestamp=\"{}\" hostname=\"{}\">\n",
                attr(&format!("{prefix}{}", lesson.id)),
                cases.len(),
                attr(&l.graded_at),
                attr(host),
            ));
            suites.push_str(&properties(l, &tally(&lesson.score.points)));
            for s in cases {
                suites.push_str(&format!(
                    "    <testcase classname=\"{}\" name=\"{}\">\n",
                    attr(&format!("{prefix}{}", lesson.id)),
                    attr(&format!("{} — {}", s.id, s.title)),
                ));
                let mut props = vec![("pracdocker.basis".to_string(), s.basis.id().to_string())];
                props.extend(tally(&s.points));
                if s.late {
                    props.push(("pracdocker.late".to_string(), "true".to_string()));
                }
                suites.push_str(&property_block(&props, "      "));
                let reasons: Vec<&str> = s
                    .checks
                    .iter()
                    .filter(|c| c.status != Status::Passed)
                    .map(|c| c.message.as_str())
                    .collect();
                let text = reasons.join("\n");
                if failure(s) {
                    suites.push_str(&format!(
                        "      <failure message=\"{}\" type=\"failed\">{}</failure>\n",
                        attr(reasons.first().copied().unwrap_or("")),
                        body(&text)
                    ));
                } else if skip(s) {
                    let why = if s.optional && s.status == Status::Failed {
                        format!("{}: {}", tr.t("step-optional"), text)
                    } else {
                        text
                    };
                    suites.push_str(&format!("      <skipped message=\"{}\"/>\n", attr(&why)));
                }
                suites.push_str("    </testcase>\n");
            }
            suites.push_str("  </testsuite>\n");
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{skipped}\" timestamp=\"{}\">\n{suites}</testsuites>\n",
        attr(&report.course),
        attr(&report.graded_at),
    )
}

fn failure(s: &StepReport) -> bool {
    !s.optional && s.status == Status::Failed
}

fn skip(s: &StepReport) -> bool {
    !failure(s) && s.status != Status::Passed
}

fn problem_type(l: &Learner) -> String {
    match l.reach {
        Reach::TimedOut => "timed_out".into(),
        _ => "unreachable".into(),
    }
}

fn secs(ms: u64) -> String {
    format!("{:.3}", ms as f64 / 1000.0)
}

/// Escapes an attribute value (quotes and line breaks too); drops characters XML 1.0 forbids.
fn attr(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            '\n' => o.push_str("&#10;"),
            '\t' => o.push_str("&#9;"),
            '\r' => o.push_str("&#13;"),
            c if (c as u32) < 0x20 => {}
            c => o.push(c),
        }
    }
    o
}

/// Escapes element text.
fn body(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '\n' | '\t' => o.push(c),
            c if (c as u32) < 0x20 => {}
            c => o.push(c),
        }
    }
    o
}

/// The roster's own columns (a student id, an e-mail) as `<properties>`, so a CI or LMS import
/// can match the suite to its learner.
/// A suite's `extra` properties (its points) follow.
fn properties(l: &Learner, extra: &[(String, String)]) -> String {
    let shared = l.same_daemon_as.join(", ");
    let flag = [("pracdocker.same_daemon_as".to_string(), shared)];
    let flag = flag.iter().filter(|_| !l.same_daemon_as.is_empty());
    let all: Vec<(String, String)> = l
        .roster
        .0
        .iter()
        .chain(flag)
        .chain(extra)
        .cloned()
        .collect();
    property_block(&all, "    ")
}

/// `pracdocker.points`, `.max_points`, `.pending_points`.
fn tally(t: &super::Tally) -> Vec<(String, String)> {
    vec![
        ("pracdocker.points".into(), t.earned.to_string()),
        ("pracdocker.max_points".into(), t.max.to_string()),
        ("pracdocker.pending_points".into(), t.pending.to_string()),
    ]
}

/// A `<properties>` element indented by `indent`; nothing when there are none.
fn property_block(props: &[(String, String)], indent: &str) -> String {
    if props.is_empty() {
        return String::new();
    }
    let mut out = format!("{indent}<properties>\n");
    for (k, v) in props {
        out.push_str(&format!(
            "{indent}  <property name=\"{}\" value=\"{}\"/>\n",
            attr(k),
            attr(v)
        ));
    }
    out.push_str(&format!("{indent}</properties>\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_attributes_well_formed() {
        assert_eq!(attr("a\"<b>&'\n\u{1}"), "a&quot;&lt;b&gt;&amp;&apos;&#10;");
        assert_eq!(body("x < y\u{7}"), "x &lt; y");
    }
}
