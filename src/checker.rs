//! The one checker: gathers the facts a check needs (daemon, HTTP, files, answers) and hands
//! them to the pure verdicts. Checks of a step run concurrently over one daemon connection.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use futures_util::future::join_all;

use crate::check::verdict::{self, ExecResult};
use crate::check::{Check, Outcome, Status, Unverifiable};
use crate::course::{Lesson, Step};
use crate::docker::Daemon;
use crate::facts::{HttpFacts, HttpFailure};

/// Everything a check may look at.
pub struct Context {
    /// The daemon, or why there is none.
    pub daemon: Result<Daemon, Unverifiable>,
    /// The learner's project folder (`--workdir`).
    pub workdir: PathBuf,
    /// When the current step began, seconds since the epoch (for `event` and rebuild checks).
    pub since: i64,
    /// Quiz answers by `lesson/step`, or why they could not be read.
    pub answers: Result<HashMap<String, u8>, Unverifiable>,
}

/// The verdict of one check.
#[derive(Debug, Clone)]
pub struct CheckResult {
    /// The check as declared.
    pub check: Check,
    /// Its outcome.
    pub outcome: Outcome,
}

/// The verdicts of one step.
#[derive(Debug, Clone)]
pub struct StepResult {
    /// Lesson id.
    pub lesson: String,
    /// Step id.
    pub step: String,
    /// One per check, in declaration order.
    pub checks: Vec<CheckResult>,
}

impl StepResult {
    /// Failed if any failed; else unknown if any unknown; else passed.
    pub fn status(&self) -> Status {
        self.checks
            .iter()
            .map(|c| c.outcome.status())
            .max()
            .unwrap_or(Status::Passed)
    }
}

/// Evaluates every check of a step, concurrently.
pub async fn run_step(ctx: &Context, lesson: &Lesson, step: &Step) -> StepResult {
    let key = format!("{}/{}", lesson.id, step.id);
    let outcomes = join_all(step.checks.iter().map(|c| evaluate(ctx, &key, c))).await;
    StepResult {
        lesson: lesson.id.clone(),
        step: step.id.clone(),
        checks: step
            .checks
            .iter()
            .cloned()
            .zip(outcomes)
            .map(|(check, outcome)| CheckResult { check, outcome })
            .collect(),
    }
}

/// Evaluates several steps, concurrently.
pub async fn run_steps(ctx: &Context, steps: &[(&Lesson, &Step)]) -> Vec<StepResult> {
    join_all(steps.iter().map(|(l, s)| run_step(ctx, l, s))).await
}

/// Evaluates one check. `key` is `lesson/step` (for quiz answers).
pub async fn evaluate(ctx: &Context, key: &str, check: &Check) -> Outcome {
    gather_and_judge(ctx, key, check)
        .await
        .unwrap_or_else(Outcome::Unknown)
}

/// Gathers the facts a check needs and judges them; `Err` when the facts cannot be had.
async fn gather_and_judge(
    ctx: &Context,
    key: &str,
    check: &Check,
) -> Result<Outcome, Unverifiable> {
    let daemon = || ctx.daemon.as_ref().map_err(Clone::clone);
    Ok(match check {
        Check::Http(c) => verdict::http(c, http_get(c).await.as_ref()),
        Check::File(c) => verdict::file(c, &read_matching(&ctx.workdir, &c.path)?),
        Check::Dockerfile(c) => {
            let found = read_matching(&ctx.workdir, &c.path)?;
            verdict::dockerfile(c, found.first().map(|(_, t)| t.as_str()))
        }
        Check::Quiz(c) => {
            let answers = ctx.answers.as_ref().map_err(Clone::clone)?;
            verdict::quiz(c, answers.get(key).copied())
        }
        Check::Image(c) => {
            let d = daemon()?;
            let found = d.image(&c.reference).await?;
            let other = match &c.same_as {
                Some(o) => d.image(o).await?,
                None => None,
            };
            verdict::image(c, found.as_ref(), other.as_ref(), ctx.since)
        }
        Check::Container(c) => {
            let d = daemon()?;
            let candidates = if let Some(name) = &c.name {
                d.container(name).await?.into_iter().collect()
            } else if let Some(image) = &c.image {
                d.containers_from_image(image).await?
            } else {
                let project = c
                    .compose_project
                    .clone()
                    .unwrap_or_else(|| default_project(&ctx.workdir));
                let service = c.compose_service.clone().unwrap_or_default();
                d.containers_with_label(verdict::PROJECT_LABEL, &project)
                    .await?
                    .into_iter()
                    .filter(|f| f.labels.get(verdict::SERVICE_LABEL) == Some(&service))
                    .collect()
            };
            verdict::container(c, &candidates)
        }
        Check::Network(c) => verdict::network(c, daemon()?.network(&c.name).await?.as_ref()),
        Check::Volume(c) => verdict::volume(&c.name, daemon()?.volume_exists(&c.name).await?),
        Check::Exec(c) => {
            let r: ExecResult = daemon()?.exec(&c.container, &c.command).await?;
            verdict::exec(c, &r)
        }
        Check::Compose(c) => {
            let project = c
                .project
                .clone()
                .unwrap_or_else(|| default_project(&ctx.workdir));
            let found = daemon()?
                .containers_with_label(verdict::PROJECT_LABEL, &project)
                .await?;
            verdict::compose(c, &project, &found)
        }
        Check::Event(c) => {
            let d = daemon()?;
            let object = verdict::object_name(c.object);
            let events = d.events(object, &c.action, ctx.since).await?;
            // When the step asks for a container that existed before it: when each was created.
            let mut created = HashMap::new();
            for id in verdict::event_actors(c, &events) {
                if let Some(found) = d.container(&id).await? {
                    created.insert(id, found.created);
                }
            }
            verdict::event(c, &events, ctx.since, &created)
        }
        Check::Swarm(c) => verdict::swarm(c, &daemon()?.swarm_state().await?),
    })
}

