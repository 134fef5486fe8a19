//! `grade --watch`: the live class board. One task per host connects, grades, then follows that
//! daemon's event stream (one subscription per host) and regrades when something a graded check
//! looks at happens or the learner's progress file changes; a host that drops out is marked and
//! reconnected with backoff. At most `jobs` grades run at once, each under its own timeout, so a
//! class of 300 on slow daemons does not time itself out. Tasks send lean summaries, never reports.
//! One loop turns keys into board actions and draws after each change (grades at most once a frame,
//! 100 ms); the terminal is restored on every way out. The only timers: a once-a-minute redraw for
//! the "time without progress" column, the frame wait while grades are pending, and one look at the
//! class's progress files every 2 s. An idle board sleeps.

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use ratatui::crossterm::event::{Event, EventStream, KeyEventKind};
use tokio::sync::{mpsc, Notify, Semaphore};

use super::keys::{self as board_keys, Action};
use super::{Board, Link, Update};
use crate::check::Status;
use crate::docker::follow::{Follower, Link as FollowLink};
use crate::docker::Daemon;
use crate::exit::{Ended, Failure};
use crate::grade::summary::Summary;
use crate::grade::{Plan, Target};
use crate::i18n::Tr;
use crate::term;
use crate::ui::theme::Theme;

/// Events closer together than this cost one regrade.
const SETTLE: Duration = Duration::from_millis(300);
/// How often the minutes without progress are redrawn.
const MINUTE: Duration = Duration::from_secs(60);
/// Grades arriving closer together than this share one frame (300 first grades were 300 draws);
/// keys are drawn at once.
const FRAME: Duration = Duration::from_millis(100);

/// How the board is run.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// At most this many hosts graded at once (`--jobs`).
    pub jobs: usize,
    /// Aliases instead of names on screen (`--anonymize`).
    pub anonymize: bool,
}

/// Runs the board until `q`, Esc, Ctrl-C or a termination signal.
pub async fn run(targets: Vec<Target>, plan: Plan, tr: &Tr, opts: Options) -> Ended {
    term::install_panic_hook();
    let mut terminal = term::init()?;
    let _guard = term::RestoreGuard::new();
    let theme = Theme::from_env();
    let steps = plan
        .course
        .steps()
        .filter(|(l, _)| plan.lessons.contains(&l.id))
        .map(|(l, s)| step_label(&l.id, &s.id))
        .collect();
    let mut board = Board::new(
        plan.lessons.clone(),
        steps,
        targets.iter().map(|t| t.name.clone()).collect(),
    );
    board.anonymize = opts.anonymize;
    if let Ok(size) = terminal.size() {
        let fit = super::view::lessons_fitting(&board, size.width, tr);
        board_keys::resize(&mut board, size.height, fit);
    }
    let start = Instant::now();
    let (tx, mut rx) = mpsc::unbounded_channel();
    // One plan for every task (a course per host was most of a big class's memory).
    let plan = Arc::new(plan);
    let permits = Arc::new(Semaphore::new(opts.jobs.max(1)));
    let wakes: Vec<Arc<Notify>> = targets.iter().map(|_| Arc::default()).collect();
    let files = targets
        .iter()
        .zip(&wakes)
        .filter_map(|(t, w)| Some((t.progress.clone()?, w.clone())))
        .collect();
    let mut tasks: Vec<_> = targets
        .into_iter()
        .zip(wakes)
        .enumerate()
        .map(|(i, (t, w))| {
            let task = host_task(i, t, plan.clone(), permits.clone(), w, tx.clone());
            tokio::spawn(task)
        })
        .collect();
    tasks.push(tokio::spawn(super::progress_files::watch(files)));
    drop(tx);
    let mut keys = EventStream::new();
    let mut quit = crate::platform::Quit::new();
    let mut minute = tokio::time::interval_at(tokio::time::Instant::now() + MINUTE, MINUTE);
    minute.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut ended = Ok(Status::Passed);
    // `dirty`: draw now (a key, a resize); `pending`: grades to draw at the next frame.
    let mut dirty = true;
    let mut pending = false;
    let mut drawn = Instant::now();
    loop {
        if dirty || (pending && drawn.elapsed() >= FRAME) {
            if let Err(source) = terminal.draw(|f| super::view::view(f, &board, tr, &theme)) {
                let step = "draw";
                ended = Err(Failure::Terminal(term::TermError::Io { step, source }));
                break;
            }
            drawn = Instant::now();
            (dirty, pending) = (false, false);
        }
        let next_frame = tokio::time::Instant::from_std(drawn + FRAME);
        tokio::select! {
            ev = keys.next() => match ev {
                Some(Ok(Event::Key(k))) if k.kind == KeyEventKind::Press => {
                    match board_keys::action(k.code, k.modifiers) {
                        Some(Action::Quit) => break,
                        Some(a) => dirty |= board_keys::act(&mut board, a),
                        None => {}
                    }
                }
                Some(Ok(Event::Resize(w, h))) => {
                    let fit = super::view::lessons_fitting(&board, w, tr);
                    board_keys::resize(&mut board, h, fit);
                    dirty = true;
                }
                Some(Ok(_)) => {}
                Some(Err(_)) | None => break,
            },
            Some(u) = rx.recv() => {
                let at = start.elapsed();
                pending |= board.apply(u, at);
                while let Ok(u) = rx.try_recv() {
                    pending |= board.apply(u, at);
                }
            }
            () = tokio::time::sleep_until(next_frame), if pending => {}
            _ = minute.tick() => {
                board.now = start.elapsed();
                dirty = true;
            }
            () = quit.recv() => break,
        }
    }
    for t in tasks {
        t.abort();
    }
    drop(terminal);
    term::restore()?;
    ended
}

