//! What proved a passed check: ids, names, a status code or an event's time, taken from the facts
//! the verdict read. Never an environment value or a file's contents: only what identifies.

use serde::{Deserialize, Serialize};

/// The facts that made a check pass. Every field is optional; a check fills the ones it read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Evidence {
    /// Image id (`sha256:...`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_id: Option<String>,
    /// Container id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container_id: Option<String>,
    /// Container name, without the leading `/`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container_name: Option<String>,
    /// Network id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_id: Option<String>,
    /// Network name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub network_name: Option<String>,
    /// Volume name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    /// HTTP status code received.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    /// Exit code of a declared `exec` command.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exit_code: Option<i64>,
    /// When the matching event happened, nanoseconds since the epoch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_time: Option<i64>,
    /// The event's action (`stop`, `tag`...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_action: Option<String>,
    /// The event's actor: its id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_actor: Option<String>,
    /// The container whose log held the matching line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_container: Option<String>,
    /// The file (relative to the learner's folder) that satisfied the check.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The Compose project.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// Swarm state as the daemon reported it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub swarm_state: Option<String>,
    /// The quiz option the learner chose.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<u8>,
    /// When what proved the check came to be (the event, the log line, the file's last write,
    /// the build, the start), nanoseconds since the epoch; None when only "now" can be said
    /// (an answer, a server answering, a state with no time of its own).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<i64>,
}

impl Evidence {
    /// An image.
    pub fn image(id: &str) -> Evidence {
        Evidence {
            image_id: Some(id.to_string()),
            ..Default::default()
        }
    }

    /// A container.
    pub fn container(c: &crate::facts::ContainerFacts) -> Evidence {
        Evidence {
            container_id: Some(c.id.clone()),
            container_name: Some(c.name.clone()),
            image_id: Some(c.image_id.clone()).filter(|s| !s.is_empty()),
            ..Default::default()
        }
    }

    /// An event.
    pub fn event(e: &crate::facts::EventFacts) -> Evidence {
        Evidence {
            event_time: Some(e.time),
            at: Some(e.time),
            event_action: Some(e.action.clone()),
            event_actor: Some(e.actor_id.clone()),
            container_name: e
                .attributes
                .get("name")
                .cloned()
                .filter(|_| e.object == "container"),
            ..Default::default()
        }
    }

    /// `(field, value)` pairs in a fixed order, for the text printers.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut v = Vec::new();
        let mut s = |k: &'static str, x: &Option<String>| {
            if let Some(x) = x {
                v.push((k, x.clone()));
            }
        };
        s("image_id", &self.image_id);
        s("container_id", &self.container_id);
        s("container_name", &self.container_name);
        s("network_id", &self.network_id);
        s("network_name", &self.network_name);
        s("volume", &self.volume);
        s("event_action", &self.event_action);
        s("event_actor", &self.event_actor);
        s("log_container", &self.log_container);
        s("file", &self.file);
        s("project", &self.project);
        s("swarm_state", &self.swarm_state);
        if let Some(x) = self.http_status {
            v.push(("http_status", x.to_string()));
        }
        if let Some(x) = self.exit_code {
            v.push(("exit_code", x.to_string()));
        }
        if let Some(x) = self.event_time {
            v.push(("event_time", crate::clock::rfc3339(x)));
        }
        if let Some(x) = self.answer {
            v.push(("answer", x.to_string()));
        }
        if let Some(x) = self.at {
            v.push(("at", crate::clock::rfc3339(x)));
        }
        v
    }
}
