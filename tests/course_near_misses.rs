//! The built-in course's own checkpoints (loaded from the course, not retyped) against states a
//! learner gets *almost* right: each must fail, and with the reason that tells what differs.
//! Opt-in (`PRACDOCKER_DAEMON_TESTS=1`), with the stand-in images of `support::stand_ins`; the
//! course's objects are removed before and after, also when an assertion fails.

mod support;

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use pracdocker::check::{Check, ContainerCheck, Outcome, Reason, Status, Unverifiable};
use pracdocker::checker::{evaluate, run_step, Context};
use pracdocker::course::{Course, Lesson, Step};
use pracdocker::lang::Lang;
use support::{block_on, busybox_image, daemon_tests, docker, docker_quiet, stand_ins};

/// Removes the course's objects when created and when dropped.
struct Cleanup;

impl Cleanup {
    fn new() -> Cleanup {
        stand_ins::remove_course_objects();
        Cleanup
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        stand_ins::remove_course_objects();
    }
}

/// The checks of one step of the built-in course (`lesson/step`).
fn checks_of(course: &Course, key: &str) -> Vec<Check> {
    let (lesson, step) = key.split_once('/').expect("lesson/step");
    course
        .lesson(lesson)
        .and_then(|l| l.steps.iter().find(|s| s.id == step))
        .unwrap_or_else(|| panic!("{key} is not a step of the built-in course"))
        .checks
        .clone()
}

/// The lesson and step of the built-in course (`lesson/step`).
fn step_of<'a>(course: &'a Course, key: &str) -> (&'a Lesson, &'a Step) {
    let (lesson, step) = key.split_once('/').expect("lesson/step");
    let lesson = course
        .lesson(lesson)
        .unwrap_or_else(|| panic!("no lesson in {key}"));
    let step = lesson
        .steps
        .iter()
        .find(|s| s.id == step)
        .unwrap_or_else(|| panic!("{key} is not a step of the built-in course"));
    (lesson, step)
}

/// The step's container check (the one matching `pick` when it has several).
fn container_check(course: &Course, key: &str, pick: impl Fn(&ContainerCheck) -> bool) -> Check {
    checks_of(course, key)
        .into_iter()
        .find(|c| matches!(c, Check::Container(cc) if pick(cc)))
        .unwrap_or_else(|| panic!("{key} has no such container check"))
}

/// The step's image check.
fn image_check(course: &Course, key: &str) -> Check {
    checks_of(course, key)
        .into_iter()
        .find(|c| matches!(c, Check::Image(_)))
        .unwrap_or_else(|| panic!("{key} has no image check"))
}

/// A context for checks that only read the learner's folder: no daemon is involved.
fn offline(workdir: &Path) -> Context {
    Context {
        daemon: Err(Unverifiable::DaemonError {
            error: "not needed for file checks".into(),
        }),
        workdir: workdir.to_path_buf(),
        since: 0,
        answers: Ok(HashMap::new()),
    }
}

/// Waits for the next whole second and returns it: the beginning of a step whose checks look at
/// what happened since (the daemon's times are whole seconds, `since` is inclusive).
fn fresh_second() -> i64 {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock after 1970");
    std::thread::sleep(Duration::from_nanos(
        1_000_000_000 - u64::from(now.subsec_nanos()),
    ));
    support::now()
}

async fn context(workdir: &Path) -> Context {
    Context {
        daemon: Ok(pracdocker::docker::connect_default()
            .await
            .expect("daemon reachable")),
        workdir: workdir.to_path_buf(),
        since: support::now(),
        answers: Ok(HashMap::new()),
    }
}

/// The reason `check` (of step `key`) fails with; panics when it does not fail.
async fn reason(ctx: &Context, key: &str, check: &Check) -> Reason {
    match evaluate(ctx, key, check).await {
        Outcome::Failed(r) => r,
        other => panic!("{key}: {check:?}\nexpected a failure, got {other:?}"),
    }
}

