//! Container, network, volume and exec checks on the daemon, and an attached run told from a
//! detached one.

use super::*;

#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn container_network_volume_and_exec_checks() {
    let Some(_serial) = daemon_tests("container_network_volume_and_exec_checks") else {
        return;
    };
    block_on(async {
        let base = busybox_image();
        let _c = Cleanup::new(
            &["db"],
            &["postgresnet"],
            &["db-data"],
            &["postgres:latest"],
        );
        let dir = tempfile::tempdir().expect("tempdir");
        let ctx = ctx(dir.path(), now() - 2).await;

        assert!(matches!(
            failed(outcome(&ctx, r#"{ kind = "volume", name = "db-data" }"#).await),
            Reason::VolumeMissing { .. }
        ));
        assert!(matches!(
            failed(outcome(&ctx, r#"{ kind = "network", name = "postgresnet" }"#).await),
            Reason::NetworkMissing { .. }
        ));
        docker(&["volume", "create", "db-data"]);
        docker(&["network", "create", "postgresnet"]);
        assert_eq!(
            outcome(&ctx, r#"{ kind = "volume", name = "db-data" }"#).await,
            Outcome::Passed
        );
        assert_eq!(
            outcome(
                &ctx,
                r#"{ kind = "network", name = "postgresnet", driver = "bridge" }"#
            )
            .await,
            Outcome::Passed
        );
        assert_eq!(
            failed(
                outcome(
                    &ctx,
                    r#"{ kind = "network", name = "postgresnet", driver = "overlay" }"#
                )
                .await
            ),
            Reason::NetworkDriver {
                name: "postgresnet".into(),
                expected: "overlay".into(),
                found: "bridge".into()
            }
        );

        docker(&["tag", base, "postgres:latest"]);
        let db = r#"{ kind = "container", name = "db", state = "running", network = "postgresnet", port = { host = 5432, container = 5432 }, volume = { name = "db-data", path = "/var/lib/postgresql/data" }, env = [{ name = "POSTGRES_DB", value = "example" }, { name = "POSTGRES_PASSWORD" }], detached = true, auto_remove = true }"#;
        assert_eq!(
            failed(outcome(&ctx, db).await),
            Reason::ContainerMissing {
                by: Selector::Name,
                selector: "db".into()
            }
        );
        let run_db = |port: &str, network: &str, envs: &[&str], rm: bool| {
            support::docker_quiet(&["rm", "-f", "db"]);
            let mut args = vec![
                "run",
                "-d",
                "--name",
                "db",
                "--mount",
                "type=volume,src=db-data,target=/var/lib/postgresql/data",
                "-p",
                port,
                "--network",
                network,
            ];
            if rm {
                args.push("--rm");
            }
            for e in envs {
                args.extend(["-e", e]);
            }
            args.extend(["postgres", "sleep", "600"]);
            docker(&args);
        };
        let envs = ["POSTGRES_PASSWORD=mysecretpassword", "POSTGRES_DB=example"];
        run_db("5432:5432", "postgresnet", &envs, true);
        assert_eq!(outcome(&ctx, db).await, Outcome::Passed);
        assert_eq!(
            outcome(
                &ctx,
                r#"{ kind = "container", image = "postgres", network = "postgresnet" }"#
            )
            .await,
            Outcome::Passed
        );

        // exec: the declared command runs inside, exit code and output are judged.
        let exec_ok = r#"{ kind = "exec", container = "db", command = ["sh", "-c", "echo 1"], output_contains = "1" }"#;
        assert_eq!(outcome(&ctx, exec_ok).await, Outcome::Passed);
        assert!(matches!(
            failed(
                outcome(
                    &ctx,
                    r#"{ kind = "exec", container = "db", command = ["sh", "-c", "exit 3"] }"#
                )
                .await
            ),
            Reason::ExecExitCode {
                expected: 0,
                found: 3,
                ..
            }
        ));
        assert!(matches!(
            failed(outcome(&ctx, r#"{ kind = "exec", container = "db", command = ["echo", "0"], output_contains = "1" }"#).await),
            Reason::ExecOutputMissing { .. }
        ));
        assert!(matches!(
            failed(
                outcome(
                    &ctx,
                    r#"{ kind = "exec", container = "db", command = ["psql", "-c", "select 1"] }"#
                )
                .await
            ),
            Reason::ExecExitCode { .. }
        ));

        // Near misses, one field at a time.
        run_db("5433:5432", "postgresnet", &envs, true);
        assert_eq!(
            failed(outcome(&ctx, db).await),
            Reason::PortMismatch {
                container: "db".into(),
                expected: "5432→5432".into(),
                found: "5433→5432".into()
            }
        );
        run_db("5432:5432", "bridge", &envs, true);
        assert_eq!(
            failed(outcome(&ctx, db).await),
            Reason::NotOnNetwork {
                container: "db".into(),
                expected: "postgresnet".into(),
                found: "bridge".into()
            }
        );
        run_db("5432:5432", "postgresnet", &["POSTGRES_DB=example"], true);
        assert_eq!(
            failed(outcome(&ctx, db).await),
            Reason::EnvMissing {
                container: "db".into(),
                name: "POSTGRES_PASSWORD".into()
            }
        );
        run_db(
            "5432:5432",
            "postgresnet",
            &["POSTGRES_PASSWORD=x", "POSTGRES_DB=other"],
            true,
        );
        let wrong_value = failed(outcome(&ctx, db).await);
        assert_eq!(
            wrong_value,
            Reason::EnvWrongValue {
                container: "db".into(),
                name: "POSTGRES_DB".into()
            }
        );
        assert!(
            !format!("{wrong_value:?}").contains("other"),
            "values are never reported"
        );
        run_db("5432:5432", "postgresnet", &envs, false);
        assert!(matches!(
            failed(outcome(&ctx, db).await),
            Reason::AutoRemoveMismatch { .. }
        ));

        // Stopped, then gone.
        docker(&["stop", "-t", "1", "db"]);
        assert!(matches!(
            failed(outcome(&ctx, db).await),
            Reason::ContainerState { .. }
        ));
        assert_eq!(
            outcome(
                &ctx,
                r#"{ kind = "container", name = "db", state = "exited" }"#
            )
            .await,
            Outcome::Passed
        );
        assert!(matches!(
            failed(outcome(&ctx, exec_ok).await),
            Reason::ExecNotRunning { .. }
        ));
        docker(&["rm", "db"]);
        assert_eq!(
            outcome(
                &ctx,
                r#"{ kind = "container", name = "db", state = "absent" }"#
            )
            .await,
            Outcome::Passed
        );
    });
}

#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn attached_run_is_not_detached() {
    let Some(_serial) = daemon_tests("attached_run_is_not_detached") else {
        return;
    };
    block_on(async {
        let base = busybox_image();
        let _c = Cleanup::new(&["rest-server"], &[], &[], &["python-docker-dev:latest"]);
        docker(&["tag", base, "python-docker-dev:latest"]);
        // `docker run` without -d attaches; `docker create` + `start` records the same flags.
        docker(&[
            "create",
            "--name",
            "rest-server",
            "-a",
            "stdout",
            "-a",
            "stderr",
            "python-docker-dev",
            "sleep",
            "600",
        ]);
        docker(&["start", "rest-server"]);
        let dir = tempfile::tempdir().expect("tempdir");
        let ctx = ctx(dir.path(), now() - 2).await;
        assert_eq!(
            failed(
                outcome(
                    &ctx,
                    r#"{ kind = "container", name = "rest-server", detached = true }"#
                )
                .await
            ),
            Reason::DetachedMismatch {
                container: "rest-server".into(),
                expected: "detached".into()
            }
        );
    });
}
