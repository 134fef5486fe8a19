//! The checks on what the learner did or made: an HTTP answer, an `exec`'s exit, a file, a daemon
//! event, a Dockerfile, a quiz answer, a container's log line.

use serde::{Deserialize, Serialize};

use super::objects::ContainerSelect;

/// `kind = "http"`: GET with a timeout and bounded retries.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HttpCheck {
    /// URL to GET, e.g. `http://localhost:8000/widgets`.
    pub url: String,
    /// Expected status code; default 200.
    #[serde(default = "default_status")]
    pub status: u16,
    /// Text the body must contain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_contains: Option<String>,
    /// The body must be JSON.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub json: bool,
    /// Per-attempt timeout in milliseconds; default 2000.
    #[serde(default = "default_timeout_ms")]
    pub timeout_ms: u64,
    /// Extra attempts after the first fails to connect; default 2 (max 10).
    #[serde(default = "default_retries")]
    pub retries: u8,
}

fn default_status() -> u16 {
    200
}
fn default_timeout_ms() -> u64 {
    2000
}
fn default_retries() -> u8 {
    2
}

/// `kind = "exec"`: runs exactly `command` (no shell unless the lesson declares one).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExecCheck {
    /// Container name.
    pub container: String,
    /// Command and arguments, e.g. `["psql", "-U", "postgres", "-c", "select 1"]`.
    pub command: Vec<String>,
    /// Expected exit code; default 0.
    #[serde(default)]
    pub exit_code: i64,
    /// Text the combined output must contain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_contains: Option<String>,
}

/// `kind = "file"`: a file in the learner's project folder (`--workdir`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FileCheck {
    /// Path relative to the project folder; `*` in the last component matches any name
    /// (`.github/workflows/*.yml`), and the check passes when any match passes.
    pub path: String,
    /// Texts the file must contain, all of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contains: Vec<String>,
    /// Ways of writing one thing, at least one of which the file must contain (`--host=0.0.0.0`
    /// or `--host 0.0.0.0`); a failure names the first. Empty: no such rule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contains_any: Vec<String>,
    /// The file must have content other than whitespace.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_empty: bool,
    /// The file must parse as YAML.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub yaml: bool,
}

/// `kind = "event"`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EventCheck {
    /// Object type: `container`, `image`, `network` or `volume`.
    pub object: EventObject,
    /// Daemon action: `start`, `stop`, `restart`, `rename`, `destroy`, `tag`, `create`...
    pub action: String,
    /// Object name (container name, image reference, network or volume name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// For containers: the image they were created from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// For containers: the container acted on existed before the step began (created earlier).
    /// Tells `docker start` of a stopped container from a new `docker run`, which also records
    /// a `start`. Ignored for other objects.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub existed_before_step: bool,
    /// For `exec_*` events: the program the learner ran (`psql`), the first word of the command
    /// the Engine reports with the action (`exec_start: psql -U postgres`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
}

/// Object types the events API reports on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventObject {
    /// Containers.
    Container,
    /// Images.
    Image,
    /// Networks.
    Network,
    /// Volumes.
    Volume,
}

/// `kind = "dockerfile"`: each rule set here must hold.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DockerfileCheck {
    /// Path relative to the project folder; default `Dockerfile`.
    #[serde(default = "default_dockerfile")]
    pub path: String,
    /// At least this many `FROM` stages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_stages: Option<u32>,
    /// Base image of the final stage, e.g. `scratch`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_from: Option<String>,
    /// No stage is based on an untagged or `:latest` image (`scratch` and earlier stages are fine).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_latest_base: bool,
    /// No two `RUN` instructions in a row.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub combined_runs: bool,
    /// The final stage switches to a user other than root.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub non_root_user: bool,
    /// Instructions that must appear, in this order (other instructions may sit between them),
    /// e.g. `["COPY requirements.txt", "RUN pip", "COPY . ."]`; each is matched as a prefix of the
    /// instruction line, keyword case-insensitive.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub order: Vec<String>,
    /// The packages of every package-manager install in a `RUN` (`apt-get install`, `apt
    /// install`, `apk add`, `dnf`/`yum install`) are listed in alphabetical order.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sorted_packages: bool,
}

fn default_dockerfile() -> String {
    "Dockerfile".into()
}

/// `kind = "quiz"`: the question and its numbered options are written in the step's prose
/// (an ordered list with `choices` items, in each language); the answer is the same everywhere.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct QuizCheck {
    /// How many options the prose lists.
    pub choices: u8,
    /// The right option, counting from 1.
    pub answer: u8,
}

/// `kind = "log"`. Exactly one of `name`, `image` or `compose_service` selects the container, as
/// for `container` checks; passes when any selected container logged a matching line since the
/// step began.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LogCheck {
    /// Container name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Image reference the container was created from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Compose service name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compose_service: Option<String>,
    /// Compose project for `compose_service`; default: the project folder's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compose_project: Option<String>,
    /// A regular expression one log line must match, e.g. `"GET /initdb HTTP/1\\.[01]" 200`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// A request the learner sends, `METHOD /path` (`GET /initdb`), found in the server's access
    /// log and passing when it was answered 200; the checker never sends it itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<String>,
}

impl LogCheck {
    /// How this check finds its container.
    pub fn select(&self) -> ContainerSelect {
        ContainerSelect::from_fields(
            &self.name,
            &self.image,
            &self.compose_service,
            &self.compose_project,
        )
    }
}
