//! Grading for instructors: evaluates a course's checkpoints against one learner's daemon (or a
//! roster of them, concurrently) and gathers what the [`crate::report`] printers need. Read-only
//! like every check; one host's trouble (refused, hung) never holds up another past `timeout`.

pub mod class;
pub mod recorded;
mod requests;
pub mod roster;
pub mod summary;
pub mod witness;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::cascade;
use crate::check::Recorded;
use crate::check::{Answers, Beginning, StepResult};
use crate::check::{Check, ContainerState, Outcome, Unverifiable};
use crate::checker::Checker;
use crate::course::Course;
use crate::docker::endpoint::{Endpoint, Origin, Resolved};
use crate::docker::Daemon;
use crate::key::StepKey;
use crate::report::DaemonId;
use crate::session::{Session, StepState};
use witness::Witness;

/// One learner to grade.
#[derive(Debug, Clone)]
pub struct Target {
    /// The roster's name (empty for a single grade: the daemon's host name is used).
    pub name: String,
    /// Where their daemon is.
    pub resolved: Resolved,
    /// Their progress file (quiz answers, when each step began).
    pub progress: Option<PathBuf>,
    /// Their project folder, when the instructor can read it.
    pub workdir: Option<PathBuf>,
    /// The language of their feedback, when the roster sets one.
    pub lang: Option<crate::lang::Lang>,
    /// The roster's other columns (student id, e-mail...), in roster order, for the exports.
    pub fields: Vec<(String, String)>,
}

/// What is graded, the same for every learner.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The course.
    pub course: Course,
    /// Lesson ids to grade, in course order.
    pub lessons: Vec<String>,
    /// `--since`: when every step began, when no progress file says.
    pub since: Option<i64>,
    /// Per host: connecting and the whole grading.
    pub timeout: Duration,
    /// `--ledger`: what it already holds (its evidence makes a recorded step observed when the
    /// daemon has forgotten it), and where each new grading is remembered.
    pub ledger: Option<std::sync::Arc<dyn Memory>>,
}

impl Plan {
    /// Whether a daemon event could change a verdict of the graded lessons (the trainer's
    /// re-check rule, [`Check::woken_by`]): the board regrades a host only for those.
    pub fn woken_by(&self, object: &str, action: &str) -> bool {
        self.course
            .steps()
            .filter(|(l, _)| self.lessons.contains(&l.id))
            .flat_map(|(_, s)| &s.checks)
            .any(|c| c.woken_by(object, action))
    }
}

/// Where grading keeps the evidence a daemon forgets (`--ledger`; `ledger::Writer` is the one):
/// grading asks it what it saw, and the board hands it each grading. How it keeps them is its own.
pub trait Memory: std::fmt::Debug + Send + Sync {
    /// The ids (objects, `volume:NAME`, `file:PATH`) it saw prove a pass for this learner.
    fn ids(&self, learner: &str) -> std::collections::HashSet<String>;
    /// Remembers a grading's changes; a failure is kept and reported when grading ends.
    fn remember(&self, graded: &Graded);
}

/// One learner's grading, before it is localized into a report.
#[derive(Debug, Clone)]
pub struct Graded {
    /// The roster name, or the daemon's host name.
    pub name: String,
    /// The host as written.
    pub host: String,
    /// Who answered.
    pub daemon: Option<DaemonId>,
    /// Why the host was not graded.
    pub problem: Option<Unverifiable>,
    /// Verdicts in course order.
    pub results: Vec<StepResult>,
    /// The steps their progress file counts as done, and how the grader knows.
    pub recorded: BTreeMap<StepKey, Recorded>,
    /// Wall time.
    pub duration: Duration,
    /// The language of their feedback, when the roster sets one.
    pub lang: Option<crate::lang::Lang>,
    /// The roster's other columns, for the exports.
    pub fields: Vec<(String, String)>,
}

impl Graded {
    /// Into a report entry, in the learner's language when the roster sets one, else the
    /// reader's.
    pub fn learner(&self, plan: &Plan, tr: &crate::i18n::Tr) -> crate::report::Learner {
        let own;
        let tr = match self.lang {
            Some(l) if l != tr.lang() => {
                own = crate::i18n::Tr::new(l);
                &own
            }
            _ => tr,
        };
        let mut learner = crate::report::Learner::graded(
            &self.name,
            &self.host,
            self.daemon.clone(),
            self.problem.clone(),
            &plan.course,
            &plan.lessons,
            &self.results,
            &self.recorded,
            self.duration.as_millis() as u64,
            tr,
        );
        learner.roster = crate::report::Columns(self.fields.clone());
        learner
    }
}

