//! The course's container checkpoints against near misses run on the daemon: each names the
//! field that differs (port, network, environment, name, state).

use super::*;

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
