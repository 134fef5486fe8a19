//! `pracdocker grade` end to end: the binary against unreachable and hung hosts (no daemon
//! needed), and against the real daemon in a known state (golden JSON with ids and times masked,
//! JUnit read back by an XML parser, a learner's password absent from every format, a class
//! roster reaching one daemon two ways plus a silent host, with no write event on the daemon).
#![cfg(unix)]

#[path = "grade/formats.rs"]
mod formats;
#[path = "grade/hosts.rs"]
mod hosts;
#[path = "grade/ledger.rs"]
mod ledger;
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde_json::Value;
use support::{daemon_tests, docker};

const MINI: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/mini-curso");
/// The default daemon socket, as the golden report names it.
const DEFAULT_SOCKET: &str = "unix:///var/run/docker.sock";
const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/grade/golden-mini.json");

/// The daemon the tests arrange states on: `DOCKER_HOST` when it is a unix socket (as
/// `.ci/engine26` sets for Engine 26.1), else the default socket.
fn socket() -> String {
    std::env::var("DOCKER_HOST")
        .ok()
        .filter(|h| h.starts_with("unix://"))
        .unwrap_or_else(|| DEFAULT_SOCKET.to_string())
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `pracdocker --lang en --lessons COURSE grade ARGS` with `DOCKER_HOST`.
fn grade(course: &str, host: &str, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_pracdocker"))
        .args(["--lang", "en", "--lessons", course, "grade"])
        .args(args)
        .env("DOCKER_HOST", host)
        .env_remove("DOCKER_CONTEXT")
        .env_remove("DOCKER_TLS_VERIFY")
        .output()
        .expect("run pracdocker");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn json(r: &Run) -> Value {
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}\n{}", r.stdout, r.stderr))
}

/// A key and the type its value must have.
type Field<'a> = (&'a str, fn(&Value) -> bool);

