//! `update`: the only place the trainer's state changes. Pure apart from reading the clock.

use super::{Action, App, Effect, Flash, Modal, Msg, ShellInput, ShellPane};
use crate::check::Check;
use crate::check::StepResult;
use crate::key::StepKey;
use crate::lang::Lang;
use crate::session::{Change, StepState};

/// How many ticks (seconds) a confirmation stays on screen.
const FLASH_TICKS: u8 = 4;

/// Steps with evidence no event announces (a request in a log, a server answering) are re-checked
/// every this many ticks while they are the current step.
const POLL_TICKS: u64 = 2;

/// Applies a message; returns what the runtime must do.
#[must_use = "the effects are what the runtime must carry out"]
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Action(a) => act(app, a),
        Msg::ChecksDone {
            generation,
            results,
        } => done(app, generation, results),
        Msg::Daemon(status) => {
            let changed = app.daemon != status;
            app.daemon = status;
            if changed {
                request(app, true)
            } else {
                Vec::new()
            }
        }
        Msg::DaemonEvent(ev) => {
            if concerns_current(app, |c| c.woken_by(&ev.object, &ev.action)) {
                request(app, false)
            } else {
                Vec::new()
            }
        }
        Msg::FilesChanged => {
            if concerns_current(app, Check::woken_by_files) {
                request(app, false)
            } else {
                Vec::new()
            }
        }
        Msg::Saved(saved) => {
            // Keep what is in memory; add what other processes saved meanwhile.
            let mut merged = saved;
            let mine = app.session.progress().clone();
            merged.completed.extend(mine.completed);
            merged.skipped.extend(mine.skipped);
            merged.answers.extend(mine.answers);
            merged.evidence.extend(mine.evidence);
            merged.started = mine.started.or(merged.started);
            app.session.replace(merged);
            app.save_error = None;
            Vec::new()
        }
        Msg::ShellExited(code) => {
            app.shell = ShellPane::default();
            show(app, Flash::ShellExited(code));
            Vec::new()
        }
        Msg::ShellFailed(why) => {
            app.shell = ShellPane::default();
            show(app, Flash::ShellFailed(why));
            Vec::new()
        }
        Msg::SaveFailed(e) => {
            app.save_error = Some(e);
            Vec::new()
        }
        Msg::Tick(n) => {
            if let Some((_, left)) = &mut app.overlay.flash {
                *left = left.saturating_sub(1);
                if *left == 0 {
                    app.overlay.flash = None;
                }
            }
            let polled = concerns_current(app, Check::polled);
            if polled && n % POLL_TICKS == 0 && !app.rounds.checking {
                request(app, false)
            } else {
                Vec::new()
            }
        }
        Msg::Paste(text) => to_shell(app, ShellInput::Paste(text)),
        Msg::Resize { cols, rows } => {
            (app.screen.cols, app.screen.rows) = (cols, rows);
            Vec::new()
        }
    }
}

/// Input for the shell, while its pane is open.
fn to_shell(app: &App, input: ShellInput) -> Vec<Effect> {
    if app.shell.open {
        vec![Effect::ToShell(input)]
    } else {
        Vec::new()
    }
}

