//! Where bollard's answers become facts: an inspected container, a log read with timestamps,
//! the HTTP status inside an error. Pure conversions; no call to the daemon.

use bollard::errors::Error as BollardError;
use bollard::models::ContainerInspectResponse;

use crate::facts::{ContainerFacts, LogLine, MountFacts, PublishedPort};

pub(super) fn status_of(e: &BollardError) -> Option<u16> {
    match e {
        BollardError::DockerResponseServerError { status_code, .. } => Some(*status_code),
        _ => None,
    }
}

pub(super) fn is_404(e: &BollardError) -> bool {
    status_of(e) == Some(404)
}

/// The lines of a log read with timestamps that were written after `since`, without the stamp.
pub(super) fn timed_lines(text: &str, since: i64) -> Vec<LogLine> {
    text.lines()
        .filter_map(|l| {
            let (stamp, rest) = l.split_once(' ').unwrap_or((l, ""));
            let time = crate::clock::parse_rfc3339(stamp)?;
            (time > since).then(|| LogLine {
                time,
                text: rest.to_string(),
            })
        })
        .collect()
}

pub(super) fn parse_time(s: &str) -> i64 {
    crate::clock::parse_rfc3339(s).unwrap_or(0)
}

pub(super) fn container_facts(c: ContainerInspectResponse) -> ContainerFacts {
    let state_time = |f: fn(&bollard::models::ContainerState) -> Option<&String>| {
        c.state
            .as_ref()
            .and_then(f)
            .map_or(0, |t| parse_time(t))
            .max(0)
    };
    let started = state_time(|s| s.started_at.as_ref());
    let finished = state_time(|s| s.finished_at.as_ref());
    let config = c.config.unwrap_or_default();
    let net = c.network_settings.unwrap_or_default();
    let mut ports = Vec::new();
    for (key, bindings) in net.ports.unwrap_or_default() {
        let (port, proto) = key.split_once('/').unwrap_or((&key, "tcp"));
        let Ok(container) = port.parse::<u16>() else {
            continue;
        };
        let hosts: Vec<Option<u16>> = match bindings {
            Some(b) if !b.is_empty() => b
                .iter()
                .map(|b| b.host_port.as_deref().and_then(|p| p.parse().ok()))
                .collect(),
            _ => vec![None],
        };
        for host in hosts {
            ports.push(PublishedPort {
                container,
                proto: proto.to_string(),
                host,
            });
        }
    }
    let mut host_config = c.host_config.unwrap_or_default();
    let mut requested_host_ports: Vec<u16> = host_config
        .port_bindings
        .take()
        .unwrap_or_default()
        .into_values()
        .flatten()
        .flatten()
        .filter_map(|b| b.host_port.as_deref().and_then(|p| p.parse::<u16>().ok()))
        .collect();
    requested_host_ports.sort_unstable();
    requested_host_ports.dedup();
    ContainerFacts {
        id: c.id.unwrap_or_default(),
        name: c
            .name
            .unwrap_or_default()
            .trim_start_matches('/')
            .to_string(),
        image_ref: config.image.clone().unwrap_or_default(),
        image_id: c.image.unwrap_or_default(),
        state: c
            .state
            .and_then(|s| s.status)
            .map(|s| s.to_string())
            .unwrap_or_default(),
        ports,
        requested_host_ports,
        networks: net.networks.unwrap_or_default().into_keys().collect(),
        mounts: c
            .mounts
            .unwrap_or_default()
            .into_iter()
            .map(|m| MountFacts {
                kind: m.typ.unwrap_or_default(),
                name: m.name,
                source: m.source.unwrap_or_default(),
                destination: m.destination.unwrap_or_default(),
            })
            .collect(),
        env: config
            .env
            .unwrap_or_default()
            .into_iter()
            .map(|kv| match kv.split_once('=') {
                Some((k, v)) => (k.to_string(), v.to_string()),
                None => (kv, String::new()),
            })
            .collect(),
        attached: config.attach_stdout.unwrap_or(false),
        auto_remove: host_config.auto_remove.unwrap_or(false),
        labels: config.labels.unwrap_or_default(),
        created: c.created.as_deref().map_or(0, parse_time),
        started,
        finished,
    }
}
