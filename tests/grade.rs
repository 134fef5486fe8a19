//! `pracdocker grade` end to end: the binary against unreachable and hung hosts (no daemon
//! needed), and against the real daemon in a known state (golden JSON with ids and times masked,
//! JUnit read back by an XML parser, a learner's password absent from every format, a class
//! roster reaching one daemon two ways plus a silent host, with no write event on the daemon).
#![cfg(unix)]

#[path = "grade/class.rs"]
mod class;
#[path = "grade/formats.rs"]
mod formats;
#[path = "grade/hosts.rs"]
mod hosts;
#[path = "grade/known.rs"]
mod known;
#[path = "grade/ledger.rs"]
mod ledger;
#[path = "grade/offline.rs"]
mod offline;
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde_json::Value;
use support::courses::MINI;
use support::{daemon_tests, docker};

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
