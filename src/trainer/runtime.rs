//! What runs beside the trainer's state: the daemon worker (the connection, its event stream and
//! the one check round in flight), the learner's-folder watcher, the one-second tick and the
//! progress writer. Everything reports back as a [`Msg`]; nothing here touches the screen.

use std::collections::HashMap;
use std::future::Future;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::app::{DaemonEvent, DaemonStatus, Msg};
use crate::check::Beginning;
use crate::check::Unverifiable;
use crate::checker::{Checker, Job};
use crate::course::Course;
use crate::docker::follow::{Follower, Link};
use crate::docker::Daemon;
use crate::key::StepKey;
use crate::progress;
use crate::session::Change;

use super::folder;

/// The handles the front ends use.
pub struct Runtime {
    /// Messages for `update`.
    pub rx: mpsc::UnboundedReceiver<Msg>,
    rounds: mpsc::UnboundedSender<Round>,
    saves: mpsc::UnboundedSender<Change>,
    files_pending: Arc<AtomicBool>,
    // Dropping the watcher stops it.
    _watcher: Option<notify::RecommendedWatcher>,
}

/// A check round asked for by `update`.
struct Round {
    generation: u64,
    steps: Vec<(StepKey, Beginning)>,
    answers: HashMap<StepKey, u8>,
}

impl Runtime {
    /// Starts the background tasks, following the daemon the docker CLI would use.
    pub fn start(course: Arc<Course>, workdir: PathBuf, progress_path: PathBuf) -> Runtime {
        Runtime::with_daemon(
            course,
            workdir,
            progress_path,
            crate::docker::connect_default,
        )
    }

    /// Starts the background tasks; `connect` makes one attempt to reach the daemon (tests give
    /// one that never does).
    pub fn with_daemon<C, F>(
        course: Arc<Course>,
        workdir: PathBuf,
        progress_path: PathBuf,
        connect: C,
    ) -> Runtime
    where
        C: FnMut() -> F + Send + 'static,
        F: Future<Output = Result<Daemon, Unverifiable>> + Send + 'static,
    {
        let (tx, rx) = mpsc::unbounded_channel();
        let (rounds, rounds_rx) = mpsc::unbounded_channel();
        tokio::spawn(daemon_worker(
            Follower::new(connect),
            rounds_rx,
            course,
            workdir.clone(),
            tx.clone(),
        ));
        tokio::spawn(tick_task(tx.clone()));
        let (saves, save_rx) = mpsc::unbounded_channel();
        tokio::spawn(save_task(save_rx, tx.clone(), progress_path));
        let files_pending = Arc::new(AtomicBool::new(false));
        let watcher = folder::watch(&workdir, tx, files_pending.clone());
        Runtime {
            rx,
            rounds,
            saves,
            files_pending,
            _watcher: watcher,
        }
    }

    /// Marks a `FilesChanged` as received, so the watcher may send the next one.
    pub fn received(&self, msg: &Msg) {
        if matches!(msg, Msg::FilesChanged) {
            self.files_pending.store(false, Ordering::SeqCst);
        }
    }

    /// Evaluates these steps; the answer is a `ChecksDone { generation }`. A round still in
    /// flight is cancelled: its results would be dropped anyway.
    pub fn run_checks(
        &self,
        generation: u64,
        steps: Vec<(StepKey, Beginning)>,
        answers: HashMap<StepKey, u8>,
    ) {
        let _ = self.rounds.send(Round {
            generation,
            steps,
            answers,
        });
    }

    /// Persists a progress change (in order, off the UI's path).
    pub fn save(&self, change: Change) {
        let _ = self.saves.send(change);
    }
}

/// Owns the daemon: follows it (reconnecting with backoff), forwards its events, and runs the
/// one check round in flight against the latest connection (a new request cancels the old one).
async fn daemon_worker<C, F>(
    mut daemon: Follower<C, F>,
    mut rounds: mpsc::UnboundedReceiver<Round>,
    course: Arc<Course>,
    workdir: PathBuf,
    tx: mpsc::UnboundedSender<Msg>,
) where
    C: FnMut() -> F,
    F: Future<Output = Result<Daemon, Unverifiable>>,
{
    let not_yet = Unverifiable::DaemonError {
        error: String::new(),
    };
    let mut checker = Checker::new(Err(not_yet), workdir.clone());
    let mut in_flight: Option<JoinHandle<()>> = None;
    loop {
        let msg = tokio::select! {
            link = daemon.next() => match link {
                Link::Up(d) => {
                    let status = DaemonStatus::Up {
                        version: d.info.server_version.clone(),
                        host: d.info.host.clone(),
                    };
                    checker = Checker::new(Ok(d), workdir.clone());
                    Msg::Daemon(status)
                }
                Link::Event(ev) => Msg::DaemonEvent(DaemonEvent {
                    object: ev.object,
                    action: ev.action,
                }),
                Link::Down(u) => {
                    checker = Checker::new(Err(u.clone()), workdir.clone());
                    Msg::Daemon(DaemonStatus::Down(u))
                }
            },
            round = rounds.recv() => {
                let Some(round) = round else { break };
                if let Some(old) = in_flight.take() {
                    old.abort();
                }
                in_flight = Some(tokio::spawn(run_round(
                    checker.clone(),
                    course.clone(),
                    round,
                    tx.clone(),
                )));
                continue;
            }
        };
        if tx.send(msg).is_err() {
            break;
        }
    }
    if let Some(round) = in_flight {
        round.abort();
    }
}

async fn run_round(
    checker: Checker,
    course: Arc<Course>,
    round: Round,
    tx: mpsc::UnboundedSender<Msg>,
) {
    let jobs: Vec<Job> = round
        .steps
        .iter()
        .filter_map(|(k, began)| {
            let (lesson, step) = course.step(k)?;
            Some(Job {
                lesson,
                step,
                began,
            })
        })
        .collect();
    let results = checker.run(&jobs, &Ok(round.answers)).await;
    let _ = tx.send(Msg::ChecksDone {
        generation: round.generation,
        results,
    });
}

async fn tick_task(tx: mpsc::UnboundedSender<Msg>) {
    let mut interval = tokio::time::interval(Duration::from_secs(1));
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut n = 0u64;
    loop {
        interval.tick().await;
        n += 1;
        if tx.send(Msg::Tick(n)).is_err() {
            return;
        }
    }
}

/// Writes progress changes one after another, off the UI's path.
async fn save_task(
    mut rx: mpsc::UnboundedReceiver<Change>,
    tx: mpsc::UnboundedSender<Msg>,
    path: PathBuf,
) {
    while let Some(change) = rx.recv().await {
        let path = path.clone();
        let saved =
            tokio::task::spawn_blocking(move || progress::update(&path, |p| change.apply(p))).await;
        let msg = match saved {
            Ok(Ok((p, _))) => Msg::Saved(p),
            Ok(Err(e)) => Msg::SaveFailed(e.to_string()),
            Err(e) => Msg::SaveFailed(e.to_string()),
        };
        let _ = tx.send(msg);
    }
}
