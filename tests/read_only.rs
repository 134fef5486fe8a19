//! Checking is read-only: with the course's objects up (containers, the Compose project, a row in
//! the server's widgets "table") and every step completed, a whole-course `pracdocker grade` (the learner's progress file and folder in its roster)
//! leaves no trace in the daemon's event stream except the `exec_*` events of the course's declared
//! `exec` checks, and the row is still there afterwards. As a control, the test then sends the
//! `/initdb` a check must never send and sees the row go. The one other thing allowed in the
//! stream is the daemon's own healthcheck probes (Compose's `db` has one): `exec_*` events whose
//! `exec_create` runs exactly the container's configured healthcheck command. Opt-in
//! (`PRACDOCKER_DAEMON_TESTS=1`); the course's objects are removed before and after, also when an
//! assertion fails.

mod support;

use std::collections::{HashMap, HashSet};
use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use pracdocker::check::Check;
use pracdocker::course::Course;
use serde_json::Value;
use support::course_up::CourseUp;
use support::{busybox_image, daemon_tests, docker};

/// An exec the test itself runs inside the window: proof that the recording sees exec events.
const MARKER: [&str; 2] = ["true", "read-only-marker"];

/// The actions a declared `exec` check causes (the daemon appends the command to the first two).
const EXEC_ACTIONS: [&str; 3] = ["exec_create", "exec_start", "exec_die"];

/// How long after the check ends the recording goes on, to catch late events.
const TAIL: Duration = Duration::from_secs(1);

/// How far before the check the events are read (not judged): a health probe that began just
/// before it ends inside the window, and its `exec_die` is told apart by the `exec_create` here.
const LOOKBACK: Duration = Duration::from_secs(5);

#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn a_whole_course_check_changes_nothing() {
    let Some(_serial) = daemon_tests("a_whole_course_check_changes_nothing") else {
        return;
    };
    busybox_image();
    let course = Course::built_in().expect("the built-in course loads");
    // The container and command of every declared `exec` check, as the daemon logs them, plus
    // the test's own marker exec (below), which shows the recording sees exec events at all.
    let mut declared: HashSet<String> = course
        .steps()
        .flat_map(|(_, s)| &s.checks)
        .filter_map(|c| match c {
            Check::Exec(e) => Some(exec_action(
                e.container.trim_start_matches('/'),
                &logged(&e.command),
            )),
            _ => None,
        })
        .collect();
    declared.insert(exec_action("db", MARKER.join(" ").as_str()));

    let up = CourseUp::new(&course);
    let row = r#"{"id": 1, "name": "pracdocker", "description": "kept across a check"}"#;
    up.add_widget(row);
    assert_eq!(up.widgets(), format!("[{row}]"), "the row is stored");
    let progress_before = std::fs::read(&up.progress).expect("read the progress file");
    let probes = health_probes();

    let started = SystemTime::now();
    docker(&[&["exec", "db"][..], &MARKER[..]].concat());
    // `check` evaluates only the current step on; the grader judges every step with the
    // windows of a learner's progress file, through the same checker.
    let roster_dir = tempfile::tempdir().expect("roster dir");
    let roster = roster_dir.path().join("roster.csv");
    let host =
        std::env::var("DOCKER_HOST").unwrap_or_else(|_| "unix:///var/run/docker.sock".into());
    std::fs::write(
        &roster,
        format!(
            "name,host,progress,workdir\nlearner,{host},{},{}\n",
            up.progress.display(),
            up.ws.display()
        ),
    )
    .expect("write the roster");
    let out = Command::new(env!("CARGO_BIN_EXE_pracdocker"))
        .args(["--lang", "en", "grade", "--format", "json", "--roster"])
        .arg(&roster)
        .env_remove("DOCKER_CONTEXT")
        .output()
        .expect("run pracdocker grade");
    let ended = SystemTime::now();
    std::thread::sleep(TAIL);
    let (since, until) = (fractional(started), fractional(ended + TAIL));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let events = docker(&[
        "events",
        "--since",
        &fractional(started - LOOKBACK),
        "--until",
        &until,
        "--format",
        "{{json .}}",
    ]);

    // Nothing in the event stream but the declared execs (and the daemon's own health probes).
    // An exec's three events share its `execID`; its `exec_create` names the command.
    let events: Vec<Value> = events
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("an event as JSON"))
        .collect();
    let (mut declared_ids, mut probe_ids) = (HashSet::new(), HashSet::new());
    for ev in &events {
        let (name, action, exec_id) = parts(ev);
        if !action.starts_with("exec_create: ") || exec_id.is_empty() {
            continue;
        }
        let command = &action["exec_create: ".len()..];
        if declared.contains(&exec_action(name, command)) {
            declared_ids.insert(exec_id);
        } else if probes.get(name).is_some_and(|p| p == command) {
            probe_ids.insert(exec_id);
        }
    }
    let started_nanos = started
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let (mut declared_execs, mut probe_execs, mut foreign) = (0, 0, Vec::new());
    for ev in events
        .iter()
        .filter(|ev| u128::from(ev["timeNano"].as_u64().unwrap_or(0)) >= started_nanos)
    {
        let (_, action, exec_id) = parts(ev);
        let is_exec = ev["Type"] == "container"
            && EXEC_ACTIONS
                .iter()
                .any(|a| action == *a || action.starts_with(&format!("{a}: ")));
        match (is_exec, exec_id) {
            (true, id) if declared_ids.contains(id) => declared_execs += 1,
            (true, id) if probe_ids.contains(id) => probe_execs += 1,
            _ => foreign.push(ev.to_string()),
        }
    }
    assert!(
        foreign.is_empty(),
        "checking changed the daemon's state: {} event(s) besides the declared execs:\n{}",
        foreign.len(),
        foreign.join("\n")
    );
    assert!(
        declared_execs >= EXEC_ACTIONS.len(),
        "the recording saw the exec checks' own events ({declared_execs} seen in {since}..{until}); \
         without them it proves nothing\n{events:#?}"
    );

    // The run judged the whole course, and reached the facts that could tempt a writer.
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "check exits 0 or 1 (passed/failed), not {:?}: {stderr}",
        out.status.code()
    );
    let report: Value = serde_json::from_str(&stdout).expect("grade --format json prints JSON");
    let steps: Vec<Value> = report["learners"][0]["lessons"]
        .as_array()
        .expect("lessons")
        .iter()
        .flat_map(|l| l["steps"].as_array().cloned().unwrap_or_default())
        .collect();
    assert_eq!(steps.len(), course.steps().count(), "every step judged");
    let passed = passed_kinds(&steps);
    // No `http`: the requests the course teaches are read from logs now, and lesson 2's
    // request is sent only while its container runs (the course removes it at the end).
    for kind in ["log", "container", "compose", "image", "event"] {
        assert!(
            passed.contains(kind),
            "a `{kind}` check passes with the course up, so this run went as deep as a learner's \
             (passed kinds: {passed:?})\n{stdout}"
        );
    }
    eprintln!(
        "read_only: {} steps judged, {declared_execs} declared exec events, {probe_execs} \
         health-probe exec events (the daemon's own), nothing else",
        steps.len()
    );

    // The learner's data and progress are untouched.
    assert_eq!(
        up.widgets(),
        format!("[{row}]"),
        "the stored row survives a whole-course check"
    );
    assert_eq!(
        std::fs::read(&up.progress).expect("read the progress file"),
        progress_before,
        "a check with every step already completed leaves the progress file as it was"
    );

    // Control: the request a check must never send does wipe the row, so the test can fail.
    assert_eq!(
        support::course_up::http_get(8000, "/initdb").as_deref(),
        Some("init database")
    );
    assert_eq!(up.widgets(), "[]", "/initdb empties the widgets table");
}

