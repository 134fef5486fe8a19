//! The learner's shell pane end to end: the real binary with `--shell` in an outer
//! pseudo-terminal, keys typed through that terminal. A command typed into the pane completes the
//! network step (against the daemon, behind `support::daemon_tests`); a full-screen program takes
//! keys and quits; resizing the outer terminal resizes the shell's (`stty size`); quitting leaves
//! no process behind; a flood of output leaves the trainer answering keys.
#![cfg(unix)]

mod support;

use std::sync::Mutex;
use std::time::{Duration, Instant};

use support::pty::{alive, children, Fixture, Term, PROMPT};

/// One trainer at a time: they share two cores with everything else.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

const LONG: Duration = Duration::from_secs(20);
const F2: &[u8] = b"\x1bOQ";

fn serial() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

/// A trainer with its pane open and the shell's prompt up, at 80×24.
fn started(fx: &Fixture, daemon: bool) -> Term {
    let mut t = fx.trainer(24, 80, daemon);
    t.expect("Terminal ·", LONG);
    if !daemon {
        t.expect("No se pudo verificar", LONG);
    }
    t.expect(PROMPT.trim_end(), LONG);
    // The shell answers: the pane has the focus from the start.
    t.send(b"echo ready-$((20+22))\r");
    t.expect("ready-42", LONG);
    t
}

/// Waits until a resize's new layout is drawn whole: `marker` (a corner only the new layout has)
/// and the status line at the foot. Reading the screen mid-frame once looked like keys lost after
/// a resize (issue 9); typing at once after the redraw loses nothing.
fn drawn(t: &Term, marker: &str) {
    t.wait_for(LONG, |s| {
        s.contains(marker) && s.lines().any(|l| l.starts_with("✘ No se pudo verificar"))
    })
    .unwrap_or_else(|s| panic!("no {marker} with the status line:\n{s}"));
    // No pause after it: keys typed at once after a resize used to stay unread in about 1 run in
    // 4 (crossterm's edge-triggered event source dropped the terminal's readiness when the resize
    // signal woke it at the same moment; the trainer now uses its level-triggered source on
    // Linux, see Cargo.toml).
}

/// The rows of the status line without a daemon (why, the fix, the keys: wrapped to the width),
/// counted from the row where it begins to the foot of the screen.
fn status_rows(screen: &str, rows: u16) -> u16 {
    let lines: Vec<&str> = screen.lines().collect();
    let start = lines
        .iter()
        .rposition(|l| l.starts_with("✘ No se pudo verificar"))
        .unwrap_or_else(|| panic!("no daemon status line:\n{screen}"));
    rows - start as u16
}

/// `stty size` as the shell in the pane reports it.
fn stty_size(t: &mut Term, tag: &str) -> (u16, u16) {
    t.send(format!("echo {tag} $(stty size)\r").as_bytes());
    // The answer line, wherever the pane is (beside the lesson it starts after the lesson's
    // columns): the tag then two numbers.
    let answer = |screen: &str| -> Option<(u16, u16)> {
        screen.lines().find_map(|l| {
            let (_, rest) = l.split_once(&format!("{tag} "))?;
            let mut nums = rest.split_whitespace().map(|n| n.parse::<u16>());
            match (nums.next(), nums.next(), nums.next()) {
                (Some(Ok(r)), Some(Ok(c)), None) => Some((r, c)),
                _ => None,
            }
        })
    };
    t.wait_for(LONG, |s| answer(s).is_some())
        .unwrap_or_else(|s| panic!("no {tag} line:\n{s}"));
    answer(&t.contents()).unwrap_or_default()
}

