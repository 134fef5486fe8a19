//! A step done stays done. The course undoes its own states (lesson 2 removes its container,
//! lesson 5 stops lesson 4's, lesson 12 leaves the swarm), so grading after class cannot judge
//! a finished step by the daemon's state now. A step the learner's progress file counts as done
//! (in order) is reported done: **observed** when the grader can still see what the trainer saw
//! when it passed (the image id exists, the container id is on the daemon or in its events),
//! **claimed** when only the progress file says so, and **contradicted** when the daemon's own
//! history covers the step and shows no trace of the recorded objects. A ledger (`--ledger`)
//! that saw the recorded ids prove a pass counts as the daemon's memory.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use crate::check::{Basis, Check, Recorded, Status};
use crate::check::{Evidence, StepResult};
use crate::course::Course;
use crate::docker::Daemon;
use crate::facts::EventFacts;
use crate::key::StepKey;
use crate::session::{Session, StepState};

/// The recorded steps among `results`, each with its basis.
pub async fn confirm(
    session: &Session,
    course: &Course,
    results: &[StepResult],
    daemon: &Daemon,
    workdir: &Path,
    in_ledger: &HashSet<String>,
) -> BTreeMap<StepKey, Recorded> {
    let progress = session.progress();
    let mut history: Option<History> = None;
    let mut out = BTreeMap::new();
    for r in results {
        let key = r.key();
        if session.state(course, &key) != StepState::Done {
            continue;
        }
        let Some(&at) = progress.completed.get(&key) else {
            continue;
        };
        // A quiz passes on the learner's own answer, in the same file: that is a claim.
        let seen = r.checks.iter().any(|c| !matches!(c.check, Check::Quiz(_)));
        let basis = if r.status() == Status::Passed {
            if seen {
                Basis::Observed
            } else {
                Basis::Claimed
            }
        } else {
            let evidence = progress.evidence.get(&key).map_or(&[][..], Vec::as_slice);
            if evidence.is_empty() {
                Basis::Claimed
            } else {
                if history.is_none() {
                    history = Some(History::read(daemon, progress.started.unwrap_or(0)).await);
                }
                let h = history.get_or_insert_with(History::empty);
                let began = match session.beginning(course, &key) {
                    crate::check::Beginning::At(t) => t,
                    crate::check::Beginning::After(_) => at,
                };
                judge(evidence, began, daemon, workdir, h, in_ledger).await
            }
        };
        out.insert(key, Recorded { at, basis });
    }
    out
}

/// What the daemon remembers: the ids its events name, and from when it remembers everything
/// (it keeps its last events only, and none from before it started).
struct History {
    actors: HashSet<String>,
    /// The oldest event returned; `None` when none could be read.
    oldest: Option<i64>,
}

impl History {
    fn empty() -> History {
        History {
            actors: HashSet::new(),
            oldest: None,
        }
    }

    async fn read(daemon: &Daemon, since: i64) -> History {
        match daemon.events(&[], &[], since).await {
            Ok(events) => History::of(&events),
            Err(_) => History::empty(),
        }
    }

    fn of(events: &[EventFacts]) -> History {
        History {
            actors: events.iter().map(|e| e.actor_id.clone()).collect(),
            oldest: events.iter().map(|e| e.time).min(),
        }
    }

    /// Whether every event since `t` is known.
    fn covers(&self, t: i64) -> bool {
        self.oldest.is_some_and(|o| o <= t)
    }
}

async fn judge(
    evidence: &[Evidence],
    began: i64,
    daemon: &Daemon,
    workdir: &Path,
    history: &History,
    in_ledger: &HashSet<String>,
) -> Basis {
    let mut observed = false;
    let mut contradicted = false;
    for e in evidence {
        let mut ids: Vec<(&str, bool)> = Vec::new();
        if let Some(id) = &e.image_id {
            let exists = matches!(daemon.image(id).await, Ok(Some(i)) if &i.id == id);
            ids.push((id, exists));
        }
        if let Some(id) = &e.container_id {
            let exists = matches!(daemon.container(id).await, Ok(Some(_)));
            ids.push((id, exists));
        }
        if let Some(id) = &e.network_id {
            let exists = match &e.network_name {
                Some(n) => matches!(daemon.network(n).await, Ok(Some(x)) if &x.id == id),
                None => false,
            };
            ids.push((id, exists));
        }
        if let Some(id) = e
            .event_actor
            .as_ref()
            .filter(|a| Some(*a) != e.container_id.as_ref())
        {
            // A container's id, an image's, a network's or a volume's name.
            let exists = matches!(daemon.container(id).await, Ok(Some(_)))
                || matches!(daemon.image(id).await, Ok(Some(_)));
            ids.push((id, exists));
        }
        for (id, exists) in ids {
            // A ledger that saw this id prove a pass remembers what the daemon forgot.
            if exists || history.actors.contains(id) || in_ledger.contains(id) {
                observed = true;
            } else if history.covers(began) {
                contradicted = true;
            }
        }
        if let Some(v) = &e.volume {
            observed |= in_ledger.contains(&format!("volume:{v}"))
                || matches!(daemon.volume_exists(v).await, Ok(true));
        }
        if let Some(f) = &e.file {
            observed |= in_ledger.contains(&format!("file:{f}")) || workdir.join(f).is_file();
        }
    }
    if contradicted {
        Basis::Contradicted
    } else if observed {
        Basis::Observed
    } else {
        Basis::Claimed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(actor: &str, time: i64) -> EventFacts {
        EventFacts {
            object: "container".into(),
            action: "destroy".into(),
            actor_id: actor.into(),
            attributes: Default::default(),
            time,
        }
    }

    #[test]
    fn history_covers_only_from_its_oldest_event() {
        let h = History::of(&[ev("a", 200), ev("b", 100)]);
        assert!(h.covers(100) && h.covers(150));
        assert!(
            !h.covers(99),
            "before the oldest event the daemon may have forgotten"
        );
        assert!(!History::empty().covers(i64::MAX));
        assert!(h.actors.contains("a") && h.actors.contains("b"));
    }
}
