//! Issue 13 on a real daemon: verdicts count in order, to the instant, and looking disturbs
//! nothing. Each test arranges the daemon with the docker CLI, runs the real binary (`check`,
//! `grade`) with a progress file that puts the learner at a given step, and reads the verdicts
//! and the progress file back. Daemon tests: `PRACDOCKER_DAEMON_TESTS=1`, serial, and they
//! remove what they made.

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

#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn a_fresh_learner_on_a_fresh_daemon_has_nothing_passed() {
    let Some(_serial) = daemon_tests("a_fresh_learner_on_a_fresh_daemon_has_nothing_passed") else {
        return;
    };
    course_up::fresh();
    let dir = tempfile::tempdir().expect("tempdir");
    let progress = dir.path().join("progress.json");
    let ws = tempfile::tempdir().expect("workdir");
    let v = check(&progress, ws.path(), &[]);
    assert_eq!(passed(&v), 0, "{v}");
    assert_eq!(status(&v, "05-compose/detener-contenedores"), "locked");
    assert_eq!(status(&v, "05-compose/compose-down"), "locked");
    assert!(completed(&progress).is_empty(), "nothing recorded");

    // The grader, without a progress file: absences of things never made are not credited.
    // (`--since`: the daemon's history from now on is this fresh daemon's; earlier tests left
    // their own `destroy` events in it.)
    let since = pracdocker::clock::rfc3339(pracdocker::clock::now());
    let g = grade(&["--since", &since]);
    assert_eq!(
        g["learners"][0]["score"]["passed"], 0,
        "{}",
        g["learners"][0]["score"]
    );
    assert_eq!(
        graded(&g, "05-compose/detener-contenedores"),
        vec![("failed", "never-seen"), ("failed", "never-seen")]
    );
}

#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn an_absence_counts_once_the_thing_existed() {
    let Some(_serial) = daemon_tests("an_absence_counts_once_the_thing_existed") else {
        return;
    };
    course_up::fresh();
    let since = pracdocker::clock::rfc3339(pracdocker::clock::now());
    let g = grade(&["--lesson", "05-compose", "--since", &since]);
    assert_eq!(
        graded(&g, "05-compose/detener-contenedores"),
        vec![("failed", "never-seen"), ("failed", "never-seen")]
    );
    // The learner's lesson-4 containers, then lesson 5's first step: remove them.
    let image = support::busybox_image();
    for name in ["rest-server", "db"] {
        docker(&["run", "-d", "--name", name, image, "sleep", "600"]);
    }
    let g = grade(&["--lesson", "05-compose", "--since", &since]);
    assert!(
        graded(&g, "05-compose/detener-contenedores")
            .iter()
            .all(|(s, r)| *s == "failed" && *r == "container-present"),
        "{g}"
    );
    for name in ["rest-server", "db"] {
        docker(&["rm", "-f", name]);
    }
    let g = grade(&["--lesson", "05-compose", "--since", &since]);
    assert_eq!(
        graded(&g, "05-compose/detener-contenedores"),
        vec![("passed", ""), ("passed", "")],
        "destroyed since: removed"
    );
}

#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn stop_and_start_on_one_line_complete_two_steps() {
    let Some(_serial) = daemon_tests("stop_and_start_on_one_line_complete_two_steps") else {
        return;
    };
    course_up::fresh();
    let c = course();
    let ws = tempfile::tempdir().expect("workdir");
    stand_ins::flask_app("python-docker", ws.path(), &[]);
    let id = docker(&[
        "run",
        "-d",
        "--label",
        &format!("{}={}", stand_ins::LABEL, stand_ins::run_id()),
        "-p",
        "8000:5000",
        "python-docker",
    ]);
    // The step begins now, after the container exists: an earlier test's containers and events
    // (a window reaching back a minute would see them) are not this learner's.
    let began = pracdocker::clock::now();
    let dir = tempfile::tempdir().expect("tempdir");
    let progress = dir.path().join("progress.json");
    at_step(&c, "02-contenedor/detener", &progress, began);
    // Both on one line, well within one second.
    support::sh(&format!(
        "docker stop -t 1 {id} >/dev/null && docker start {id} >/dev/null"
    ));
    let v = check(&progress, ws.path(), &["02-contenedor"]);
    stand_ins::remove_course_objects();
    assert_eq!(status(&v, "02-contenedor/detener"), "passed", "{v}");
    assert_eq!(status(&v, "02-contenedor/iniciar"), "passed", "{v}");
    assert_eq!(status(&v, "02-contenedor/reiniciar"), "failed", "{v}");
    let done = completed(&progress);
    let t = |k: &str| done.get(k).and_then(Value::as_i64).unwrap_or(0);
    assert!(
        t("02-contenedor/detener") < t("02-contenedor/iniciar"),
        "each at its own event, to the nanosecond: {done:?}"
    );
    assert_ne!(t("02-contenedor/detener") % 1_000_000_000, 0, "{done:?}");
}

