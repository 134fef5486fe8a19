//! What a step requires (`spec`), how a verdict is expressed (`outcome`, `evidence`, `result`),
//! and the pure rules that turn gathered facts into a verdict (`verdict`). Nothing here talks to
//! the daemon.

pub mod dockerfile_parse;
pub mod done;
mod evidence;
pub mod outcome;
mod recheck;
pub mod reference;
mod result;
pub mod spec;
pub mod verdict;

pub use done::{Basis, Recorded};
pub use evidence::Evidence;
pub use outcome::{Outcome, Reason, Selector, Status, Unverifiable};
pub use result::{Answers, Beginning, CheckResult, StepResult};
pub use spec::*;

impl Check {
    /// The kind, as written in `lesson.toml`.
    pub fn kind(&self) -> &'static str {
        match self {
            Check::Image(_) => "image",
            Check::Container(_) => "container",
            Check::Network(_) => "network",
            Check::Volume(_) => "volume",
            Check::Http(_) => "http",
            Check::Exec(_) => "exec",
            Check::File(_) => "file",
            Check::Compose(_) => "compose",
            Check::Event(_) => "event",
            Check::Dockerfile(_) => "dockerfile",
            Check::Quiz(_) => "quiz",
            Check::Swarm(_) => "swarm",
            Check::Log(_) => "log",
        }
    }

    /// True for kinds that ask the Docker daemon.
    pub fn needs_daemon(&self) -> bool {
        !matches!(
            self,
            Check::Http(_) | Check::File(_) | Check::Dockerfile(_) | Check::Quiz(_)
        )
    }

    /// The object the check looks at: a name, a URL or a path.
    pub fn target(&self) -> String {
        match self {
            Check::Image(c) => c.reference.clone(),
            Check::Container(c) => verdict::container_selector(c).1,
            Check::Network(c) => c.name.clone(),
            Check::Volume(c) => c.name.clone(),
            Check::Http(c) => c.url.clone(),
            Check::Exec(c) => c.container.clone(),
            Check::File(c) => c.path.clone(),
            Check::Compose(c) => c.project.clone().unwrap_or_default(),
            Check::Event(c) => c
                .name
                .clone()
                .or_else(|| c.image.clone())
                .unwrap_or_default(),
            Check::Dockerfile(c) => c.path.clone(),
            Check::Quiz(_) => String::new(),
            Check::Swarm(_) => String::new(),
            Check::Log(c) => match c.select() {
                ContainerSelect::Name(s) | ContainerSelect::Image(s) => s,
                ContainerSelect::Service { service, .. } => service,
            },
        }
    }
}
