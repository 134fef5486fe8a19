//! Looking disturbs nothing and evidence is what the step teaches: no request to the learner's
//! server, a cached rebuild is a rebuild, only events on the right image and psql count.

use super::*;

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
