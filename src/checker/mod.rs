//! The one checker: gathers the facts checks need (daemon, HTTP, files, answers) and hands them to
//! the pure verdicts. A [`Checker`] lives as long as its user (one `check` run, or the whole
//! trainer); each call to [`Checker::run`] is one round whose daemon facts are fetched once and
//! shared by every check of every step in it, all evaluated concurrently. Read-only: the only
//! thing it asks the daemon to do is run a lesson's declared `exec` command.

mod files;
mod fixed;
pub(crate) mod http;
mod round;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use futures_util::future::join_all;

use crate::check::verdict::{self, ExecResult};
use crate::check::{
    Answers, Beginning, Check, CheckResult, Evidence, Outcome, Reason, StepResult, Unverifiable,
};
use crate::course::{Lesson, Step};
use crate::docker::Daemon;
use crate::key::StepKey;
use round::Round;

pub use fixed::{evaluate, run_step, run_steps, Context};

/// One step to evaluate in a round.
#[derive(Debug, Clone, Copy)]
pub struct Job<'c> {
    /// Its lesson.
    pub lesson: &'c Lesson,
    /// The step.
    pub step: &'c Step,
    /// When it began.
    pub began: &'c Beginning,
}

/// Long-lived: the daemon connection, one HTTP client and the learner's folder.
#[derive(Clone)]
pub struct Checker {
    daemon: Result<Daemon, Unverifiable>,
    http: reqwest::Client,
    workdir: PathBuf,
    /// Where `localhost` in an `http` check is, when not this machine (a remote daemon's host).
    serving: Option<String>,
}

impl Checker {
    /// A checker over `daemon` (or the reason there is none) and the learner's folder.
    pub fn new(daemon: Result<Daemon, Unverifiable>, workdir: PathBuf) -> Checker {
        let http = reqwest::Client::builder()
            .no_proxy()
            .connect_timeout(Duration::from_secs(2))
            .build()
            .unwrap_or_default();
        Checker {
            daemon,
            http,
            workdir,
            serving: None,
        }
    }

    /// Probes `http` checks' `localhost` URLs on `host` instead: a learner's published ports
    /// are on their daemon's machine, not the grader's.
    pub fn serving_at(mut self, host: Option<String>) -> Checker {
        self.serving = host;
        self
    }