/// Parses a roster host (`unix://`, `tcp://`, `https://`) into an endpoint; TLS material from a
/// directory holding `ca.pem`, `cert.pem`, `key.pem`. `ssh://` needs bollard's `ssh` feature,
/// which this build does not enable: it is reported as an unsupported scheme.
pub fn endpoint(host: &str, tls: Option<&std::path::Path>) -> Resolved {
    let tls_files = tls.map(|d| crate::docker::endpoint::TlsFiles {
        ca: d.join("ca.pem"),
        cert: d.join("cert.pem"),
        key: d.join("key.pem"),
    });
    let endpoint = if let Some(p) = host.strip_prefix("unix://") {
        Endpoint::Unix(PathBuf::from(p))
    } else if let Some(a) = host
        .strip_prefix("tcp://")
        .or_else(|| host.strip_prefix("http://"))
        .or_else(|| host.strip_prefix("https://"))
    {
        Endpoint::Tcp {
            addr: a.trim_end_matches('/').to_string(),
            tls: tls_files,
        }
    } else if host.starts_with('/') {
        Endpoint::Unix(PathBuf::from(host))
    } else {
        Endpoint::Unsupported(host.to_string())
    };
    Resolved {
        endpoint,
        origin: Origin::DockerHost,
        host: host.to_string(),
    }
}

/// Grades one learner: connect, ask who the daemon is, run every step of the plan in one
/// round, all under `plan.timeout`.
pub async fn grade(target: &Target, plan: &Plan) -> Graded {
    grade_seen(target, plan, &mut Witness::default(), None).await
}

/// [`grade`], remembering across calls (the live board) which containers were seen exist.
/// `on`: the daemon already connected (the board follows it), else a connection is opened.
pub async fn grade_seen(
    target: &Target,
    plan: &Plan,
    witness: &mut Witness,
    on: Option<&Daemon>,
) -> Graded {
    let start = Instant::now();
    let host = target.resolved.host.clone();
    let work = async {
        let d = match on {
            Some(d) => d.clone(),
            None => crate::docker::connect(&target.resolved, plan.timeout).await?,
        };
        let identity = d.identity().await.ok();
        let daemon = DaemonId::new(&d.info, identity.as_ref());
        let known = match &plan.ledger {
            Some(l) => l.ids(&learner_name(target, identity.as_ref(), &host)),
            None => Default::default(),
        };
        let (results, recorded) = evaluate(&plan.course, plan, target, d, witness, &known).await;
        Ok::<_, Unverifiable>((daemon, identity, results, recorded))
    };
    let (daemon, identity, results, recorded, problem) =
        match tokio::time::timeout(plan.timeout, work).await {
            Ok(Ok((d, i, r, rec))) => (Some(d), i, r, rec, None),
            Ok(Err(u)) => (None, None, Vec::new(), BTreeMap::new(), Some(u)),
            Err(_) => (
                None,
                None,
                Vec::new(),
                BTreeMap::new(),
                Some(Unverifiable::DaemonTimeout { host: host.clone() }),
            ),
        };
    let name = learner_name(target, identity.as_ref(), &host);
    Graded {
        name,
        host,
        daemon,
        problem,
        results,
        recorded,
        duration: start.elapsed(),
        lang: target.lang,
        fields: target.fields.clone(),
    }
}

/// The roster's name, else the daemon's host name, else the host as written.
fn learner_name(target: &Target, identity: Option<&crate::docker::Identity>, host: &str) -> String {
    match (&target.name, identity) {
        (n, _) if !n.is_empty() => n.clone(),
        (_, Some(i)) if !i.name.is_empty() => i.name.clone(),
        _ => host.to_string(),
    }
}

