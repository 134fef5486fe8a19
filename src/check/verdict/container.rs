//! `container` verdicts: state, ports, networks, mounts, environment, run flags.

use super::{first_failure, port_label};
use crate::check::outcome::{Outcome, Reason, Selector};
use crate::check::spec::{ContainerCheck, ContainerSelect, ContainerState};
use crate::facts::ContainerFacts;

/// Judges the containers the selector matched (most recent first is not required). Passes when
/// any candidate passes; otherwise reports the most recently created candidate's reason.
pub fn container(check: &ContainerCheck, candidates: &[ContainerFacts]) -> Outcome {
    let (by, selector) = selector(check);
    if candidates.is_empty() {
        return match check.state {
            ContainerState::Absent => Outcome::Passed,
            _ => Outcome::Failed(Reason::ContainerMissing { by, selector }),
        };
    }
    let mut sorted: Vec<&ContainerFacts> = candidates.iter().collect();
    sorted.sort_by_key(|c| std::cmp::Reverse(c.created));
    let mut first = None;
    for c in sorted {
        match one(check, c) {
            Outcome::Passed => return Outcome::Passed,
            Outcome::Failed(Reason::ContainerState { .. }) if check.state.is_running() => {
                let why = not_started(c, candidates);
                first.get_or_insert(why);
            }
            other => {
                first.get_or_insert(other);
            }
        }
    }
    first.unwrap_or(Outcome::Passed)
}

/// Why a container that should run does not: when it asks for a host port another candidate
/// holds, that is the reason `docker run` (or `docker start`) failed, and the learner must stop
/// the holder first; a container created but never started that asks for a port is said so.
fn not_started(c: &ContainerFacts, candidates: &[ContainerFacts]) -> Outcome {
    let holder = c.requested_host_ports.iter().find_map(|port| {
        candidates
            .iter()
            .find(|o| o.id != c.id && o.state == "running" && publishes(o, *port))
            .map(|o| (*port, o.name.clone()))
    });
    Outcome::Failed(match (holder, c.requested_host_ports.first()) {
        (Some((port, holder)), _) => Reason::PortHeld {
            container: c.name.clone(),
            port,
            holder,
        },
        (None, Some(port)) if c.state == "created" => Reason::ContainerNotStarted {
            container: c.name.clone(),
            port: *port,
        },
        _ => Reason::ContainerState {
            container: c.name.clone(),
            expected: "running".into(),
            found: c.state.clone(),
        },
    })
}

fn publishes(c: &ContainerFacts, host_port: u16) -> bool {
    c.ports.iter().any(|p| p.host == Some(host_port))
}

/// The candidate that passes the check (the most recently created one, as [`container`] tries
/// them): the evidence a grader records. `None` when none passes, or when the check asks for
/// absence.
pub fn container_passing<'a>(
    check: &ContainerCheck,
    candidates: &'a [ContainerFacts],
) -> Option<&'a ContainerFacts> {
    let mut sorted: Vec<&ContainerFacts> = candidates.iter().collect();
    sorted.sort_by_key(|c| std::cmp::Reverse(c.created));
    sorted
        .into_iter()
        .find(|c| one(check, c) == Outcome::Passed)
}

/// How the check selects its container, for messages.
pub fn selector(check: &ContainerCheck) -> (Selector, String) {
    selector_of(&check.select())
}

/// How a selector reads in a message.
pub fn selector_of(select: &ContainerSelect) -> (Selector, String) {
    match select {
        ContainerSelect::Name(n) => (Selector::Name, n.clone()),
        ContainerSelect::Image(i) => (Selector::Image, i.clone()),
        ContainerSelect::Service { service, .. } => (Selector::Service, service.clone()),
    }
}

fn one(check: &ContainerCheck, c: &ContainerFacts) -> Outcome {
    let name = c.name.clone();
    let state_ok = match check.state {
        ContainerState::Running => c.state == "running",
        ContainerState::Exited => c.state == "exited",
        ContainerState::Present => true,
        ContainerState::Absent => {
            return Outcome::Failed(Reason::ContainerPresent {
                container: name,
                state: c.state.clone(),
            })
        }
    };
    if !state_ok {
        let expected = match check.state {
            ContainerState::Exited => "exited",
            _ => "running",
        };
        return Outcome::Failed(Reason::ContainerState {
            container: name,
            expected: expected.into(),
            found: c.state.clone(),
        });
    }
    first_failure([
        port(check, c),
        network(check, c),
        volume(check, c),
        mount_at(check, c),
        env(check, c),
        flags(check, c),
        no_ports(check, c),
    ])
}

