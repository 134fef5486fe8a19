//! Reads facts from the Engine API (the conversions from bollard's models are in `convert.rs`). Read-only:
//! the only write-like call is `exec`, and it runs only the command a lesson declares.

use std::collections::HashMap;
use std::time::Duration;

use bollard::errors::Error as BollardError;
use bollard::models::ExecConfig;
use bollard::query_parameters::{EventsOptions, ListContainersOptions, LogsOptions};
use futures_util::{future::join_all, StreamExt};

use super::connect::Daemon;
use super::convert::{container_facts, is_404, parse_time, status_of, timed_lines};
use crate::check::verdict::ExecResult;
use crate::check::Unverifiable;
use crate::facts::{
    ContainerFacts, EventFacts, ExecFacts, ImageFacts, ListedContainer, LogLine, NetworkFacts,
};

/// How long a streamed call (exec output, events) may take; bollard's own timeout covers only
/// the response headers.
const STREAM_TIMEOUT: Duration = Duration::from_secs(20);

/// How much of an exec'd command's output is kept for `output_contains`.
const MAX_EXEC_OUTPUT: usize = 64 * 1024;

/// How much of a container's log (the newest part) a `log` check looks at.
pub const MAX_LOG: usize = 1024 * 1024;

type Res<T> = Result<T, Unverifiable>;

impl Daemon {
    /// An image by reference; `None` when absent.
    pub async fn image(&self, reference: &str) -> Res<Option<ImageFacts>> {
        match self.docker.inspect_image(reference).await {
            Ok(i) => Ok(Some(ImageFacts {
                id: i.id.unwrap_or_default(),
                size: i.size.unwrap_or(0).max(0) as u64,
                user: i.config.and_then(|c| c.user).unwrap_or_default(),
                created: i.created.as_deref().map_or(0, parse_time),
            })),
            Err(e) if is_404(&e) => Ok(None),
            Err(e) => Err(self.api_error(e)),
        }
    }

    /// A container by name; `None` when absent.
    pub async fn container(&self, name: &str) -> Res<Option<ContainerFacts>> {
        match self.docker.inspect_container(name, None).await {
            Ok(c) => {
                let facts = container_facts(c);
                // The API also matches id prefixes; a lesson means the name.
                Ok(
                    (facts.name == name.trim_start_matches('/') || facts.id == name)
                        .then_some(facts),
                )
            }
            Err(e) if is_404(&e) => Ok(None),
            Err(e) => Err(self.api_error(e)),
        }
    }