async fn evaluate(
    course: &Course,
    plan: &Plan,
    target: &Target,
    daemon: crate::docker::Daemon,
    witness: &mut Witness,
    in_ledger: &std::collections::HashSet<String>,
) -> (Vec<StepResult>, BTreeMap<StepKey, Recorded>) {
    let keys: Vec<StepKey> = course
        .steps()
        .filter(|(l, _)| plan.lessons.contains(&l.id))
        .map(|(l, s)| StepKey::new(&l.id, &s.id))
        .collect();
    let workdir = target
        .workdir
        .clone()
        .unwrap_or_else(|| PathBuf::from("/nonexistent/pracdocker-grade-no-workdir"));
    let checker =
        Checker::new(Ok(daemon.clone()), workdir.clone()).serving_at(target.resolved.remote_host());
    // With a progress file, the learner moves forward as `check` would move them (in memory:
    // the grader never writes it), so work done outside the trainer counts, in order.
    let mut session = target
        .progress
        .as_deref()
        .map(|p| Session::read(p).map(|s| Session::detached(s.progress().clone())));
    if let Some(Ok(s)) = &mut session {
        cascade::run(s, course, &checker, None, None).await;
    }
    let (answers, beginnings, known): (Answers, Vec<Beginning>, bool) = match &session {
        Some(Ok(s)) => (s.answers(), s.beginnings(course, &keys, plan.since), true),
        other => {
            let why = match other {
                Some(Err(e)) => Unverifiable::ProgressUnreadable {
                    error: e.to_string(),
                },
                _ => Unverifiable::NoProgress,
            };
            let b = keys
                .iter()
                .map(|k| {
                    plan.since
                        .map_or_else(|| Beginning::After(k.clone()), Beginning::At)
                })
                .collect();
            (Err(why), b, plan.since.is_some())
        }
    };
    // With a progress file, a step after the learner's current one has not begun: it is not
    // evaluated (no request, no absence credited), as in the trainer.
    let locked: Vec<Option<StepKey>> = match &session {
        Some(Ok(s)) => keys
            .iter()
            .map(|k| match s.state(course, k) {
                StepState::Locked => s.current(course),
                _ => None,
            })
            .collect(),
        _ => vec![None; keys.len()],
    };
    let by_progress = matches!(&session, Some(Ok(_)));
    let mut results = requests::evaluate(
        course,
        &checker,
        &keys,
        &beginnings,
        &locked,
        by_progress,
        &answers,
    )
    .await;
    for r in &mut results {
        for c in &mut r.checks {
            let missing = if !known && needs_beginning(&c.check) {
                Some(Unverifiable::NoBeginning)
            } else if target.workdir.is_none() && needs_workdir(&c.check) {
                Some(Unverifiable::NoWorkdir)
            } else {
                None
            };
            if let Some(u) = missing {
                c.outcome = Outcome::Unknown(u);
                c.evidence = None;
            }
        }
    }
    if session.is_none() && Witness::wanted(&results) {
        let since = plan.since.unwrap_or(0);
        match daemon
            .events(&["container"], &["destroy", "die"], since)
            .await
        {
            Ok(gone) => witness.settle(&mut results, &gone, &workdir),
            Err(u) => {
                // Without the history an absence cannot be told from "never made".
                for c in results.iter_mut().flat_map(|r| &mut r.checks) {
                    if matches!(&c.check, Check::Container(x) if x.state == ContainerState::Absent)
                        && c.outcome == Outcome::Passed
                    {
                        c.outcome = Outcome::Unknown(u.clone());
                        c.evidence = None;
                    }
                }
            }
        }
    }
    let recorded = match &session {
        Some(Ok(s)) => recorded::confirm(s, course, &results, &daemon, &workdir, in_ledger).await,
        _ => BTreeMap::new(),
    };
    (results, recorded)
}

/// Checks that look at what happened since the step began.
pub fn needs_beginning(c: &Check) -> bool {
    match c {
        Check::Event(_) | Check::Log(_) => true,
        Check::Image(i) => i.built_during_step,
        _ => false,
    }
}

/// Checks that read the learner's folder (or take their project name from it).
pub fn needs_workdir(c: &Check) -> bool {
    match c {
        Check::File(_) | Check::Dockerfile(_) => true,
        Check::Compose(x) => x.project.is_none(),
        Check::Container(x) => x.compose_service.is_some() && x.compose_project.is_none(),
        Check::Log(x) => x.compose_service.is_some() && x.compose_project.is_none(),
        _ => false,
    }
}

#[cfg(test)]
mod tests;