fn port(check: &ContainerCheck, c: &ContainerFacts) -> Option<Reason> {
    let want = check.port.as_ref()?;
    let expected = port_label(want.host, want.container, &want.proto);
    let published: Vec<u16> = c
        .ports
        .iter()
        .filter(|p| p.container == want.container && p.proto == want.proto)
        .filter_map(|p| p.host)
        .collect();
    if published.contains(&want.host) {
        return None;
    }
    match published.first() {
        None => Some(Reason::PortNotPublished {
            container: c.name.clone(),
            expected,
        }),
        Some(h) => Some(Reason::PortMismatch {
            container: c.name.clone(),
            expected,
            found: port_label(*h, want.container, &want.proto),
        }),
    }
}

fn no_ports(check: &ContainerCheck, c: &ContainerFacts) -> Option<Reason> {
    if !check.no_published_ports {
        return None;
    }
    let mut found: Vec<String> = c
        .ports
        .iter()
        .filter_map(|p| p.host.map(|h| port_label(h, p.container, &p.proto)))
        .collect();
    found.sort();
    found.dedup(); // IPv4 and IPv6 bindings of one port
    (!found.is_empty()).then(|| Reason::PortsPublished {
        container: c.name.clone(),
        found: found.join(", "),
    })
}

fn network(check: &ContainerCheck, c: &ContainerFacts) -> Option<Reason> {
    let want = check.network.as_ref()?;
    (!c.networks.iter().any(|n| n == want)).then(|| Reason::NotOnNetwork {
        container: c.name.clone(),
        expected: want.clone(),
        found: list_or_dash(c.networks.clone()),
    })
}

fn volume(check: &ContainerCheck, c: &ContainerFacts) -> Option<Reason> {
    let want = check.volume.as_ref()?;
    let ok = c.mounts.iter().any(|m| {
        m.kind == "volume" && m.name.as_deref() == Some(&want.name) && m.destination == want.path
    });
    (!ok).then(|| Reason::VolumeNotMounted {
        container: c.name.clone(),
        volume: want.name.clone(),
        path: want.path.clone(),
        found: list_or_dash(
            c.mounts
                .iter()
                .map(|m| {
                    let src = m.name.clone().unwrap_or_else(|| m.source.clone());
                    format!("{src}:{}", m.destination)
                })
                .collect(),
        ),
    })
}

fn mount_at(check: &ContainerCheck, c: &ContainerFacts) -> Option<Reason> {
    let path = check.mount_at.as_ref()?;
    (!c.mounts.iter().any(|m| &m.destination == path)).then(|| Reason::NothingMountedAt {
        container: c.name.clone(),
        path: path.clone(),
    })
}

fn env(check: &ContainerCheck, c: &ContainerFacts) -> Option<Reason> {
    let container = || c.name.clone();
    for var in &check.env {
        match (c.env_value(&var.name), &var.value) {
            (None, _) => {
                return Some(Reason::EnvMissing {
                    container: container(),
                    name: var.name.clone(),
                })
            }
            (Some(""), None) => {
                return Some(Reason::EnvMissing {
                    container: container(),
                    name: var.name.clone(),
                })
            }
            (Some(found), Some(want)) if found != want => {
                return Some(Reason::EnvWrongValue {
                    container: container(),
                    name: var.name.clone(),
                })
            }
            _ => {}
        }
    }
    check
        .env_unset
        .iter()
        .find(|n| c.env_value(n).is_some())
        .map(|n| Reason::EnvPresent {
            container: container(),
            name: n.clone(),
        })
}

fn flags(check: &ContainerCheck, c: &ContainerFacts) -> Option<Reason> {
    if let Some(detached) = check.detached {
        if detached == c.attached {
            return Some(Reason::DetachedMismatch {
                container: c.name.clone(),
                expected: if detached { "detached" } else { "attached" }.into(),
            });
        }
    }
    match check.auto_remove {
        Some(want) if want != c.auto_remove => Some(Reason::AutoRemoveMismatch {
            container: c.name.clone(),
            expected: want.to_string(),
        }),
        _ => None,
    }
}

