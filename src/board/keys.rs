//! The board's keys: a key becomes an [`Action`] in one keymap, and an action changes the
//! [`Board`] in one pure function, so scrolling, sorting and switching views are tested without
//! a terminal. Knows nothing of drawing.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::{page, Board, Sort, View};

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// One row up.
    Up,
    /// One row down.
    Down,
    /// One page up.
    PageUp,
    /// One page down.
    PageDown,
    /// To the first row.
    Home,
    /// To the last page.
    End,
    /// The lesson columns one to the left.
    Left,
    /// The lesson columns one to the right (lessons that did not fit the width).
    Right,
    /// Learners ↔ steps.
    ToggleView,
    /// Name → progress → time without progress → name.
    CycleSort,
    /// Close the board.
    Quit,
}

/// The keymap.
pub fn action(code: KeyCode, m: KeyModifiers) -> Option<Action> {
    if m.contains(KeyModifiers::CONTROL) {
        return (code == KeyCode::Char('c')).then_some(Action::Quit);
    }
    Some(match code {
        KeyCode::Char('q') | KeyCode::Esc => Action::Quit,
        KeyCode::Up | KeyCode::Char('k') => Action::Up,
        KeyCode::Down | KeyCode::Char('j') => Action::Down,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::PageDown | KeyCode::Char(' ') => Action::PageDown,
        KeyCode::Home | KeyCode::Char('g') => Action::Home,
        KeyCode::Left | KeyCode::Char('h') => Action::Left,
        KeyCode::Right | KeyCode::Char('l') => Action::Right,
        KeyCode::End | KeyCode::Char('G') => Action::End,
        KeyCode::Char('v') | KeyCode::Tab => Action::ToggleView,
        KeyCode::Char('s') => Action::CycleSort,
        _ => return None,
    })
}

/// Applies an action; true when the screen changes. `Quit` changes nothing here: the loop ends.
pub fn act(b: &mut Board, a: Action) -> bool {
    let first = b.first();
    let step = page(b.height);
    match a {
        Action::Up => b.set_first(first.saturating_sub(1)),
        Action::Down => b.set_first(first + 1),
        Action::PageUp => b.set_first(first.saturating_sub(step)),
        Action::PageDown => b.set_first(first + step),
        Action::Home => b.set_first(0),
        Action::End => b.set_first(usize::MAX),
        Action::Left | Action::Right => {
            let (before, n) = b.lesson_window(b.fit);
            b.lesson_offset = match a {
                Action::Left => before.saturating_sub(1),
                _ => before + 1,
            };
            b.lesson_offset = b.lesson_window(n).0;
            return b.view == View::Learners && b.lesson_offset != before;
        }
        Action::ToggleView => {
            b.view = match b.view {
                View::Learners => View::Steps,
                View::Steps => View::Learners,
            };
            return true;
        }
        Action::CycleSort => {
            b.sort = match b.sort {
                Sort::Name => Sort::Progress,
                Sort::Progress => Sort::Stalled,
                Sort::Stalled => Sort::Name,
            };
            return true;
        }
        Action::Quit => return false,
    }
    b.first() != first
}