async fn passes(ctx: &Context, key: &str, check: &Check) {
    let o = evaluate(ctx, key, check).await;
    assert_eq!(o, Outcome::Passed, "{key}: {check:?}");
}

/// `docker run -d ARGS` after removing the named container.
fn run(name: &str, args: &[&str]) {
    docker_quiet(&["rm", "-f", "-v", name]);
    let mut all = vec!["run", "-d", "--name", name];
    all.extend(args);
    docker(&all);
}

#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn container_checkpoints_name_what_differs() {
    let Some(_serial) = daemon_tests("container_checkpoints_name_what_differs") else {
        return;
    };
    busybox_image();
    let course = Course::built_in().expect("the built-in course loads");
    let _cleanup = Cleanup::new();
    let project = tempfile::tempdir().expect("tempdir");
    std::fs::write(project.path().join("app.py"), "from flask import Flask\n").expect("write");
    stand_ins::flask_app("python-docker", project.path(), &[]);
    stand_ins::flask_app("python-docker-dev", project.path(), &[]);
    stand_ins::postgres();
    docker(&["network", "create", "postgresnet"]);
    docker(&["volume", "create", "db-data"]);

    block_on(async {
        let ctx = context(project.path()).await;

        // 02-contenedor/segundo-plano: -p 8080:5000 instead of 8000:5000; then attached.
        let key = "02-contenedor/segundo-plano";
        let detached = container_check(&course, key, |_| true);
        run("pdnear-app", &["-p", "8080:5000", "python-docker"]);
        assert_eq!(
            reason(&ctx, key, &detached).await,
            Reason::PortMismatch {
                container: "pdnear-app".into(),
                expected: "8000→5000".into(),
                found: "8080→5000".into()
            }
        );
        docker(&["rm", "-f", "pdnear-app"]);
        // `docker run -p 8000:5000 python-docker` without -d (create + start records the same).
        docker(&[
            "create",
            "--name",
            "pdnear-app",
            "-a",
            "stdout",
            "-a",
            "stderr",
            "-p",
            "8000:5000",
            "python-docker",
        ]);
        docker(&["start", "pdnear-app"]);
        assert_eq!(
            reason(&ctx, key, &detached).await,
            Reason::DetachedMismatch {
                container: "pdnear-app".into(),
                expected: "detached".into()
            }
        );
        // The attached run above is still there (Ctrl+C did not stop it): the detached
        // `docker run -d -p 8000:5000 python-docker` is created but cannot start, and the reason
        // names the port and the container holding it.
        docker_quiet(&["rm", "-f", "pdnear-blocked"]);
        docker_quiet(&[
            "run",
            "-d",
            "--name",
            "pdnear-blocked",
            "-p",
            "8000:5000",
            "python-docker",
        ]);
        assert_eq!(
            reason(&ctx, key, &detached).await,
            Reason::PortHeld {
                container: "pdnear-blocked".into(),
                port: 8000,
                holder: "pdnear-app".into()
            }
        );
        // Stopping the holder and running again passes (the blocked one stays created).
        docker(&["rm", "-f", "pdnear-app"]);
        run("pdnear-app", &["-p", "8000:5000", "python-docker"]);
        passes(&ctx, key, &detached).await;
        docker(&["rm", "-f", "pdnear-app", "pdnear-blocked"]);

        // 03-base-de-datos/ejecutar-postgres: one option wrong at a time.
        let key = "03-base-de-datos/ejecutar-postgres";
        let db = container_check(&course, key, |_| true);
        let mount = "type=volume,src=db-data,target=/var/lib/postgresql/data";
        let env = [
            "-e",
            "POSTGRES_PASSWORD=mysecretpassword",
            "-e",
            "POSTGRES_DB=example",
        ];
        let db_run = |port: &str, network: &str, rm: bool, env: &[&str]| {
            let mut args = vec!["--mount", mount, "-p", port, "--network", network];
            if rm {
                args.push("--rm");
            }
            args.extend(env);
            args.push("postgres:17");
            run("db", &args);
        };
        db_run("5432:5432", "postgresnet", true, &env);
        passes(&ctx, key, &db).await;
        db_run("5433:5432", "postgresnet", true, &env);
        assert_eq!(
            reason(&ctx, key, &db).await,
            Reason::PortMismatch {
                container: "db".into(),
                expected: "5432→5432".into(),
                found: "5433→5432".into()
            }
        );
        db_run("5432:5432", "postgresnet", true, &env[2..]);
        assert_eq!(
            reason(&ctx, key, &db).await,
            Reason::EnvMissing {
                container: "db".into(),
                name: "POSTGRES_PASSWORD".into()
            }
        );
        db_run("5432:5432", "postgresnet", false, &env);
        assert_eq!(
            reason(&ctx, key, &db).await,
            Reason::AutoRemoveMismatch {
                container: "db".into(),
                expected: "true".into()
            }
        );
        db_run("5432:5432", "postgresnet", true, &env);

        // 04-aplicacion-de-prueba/ejecutar: rest-server off the database's network, without the
        // password, on another port.
        let key = "04-aplicacion-de-prueba/ejecutar";
        let rest = container_check(&course, key, |_| true);
        let rest_run = |network: Option<&str>, port: &str, password: bool| {
            let mut args = vec!["--rm", "-p", port];
            if let Some(n) = network {
                args.extend(["--network", n]);
            }
            if password {
                args.extend(["-e", "POSTGRES_PASSWORD=mysecretpassword"]);
            }
            args.push("python-docker-dev");
            run("rest-server", &args);
        };
        rest_run(Some("postgresnet"), "8000:5000", true);
        passes(&ctx, key, &rest).await;
        rest_run(None, "8000:5000", true);
        assert_eq!(
            reason(&ctx, key, &rest).await,
            Reason::NotOnNetwork {
                container: "rest-server".into(),
                expected: "postgresnet".into(),
                found: "bridge".into()
            }
        );
        rest_run(Some("postgresnet"), "8000:5000", false);
        assert_eq!(
            reason(&ctx, key, &rest).await,
            Reason::EnvMissing {
                container: "rest-server".into(),
                name: "POSTGRES_PASSWORD".into()
            }
        );
        rest_run(Some("postgresnet"), "5000:5000", true);
        assert_eq!(
            reason(&ctx, key, &rest).await,
            Reason::PortMismatch {
                container: "rest-server".into(),
                expected: "8000→5000".into(),
                found: "5000→5000".into()
            }
        );
        docker(&["rm", "-f", "rest-server", "db"]);

        // 05-compose/compose-up: the db service with the password in its environment, instead
        // of the secret and then besides it; the server on docker init's port 5000.
        let key = "05-compose/compose-up";
        let db_service =
            container_check(&course, key, |c| c.compose_service.as_deref() == Some("db"));
        let server_service = container_check(&course, key, |c| {
            c.compose_service.as_deref() == Some("server")
        });
        let secret_dir = tempfile::tempdir().expect("tempdir");
        let secret = secret_dir.path().join("password.txt");
        std::fs::write(&secret, "mysecretpassword\n").expect("write");
        let secret_mount = format!("{}:/run/secrets/db-password:ro", secret.display());
        let compose_labels = |service: &str| {
            vec![
                "--label".to_string(),
                format!("com.docker.compose.project={}", stand_ins::COMPOSE_PROJECT),
                "--label".to_string(),
                format!("com.docker.compose.service={service}"),
            ]
        };
        let compose_run = |name: &str, service: &str, extra: &[&str], image: &str| {
            let labels = compose_labels(service);
            let mut args: Vec<&str> = labels.iter().map(String::as_str).collect();
            args.extend(extra);
            args.push(image);
            run(name, &args);
        };
        compose_run(
            "pdnear-db",
            "db",
            &[
                "-e",
                "POSTGRES_DB=example",
                "-e",
                "POSTGRES_PASSWORD=mysecretpassword",
            ],
            "postgres:17",
        );
        assert_eq!(
            reason(&ctx, key, &db_service).await,
            Reason::NothingMountedAt {
                container: "pdnear-db".into(),
                path: "/run/secrets/db-password".into()
            }
        );
        compose_run(
            "pdnear-db",
            "db",
            &[
                "-v",
                &secret_mount,
                "-e",
                "POSTGRES_DB=example",
                "-e",
                "POSTGRES_PASSWORD_FILE=/run/secrets/db-password",
                "-e",
                "POSTGRES_PASSWORD=mysecretpassword",
            ],
            "postgres:17",
        );
        assert_eq!(
            reason(&ctx, key, &db_service).await,
            Reason::EnvPresent {
                container: "pdnear-db".into(),
                name: "POSTGRES_PASSWORD".into()
            }
        );
        compose_run(
            "pdnear-db",
            "db",
            &[
                "-v",
                &secret_mount,
                "-e",
                "POSTGRES_DB=example",
                "-e",
                "POSTGRES_PASSWORD_FILE=/run/secrets/db-password",
            ],
            "postgres:17",
        );
        passes(&ctx, key, &db_service).await;
        compose_run(
            "pdnear-server",
            "server",
            &[
                "-p",
                "5000:5000",
                "-e",
                "POSTGRES_PASSWORD=mysecretpassword",
            ],
            "python-docker-dev",
        );
        assert_eq!(
            reason(&ctx, key, &server_service).await,
            Reason::PortMismatch {
                container: "pdnear-server".into(),
                expected: "8000→5000".into(),
                found: "5000→5000".into()
            }
        );
    });
}