fn list_or_dash(items: Vec<String>) -> String {
    if items.is_empty() {
        "-".into()
    } else {
        items.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::spec::{EnvVar, PortSpec, VolumeMount};
    use crate::facts::{MountFacts, PublishedPort};

    fn db() -> ContainerFacts {
        ContainerFacts {
            id: "c1".into(),
            name: "db".into(),
            image_ref: "postgres".into(),
            state: "running".into(),
            ports: vec![PublishedPort {
                container: 5432,
                proto: "tcp".into(),
                host: Some(5432),
            }],
            networks: vec!["postgresnet".into()],
            mounts: vec![MountFacts {
                kind: "volume".into(),
                name: Some("db-data".into()),
                source: String::new(),
                destination: "/var/lib/postgresql/data".into(),
            }],
            env: vec![
                ("POSTGRES_PASSWORD".into(), "mysecretpassword".into()),
                ("POSTGRES_DB".into(), "example".into()),
            ],
            attached: false,
            auto_remove: true,
            ..Default::default()
        }
    }

    fn db_check() -> ContainerCheck {
        ContainerCheck {
            name: Some("db".into()),
            port: Some(PortSpec {
                host: 5432,
                container: 5432,
                proto: "tcp".into(),
            }),
            network: Some("postgresnet".into()),
            volume: Some(VolumeMount {
                name: "db-data".into(),
                path: "/var/lib/postgresql/data".into(),
            }),
            env: vec![
                EnvVar {
                    name: "POSTGRES_DB".into(),
                    value: Some("example".into()),
                },
                EnvVar {
                    name: "POSTGRES_PASSWORD".into(),
                    value: None,
                },
            ],
            detached: Some(true),
            auto_remove: Some(true),
            ..Default::default()
        }
    }

    fn fails(c: &ContainerFacts) -> Reason {
        match container(&db_check(), std::slice::from_ref(c)) {
            Outcome::Failed(r) => r,
            other => panic!("expected failure, got {other:?}"),
        }
    }

    #[test]
    fn the_documented_db_container_passes() {
        assert_eq!(container(&db_check(), &[db()]), Outcome::Passed);
    }

    #[test]
    fn near_misses_name_what_differs() {
        let mut c = db();
        c.ports[0].host = Some(5433);
        assert_eq!(
            fails(&c),
            Reason::PortMismatch {
                container: "db".into(),
                expected: "5432→5432".into(),
                found: "5433→5432".into()
            }
        );
        let mut c = db();
        c.ports.clear();
        assert!(matches!(fails(&c), Reason::PortNotPublished { .. }));
        let mut c = db();
        c.networks = vec!["bridge".into()];
        assert_eq!(
            fails(&c),
            Reason::NotOnNetwork {
                container: "db".into(),
                expected: "postgresnet".into(),
                found: "bridge".into()
            }
        );
        let mut c = db();
        c.mounts[0].destination = "/data".into();
        assert!(
            matches!(fails(&c), Reason::VolumeNotMounted { found, .. } if found == "db-data:/data")
        );
        let mut c = db();
        c.env.retain(|(k, _)| k != "POSTGRES_PASSWORD");
        assert!(
            matches!(fails(&c), Reason::EnvMissing { name, .. } if name == "POSTGRES_PASSWORD")
        );
        let mut c = db();
        c.env[1].1 = "other".into();
        assert!(matches!(fails(&c), Reason::EnvWrongValue { name, .. } if name == "POSTGRES_DB"));
        let mut c = db();
        c.attached = true;
        assert!(
            matches!(fails(&c), Reason::DetachedMismatch { expected, .. } if expected == "detached")
        );
        let mut c = db();
        c.auto_remove = false;
        assert!(matches!(fails(&c), Reason::AutoRemoveMismatch { .. }));
        let mut c = db();
        c.state = "exited".into();
        assert!(matches!(fails(&c), Reason::ContainerState { found, .. } if found == "exited"));
    }

    #[test]
    fn secrets_belong_in_files_not_in_the_environment() {
        let check = ContainerCheck {
            compose_service: Some("db".into()),
            mount_at: Some("/run/secrets/db-password".into()),
            env_unset: vec!["POSTGRES_PASSWORD".into()],
            ..Default::default()
        };
        let mut c = db();
        assert!(matches!(
            container(&check, std::slice::from_ref(&c)),
            Outcome::Failed(Reason::NothingMountedAt { .. })
        ));
        c.mounts.push(MountFacts {
            kind: "bind".into(),
            name: None,
            source: "/p/db/password.txt".into(),
            destination: "/run/secrets/db-password".into(),
        });
        assert!(matches!(
            container(&check, std::slice::from_ref(&c)),
            Outcome::Failed(Reason::EnvPresent { name, .. }) if name == "POSTGRES_PASSWORD"
        ));
        c.env.retain(|(k, _)| k != "POSTGRES_PASSWORD");
        assert_eq!(container(&check, &[c]), Outcome::Passed);
    }

    #[test]
    fn absent_and_any_of_several() {
        let gone = ContainerCheck {
            name: Some("db".into()),
            state: ContainerState::Absent,
            ..Default::default()
        };
        assert_eq!(container(&gone, &[]), Outcome::Passed);
        assert!(matches!(
            container(&gone, &[db()]),
            Outcome::Failed(Reason::ContainerPresent { .. })
        ));
        assert!(matches!(
            container(&db_check(), &[]),
            Outcome::Failed(Reason::ContainerMissing {
                by: Selector::Name,
                ..
            })
        ));
        let mut old = db();
        old.state = "exited".into();
        old.created = 1;
        let mut new = db();
        new.created = 2;
        assert_eq!(container(&db_check(), &[old.clone(), new]), Outcome::Passed);
        let mut newer_bad = db();
        newer_bad.created = 3;
        newer_bad.networks.clear();
        assert!(matches!(
            container(&db_check(), &[old, newer_bad]),
            Outcome::Failed(Reason::NotOnNetwork { .. })
        ));
    }

    /// `docker run python-docker` in lesson 2's first step, or with `-p` (a near miss).
    fn app(name: &str, host: Option<u16>, created: i64) -> ContainerFacts {
        ContainerFacts {
            id: name.into(),
            name: name.into(),
            image_ref: "python-docker".into(),
            state: "running".into(),
            ports: vec![PublishedPort {
                container: 5000,
                proto: "tcp".into(),
                host,
            }],
            requested_host_ports: host.into_iter().collect(),
            attached: true,
            created,
            ..Default::default()
        }
    }

    #[test]
    fn a_step_without_published_ports_refuses_an_attached_run_with_p() {
        let check = ContainerCheck {
            image: Some("python-docker".into()),
            detached: Some(false),
            no_published_ports: true,
            ..Default::default()
        };
        assert_eq!(container(&check, &[app("plain", None, 1)]), Outcome::Passed);
        let mut published = app("with-p", Some(8000), 1);
        // Publishing on all interfaces gives an IPv4 and an IPv6 binding of one port.
        published.ports.push(published.ports[0].clone());
        assert_eq!(
            container(&check, &[published.clone()]),
            Outcome::Failed(Reason::PortsPublished {
                container: "with-p".into(),
                found: "8000→5000".into()
            })
        );
        // Any candidate passing is enough: the learner ran it again without -p.
        assert_eq!(
            container(&check, &[published, app("plain", None, 2)]),
            Outcome::Passed
        );
    }

    #[test]
    fn a_container_that_could_not_start_names_who_holds_its_port() {
        let check = ContainerCheck {
            image: Some("python-docker".into()),
            port: Some(PortSpec {
                host: 8000,
                container: 5000,
                proto: "tcp".into(),
            }),
            detached: Some(true),
            ..Default::default()
        };
        // The attached run of the step before (Ctrl+C did not stop it) keeps 8000; the new
        // `docker run -d -p 8000:5000` was created, and its start failed.
        let holder = app("old_attached", Some(8000), 1);
        let mut blocked = app("new_detached", Some(8000), 2);
        blocked.state = "created".into();
        blocked.ports = vec![PublishedPort {
            container: 5000,
            proto: "tcp".into(),
            host: None,
        }];
        blocked.attached = false;
        assert_eq!(
            container(&check, &[holder.clone(), blocked.clone()]),
            Outcome::Failed(Reason::PortHeld {
                container: "new_detached".into(),
                port: 8000,
                holder: "old_attached".into()
            })
        );
        // Nobody the check sees holds it (a program on the host, another image's container).
        assert_eq!(
            container(&check, std::slice::from_ref(&blocked)),
            Outcome::Failed(Reason::ContainerNotStarted {
                container: "new_detached".into(),
                port: 8000
            })
        );
        // A stopped container is just stopped, unless its port is taken meanwhile.
        let mut stopped = blocked.clone();
        stopped.state = "exited".into();
        assert!(matches!(
            container(&check, std::slice::from_ref(&stopped)),
            Outcome::Failed(Reason::ContainerState { found, .. }) if found == "exited"
        ));
        assert!(matches!(
            container(&check, &[holder, stopped]),
            Outcome::Failed(Reason::PortHeld { port: 8000, .. })
        ));
    }

    #[test]
    fn the_passing_candidate_is_named_for_evidence() {
        let mut old = db();
        old.id = "old".into();
        old.created = 1;
        let mut new = db();
        new.id = "new".into();
        new.created = 2;
        new.networks.clear();
        let both = [old, new.clone()];
        let passing = container_passing(&db_check(), &both);
        assert_eq!(passing.map(|c| c.id.as_str()), Some("old"));
        assert_eq!(container_passing(&db_check(), &[new]), None);
    }
}
