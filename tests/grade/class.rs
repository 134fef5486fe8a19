//! A class: one daemon reached two ways plus a hung host with no write event on the daemon, the
//! watch board, roster columns in every export and the CSV gradebook.

use super::*;

/// `docker events` between two times, as (type, action) pairs.
fn events_between(since: i64, until: i64) -> Vec<(String, String)> {
    let out = docker(&[
        "events",
        "--since",
        &since.to_string(),
        "--until",
        &until.to_string(),
        "--format",
        "{{.Type}} {{.Action}}",
    ]);
    out.lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(t, a)| (t.to_string(), a.to_string()))
        .collect()
}

#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn a_class_reaches_one_daemon_two_ways_reports_the_hung_host_and_changes_nothing() {
    let Some(_guard) = daemon_tests("a_class_reaches_one_daemon_two_ways") else {
        return;
    };
    let known = arrange("class-secret-3");
    let socket = socket();
    let proxy = hosts::tcp_proxy(socket.trim_start_matches("unix://"));
    let silent = hosts::silent_tcp();
    let roster = known.work.path().join("class.toml");
    std::fs::write(
        &roster,
        format!(
            "[[learners]]\nname = \"ana\"\nhost = \"{socket}\"\nprogress = \"progress.json\"\nworkdir = \".\"\n\n[[learners]]\nname = \"luis\"\nhost = \"{proxy}\"\nprogress = \"progress.json\"\nworkdir = \".\"\n\n[[learners]]\nname = \"pedro\"\nhost = \"{silent}\"\n"
        ),
    )
    .expect("roster");
    // `docker events --since` counts whole seconds: let the arranging events' second pass.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let t0 = support::now();
    let start = Instant::now();
    let r = grade(
        MINI,
        &socket,
        &[
            "--roster",
            &roster.to_string_lossy(),
            "--timeout",
            "3",
            "--jobs",
            "4",
            "--format",
            "json",
        ],
    );
    let took = start.elapsed();
    println!("class of 3 (unix, tcp proxy, silent), timeout 3 s: {took:?}");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let events = events_between(t0, support::now() + 1);
    let table = grade(
        MINI,
        &socket,
        &["--roster", &roster.to_string_lossy(), "--timeout", "3"],
    );
    clean();
    assert_eq!(r.code, 2, "pedro never answers: {}", r.stderr);
    let v = json(&r);
    check_shape(&v);
    let l = v["learners"].as_array().expect("learners");
    assert_eq!(l[0]["reach"], "graded");
    assert_eq!(l[1]["reach"], "graded");
    assert_eq!(l[2]["reach"], "timed_out");
    assert_eq!(
        l[0]["daemon"]["id"], l[1]["daemon"]["id"],
        "the same daemon two ways"
    );
    assert_eq!(l[0]["score"], l[1]["score"]);
    assert_eq!(l[0]["score"]["passed"], 5);
    // Two rows, one daemon: each is flagged with the other's name; the silent host is not.
    assert_eq!(
        l[0]["same_daemon_as"],
        serde_json::json!(["luis"]),
        "{}",
        l[0]
    );
    assert_eq!(
        l[1]["same_daemon_as"],
        serde_json::json!(["ana"]),
        "{}",
        l[1]
    );
    assert!(l[2].get("same_daemon_as").is_none(), "{}", l[2]);
    let writes: Vec<_> = events
        .iter()
        .filter(|(_, a)| {
            [
                "create", "destroy", "kill", "tag", "rename", "untag", "delete",
            ]
            .contains(&a.as_str())
        })
        .collect();
    assert!(writes.is_empty(), "grading changed the daemon: {writes:?}");
    assert!(table.stdout.contains("Class summary"), "{}", table.stdout);
    assert!(table.stdout.contains("timed out"), "{}", table.stdout);
    assert!(
        table.stdout.contains("The same Docker daemon as luis"),
        "{}",
        table.stdout
    );
}

/// The live board in a 24×100 pseudo-terminal: the raw bytes it wrote so far (for the escape
/// sequences) and the screen they make (for text, which ratatui may write in pieces).
struct Board {
    child: std::process::Child,
    master: Option<std::os::fd::OwnedFd>,
    out: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
}