    /// Every container, any state, as the list endpoint shows it (one call).
    pub async fn list_containers(&self) -> Res<Vec<ListedContainer>> {
        let opts = ListContainersOptions {
            all: true,
            ..Default::default()
        };
        let list = self
            .docker
            .list_containers(Some(opts))
            .await
            .map_err(|e| self.api_error(e))?;
        Ok(list
            .into_iter()
            .map(|c| ListedContainer {
                id: c.id.unwrap_or_default(),
                names: c
                    .names
                    .unwrap_or_default()
                    .into_iter()
                    .map(|n| n.trim_start_matches('/').to_string())
                    .collect(),
                image_ref: c.image.unwrap_or_default(),
                image_id: c.image_id.unwrap_or_default(),
                state: c.state.map(|s| s.to_string()).unwrap_or_default(),
                host_ports: c
                    .ports
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|p| p.public_port)
                    .collect(),
                labels: c.labels.unwrap_or_default(),
            })
            .collect())
    }

    /// Inspects containers by id, concurrently; ones removed meanwhile are left out.
    pub async fn inspect_containers(&self, ids: &[String]) -> Res<Vec<ContainerFacts>> {
        let found = join_all(ids.iter().map(|id| self.docker.inspect_container(id, None))).await;
        let mut out = Vec::new();
        for r in found {
            match r {
                Ok(c) => out.push(container_facts(c)),
                Err(e) if is_404(&e) => {} // removed meanwhile
                Err(e) => return Err(self.api_error(e)),
            }
        }
        Ok(out)
    }

    /// The lines a container wrote to stdout and stderr after `since` (nanoseconds since the
    /// epoch), each with the daemon's timestamp, reading at most the last `MAX_LOG` bytes.
    pub async fn logs(&self, id: &str, since: i64) -> Res<Vec<LogLine>> {
        let opts = LogsOptions {
            stdout: true,
            stderr: true,
            // The API takes whole seconds; the lines of that second are sorted out below.
            since: crate::clock::secs(since).try_into().unwrap_or(0),
            timestamps: true,
            ..Default::default()
        };
        let mut stream = self.docker.logs(id, Some(opts));
        let mut text = String::new();
        let read = async {
            while let Some(chunk) = stream.next().await {
                match chunk {
                    Ok(c) => text.push_str(&c.to_string()),
                    Err(e) if is_404(&e) => break, // removed meanwhile: nothing more to read
                    Err(e) => return Err(self.api_error(e)),
                }
                if text.len() > 2 * MAX_LOG {
                    let cut = text.len() - MAX_LOG;
                    let cut = (cut..text.len())
                        .find(|i| text.is_char_boundary(*i))
                        .unwrap_or(text.len());
                    text.drain(..cut);
                }
            }
            Ok(())
        };
        match tokio::time::timeout(STREAM_TIMEOUT, read).await {
            Ok(r) => r.map(|_| timed_lines(&text, since)),
            Err(_) => Err(Unverifiable::DaemonTimeout {
                host: self.info.host.clone(),
            }),
        }
    }

    /// A network by name; `None` when absent.
    pub async fn network(&self, name: &str) -> Res<Option<NetworkFacts>> {
        match self.docker.inspect_network(name, None).await {
            Ok(n) => {
                let found = n.name.unwrap_or_default();
                Ok((found == name).then(|| NetworkFacts {
                    name: found,
                    id: n.id.unwrap_or_default(),
                    driver: n.driver.unwrap_or_default(),
                }))
            }
            Err(e) if is_404(&e) => Ok(None),
            Err(e) => Err(self.api_error(e)),
        }
    }

    /// Whether a volume exists.
    pub async fn volume_exists(&self, name: &str) -> Res<bool> {
        match self.docker.inspect_volume(name).await {
            Ok(_) => Ok(true),
            Err(e) if is_404(&e) => Ok(false),
            Err(e) => Err(self.api_error(e)),
        }
    }

    /// Runs `command` in a running container and waits for it.
    pub async fn exec(&self, container: &str, command: &[String]) -> Res<ExecResult> {
        match self.container(container).await? {
            None => return Ok(ExecResult::NoContainer),
            Some(c) if c.state != "running" => return Ok(ExecResult::NotRunning),
            Some(_) => {}
        }
        let config = ExecConfig {
            attach_stdout: Some(true),
            attach_stderr: Some(true),
            tty: Some(false),
            cmd: Some(command.to_vec()),
            ..Default::default()
        };
        let created = match self.docker.create_exec(container, config).await {
            Ok(c) => c,
            Err(e) if status_of(&e) == Some(409) => return Ok(ExecResult::NotRunning),
            Err(e) => return Err(self.api_error(e)),
        };
        let started = self
            .docker
            .start_exec(&created.id, None)
            .await
            .map_err(|e| self.api_error(e))?;
        let mut output = String::new();
        if let bollard::exec::StartExecResults::Attached {
            output: mut stream, ..
        } = started
        {
            let read = async {
                while let Some(Ok(chunk)) = stream.next().await {
                    // Keep what a check can look for; drain the rest so the command can finish.
                    if output.len() < MAX_EXEC_OUTPUT {
                        output.push_str(&chunk.to_string());
                    }
                }
            };
            if tokio::time::timeout(STREAM_TIMEOUT, read).await.is_err() {
                return Err(Unverifiable::DaemonTimeout {
                    host: self.info.host.clone(),
                });
            }
        }
        let inspected = self
            .docker
            .inspect_exec(&created.id)
            .await
            .map_err(|e| self.api_error(e))?;
        Ok(ExecResult::Ran(ExecFacts {
            exit_code: inspected.exit_code.unwrap_or(-1),
            output,
        }))
    }

    /// Events of the given object types and actions (an empty list: any) after `since` and up to
    /// now (nanoseconds since the epoch).
    pub async fn events(
        &self,
        objects: &[&str],
        actions: &[&str],
        since: i64,
    ) -> Res<Vec<EventFacts>> {
        let now = crate::clock::now();
        if since > now {
            return Ok(Vec::new()); // the step has not begun yet: nothing can have happened
        }
        // An empty list means "any": no filter for that key.
        let filters: HashMap<String, Vec<String>> = [("type", objects), ("event", actions)]
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect();
        let opts = EventsOptions {
            since: Some(crate::clock::docker_param(since)),
            // A fractional `until` in the past ends the stream at once; a whole-second one
            // would drop events in its last second, and a future one keeps the stream open.
            until: Some(crate::clock::docker_param(now)),
            filters: Some(filters),
        };
        let mut stream = self.docker.events(Some(opts));
        let mut out = Vec::new();
        let read = async {
            while let Some(item) = stream.next().await {
                let ev = item.map_err(|e| self.api_error(e))?;
                let ev = super::watch::event_facts(ev);
                // The query counts whole seconds; the step began at an instant.
                if ev.time > since {
                    out.push(ev);
                }
            }
            Ok::<(), Unverifiable>(())
        };
        match tokio::time::timeout(STREAM_TIMEOUT, read).await {
            Ok(r) => r.map(|_| out),
            Err(_) => Err(Unverifiable::DaemonTimeout {
                host: self.info.host.clone(),
            }),
        }
    }

    /// Swarm state: `active`, `inactive`, `pending`, `error`, `locked`.
    pub async fn swarm_state(&self) -> Res<String> {
        let info = self.docker.info().await.map_err(|e| self.api_error(e))?;
        let state = info
            .swarm
            .and_then(|s| s.local_node_state)
            .map(|s| s.to_string());
        Ok(state
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "inactive".into()))
    }

    fn api_error(&self, e: BollardError) -> Unverifiable {
        match e {
            BollardError::RequestTimeoutError => Unverifiable::DaemonTimeout {
                host: self.info.host.clone(),
            },
            BollardError::DockerResponseServerError { message, .. } => {
                Unverifiable::DaemonError { error: message }
            }
            other => Unverifiable::DaemonUnreachable {
                host: self.info.host.clone(),
                error: other.to_string(),
            },
        }
    }
}