    /// The check as it is evaluated here (an `http` check pointed at [`Checker::serving_at`]).
    fn as_probed<'c>(&self, check: &'c Check) -> std::borrow::Cow<'c, Check> {
        let (Check::Http(h), Some(host)) = (check, &self.serving) else {
            return std::borrow::Cow::Borrowed(check);
        };
        match http::pointed_at(&h.url, host) {
            Some(url) => {
                std::borrow::Cow::Owned(Check::Http(crate::check::HttpCheck { url, ..h.clone() }))
            }
            None => std::borrow::Cow::Borrowed(check),
        }
    }

    /// Replaces the daemon (a connection made only once a step needs it).
    pub fn set_daemon(&mut self, daemon: Result<Daemon, Unverifiable>) {
        self.daemon = daemon;
    }

    /// The daemon, or why there is none.
    pub fn daemon(&self) -> Result<&Daemon, &Unverifiable> {
        self.daemon.as_ref()
    }

    /// The learner's folder.
    pub fn workdir(&self) -> &Path {
        &self.workdir
    }

    /// One round: every check of every job, concurrently, over one fact snapshot.
    pub async fn run(&self, jobs: &[Job<'_>], answers: &Answers) -> Vec<StepResult> {
        let round = Round::new(self, jobs);
        join_all(jobs.iter().map(|job| async {
            let key = StepKey::new(&job.lesson.id, &job.step.id);
            let probed: Vec<_> = job.step.checks.iter().map(|c| self.as_probed(c)).collect();
            let outcomes = join_all(
                probed
                    .iter()
                    .map(|c| self.evaluate(&round, &key, job.began, c, answers)),
            )
            .await;
            StepResult {
                lesson: job.lesson.id.clone(),
                step: job.step.id.clone(),
                checks: probed
                    .into_iter()
                    .zip(outcomes)
                    .map(|(check, (outcome, evidence))| CheckResult {
                        check: check.into_owned(),
                        outcome,
                        evidence,
                    })
                    .collect(),
            }
        }))
        .await
    }

    async fn evaluate(
        &self,
        round: &Round<'_>,
        key: &StepKey,
        began: &Beginning,
        check: &Check,
        answers: &Answers,
    ) -> (Outcome, Option<Evidence>) {
        match self.judge(round, key, began, check, answers).await {
            Ok((o, e)) => {
                let e = e.filter(|_| o == Outcome::Passed);
                (o, e)
            }
            Err(Judged::Unknown(u)) => (Outcome::Unknown(u), None),
            Err(Judged::Failed(r)) => (Outcome::Failed(r), None),
        }
    }

    /// Gathers the facts a check needs, judges them and says which of them proved a pass.
    async fn judge(
        &self,
        round: &Round<'_>,
        key: &StepKey,
        began: &Beginning,
        check: &Check,
        answers: &Answers,
    ) -> Result<(Outcome, Option<Evidence>), Judged> {
        let daemon = || self.daemon.as_ref().map_err(|u| Judged::Unknown(u.clone()));
        Ok(match check {
            Check::Http(c) => {
                let got = http::get(&self.http, round, c, self.serving.as_deref()).await;
                let ev = got.as_ref().ok().map(|r| Evidence {
                    http_status: Some(r.status),
                    ..Default::default()
                });
                (verdict::http(c, got.as_ref()), ev)
            }
            Check::File(c) => {
                let found = files::read_matching(&self.workdir, &c.path)?;
                let ev = verdict::file_passing(c, &found).map(|p| Evidence {
                    file: Some(p.to_string()),
                    at: files::modified(&self.workdir, p),
                    ..Default::default()
                });
                (verdict::file(c, &found), ev)
            }
            Check::Dockerfile(c) => {
                let found = files::read_matching(&self.workdir, &c.path)?;
                let first = found.first();
                let ev = first.map(|(p, _)| Evidence {
                    file: Some(p.clone()),
                    at: files::modified(&self.workdir, p),
                    ..Default::default()
                });
                (verdict::dockerfile(c, first.map(|(_, t)| t.as_str())), ev)
            }
            Check::Quiz(c) => {
                let answers = answers.as_ref().map_err(|u| Judged::Unknown(u.clone()))?;
                let chosen = answers.get(key).copied();
                let ev = chosen.map(|a| Evidence {
                    answer: Some(a),
                    ..Default::default()
                });
                (verdict::quiz(c, chosen), ev)
            }
            Check::Image(c) => {
                daemon()?;
                let since = match c.built_during_step {
                    true => began.time()?,
                    false => 0,
                };
                let found = round.image(&c.reference).await?;
                let other = match &c.same_as {
                    Some(o) => round.image(o).await?,
                    None => None,
                };
                let tagged = match (&found, c.built_during_step) {
                    (Some(f), true) => round.tagged(&c.reference, &f.id, since).await?,
                    _ => None,
                };
                let ev = found.as_ref().map(|f| Evidence {
                    at: tagged.or(Some(f.created)),
                    ..Evidence::image(&f.id)
                });
                let outcome = verdict::image(c, found.as_ref(), other.as_ref(), since, tagged);
                (outcome, ev)
            }
            Check::Container(c) => {
                daemon()?;
                let found = round.containers(&c.select()).await?;
                let ev = verdict::container_passing(c, &found).map(|f| Evidence {
                    // A state holds since it was reached: when the container started or stopped.
                    at: match f.state.as_str() {
                        "running" => Some(f.started),
                        "exited" | "dead" => Some(f.finished),
                        _ => None,
                    }
                    .filter(|t| *t > 0),
                    ..Evidence::container(f)
                });
                (verdict::container(c, &found), ev)
            }
            Check::Network(c) => {
                let found = daemon()?.network(&c.name).await?;
                let ev = found.as_ref().map(|n| Evidence {
                    network_id: Some(n.id.clone()),
                    network_name: Some(n.name.clone()),
                    ..Default::default()
                });
                (verdict::network(c, found.as_ref()), ev)
            }
            Check::Volume(c) => {
                let ev = Some(Evidence {
                    volume: Some(c.name.clone()),
                    ..Default::default()
                });
                let exists = daemon()?.volume_exists(&c.name).await?;
                (verdict::volume(&c.name, exists), ev)
            }
            Check::Exec(c) => {
                let r: ExecResult = daemon()?.exec(&c.container, &c.command).await?;
                let ev = match &r {
                    ExecResult::Ran(f) => Some(Evidence {
                        container_name: Some(c.container.clone()),
                        exit_code: Some(f.exit_code),
                        ..Default::default()
                    }),
                    _ => None,
                };
                (verdict::exec(c, &r), ev)
            }
            Check::Compose(c) => {
                daemon()?;
                let project = c
                    .project
                    .clone()
                    .unwrap_or_else(|| default_project(&self.workdir));
                let found = round.project(&project).await?;
                let ev = Some(Evidence {
                    project: Some(project.clone()),
                    ..Default::default()
                });
                (verdict::compose(c, &project, &found), ev)
            }
            Check::Event(c) => {
                let d = daemon()?;
                let since = began.time()?;
                let mut events = round.events(since).await?;
                if let Some(want) = &c.image {
                    same_image_as(round, want, &mut events).await?;
                }
                // When the step asks for a container that existed before it: when each was created.
                let mut created = HashMap::new();
                for id in verdict::event_actors(c, &events) {
                    if let Some(found) = d.container(&id).await? {
                        created.insert(id, found.created);
                    }
                }
                let ev = verdict::event_hit(c, &events, since, &created).map(Evidence::event);
                (verdict::event(c, &events, since, &created), ev)
            }
            Check::Log(c) => {
                let d = daemon()?;
                let since = began.time()?;
                let select = c.select();
                let containers = round.containers(&select).await?;
                let mut logs = Vec::new();
                for found in &containers {
                    logs.push((found.name.clone(), d.logs(&found.id, since).await?));
                }
                let ev = verdict::log_hit(c, &logs).map(|(name, at)| {
                    let id = containers
                        .iter()
                        .find(|f| f.name == name)
                        .map(|f| f.id.clone());
                    Evidence {
                        log_container: Some(name.to_string()),
                        container_id: id,
                        at: Some(at),
                        ..Default::default()
                    }
                });
                (verdict::log(c, &select, &logs), ev)
            }
            Check::Swarm(c) => {
                let state = daemon()?.swarm_state().await?;
                let ev = Some(Evidence {
                    swarm_state: Some(state.clone()),
                    ..Default::default()
                });
                (verdict::swarm(c, &state), ev)
            }
        })
    }
}

