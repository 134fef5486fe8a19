//! The check vocabulary lesson authors write in `lesson.toml`: what must be true, never how to
//! find out. Unknown kinds and unknown fields are rejected so a typo is a lint error, not a check
//! that silently passes.

mod activity;
mod objects;

pub use activity::*;
pub use objects::*;

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