#[test]
fn a_full_screen_program_a_resize_and_quitting_leave_no_process() {
    let _one = serial();
    let fx = Fixture::new();
    let mut t = started(&fx, false);

    // At 80×24 the pane sits under the lesson: full width, about half the rows.
    let rows = 24 - status_rows(&t.contents(), 24);
    assert_eq!(stty_size(&mut t, "size-a"), ((rows - 1) / 2 - 1, 80));

    // A full-screen program gets the keys and gives the screen back.
    std::fs::write(
        fx.workdir().join("n.txt"),
        (1..=100)
            .map(|i| format!("linea-{i}\n"))
            .collect::<String>(),
    )
    .expect("write n.txt");
    t.send(b"less n.txt\r");
    t.expect("linea-5", LONG);
    t.send(b"G");
    t.expect("linea-100", LONG);
    assert!(!t.contents().contains("linea-2\n"), "{}", t.contents());
    t.send(b"q");
    // less drops typeahead when it gives the terminal back: wait for the prompt, as a person would.
    t.expect(&format!("less n.txt\n{}", PROMPT.trim_end()), LONG);
    t.send(b"echo after-less\r");
    t.expect("\nafter-less", LONG);

    // The outer terminal grows: stacked at 100 columns, then side by side at 150.
    t.resize(30, 100);
    // Type once the new layout is drawn (the lesson list is back at 100 columns).
    drawn(&t, "┌Mini curso");
    let rows = 30 - status_rows(&t.contents(), 30);
    assert_eq!(stty_size(&mut t, "size-b"), ((rows - 1) / 2 - 1, 100));
    t.resize(40, 150);
    // Type once the new layout is drawn (the pane's corner beside the lesson).
    drawn(&t, "┌ Terminal");
    let rows = 40 - status_rows(&t.contents(), 40);
    // Half of 150 columns, less the pane's left edge; every row but its title.
    assert_eq!(stty_size(&mut t, "size-c"), (rows - 1, 74));

    // A program running in the pane when the trainer quits goes too.
    t.send(b"sleep 300\r");
    let trainer = t.pid();
    let deadline = Instant::now() + LONG;
    let (shells, sleeps) = loop {
        let shells = children(trainer);
        let sleeps: Vec<(u32, String)> = shells
            .iter()
            .flat_map(|(pid, _)| children(*pid))
            .filter(|(_, name)| name == "sleep")
            .collect();
        if !sleeps.is_empty() || Instant::now() > deadline {
            break (shells, sleeps);
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(
        shells.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>(),
        ["sh"],
        "the trainer's children"
    );
    assert_eq!(sleeps.len(), 1, "the shell's `sleep`: {sleeps:?}");
    t.send(F2);
    t.expect("F2 para escribir aquí", LONG);
    t.send(b"q");
    assert_eq!(
        t.wait_exit(LONG).map(|s| s.exit_code()),
        Some(0),
        "the trainer quits with q"
    );
    let deadline = Instant::now() + Duration::from_secs(5);
    let gone = |pids: &[(u32, String)]| pids.iter().all(|(p, _)| !alive(*p));
    while !(gone(&shells) && gone(&sleeps)) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    // The shell was reaped by the trainer before it exited: not even a zombie is left.
    assert!(gone(&shells), "shell left behind: {shells:?}");
    assert!(gone(&sleeps), "program left behind: {sleeps:?}");
}

#[test]
fn the_shell_exiting_closes_the_pane_and_f2_opens_a_new_one() {
    let _one = serial();
    let fx = Fixture::new();
    let mut t = started(&fx, false);
    let first = children(t.pid());
    t.send(b"exit 7\r");
    t.expect("La terminal terminó (estado 7)", LONG);
    assert!(!t.contents().contains("Terminal ·"), "{}", t.contents());
    assert!(first.iter().all(|(p, _)| !alive(*p)), "reaped: {first:?}");
    t.send(F2);
    t.expect("Terminal ·", LONG);
    t.send(b"echo again-$((1+1))\r");
    t.expect("again-2", LONG);
    // t: the selected command typed into the shell, not run.
    t.send(F2);
    t.expect("F2 para escribir aquí", LONG);
    t.send(b"t");
    t.expect(&format!("{PROMPT}docker network create mininet"), LONG);
    std::thread::sleep(Duration::from_millis(300));
    let screen = t.contents();
    // Not run: the row under the typed command is empty (no network id, no error).
    let lines: Vec<&str> = screen.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with(&format!("{PROMPT}docker network create mininet")))
        .expect("typed line");
    assert_eq!(lines.get(at + 1).map(|l| l.trim()), Some(""), "{screen}");
    assert!(
        screen.contains("F2 vuelve a la lección"),
        "the shell has the focus"
    );
    // Ctrl-U clears the line: the command never ran.
    t.send(b"\x15exit\r");
    t.expect("La terminal terminó (estado 0)", LONG);
}

#[test]
fn a_flood_of_output_leaves_the_trainer_answering_keys() {
    let _one = serial();
    let fx = Fixture::new();
    let mut t = started(&fx, false);
    t.send(b"seq 1 200000\r");
    // Once the flood is under way, press F2 and ? (help).
    t.wait_for(LONG, |s| s.lines().any(|l| l.trim().parse::<u32>().is_ok()))
        .unwrap_or_else(|s| panic!("no output from seq:\n{s}"));
    let pressed = Instant::now();
    t.send(F2);
    t.send(b"?");
    let shown = t.expect("Teclas", LONG);
    let during = !t.contents().contains("200000");
    eprintln!(
        "help shown {:?} after the key press ({})",
        pressed.elapsed().min(shown + Duration::from_millis(1)),
        if during {
            "flood still running"
        } else {
            "flood already over"
        }
    );
    assert!(
        pressed.elapsed() < Duration::from_secs(2),
        "help took {:?}",
        pressed.elapsed()
    );
    t.send(b"?"); // closes the help
                  // The last number, then the prompt back (rows may end in spaces ratatui painted).
    t.wait_for(Duration::from_secs(60), |s| {
        let rows: Vec<&str> = s.lines().map(str::trim_end).collect();
        rows.windows(2)
            .any(|w| w[0] == "200000" && w[1] == PROMPT.trim_end())
    })
    .unwrap_or_else(|s| panic!("the flood did not end on screen:\n{s}"));
    t.send(b"q");
    assert_eq!(t.wait_exit(LONG).map(|s| s.exit_code()), Some(0));
}

#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn a_command_typed_in_the_pane_completes_the_network_step() {
    let Some(_daemon) = support::daemon_tests("shell_pty network step") else {
        return;
    };
    let _one = serial();
    struct Cleanup;
    impl Drop for Cleanup {
        fn drop(&mut self) {
            support::docker_quiet(&["network", "rm", "mininet"]);
        }
    }
    support::docker_quiet(&["network", "rm", "mininet"]);
    let _cleanup = Cleanup;
    let fx = Fixture::new();
    let mut t = started(&fx, true);
    t.expect("No existe la red mininet", LONG);
    t.send(b"docker network create mininet\r");
    t.expect("Paso 2/2 · Un servidor en la red", LONG);
    t.expect("Paso completado: Crear la red", LONG);
    let deadline = Instant::now() + LONG;
    let mut progress = String::new();
    while !progress.contains("02-red/crear-red") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
        progress = std::fs::read_to_string(fx.progress()).expect("progress");
    }
    assert!(progress.contains("02-red/crear-red"), "saved: {progress}");
    t.send(F2);
    t.send(b"q");
    assert_eq!(t.wait_exit(LONG).map(|s| s.exit_code()), Some(0));
}