#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn checking_at_initdb_sends_no_request_to_the_learners_server() {
    let Some(_serial) = daemon_tests("checking_at_initdb_sends_no_request_to_the_learners_server")
    else {
        return;
    };
    course_up::fresh();
    let c = course();
    let ws = tempfile::Builder::new()
        .prefix("python-docker-dev")
        .tempdir()
        .expect("workdir");
    stand_ins::flask_app("python-docker-dev-server", ws.path(), &[]);
    let server = docker(&[
        "run",
        "-d",
        "--label",
        &format!("{}={}", stand_ins::LABEL, stand_ins::run_id()),
        "--label",
        "com.docker.compose.project=python-docker-dev",
        "--label",
        "com.docker.compose.service=server",
        "-p",
        "8000:5000",
        "python-docker-dev-server",
    ]);
    let dir = tempfile::tempdir().expect("tempdir");
    let progress = dir.path().join("progress.json");
    at_step(&c, "05-compose/initdb", &progress, ago(60));
    let requests = || {
        docker(&["logs", &server])
            .lines()
            .chain(
                String::from_utf8_lossy(
                    &Command::new("docker")
                        .args(["logs", &server])
                        .output()
                        .expect("logs")
                        .stderr,
                )
                .lines(),
            )
            .filter(|l| l.contains("HTTP/"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let v = check(&progress, ws.path(), &["05-compose"]);
    assert_eq!(status(&v, "05-compose/initdb"), "failed", "{v}");
    assert_eq!(status(&v, "05-compose/widgets"), "locked", "{v}");
    assert_eq!(requests(), Vec::<String>::new(), "the checker sent nothing");

    // The learner's own /initdb, then /widgets: each confirmed from the log, in order.
    assert!(course_up::http_get(8000, "/initdb").is_some());
    let v = check(&progress, ws.path(), &["05-compose"]);
    assert_eq!(status(&v, "05-compose/initdb"), "passed", "{v}");
    assert_eq!(status(&v, "05-compose/widgets"), "failed", "{v}");
    assert_eq!(requests().len(), 1, "only the learner's: {:?}", requests());
    assert!(course_up::http_get(8000, "/widgets").is_some());
    let v = check(&progress, ws.path(), &["05-compose"]);
    stand_ins::remove_course_objects();
    docker_quiet(&["image", "rm", "-f", "python-docker-dev-server"]);
    assert_eq!(status(&v, "05-compose/widgets"), "passed", "{v}");
}

#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn a_cached_rebuild_is_a_rebuild() {
    let Some(_serial) = daemon_tests("a_cached_rebuild_is_a_rebuild") else {
        return;
    };
    course_up::fresh();
    let c = course();
    let ws = tempfile::tempdir().expect("workdir");
    stand_ins::buildme("buildme", ws.path(), false);
    let dir = tempfile::tempdir().expect("tempdir");
    let progress = dir.path().join("progress.json");
    at_step(&c, "11-construir/reconstruir", &progress, ago(0));
    // Near miss: the image exists, built before the step began.
    let v = check(&progress, ws.path(), &["11-construir/reconstruir"]);
    assert_eq!(status(&v, "11-construir/reconstruir"), "failed", "{v}");
    // The same build again: everything from the cache, the same image and `Created`.
    let before = docker(&["image", "inspect", "-f", "{{.Id}} {{.Created}}", "buildme"]);
    stand_ins::buildme("buildme", ws.path(), false);
    let after = docker(&["image", "inspect", "-f", "{{.Id}} {{.Created}}", "buildme"]);
    let v = check(&progress, ws.path(), &["11-construir/reconstruir"]);
    stand_ins::remove_course_objects();
    docker_quiet(&["image", "rm", "-f", "buildme"]);
    assert_eq!(before, after, "a cached build returns the old image");
    assert_eq!(status(&v, "11-construir/reconstruir"), "passed", "{v}");
}

#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn an_event_on_another_tag_of_the_image_and_only_psql_count() {
    let Some(_serial) = daemon_tests("an_event_on_another_tag_of_the_image_and_only_psql_count")
    else {
        return;
    };
    course_up::fresh();
    let c = course();
    let ws = tempfile::tempdir().expect("workdir");
    stand_ins::flask_app("python-docker", ws.path(), &[]);
    docker(&["tag", "python-docker", "python-docker:v1.0.0"]);
    let label = format!("{}={}", stand_ins::LABEL, stand_ins::run_id());
    let id = docker(&[
        "run",
        "-d",
        "--label",
        &label,
        "-p",
        "8000:5000",
        "python-docker:v1.0.0",
    ]);
    // Each step begins after its container exists, so no earlier test's events count.
    let began = pracdocker::clock::now();
    let dir = tempfile::tempdir().expect("tempdir");
    let progress = dir.path().join("progress.json");
    at_step(&c, "02-contenedor/detener", &progress, began);
    docker(&["stop", "-t", "1", &id]);
    let v = check(&progress, ws.path(), &["02-contenedor/detener"]);
    assert_eq!(
        status(&v, "02-contenedor/detener"),
        "passed",
        "the same image: {v}"
    );

    // 03/conectar: a shell in `db` is not psql.
    docker(&[
        "run",
        "-d",
        "--label",
        &label,
        "--name",
        "db",
        support::busybox_image(),
        "sleep",
        "600",
    ]);
    at_step(
        &c,
        "03-base-de-datos/conectar",
        &progress,
        pracdocker::clock::now(),
    );
    docker(&["exec", "db", "sh", "-c", "true"]);
    let v = check(&progress, ws.path(), &["03-base-de-datos/conectar"]);
    stand_ins::remove_course_objects();
    docker_quiet(&["image", "rm", "-f", "python-docker:v1.0.0"]);
    assert_eq!(status(&v, "03-base-de-datos/conectar"), "failed", "{v}");
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
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/mini-curso"))
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
            .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/mini-curso"))
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
