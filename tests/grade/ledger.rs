//! `grade --ledger`, `--from-ledger`, `--as-of` and `--deadline` through the binary: a ledger
//! written by hand reported in every format at several times with no daemon (a torn last line
//! warned about), and against the real daemon: the second one-off grade appends nothing, a
//! removed container's step stays done from the ledger, and ledger evidence makes a recorded
//! step observed once the daemon has forgotten it.

use super::*;

/// One hand-written line: (learner, lesson, step, check, kind, status, seconds after 10:00).
fn line(learner: &str, step: (&str, &str, usize, &str), status: &str, secs: u32) -> String {
    let (lesson, id, check, kind) = step;
    let at = format!("2026-12-07T10:{:02}:{:02}Z", secs / 60, secs % 60);
    let reason = match status {
        "failed" => r#","reason":{"id":"network-missing","name":"mininet"}"#,
        _ => "",
    };
    format!(
        r#"{{"ts":"{at}","at":"{at}","clock":"grader","learner":"{learner}","roster":{{"student_id":"{learner}-id"}},"host":"tcp://10.0.0.5:2375","lesson":"{lesson}","step":"{id}","check":{check},"kind":"{kind}","target":"x","status":"{status}"{reason}}}"#
    )
}

const RED: (&str, &str, usize, &str) = ("02-red", "crear-red", 0, "network");
const WEB: (&str, &str, usize, &str) = ("02-red", "servidor", 0, "container");
const HTTP: (&str, &str, usize, &str) = ("02-red", "servidor", 1, "http");

fn hand_ledger(dir: &Path) -> PathBuf {
    let lines = [
        r#"{"pracdocker_ledger":1,"created":"2026-12-07T09:59:00Z","tool":"pracdocker 0.1.0"}"#
            .to_string(),
        line("ana", RED, "failed", 60),
        line("ana", RED, "passed", 120),
        line("ana", WEB, "passed", 200),
        line("ana", HTTP, "passed", 300),
        // Lesson 2 is undone later: done stays done.
        line("ana", RED, "failed", 900),
        line("luis", RED, "failed", 100),
        line("luis", RED, "passed", 1500),
    ];
    let path = dir.join("class.ledger");
    // The last line was cut short by a crash.
    let text = lines.join("\n") + "\n" + &line("luis", WEB, "passed", 1600)[..40];
    std::fs::write(&path, text).expect("ledger");
    path
}

fn from(ledger: &Path, args: &[&str]) -> Run {
    let l = ledger.to_string_lossy().into_owned();
    let mut all = vec!["--from-ledger", l.as_str()];
    all.extend_from_slice(args);
    // No daemon: a host that cannot answer proves none is asked.
    grade(MINI, "unix:///nonexistent/docker.sock", &all)
}

fn step<'v>(v: &'v Value, learner: &str, step: &str) -> &'v Value {
    let l = v["learners"]
        .as_array()
        .expect("learners")
        .iter()
        .find(|l| l["name"] == learner)
        .unwrap_or_else(|| panic!("{learner} in {v}"));
    l["lessons"]
        .as_array()
        .expect("lessons")
        .iter()
        .flat_map(|x| x["steps"].as_array().expect("steps"))
        .find(|s| s["id"] == step)
        .expect("step")
}

