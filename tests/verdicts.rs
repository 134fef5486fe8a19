//! Issue 13 on a real daemon: verdicts count in order, to the instant, and looking disturbs
//! nothing. Each test arranges the daemon with the docker CLI, runs the real binary (`check`,
//! `grade`) with a progress file that puts the learner at a given step, and reads the verdicts
//! and the progress file back. Daemon tests: `PRACDOCKER_DAEMON_TESTS=1`, serial, and they
//! remove what they made.

#[path = "verdicts/earned.rs"]
mod earned;
#[path = "verdicts/evidence.rs"]
mod evidence;
mod support;

use std::path::Path;
use std::process::Command;

use pracdocker::course::{Course, Source};
use pracdocker::key::StepKey;
use serde_json::Value;
use support::{course_up, daemon_tests, docker, docker_quiet, stand_ins};

fn course() -> Course {
    pracdocker::course::load(&Source::BuiltIn).expect("the built-in course")
}

/// A progress file (format 2) where every step before `key` is done, one nanosecond apart,
/// from `start` on: `key` is the current step and began right after `start`.
fn at_step(course: &Course, key: &str, path: &Path, start: i64) {
    let key: StepKey = key.parse().expect("key");
    let mut completed = serde_json::Map::new();
    let mut answers = serde_json::Map::new();
    for (i, (l, s)) in course.steps().enumerate() {
        let k = StepKey::new(&l.id, &s.id);
        if k == key {
            break;
        }
        for c in &s.checks {
            if let pracdocker::check::Check::Quiz(q) = c {
                answers.insert(k.to_string(), q.answer.into());
            }
        }
        completed.insert(k.to_string(), (start + i as i64).into());
    }
    let p = serde_json::json!({
        "version": 2, "started": start, "answers": answers, "completed": completed
    });
    std::fs::write(path, p.to_string()).expect("write progress");
}

/// `pracdocker --lang en check ARGS --json` for the built-in course.
fn check(progress: &Path, workdir: &Path, args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_pracdocker"))
        .args(["--lang", "en", "--workdir"])
        .arg(workdir)
        .arg("check")
        .args(args)
        .arg("--json")
        .env("PRACDOCKER_PROGRESS", progress)
        .env_remove("DOCKER_CONTEXT")
        .output()
        .expect("run pracdocker check");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// `secs` seconds ago, in nanoseconds.
fn ago(secs: i64) -> i64 {
    pracdocker::clock::now() - pracdocker::clock::from_secs(secs)
}

fn status<'a>(v: &'a Value, key: &str) -> &'a str {
    let (l, s) = key.split_once('/').expect("lesson/step");
    v["steps"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["lesson"] == l && x["step"] == s))
        .and_then(|x| x["status"].as_str())
        .unwrap_or_else(|| panic!("{key} not in {v}"))
}

fn passed(v: &Value) -> usize {
    v["steps"]
        .as_array()
        .map_or(0, |a| a.iter().filter(|x| x["status"] == "passed").count())
}

fn completed(progress: &Path) -> serde_json::Map<String, Value> {
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(progress).expect("progress")).expect("json");
    v["completed"].as_object().cloned().unwrap_or_default()
}

/// `pracdocker grade --format json [ARGS]` on the machine's daemon, no progress file.
fn grade(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_pracdocker"))
        .args(["--lang", "en", "grade", "--format", "json"])
        .args(args)
        .env_remove("DOCKER_CONTEXT")
        .output()
        .expect("run pracdocker grade");
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
}

/// The statuses of one graded step's checks.
fn graded<'a>(v: &'a Value, key: &str) -> Vec<(&'a str, &'a str)> {
    let (l, s) = key.split_once('/').expect("lesson/step");
    let learner = &v["learners"][0];
    let lesson = learner["lessons"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["id"] == l))
        .unwrap_or_else(|| panic!("lesson {l} in {learner}"));
    let step = lesson["steps"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["id"] == s))
        .unwrap_or_else(|| panic!("step {s} in {lesson}"));
    step["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .map(|c| {
            (
                c["status"].as_str().unwrap_or(""),
                c["reason"]["id"].as_str().unwrap_or(""),
            )
        })
        .collect()
}

/// Removes the mini course's objects when dropped, also when the test fails.
struct MiniObjects;

impl Drop for MiniObjects {
    fn drop(&mut self) {
        support::remove_all(&[], &["mininet"], &[], &["mini:v1", "mini:latest"]);
    }
}

