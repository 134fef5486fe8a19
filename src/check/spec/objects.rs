//! The checks on Docker objects: images, containers (with their ports, mounts and environment),
//! networks, volumes, Compose projects and the swarm.

use bytesize::ByteSize;
use serde::{Deserialize, Serialize};

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
    /// No port is published on the host (run without `-p`): a step that shows what happens
    /// before a port is published.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_published_ports: bool,
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

impl ContainerState {
    /// The state asked for is `running`.
    pub fn is_running(self) -> bool {
        self == ContainerState::Running
    }
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