#[test]
fn from_a_ledger_the_class_as_it_stood_in_every_format_with_no_daemon() {
    let dir = tempfile::tempdir().expect("dir");
    let ledger = hand_ledger(dir.path());
    let end = from(&ledger, &["--format", "json"]);
    assert!(
        end.stderr.contains("line 9 is incomplete"),
        "a torn last line is warned about: {}",
        end.stderr
    );
    let v = json(&end);
    assert_eq!(v["as_of"], "2026-12-07T10:25:00Z", "the end of the ledger");
    assert_eq!(v["learners"].as_array().map(Vec::len), Some(2));
    let red = step(&v, "ana", "crear-red");
    assert_eq!(red["status"], "passed", "undone later, done at 10:02");
    assert_eq!(red["done"]["basis"], "observed");
    assert_eq!(red["done"]["at"], "2026-12-07T10:02:00Z");
    assert_eq!(
        red["checks"][0]["status"], "failed",
        "what the grader saw last"
    );
    assert_eq!(step(&v, "ana", "servidor")["status"], "passed");
    let tag = step(&v, "ana", "etiquetar");
    assert_eq!(tag["status"], "unknown", "never seen: pending, never 0");
    assert_eq!(tag["checks"][0]["reason"]["id"], "not-in-ledger");
    assert_eq!(v["learners"][0]["roster"]["student_id"], "ana-id");
    assert_eq!(v["learners"][0]["graded_at"], "2026-12-07T10:15:00Z");
    assert!(
        v["learners"][0].get("daemon").is_none(),
        "no daemon was asked"
    );
    assert_eq!(v["learners"][0]["reach"], "graded");
    assert_eq!(
        end.code, 0,
        "nothing failed, the rest is pending: {}",
        end.stdout
    );

    // At 10:04 ana had the network, not yet the server; luis had nothing.
    let t = from(
        &ledger,
        &["--format", "json", "--as-of", "2026-12-07T11:04:00+01:00"],
    );
    let v = json(&t);
    assert_eq!(v["as_of"], "2026-12-07T10:04:00Z");
    assert_eq!(step(&v, "ana", "crear-red")["status"], "passed");
    assert_eq!(step(&v, "ana", "servidor")["status"], "unknown");
    assert_eq!(step(&v, "luis", "crear-red")["status"], "failed");
    let early = json(&from(
        &ledger,
        &["--format", "json", "--as-of", "2026-12-07T10:00:30Z"],
    ));
    assert_eq!(early["learners"].as_array().map(Vec::len), Some(0));

    // A deadline at 10:04: ana's server (10:05) and luis's network (10:25) are late.
    let late = |fmt: &str| {
        from(
            &ledger,
            &["--format", fmt, "--deadline", "2026-12-07T10:04:00Z"],
        )
    };
    let v = json(&late("json"));
    assert_eq!(v["deadline"], "2026-12-07T10:04:00Z");
    assert_eq!(step(&v, "ana", "servidor")["late"], true);
    assert!(step(&v, "ana", "crear-red").get("late").is_none());
    assert_eq!(step(&v, "luis", "crear-red")["late"], true);
    assert_eq!(v["learners"][0]["score"]["late"], 1);
    let table = late("table");
    assert!(
        table.stdout.contains("Deadline 2026-12-07T10:04:00Z"),
        "{}",
        table.stdout
    );
    assert!(table.stdout.contains("late: 1"), "{}", table.stdout);
    let servidor = table
        .stdout
        .lines()
        .find(|l| l.contains("servidor") && l.contains('✔'))
        .unwrap_or_else(|| panic!("{}", table.stdout));
    assert!(servidor.contains("— late"), "{servidor}");
    let md = late("markdown");
    assert!(md.stdout.contains("— late"), "{}", md.stdout);
    let csv = late("csv");
    let head = csv.stdout.lines().next().unwrap_or_default();
    assert!(head.ends_with(",reach,late"), "{head}");
    assert!(
        csv.stdout
            .lines()
            .nth(1)
            .is_some_and(|r| r.starts_with("ana,ana-id,") && r.ends_with(",graded,1")),
        "{}",
        csv.stdout
    );
    let junit = late("junit");
    let doc = roxmltree::Document::parse(&junit.stdout).expect("JUnit parses");
    let late_cases: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("property") && n.attribute("name") == Some("pracdocker.late"))
        .filter_map(|n| n.ancestors().find(|a| a.has_tag_name("testcase")))
        .filter_map(|c| c.attribute("name"))
        .collect();
    assert_eq!(late_cases.len(), 2, "{}", junit.stdout);
    assert!(late_cases.iter().any(|c| c.starts_with("servidor")));

    // In Spanish too, and a time that is none.
    let es = Command::new(env!("CARGO_BIN_EXE_pracdocker"))
        .args(["--lang", "es", "--lessons", MINI, "grade", "--from-ledger"])
        .arg(&ledger)
        .args(["--deadline", "2026-12-07T10:04:00Z"])
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&es.stdout).contains("fuera de plazo"));
    let bad = from(&ledger, &["--as-of", "yesterday"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("--as-of"), "{}", bad.stderr);
    let missing = from(&dir.path().join("none.ledger"), &[]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("Cannot use the ledger"),
        "{}",
        missing.stderr
    );
}