#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn image_checkpoints_name_what_differs() {
    let Some(_serial) = daemon_tests("image_checkpoints_name_what_differs") else {
        return;
    };
    let base = busybox_image();
    let course = Course::built_in().expect("the built-in course loads");
    let _cleanup = Cleanup::new();
    let project = tempfile::tempdir().expect("tempdir");
    std::fs::write(project.path().join("app.py"), "from flask import Flask\n").expect("write");

    block_on(async {
        let ctx = context(project.path()).await;

        // 01-imagen-python/etiquetar: v1.0.0 tagged, then latest rebuilt from changed code.
        let key = "01-imagen-python/etiquetar";
        let tag = image_check(&course, key);
        stand_ins::flask_app("python-docker", project.path(), &[]);
        docker(&["tag", "python-docker:latest", "python-docker:v1.0.0"]);
        passes(&ctx, key, &tag).await;
        std::fs::write(project.path().join("app.py"), "# changed\n").expect("write");
        stand_ins::flask_app("python-docker", project.path(), &[]);
        assert_eq!(
            reason(&ctx, key, &tag).await,
            Reason::ImageNotSame {
                reference: "python-docker:v1.0.0".into(),
                other: "python-docker:latest".into()
            }
        );

        // 07-buenas-practicas/etiquetar-version: the prod tag made from latest, not v1.0.0.
        let key = "07-buenas-practicas/etiquetar-version";
        let prod = image_check(&course, key);
        docker(&["tag", "python-docker:latest", "python-docker:v1.0.0-prod"]);
        assert_eq!(
            reason(&ctx, key, &prod).await,
            Reason::ImageNotSame {
                reference: "python-docker:v1.0.0-prod".into(),
                other: "python-docker:v1.0.0".into()
            }
        );

        // 10-seguridad/usuario-no-root: an image without USER.
        let key = "10-seguridad/usuario-no-root";
        let non_root = image_check(&course, key);
        passes(&ctx, key, &non_root).await;
        docker(&["tag", base, "python-docker:latest"]);
        assert_eq!(
            reason(&ctx, key, &non_root).await,
            Reason::ImageRootUser {
                reference: "python-docker".into()
            }
        );
    });
}

