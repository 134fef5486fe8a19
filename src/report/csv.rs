//! The CSV printer, for a gradebook (Canvas, Moodle): one row per learner with the roster's own
//! columns first (the LMS matches rows by its student id), then points per lesson, the total, the
//! maximum, the points pending (could not be verified: never counted as 0), and how many steps
//! rest on the learner's word alone (claimed) or were flagged. Points come from the lessons
//! (`points` in lesson.toml: 1 per required step by default, optional steps' are extra credit). Column names are fixed (ids, not translated) so an import mapping
//! made once keeps working; values are quoted whenever they hold a comma, a quote or a line break.

use super::{Reach, Report};

/// RFC 4180 CSV, `\r\n` line ends, a header row.
pub fn render(report: &Report) -> String {
    let columns = report.roster_columns();
    let mut head: Vec<String> = vec!["name".into()];
    head.extend(columns.iter().map(|c| c.to_string()));
    head.push("host".into());
    head.extend(report.lessons.iter().cloned());
    head.extend(["total", "max", "pending", "claimed", "flagged", "reach"].map(String::from));
    // `late` only with `--deadline`, so an import mapping made without one keeps working.
    let late = report.deadline.is_some();
    if late {
        head.push("late".into());
    }
    let mut out = row(&head);
    for l in &report.learners {
        let mut r = vec![l.name.clone()];
        r.extend(columns.iter().map(|c| l.roster.get(c).to_string()));
        r.push(l.host.clone());
        let reach = match l.reach {
            Reach::Graded => "graded",
            Reach::Unreachable => "unreachable",
            Reach::TimedOut => "timed_out",
        };
        match l.reach {
            Reach::Graded => {
                r.extend(l.lessons.iter().map(|x| x.score.points.earned.to_string()));
                let p = &l.score.points;
                r.push(p.earned.to_string());
                r.push(p.max.to_string());
                r.push(p.pending.to_string());
                r.push(l.score.claimed.to_string());
                r.push(l.score.flagged.to_string());
            }
            // Not graded: no points known, everything pending (never 0 points).
            _ => {
                r.extend(report.lessons.iter().map(|_| String::new()));
                r.push(String::new());
                r.push(l.score.points.max.to_string());
                r.push(l.score.points.max.to_string());
                r.push("0".into());
                r.push("0".into());
            }
        }
        r.push(reach.into());
        if late {
            r.push(l.score.late.to_string());
        }
        out.push_str(&row(&r));
    }
    out
}

fn row(cells: &[String]) -> String {
    let quoted: Vec<String> = cells.iter().map(|c| field(c)).collect();
    format!("{}\r\n", quoted.join(","))
}

/// One field, quoted when it must be; a leading `=`, `+`, `-` or `@` is prefixed with `'` so a
/// spreadsheet never runs a learner-controlled value as a formula.
fn field(v: &str) -> String {
    let v = match v.chars().next() {
        Some('=' | '+' | '-' | '@') => format!("'{v}"),
        _ => v.to_string(),
    };
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("Ana"), "Ana");
        assert_eq!(field("Pérez, Ana"), "\"Pérez, Ana\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(field("-1"), "'-1");
    }
}