/// A terminal resize: the page size and how many lesson columns `fit` change; the first row
/// and the first lesson column stay inside their lists.
pub fn resize(b: &mut Board, height: u16, fit: usize) {
    b.height = height;
    b.fit = fit;
    b.lesson_offset = b.lesson_window(fit).0;
    let (o, s) = (b.offset, b.step_offset);
    let view = b.view;
    for v in [View::Learners, View::Steps] {
        b.view = v;
        b.set_first(if v == View::Learners { o } else { s });
    }
    b.view = view;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn board(n: usize) -> Board {
        Board::new(
            vec!["01".into()],
            (0..30).map(|i| format!("step {i}")).collect(),
            (0..n).map(|i| format!("learner {i:03}")).collect(),
        )
    }

    fn press(b: &mut Board, code: KeyCode) -> bool {
        let a = action(code, KeyModifiers::NONE).expect("a bound key");
        act(b, a)
    }

    #[test]
    fn arrows_pages_home_and_end_scroll_within_the_list() {
        let mut b = board(300);
        b.height = 24; // 20 rows a page
        assert!(!press(&mut b, KeyCode::Up), "already at the top");
        assert!(press(&mut b, KeyCode::Down));
        assert!(press(&mut b, KeyCode::Char('j')));
        assert_eq!(b.first(), 2);
        press(&mut b, KeyCode::Char('k'));
        assert_eq!(b.first(), 1);
        press(&mut b, KeyCode::PageDown);
        assert_eq!(b.first(), 21);
        press(&mut b, KeyCode::PageUp);
        press(&mut b, KeyCode::PageUp);
        assert_eq!(b.first(), 0);
        press(&mut b, KeyCode::End);
        assert_eq!(b.first(), 280);
        assert!(!press(&mut b, KeyCode::PageDown), "the last page stays");
        press(&mut b, KeyCode::Home);
        assert_eq!(b.first(), 0);
    }

    #[test]
    fn each_view_keeps_its_own_place_and_a_resize_keeps_it_inside() {
        let mut b = board(300);
        b.height = 24;
        press(&mut b, KeyCode::End);
        assert!(press(&mut b, KeyCode::Char('v')));
        assert_eq!(b.view, View::Steps);
        assert_eq!(b.first(), 0, "the step view starts at its top");
        press(&mut b, KeyCode::End);
        assert_eq!(b.first(), 10, "30 steps, 20 a page");
        assert!(press(&mut b, KeyCode::Tab));
        assert_eq!(b.first(), 280);
        resize(&mut b, 104, 1);
        assert_eq!(b.first(), 200, "100 rows a page");
        assert_eq!(b.step_offset, 0);
    }

    #[test]
    fn left_and_right_move_the_lesson_columns_that_do_not_fit() {
        let mut b = Board::new(
            (1..=12).map(|i| format!("{i:02}-lesson")).collect(),
            vec!["01 a".into()],
            vec!["ana".into()],
        );
        resize(&mut b, 24, 7);
        assert!(!press(&mut b, KeyCode::Left), "already at the first lesson");
        assert!(press(&mut b, KeyCode::Right));
        assert!(press(&mut b, KeyCode::Char('l')));
        assert_eq!(b.lesson_window(b.fit), (2, 7));
        for _ in 0..10 {
            press(&mut b, KeyCode::Right);
        }
        assert_eq!(b.lesson_window(b.fit), (5, 7), "12 lessons, 7 shown: 06–12");
        assert!(!press(&mut b, KeyCode::Right), "the last lesson is shown");
        assert!(press(&mut b, KeyCode::Char('h')));
        assert_eq!(b.lesson_offset, 4, "one press back is one column back");
        resize(&mut b, 24, 12);
        assert_eq!(b.lesson_window(b.fit), (0, 12), "all fit: from the first");
        assert!(!press(&mut b, KeyCode::Right));
    }

    #[test]
    fn s_cycles_the_sort_and_quit_keys_quit() {
        let mut b = board(3);
        for want in [Sort::Progress, Sort::Stalled, Sort::Name] {
            assert!(press(&mut b, KeyCode::Char('s')));
            assert_eq!(b.sort, want);
        }
        for (code, m) in [
            (KeyCode::Char('q'), KeyModifiers::NONE),
            (KeyCode::Esc, KeyModifiers::NONE),
            (KeyCode::Char('c'), KeyModifiers::CONTROL),
        ] {
            assert_eq!(action(code, m), Some(Action::Quit));
        }
        assert_eq!(action(KeyCode::Char('x'), KeyModifiers::NONE), None);
        assert_eq!(action(KeyCode::Char('j'), KeyModifiers::CONTROL), None);
    }
}
