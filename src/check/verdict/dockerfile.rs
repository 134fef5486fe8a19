//! `dockerfile` verdicts: multi-stage, base tags, layer hygiene, user, instruction order.

use crate::check::dockerfile_parse::{from_parts, parse, Instruction};
use crate::check::outcome::{Outcome, Reason};
use crate::check::reference;
use crate::check::spec::DockerfileCheck;

use super::image::is_root;

/// Judges Dockerfile text (`None` when the file does not exist).
pub fn dockerfile(check: &DockerfileCheck, text: Option<&str>) -> Outcome {
    let path = check.path.clone();
    let Some(text) = text else {
        return Outcome::Failed(Reason::FileMissing { path });
    };
    let ins = parse(text);
    let froms: Vec<&Instruction> = ins.iter().filter(|i| i.keyword == "FROM").collect();
    let Some(last_from) = froms.last() else {
        return Outcome::Failed(Reason::DockerfileEmpty { path });
    };
    if let Some(min) = check.min_stages {
        if (froms.len() as u32) < min {
            return fail(Reason::DockerfileStages {
                path,
                expected: min,
                found: froms.len() as u32,
            });
        }
    }
    if let Some(want) = &check.final_from {
        let (found, _) = from_parts(&last_from.args);
        if !found.eq_ignore_ascii_case(want)
            && reference::normalize(&found) != reference::normalize(want)
        {
            return fail(Reason::DockerfileFinalFrom {
                path,
                expected: want.clone(),
                found,
            });
        }
    }
    if check.no_latest_base {
        if let Some(r) = latest_base(&path, &froms) {
            return fail(r);
        }
    }
    if check.combined_runs {
        if let Some(pair) = ins
            .windows(2)
            .find(|w| w[0].keyword == "RUN" && w[1].keyword == "RUN")
        {
            return fail(Reason::DockerfileRunsNotCombined {
                path,
                line: pair[1].line,
            });
        }
    }
    if check.non_root_user {
        let final_stage = ins.iter().rev().take_while(|i| i.keyword != "FROM");
        let user = final_stage
            .filter(|i| i.keyword == "USER")
            .map(|i| i.args.as_str())
            .next();
        if user.is_none_or(is_root) {
            return fail(Reason::DockerfileRootUser { path });
        }
    }
    if check.sorted_packages {
        if let Some(r) = unsorted_packages(&path, &ins) {
            return fail(r);
        }
    }
    order(check, &path, &ins).map_or(Outcome::Passed, Outcome::Failed)
}

/// The first package of an install in a `RUN` that comes alphabetically before the one listed
/// above it.
fn unsorted_packages(path: &str, ins: &[Instruction]) -> Option<Reason> {
    for i in ins.iter().filter(|i| i.keyword == "RUN") {
        for packages in installs(&i.args) {
            let sorted = packages.windows(2).find(|w| {
                let key = |p: &str| p.split('=').next().unwrap_or(p).to_ascii_lowercase();
                key(w[1]) < key(w[0])
            });
            if let Some(w) = sorted {
                return Some(Reason::DockerfilePackagesUnsorted {
                    path: path.into(),
                    line: i.line,
                    package: w[1].to_string(),
                    after: w[0].to_string(),
                });
            }
        }
    }
    None
}

/// The package lists of every install in a shell command line: the words after `apt-get
/// install`, `apt install`, `apk add`, `dnf install` or `yum install` up to the end of that
/// command (`&&`, `||`, `;`, `|`), options left out.
fn installs(command: &str) -> Vec<Vec<&str>> {
    let mut out = Vec::new();
    for part in command.split(['&', '|', ';']) {
        let words: Vec<&str> = part.split_whitespace().collect();
        let Some(at) = words.windows(2).position(|w| {
            matches!(
                (w[0], w[1]),
                ("apt-get" | "apt" | "dnf" | "yum" | "microdnf", "install") | ("apk", "add")
            )
        }) else {
            continue;
        };
        let mut packages = Vec::new();
        let mut skip_value = false;
        for w in &words[at + 2..] {
            if std::mem::take(&mut skip_value) {
                continue;
            }
            match *w {
                // Options that take the next word as their value.
                "-o" | "-t" | "--target-release" | "--virtual" | "-X" | "--repository" => {
                    skip_value = true
                }
                w if w.starts_with('-') => {}
                w => packages.push(w),
            }
        }
        out.push(packages);
    }
    out
}