/// Asserts the documented shape (docs/grading.md, schema_version 3): required keys and types.
fn check_shape(v: &Value) {
    let obj = |v: &Value, keys: &[Field], at: &str| {
        for (k, ok) in keys {
            let x = v
                .get(k)
                .unwrap_or_else(|| panic!("{at}: missing {k} in {v}"));
            assert!(ok(x), "{at}.{k} has the wrong type: {x}");
        }
    };
    let s: fn(&Value) -> bool = Value::is_string;
    let n: fn(&Value) -> bool = Value::is_u64;
    let b: fn(&Value) -> bool = Value::is_boolean;
    let a: fn(&Value) -> bool = Value::is_array;
    let o: fn(&Value) -> bool = Value::is_object;
    let status: fn(&Value) -> bool =
        |x| matches!(x.as_str(), Some("passed" | "failed" | "unknown"));
    obj(
        v,
        &[
            ("schema_version", |x| x.as_u64() == Some(3)),
            ("tool", s),
            ("lang", s),
            ("graded_at", s),
            ("course", s),
            ("lessons", a),
            ("learners", a),
        ],
        "report",
    );
    let score = [
        ("passed", n),
        ("required", n),
        ("failed", n),
        ("unknown", n),
        ("claimed", n),
        ("flagged", n),
        ("optional_passed", n),
        ("optional", n),
        ("points", o),
    ];
    let num: fn(&Value) -> bool = |x| x.as_f64().is_some_and(|f| f >= 0.0);
    let tally = [("earned", num), ("max", num), ("pending", num)];
    for l in v["learners"].as_array().expect("learners") {
        obj(
            l,
            &[
                ("name", s),
                ("host", s),
                ("reach", |x| {
                    matches!(x.as_str(), Some("graded" | "unreachable" | "timed_out"))
                }),
                ("graded_at", s),
                ("duration_ms", n),
                ("score", o),
                ("lessons", a),
            ],
            "learner",
        );
        obj(&l["score"], &score, "learner.score");
        obj(&l["score"]["points"], &tally, "learner.score.points");
        if l["reach"] != "graded" {
            // Nothing graded: every point pending, none earned (never 0 of the maximum).
            let p = &l["score"]["points"];
            assert_eq!(p["pending"], p["max"], "{p}");
            assert_eq!(p["earned"], 0, "{p}");
            obj(&l["problem"], &[("message", s), ("data", o)], "problem");
            assert!(l["problem"]["data"]["id"].is_string());
            continue;
        }
        obj(
            &l["daemon"],
            &[
                ("id", s),
                ("name", s),
                ("server_version", s),
                ("api_version", s),
            ],
            "daemon",
        );
        for lesson in l["lessons"].as_array().expect("lessons") {
            obj(
                lesson,
                &[("id", s), ("title", s), ("score", o), ("steps", a)],
                "lesson",
            );
            obj(&lesson["score"], &score, "lesson.score");
            for step in lesson["steps"].as_array().expect("steps") {
                obj(
                    step,
                    &[
                        ("id", s),
                        ("title", s),
                        ("optional", b),
                        ("graded", b),
                        ("status", status),
                        ("basis", |x| {
                            matches!(
                                x.as_str(),
                                Some("observed" | "claimed" | "contradicted" | "unverified")
                            )
                        }),
                        ("points", o),
                        ("checks", a),
                    ],
                    "step",
                );
                obj(&step["points"], &tally, "step.points");
                if let Some(d) = step.get("done") {
                    obj(
                        d,
                        &[
                            ("at", s),
                            ("basis", |x| {
                                matches!(x.as_str(), Some("observed" | "claimed" | "contradicted"))
                            }),
                        ],
                        "step.done",
                    );
                }
                for c in step["checks"].as_array().expect("checks") {
                    obj(
                        c,
                        &[
                            ("kind", s),
                            ("target", s),
                            ("status", status),
                            ("message", s),
                        ],
                        "check",
                    );
                    match c["status"].as_str() {
                        Some("passed") => assert!(c.get("reason").is_none(), "{c}"),
                        _ => {
                            assert!(c["reason"]["id"].is_string(), "{c}");
                            assert!(c.get("evidence").is_none(), "{c}");
                        }
                    }
                    if let Some(e) = c.get("evidence") {
                        assert!(e.is_object(), "{c}");
                    }
                }
            }
        }
    }
}

#[test]
fn an_unreachable_daemon_exits_2_with_a_report_of_the_documented_shape() {
    let r = grade(
        MINI,
        "unix:///nonexistent/docker.sock",
        &["--format", "json"],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    let v = json(&r);
    check_shape(&v);
    assert_eq!(v["learners"][0]["reach"], "unreachable");
    assert_eq!(v["learners"][0]["problem"]["data"]["id"], "socket-missing");
    let r = grade(
        MINI,
        "unix:///nonexistent/docker.sock",
        &["--format", "junit"],
    );
    assert_eq!(r.code, 2);
    let doc = roxmltree::Document::parse(&r.stdout).expect("JUnit is XML");
    let errors: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("error"))
        .collect();
    assert_eq!(errors.len(), 1);
    assert!(errors[0]
        .attribute("message")
        .is_some_and(|m| m.contains("/nonexistent/docker.sock")));
}

