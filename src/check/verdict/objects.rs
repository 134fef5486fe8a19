//! Verdicts for networks, volumes, Compose projects, events, quizzes and Swarm.

use std::collections::HashMap;

use crate::check::outcome::{Outcome, Reason};
use crate::check::reference;
use crate::check::spec::{
    ComposeCheck, EventCheck, EventObject, NetworkCheck, QuizCheck, SwarmCheck,
};
use crate::facts::{ContainerFacts, EventFacts, NetworkFacts};

/// Compose's project label.
pub const PROJECT_LABEL: &str = "com.docker.compose.project";
/// Compose's service label.
pub const SERVICE_LABEL: &str = "com.docker.compose.service";

/// Judges a network lookup.
pub fn network(check: &NetworkCheck, found: Option<&NetworkFacts>) -> Outcome {
    let Some(net) = found else {
        return Outcome::Failed(Reason::NetworkMissing {
            name: check.name.clone(),
        });
    };
    match &check.driver {
        Some(d) if d != &net.driver => Outcome::Failed(Reason::NetworkDriver {
            name: check.name.clone(),
            expected: d.clone(),
            found: net.driver.clone(),
        }),
        _ => Outcome::Passed,
    }
}

/// Judges a volume lookup.
pub fn volume(name: &str, exists: bool) -> Outcome {
    if exists {
        Outcome::Passed
    } else {
        Outcome::Failed(Reason::VolumeMissing { name: name.into() })
    }
}

/// Judges the containers labelled with the project.
pub fn compose(check: &ComposeCheck, project: &str, containers: &[ContainerFacts]) -> Outcome {
    let mine: Vec<&ContainerFacts> = containers
        .iter()
        .filter(|c| c.labels.get(PROJECT_LABEL).map(String::as_str) == Some(project))
        .collect();
    if mine.is_empty() {
        return Outcome::Failed(Reason::ComposeProjectMissing {
            project: project.into(),
        });
    }
    for service in &check.services {
        let up = mine
            .iter()
            .any(|c| c.state == "running" && c.labels.get(SERVICE_LABEL) == Some(service));
        if !up {
            return Outcome::Failed(Reason::ComposeServiceDown {
                project: project.into(),
                service: service.clone(),
            });
        }
    }
    Outcome::Passed
}

/// The project name Compose derives from a folder name (v1 and v2 agree on this subset).
pub fn project_name(folder: &str) -> String {
    folder
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// Judges the events of the right type and action seen since the step began (`since`, seconds
/// since the epoch). With `existed_before_step` on a container check, only events on containers
/// created before `since` count; `created` gives the creation time of the containers named by
/// [`event_actors`] (a container removed meanwhile is absent and does not count).
pub fn event(
    check: &EventCheck,
    events: &[EventFacts],
    since: i64,
    created: &HashMap<String, i64>,
) -> Outcome {
    let hits: Vec<&EventFacts> = matching(check, events).collect();
    let target = || {
        check
            .name
            .clone()
            .or_else(|| check.image.clone())
            .unwrap_or_else(|| "*".into())
    };
    if !needs_older_container(check) {
        if !hits.is_empty() {
            return Outcome::Passed;
        }
    } else {
        let created_at = |e: &EventFacts| created.get(&e.actor_id).copied();
        if hits
            .iter()
            .any(|e| created_at(e).is_some_and(|t| t < since))
        {
            return Outcome::Passed;
        }
        // The most recent container made during the step: the learner's likely `docker run`.
        if let Some(e) = hits
            .iter()
            .rev()
            .find(|e| created_at(e).is_some_and(|t| t >= since))
        {
            let name = e.attributes.get("name").cloned().unwrap_or_default();
            return Outcome::Failed(Reason::EventNewContainer {
                action: check.action.clone(),
                target: target(),
                container: if name.is_empty() {
                    e.actor_id.chars().take(12).collect()
                } else {
                    name
                },
            });
        }
    }
    Outcome::Failed(Reason::EventMissing {
        object: object_name(check.object).into(),
        action: check.action.clone(),
        target: target(),
    })
}

/// The event that made [`event`] pass (the evidence a grader records, and the instant the next
/// step begins): the earliest matching one after the step began (on a container created before
/// `since` when the check asks for one that existed before), so that a later repetition of the
/// action is left to the steps that follow.
pub fn event_hit<'a>(
    check: &'a EventCheck,
    events: &'a [EventFacts],
    since: i64,
    created: &HashMap<String, i64>,
) -> Option<&'a EventFacts> {
    let older = needs_older_container(check);
    let hits: Vec<&EventFacts> = matching(check, events).collect();
    hits.into_iter()
        .find(|e| !older || created.get(&e.actor_id).is_some_and(|t| *t < since))
}