fn fail(r: Reason) -> Outcome {
    Outcome::Failed(r)
}

fn latest_base(path: &str, froms: &[&Instruction]) -> Option<Reason> {
    let mut aliases: Vec<String> = Vec::new();
    for f in froms {
        let (image, alias) = from_parts(&f.args);
        let lower = image.to_lowercase();
        let is_stage = aliases.contains(&lower) || lower.parse::<usize>().is_ok();
        if lower != "scratch"
            && !is_stage
            && !image.contains('$')
            && reference::tag(&image).as_deref() == Some("latest")
        {
            return Some(Reason::DockerfileLatestBase {
                path: path.into(),
                line: f.line,
                image,
            });
        }
        aliases.extend(alias);
    }
    None
}

fn order(check: &DockerfileCheck, path: &str, ins: &[Instruction]) -> Option<Reason> {
    let mut from = 0;
    for want in &check.order {
        let want_norm = normalize_instruction(want);
        let pos = ins[from..]
            .iter()
            .position(|i| format!("{} {}", i.keyword, i.args).starts_with(&want_norm));
        match pos {
            Some(p) => from += p + 1,
            None => {
                return Some(Reason::DockerfileOrder {
                    path: path.into(),
                    instruction: want.clone(),
                })
            }
        }
    }
    None
}