fn act(app: &mut App, a: Action) -> Vec<Effect> {
    if app.overlay.modal.is_some() && !matches!(a, Action::Quit | Action::Suspend) {
        app.overlay.modal = None;
        return Vec::new();
    }
    match a {
        Action::Quit => vec![Effect::Quit],
        Action::Suspend => vec![Effect::Suspend],
        Action::Help => {
            app.overlay.modal = Some(Modal::Help);
            Vec::new()
        }
        Action::Close => {
            app.overlay.modal = None;
            app.overlay.flash = None;
            Vec::new()
        }
        Action::NextStep => match neighbour(app, 1) {
            Some(k) if app.state(&k) != StepState::Locked => view(app, k),
            Some(_) => refuse(app, "flash-locked"),
            None => Vec::new(),
        },
        Action::PrevStep => match neighbour(app, -1) {
            Some(k) => view(app, k),
            None => Vec::new(),
        },
        Action::GoCurrent => match app.current() {
            Some(k) if k != app.reading.viewing => view(app, k),
            _ => Vec::new(),
        },
        Action::Scroll(n) => {
            let max = app.text_rows().max_scroll;
            app.reading.scroll = scrolled(app.reading.scroll, i32::from(n), max);
            Vec::new()
        }
        Action::Page(n) => {
            let rows = app.text_rows();
            let page = i32::from(rows.page_height.max(2) - 1);
            app.reading.scroll = scrolled(app.reading.scroll, i32::from(n) * page, rows.max_scroll);
            Vec::new()
        }
        Action::Hint => {
            let hints = app.step().map_or(0, |s| s.text.get(app.lang).hints.len());
            if app.reading.hints_shown < hints {
                app.reading.hints_shown += 1;
                app.reading.scroll = app.text_rows().max_scroll; // show the new hint
                Vec::new()
            } else {
                refuse(app, "flash-no-more-hints")
            }
        }
        Action::Skip => match app.session.skipping(&app.course, &app.reading.viewing) {
            Some(change) => advance(app, change),
            None => refuse(app, "flash-not-optional"),
        },
        Action::Confirm => match app.session.confirmation(&app.course, &app.reading.viewing) {
            Some(change) => advance(app, change),
            None => request(app, true),
        },
        Action::Answer(n) => {
            let choices = app.step().and_then(|s| {
                s.checks.iter().find_map(|c| match c {
                    Check::Quiz(q) => Some(q.choices),
                    _ => None,
                })
            });
            match choices {
                Some(max)
                    if (1..=max).contains(&n)
                        && app.state(&app.reading.viewing) != StepState::Locked =>
                {
                    let change = Change::Answered(app.reading.viewing.clone(), n);
                    app.session.apply(&change);
                    let mut fx = vec![Effect::Save(change)];
                    fx.extend(request(app, true));
                    fx
                }
                Some(_) => refuse(app, "flash-no-such-option"),
                None => refuse(app, "flash-not-a-quiz"),
            }
        }
        Action::Recheck => request(app, true),
        Action::ToggleLang => {
            app.lang = match app.lang {
                Lang::Es => Lang::En,
                Lang::En => Lang::Es,
            };
            if app
                .reading
                .code_selected
                .is_some_and(|i| i >= app.code_blocks())
            {
                app.reading.code_selected = None;
            }
            Vec::new()
        }
        Action::NextCode => {
            app.reading.code_selected = match (app.reading.code_selected, app.code_blocks()) {
                (_, 0) => None,
                (None, _) => Some(0),
                (Some(i), n) => Some((i + 1) % n),
            };
            Vec::new()
        }
        Action::Copy => match selected_code(app) {
            Some(text) => {
                show(app, Flash::Copied);
                // What to do when tmux drops the copy takes longer to read than a confirmation.
                if app.clipboard != super::Reach::Terminal {
                    app.overlay.flash = Some((Flash::Copied, 3 * FLASH_TICKS));
                }
                vec![Effect::Copy(text)]
            }
            None => refuse(app, "flash-no-code"),
        },
        Action::Shell => {
            if app.shell.open {
                app.shell.focused = !app.shell.focused;
                Vec::new()
            } else {
                open_shell(app)
            }
        }
        Action::ToShell(k) => to_shell(app, ShellInput::Key(k)),
        Action::ShellScroll(n) => to_shell(app, ShellInput::Scroll(n)),
        Action::ShellPage(n) => to_shell(app, ShellInput::Page(n)),
        Action::TypeCommand => match selected_code(app) {
            Some(text) => {
                let mut fx = if app.shell.open {
                    app.shell.focused = true;
                    Vec::new()
                } else {
                    open_shell(app)
                };
                // Typing stops before a value the learner must fill in; say which.
                if let Some(p) = crate::shell::keys::placeholder(&text) {
                    app.overlay.flash = Some((Flash::Placeholder(p.to_string()), 3 * FLASH_TICKS));
                    app.overlay.flash_seq += 1;
                }
                fx.push(Effect::TypeInShell(text));
                fx
            }
            None => refuse(app, "flash-no-code"),
        },
    }
}

/// The selected code block's text (the first block when none is selected).
fn selected_code(app: &App) -> Option<String> {
    let step = app.step()?;
    step.text
        .get(app.lang)
        .doc
        .code_blocks()
        .get(app.reading.code_selected.unwrap_or(0))
        .map(|b| b.text.clone())
}

/// Opens the pane with a new shell, focused.
fn open_shell(app: &mut App) -> Vec<Effect> {
    app.shell = ShellPane {
        open: true,
        focused: true,
    };
    vec![Effect::OpenShell]
}

