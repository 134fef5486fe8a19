//! Noticing that a learner's progress file changed: their trainer (or `check`, `answer`) records
//! completions, answers and beginnings there, and none of that is a daemon event — a file step or
//! a quiz answered in class left the board's row as it was until the learner next touched Docker.
//! One task for the whole class asks each file's size and modification time every
//! [`EVERY`] (a `stat`, which also works on the network shares a class's folders live on, where
//! file notifications do not) and wakes that learner's host task when they change.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use tokio::sync::Notify;

/// How often the progress files are looked at: a learner sees the board follow within this.
pub const EVERY: Duration = Duration::from_secs(2);

/// What a file looked like: `None` when it is missing or unreadable.
type Look = Option<(u64, SystemTime)>;

fn look(path: &std::path::Path) -> Look {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()?))
}

/// Watches `files` (each with the `Notify` of its learner's host task) until the board ends;
/// what each file looks like at the start is the baseline, not a change.
pub async fn watch(files: Vec<(PathBuf, Arc<Notify>)>) {
    if files.is_empty() {
        return;
    }
    let (paths, wakes): (Vec<PathBuf>, Vec<Arc<Notify>>) = files.into_iter().unzip();
    let paths = Arc::new(paths);
    let look_all = |paths: &[PathBuf]| paths.iter().map(|p| look(p)).collect::<Vec<Look>>();
    let mut seen = look_all(&paths);
    let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + EVERY, EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        // A few hundred `stat`s: off the runtime's threads, as blocking I/O.
        let shared = paths.clone();
        let Ok(now) = tokio::task::spawn_blocking(move || look_all(&shared)).await else {
            return;
        };
        for ((was, is), wake) in seen.iter().zip(&now).zip(&wakes) {
            if was != is {
                wake.notify_one();
            }
        }
        seen = now;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_write_wakes_its_learner_and_nobody_else() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
        std::fs::write(&a, "{}").expect("write");
        let wakes = [Arc::new(Notify::new()), Arc::new(Notify::new())];
        let files = vec![(a.clone(), wakes[0].clone()), (b.clone(), wakes[1].clone())];
        let task = tokio::spawn(watch(files));
        // Let the baseline be taken: neither is woken for what was already there.
        tokio::time::sleep(Duration::from_millis(200)).await;
        std::fs::write(&b, "{\"completed\":{}}").expect("a new file");
        let woken = tokio::time::timeout(EVERY * 3, wakes[1].notified()).await;
        assert!(woken.is_ok(), "the learner whose file appeared is woken");
        let other = tokio::time::timeout(Duration::from_millis(100), wakes[0].notified()).await;
        assert!(other.is_err(), "an untouched file wakes nobody");
        task.abort();
    }
}