/// An exec as `<container>: <command>`, to compare declared execs with the events' ones.
fn exec_action(container: &str, command: &str) -> String {
    format!("{container}: {command}")
}

/// A command as the daemon writes it in an `exec_create` event: the entrypoint, a space, then the
/// arguments joined by spaces.
fn logged(command: &[String]) -> String {
    let (entry, args) = command
        .split_first()
        .map_or(("", &[][..]), |(e, a)| (e.as_str(), a));
    format!("{entry} {}", args.join(" "))
}

/// An event's container name, action and exec id (empty when absent).
fn parts(ev: &Value) -> (&str, &str, &str) {
    let attrs = &ev["Actor"]["Attributes"];
    (
        attrs["name"].as_str().unwrap_or_default(),
        ev["Action"].as_str().unwrap_or_default(),
        attrs["execID"].as_str().unwrap_or_default(),
    )
}

/// The kinds of check that passed at least once.
fn passed_kinds(steps: &[Value]) -> HashSet<String> {
    steps
        .iter()
        .flat_map(|s| s["checks"].as_array().cloned().unwrap_or_default())
        .filter(|c| c["status"] == "passed")
        .filter_map(|c| c["kind"].as_str().map(str::to_string))
        .collect()
}

/// The command each running container's healthcheck runs, as it appears in an `exec_create`
/// event, by container name: the daemon runs these itself, check or no check (Compose's
/// `db` has one).
fn health_probes() -> HashMap<String, String> {
    let ids = docker(&["ps", "-q", "--no-trunc"]);
    let mut probes = HashMap::new();
    for id in ids.lines().filter(|l| !l.is_empty()) {
        let info = docker(&[
            "inspect",
            "--format",
            "{{json .Name}} {{json .Config.Healthcheck}}",
            id,
        ]);
        let Some((name, check)) = info.split_once(' ') else {
            continue;
        };
        let name: String = serde_json::from_str(name).unwrap_or_default();
        let check: Value = serde_json::from_str(check).unwrap_or(Value::Null);
        let test: Vec<&str> = check["Test"]
            .as_array()
            .map(|t| t.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let test: Vec<String> = test.iter().map(|s| s.to_string()).collect();
        let command = match test.split_first() {
            Some((kind, args)) if kind == "CMD" => logged(args),
            Some((kind, [script])) if kind == "CMD-SHELL" => format!("/bin/sh -c {script}"),
            _ => continue,
        };
        probes.insert(name.trim_start_matches('/').to_string(), command);
    }
    probes
}

/// A time as `secs.nanos`, as `docker events --since/--until` take it.
fn fractional(t: SystemTime) -> String {
    let d = t.duration_since(UNIX_EPOCH).unwrap_or_default();
    format!("{}.{:09}", d.as_secs(), d.subsec_nanos())
}
