//! When a check's verdict may have changed, by kind: which daemon events, which file changes,
//! which evidence nothing announces (polled). The trainer re-checks the current step by these
//! rules, so a new check kind says here what wakes it.

use super::{verdict, Check};

impl Check {
    /// Whether a daemon event (`object`: `container`, `image`...; `action`: `start`,
    /// `exec_start: psql ...`...) could change the verdict. `exec_*` events count only for an
    /// `event` check that asks for them: the checker causes them itself (declared `exec`
    /// checks), and a learner's `docker exec` changes nothing another check looks at.
    pub fn woken_by(&self, object: &str, action: &str) -> bool {
        if let Check::Event(e) = self {
            // A lesson may ask for the learner's own `docker exec` (an `exec_start` event).
            return object == verdict::object_name(e.object)
                && verdict::action_base(action) == e.action;
        }
        if action.starts_with("exec_") {
            return false;
        }
        match self {
            Check::Image(_) => object == "image",
            Check::Container(_) | Check::Compose(_) | Check::Exec(_) | Check::Http(_) => {
                object == "container" || object == "network"
            }
            Check::Log(_) => object == "container",
            Check::Network(_) => object == "network",
            Check::Volume(_) => object == "volume",
            Check::Event(_) => false, // answered above
            Check::Swarm(_) => true,
            Check::File(_) | Check::Dockerfile(_) | Check::Quiz(_) => false,
        }
    }

    /// Whether a change in the learner's folder could change the verdict.
    pub fn woken_by_files(&self) -> bool {
        matches!(self, Check::File(_) | Check::Dockerfile(_))
    }

    /// Whether the evidence is something no event announces (a request in a log, a server
    /// answering), so the check is asked again every few seconds.
    pub fn polled(&self) -> bool {
        matches!(self, Check::Log(_) | Check::Http(_))
    }
}