/// `docker-init` (lessons 1 and 4) for a learner without Docker Desktop: the files the lesson
/// gives to create by hand are the same in both languages and in both lessons, and they pass the
/// step; a Dockerfile whose command lets Flask listen on its default `127.0.0.1` fails here,
/// naming `--host=0.0.0.0`, instead of in lesson 2 with nothing answering. No daemon involved.
#[test]
fn docker_init_by_hand_passes_and_a_loopback_only_command_does_not() {
    let course = Course::built_in().expect("the built-in course loads");
    let first =
        stand_ins::docker_init_files(step_of(&course, "01-imagen-python/docker-init").1, Lang::Es);
    for (key, project) in [
        ("01-imagen-python/docker-init", "python-docker"),
        ("04-aplicacion-de-prueba/docker-init", "python-docker-dev"),
    ] {
        let (lesson, step) = step_of(&course, key);
        let files = stand_ins::docker_init_files(step, Lang::Es);
        assert_eq!(
            files,
            stand_ins::docker_init_files(step, Lang::En),
            "{key}: the same files in both languages"
        );
        assert_eq!(
            files, first,
            "{key}: the same answers give lesson 1's files"
        );
        let dir = tempfile::tempdir().expect("tempdir");
        let folder = dir.path().join(project);
        std::fs::create_dir_all(&folder).expect("mkdir");
        for (name, text) in &files {
            std::fs::write(folder.join(name), text).expect("write a by-hand file");
        }
        let dockerfile = checks_of(&course, key)
            .into_iter()
            .find(|c| matches!(c, Check::File(f) if f.path.ends_with("/Dockerfile")))
            .unwrap_or_else(|| panic!("{key} checks the Dockerfile"));
        block_on(async {
            let ctx = offline(dir.path());
            let r = run_step(&ctx, lesson, step).await;
            assert_eq!(
                r.status(),
                Status::Passed,
                "{key} with the by-hand files: {:?}",
                r.checks
            );
            // `python3 -m flask run` without --host: Flask's default, loopback only.
            let text = std::fs::read_to_string(folder.join("Dockerfile")).expect("read");
            let loopback = text.replace(
                "CMD python3 -m flask run --host=0.0.0.0",
                "CMD python3 -m flask run",
            );
            assert_ne!(loopback, text, "{key}: the by-hand Dockerfile's CMD");
            std::fs::write(folder.join("Dockerfile"), loopback).expect("write");
            assert_eq!(
                reason(&ctx, key, &dockerfile).await,
                Reason::FileLacks {
                    path: format!("{project}/Dockerfile"),
                    text: "--host=0.0.0.0".into()
                }
            );
        });
    }
}

