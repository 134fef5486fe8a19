//! The live class board (`grade --watch`) for a class of 300, drawn with ratatui's `TestBackend`
//! at 80×24 in Spanish and English and compared with the snapshots in `tests/snapshots/`
//! (insta): the learner view scrolled and sorted, the per-step view, and `--anonymize`. The
//! board is built from state alone (no daemon), as the view is a function of the state. Each
//! screen also asserts the sentences it exists to show.
//!
//! Create or update the snapshots with `INSTA_UPDATE=always cargo test --test board_snapshots`.

use std::time::Duration;

use pracdocker::board::keys::{act, Action};
use pracdocker::board::{Board, Link, Sort, Update, View};
use pracdocker::check::{Reason, Unverifiable};
use pracdocker::course::Points;
use pracdocker::grade::summary::{Mark, Summary};
use pracdocker::i18n::Tr;
use pracdocker::lang::Lang;
use pracdocker::report::{Score, Tally};
use pracdocker::ui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

const LANGS: [Lang; 2] = [Lang::Es, Lang::En];
const STEPS: [&str; 6] = [
    "01 construir",
    "01 etiquetar",
    "01 ver-etiquetas",
    "02 crear-red",
    "02 conectar",
    "02 probar",
];

/// Learner `i` of 300 has passed `i % 7` steps (never more than 6); every tenth one is
/// unreachable; each passed their last step `i % 40` minutes before the board's now (25 min).
fn class() -> Board {
    let names = (0..300).map(|i| format!("ana.{i:03}")).collect();
    let mut b = Board::new(
        vec!["01-imagen".into(), "02-red".into()],
        STEPS.iter().map(|s| s.to_string()).collect(),
        names,
    );
    b.height = 24;
    for i in 0..300usize {
        if i % 10 == 9 {
            let why = Unverifiable::DaemonTimeout {
                host: format!("tcp://10.0.{}.{}:2375", i / 250, i % 250),
            };
            b.apply(Update::Link(i, Link::Dropped(why)), Duration::ZERO);
            continue;
        }
        b.apply(Update::Link(i, Link::Live), Duration::ZERO);
        let passed = (i % 7).min(6);
        let marks: Vec<Mark> = (0..6)
            .map(|s| match s {
                s if s < passed => Mark::Passed,
                // The tag step fails two ways; the network step one.
                1 if i % 3 == 0 => Mark::Failed(Some(Reason::ImageMissing {
                    reference: "python-docker:v1.0.0".into(),
                })),
                1 => Mark::Failed(Some(Reason::ImageNotSame {
                    reference: "python-docker:v1.0.0".into(),
                    other: "python-docker:latest".into(),
                })),
                3 => Mark::Failed(Some(Reason::NetworkMissing {
                    name: "mysqlnet".into(),
                })),
                _ => Mark::Unknown(Some(Unverifiable::NoWorkdir)),
            })
            .collect();
        // Lesson 01's steps are worth 1 point each, lesson 02's 2: points and steps differ.
        let score = |from: usize, to: usize, worth: u64| {
            let done = (passed.clamp(from, to) - from) as u64;
            Score {
                passed: done as usize,
                required: to - from,
                points: Tally {
                    earned: Points::whole(done * worth),
                    max: Points::whole((to - from) as u64 * worth),
                    pending: Points::ZERO,
                },
                ..Default::default()
            }
        };
        let s = Summary {
            scores: vec![score(0, 3, 1), score(3, 6, 2)],
            optional: vec![false; 6],
            marks,
        };
        let at = Duration::from_secs(60 * (40 - (i % 40) as u64));
        b.apply(Update::Graded(i, s), at);
    }
    b.now = Duration::from_secs(60 * 40);
    b
}

fn draw(b: &Board, lang: Lang) -> (TestBackend, String) {
    let tr = Tr::new(lang);
    let theme = Theme::new(false);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| pracdocker::board::view::view(f, b, &tr, &theme))
        .expect("draw");
    let backend = terminal.backend().clone();
    let buffer = backend.buffer();
    let text = (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n");
    (backend, text)
}

fn snapshot(name: &str, b: &Board, lang: Lang, expected: &[&str]) -> String {
    let (backend, text) = draw(b, lang);
    insta::assert_snapshot!(format!("{name}_{}", lang.code()), backend);
    for e in expected {
        assert!(
            text.contains(e),
            "{name} ({}): expected {e:?}:\n{text}",
            lang.code()
        );
    }
    text
}

fn pick<'a>(lang: Lang, es: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Es => es,
        Lang::En => en,
    }
}

