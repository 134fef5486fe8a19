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
mod tests;
