//! `file` verdicts on text the checker read from the learner's folder.

use crate::check::outcome::{Outcome, Reason};
use crate::check::spec::FileCheck;

/// Judges the files matching the check's path: `(relative path, contents)`. Passes when any
/// passes; otherwise the reason of the file that came closest (most texts found), so the learner
/// hears about the file they are working on.
pub fn file(check: &FileCheck, found: &[(String, String)]) -> Outcome {
    let mut best: Option<(usize, Outcome)> = None;
    for (path, text) in found {
        match one(check, path, text) {
            Outcome::Passed => return Outcome::Passed,
            other => {
                let score = check
                    .contains
                    .iter()
                    .filter(|t| content(check, text).contains(t.as_str()))
                    .count();
                if best.as_ref().is_none_or(|(s, _)| score > *s) {
                    best = Some((score, other));
                }
            }
        }
    }
    best.map(|(_, o)| o).unwrap_or_else(|| {
        Outcome::Failed(Reason::FileMissing {
            path: check.path.clone(),
        })
    })
}

/// The path of the first file that passes (the evidence a grader records).
pub fn file_passing<'a>(check: &FileCheck, found: &'a [(String, String)]) -> Option<&'a str> {
    found
        .iter()
        .find(|(path, text)| one(check, path, text) == Outcome::Passed)
        .map(|(p, _)| p.as_str())
}

/// The text `contains` looks in: for YAML, comment lines do not count (a commented-out service
/// is not a service).
fn content(check: &FileCheck, text: &str) -> String {
    if check.yaml {
        text.lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        text.to_string()
    }
}

fn one(check: &FileCheck, path: &str, text: &str) -> Outcome {
    if check.not_empty && text.trim().is_empty() {
        return Outcome::Failed(Reason::FileEmpty { path: path.into() });
    }
    let searched = content(check, text);
    if let Some(missing) = check
        .contains
        .iter()
        .find(|t| !searched.contains(t.as_str()))
    {
        return Outcome::Failed(Reason::FileLacks {
            path: path.into(),
            text: missing.clone(),
        });
    }
    if let Some(first) = check.contains_any.first() {
        if !check
            .contains_any
            .iter()
            .any(|t| searched.contains(t.as_str()))
        {
            return Outcome::Failed(Reason::FileLacks {
                path: path.into(),
                text: first.clone(),
            });
        }
    }
    if check.yaml {
        if let Some((line, error)) = yaml_error(text) {
            return Outcome::Failed(Reason::FileNotYaml {
                path: path.into(),
                line,
                error,
            });
        }
    }
    Outcome::Passed
}

/// Line (1-based) and message of the first YAML error, if any.
pub fn yaml_error(text: &str) -> Option<(u64, String)> {
    match serde_yaml_ng::from_str::<serde_yaml_ng::Value>(text) {
        Ok(_) => None,
        Err(e) => {
            let line = e.location().map_or(0, |l| l.line() as u64);
            Some((line, e.to_string()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_rules() {
        let c = FileCheck {
            path: ".github/workflows/*.yml".into(),
            contains: vec!["secrets.DOCKERHUB_TOKEN".into()],
            not_empty: true,
            yaml: true,
            ..Default::default()
        };
        let good =
            "on: push\njobs:\n  b:\n    steps:\n      - run: echo ${{ secrets.DOCKERHUB_TOKEN }}\n";
        assert_eq!(file(&c, &[("w.yml".into(), good.into())]), Outcome::Passed);
        assert!(matches!(
            file(&c, &[]),
            Outcome::Failed(Reason::FileMissing { .. })
        ));
        assert!(matches!(
            file(&c, &[("w.yml".into(), "  \n".into())]),
            Outcome::Failed(Reason::FileEmpty { .. })
        ));
        assert!(matches!(
            file(&c, &[("w.yml".into(), "on: push\n".into())]),
            Outcome::Failed(Reason::FileLacks { .. })
        ));
        let bad = "secrets.DOCKERHUB_TOKEN\njobs: [\n";
        assert!(matches!(
            file(&c, &[("w.yml".into(), bad.into())]),
            Outcome::Failed(Reason::FileNotYaml { .. })
        ));
        assert_eq!(
            file(
                &c,
                &[("a.yml".into(), bad.into()), ("b.yml".into(), good.into())]
            ),
            Outcome::Passed
        );
        // A commented-out line is not content.
        let commented = "on: push\n# token: ${{ secrets.DOCKERHUB_TOKEN }}\n";
        assert!(matches!(
            file(&c, &[("w.yml".into(), commented.into())]),
            Outcome::Failed(Reason::FileLacks { .. })
        ));
        // With several candidates, the reason concerns the one that came closest.
        let mut c2 = c.clone();
        c2.contains.push("docker/build-push-action".into());
        let closest = file(
            &c2,
            &[
                ("macos.yml".into(), "on: push\n".into()),
                ("main.yml".into(), good.into()),
            ],
        );
        assert!(
            matches!(&closest, Outcome::Failed(Reason::FileLacks { path, .. }) if path == "main.yml"),
            "{closest:?}"
        );
    }

    #[test]
    fn one_of_several_spellings_is_enough_and_the_first_is_named() {
        let c = FileCheck {
            path: "python-docker/Dockerfile".into(),
            contains: vec!["EXPOSE 5000".into()],
            contains_any: vec![
                "--host=0.0.0.0".into(),
                "--host 0.0.0.0".into(),
                "\"--host\", \"0.0.0.0\"".into(),
            ],
            ..Default::default()
        };
        let with = |cmd: &str| vec![("Dockerfile".to_string(), format!("EXPOSE 5000\n{cmd}\n"))];
        for ok in [
            "CMD python3 -m flask run --host=0.0.0.0",
            "CMD python3 -m flask run --host 0.0.0.0",
            "CMD [\"python3\", \"-m\", \"flask\", \"run\", \"--host\", \"0.0.0.0\"]",
        ] {
            assert_eq!(file(&c, &with(ok)), Outcome::Passed, "{ok}");
        }
        assert_eq!(
            file(&c, &with("CMD python3 -m flask run")),
            Outcome::Failed(Reason::FileLacks {
                path: "Dockerfile".into(),
                text: "--host=0.0.0.0".into()
            })
        );
    }
}
