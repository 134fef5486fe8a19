//! What runs beside the trainer's state: the daemon connection (reconnecting with backoff) and
//! its event stream, the learner's-folder watcher, the one-second tick, the check rounds and the
//! progress writer. Everything reports back as a [`Msg`]; nothing here touches the screen.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use tokio::sync::{mpsc, watch};

use crate::app::{DaemonEvent, DaemonStatus, Effect, Msg};
use crate::checker::{Checker, Job};
use crate::commands;
use crate::course::Course;
use crate::progress;
use crate::session::Change;

use super::folder;

/// Longest pause between reconnection attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(8);

/// The handles the front ends use.
pub struct Runtime {
    /// Messages for `update`.
    pub rx: mpsc::UnboundedReceiver<Msg>,
    tx: mpsc::UnboundedSender<Msg>,
    checker: watch::Receiver<Checker>,
    saves: mpsc::UnboundedSender<Change>,
    files_pending: Arc<AtomicBool>,
    course: Arc<Course>,
    // Dropping the watcher stops it.
    _watcher: Option<notify::RecommendedWatcher>,
}

impl Runtime {
    /// Starts the background tasks.
    pub fn start(course: Arc<Course>, workdir: PathBuf, progress_path: PathBuf) -> Runtime {
        let (tx, rx) = mpsc::unbounded_channel();
        let (checker_tx, checker) = watch::channel(Checker::new(
            Err(crate::check::Unverifiable::DaemonError {
                error: String::new(),
            }),
            workdir.clone(),
        ));
        tokio::spawn(daemon_task(tx.clone(), checker_tx, workdir.clone()));
        tokio::spawn(tick_task(tx.clone()));
        let (saves, save_rx) = mpsc::unbounded_channel();
        tokio::spawn(save_task(save_rx, tx.clone(), progress_path));
        let files_pending = Arc::new(AtomicBool::new(false));
        let watcher = folder::watch(&workdir, tx.clone(), files_pending.clone());
        Runtime {
            rx,
            tx,
            checker,
            saves,
            files_pending,
            course,
            _watcher: watcher,
        }
    }

    /// Marks a `FilesChanged` as received, so the watcher may send the next one.
    pub fn received(&self, msg: &Msg) {
        if matches!(msg, Msg::FilesChanged) {
            self.files_pending.store(false, Ordering::SeqCst);
        }
    }

    /// Carries out the effects that need no terminal (checks and saves). Returns the others.
    pub fn execute(&self, effects: Vec<Effect>) -> Vec<Effect> {
        let mut rest = Vec::new();
        for e in effects {
            match e {
                Effect::RunChecks {
                    generation,
                    steps,
                    answers,
                } => {
                    let checker = self.checker.borrow().clone();
                    let course = self.course.clone();
                    let tx = self.tx.clone();
                    tokio::spawn(async move {
                        let jobs: Vec<Job> = steps
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
                        let results = checker.run(&jobs, &Ok(answers)).await;
                        let _ = tx.send(Msg::ChecksDone {
                            generation,
                            results,
                        });
                    });
                }
                Effect::Save(change) => {
                    let _ = self.saves.send(change);
                }
                other => rest.push(other),
            }
        }
        rest
    }
}

/// Connects, publishes the checker, forwards events; when the daemon goes away, says so and
/// tries again with backoff.
async fn daemon_task(
    tx: mpsc::UnboundedSender<Msg>,
    checker: watch::Sender<Checker>,
    workdir: PathBuf,
) {
    let mut backoff = Duration::from_millis(500);
    loop {
        match commands::connect().await {
            Ok(d) => {
                backoff = Duration::from_millis(500);
                let events = d.watch();
                let status = DaemonStatus::up(&d.info);
                let _ = checker.send(Checker::new(Ok(d), workdir.clone()));
                if tx.send(Msg::Daemon(status)).is_err() {
                    return;
                }
                let mut events = std::pin::pin!(events);
                while let Some(ev) = events.next().await {
                    let msg = Msg::DaemonEvent(DaemonEvent {
                        object: ev.object,
                        action: ev.action,
                    });
                    if tx.send(msg).is_err() {
                        return;
                    }
                }
            }
            Err(u) => {
                let _ = checker.send(Checker::new(Err(u.clone()), workdir.clone()));
                if tx.send(Msg::Daemon(DaemonStatus::Down(u))).is_err() {
                    return;
                }
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(MAX_BACKOFF);
            }
        }
    }
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
