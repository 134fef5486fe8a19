//! Plain facts about Docker objects, as the checker needs them. `docker/` fills them from the
//! Engine API; verdicts read them; tests build them by hand. No vendor types cross this line.

use std::collections::HashMap;

/// An image, as `docker image inspect` shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImageFacts {
    /// `sha256:...`.
    pub id: String,
    /// Size in bytes.
    pub size: u64,
    /// `Config.User`; empty when the Dockerfile set none.
    pub user: String,
    /// Creation time, nanoseconds since the Unix epoch.
    pub created: i64,
}

/// A container, as `docker inspect` shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContainerFacts {
    /// Full id.
    pub id: String,
    /// Name without the leading `/`.
    pub name: String,
    /// Image reference as typed (`Config.Image`).
    pub image_ref: String,
    /// Image id the container runs.
    pub image_id: String,
    /// `running`, `exited`, `created`, `paused`, `restarting`, `removing`, `dead`.
    pub state: String,
    /// Published ports.
    pub ports: Vec<PublishedPort>,
    /// Attached networks, by name.
    pub networks: Vec<String>,
    /// Mounts.
    pub mounts: Vec<MountFacts>,
    /// `NAME=value` pairs. Values are compared, never shown.
    pub env: Vec<(String, String)>,
    /// Started attached to stdout (not `-d`).
    pub attached: bool,
    /// `--rm`.
    pub auto_remove: bool,
    /// Labels (Compose project and service live here).
    pub labels: HashMap<String, String>,
    /// Creation time, nanoseconds since the Unix epoch (for picking the most recent match).
    pub created: i64,
    /// When it last started, nanoseconds since the Unix epoch; 0 when never started.
    pub started: i64,
    /// When it last stopped, nanoseconds since the Unix epoch; 0 when it never stopped.
    pub finished: i64,
}

impl ContainerFacts {
    /// The value of an environment variable, if set.
    pub fn env_value(&self, name: &str) -> Option<&str> {
        self.env
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// One host binding of a container port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedPort {
    /// Container port.
    pub container: u16,
    /// `tcp` or `udp`.
    pub proto: String,
    /// Host port; `None` when exposed but not published.
    pub host: Option<u16>,
}

/// One mount of a container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MountFacts {
    /// `volume`, `bind`, `tmpfs`.
    pub kind: String,
    /// Volume name for volumes.
    pub name: Option<String>,
    /// Host path for binds.
    pub source: String,
    /// Path inside the container.
    pub destination: String,
}

/// A network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkFacts {
    /// Name.
    pub name: String,
    /// Id (evidence for graders).
    pub id: String,
    /// Driver (`bridge`, `overlay`...).
    pub driver: String,
}

/// One event from the daemon's event stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventFacts {
    /// `container`, `image`, `network`, `volume`.
    pub object: String,
    /// `stop`, `restart`, `rename`...
    pub action: String,
    /// Actor id (container id, image reference or id, network id, volume name).
    pub actor_id: String,
    /// Actor attributes (`name`, `image`, `oldName`...).
    pub attributes: HashMap<String, String>,
    /// When it happened, nanoseconds since the Unix epoch (the event's `timeNano`).
    pub time: i64,
}

/// What an exec'd command did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecFacts {
    /// Exit code.
    pub exit_code: i64,
    /// stdout and stderr, interleaved.
    pub output: String,
}

/// Why an HTTP GET got no response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpFailure {
    /// Nothing listens on that port.
    Refused,
    /// Something accepted the connection but did not answer in time.
    Timeout,
    /// Anything else (DNS, protocol...), as the client described it.
    Other(String),
}

/// What an HTTP GET returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpFacts {
    /// Status code.
    pub status: u16,
    /// Body as text (lossy UTF-8).
    pub body: String,
}

/// A container as the list endpoint shows it: enough to choose which ones to inspect.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListedContainer {
    /// Full id.
    pub id: String,
    /// Names without the leading `/`.
    pub names: Vec<String>,
    /// Image reference as typed.
    pub image_ref: String,
    /// Image id.
    pub image_id: String,
    /// `running`, `exited`...
    pub state: String,
    /// Host ports it publishes.
    pub host_ports: Vec<u16>,
    /// Labels.
    pub labels: HashMap<String, String>,
}

/// One line of a container's log, as the daemon timestamped it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogLine {
    /// When it was written, nanoseconds since the Unix epoch.
    pub time: i64,
    /// The line, without its timestamp.
    pub text: String,
}