fn lines(path: &Path) -> usize {
    std::fs::read_to_string(path).map_or(0, |t| t.lines().count())
}

#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn a_ledger_keeps_what_the_daemon_forgets() {
    let Some(_guard) = daemon_tests("a_ledger_keeps_what_the_daemon_forgets") else {
        return;
    };
    let known = arrange("ledger-pw-3");
    let work = known.work.path().to_string_lossy().into_owned();
    let ledger = known.work.path().join("class.ledger");
    let l = ledger.to_string_lossy().into_owned();
    let once = |extra: &[&str]| {
        let mut args = vec!["--workdir", work.as_str(), "--ledger", l.as_str()];
        args.extend_from_slice(extra);
        grade(MINI, &socket(), &args)
    };
    let first = once(&["--format", "json"]);
    assert_eq!(first.code, 0, "{}{}", first.stdout, first.stderr);
    let after_first = lines(&ledger);
    // Header plus one line per check of the mini course (6 checks).
    assert_eq!(
        after_first,
        7,
        "{}",
        std::fs::read_to_string(&ledger).unwrap_or_default()
    );
    let second = once(&[]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert_eq!(
        lines(&ledger),
        after_first,
        "nothing changed: nothing appended"
    );
    let text = std::fs::read_to_string(&ledger).expect("ledger");
    let web: Value = text
        .lines()
        .filter_map(|x| serde_json::from_str::<Value>(x).ok())
        .find(|e| e["kind"] == "container")
        .expect("the server's container line");
    let id = web["evidence"]["container_id"]
        .as_str()
        .expect("container id")
        .to_string();
    assert_eq!(web["learner"], first_name(&first));

    // The course undoes the server: the grade appends the change, the ledger keeps it done.
    docker(&["rm", "-f", "mini-web"]);
    let third = once(&[]);
    assert_eq!(third.code, 1);
    assert!(lines(&ledger) > after_first);
    let report = Command::new(env!("CARGO_BIN_EXE_pracdocker"))
        .args([
            "--lang",
            "en",
            "--lessons",
            MINI,
            "grade",
            "--format",
            "json",
        ])
        .arg("--from-ledger")
        .arg(&ledger)
        .output()
        .expect("run");
    let v: Value = serde_json::from_slice(&report.stdout).expect("json");
    let server = step(
        &v,
        v["learners"][0]["name"].as_str().unwrap_or(""),
        "servidor",
    );
    assert_eq!(server["status"], "passed", "{server}");
    assert_eq!(server["done"]["basis"], "observed");
    assert_eq!(server["checks"][0]["status"], "failed", "as last seen");

    // A progress file records the server done with the removed container's id; the daemon's
    // history from `started` (now) no longer names it: claimed alone, observed with the ledger.
    // A whole second after the removal, so the daemon's history from `started` misses it.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let now = support::now() * 1_000_000_000;
    let done = |k: &str| format!(r#""{k}":{now}"#);
    let keys = [
        "01-imagen/dockerfile",
        "01-imagen/etiquetar",
        "01-imagen/que-hace-tag",
        "02-red/crear-red",
        "02-red/servidor",
    ];
    let completed: Vec<String> = keys.iter().map(|k| done(k)).collect();
    let progress = known.work.path().join("recorded.json");
    std::fs::write(
        &progress,
        format!(
            r#"{{"version":3,"started":{now},"answers":{{"01-imagen/que-hace-tag":2}},"completed":{{{}}},"evidence":{{"02-red/servidor":[{{"container_id":"{id}","container_name":"mini-web"}}]}}}}"#,
            completed.join(",")
        ),
    )
    .expect("progress");
    let p = progress.to_string_lossy().into_owned();
    let basis = |r: &Run| {
        let v = json(r);
        step(
            &v,
            v["learners"][0]["name"].as_str().unwrap_or(""),
            "servidor",
        )["done"]["basis"]
            .clone()
    };
    let alone = grade(
        MINI,
        &socket(),
        &["--workdir", &work, "--progress", &p, "--format", "json"],
    );
    let with = once(&["--progress", &p, "--format", "json", "--deadline", "1h"]);
    let on_time = once(&[
        "--progress",
        &p,
        "--format",
        "json",
        "--deadline",
        "2099-01-01T00:00:00Z",
    ]);
    clean();
    assert_eq!(basis(&alone), "claimed", "{}", alone.stdout);
    assert_eq!(basis(&with), "observed", "{}", with.stdout);
    // A live grade: completed after a deadline an hour ago, every step is late.
    let v = json(&with);
    assert_eq!(v["learners"][0]["score"]["late"], 5, "{}", with.stdout);
    assert_eq!(
        step(
            &v,
            v["learners"][0]["name"].as_str().unwrap_or(""),
            "etiquetar"
        )["late"],
        true
    );
    let v = json(&on_time);
    assert!(v["learners"][0]["score"].get("late").is_none());
    assert!(v["deadline"].is_string());
}

fn first_name(r: &Run) -> String {
    json(r)["learners"][0]["name"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn the_live_board_appends_each_change_it_sees_to_the_ledger() {
    use nix::pty::{openpty, Winsize};
    use std::io::{Read, Write};
    use std::process::Stdio;
    let Some(_guard) = daemon_tests("the_live_board_appends_each_change_it_sees_to_the_ledger")
    else {
        return;
    };
    let known = arrange("board-pw-5");
    let dir = known.work.path();
    let roster = dir.join("class.csv");
    std::fs::write(
        &roster,
        format!(
            "name,student_id,host,workdir\nana,A-17,{},{}\n",
            socket(),
            dir.display()
        ),
    )
    .expect("roster");
    let ledger = dir.join("board.ledger");
    let size = Winsize {
        ws_row: 24,
        ws_col: 100,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    let pty = openpty(&size, None).expect("openpty");
    let mut child = Command::new(env!("CARGO_BIN_EXE_pracdocker"))
        .args([
            "--lang",
            "en",
            "--lessons",
            MINI,
            "grade",
            "--watch",
            "--roster",
        ])
        .arg(&roster)
        .arg("--ledger")
        .arg(&ledger)
        .env("TERM", "xterm")
        .stdin(Stdio::from(pty.slave.try_clone().expect("dup")))
        .stdout(Stdio::from(pty.slave.try_clone().expect("dup")))
        .stderr(Stdio::from(pty.slave))
        .spawn()
        .expect("spawn board");
    // Drain the screen so the board never blocks on a full terminal.
    let mut reader = std::fs::File::from(pty.master.try_clone().expect("dup"));
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(1..) = reader.read(&mut buf) {}
    });
    let wait_for = |n: usize| {
        let start = Instant::now();
        while lines(&ledger) < n && start.elapsed() < std::time::Duration::from_secs(20) {
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        lines(&ledger)
    };
    // Header plus the first grade's six checks.
    assert_eq!(wait_for(7), 7);
    docker(&["rm", "-f", "mini-web"]);
    let after = wait_for(8);
    std::fs::File::from(pty.master)
        .write_all(b"q")
        .expect("press q");
    let status = child.wait().expect("board quits");
    clean();
    assert!(status.success());
    assert!(after >= 8, "the removal was appended");
    let read = pracdocker::ledger::read(&ledger).expect("ledger");
    let gone = read
        .entries
        .iter()
        .find(|e| e.kind == "container" && e.status == pracdocker::check::Status::Failed)
        .expect("the container's change");
    assert_eq!(gone.learner, "ana");
    assert_eq!(
        gone.roster,
        vec![("student_id".to_string(), "A-17".to_string())]
    );
    let v = json(&from(&ledger, &["--format", "json"]));
    assert_eq!(
        step(&v, "ana", "servidor")["status"],
        "passed",
        "done stays done"
    );
}
