//! Following one daemon: connect, watch its events, and when it goes away say why and connect
//! again with backoff. The trainer and the class board both follow daemons this way (the board
//! one per learner); what they do with a connection and its events is theirs.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use futures_util::{Stream, StreamExt};
use tokio::time::Instant;

use super::Daemon;
use crate::check::Unverifiable;
use crate::facts::EventFacts;

/// First pause before connecting again; doubled on every failure up to [`MAX_BACKOFF`].
pub const FIRST_BACKOFF: Duration = Duration::from_millis(500);
/// Longest pause between attempts.
pub const MAX_BACKOFF: Duration = Duration::from_secs(8);
/// A connection that lasted this long was healthy: when it ends, the next attempt is at once
/// and the backoff starts over (a daemon restarted by the learner comes back without a pause; one
/// that accepts and drops at once is not hammered).
pub const HEALTHY: Duration = Duration::from_secs(30);

/// What happened to the followed daemon.
pub enum Link {
    /// Connected: check against this daemon. Its events follow.
    Up(Daemon),
    /// The daemon reported something.
    Event(EventFacts),
    /// Not reachable, and why. Another attempt follows after the backoff.
    Down(Unverifiable),
}

type Events = Pin<Box<dyn Stream<Item = EventFacts> + Send>>;

/// Where the follower is. Every wait is kept here, not in a `next` call's locals, so a caller
/// that drops `next` for something else (a `select!`) loses neither the backoff nor an attempt
/// under way.
enum State<F> {
    /// Not connected: connect at this instant (`None`: at once).
    Idle(Option<Instant>),
    /// An attempt under way.
    Connecting(Pin<Box<F>>),
    /// Watching events since this instant.
    Watching(Events, Instant),
}

/// One daemon, followed. `connect` makes one attempt.
pub struct Follower<C, F> {
    connect: C,
    state: State<F>,
    backoff: Duration,
}

impl<C, F> Follower<C, F>
where
    C: FnMut() -> F,
    F: Future<Output = Result<Daemon, Unverifiable>>,
{
    /// Connects at the first [`Follower::next`].
    pub fn new(connect: C) -> Follower<C, F> {
        Follower {
            connect,
            state: State::Idle(None),
            backoff: FIRST_BACKOFF,
        }
    }

    /// Waits for what happens next (cancel-safe). Events are subscribed to before [`Link::Up`]
    /// is returned, so nothing that happens while the caller checks is missed.
    pub async fn next(&mut self) -> Link {
        loop {
            match &mut self.state {
                State::Idle(at) => {
                    if let Some(at) = *at {
                        tokio::time::sleep_until(at).await;
                    }
                    self.state = State::Connecting(Box::pin((self.connect)()));
                }
                State::Connecting(attempt) => match attempt.as_mut().await {
                    Ok(d) => {
                        self.state = State::Watching(Box::pin(d.watch()), Instant::now());
                        return Link::Up(d);
                    }
                    Err(u) => {
                        self.later();
                        return Link::Down(u);
                    }
                },
                State::Watching(events, since) => match events.next().await {
                    Some(ev) => return Link::Event(ev),
                    None if since.elapsed() >= HEALTHY => {
                        self.backoff = FIRST_BACKOFF;
                        self.state = State::Idle(None);
                    }
                    None => self.later(),
                },
            }
        }
    }

    /// Drops the connection (the caller found it unusable): the next [`Follower::next`] waits
    /// the backoff, then connects again.
    pub fn reconnect(&mut self) {
        if let State::Watching(_, since) = &self.state {
            if since.elapsed() >= HEALTHY {
                self.backoff = FIRST_BACKOFF;
            }
        }
        self.later();
    }

    /// The next attempt after the backoff, which doubles.
    fn later(&mut self) {
        self.state = State::Idle(Some(Instant::now() + self.backoff));
        self.backoff = (self.backoff * 2).min(MAX_BACKOFF);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unreachable() -> Unverifiable {
        Unverifiable::DaemonUnreachable {
            host: "unix:///nowhere".into(),
            error: "no such file".into(),
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_missing_daemon_is_retried_with_a_doubling_backoff() {
        let attempts = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let seen = attempts.clone();
        let start = Instant::now();
        let mut f = Follower::new(move || {
            seen.lock().expect("lock").push(start.elapsed());
            std::future::ready(Err(unreachable()))
        });
        for _ in 0..6 {
            assert!(matches!(
                f.next().await,
                Link::Down(Unverifiable::DaemonUnreachable { .. })
            ));
        }
        let at: Vec<u64> = attempts
            .lock()
            .expect("lock")
            .iter()
            .map(|d| d.as_millis() as u64)
            .collect();
        // At once, then 0.5, 1, 2, 4 and 8 s later (capped).
        assert_eq!(at, [0, 500, 1500, 3500, 7500, 15500]);
    }

    #[tokio::test(start_paused = true)]
    async fn a_caller_that_drops_next_keeps_the_backoff() {
        let attempts = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let seen = attempts.clone();
        let mut f = Follower::new(move || {
            seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            std::future::ready(Err(unreachable()))
        });
        assert!(matches!(f.next().await, Link::Down(_)));
        // Something else wins the `select!` every 100 ms for 10 s (a tick, a check round): the
        // 0.5 s wait is not started over each time, so the attempts go on.
        for _ in 0..100 {
            let _ = tokio::time::timeout(Duration::from_millis(100), f.next()).await;
        }
        let n = attempts.load(std::sync::atomic::Ordering::SeqCst);
        assert!(n >= 4, "attempts in 10 s with the backoff kept: {n}");
    }
}
