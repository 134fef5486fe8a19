//! `http` and `exec` verdicts.

use crate::check::outcome::{Outcome, Reason};
use crate::check::spec::{ExecCheck, HttpCheck};
use crate::facts::{ExecFacts, HttpFacts, HttpFailure};

/// Judges the last HTTP attempt: a response, or the error that kept us from getting one.
pub fn http(check: &HttpCheck, got: Result<&HttpFacts, &HttpFailure>) -> Outcome {
    let url = || check.url.clone();
    let resp = match got {
        Ok(r) => r,
        Err(f) => {
            let (cause, error) = match f {
                HttpFailure::Refused => ("refused", String::new()),
                HttpFailure::Timeout => ("timeout", String::new()),
                HttpFailure::Other(e) => ("other", e.clone()),
            };
            return Outcome::Failed(Reason::HttpUnreachable {
                url: url(),
                cause: cause.into(),
                error,
            });
        }
    };
    if resp.status != check.status {
        return Outcome::Failed(Reason::HttpStatus {
            url: url(),
            expected: check.status,
            found: resp.status,
        });
    }
    if let Some(text) = &check.body_contains {
        if !resp.body.contains(text.as_str()) {
            return Outcome::Failed(Reason::HttpBodyMissing {
                url: url(),
                text: text.clone(),
            });
        }
    }
    if check.json && serde_json::from_str::<serde_json::Value>(&resp.body).is_err() {
        return Outcome::Failed(Reason::HttpNotJson { url: url() });
    }
    Outcome::Passed
}

/// What happened when we tried to run the declared command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExecResult {
    /// No container by that name.
    NoContainer,
    /// The container exists but is not running.
    NotRunning,
    /// The command ran.
    Ran(ExecFacts),
}

/// Judges an exec result.
pub fn exec(check: &ExecCheck, got: &ExecResult) -> Outcome {
    let container = || check.container.clone();
    let facts = match got {
        ExecResult::NoContainer => {
            return Outcome::Failed(Reason::ContainerMissing {
                by: crate::check::outcome::Selector::Name,
                selector: container(),
            })
        }
        ExecResult::NotRunning => {
            return Outcome::Failed(Reason::ExecNotRunning {
                container: container(),
            })
        }
        ExecResult::Ran(f) => f,
    };
    let command = check.command.join(" ");
    if facts.exit_code != check.exit_code {
        return Outcome::Failed(Reason::ExecExitCode {
            container: container(),
            command,
            expected: check.exit_code,
            found: facts.exit_code,
        });
    }
    match &check.output_contains {
        Some(text) if !facts.output.contains(text.as_str()) => {
            Outcome::Failed(Reason::ExecOutputMissing {
                container: container(),
                command,
                text: text.clone(),
            })
        }
        _ => Outcome::Passed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hc() -> HttpCheck {
        HttpCheck {
            url: "http://localhost:8000/widgets".into(),
            status: 200,
            body_contains: None,
            json: true,
            timeout_ms: 100,
            retries: 0,
        }
    }

    #[test]
    fn http_rules() {
        let ok = HttpFacts {
            status: 200,
            body: "[]".into(),
        };
        assert_eq!(http(&hc(), Ok(&ok)), Outcome::Passed);
        let html = HttpFacts {
            status: 200,
            body: "<html>".into(),
        };
        assert!(matches!(
            http(&hc(), Ok(&html)),
            Outcome::Failed(Reason::HttpNotJson { .. })
        ));
        let nf = HttpFacts {
            status: 404,
            body: String::new(),
        };
        assert!(matches!(
            http(&hc(), Ok(&nf)),
            Outcome::Failed(Reason::HttpStatus {
                expected: 200,
                found: 404,
                ..
            })
        ));
        assert!(matches!(
            http(&hc(), Err(&HttpFailure::Refused)),
            Outcome::Failed(Reason::HttpUnreachable { cause, .. }) if cause == "refused"
        ));
        let mut c = hc();
        c.json = false;
        c.body_contains = Some("Hello, Docker!".into());
        assert!(matches!(
            http(&c, Ok(&ok)),
            Outcome::Failed(Reason::HttpBodyMissing { .. })
        ));
    }

    #[test]
    fn exec_rules() {
        let c = ExecCheck {
            container: "db".into(),
            command: vec!["psql".into(), "-c".into(), "select 1".into()],
            exit_code: 0,
            output_contains: Some("1".into()),
        };
        let ran = |code, out: &str| {
            ExecResult::Ran(ExecFacts {
                exit_code: code,
                output: out.into(),
            })
        };
        assert_eq!(exec(&c, &ran(0, "1\n")), Outcome::Passed);
        assert!(matches!(
            exec(&c, &ran(2, "")),
            Outcome::Failed(Reason::ExecExitCode { found: 2, .. })
        ));
        assert!(matches!(
            exec(&c, &ran(0, "")),
            Outcome::Failed(Reason::ExecOutputMissing { .. })
        ));
        assert!(matches!(
            exec(&c, &ExecResult::NotRunning),
            Outcome::Failed(Reason::ExecNotRunning { .. })
        ));
        assert!(matches!(
            exec(&c, &ExecResult::NoContainer),
            Outcome::Failed(Reason::ContainerMissing { .. })
        ));
    }
}