impl Board {
    fn start(roster: &std::path::Path, extra: &[&str]) -> Board {
        use nix::pty::{openpty, Winsize};
        use std::io::Read;
        use std::process::Stdio;
        let size = Winsize {
            ws_row: 24,
            ws_col: 100,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        let pty = openpty(&size, None).expect("openpty");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_pracdocker"));
        cmd.args(["--lang", "en", "--lessons", MINI, "grade", "--watch"])
            .args(["--timeout", "1"])
            .args(extra)
            .arg("--roster")
            .arg(roster)
            .env("TERM", "xterm")
            .stdin(Stdio::from(pty.slave.try_clone().expect("dup")))
            .stdout(Stdio::from(pty.slave.try_clone().expect("dup")))
            .stderr(Stdio::from(pty.slave));
        let child = cmd.spawn().expect("spawn board");
        drop(cmd);
        let out = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let sink = out.clone();
        let mut reader = std::fs::File::from(pty.master.try_clone().expect("dup"));
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                sink.lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .extend_from_slice(&buf[..n]);
            }
        });
        Board {
            child,
            master: Some(pty.master),
            out,
        }
    }

    fn bytes(&self) -> String {
        String::from_utf8_lossy(&self.out.lock().unwrap_or_else(|e| e.into_inner())).into_owned()
    }

    fn screen(&self) -> String {
        let mut parser = vt100::Parser::new(24, 100, 0);
        parser.process(&self.out.lock().unwrap_or_else(|e| e.into_inner()));
        parser.screen().contents()
    }

    /// Waits up to 10 s for the screen to show `what` `times` times.
    fn wait_for(&self, what: &str, times: usize) -> String {
        let start = Instant::now();
        loop {
            let shown = self.screen();
            if shown.matches(what).count() >= times || start.elapsed().as_secs() >= 10 {
                return shown;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }

    /// Presses `q` and waits for the board to end.
    fn quit(&mut self) -> std::process::ExitStatus {
        use std::io::Write;
        let master = self.master.take().expect("not quit yet");
        std::fs::File::from(master)
            .write_all(b"q")
            .expect("press q");
        let start = Instant::now();
        loop {
            if let Some(s) = self.child.try_wait().expect("wait") {
                std::thread::sleep(std::time::Duration::from_millis(200));
                return s;
            }
            assert!(start.elapsed().as_secs() < 15, "q did not quit");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

impl Drop for Board {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_watch_board_marks_a_dropped_host_quits_on_q_and_restores_the_terminal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = dir.path().join("class.csv");
    std::fs::write(
        &roster,
        format!("name,host\nrosa,{}\n", hosts::refused_tcp()),
    )
    .expect("roster");
    let mut board = Board::start(&roster, &[]);
    let shown = board.wait_for("dropped", 1);
    assert!(shown.contains("rosa"), "{shown}");
    assert!(shown.contains("dropped, reconnecting"), "{shown}");
    assert!(board.quit().success());
    let all = board.bytes();
    assert!(all.contains("\u{1b}[?1049l"), "alternate screen left");
    assert!(all.contains("\u{1b}[?25h"), "cursor shown again");
}

/// A file step completed with `check` (or in the trainer) is no daemon event: the board sees the
/// learner's progress file change and moves their row (it stayed at 0 until the next `docker`).
#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn the_board_follows_a_progress_file_that_changes_with_no_daemon_event() {
    let Some(_guard) = daemon_tests("the_board_follows_a_progress_file") else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let (progress, work) = (dir.path().join("progress.json"), dir.path().join("work"));
    std::fs::create_dir(&work).expect("workdir");
    let roster = dir.path().join("class.csv");
    let row = format!(
        "name,host,progress,workdir\nrosa,{},{},{}\n",
        socket(),
        progress.display(),
        work.display()
    );
    std::fs::write(&roster, row).expect("roster");
    let mut board = Board::start(&roster, &[]);
    let shown = board.wait_for("0/5", 1);
    assert!(shown.contains("live") && shown.contains("0/5"), "{shown}");
    std::fs::write(work.join("Dockerfile"), "FROM scratch\n").expect("Dockerfile");
    let check = Command::new(env!("CARGO_BIN_EXE_pracdocker"))
        .args(["--lang", "en", "--lessons", MINI, "--workdir"])
        .arg(&work)
        .arg("check")
        .env("PRACDOCKER_PROGRESS", &progress)
        .output()
        .expect("check");
    let said = String::from_utf8_lossy(&check.stdout);
    assert!(said.contains("✔ 01-imagen/dockerfile"), "{said}");
    let shown = board.wait_for("1/5", 1);
    assert!(
        shown.contains("1/5"),
        "the row moved with no daemon event:\n{shown}"
    );
    assert!(board.quit().success());
}

/// On a projector: `--anonymize` shows each learner by an alias in roster order and no name
/// anywhere on screen, while the roster (and so every export) keeps the names.
#[test]
fn the_anonymized_board_shows_aliases_in_roster_order_and_no_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = dir.path().join("class.csv");
    let csv = format!(
        "name,host\nRosa Jiménez,{}\nTomás Ruiz,{}\n",
        hosts::refused_tcp(),
        hosts::refused_tcp()
    );
    std::fs::write(&roster, csv).expect("roster");
    let mut board = Board::start(&roster, &["--anonymize"]);
    let shown = board.wait_for("dropped", 2);
    assert_eq!(shown.matches("dropped").count(), 2, "{shown}");
    let first = shown.find("Learner 001").expect(&shown);
    let second = shown.find("Learner 002").expect(&shown);
    assert!(first < second, "aliases follow the roster:\n{shown}");
    for name in ["Rosa", "Jiménez", "Tomás", "Ruiz"] {
        assert!(!shown.contains(name), "{name} on screen:\n{shown}");
    }
    assert!(board.quit().success());
}

/// The roster's own columns travel into every export, and `lang` sets that learner's language;
/// no daemon needed: both hosts are unreachable, and still reported with their columns.
#[test]
fn roster_columns_travel_into_every_export_and_lang_sets_the_feedback() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = dir.path().join("class.csv");
    std::fs::write(
        &roster,
        "name,student_id,host,email,lang\n\
         Ana,A-17,unix:///nonexistent/a.sock,ana@uni.es,es\n\
         \"Smith, Bo\",B-2,unix:///nonexistent/b.sock,\"bo@uni.uk\",\n",
    )
    .expect("roster");
    let roster = roster.to_string_lossy().into_owned();
    let r = grade(
        MINI,
        DEFAULT_SOCKET,
        &["--roster", &roster, "--format", "json"],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    let v = json(&r);
    check_shape(&v);
    let (ana, bo) = (&v["learners"][0], &v["learners"][1]);
    assert_eq!(ana["roster"]["student_id"], "A-17", "{ana}");
    assert_eq!(ana["roster"]["email"], "ana@uni.es");
    assert_eq!(bo["roster"]["student_id"], "B-2", "{bo}");
    assert!(
        ana["roster"].get("lang").is_none(),
        "lang is the grader's own column"
    );
    assert_eq!(
        (ana["lang"].as_str(), bo["lang"].as_str()),
        (Some("es"), Some("en"))
    );
    let msg = |l: &Value| {
        l["problem"]["message"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    assert!(msg(ana).starts_with("No se pudo verificar"), "{}", msg(ana));
    assert!(msg(bo).starts_with("Could not verify"), "{}", msg(bo));

    let r = grade(
        MINI,
        DEFAULT_SOCKET,
        &["--roster", &roster, "--format", "junit"],
    );
    assert!(
        r.stdout
            .contains("<property name=\"student_id\" value=\"A-17\"/>"),
        "{}",
        r.stdout
    );
    let r = grade(
        MINI,
        DEFAULT_SOCKET,
        &["--roster", &roster, "--format", "markdown"],
    );
    assert!(r.stdout.contains("| student_id | email |"), "{}", r.stdout);
    assert!(
        r.stdout.contains("| Smith, Bo | B-2 | bo@uni.uk |"),
        "{}",
        r.stdout
    );
}

/// `--format csv` is a gradebook an LMS imports: parsed back, one row per learner with the
/// roster's columns, and an unreachable learner has everything pending, never 0 points.
#[test]
fn the_csv_gradebook_parses_back_with_the_rosters_columns() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = dir.path().join("class.csv");
    std::fs::write(
        &roster,
        "name,student_id,host\n\"Pérez, Ana\",=A-17,unix:///nonexistent/a.sock\nLuis,B-2,unix:///nonexistent/b.sock\n",
    )
    .expect("roster");
    let roster = roster.to_string_lossy().into_owned();
    let r = grade(
        MINI,
        DEFAULT_SOCKET,
        &["--roster", &roster, "--format", "csv"],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stdout.ends_with("\r\n"), "{:?}", r.stdout);
    // A minimal RFC 4180 reader: quoted fields may hold commas and doubled quotes.
    let parse = |line: &str| -> Vec<String> {
        let (mut out, mut cur, mut quoted) = (Vec::new(), String::new(), false);
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    cur.push('"');
                    chars.next();
                }
                ('"', _) => quoted = !quoted,
                (',', false) => out.push(std::mem::take(&mut cur)),
                (c, _) => cur.push(c),
            }
        }
        out.push(cur);
        out
    };
    let rows: Vec<Vec<String>> = r.stdout.split_terminator("\r\n").map(parse).collect();
    assert_eq!(
        rows[0],
        [
            "name",
            "student_id",
            "host",
            "01-imagen",
            "02-red",
            "total",
            "max",
            "pending",
            "claimed",
            "flagged",
            "reach"
        ]
    );
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[1][0], "Pérez, Ana");
    assert_eq!(rows[1][1], "'=A-17", "a formula is defused");
    assert_eq!(rows[2][..3], ["Luis", "B-2", "unix:///nonexistent/b.sock"]);
    // Unreachable: no points, all 5 required steps pending.
    assert_eq!(
        rows[2][3..],
        ["", "", "", "5", "5", "0", "0", "unreachable"]
    );
}