/// The ids of the containers whose creation time [`event`] needs: those acted on by a matching
/// event, when the check asks for a container that existed before the step. Empty otherwise.
pub fn event_actors(check: &EventCheck, events: &[EventFacts]) -> Vec<String> {
    if !needs_older_container(check) {
        return Vec::new();
    }
    let mut ids: Vec<String> = matching(check, events)
        .map(|e| e.actor_id.clone())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

fn needs_older_container(check: &EventCheck) -> bool {
    check.existed_before_step && check.object == EventObject::Container
}

/// The events of the check's type and action on the object it names, in the daemon's order.
fn matching<'a>(
    check: &'a EventCheck,
    events: &'a [EventFacts],
) -> impl Iterator<Item = &'a EventFacts> + 'a {
    events.iter().filter(move |e| {
        e.object == object_name(check.object)
            && action_base(&e.action) == check.action
            && matches(check, e)
    })
}

/// An action without its detail: the Engine reports `exec_start: psql -U postgres` and
/// `health_status: healthy`; a lesson names `exec_start`.
pub fn action_base(action: &str) -> &str {
    action.split_once(':').map_or(action, |(a, _)| a).trim()
}

fn matches(check: &EventCheck, e: &EventFacts) -> bool {
    let attr = |k: &str| e.attributes.get(k).map(String::as_str).unwrap_or("");
    let name_ok = check.name.as_ref().is_none_or(|want| {
        let want = want.trim_start_matches('/');
        let names = [attr("name"), attr("oldName"), e.actor_id.as_str()];
        match check.object {
            EventObject::Image => names
                .iter()
                .any(|n| !n.is_empty() && reference::normalize(n) == reference::normalize(want)),
            _ => names.iter().any(|n| n.trim_start_matches('/') == want),
        }
    });
    let image_ok = check.image.as_ref().is_none_or(|want| {
        !attr("image").is_empty()
            && reference::normalize(attr("image")) == reference::normalize(want)
    });
    let command_ok = check.command.as_ref().is_none_or(|want| {
        let detail = e.action.split_once(':').map_or("", |(_, d)| d).trim();
        let program = detail.split_whitespace().next().unwrap_or("");
        // `/usr/bin/psql` is psql too.
        program.rsplit('/').next() == Some(want.trim())
    });
    name_ok && image_ok && command_ok
}

/// The Engine's name for an event object type.
pub fn object_name(o: EventObject) -> &'static str {
    match o {
        EventObject::Container => "container",
        EventObject::Image => "image",
        EventObject::Network => "network",
        EventObject::Volume => "volume",
    }
}

/// Judges the learner's stored answer.
pub fn quiz(check: &QuizCheck, answer: Option<u8>) -> Outcome {
    match answer {
        None => Outcome::Failed(Reason::QuizUnanswered),
        Some(a) if a == check.answer => Outcome::Passed,
        Some(a) => Outcome::Failed(Reason::QuizWrong { chosen: a }),
    }
}

/// Judges the daemon's Swarm state (`active`, `inactive`, `pending`, `error`, `locked`).
pub fn swarm(check: &SwarmCheck, state: &str) -> Outcome {
    if (state == "active") == check.active {
        Outcome::Passed
    } else {
        Outcome::Failed(Reason::SwarmState {
            expected: if check.active { "active" } else { "inactive" }.into(),
            found: state.into(),
        })
    }
}

#[cfg(test)]
mod tests;