#[test]
fn learners_scrolled_to_the_second_page() {
    for lang in LANGS {
        let mut b = class();
        act(&mut b, Action::PageDown);
        let text = snapshot(
            "board_learners_page_2",
            &b,
            lang,
            &[
                pick(lang, "filas 21–40 de 300", "rows 21–40 of 300"),
                pick(lang, "300/300 calificados", "300/300 graded"),
                pick(lang, "orden: nombre", "sorted by name"),
                "ana.020",
                pick(lang, "RePág", "PgUp"),
            ],
        );
        assert!(!text.contains("ana.019"), "the first page is scrolled off");
    }
}

#[test]
fn learners_sorted_by_time_without_progress_at_the_end() {
    for lang in LANGS {
        let mut b = class();
        act(&mut b, Action::CycleSort);
        act(&mut b, Action::CycleSort);
        assert_eq!(b.sort, Sort::Stalled);
        act(&mut b, Action::End);
        snapshot(
            "board_learners_stalled_end",
            &b,
            lang,
            &[
                pick(lang, "filas 281–300 de 300", "rows 281–300 of 300"),
                pick(lang, "tiempo sin avance", "time without progress"),
            ],
        );
        // Longest without progress first: the top rows have gone 38 minutes without (39 are unreachable).
        act(&mut b, Action::Home);
        let (_, text) = draw(&b, lang);
        assert!(text.contains("38 min"), "{text}");
    }
}

#[test]
fn per_step_view_counts_and_names_the_commonest_failure() {
    for lang in LANGS {
        let mut b = class();
        act(&mut b, Action::ToggleView);
        assert_eq!(b.view, View::Steps);
        snapshot(
            "board_steps",
            &b,
            lang,
            &[
                pick(lang, "pasos 1–6 de 6", "steps 1–6 of 6"),
                pick(lang, "Atascados", "Stuck"),
                pick(
                    lang,
                    "python-docker:v1.0.0 es una imagen",
                    "python-docker:v1.0.0 is a different",
                ),
            ],
        );
    }
}

#[test]
fn anonymized_board_shows_aliases_and_no_names() {
    for lang in LANGS {
        let mut b = class();
        b.anonymize = true;
        let text = snapshot(
            "board_anonymized",
            &b,
            lang,
            &[pick(lang, "Estudiante 001", "Learner 001")],
        );
        assert!(!text.contains("ana."), "no roster name on screen:\n{text}");
        // The roster's names stay in the state, for the ledger and reports.
        assert_eq!(b.rows[0].name, "ana.000");
    }
}

/// The built-in course has 12 lessons; at 80 columns 2 fit beside the fixed columns. The board
/// says which are shown and → brings the next into view (it showed the first ones, with no sign
/// of the rest).
#[test]
fn lessons_that_do_not_fit_the_width_are_named_and_reached_with_the_arrows() {
    use pracdocker::board::keys::resize;
    use pracdocker::board::view::lessons_fitting;
    for lang in LANGS {
        let tr = Tr::new(lang);
        let mut b = Board::new(
            (1..=12).map(|i| format!("{i:02}-lesson")).collect(),
            vec!["01 a".into()],
            vec!["ana.000".into(), "ana.001".into()],
        );
        let fit = lessons_fitting(&b, 80, &tr);
        assert!(fit > 0 && fit < 12, "{fit} of 12 lessons at 80 columns");
        resize(&mut b, 24, fit);
        let (_, text) = draw(&b, lang);
        let last = format!("{fit:02}");
        let said = |from: &str, to: &str| match lang {
            Lang::Es => format!("lecciones {from}–{to} de 12 (← →)"),
            Lang::En => format!("lessons {from}–{to} of 12 (← →)"),
        };
        assert!(text.contains(&said("01", &last)), "{text}");
        let header = text.lines().nth(1).expect("header row");
        assert!(
            header.contains(" 01 ") && !header.contains(" 12 "),
            "{header}"
        );
        assert!(act(&mut b, Action::Right));
        let (_, text) = draw(&b, lang);
        let header = text.lines().nth(1).expect("header row");
        assert!(
            !header.contains(" 01 ") && header.contains(" 02 "),
            "{header}"
        );
        assert!(
            text.contains(&said("02", &format!("{:02}", fit + 1))),
            "{text}"
        );
        act(&mut b, Action::ToggleView);
        let (_, text) = draw(&b, lang);
        assert!(
            !text.contains("(← →)"),
            "the step view has no lesson columns:\n{text}"
        );
        // Wide enough for every lesson: nothing to say.
        act(&mut b, Action::ToggleView);
        resize(&mut b, 24, 12);
        assert_eq!(b.lesson_window(b.fit), (0, 12));
    }
}