/// A step's row label: the lesson's number and the step id ("01 etiquetar").
fn step_label(lesson: &str, step: &str) -> String {
    let n = lesson.split_once('-').map_or(lesson, |(n, _)| n);
    format!("{n} {step}")
}

/// Follows the host's daemon ([`Follower`]: connect, events, backoff), grades on every
/// connection, after every burst of events and when `progressed` says the learner's progress
/// file changed, and says on the board when the host drops out.
async fn host_task(
    i: usize,
    target: Target,
    plan: Arc<Plan>,
    permits: Arc<Semaphore>,
    progressed: Arc<Notify>,
    tx: mpsc::UnboundedSender<Update>,
) {
    let resolved = target.resolved.clone();
    let timeout = plan.timeout;
    let mut daemon = Follower::new(move || {
        let resolved = resolved.clone();
        async move { crate::docker::connect(&resolved, timeout).await }
    });
    // What this board has seen exist: a container removed later counts as removed.
    let mut seen = crate::grade::witness::Witness::default();
    // A change of link that arrived while a burst of events settled.
    let mut held: Option<FollowLink> = None;
    // The connection the follower opened: gradings use it rather than each opening their own.
    let mut live: Option<Daemon> = None;
    loop {
        let link = match held.take() {
            Some(l) => Some(l),
            // While the host is down, a change waits for the grading that follows reconnecting.
            None => tokio::select! {
                l = daemon.next() => Some(l),
                () = progressed.notified(), if live.is_some() => None,
            },
        };
        let flow = match link {
            // The progress file changed.
            None => regrade(i, &target, &plan, &permits, &mut seen, live.as_ref(), &tx).await,
            Some(FollowLink::Down(u)) => {
                live = None;
                if send(&tx, Update::Link(i, Link::Dropped(u))) {
                    return;
                }
                continue;
            }
            Some(FollowLink::Up(d)) => {
                live = Some(d);
                if send(&tx, Update::Link(i, Link::Live)) {
                    return;
                }
                regrade(i, &target, &plan, &permits, &mut seen, live.as_ref(), &tx).await
            }
            // Only events a graded check looks at: not the checker's own `exec` checks (exec_*
            // events), not a volume made while only images are graded.
            Some(FollowLink::Event(ev)) if !plan.woken_by(&ev.object, &ev.action) => continue,
            Some(FollowLink::Event(_)) => {
                // Let a burst settle, taking what arrives meanwhile.
                let until = tokio::time::Instant::now() + SETTLE;
                while let Ok(l) = tokio::time::timeout_at(until, daemon.next()).await {
                    if !matches!(l, FollowLink::Event(_)) {
                        held = Some(l);
                        break;
                    }
                }
                regrade(i, &target, &plan, &permits, &mut seen, live.as_ref(), &tx).await
            }
        };
        match flow {
            Flow::Gone => return,
            // The grade said why (a timeout, an unreachable daemon): connect again.
            Flow::Trouble => {
                live = None;
                daemon.reconnect();
            }
            Flow::Go => {}
        }
    }
}

/// What a host task does after a grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    /// Keep following events.
    Go,
    /// The grade could not reach the daemon (it said so on the board): reconnect.
    Trouble,
    /// The board is gone.
    Gone,
}

/// Grades the host (waiting for a free slot first) and sends its summary, or why it could not.
async fn regrade(
    i: usize,
    target: &Target,
    plan: &Plan,
    permits: &Semaphore,
    seen: &mut crate::grade::witness::Witness,
    on: Option<&Daemon>,
    tx: &mpsc::UnboundedSender<Update>,
) -> Flow {
    let g = {
        // The semaphore lives as long as the board and is never closed: grade anyway if it were.
        let _slot = permits.acquire().await.ok();
        crate::grade::grade_seen(target, plan, seen, on).await
    };
    if let Some(ledger) = &plan.ledger {
        ledger.remember(&g);
    }
    let (u, flow) = match g.problem.clone() {
        Some(why) => (Update::Link(i, Link::Dropped(why)), Flow::Trouble),
        None => (Update::Graded(i, Summary::of(g, plan)), Flow::Go),
    };
    if send(tx, u) {
        Flow::Gone
    } else {
        flow
    }
}

/// Sends; true when the receiver is gone.
fn send(tx: &mpsc::UnboundedSender<Update>, u: Update) -> bool {
    tx.send(u).is_err()
}
