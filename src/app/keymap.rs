//! Keys, pastes and the mouse to messages, through one table that also writes the help overlay,
//! before anything touches state (so `update` is tested without a terminal). While the shell
//! pane has the focus its keys become messages too ([`Action::ToShell`]): `update` decides, the
//! loop only carries them out.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind,
};

use super::{App, Msg};

/// What the learner asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave the trainer.
    Quit,
    /// Show the next step (when it is unlocked).
    NextStep,
    /// Show the previous step.
    PrevStep,
    /// Back to the step to work on.
    GoCurrent,
    /// Scroll the step text by lines (negative: up).
    Scroll(i16),
    /// Scroll by a page (negative: up).
    Page(i16),
    /// Show one more hint.
    Hint,
    /// Skip an optional step.
    Skip,
    /// Confirm a reading step (no checks).
    Confirm,
    /// Answer the quiz with option N (1-based).
    Answer(u8),
    /// Check again now.
    Recheck,
    /// Switch between Spanish and English.
    ToggleLang,
    /// Show or hide the help overlay.
    Help,
    /// Close an overlay.
    Close,
    /// Select the next code block.
    NextCode,
    /// Copy the selected code block's command.
    Copy,
    /// Suspend to the shell.
    Suspend,
    /// Open the shell pane, or move the focus between the lesson and the shell.
    Shell,
    /// Type the selected code block's command into the shell pane (without Enter).
    TypeCommand,
    /// A key for the program in the shell pane.
    ToShell(KeyEvent),
    /// Scroll the shell pane's output back by lines (negative: forward).
    ShellScroll(i16),
    /// Scroll the shell pane's output back by pages (negative: forward).
    ShellPage(i16),
}

/// The key that opens the shell pane and moves the focus: F2. No shell, readline, `less`, `vi`,
/// `psql` or `docker` binding uses it (`Ctrl-]` is vim's tag jump and telnet's escape; `Ctrl-G`,
/// `Ctrl-\` and `Esc` all mean something to programs a learner runs), and it reaches the
/// trainer on every terminal, also while the shell has the focus.
pub fn is_shell_key(k: &KeyEvent) -> bool {
    k.code == KeyCode::F(2) && k.kind != KeyEventKind::Release
}

/// One row of the table: the keys as the help shows them, the Fluent id of what they do, and
/// what they ask for with the focus on the lesson and on the shell pane (`None`: not these keys).
pub struct Binding {
    /// The keys, as the help overlay shows them.
    pub keys: &'static str,
    /// Fluent id of what they do.
    pub help: &'static str,
    lesson: fn(&KeyEvent) -> Option<Action>,
    shell: fn(&KeyEvent) -> Option<Action>,
}

fn none(_: &KeyEvent) -> Option<Action> {
    None
}

fn ctrl(k: &KeyEvent) -> bool {
    k.modifiers.contains(KeyModifiers::CONTROL)
}

/// `c` without Ctrl, for one-letter bindings.
fn letter(k: &KeyEvent, c: char) -> bool {
    k.code == KeyCode::Char(c) && !ctrl(k)
}

/// Every binding, in the order the help lists them.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: "← →  p n",
        help: "key-steps",
        lesson: |k| match k.code {
            _ if ctrl(k) => None,
            KeyCode::Right | KeyCode::Char('n') => Some(Action::NextStep),
            KeyCode::Left | KeyCode::Char('p') => Some(Action::PrevStep),
            _ => None,
        },
        shell: none,
    },
    Binding {
        keys: "g",
        help: "key-current",
        lesson: |k| letter(k, 'g').then_some(Action::GoCurrent),
        shell: none,
    },
    Binding {
        keys: "↑ ↓  PgUp PgDn",
        help: "key-scroll",
        lesson: |k| match k.code {
            _ if ctrl(k) => None,
            KeyCode::Up | KeyCode::Char('k') => Some(Action::Scroll(-1)),
            KeyCode::Down | KeyCode::Char('j') => Some(Action::Scroll(1)),
            KeyCode::PageUp => Some(Action::Page(-1)),
            KeyCode::PageDown | KeyCode::Char(' ') => Some(Action::Page(1)),
            _ => None,
        },
        shell: none,
    },
    Binding {
        keys: "h",
        help: "key-hint",
        lesson: |k| letter(k, 'h').then_some(Action::Hint),
        shell: none,
    },
    Binding {
        keys: "1-9",
        help: "key-answer",
        lesson: |k| match k.code {
            KeyCode::Char(c @ '1'..='9') if !ctrl(k) => Some(Action::Answer(c as u8 - b'0')),
            _ => None,
        },
        shell: none,
    },
    Binding {
        keys: "Enter",
        help: "key-confirm",
        lesson: |k| (k.code == KeyCode::Enter && !ctrl(k)).then_some(Action::Confirm),
        shell: none,
    },
    Binding {
        keys: "s",
        help: "key-skip",
        lesson: |k| letter(k, 's').then_some(Action::Skip),
        shell: none,
    },
    Binding {
        keys: "Tab  c",
        help: "key-code",
        lesson: |k| match k.code {
            _ if ctrl(k) => None,
            KeyCode::Tab => Some(Action::NextCode),
            KeyCode::Char('c') | KeyCode::Char('y') => Some(Action::Copy),
            _ => None,
        },
        shell: none,
    },
    Binding {
        keys: "F2",
        help: "key-shell",
        lesson: |k| is_shell_key(k).then_some(Action::Shell),
        shell: |k| is_shell_key(k).then_some(Action::Shell),
    },
    Binding {
        keys: "t",
        help: "key-type",
        lesson: |k| letter(k, 't').then_some(Action::TypeCommand),
        shell: none,
    },
    Binding {
        keys: "Shift-PgUp PgDn",
        help: "key-shell-scroll",
        lesson: none,
        shell: |k| match (k.code, k.modifiers.contains(KeyModifiers::SHIFT)) {
            (KeyCode::PageUp, true) => Some(Action::ShellPage(1)),
            (KeyCode::PageDown, true) => Some(Action::ShellPage(-1)),
            _ => None,
        },
    },
    Binding {
        keys: "r",
        help: "key-recheck",
        lesson: |k| letter(k, 'r').then_some(Action::Recheck),
        shell: none,
    },
    Binding {
        keys: "l",
        help: "key-lang",
        lesson: |k| letter(k, 'l').then_some(Action::ToggleLang),
        shell: none,
    },
    Binding {
        keys: "?",
        help: "key-help",
        lesson: |k| letter(k, '?').then_some(Action::Help),
        shell: none,
    },
    Binding {
        keys: "Esc",
        help: "key-close",
        lesson: |k| (k.code == KeyCode::Esc).then_some(Action::Close),
        shell: none,
    },
    Binding {
        keys: "Ctrl-Z",
        help: "key-suspend",
        lesson: |k| {
            (crate::platform::JOB_CONTROL && ctrl(k) && k.code == KeyCode::Char('z'))
                .then_some(Action::Suspend)
        },
        shell: none,
    },
    Binding {
        keys: "q  Ctrl-C",
        help: "key-quit",
        lesson: |k| match k.code {
            KeyCode::Char('c') if ctrl(k) => Some(Action::Quit),
            KeyCode::Char('q') if !ctrl(k) => Some(Action::Quit),
            _ => None,
        },
        shell: none,
    },
];