/// A round finished: keep its results if it is the latest, complete the current step if it
/// passed, and move on.
fn done(app: &mut App, generation: u64, results: Vec<StepResult>) -> Vec<Effect> {
    if generation != app.rounds.generation {
        return Vec::new(); // the learner moved on meanwhile
    }
    app.rounds.checking = false;
    let completion = results
        .iter()
        .find_map(|r| app.session.completion(&app.course, r));
    for r in results {
        app.rounds.results.insert(r.key(), r);
    }
    if let Some(change) = completion {
        return advance(app, change);
    }
    if std::mem::take(&mut app.rounds.recheck_queued) {
        return request(app, true);
    }
    Vec::new()
}

/// Records that the current step is done (passed, confirmed or skipped), shows it, and opens the
/// next one.
fn advance(app: &mut App, change: Change) -> Vec<Effect> {
    let finished = app.current();
    let skipped = matches!(change, Change::Skipped { .. });
    app.session.apply(&change);
    let mut fx = vec![Effect::Save(change)];
    let next = app.current();
    let shown = match (&finished, &next) {
        (_, None) => Flash::CourseDone,
        (Some(k), _) if skipped => Flash::Skipped(k.clone()),
        (Some(k), _) => Flash::Passed(k.clone()),
        (None, _) => Flash::CourseDone,
    };
    show(app, shown);
    if let Some(k) = next {
        if Some(&app.reading.viewing) == finished.as_ref() {
            fx.extend(view(app, k));
            return fx;
        }
    }
    fx.extend(request(app, true));
    fx
}

/// Shows another step from its top, and checks it.
fn view(app: &mut App, key: StepKey) -> Vec<Effect> {
    app.reading = super::Reading::at(key);
    request(app, true)
}

/// Puts a confirmation on screen (a new one each time, even when the text repeats).
fn show(app: &mut App, flash: Flash) {
    app.overlay.flash = Some((flash, FLASH_TICKS));
    app.overlay.flash_seq += 1;
}

fn refuse(app: &mut App, id: &'static str) -> Vec<Effect> {
    show(app, Flash::Refused(id));
    Vec::new()
}

/// Asks for a round over the current step and the one on screen. `force` starts a new round at
/// once (older results will be dropped); otherwise a round in flight is followed by one more.
fn request(app: &mut App, force: bool) -> Vec<Effect> {
    if app.rounds.checking && !force {
        app.rounds.recheck_queued = true;
        return Vec::new();
    }
    let mut keys: Vec<StepKey> = app.current().into_iter().collect();
    if !keys.contains(&app.reading.viewing) && app.state(&app.reading.viewing) != StepState::Locked
    {
        keys.push(app.reading.viewing.clone());
    }
    let with_checks: Vec<StepKey> = keys
        .into_iter()
        .filter(|k| {
            app.course
                .step(k)
                .is_some_and(|(_, s)| !s.checks.is_empty())
        })
        .collect();
    if with_checks.is_empty() {
        return Vec::new();
    }
    app.rounds.generation += 1;
    app.rounds.checking = true;
    app.rounds.recheck_queued = false;
    let steps = with_checks
        .into_iter()
        .map(|k| {
            let began = app.session.beginning(&app.course, &k);
            (k, began)
        })
        .collect();
    vec![Effect::RunChecks {
        generation: app.rounds.generation,
        steps,
        answers: app.session.progress().answers.clone().into_iter().collect(),
    }]
}

/// The step `delta` places from the one on screen.
fn neighbour(app: &App, delta: isize) -> Option<StepKey> {
    let keys: Vec<StepKey> = app
        .course
        .steps()
        .map(|(l, s)| StepKey::new(&l.id, &s.id))
        .collect();
    let i = keys.iter().position(|k| *k == app.reading.viewing)?;
    keys.get(i.checked_add_signed(delta)?).cloned()
}

fn scrolled(now: u16, by: i32, max: u16) -> u16 {
    (i32::from(now.min(max)) + by).clamp(0, i32::from(max)) as u16
}

/// Whether any check of the current step satisfies `f`.
fn concerns_current(app: &App, f: impl Fn(&Check) -> bool) -> bool {
    app.current()
        .and_then(|k| app.course.step(&k).map(|(_, s)| s.checks.iter().any(&f)))
        .unwrap_or(false)
}