/// Names the image of a container event as the check does (`python-docker`) when the event names
/// another tag of the very same image (`python-docker:v1.0.0`): container checks select by image
/// id too, and an event check must agree with them.
async fn same_image_as(
    round: &Round<'_>,
    want: &str,
    events: &mut [crate::facts::EventFacts],
) -> Result<(), Unverifiable> {
    use crate::check::reference::normalize;
    let Some(id) = round.image(want).await?.map(|f| f.id) else {
        return Ok(());
    };
    for e in events.iter_mut().filter(|e| e.object == "container") {
        let Some(named) = e.attributes.get("image").cloned() else {
            continue;
        };
        let same = named == id
            || (normalize(&named) != normalize(want)
                && round.image(&named).await?.is_some_and(|f| f.id == id));
        if same {
            e.attributes.insert("image".into(), want.to_string());
        }
    }
    Ok(())
}

/// Why a check did not reach its verdict normally.
enum Judged {
    Unknown(Unverifiable),
    Failed(Reason),
}

impl From<Unverifiable> for Judged {
    fn from(u: Unverifiable) -> Judged {
        Judged::Unknown(u)
    }
}

impl From<Reason> for Judged {
    fn from(r: Reason) -> Judged {
        Judged::Failed(r)
    }
}

/// The Compose project name of the learner's folder.
pub fn default_project(workdir: &Path) -> String {
    let abs = std::path::absolute(workdir).unwrap_or_else(|_| workdir.to_path_buf());
    let name = abs
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    verdict::project_name(&name)
}
