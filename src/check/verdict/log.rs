//! `log` verdicts: did a selected container write a line matching the pattern since the step
//! began? The pattern was validated by lint; an invalid one here fails rather than panics.

use regex::Regex;

use super::container::selector_of;
use crate::check::outcome::{Outcome, Reason};
use crate::check::spec::{ContainerSelect, LogCheck};

/// Judges the logs of the selected containers: `(container name, log text since the step began)`.
pub fn log(check: &LogCheck, select: &ContainerSelect, logs: &[(String, String)]) -> Outcome {
    let (by, selector) = selector_of(select);
    if logs.is_empty() {
        return Outcome::Failed(Reason::ContainerMissing { by, selector });
    }
    let Ok(re) = Regex::new(&check.pattern) else {
        return Outcome::Failed(Reason::LogMissing {
            container: selector,
            pattern: check.pattern.clone(),
        });
    };
    if logs
        .iter()
        .any(|(_, text)| text.lines().any(|l| re.is_match(l)))
    {
        return Outcome::Passed;
    }
    Outcome::Failed(Reason::LogMissing {
        container: logs
            .iter()
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        pattern: check.pattern.clone(),
    })
}

/// The container whose log holds a matching line (the evidence a grader records).
pub fn log_hit<'a>(check: &LogCheck, logs: &'a [(String, String)]) -> Option<&'a str> {
    let re = Regex::new(&check.pattern).ok()?;
    logs.iter()
        .find(|(_, text)| text.lines().any(|l| re.is_match(l)))
        .map(|(n, _)| n.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::outcome::Selector;

    fn check() -> LogCheck {
        LogCheck {
            compose_service: Some("server".into()),
            pattern: r#""GET /initdb HTTP/1\.[01]" 200"#.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_matching_line_passes_and_a_near_miss_says_which_container() {
        let c = check();
        let sel = c.select();
        let hit = "172.18.0.1 - - [28/Nov/2026 10:00:00] \"GET /initdb HTTP/1.1\" 200 -\n";
        assert_eq!(
            log(&c, &sel, &[("p-server-1".into(), hit.into())]),
            Outcome::Passed
        );
        let miss = "\"GET /widgets HTTP/1.1\" 200 -\n\"GET /initdb HTTP/1.1\" 500 -\n";
        assert_eq!(
            log(&c, &sel, &[("p-server-1".into(), miss.into())]),
            Outcome::Failed(Reason::LogMissing {
                container: "p-server-1".into(),
                pattern: c.pattern.clone()
            })
        );
        assert_eq!(
            log(&c, &sel, &[]),
            Outcome::Failed(Reason::ContainerMissing {
                by: Selector::Service,
                selector: "server".into()
            })
        );
    }

    #[test]
    fn the_container_with_the_matching_line_is_named() {
        let c = check();
        let logs = [
            ("a".to_string(), "\"GET / HTTP/1.1\" 200 -\n".to_string()),
            (
                "b".to_string(),
                "\"GET /initdb HTTP/1.1\" 200 -\n".to_string(),
            ),
        ];
        assert_eq!(log_hit(&c, &logs), Some("b"));
        assert_eq!(log_hit(&c, &logs[..1]), None);
    }
}
