//! Earned, not inherited, and to the instant: a fresh learner has nothing passed, an absence
//! counts once the thing existed, two commands on one line complete two steps.

use super::*;

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
