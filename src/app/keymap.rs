//! Keys and mouse to [`Action`]s, in one table, before anything touches state (so `update` is
//! tested without a terminal, and the help overlay lists the same bindings).

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind,
};

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
}

/// The key that opens the shell pane and moves the focus: F2. No shell, readline, `less`, `vi`,
/// `psql` or `docker` binding uses it (`Ctrl-]` is vim's tag jump and telnet's escape; `Ctrl-G`,
/// `Ctrl-\` and `Esc` all mean something to programs a learner runs), and it reaches the
/// trainer on every terminal, also while the shell has the focus.
pub fn is_shell_key(k: &KeyEvent) -> bool {
    k.code == KeyCode::F(2) && k.kind != KeyEventKind::Release
}

/// The bindings shown in the help overlay: (keys, Fluent id of what they do). Ctrl-Z only where
/// there is job control (see [`help`]).
pub const HELP: &[(&str, &str)] = &[
    ("← →  p n", "key-steps"),
    ("g", "key-current"),
    ("↑ ↓  PgUp PgDn", "key-scroll"),
    ("h", "key-hint"),
    ("1-9", "key-answer"),
    ("Enter", "key-confirm"),
    ("s", "key-skip"),
    ("Tab  c", "key-code"),
    ("F2", "key-shell"),
    ("t", "key-type"),
    ("Shift-PgUp PgDn", "key-shell-scroll"),
    ("r", "key-recheck"),
    ("l", "key-lang"),
    ("?", "key-help"),
    ("Ctrl-Z", "key-suspend"),
    ("q  Ctrl-C", "key-quit"),
];

/// The bindings this system has: [`HELP`] without Ctrl-Z where there is no job control
/// (Windows).
pub fn help() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    HELP.iter()
        .filter(|(_, id)| crate::platform::JOB_CONTROL || *id != "key-suspend")
}

/// The action for a terminal event, if any.
pub fn action(ev: &Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => key(k),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollUp => Some(Action::Scroll(-3)),
            MouseEventKind::ScrollDown => Some(Action::Scroll(3)),
            _ => None,
        },
        _ => None,
    }
}

fn key(k: &KeyEvent) -> Option<Action> {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    Some(match k.code {
        KeyCode::Char('c') if ctrl => Action::Quit,
        KeyCode::Char('z') if ctrl && crate::platform::JOB_CONTROL => Action::Suspend,
        _ if ctrl => return None,
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Esc => Action::Close,
        KeyCode::Right | KeyCode::Char('n') => Action::NextStep,
        KeyCode::Left | KeyCode::Char('p') => Action::PrevStep,
        KeyCode::Char('g') => Action::GoCurrent,
        KeyCode::Up | KeyCode::Char('k') => Action::Scroll(-1),
        KeyCode::Down | KeyCode::Char('j') => Action::Scroll(1),
        KeyCode::PageUp => Action::Page(-1),
        KeyCode::PageDown | KeyCode::Char(' ') => Action::Page(1),
        KeyCode::Char('h') => Action::Hint,
        KeyCode::Char('s') => Action::Skip,
        KeyCode::Enter => Action::Confirm,
        KeyCode::Char(c @ '1'..='9') => Action::Answer(c as u8 - b'0'),
        KeyCode::Char('r') => Action::Recheck,
        KeyCode::Char('l') => Action::ToggleLang,
        KeyCode::Char('?') => Action::Help,
        KeyCode::Tab => Action::NextCode,
        KeyCode::Char('c') | KeyCode::Char('y') => Action::Copy,
        KeyCode::F(2) => Action::Shell,
        KeyCode::Char('t') => Action::TypeCommand,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, mods))
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
        let listed = help().any(|(_, id)| *id == "key-suspend");
        if cfg!(unix) {
            assert_eq!(z, Some(Action::Suspend));
            assert!(listed);
        } else {
            assert_eq!(z, None);
            assert!(!listed);
        }
    }
}