/// The bindings this system has, for the help: Ctrl-Z only where there is job control.
pub fn help() -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .filter(|b| crate::platform::JOB_CONTROL || b.help != "key-suspend")
}

/// The message for a terminal event in this state, if any. `over_pane`: a mouse event falls on
/// the shell pane.
pub fn message(ev: &Event, app: &App, over_pane: bool) -> Option<Msg> {
    let shell_focus = app.shell.open && app.shell.focused && app.overlay.modal.is_none();
    let action = match ev {
        Event::Key(k) if k.kind == KeyEventKind::Release => None,
        Event::Key(k) if shell_focus => BINDINGS
            .iter()
            .find_map(|b| (b.shell)(k))
            .or(Some(Action::ToShell(*k))),
        Event::Key(k) => key(k),
        Event::Paste(text) if shell_focus => return Some(Msg::Paste(text.clone())),
        Event::Mouse(m) => match (m.kind, over_pane && app.shell.open) {
            (MouseEventKind::ScrollUp, true) => Some(Action::ShellScroll(3)),
            (MouseEventKind::ScrollDown, true) => Some(Action::ShellScroll(-3)),
            (MouseEventKind::ScrollUp, false) => Some(Action::Scroll(-3)),
            (MouseEventKind::ScrollDown, false) => Some(Action::Scroll(3)),
            _ => None,
        },
        Event::Resize(cols, rows) => {
            return Some(Msg::Resize {
                cols: *cols,
                rows: *rows,
            })
        }
        _ => None,
    };
    action.map(Msg::Action)
}

/// The action for a key while the lesson has the focus.
pub fn key(k: &KeyEvent) -> Option<Action> {
    BINDINGS.iter().find_map(|b| (b.lesson)(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    fn action(k: &KeyEvent) -> Option<Action> {
        key(k)
    }

    #[test]
    fn keys_map_to_actions() {
        let none = KeyModifiers::NONE;
        assert_eq!(
            action(&press(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(action(&press(KeyCode::Char('c'), none)), Some(Action::Copy));
        assert_eq!(
            action(&press(KeyCode::Char('3'), none)),
            Some(Action::Answer(3))
        );
        assert_eq!(action(&press(KeyCode::Char('x'), none)), None);
        assert_eq!(
            action(&press(KeyCode::Char('x'), KeyModifiers::CONTROL)),
            None
        );
        assert_eq!(action(&press(KeyCode::F(2), none)), Some(Action::Shell));
        assert_eq!(
            action(&press(KeyCode::Char('t'), none)),
            Some(Action::TypeCommand)
        );
        assert!(is_shell_key(&KeyEvent::new(KeyCode::F(2), none)));
        assert!(!is_shell_key(&KeyEvent::new(KeyCode::F(3), none)));
    }

    #[test]
    fn ctrl_z_suspends_only_where_there_is_job_control() {
        let z = action(&press(KeyCode::Char('z'), KeyModifiers::CONTROL));
        let listed = help().any(|b| b.help == "key-suspend");
        if cfg!(unix) {
            assert_eq!(z, Some(Action::Suspend));
            assert!(listed);
        } else {
            assert_eq!(z, None);
            assert!(!listed);
        }
    }
}
