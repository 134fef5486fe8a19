//! `pracdocker --plain`: the same trainer as lines of text, for screen readers, dumb terminals
//! and pipes. The step as plain text, one line per checkpoint change, commands read from
//! standard input (`h` hint, a number answers, `s` skips, `l` language, `r` re-check, `n`/`p`
//! next/previous, an empty line confirms a reading step, `q` quits).

use std::collections::HashMap;
use std::io::Write;

use tokio::io::{AsyncBufReadExt, BufReader};

use super::runtime::Runtime;
use crate::app::{update, Action, App, DaemonStatus, Effect, Flash, Msg};
use crate::i18n::{check_message, Tr, Translators};
use crate::lang::Lang;

/// Runs until `q`, the end of standard input, or a signal.
pub async fn run(mut app: App, mut rt: Runtime) {
    let trs = Translators::new();
    let tr = |l: Lang| trs.get(l);
    let mut stdin = BufReader::new(tokio::io::stdin()).lines();
    let mut printer = Printer::default();
    printer.step(&app, tr(app.lang));
    let mut pending = update(&mut app, Msg::Action(Action::Recheck));
    loop {
        for e in std::mem::take(&mut pending) {
            match e {
                Effect::RunChecks {
                    generation,
                    steps,
                    answers,
                } => rt.run_checks(generation, steps, answers),
                Effect::Save(change) => rt.save(change),
                Effect::Quit => return,
                // Lines of text have no clipboard, job control or shell pane: the keys that ask
                // for them are not commands here.
                Effect::Copy(_)
                | Effect::Suspend
                | Effect::OpenShell
                | Effect::TypeInShell(_)
                | Effect::ToShell(_) => {}
            }
        }
        let msg = tokio::select! {
            line = stdin.next_line() => match line {
                Ok(Some(l)) => match command(l.trim()) {
                    Some(a) => Msg::Action(a),
                    None => {
                        printer.say(&tr(app.lang).t("plain-unknown-command"));
                        continue;
                    }
                },
                _ => return,
            },
            Some(m) = rt.rx.recv() => m,
        };
        rt.received(&msg);
        let before = (
            app.reading.viewing.clone(),
            app.lang,
            app.reading.hints_shown,
            app.overlay.flash_seq,
        );
        pending = update(&mut app, msg);
        let tr = tr(app.lang);
        if (app.reading.viewing.clone(), app.lang) != (before.0, before.1) {
            printer.step(&app, tr);
        } else if app.reading.hints_shown > before.2 {
            printer.hint(&app, tr);
        }
        if app.overlay.flash_seq != before.3 {
            if let Some((f, _)) = &app.overlay.flash {
                printer.say(&flash_text(f, &app, tr));
            }
        }
        printer.daemon(&app, tr);
        printer.checks(&app, tr);
    }
}

fn command(line: &str) -> Option<Action> {
    Some(match line {
        "" => Action::Confirm,
        "q" => Action::Quit,
        "h" => Action::Hint,
        "s" => Action::Skip,
        "l" => Action::ToggleLang,
        "r" => Action::Recheck,
        "n" => Action::NextStep,
        "p" => Action::PrevStep,
        "g" => Action::GoCurrent,
        n => Action::Answer(n.parse().ok().filter(|n| (1..=9).contains(n))?),
    })
}