/// Lesson 2's near misses: a detached (or published and detached) first run instead of an
/// attached one; a new `docker run` where the step asks to start the stopped container again;
/// and an image whose server listens only on the container's loopback, where the container runs
/// and the port is published but nothing answers (the step's hints point back to lesson 1).
#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn lesson_two_tells_attached_from_detached_and_start_from_run() {
    let Some(_serial) = daemon_tests("lesson_two_tells_attached_from_detached_and_start_from_run")
    else {
        return;
    };
    busybox_image();
    let course = Course::built_in().expect("the built-in course loads");
    let _cleanup = Cleanup::new();
    let project = tempfile::tempdir().expect("tempdir");
    std::fs::write(project.path().join("app.py"), "from flask import Flask\n").expect("write");
    stand_ins::flask_app("python-docker", project.path(), &[]);

    block_on(async {
        let mut ctx = context(project.path()).await;

        // 02-contenedor/primer-plano: `docker run -d python-docker`, then with -p as well.
        let key = "02-contenedor/primer-plano";
        let (lesson, step) = step_of(&course, key);
        let attached = container_check(&course, key, |c| c.detached == Some(false));
        ctx.since = fresh_second();
        run("pdnear-bg", &["python-docker"]);
        assert_eq!(
            reason(&ctx, key, &attached).await,
            Reason::DetachedMismatch {
                container: "pdnear-bg".into(),
                expected: "attached".into()
            }
        );
        run("pdnear-bg-port", &["-p", "8000:5000", "python-docker"]);
        let r = run_step(&ctx, lesson, step).await;
        assert_eq!(r.status(), Status::Failed, "{key}: {:?}", r.checks);
        assert!(
            r.checks.iter().any(|c| c.outcome
                == Outcome::Failed(Reason::DetachedMismatch {
                    container: "pdnear-bg-port".into(),
                    expected: "attached".into()
                })),
            "{key}: {:?}",
            r.checks
        );
        docker(&["rm", "-f", "pdnear-bg", "pdnear-bg-port"]);
        // `docker run -p 8000:5000 python-docker`, attached: the next step's command, which
        // would complete both steps at once and skip this one's point (nothing answers yet).
        docker(&[
            "create",
            "--name",
            "pdnear-fg-port",
            "-a",
            "stdout",
            "-a",
            "stderr",
            "-p",
            "8000:5000",
            "python-docker",
        ]);
        docker(&["start", "pdnear-fg-port"]);
        let r = run_step(&ctx, lesson, step).await;
        assert_eq!(r.status(), Status::Failed, "{key}: {:?}", r.checks);
        assert_eq!(
            reason(&ctx, key, &attached).await,
            Reason::PortsPublished {
                container: "pdnear-fg-port".into(),
                found: "8000→5000".into()
            }
        );
        docker(&["rm", "-f", "pdnear-fg-port"]);
        // `docker run python-docker` (create + start attached records the same).
        docker(&[
            "create",
            "--name",
            "pdnear-fg",
            "-a",
            "stdout",
            "-a",
            "stderr",
            "python-docker",
        ]);
        docker(&["start", "pdnear-fg"]);
        let r = run_step(&ctx, lesson, step).await;
        assert_eq!(r.status(), Status::Passed, "{key}: {:?}", r.checks);
        docker(&["rm", "-f", "pdnear-fg"]);

        // 02-contenedor/iniciar: segundo-plano's container, stopped in `detener`; then a new
        // `docker run -d -p 8000:5000 python-docker` instead of `docker start`.
        let key = "02-contenedor/iniciar";
        let (lesson, step) = step_of(&course, key);
        run("pdnear-old", &["-p", "8000:5000", "python-docker"]);
        docker(&["stop", "-t", "1", "pdnear-old"]);
        ctx.since = fresh_second();
        run("pdnear-new", &["-p", "8000:5000", "python-docker"]);
        let r = run_step(&ctx, lesson, step).await;
        let outcomes: Vec<(&str, &Outcome)> = r
            .checks
            .iter()
            .map(|c| (c.check.kind(), &c.outcome))
            .collect();
        assert_eq!(
            outcomes,
            vec![
                (
                    "event",
                    &Outcome::Failed(Reason::EventNewContainer {
                        action: "start".into(),
                        target: "python-docker".into(),
                        container: "pdnear-new".into()
                    })
                ),
                // The state alone cannot tell them apart: the new container runs on 8000.
                ("container", &Outcome::Passed),
            ],
            "{key}"
        );
        // The hint's way out: remove the new one, start the stopped one.
        docker(&["rm", "-f", "pdnear-new"]);
        docker(&["start", "pdnear-old"]);
        let r = run_step(&ctx, lesson, step).await;
        assert_eq!(r.status(), Status::Passed, "{key}: {:?}", r.checks);
        docker(&["rm", "-f", "pdnear-old"]);

        // 02-contenedor/publicar with an image built without --host=0.0.0.0: the container runs
        // attached with 8000→5000, yet nothing answers; the hints say where to look.
        let key = "02-contenedor/publicar";
        let (lesson, step) = step_of(&course, key);
        stand_ins::flask_app_loopback_only("python-docker", project.path());
        docker(&[
            "create",
            "--name",
            "pdnear-loop",
            "-a",
            "stdout",
            "-a",
            "stderr",
            "-p",
            "8000:5000",
            "python-docker",
        ]);
        docker(&["start", "pdnear-loop"]);
        let r = run_step(&ctx, lesson, step).await;
        let by_kind = |kind: &str| {
            r.checks
                .iter()
                .find(|c| c.check.kind() == kind)
                .map(|c| c.outcome.clone())
                .unwrap_or_else(|| panic!("{key} has a {kind} check"))
        };
        assert_eq!(by_kind("container"), Outcome::Passed, "{key}");
        assert!(
            matches!(
                by_kind("http"),
                Outcome::Failed(Reason::HttpUnreachable { .. })
            ),
            "{key}: {:?}",
            by_kind("http")
        );
        for lang in Lang::ALL {
            let hints = &step.text.get(lang).hints;
            assert!(
                hints.iter().any(
                    |(_, body)| body.contains("--host=0.0.0.0") && body.contains("docker-init")
                ),
                "{key} ({}): a hint points back to lesson 1's docker-init and --host=0.0.0.0",
                lang.code()
            );
        }
        docker(&["rm", "-f", "pdnear-loop"]);
    });
}