#[test]
fn hung_and_refused_hosts_each_cost_at_most_their_own_timeout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = dir.path().join("class.csv");
    let (s1, s2, refused) = (
        hosts::silent_tcp(),
        hosts::silent_tcp(),
        hosts::refused_tcp(),
    );
    std::fs::write(
        &roster,
        format!("name,host\nsilent-1,{s1}\nsilent-2,{s2}\nrefused,{refused}\nssh,ssh://me@box\n"),
    )
    .expect("write roster");
    let start = Instant::now();
    let r = grade(
        MINI,
        &socket(),
        &[
            "--roster",
            &roster.to_string_lossy(),
            "--timeout",
            "2",
            "--format",
            "json",
        ],
    );
    let took = start.elapsed();
    println!("three unanswering hosts and one unsupported, timeout 2 s: {took:?}");
    assert_eq!(r.code, 2, "{}", r.stderr);
    let v = json(&r);
    check_shape(&v);
    let reach: Vec<(&str, &str)> = v["learners"]
        .as_array()
        .expect("learners")
        .iter()
        .map(|l| {
            (
                l["name"].as_str().unwrap_or(""),
                l["reach"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        reach,
        [
            ("silent-1", "timed_out"),
            ("silent-2", "timed_out"),
            ("refused", "unreachable"),
            ("ssh", "unreachable")
        ]
    );
    assert!(
        r.stderr.is_empty(),
        "no progress bar in a pipe: {}",
        r.stderr
    );
}

#[test]
fn an_unreadable_roster_is_reported() {
    let r = grade(MINI, &socket(), &["--roster", "/nonexistent/class.toml"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("Cannot use the roster"), "{}", r.stderr);
}

/// The known state: mini course lesson 1 and 2 done by a learner who chose `secret`.
struct Known {
    work: tempfile::TempDir,
    progress: PathBuf,
}

const OBJECTS: (&[&str], &[&str], &[&str]) =
    (&["mini-web"], &["mininet"], &["mini:v1", "mini:latest"]);

fn arrange(secret: &str) -> Known {
    let (c, n, i) = OBJECTS;
    support::remove_all(c, n, &[], i);
    let image = support::busybox_image();
    docker(&["tag", image, "mini:latest"]);
    docker(&["tag", "mini:latest", "mini:v1"]);
    docker(&["network", "create", "mininet"]);
    docker(&[
        "run",
        "-d",
        "--name",
        "mini-web",
        "--network",
        "mininet",
        "-p",
        "8089:80",
        "-e",
        &format!("APP_PASSWORD={secret}"),
        "mini:v1",
        "sh",
        "-c",
        "mkdir -p /w && echo hola > /w/index.html && httpd -f -p 80 -h /w",
    ]);
    let work = tempfile::tempdir().expect("tempdir");
    std::fs::write(work.path().join("Dockerfile"), "FROM scratch\n").expect("Dockerfile");
    std::fs::create_dir_all(work.path().join("db")).expect("db");
    std::fs::write(work.path().join("db/password.txt"), format!("{secret}\n")).expect("password");
    let progress = work.path().join("progress.json");
    std::fs::write(
        &progress,
        format!(
            r#"{{"version":1,"started":{},"answers":{{"01-imagen/que-hace-tag":2}},"completed":{{}}}}"#,
            support::now() - 60
        ),
    )
    .expect("progress");
    // The server needs a moment to listen.
    for _ in 0..50 {
        if std::net::TcpStream::connect("127.0.0.1:8089").is_ok() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    Known { work, progress }
}

fn clean() {
    let (c, n, i) = OBJECTS;
    support::remove_all(c, n, &[], i);
}

/// Ids, times and versions replaced so the report compares across runs and machines.
fn mask(v: &mut Value) {
    const MASKED: &[&str] = &[
        "graded_at",
        "duration_ms",
        "tool",
        "image_id",
        "container_id",
        "network_id",
        "event_time",
        "event_actor",
        "at",
        // A single grade is named after the daemon machine's host name.
        "name",
    ];
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                if MASKED.contains(&k.as_str()) {
                    *x = Value::String("<masked>".into());
                } else if k == "host" && *x == socket().as_str() {
                    // The daemon under test (another engine's socket in .ci/engine26).
                    *x = Value::String(DEFAULT_SOCKET.into());
                } else if k == "daemon" {
                    if let Value::Object(d) = x {
                        d.values_mut()
                            .for_each(|f| *f = Value::String("<masked>".into()));
                    }
                } else {
                    mask(x);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(mask),
        _ => {}
    }
}

#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn a_known_state_grades_to_the_golden_json() {
    let Some(_guard) = daemon_tests("a_known_state_grades_to_the_golden_json") else {
        return;
    };
    let known = arrange("chosen-by-ana-7Q2");
    let work = known.work.path().to_string_lossy().into_owned();
    let progress = known.progress.to_string_lossy().into_owned();
    let r = grade(
        MINI,
        &socket(),
        &[
            "--workdir",
            &work,
            "--progress",
            &progress,
            "--format",
            "json",
        ],
    );
    let csv = grade(
        MINI,
        &socket(),
        &[
            "--workdir",
            &work,
            "--progress",
            &progress,
            "--format",
            "csv",
        ],
    );
    clean();
    // The same state as a gradebook row: 3 + 2 points of 5, nothing pending or flagged.
    let row = csv.stdout.lines().nth(1).unwrap_or_default().to_string();
    assert!(row.ends_with(",3,2,5,5,0,1,0,graded"), "{}", csv.stdout);
    let mut v = json(&r);
    check_shape(&v);
    assert_eq!(r.code, 0, "{}", r.stdout);
    let daemon_id = docker(&["info", "--format", "{{.ID}}"]);
    assert_eq!(v["learners"][0]["daemon"]["id"], daemon_id.as_str());
    let ev = &v["learners"][0]["lessons"][1]["steps"][1]["checks"];
    assert_eq!(ev[0]["evidence"]["container_name"], "mini-web");
    assert_eq!(ev[1]["evidence"]["http_status"], 200);
    mask(&mut v);
    let got = serde_json::to_string_pretty(&v).expect("json") + "\n";
    if std::env::var("UPDATE_GOLDEN").as_deref() == Ok("1") {
        std::fs::write(GOLDEN, &got).expect("write golden");
    }
    let want = std::fs::read_to_string(GOLDEN).expect("golden file (UPDATE_GOLDEN=1 writes it)");
    assert_eq!(got, want);
}

/// The mini course plus checks on the learner's secret: the password in the container's
/// environment (compared with the course's example value, so it fails) and in db/password.txt.
fn course_with_secret_checks(dir: &Path) -> String {
    support::sh(&format!("cp -r {MINI}/. {}", dir.display()));
    let lesson = dir.join("02-red/lesson.toml");
    let text = std::fs::read_to_string(&lesson).expect("lesson");
    let text = text.replace(
        "  { kind = \"http\", url = \"http://localhost:8089/\", body_contains = \"hola\" },",
        "  { kind = \"http\", url = \"http://localhost:8089/\", body_contains = \"hola\" },\n  { kind = \"container\", name = \"mini-web\", env = [{ name = \"APP_PASSWORD\", value = \"mysecretpassword\" }] },\n  { kind = \"file\", path = \"db/password.txt\", not_empty = true },",
    );
    assert!(text.contains("APP_PASSWORD"), "the step to extend moved");
    std::fs::write(&lesson, text).expect("write lesson");
    dir.to_string_lossy().into_owned()
}

#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn the_learners_password_appears_in_no_format_and_junit_parses() {
    let Some(_guard) = daemon_tests("the_learners_password_appears_in_no_format_and_junit_parses")
    else {
        return;
    };
    let secret = "Ana-eligio-9xK4tZ";
    let known = arrange(secret);
    let course_dir = tempfile::tempdir().expect("tempdir");
    let course = course_with_secret_checks(course_dir.path());
    let work = known.work.path().to_string_lossy().into_owned();
    let progress = known.progress.to_string_lossy().into_owned();
    let mut outputs = Vec::new();
    let feedback = known.work.path().join("feedback");
    let fb = feedback.to_string_lossy().into_owned();
    for format in ["table", "json", "junit", "markdown", "csv", "gradescope"] {
        let r = grade(
            &course,
            &socket(),
            &[
                "--workdir",
                &work,
                "--progress",
                &progress,
                "--format",
                format,
                "--feedback",
                &fb,
            ],
        );
        for f in std::fs::read_dir(&feedback).expect("feedback").flatten() {
            let text = std::fs::read_to_string(f.path()).expect("feedback file");
            assert!(!text.contains(secret), "the feedback shows the password");
        }
        assert_eq!(r.code, 1, "{format}: the env value differs: {}", r.stdout);
        assert!(!r.stdout.contains(secret), "{format} shows the password");
        assert!(!r.stderr.contains(secret), "{format} shows the password");
        outputs.push((format, r.stdout));
    }
    let out_file = known.work.path().join("report.md");
    let r = grade(
        &course,
        &socket(),
        &[
            "--workdir",
            &work,
            "--format",
            "markdown",
            "--output",
            &out_file.to_string_lossy(),
        ],
    );
    clean();
    assert!(r.stdout.is_empty());
    let written = std::fs::read_to_string(&out_file).expect("--output file");
    assert!(!written.contains(secret));
    assert!(
        written.contains("| Learner") || written.contains("### 01-imagen"),
        "{written}"
    );

    let v: Value = serde_json::from_str(&outputs[1].1).expect("json");
    check_shape(&v);
    let junit = &outputs[2].1;
    let doc = roxmltree::Document::parse(junit).expect("JUnit is well-formed XML");
    let suites: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(
        suites
            .iter()
            .map(|s| s.attribute("name"))
            .collect::<Vec<_>>(),
        [Some("01-imagen"), Some("02-red")]
    );
    let cases = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .count();
    assert_eq!(cases, 5, "one test case per checkpoint");
    let failures: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .collect();
    assert_eq!(failures.len(), 1, "{junit}");
    assert_eq!(
        failures[0].attribute("message"),
        Some("Variable APP_PASSWORD of container mini-web has another value (not shown).")
    );
    assert_eq!(suites[1].attribute("failures"), Some("1"));
    assert_eq!(doc.root_element().attribute("tests"), Some("5"));
}

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

#[test]
fn the_watch_board_marks_a_dropped_host_quits_on_q_and_restores_the_terminal() {
    use nix::pty::{openpty, Winsize};
    use std::io::{Read, Write};
    use std::process::Stdio;
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = dir.path().join("class.csv");
    std::fs::write(
        &roster,
        format!("name,host\nrosa,{}\n", hosts::refused_tcp()),
    )
    .expect("roster");
    let size = Winsize {
        ws_row: 24,
        ws_col: 100,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    let pty = openpty(&size, None).expect("openpty");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pracdocker"));
    cmd.args([
        "--lang",
        "en",
        "--lessons",
        MINI,
        "grade",
        "--watch",
        "--timeout",
        "1",
        "--roster",
    ])
    .arg(&roster)
    .env("TERM", "xterm")
    .stdin(Stdio::from(pty.slave.try_clone().expect("dup")))
    .stdout(Stdio::from(pty.slave.try_clone().expect("dup")))
    .stderr(Stdio::from(pty.slave));
    let mut child = cmd.spawn().expect("spawn board");
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
    let screen =
        || String::from_utf8_lossy(&out.lock().unwrap_or_else(|e| e.into_inner())).into_owned();
    let start = Instant::now();
    while !screen().contains("dropped") && start.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let shown = screen();
    assert!(shown.contains("rosa"), "{shown}");
    assert!(shown.contains("dropped, reconnecting"), "{shown}");
    std::fs::File::from(pty.master)
        .write_all(b"q")
        .expect("press q");
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(15),
            "q did not quit"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(status.success());
    std::thread::sleep(std::time::Duration::from_millis(200));
    let all = screen();
    assert!(all.contains("\u{1b}[?1049l"), "alternate screen left");
    assert!(all.contains("\u{1b}[?25h"), "cursor shown again");
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