fn normalize_instruction(s: &str) -> String {
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match collapsed.split_once(' ') {
        Some((kw, rest)) => format!("{} {rest}", kw.to_ascii_uppercase()),
        None => collapsed.to_ascii_uppercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SINGLE: &str = "FROM golang:1.20-alpine\nWORKDIR /src\nCOPY go.mod go.sum .\nRUN go mod download\nCOPY . .\nRUN go build -o /bin/client ./cmd/client\nRUN go build -o /bin/server ./cmd/server\nENTRYPOINT [ \"/bin/server\" ]\n";
    const MULTI: &str = "# syntax=docker/dockerfile:1\nFROM golang:1.20-alpine AS build\nWORKDIR /src\nCOPY go.mod go.sum .\nRUN go mod download\nCOPY . .\nRUN go build -o /bin/client ./cmd/client && go build -o /bin/server ./cmd/server\n\nFROM scratch\nCOPY --from=build /bin/client /bin/server /bin/\nUSER 65532\nENTRYPOINT [ \"/bin/server\" ]\n";

    fn c() -> DockerfileCheck {
        DockerfileCheck {
            path: "buildme/Dockerfile".into(),
            ..Default::default()
        }
    }

    #[test]
    fn multi_stage_rules() {
        let check = DockerfileCheck {
            min_stages: Some(2),
            final_from: Some("scratch".into()),
            ..c()
        };
        assert_eq!(dockerfile(&check, Some(MULTI)), Outcome::Passed);
        assert_eq!(
            dockerfile(&check, Some(SINGLE)),
            Outcome::Failed(Reason::DockerfileStages {
                path: "buildme/Dockerfile".into(),
                expected: 2,
                found: 1
            })
        );
        let two_alpine = MULTI.replace("FROM scratch", "FROM alpine:3.19");
        assert!(matches!(
            dockerfile(&check, Some(&two_alpine)),
            Outcome::Failed(Reason::DockerfileFinalFrom { found, .. }) if found == "alpine:3.19"
        ));
        assert!(matches!(
            dockerfile(&check, None),
            Outcome::Failed(Reason::FileMissing { .. })
        ));
        assert!(matches!(
            dockerfile(&check, Some("# nothing\n")),
            Outcome::Failed(Reason::DockerfileEmpty { .. })
        ));
    }

    #[test]
    fn hygiene_rules() {
        let runs = DockerfileCheck {
            combined_runs: true,
            ..c()
        };
        assert_eq!(dockerfile(&runs, Some(MULTI)), Outcome::Passed);
        assert_eq!(
            dockerfile(&runs, Some(SINGLE)),
            Outcome::Failed(Reason::DockerfileRunsNotCombined {
                path: "buildme/Dockerfile".into(),
                line: 7
            })
        );
        let latest = DockerfileCheck {
            no_latest_base: true,
            ..c()
        };
        assert_eq!(dockerfile(&latest, Some(MULTI)), Outcome::Passed);
        assert!(matches!(
            dockerfile(&latest, Some("FROM ubuntu\nFROM build AS x\n")),
            Outcome::Failed(Reason::DockerfileLatestBase { line: 1, .. })
        ));
        assert_eq!(
            dockerfile(&latest, Some("FROM ubuntu:22.04 AS base\nFROM base\n")),
            Outcome::Passed
        );
        let user = DockerfileCheck {
            non_root_user: true,
            ..c()
        };
        assert_eq!(dockerfile(&user, Some(MULTI)), Outcome::Passed);
        assert!(matches!(
            dockerfile(&user, Some(SINGLE)),
            Outcome::Failed(Reason::DockerfileRootUser { .. })
        ));
        assert!(matches!(
            dockerfile(&user, Some("FROM a:1\nUSER app\nFROM b:1\nUSER root\n")),
            Outcome::Failed(Reason::DockerfileRootUser { .. })
        ));
    }

    #[test]
    fn dependency_layers_before_source() {
        let check = DockerfileCheck {
            order: vec![
                "COPY go.mod".into(),
                "run go mod download".into(),
                "COPY . .".into(),
            ],
            ..c()
        };
        assert_eq!(dockerfile(&check, Some(MULTI)), Outcome::Passed);
        let wrong = "FROM golang:1.20-alpine\nCOPY . .\nRUN go mod download\nRUN go build\n";
        assert!(matches!(
            dockerfile(&check, Some(wrong)),
            Outcome::Failed(Reason::DockerfileOrder { instruction, .. }) if instruction == "COPY go.mod"
        ));
        let late = "FROM golang:1.20-alpine\nCOPY go.mod go.sum .\nCOPY . .\nRUN go mod download\n";
        assert!(matches!(
            dockerfile(&check, Some(late)),
            Outcome::Failed(Reason::DockerfileOrder { instruction, .. }) if instruction == "COPY . ."
        ));
    }

    #[test]
    fn packages_of_an_install_in_alphabetical_order() {
        let check = DockerfileCheck {
            sorted_packages: true,
            ..c()
        };
        let capas = |packages: &str| {
            format!(
                "FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y --no-install-recommends \\\n{packages}  && rm -rf /var/lib/apt/lists/*\nCMD [\"python3\", \"--version\"]\n"
            )
        };
        let sorted = capas("    ca-certificates \\\n    curl \\\n    python3 \\\n");
        assert_eq!(dockerfile(&check, Some(&sorted)), Outcome::Passed);
        let unsorted = capas("    python3 \\\n    curl \\\n    ca-certificates \\\n");
        assert_eq!(
            dockerfile(&check, Some(&unsorted)),
            Outcome::Failed(Reason::DockerfilePackagesUnsorted {
                path: "buildme/Dockerfile".into(),
                line: 2,
                package: "curl".into(),
                after: "python3".into()
            })
        );
        // Other package managers, option values, version pins; commands after the install.
        assert_eq!(
            dockerfile(
                &check,
                Some("FROM alpine:3.19\nRUN apk add --no-cache --virtual .deps git make && make\n")
            ),
            Outcome::Passed
        );
        assert_eq!(
            dockerfile(
                &check,
                Some("FROM debian:12\nRUN apt-get install -y -o Dpkg::Options::=--force-confold curl=7.88 bzip2; echo zz aa\n")
            ),
            Outcome::Failed(Reason::DockerfilePackagesUnsorted {
                path: "buildme/Dockerfile".into(),
                line: 2,
                package: "bzip2".into(),
                after: "curl=7.88".into()
            })
        );
        // No install at all: nothing to sort.
        assert_eq!(dockerfile(&check, Some(SINGLE)), Outcome::Passed);
    }
}