/// The first code block of `fence` (`yaml`, `dockerfile`...) in a step's prose that contains
/// `marker`, with a final newline as the learner's editor saves it.
fn lesson_block(step: &Step, lang: Lang, fence: &str, marker: &str) -> String {
    let blocks = step.text.get(lang).doc.code_blocks();
    let block = blocks
        .iter()
        .find(|b| b.lang.as_deref() == Some(fence) && b.text.contains(marker))
        .unwrap_or_else(|| {
            panic!(
                "{} ({}) has a {fence} block with {marker}",
                step.id,
                lang.code()
            )
        });
    format!("{}\n", block.text)
}

/// Writes `text` at `rel` under `dir`, creating folders.
fn put(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// File checkpoints on today's Docker, each lesson's own file passing next to its near miss:
/// `--host 0.0.0.0` and the exec form in docker-init; `image: postgres` untagged (PostgreSQL 18
/// keeps its data elsewhere) in compose-yaml; a workflow saved as `.yaml`; packages out of
/// alphabetical order; lesson 11's `COPY go.mod go.sum ./`. No daemon involved.
#[test]
fn file_checkpoints_accept_todays_spellings_and_refuse_their_near_misses() {
    let course = Course::built_in().expect("the built-in course loads");
    block_on(async {
        // 01-imagen-python/docker-init: the by-hand Dockerfile with a space, or in exec form.
        let key = "01-imagen-python/docker-init";
        let (lesson, step) = step_of(&course, key);
        let files = stand_ins::docker_init_files(step, Lang::Es);
        let dir = tempfile::tempdir().expect("tempdir");
        let ctx = offline(dir.path());
        let cmd = "CMD python3 -m flask run --host=0.0.0.0";
        for variant in [
            "CMD python3 -m flask run --host 0.0.0.0",
            r#"CMD ["python3", "-m", "flask", "run", "--host", "0.0.0.0"]"#,
            r#"CMD ["python3", "-m", "flask", "run", "--host=0.0.0.0"]"#,
        ] {
            for (name, text) in &files {
                put(
                    dir.path(),
                    &format!("python-docker/{name}"),
                    &text.replace(cmd, variant),
                );
            }
            let r = run_step(&ctx, lesson, step).await;
            assert_eq!(
                r.status(),
                Status::Passed,
                "{key} with {variant}: {:?}",
                r.checks
            );
        }

        // 05-compose/compose-yaml: the lesson's file, then the image untagged or PostgreSQL 18.
        let key = "05-compose/compose-yaml";
        let (lesson, step) = step_of(&course, key);
        let compose = lesson_block(step, Lang::Es, "yaml", "services:");
        assert_eq!(
            compose,
            lesson_block(step, Lang::En, "yaml", "services:"),
            "{key}: one file"
        );
        put(dir.path(), "python-docker-dev/compose.yaml", &compose);
        let r = run_step(&ctx, lesson, step).await;
        assert_eq!(r.status(), Status::Passed, "{key}: {:?}", r.checks);
        let check = checks_of(&course, key).remove(0);
        for image in [
            "image: postgres\n",
            "image: postgres:18\n",
            "image: postgres:latest\n",
        ] {
            let near = compose.replace("image: postgres:17\n", image);
            assert_ne!(near, compose, "{key}: the lesson's image line");
            put(dir.path(), "python-docker-dev/compose.yaml", &near);
            assert_eq!(
                reason(&ctx, key, &check).await,
                Reason::FileLacks {
                    path: "python-docker-dev/compose.yaml".into(),
                    text: "image: postgres:17".into()
                },
                "{key} with {image}"
            );
        }
        for lang in Lang::ALL {
            assert!(
                step.text
                    .get(lang)
                    .hints
                    .iter()
                    .any(|(_, body)| body.contains("postgres:17")
                        && body.contains("/var/lib/postgresql/18/docker")),
                "{key} ({}): a hint says why 17",
                lang.code()
            );
        }

        // 06-ci-cd/flujo-de-trabajo: the lesson's workflow as main.yml or main.yaml; not as .txt.
        let key = "06-ci-cd/flujo-de-trabajo";
        let (lesson, step) = step_of(&course, key);
        let workflow = lesson_block(step, Lang::Es, "yaml", "jobs:");
        let folder = "python-docker-dev/.github/workflows";
        for name in ["main.yml", "main.yaml"] {
            let dir = tempfile::tempdir().expect("tempdir");
            put(dir.path(), &format!("{folder}/{name}"), &workflow);
            let r = run_step(&offline(dir.path()), lesson, step).await;
            assert_eq!(
                r.status(),
                Status::Passed,
                "{key} as {name}: {:?}",
                r.checks
            );
        }
        let txt = tempfile::tempdir().expect("tempdir");
        put(txt.path(), &format!("{folder}/main.txt"), &workflow);
        let check = checks_of(&course, key).remove(0);
        assert!(
            matches!(
                reason(&offline(txt.path()), key, &check).await,
                Reason::FileMissing { .. }
            ),
            "{key}: a .txt is no workflow"
        );

        // 09-dockerfiles/ordenar-argumentos: the lesson's Dockerfile, then curl after python3.
        let key = "09-dockerfiles/ordenar-argumentos";
        let (lesson, step) = step_of(&course, key);
        let capas = lesson_block(step, Lang::Es, "dockerfile", "FROM");
        assert!(capas.contains("ca-certificates"), "{key}: {capas}");
        put(dir.path(), "capas/Dockerfile", &capas);
        let r = run_step(&ctx, lesson, step).await;
        assert_eq!(r.status(), Status::Passed, "{key}: {:?}", r.checks);
        let unsorted = capas.replace(
            "    curl \\\n    python3 \\\n",
            "    python3 \\\n    curl \\\n",
        );
        assert_ne!(unsorted, capas, "{key}: the lesson's package lines");
        put(dir.path(), "capas/Dockerfile", &unsorted);
        let r = run_step(&ctx, lesson, step).await;
        assert!(
            r.checks.iter().any(|c| c.outcome
                == Outcome::Failed(Reason::DockerfilePackagesUnsorted {
                    path: "capas/Dockerfile".into(),
                    line: 3,
                    package: "curl".into(),
                    after: "python3".into()
                })),
            "{key}: {:?}",
            r.checks
        );

        // 11-construir/reordenar: the lesson's Dockerfile copies two files into a folder (`./`),
        // which the classic builder requires, and passes.
        let key = "11-construir/reordenar";
        let (lesson, step) = step_of(&course, key);
        let buildme = lesson_block(step, Lang::Es, "dockerfile", "FROM");
        assert!(
            buildme.contains("COPY go.mod go.sum ./\n"),
            "{key}: {buildme}"
        );
        put(dir.path(), "buildme/Dockerfile", &buildme);
        let r = run_step(&ctx, lesson, step).await;
        assert_eq!(r.status(), Status::Passed, "{key}: {:?}", r.checks);
    });
}
