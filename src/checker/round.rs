//! One round's fact snapshot: the container listing, inspected containers, images and the events
//! window, each fetched at most once however many checks of the round ask for them.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use tokio::sync::OnceCell;

use super::{default_project, Checker, Job};
use crate::check::verdict::{self, object_name, PROJECT_LABEL};
use crate::check::Beginning;
use crate::check::{Check, ContainerSelect, Unverifiable};
use crate::docker::Daemon;
use crate::facts::{ContainerFacts, EventFacts, ImageFacts, ListedContainer};

type Res<T> = Result<T, Unverifiable>;

/// A value per key, computed once even when asked for concurrently.
struct Memo<V>(Mutex<HashMap<String, Arc<OnceCell<Res<V>>>>>);

impl<V: Clone> Memo<V> {
    fn new() -> Self {
        Memo(Mutex::new(HashMap::new()))
    }

    async fn get<F, Fut>(&self, key: &str, make: F) -> Res<V>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Res<V>>,
    {
        let cell = {
            let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
            map.entry(key.to_string()).or_default().clone()
        };
        cell.get_or_init(make).await.clone()
    }
}

/// The facts of one round.
pub struct Round<'a> {
    checker: &'a Checker,
    listed: OnceCell<Res<Vec<ListedContainer>>>,
    inspected: Memo<Option<ContainerFacts>>,
    images: Memo<Option<ImageFacts>>,
    events: OnceCell<Res<Vec<EventFacts>>>,
    /// The widest events window the round's event checks need, and their filters.
    event_query: Option<(i64, Vec<&'static str>, Vec<String>)>,
}

impl<'a> Round<'a> {
    /// A snapshot for these jobs; nothing is fetched until a check asks.
    pub fn new(checker: &'a Checker, jobs: &[Job<'_>]) -> Round<'a> {
        let mut since: Option<i64> = None;
        let mut objects = Vec::new();
        let mut actions = Vec::new();
        for job in jobs {
            let Beginning::At(t) = job.began else {
                continue;
            };
            for c in &job.step.checks {
                let (object, action) = match c {
                    Check::Event(e) => (object_name(e.object), e.action.clone()),
                    // A build tags its image, also when it all came from the cache.
                    Check::Image(i) if i.built_during_step => ("image", "tag".to_string()),
                    _ => continue,
                };
                since = Some(since.map_or(*t, |s| s.min(*t)));
                objects.push(object);
                actions.push(action);
            }
        }
        objects.sort_unstable();
        objects.dedup();
        actions.sort_unstable();
        actions.dedup();
        Round {
            checker,
            listed: OnceCell::new(),
            inspected: Memo::new(),
            images: Memo::new(),
            events: OnceCell::new(),
            event_query: since.map(|s| (s, objects, actions)),
        }
    }

    fn daemon(&self) -> Res<&'a Daemon> {
        self.checker.daemon().map_err(Clone::clone)
    }

    /// Every container, listed once per round.
    pub async fn listed(&self) -> Res<Vec<ListedContainer>> {
        let d = self.daemon()?;
        self.listed
            .get_or_init(|| d.list_containers())
            .await
            .clone()
    }

    /// An image by reference, inspected once per round.
    pub async fn image(&self, reference: &str) -> Res<Option<ImageFacts>> {
        let d = self.daemon()?;
        self.images.get(reference, || d.image(reference)).await
    }

    /// A container by id, inspected once per round.
    async fn inspect(&self, id: &str) -> Res<Option<ContainerFacts>> {
        let d = self.daemon()?;
        let ids = [id.to_string()];
        self.inspected
            .get(id, || async move {
                Ok(d.inspect_containers(&ids).await?.into_iter().next())
            })
            .await
    }

    async fn inspect_all(&self, ids: Vec<String>) -> Res<Vec<ContainerFacts>> {
        let found = futures_util::future::join_all(ids.iter().map(|id| self.inspect(id))).await;
        let mut out = Vec::new();
        for f in found {
            out.extend(f?);
        }
        Ok(out)
    }

    /// The containers a selector matches, inspected.
    pub async fn containers(&self, select: &ContainerSelect) -> Res<Vec<ContainerFacts>> {
        let image_id = match select {
            ContainerSelect::Image(i) => self.image(i).await?.map(|f| f.id),
            _ => None,
        };
        let workdir = self.checker.workdir();
        let ids = self
            .listed()
            .await?
            .into_iter()
            .filter(|l| selects(select, workdir, l, image_id.as_deref()))
            .map(|l| l.id)
            .collect();
        self.inspect_all(ids).await
    }

    /// Every container of a Compose project, inspected.
    pub async fn project(&self, project: &str) -> Res<Vec<ContainerFacts>> {
        let ids = self
            .listed()
            .await?
            .into_iter()
            .filter(|l| l.labels.get(PROJECT_LABEL).map(String::as_str) == Some(project))
            .map(|l| l.id)
            .collect();
        self.inspect_all(ids).await
    }

    /// Running containers publishing a host port, inspected (to tell a server that is starting).
    pub async fn publishing(&self, port: u16) -> Res<Vec<ContainerFacts>> {
        let ids = self
            .listed()
            .await?
            .into_iter()
            .filter(|l| l.state == "running" && l.host_ports.contains(&port))
            .map(|l| l.id)
            .collect();
        self.inspect_all(ids).await
    }

    /// The round's events after `since` (one query per round for every event check).
    pub async fn events(&self, since: i64) -> Res<Vec<EventFacts>> {
        let d = self.daemon()?;
        let Some((from, objects, actions)) = &self.event_query else {
            return Ok(Vec::new());
        };
        let all = self
            .events
            .get_or_init(|| async {
                let actions: Vec<&str> = actions.iter().map(String::as_str).collect();
                d.events(objects, &actions, *from).await
            })
            .await
            .clone()?;
        Ok(all.into_iter().filter(|e| e.time > since).collect())
    }
}

impl Round<'_> {
    /// When `reference` was last tagged onto image `id` after `since` (a build, cached or not;
    /// the event names it `buildme` with BuildKit and `buildme:latest` with the classic builder).
    pub async fn tagged(&self, reference: &str, id: &str, since: i64) -> Res<Option<i64>> {
        use crate::check::reference::normalize;
        let wanted = normalize(reference);
        Ok(self
            .events(since)
            .await?
            .iter()
            .filter(|e| e.object == "image" && e.action == "tag")
            .filter(|e| {
                e.attributes
                    .get("name")
                    .is_some_and(|n| normalize(n) == wanted)
            })
            .filter(|e| !e.actor_id.starts_with("sha256:") || e.actor_id == id)
            .map(|e| e.time)
            .max())
    }
}

/// Finds containers for a selector among listed ones (used by the round).
fn selects(
    select: &ContainerSelect,
    workdir: &Path,
    listed: &crate::facts::ListedContainer,
    image_id: Option<&str>,
) -> bool {
    use crate::check::reference::normalize;
    match select {
        ContainerSelect::Name(n) => listed.names.iter().any(|x| x == n.trim_start_matches('/')),
        ContainerSelect::Image(i) => {
            normalize(&listed.image_ref) == normalize(i)
                || image_id.is_some_and(|id| id == listed.image_id)
        }
        ContainerSelect::Service { project, service } => {
            let project = project.clone().unwrap_or_else(|| default_project(workdir));
            listed.labels.get(verdict::PROJECT_LABEL) == Some(&project)
                && listed.labels.get(verdict::SERVICE_LABEL) == Some(service)
        }
    }
}
