//! `grade --watch`: the live class board. One task per host connects, grades, then follows that
//! daemon's event stream (one subscription per host) and regrades when something happens;
//! a host that drops out is marked and reconnected with backoff. One loop draws the board after
//! each batch of updates and quits on `q`; the terminal is restored on every way out. No timer:
//! an idle board sleeps.

use std::time::Duration;

use futures_util::StreamExt;
use ratatui::crossterm::event::{Event, EventStream, KeyCode, KeyEventKind, KeyModifiers};
use tokio::sync::mpsc;

use super::board::{Board, Link, Update};
use super::{Plan, Target};
use crate::commands::exit;
use crate::i18n::Tr;
use crate::term;
use crate::ui::theme::Theme;

/// First pause before reconnecting; doubled up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(500);
/// Longest pause between reconnection attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(8);
/// Events closer together than this cost one regrade.
const SETTLE: Duration = Duration::from_millis(300);

/// Runs the board until `q`.
pub async fn run(targets: Vec<Target>, plan: Plan, tr: &Tr) -> i32 {
    term::install_panic_hook();
    let mut terminal = match term::init() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{}", e.message(tr));
            return exit::UNKNOWN;
        }
    };
    let _guard = term::RestoreGuard::new();
    let theme = Theme::from_env();
    let mut board = Board::new(
        plan.lessons.clone(),
        targets.iter().map(|t| t.name.clone()).collect(),
    );
    let (tx, mut rx) = mpsc::unbounded_channel();
    let tasks: Vec<_> = targets
        .into_iter()
        .enumerate()
        .map(|(i, t)| tokio::spawn(host_task(i, t, plan.clone(), tx.clone())))
        .collect();
    drop(tx);
    let mut keys = EventStream::new();
    let mut quit = crate::platform::Quit::new();
    let mut code = exit::OK;
    let mut dirty = true;
    loop {
        if dirty && terminal.draw(|f| board.view(f, tr, &theme)).is_err() {
            code = exit::UNKNOWN;
            break;
        }
        dirty = false;
        tokio::select! {
            ev = keys.next() => match ev {
                Some(Ok(Event::Key(k))) if k.kind == KeyEventKind::Press && quits(k.code, k.modifiers) => break,
                Some(Ok(Event::Resize(..))) => dirty = true,
                Some(Ok(_)) => {}
                Some(Err(_)) | None => break,
            },
            Some(u) = rx.recv() => {
                dirty |= board.apply(u);
                while let Ok(u) = rx.try_recv() {
                    dirty |= board.apply(u);
                }
            }
            () = quit.recv() => break,
        }
    }
    for t in tasks {
        t.abort();
    }
    drop(terminal);
    if term::restore().is_err() {
        code = exit::UNKNOWN;
    }
    code
}

fn quits(code: KeyCode, m: KeyModifiers) -> bool {
    matches!(code, KeyCode::Char('q') | KeyCode::Esc)
        || (m.contains(KeyModifiers::CONTROL) && code == KeyCode::Char('c'))
}

/// Connects, grades, follows events and regrades; on a drop, says so and retries with backoff.
async fn host_task(i: usize, target: Target, plan: Plan, tx: mpsc::UnboundedSender<Update>) {
    let mut backoff = FIRST_BACKOFF;
    // What this board has seen exist: a container removed later counts as removed.
    let mut seen = super::witness::Witness::default();
    loop {
        let connected = crate::docker::connect(&target.resolved, plan.timeout).await;
        let daemon = match connected {
            Ok(d) => d,
            Err(u) => {
                if send(&tx, Update::Link(i, Link::Dropped(u))) {
                    return;
                }
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(MAX_BACKOFF);
                continue;
            }
        };
        backoff = FIRST_BACKOFF;
        // Subscribe before grading, so nothing that happens during the grade is missed.
        let events = daemon.watch();
        let mut events = std::pin::pin!(events);
        if send(&tx, Update::Link(i, Link::Live))
            || regrade(i, &target, &plan, &mut seen, &tx).await
        {
            return;
        }
        while let Some(ev) = events.next().await {
            // The checker's own `exec` checks show up as exec_* events: never regrade on them.
            if ev.action.starts_with("exec_") {
                continue;
            }
            // Let a burst settle, taking what arrives meanwhile.
            let _ = tokio::time::timeout(SETTLE, async { while events.next().await.is_some() {} })
                .await;
            if regrade(i, &target, &plan, &mut seen, &tx).await {
                return;
            }
        }
        let why = crate::check::Unverifiable::DaemonUnreachable {
            host: target.resolved.host.clone(),
            error: "event stream ended".into(),
        };
        if send(&tx, Update::Link(i, Link::Dropped(why))) {
            return;
        }
        tokio::time::sleep(backoff).await;
    }
}

/// Grades the host and sends the scores; true when the board is gone.
async fn regrade(
    i: usize,
    target: &Target,
    plan: &Plan,
    seen: &mut super::witness::Witness,
    tx: &mpsc::UnboundedSender<Update>,
) -> bool {
    let g = super::grade_seen(target, plan, seen).await;
    if let Some(ledger) = &plan.ledger {
        // A failure is kept in the writer and reported when the board closes.
        let _ = ledger.record(&g);
    }
    if g.problem.is_some() {
        return false;
    }
    send(tx, Update::Scores(i, scores(&g, plan)))
}

/// Per-lesson scores (the board shows numbers only; messages are not needed).
fn scores(g: &super::Graded, plan: &Plan) -> Vec<crate::report::Score> {
    let tr = Tr::new(crate::lang::Lang::En);
    g.learner(plan, &tr)
        .lessons
        .iter()
        .map(|x| x.score)
        .collect()
}

/// Sends; true when the receiver is gone.
fn send(tx: &mpsc::UnboundedSender<Update>, u: Update) -> bool {
    tx.send(u).is_err()
}