/// The Compose project name of the learner's folder.
fn default_project(workdir: &Path) -> String {
    let abs = std::path::absolute(workdir).unwrap_or_else(|_| workdir.to_path_buf());
    let name = abs
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    verdict::project_name(&name)
}

/// GET with bounded retries; retries only while nothing answers (a server still starting).
async fn http_get(c: &crate::check::HttpCheck) -> Result<HttpFacts, HttpFailure> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_millis(c.timeout_ms))
        .no_proxy()
        .build()
        .map_err(|e| HttpFailure::Other(e.to_string()))?;
    let mut last = HttpFailure::Other(String::new());
    for attempt in 0..=c.retries.min(10) {
        if attempt > 0 {
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        match client.get(&c.url).send().await {
            Ok(resp) => {
                let status = resp.status().as_u16();
                let body = resp.text().await.unwrap_or_default();
                return Ok(HttpFacts { status, body });
            }
            Err(e) => last = failure(&e),
        }
    }
    Err(last)
}

/// Classifies a client error so the learner reads "refused" or "timed out" in their language.
fn failure(e: &reqwest::Error) -> HttpFailure {
    if e.is_timeout() {
        return HttpFailure::Timeout;
    }
    let mut cur: &dyn std::error::Error = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    match cur
        .downcast_ref::<std::io::Error>()
        .map(std::io::Error::kind)
    {
        Some(std::io::ErrorKind::ConnectionRefused) => HttpFailure::Refused,
        Some(std::io::ErrorKind::TimedOut) => HttpFailure::Timeout,
        _ => HttpFailure::Other(cur.to_string()),
    }
}

/// Files under `workdir` matching `pattern` (`*` allowed in the last component), sorted.
fn read_matching(workdir: &Path, pattern: &str) -> Result<Vec<(String, String)>, Unverifiable> {
    let (dir, name) = match pattern.rsplit_once('/') {
        Some((d, n)) => (workdir.join(d), n.to_string()),
        None => (workdir.to_path_buf(), pattern.to_string()),
    };
    let prefix = pattern
        .rsplit_once('/')
        .map(|(d, _)| format!("{d}/"))
        .unwrap_or_default();
    let names: Vec<String> = if name.contains('*') {
        match std::fs::read_dir(&dir) {
            Ok(entries) => {
                let mut v: Vec<String> = entries
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| glob_match(&name, n))
                    .collect();
                v.sort();
                v
            }
            Err(_) => Vec::new(),
        }
    } else {
        vec![name]
    };
    let mut out = Vec::new();
    for n in names {
        let path = dir.join(&n);
        match std::fs::read(&path) {
            Ok(bytes) if path.is_file() => out.push((
                format!("{prefix}{n}"),
                String::from_utf8_lossy(&bytes).into_owned(),
            )),
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::IsADirectory
                ) => {}
            Err(e) => {
                return Err(Unverifiable::FileUnreadable {
                    path: format!("{prefix}{n}"),
                    error: e.to_string(),
                })
            }
        }
    }
    Ok(out)
}

/// `*` matches any run of characters; everything else literally.
fn glob_match(pattern: &str, name: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if parts.len() == 1 {
        return pattern == name;
    }
    if !name.starts_with(first)
        || !name[first.len()..].ends_with(last)
        || name.len() < first.len() + last.len()
    {
        return false;
    }
    let mut rest = &name[first.len()..name.len() - last.len()];
    for mid in &parts[1..parts.len() - 1] {
        match rest.find(mid) {
            Some(i) => rest = &rest[i + mid.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_in_the_last_component() {
        assert!(glob_match("*.yml", "main.yml"));
        assert!(!glob_match("*.yml", "main.yaml"));
        assert!(glob_match("a*b*c", "aXbYc"));
        assert!(!glob_match("ab*ba", "aba"));
        let dir = tempfile::tempdir().expect("tempdir");
        let wf = dir.path().join(".github/workflows");
        std::fs::create_dir_all(&wf).expect("mkdir");
        std::fs::write(wf.join("b.yml"), "b").expect("write");
        std::fs::write(wf.join("a.yml"), "a").expect("write");
        std::fs::write(wf.join("notes.txt"), "x").expect("write");
        let found = read_matching(dir.path(), ".github/workflows/*.yml").expect("read");
        assert_eq!(
            found,
            vec![
                (".github/workflows/a.yml".to_string(), "a".to_string()),
                (".github/workflows/b.yml".to_string(), "b".to_string())
            ]
        );
        assert!(read_matching(dir.path(), "missing/*.yml")
            .expect("read")
            .is_empty());
    }
}
