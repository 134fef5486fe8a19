//! HTTP, Compose, event and Swarm checks on the daemon, and a secret read from a file rather
//! than the environment.

use super::*;

#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn http_compose_event_and_swarm_checks() {
    let Some(_serial) = daemon_tests("http_compose_event_and_swarm_checks") else {
        return;
    };
    block_on(async {
        let base = busybox_image();
        let _c = Cleanup::new(
            &["pdtest-server", "pdtest-db", "python-app"],
            &[],
            &[],
            &["python-docker:latest"],
        );
        let dir = tempfile::tempdir().expect("tempdir");
        let start = now() - 1;
        docker(&["tag", base, "python-docker:latest"]);
        let web = docker(&[
            "run",
            "-d",
            "-p",
            "127.0.0.1:8000:5000",
            "python-docker",
            "httpd",
            "-f",
            "-p",
            "5000",
            "-h",
            "/www",
        ]);
        let ctx = ctx(dir.path(), start).await;
        let hello = r#"{ kind = "http", url = "http://localhost:8000/", body_contains = "Hello, Docker!", retries = 10 }"#;
        assert_eq!(outcome(&ctx, hello).await, Outcome::Passed);
        assert_eq!(
            outcome(
                &ctx,
                r#"{ kind = "http", url = "http://localhost:8000/widgets", json = true }"#
            )
            .await,
            Outcome::Passed
        );
        assert!(matches!(
            failed(
                outcome(
                    &ctx,
                    r#"{ kind = "http", url = "http://localhost:8000/initdb", json = true }"#
                )
                .await
            ),
            Reason::HttpNotJson { .. }
        ));
        assert!(matches!(
            failed(
                outcome(
                    &ctx,
                    r#"{ kind = "http", url = "http://localhost:8000/nope" }"#
                )
                .await
            ),
            Reason::HttpStatus {
                expected: 200,
                found: 404,
                ..
            }
        ));
        assert!(matches!(
            failed(
                outcome(
                    &ctx,
                    r#"{ kind = "http", url = "http://localhost:8000/", body_contains = "Adiós" }"#
                )
                .await
            ),
            Reason::HttpBodyMissing { .. }
        ));
        let wrong_port = r#"{ kind = "container", image = "python-docker", port = { host = 8080, container = 5000 } }"#;
        assert_eq!(
            failed(outcome(&ctx, wrong_port).await),
            Reason::PortMismatch {
                container: docker(&["inspect", "--format", "{{slice .Name 1}}", &web]),
                expected: "8080→5000".into(),
                found: "8000→5000".into()
            }
        );

        // Events: stop and rename happened since the step began; restart did not.
        let stop =
            r#"{ kind = "event", object = "container", action = "stop", image = "python-docker" }"#;
        assert!(matches!(
            failed(outcome(&ctx, stop).await),
            Reason::EventMissing { .. }
        ));
        docker(&["stop", "-t", "1", &web]);
        docker(&["rename", &web, "python-app"]);
        assert_eq!(outcome(&ctx, stop).await, Outcome::Passed);
        assert_eq!(
            outcome(
                &ctx,
                r#"{ kind = "event", object = "container", action = "rename", name = "python-app" }"#
            )
            .await,
            Outcome::Passed
        );
        assert!(matches!(
            failed(outcome(&ctx, r#"{ kind = "event", object = "container", action = "restart", image = "python-docker" }"#).await),
            Reason::EventMissing { .. }
        ));
        let before = self::ctx(dir.path(), now() + 5).await;
        assert!(matches!(
            failed(outcome(&before, stop).await),
            Reason::EventMissing { .. }
        ));
        assert!(matches!(
            failed(outcome(&ctx, r#"{ kind = "http", url = "http://localhost:8000/", retries = 1, timeout_ms = 300 }"#).await),
            Reason::HttpUnreachable { cause, .. } if cause == "refused"
        ));

        // Compose (v1 and v2 label the same way): services found by their labels.
        for (name, service, version) in [
            ("pdtest-server", "server", "1.29.2"),
            ("pdtest-db", "db", "2.24.0"),
        ] {
            docker(&[
                "run",
                "-d",
                "--name",
                name,
                "--label",
                "com.docker.compose.project=python-docker-dev",
                "--label",
                &format!("com.docker.compose.service={service}"),
                "--label",
                &format!("com.docker.compose.version={version}"),
                "python-docker",
                "sleep",
                "600",
            ]);
        }
        let compose =
            r#"{ kind = "compose", project = "python-docker-dev", services = ["server", "db"] }"#;
        assert_eq!(outcome(&ctx, compose).await, Outcome::Passed);
        assert!(matches!(
            failed(
                outcome(
                    &ctx,
                    r#"{ kind = "compose", project = "otro", services = ["server"] }"#
                )
                .await
            ),
            Reason::ComposeProjectMissing { .. }
        ));
        docker(&["stop", "-t", "1", "pdtest-db"]);
        assert_eq!(
            failed(outcome(&ctx, compose).await),
            Reason::ComposeServiceDown {
                project: "python-docker-dev".into(),
                service: "db".into()
            }
        );
        let service = r#"{ kind = "container", compose_service = "server", compose_project = "python-docker-dev", env_unset = ["POSTGRES_PASSWORD"] }"#;
        assert_eq!(outcome(&ctx, service).await, Outcome::Passed);

        // Swarm is not active on a test daemon.
        assert_eq!(
            outcome(&ctx, r#"{ kind = "swarm", active = false }"#).await,
            Outcome::Passed
        );
        assert!(matches!(
            failed(outcome(&ctx, r#"{ kind = "swarm" }"#).await),
            Reason::SwarmState { .. }
        ));
        docker(&["rm", "-f", &web]);
    });
}

#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn secret_in_a_file_not_in_the_environment() {
    let Some(_serial) = daemon_tests("secret_in_a_file_not_in_the_environment") else {
        return;
    };
    block_on(async {
        let base = busybox_image();
        let _c = Cleanup::new(&["pdtest-db"], &[], &[], &[]);
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("db")).expect("mkdir");
        std::fs::write(dir.path().join("db/password.txt"), "mysecretpassword\n").expect("write");
        let secret = format!(
            "{}/db/password.txt:/run/secrets/db-password:ro",
            dir.path().display()
        );
        let labels = [
            "--label",
            "com.docker.compose.project=python-docker-dev",
            "--label",
            "com.docker.compose.service=db",
        ];
        let ctx = ctx(dir.path(), now() - 2).await;
        let check = r#"{ kind = "container", compose_service = "db", compose_project = "python-docker-dev", mount_at = "/run/secrets/db-password", env_unset = ["POSTGRES_PASSWORD"] }"#;

        let run_db = |extra: &[&str]| {
            support::docker_quiet(&["rm", "-f", "pdtest-db"]);
            let mut args = vec!["run", "-d", "--name", "pdtest-db"];
            args.extend_from_slice(extra);
            args.extend(labels);
            args.extend([base, "sleep", "600"]);
            docker(&args);
        };
        run_db(&["-e", "POSTGRES_PASSWORD=mysecretpassword"]);
        assert!(matches!(
            failed(outcome(&ctx, check).await),
            Reason::NothingMountedAt { .. }
        ));
        run_db(&["-v", &secret, "-e", "POSTGRES_PASSWORD=mysecretpassword"]);
        assert_eq!(
            failed(outcome(&ctx, check).await),
            Reason::EnvPresent {
                container: "pdtest-db".into(),
                name: "POSTGRES_PASSWORD".into()
            }
        );
        run_db(&[
            "-v",
            &secret,
            "-e",
            "POSTGRES_PASSWORD_FILE=/run/secrets/db-password",
        ]);
        assert_eq!(outcome(&ctx, check).await, Outcome::Passed);
        let file = r#"{ kind = "file", path = "db/password.txt", not_empty = true }"#;
        assert_eq!(outcome(&ctx, file).await, Outcome::Passed);
    });
}
