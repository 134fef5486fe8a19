//! The check vocabulary lesson authors write in `lesson.toml`: what must be true, never how to
//! find out. Unknown kinds and unknown fields are rejected so a typo is a lint error, not a check
//! that silently passes.

use bytesize::ByteSize;
use serde::{Deserialize, Serialize};

/// One thing the daemon, the learner's folder, or the learner's answer must show.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Check {
    /// An image reference exists locally.
    Image(ImageCheck),
    /// A container, found by name, by image or by Compose service, is in the expected shape.
    Container(ContainerCheck),
    /// A network exists.
    Network(NetworkCheck),
    /// A named volume exists.
    Volume(VolumeCheck),
    /// A URL answers (on the learner's machine, usually a published port on localhost).
    Http(HttpCheck),
    /// A command declared here runs in a running container and succeeds.
    Exec(ExecCheck),
    /// A file exists in the learner's project folder.
    File(FileCheck),
    /// A Compose project runs the named services.
    Compose(ComposeCheck),
    /// The daemon reported an action on an object since the step began.
    Event(EventCheck),
    /// Best-practice rules on the learner's Dockerfile.
    Dockerfile(DockerfileCheck),
    /// The learner's answer to a multiple-choice question written in the lesson prose.
    Quiz(QuizCheck),
    /// The daemon takes part in a Docker Swarm (`docker swarm init`).
    Swarm(SwarmCheck),
    /// A container's own output (its log) shows a line since the step began: how a request the
    /// learner sent is confirmed without sending it again.
    Log(LogCheck),
}

/// `kind = "image"`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ImageCheck {
    /// Reference as the learner types it: `python-docker`, `python-docker:v1.0.0`. No tag means `latest`.
    pub reference: String,
    /// Another reference that must name the very same image id (a tag, not a copy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same_as: Option<String>,
    /// Largest accepted image size, e.g. `"50MB"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_size: Option<ByteSize>,
    /// The image's configured user must not be root (`""`, `root`, `0`, `0:0` count as root).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub non_root_user: bool,
    /// The image was created since the step began (a rebuild, e.g. with `--no-cache`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub built_during_step: bool,
}

/// `kind = "container"`. Exactly one of `name`, `image` or `compose_service` selects the
/// container; with `image` or `compose_service` the check passes when any match passes.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ContainerCheck {
    /// Container name, as given with `--name` (without the leading `/`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Image reference the container was created from (`python-docker` means `python-docker:latest`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Compose service name (`com.docker.compose.service` label).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compose_service: Option<String>,
    /// Compose project for `compose_service`; default: the project folder's name, as Compose derives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compose_project: Option<String>,
    /// Expected state; default `running`.
    #[serde(default)]
    pub state: ContainerState,
    /// A port published from the host to the container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<PortSpec>,
    /// A network the container must be attached to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<String>,
    /// A named volume mounted at a path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<VolumeMount>,
    /// Something (bind mount, secret, volume) mounted at this path inside the container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mount_at: Option<String>,
    /// Environment variables that must be set. Values are compared, never shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub env: Vec<EnvVar>,
    /// Environment variables that must not be set (a secret belongs in a file, not here).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub env_unset: Vec<String>,
    /// Started detached (`-d`): no stdout/stderr attached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detached: Option<bool>,
    /// Started with `--rm`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_remove: Option<bool>,
}

/// Container states a step can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ContainerState {
    /// Up and running (`docker ps` lists it).
    #[default]
    Running,
    /// Stopped but not removed.
    Exited,
    /// Exists, whatever its state.
    Present,
    /// No such container (removed).
    Absent,
}

/// `host → container/proto`, as in `-p 8000:5000`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PortSpec {
    /// Host port.
    pub host: u16,
    /// Container port.
    pub container: u16,
    /// `tcp` (default) or `udp`.
    #[serde(default = "default_proto")]
    pub proto: String,
}

fn default_proto() -> String {
    "tcp".into()
}

/// A named volume and where it is mounted, as in `--mount type=volume,src=db-data,target=/data`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VolumeMount {
    /// Volume name.
    pub name: String,
    /// Mount path inside the container.
    pub path: String,
}

/// An environment variable, with an optional expected value (compared, never printed).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EnvVar {
    /// Variable name.
    pub name: String,
    /// Expected value; when absent any non-empty value passes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// `kind = "network"`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NetworkCheck {
    /// Network name.
    pub name: String,
    /// Expected driver (`bridge`, `overlay`...); any when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub driver: Option<String>,
}

/// `kind = "volume"`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VolumeCheck {
    /// Volume name.
    pub name: String,
}

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
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FileCheck {
    /// Path relative to the project folder; `*` in the last component matches any name
    /// (`.github/workflows/*.yml`), and the check passes when any match passes.
    pub path: String,
    /// Texts the file must contain, all of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contains: Vec<String>,
    /// The file must have content other than whitespace.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_empty: bool,
    /// The file must parse as YAML.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub yaml: bool,
}

/// `kind = "compose"`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ComposeCheck {
    /// Project name; default: the project folder's name, as Compose derives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// Services that must have a running container.
    pub services: Vec<String>,
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

/// `kind = "swarm"`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SwarmCheck {
    /// Swarm mode must be active (`true`) or inactive (`false`); default `true`.
    #[serde(default = "default_true")]
    pub active: bool,
}

fn default_true() -> bool {
    true
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

/// How a `container` or `log` check finds its container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContainerSelect {
    /// By `--name`.
    Name(String),
    /// Created from this image reference.
    Image(String),
    /// A Compose service; the project defaults to the learner's folder name.
    Service {
        /// Explicit project, if any.
        project: Option<String>,
        /// Service name.
        service: String,
    },
}

impl ContainerSelect {
    /// The selector the fields name: the first of name, image, service (lint makes it unique).
    pub fn from_fields(
        name: &Option<String>,
        image: &Option<String>,
        service: &Option<String>,
        project: &Option<String>,
    ) -> ContainerSelect {
        match (name, image) {
            (Some(n), _) => ContainerSelect::Name(n.clone()),
            (None, Some(i)) => ContainerSelect::Image(i.clone()),
            (None, None) => ContainerSelect::Service {
                project: project.clone(),
                service: service.clone().unwrap_or_default(),
            },
        }
    }

    /// How many selectors the fields set (lint: exactly one).
    pub fn count(name: &Option<String>, image: &Option<String>, service: &Option<String>) -> usize {
        [name.is_some(), image.is_some(), service.is_some()]
            .iter()
            .filter(|b| **b)
            .count()
    }
}

impl ContainerCheck {
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
