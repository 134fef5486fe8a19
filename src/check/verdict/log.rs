//! `log` verdicts: did a selected container write a matching line since the step began? Either a
//! regular expression (validated by lint; an invalid one here fails rather than panics) or a
//! request the learner sends (`GET /initdb`), found in a web server's access log and confirmed
//! by its status, so the checker never sends it for them.

use regex::Regex;

use super::container::selector_of;
use crate::check::outcome::{Outcome, Reason};
use crate::check::spec::{ContainerSelect, LogCheck};
use crate::facts::LogLine;

/// The log lines of one selected container since the step began.
pub type ContainerLog = (String, Vec<LogLine>);

/// What a line says about the check.
enum Line<'a> {
    /// It proves the check.
    Hit,
    /// It is the request the check asks for, answered with another status: this line.
    Answered(&'a str),
    /// Nothing.
    Other,
}

/// Reads lines for one check.
enum Matcher<'c> {
    Pattern(Regex),
    Request(&'c str),
}

impl<'c> Matcher<'c> {
    fn new(check: &'c LogCheck) -> Option<Matcher<'c>> {
        match (&check.request, &check.pattern) {
            (Some(r), _) => Some(Matcher::Request(r.trim())),
            (None, Some(p)) => Regex::new(p).ok().map(Matcher::Pattern),
            (None, None) => None,
        }
    }

    fn read<'l>(&self, line: &'l str) -> Line<'l> {
        match self {
            Matcher::Pattern(re) if re.is_match(line) => Line::Hit,
            Matcher::Pattern(_) => Line::Other,
            Matcher::Request(req) => match request_status(line, req) {
                Some(200) => Line::Hit,
                Some(_) => Line::Answered(line.trim()),
                None => Line::Other,
            },
        }
    }
}

/// The status an access-log line gives `request` (`GET /initdb`), when it is that request:
/// `... "GET /initdb HTTP/1.1" 200 -` (the common log format Flask, nginx and others write).
fn request_status(line: &str, request: &str) -> Option<u16> {
    let at = line.find(&format!("\"{request} HTTP/"))?;
    let rest = &line[at + 1..];
    let close = rest.find('"')?;
    rest[close + 1..].split_whitespace().next()?.parse().ok()
}

/// Judges the logs of the selected containers.
pub fn log(check: &LogCheck, select: &ContainerSelect, logs: &[ContainerLog]) -> Outcome {
    let (by, selector) = selector_of(select);
    if logs.is_empty() {
        return Outcome::Failed(Reason::ContainerMissing { by, selector });
    }
    let containers = || {
        logs.iter()
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let missing = || match &check.request {
        Some(r) => Reason::RequestMissing {
            container: containers(),
            request: r.trim().to_string(),
        },
        None => Reason::LogMissing {
            container: containers(),
            pattern: check.pattern.clone().unwrap_or_default(),
        },
    };
    let Some(m) = Matcher::new(check) else {
        return Outcome::Failed(missing());
    };
    let mut answered = None;
    for (name, lines) in logs {
        for l in lines {
            match m.read(&l.text) {
                Line::Hit => return Outcome::Passed,
                Line::Answered(line) => answered = Some((name, line)),
                Line::Other => {}
            }
        }
    }
    match (answered, &check.request) {
        (Some((name, line)), Some(r)) => Outcome::Failed(Reason::RequestAnswered {
            container: name.clone(),
            request: r.trim().to_string(),
            line: line.to_string(),
        }),
        _ => Outcome::Failed(missing()),
    }
}

/// The container whose log holds the first proving line, and that line's time (the evidence a
/// grader records, and the instant the next step begins).
pub fn log_hit<'a>(check: &LogCheck, logs: &'a [ContainerLog]) -> Option<(&'a str, i64)> {
    let m = Matcher::new(check)?;
    logs.iter()
        .filter_map(|(n, lines)| {
            lines
                .iter()
                .find(|l| matches!(m.read(&l.text), Line::Hit))
                .map(|l| (n.as_str(), l.time))
        })
        .min_by_key(|(_, t)| *t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::outcome::Selector;

    fn check() -> LogCheck {
        LogCheck {
            compose_service: Some("server".into()),
            pattern: Some(r#""GET /initdb HTTP/1\.[01]" 200"#.into()),
            ..Default::default()
        }
    }

    fn lines(text: &str) -> Vec<LogLine> {
        text.lines()
            .enumerate()
            .map(|(i, l)| LogLine {
                time: 100 + i as i64,
                text: l.to_string(),
            })
            .collect()
    }

    #[test]
    fn a_matching_line_passes_and_a_near_miss_says_which_container() {
        let c = check();
        let sel = c.select();
        let hit = "172.18.0.1 - - [28/Nov/2026 10:00:00] \"GET /initdb HTTP/1.1\" 200 -\n";
        assert_eq!(
            log(&c, &sel, &[("p-server-1".into(), lines(hit))]),
            Outcome::Passed
        );
        let miss = "\"GET /widgets HTTP/1.1\" 200 -\n\"GET /initdb HTTP/1.1\" 500 -\n";
        assert_eq!(
            log(&c, &sel, &[("p-server-1".into(), lines(miss))]),
            Outcome::Failed(Reason::LogMissing {
                container: "p-server-1".into(),
                pattern: c.pattern.clone().unwrap_or_default()
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
    fn a_request_is_confirmed_by_its_status_and_a_failed_one_is_quoted() {
        let c = LogCheck {
            compose_service: Some("server".into()),
            request: Some("GET /widgets".into()),
            ..Default::default()
        };
        let sel = c.select();
        let ok = "1.2.3.4 - - [d] \"GET /widgets HTTP/1.1\" 200 -";
        assert_eq!(log(&c, &sel, &[("s".into(), lines(ok))]), Outcome::Passed);
        // A longer path or another method is not the request.
        let other = "\"GET /widgets/2 HTTP/1.1\" 200 -\n\"POST /widgets HTTP/1.1\" 200 -";
        assert_eq!(
            log(&c, &sel, &[("s".into(), lines(other))]),
            Outcome::Failed(Reason::RequestMissing {
                container: "s".into(),
                request: "GET /widgets".into()
            })
        );
        let failed = "1.2.3.4 - - [d] \"GET /widgets HTTP/1.1\" 500 -";
        assert_eq!(
            log(&c, &sel, &[("s".into(), lines(failed))]),
            Outcome::Failed(Reason::RequestAnswered {
                container: "s".into(),
                request: "GET /widgets".into(),
                line: failed.into()
            })
        );
        // A retry that works after a failure passes.
        let retried = format!("{failed}\n{ok}");
        assert_eq!(
            log(&c, &sel, &[("s".into(), lines(&retried))]),
            Outcome::Passed
        );
        assert_eq!(
            log_hit(&c, &[("s".into(), lines(&retried))]),
            Some(("s", 101))
        );
    }

    #[test]
    fn the_container_with_the_earliest_matching_line_is_named() {
        let c = check();
        let mut late = lines("x\n\"GET /initdb HTTP/1.1\" 200 -");
        late[1].time = 500;
        let logs = [
            ("a".to_string(), lines("\"GET / HTTP/1.1\" 200 -")),
            ("b".to_string(), late),
            ("c".to_string(), lines("\"GET /initdb HTTP/1.1\" 200 -")),
        ];
        assert_eq!(log_hit(&c, &logs), Some(("c", 100)));
        assert_eq!(log_hit(&c, &logs[..1]), None);
    }
}
