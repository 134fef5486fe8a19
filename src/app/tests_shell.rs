//! `update` for the shell pane: F2 opens it focused and then moves the focus, `t` types the
//! selected command (opening the pane when needed), the shell's end closes the pane.

use std::sync::Arc;

use super::{update, Action, App, Effect, Flash, Msg, ShellPane};
use crate::course::Source;
use crate::key::StepKey;
use crate::lang::Lang;
use crate::progress::Progress;
use crate::session::Session;

/// The mini course, on the network step (the steps before it completed).
fn app() -> App {
    let course = crate::course::load(&Source::Dir(
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/mini-curso").into(),
    ))
    .expect("sample course");
    let mut p = Progress::default();
    for (i, k) in [
        "01-imagen/dockerfile",
        "01-imagen/etiquetar",
        "01-imagen/que-hace-tag",
    ]
    .iter()
    .enumerate()
    {
        p.completed.insert(k.parse().expect("key"), 100 + i as i64);
    }
    let app = App::new(Arc::new(course), Session::detached(p), Lang::Es);
    assert_eq!(app.reading.viewing, StepKey::new("02-red", "crear-red"));
    app
}

fn act(app: &mut App, a: Action) -> Vec<Effect> {
    update(app, Msg::Action(a))
}

#[test]
fn f2_opens_the_pane_focused_then_moves_the_focus() {
    let mut a = app();
    assert_eq!(a.shell, ShellPane::default());
    assert_eq!(act(&mut a, Action::Shell), vec![Effect::OpenShell]);
    assert_eq!(
        a.shell,
        ShellPane {
            open: true,
            focused: true
        }
    );
    assert_eq!(act(&mut a, Action::Shell), vec![]);
    assert!(a.shell.open && !a.shell.focused);
    assert_eq!(act(&mut a, Action::Shell), vec![]);
    assert!(a.shell.open && a.shell.focused);
}

#[test]
fn t_types_the_selected_command_opening_the_pane_if_needed() {
    let mut a = app();
    assert_eq!(
        act(&mut a, Action::TypeCommand),
        vec![
            Effect::OpenShell,
            Effect::TypeInShell("docker network create mininet".into())
        ]
    );
    assert!(a.shell.focused);
    // Already open, lesson focused: no second shell, the focus goes to it.
    act(&mut a, Action::Shell);
    assert!(!a.shell.focused);
    assert_eq!(
        act(&mut a, Action::TypeCommand),
        vec![Effect::TypeInShell("docker network create mininet".into())]
    );
    assert!(a.shell.focused);
}

#[test]
fn t_without_a_code_block_is_refused_and_opens_nothing() {
    let mut a = app();
    a.reading.viewing = StepKey::new("01-imagen", "que-hace-tag");
    // The quiz step has no code block (its command is inline code).
    assert_eq!(act(&mut a, Action::TypeCommand), vec![]);
    assert_eq!(a.overlay.flash, Some((Flash::Refused("flash-no-code"), 4)));
    assert!(!a.shell.open);
}

#[test]
fn the_shell_ending_closes_the_pane_and_says_how() {
    let mut a = app();
    act(&mut a, Action::Shell);
    assert!(update(&mut a, Msg::ShellExited(3)).is_empty());
    assert_eq!(a.shell, ShellPane::default());
    assert_eq!(a.overlay.flash, Some((Flash::ShellExited(3), 4)));
    act(&mut a, Action::Shell);
    assert!(update(&mut a, Msg::ShellFailed("no pty".into())).is_empty());
    assert!(!a.shell.open);
    assert_eq!(
        a.overlay.flash,
        Some((Flash::ShellFailed("no pty".into()), 4))
    );
}

#[test]
fn t_on_a_command_with_a_placeholder_says_what_the_learner_fills_in() {
    let course = crate::course::load(&Source::BuiltIn).expect("built-in course");
    let mut a = App::new(
        Arc::new(course),
        Session::detached(Progress::default()),
        Lang::Es,
    );
    a.reading.viewing = StepKey::new("02-contenedor", "detener");
    let fx = act(&mut a, Action::TypeCommand);
    // The whole block goes to the pane, which types it up to the placeholder.
    assert!(
        matches!(fx.last(), Some(Effect::TypeInShell(t)) if t.contains("<id del contenedor>")),
        "{fx:?}"
    );
    assert_eq!(
        a.overlay.flash.as_ref().map(|(f, _)| f),
        Some(&Flash::Placeholder("<id del contenedor>".into()))
    );
}