fn flash_text(f: &Flash, app: &App, tr: &Tr) -> String {
    match f {
        Flash::Passed(k) => {
            let title = app
                .course
                .step(k)
                .map(|(_, s)| s.title(app.lang).to_string())
                .unwrap_or_default();
            tr.ta("flash-passed", &[("step", &title)])
        }
        Flash::Skipped(k) => {
            let title = app
                .course
                .step(k)
                .map(|(_, s)| s.title(app.lang).to_string())
                .unwrap_or_default();
            tr.ta("flash-skipped", &[("step", &title)])
        }
        Flash::CourseDone => tr.t("flash-course-done"),
        Flash::Placeholder(p) => tr.ta("flash-placeholder", &[("placeholder", p)]),
        Flash::Copied => tr.t(crate::ui::clipboard::copied_message(app.clipboard)),
        Flash::Refused(id) => tr.t(id),
        Flash::Notice(text) => text.clone(),
        // The plain trainer has no shell pane; listed so every flash has words.
        Flash::ShellExited(code) => tr.ta("tui-shell-exited", &[("code", &code.to_string())]),
        Flash::ShellFailed(why) => tr.ta("tui-shell-failed", &[("error", why)]),
    }
}

/// What was printed last, so only changes are printed again.
#[derive(Default)]
struct Printer {
    checks: HashMap<(String, usize), String>,
    daemon: Option<String>,
}

impl Printer {
    fn say(&mut self, line: &str) {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
    }

    fn step(&mut self, app: &App, tr: &Tr) {
        let Some((lesson, step)) = app.course.step(&app.reading.viewing) else {
            return;
        };
        let text = step.text.get(app.lang);
        let mut out = format!("\n== {} · {} ==\n", lesson.title.get(app.lang), text.title);
        if step.optional {
            out.push_str(&format!("({})\n", tr.t("step-optional")));
        }
        out.push('\n');
        let intro = lesson.intro.get(app.lang);
        if lesson.steps.first().is_some_and(|s| s.id == step.id) && !intro.is_empty() {
            out.push_str(&crate::ui::plain::to_string(
                lesson.intro_doc.get(app.lang),
                None,
                &tr.t("ui-note-label"),
            ));
            out.push_str("\n\n");
        }
        out.push_str(&crate::ui::plain::to_string(
            &text.doc,
            None,
            &tr.t("ui-note-label"),
        ));
        out.push('\n');
        let prompt = if step.checks.is_empty() {
            tr.t("plain-prompt-reading")
        } else {
            tr.t("plain-prompt")
        };
        out.push_str(&prompt);
        self.checks
            .retain(|(k, _), _| *k != app.reading.viewing.to_string());
        self.say(&out);
    }

    fn hint(&mut self, app: &App, tr: &Tr) {
        let Some(step) = app.step() else { return };
        let step_text = step.text.get(app.lang);
        let hints = &step_text.hints;
        let shown = app.reading.hints_shown.saturating_sub(1);
        if let (Some((title, _)), Some(doc)) = (hints.get(shown), step_text.hint_docs.get(shown)) {
            let text = crate::ui::plain::to_string(doc, None, &tr.t("ui-note-label"));
            let head = tr.ta(
                "tui-hint",
                &[
                    ("n", &app.reading.hints_shown.to_string()),
                    ("total", &hints.len().to_string()),
                    ("title", title),
                ],
            );
            self.say(&format!("\n{head}\n{text}"));
        }
    }

    fn daemon(&mut self, app: &App, tr: &Tr) {
        let line = match &app.daemon {
            DaemonStatus::Connecting => return,
            DaemonStatus::Up { version, host } => {
                tr.ta("tui-daemon-up", &[("version", version), ("host", host)])
            }
            DaemonStatus::Down(u) => crate::i18n::diagnosis(u, tr),
        };
        if self.daemon.as_ref() != Some(&line) {
            self.say(&line);
            self.daemon = Some(line);
        }
    }

    fn checks(&mut self, app: &App, tr: &Tr) {
        let Some(r) = app.rounds.results.get(&app.reading.viewing) else {
            return;
        };
        for (i, c) in r.checks.iter().enumerate() {
            let symbol = crate::ui::panels::status_symbol(c.outcome.status());
            let line = format!("{symbol} {}", check_message(c, tr));
            let key = (app.reading.viewing.to_string(), i);
            if self.checks.get(&key) != Some(&line) {
                self.say(&line);
                self.checks.insert(key, line);
            }
        }
    }
}
