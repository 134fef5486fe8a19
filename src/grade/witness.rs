//! What a grader has seen exist. Without a progress file nobody knows whether a learner removed
//! a container or never made it, so a check that a container is absent credits the learner
//! only when the container was seen: earlier in this run (the board remembers), or through a
//! `destroy`/`die` event of it in the daemon's history. A new learner on a daemon without the
//! course's objects has nothing passed.

use std::collections::HashSet;

use crate::check::verdict::{PROJECT_LABEL, SERVICE_LABEL};
use crate::check::StepResult;
use crate::check::{Check, ContainerSelect, ContainerState, Outcome, Reason};
use crate::checker::default_project;
use crate::facts::EventFacts;

/// Container selectors seen matching a container, for the life of one grading run.
#[derive(Debug, Default, Clone)]
pub struct Witness {
    seen: HashSet<String>,
}

impl Witness {
    /// Whether any absence check is among the results (the events query is needed then).
    pub fn wanted(results: &[StepResult]) -> bool {
        results
            .iter()
            .flat_map(|r| &r.checks)
            .any(|c| absence(&c.check).is_some())
    }

    /// Remembers the containers these results found, then withdraws every absence passed
    /// for a container neither seen nor in `gone` (the daemon's `destroy`/`die` events).
    pub fn settle(
        &mut self,
        results: &mut [StepResult],
        gone: &[EventFacts],
        workdir: &std::path::Path,
    ) {
        for c in results.iter().flat_map(|r| &r.checks) {
            let Check::Container(cc) = &c.check else {
                continue;
            };
            let found = match (&c.outcome, cc.state) {
                (Outcome::Failed(Reason::ContainerPresent { .. }), _) => true,
                (Outcome::Passed, ContainerState::Absent) => false,
                (Outcome::Passed, _) => true,
                _ => false,
            };
            if found {
                self.seen.insert(key(&cc.select(), workdir));
            }
        }
        for c in results.iter_mut().flat_map(|r| &mut r.checks) {
            let Some(select) = absence(&c.check) else {
                continue;
            };
            if c.outcome != Outcome::Passed
                || self.seen.contains(&key(&select, workdir))
                || gone.iter().any(|e| matches(&select, e, workdir))
            {
                continue;
            }
            let (_, selector) = crate::check::verdict::selector_of(&select);
            c.outcome = Outcome::Failed(Reason::NeverSeen {
                container: selector,
            });
            c.evidence = None;
        }
    }
}

/// The selector of a check that a container is absent.
fn absence(c: &Check) -> Option<ContainerSelect> {
    match c {
        Check::Container(cc) if cc.state == ContainerState::Absent => Some(cc.select()),
        _ => None,
    }
}

fn key(s: &ContainerSelect, workdir: &std::path::Path) -> String {
    match s {
        ContainerSelect::Name(n) => format!("name:{}", n.trim_start_matches('/')),
        ContainerSelect::Image(i) => format!("image:{}", crate::check::reference::normalize(i)),
        ContainerSelect::Service { project, service } => {
            let p = project.clone().unwrap_or_else(|| default_project(workdir));
            format!("service:{p}/{service}")
        }
    }
}

/// Whether a container event is about a container the selector names.
fn matches(s: &ContainerSelect, e: &EventFacts, workdir: &std::path::Path) -> bool {
    let attr = |k: &str| e.attributes.get(k).map(String::as_str);
    e.object == "container"
        && match s {
            ContainerSelect::Name(n) => attr("name") == Some(n.trim_start_matches('/')),
            ContainerSelect::Image(i) => attr("image").is_some_and(|x| {
                crate::check::reference::normalize(x) == crate::check::reference::normalize(i)
            }),
            ContainerSelect::Service { project, service } => {
                let p = project.clone().unwrap_or_else(|| default_project(workdir));
                attr(PROJECT_LABEL) == Some(p.as_str()) && attr(SERVICE_LABEL) == Some(service)
            }
        }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::CheckResult;
    use crate::check::ContainerCheck;
    use std::collections::HashMap;
    use std::path::Path;

    fn absent(name: &str) -> StepResult {
        StepResult {
            lesson: "05".into(),
            step: "down".into(),
            checks: vec![CheckResult {
                check: Check::Container(ContainerCheck {
                    name: Some(name.into()),
                    state: ContainerState::Absent,
                    ..Default::default()
                }),
                outcome: Outcome::Passed,
                evidence: None,
            }],
        }
    }

    fn destroyed(name: &str) -> EventFacts {
        EventFacts {
            object: "container".into(),
            action: "destroy".into(),
            actor_id: "abc".into(),
            attributes: HashMap::from([("name".to_string(), name.to_string())]),
            time: 1,
        }
    }

    #[test]
    fn an_absence_counts_only_for_a_container_seen_or_removed() {
        let wd = Path::new("/w");
        let mut w = Witness::default();
        let mut never = vec![absent("db")];
        assert!(Witness::wanted(&never));
        w.settle(&mut never, &[], wd);
        assert_eq!(
            never[0].checks[0].outcome,
            Outcome::Failed(Reason::NeverSeen {
                container: "db".into()
            })
        );
        let mut removed = vec![absent("db")];
        w.settle(&mut removed, &[destroyed("other"), destroyed("db")], wd);
        assert_eq!(removed[0].checks[0].outcome, Outcome::Passed);

        // Seen present in an earlier round of the board, gone now without an event left.
        let mut present = absent("db");
        present.checks[0].outcome = Outcome::Failed(Reason::ContainerPresent {
            container: "db".into(),
            state: "running".into(),
        });
        w.settle(&mut [present], &[], wd);
        let mut later = vec![absent("db")];
        w.settle(&mut later, &[], wd);
        assert_eq!(later[0].checks[0].outcome, Outcome::Passed);
    }
}