/// `pracdocker --lessons examples/mini-curso ARGS`, its standard output.
fn mini(progress: &Path, workdir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_pracdocker"))
        .args(["--lang", "en", "--lessons"])
        .arg(support::courses::MINI)
        .arg("--workdir")
        .arg(workdir)
        .args(args)
        .env("PRACDOCKER_PROGRESS", progress)
        .env_remove("DOCKER_CONTEXT")
        .output()
        .expect("run pracdocker");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Each step of a graded mini course: (status, done.basis).
fn done(v: &Value) -> Vec<(String, String, String)> {
    v["learners"][0]["lessons"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|l| l["steps"].as_array().cloned().unwrap_or_default())
        .map(|s| {
            (
                s["id"].as_str().unwrap_or_default().to_string(),
                s["status"].as_str().unwrap_or_default().to_string(),
                s["done"]["basis"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect()
}

/// Issue 17, point 0: a step done stays done. The learner completes the mini course's first
/// four steps with `check` (the progress file keeps what proved each one), then undoes them as
/// the course does (network removed, tags removed, Dockerfile deleted): `grade --progress` still
/// reports them passed — observed where the daemon still has the objects or their events,
/// claimed where only the file says so (the quiz, the deleted Dockerfile). A progress file that
/// names a network the daemon never had while the step ran is flagged, not credited.
#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn a_step_done_stays_done_and_a_forged_one_is_flagged() {
    let Some(_serial) = daemon_tests("a_step_done_stays_done_and_a_forged_one_is_flagged") else {
        return;
    };
    let _clean = MiniObjects;
    support::remove_all(&[], &["mininet"], &[], &["mini:v1", "mini:latest"]);
    let dir = tempfile::tempdir().expect("tempdir");
    let (work, progress) = (dir.path().join("work"), dir.path().join("progress.json"));
    std::fs::create_dir(&work).expect("workdir");
    let start = ago(5);
    std::fs::write(
        &progress,
        serde_json::json!({"version": 2, "started": start}).to_string(),
    )
    .expect("progress");
    std::fs::write(work.join("Dockerfile"), "FROM scratch\n").expect("Dockerfile");
    let base = support::busybox_image();
    docker(&["tag", base, "mini:latest"]);
    docker(&["tag", base, "mini:v1"]);
    mini(&progress, &work, &["check"]);
    mini(&progress, &work, &["answer", "01-imagen/que-hace-tag", "2"]);
    docker(&["network", "create", "mininet"]);
    mini(&progress, &work, &["check"]);
    let done_now = completed(&progress);
    for k in [
        "01-imagen/dockerfile",
        "01-imagen/etiquetar",
        "01-imagen/que-hace-tag",
        "02-red/crear-red",
    ] {
        assert!(done_now.contains_key(k), "{k} not completed: {done_now:?}");
    }
    let text = std::fs::read_to_string(&progress).expect("progress");
    assert!(
        text.contains("\"evidence\"") && text.contains("network_id"),
        "the progress file keeps the evidence: {text}"
    );

    // The course undoes its own states.
    docker(&["network", "rm", "mininet"]);
    docker(&["image", "rm", "mini:v1", "mini:latest"]);
    std::fs::remove_file(work.join("Dockerfile")).expect("rm Dockerfile");

    let grade_mini = |p: &Path| -> Value {
        let out = Command::new(env!("CARGO_BIN_EXE_pracdocker"))
            .args(["--lang", "en", "--lessons"])
            .arg(support::courses::MINI)
            .args(["grade", "--format", "json", "--workdir"])
            .arg(&work)
            .arg("--progress")
            .arg(p)
            .env_remove("DOCKER_CONTEXT")
            .output()
            .expect("run pracdocker grade");
        serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
    };
    let v = grade_mini(&progress);
    let steps = done(&v);
    let basis = |id: &str| {
        steps
            .iter()
            .find(|(s, _, _)| s == id)
            .map(|(_, st, b)| (st.as_str(), b.as_str()))
            .unwrap_or_else(|| panic!("{id} in {steps:?}"))
    };
    assert_eq!(basis("dockerfile"), ("passed", "claimed"), "{steps:?}");
    assert_eq!(basis("etiquetar"), ("passed", "observed"), "{steps:?}");
    assert_eq!(basis("que-hace-tag"), ("passed", "claimed"), "{steps:?}");
    assert_eq!(basis("crear-red"), ("passed", "observed"), "{steps:?}");
    assert_eq!(
        basis("servidor").1,
        "-",
        "not done, not recorded: {steps:?}"
    );
    let score = &v["learners"][0]["score"];
    assert_eq!(score["flagged"], 0, "{score}");

    // A forged record: a network id the daemon never had while the step ran. An event right
    // before the step's beginning proves the daemon's history covers the step.
    docker(&["network", "create", "mininet"]);
    docker(&["network", "rm", "mininet"]);
    let mut forged: Value =
        serde_json::from_str(&std::fs::read_to_string(&progress).expect("progress")).expect("json");
    let t = pracdocker::clock::now();
    forged["completed"]["01-imagen/que-hace-tag"] = t.into();
    forged["completed"]["02-red/crear-red"] = (t + 1_000).into();
    forged["evidence"]["02-red/crear-red"] = serde_json::json!([{
        "network_id": "f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0",
        "network_name": "mininet"
    }]);
    let forged_path = dir.path().join("forged.json");
    std::fs::write(&forged_path, forged.to_string()).expect("forged");
    let v = grade_mini(&forged_path);
    let steps = done(&v);
    let crear = steps
        .iter()
        .find(|(s, _, _)| s == "crear-red")
        .expect("crear-red");
    assert_eq!(
        (crear.1.as_str(), crear.2.as_str()),
        ("failed", "contradicted"),
        "{steps:?}"
    );
    assert_eq!(
        v["learners"][0]["score"]["flagged"], 1,
        "{}",
        v["learners"][0]["score"]
    );
}
