//! Image checkpoints and the ways a learner runs things: `docker init` done by hand, a
//! loopback-only command, attached versus detached runs and `start` versus `run` (lesson 2).

use super::*;

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
