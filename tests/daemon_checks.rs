//! Every check kind against the real Docker daemon: a state where it passes and near-miss states
//! where it fails with the expected reason. Opt-in (`PRACDOCKER_DAEMON_TESTS=1`), serialized,
//! and each test removes the objects it made, before and after.

mod support;

use std::collections::HashMap;
use std::path::Path;

use pracdocker::check::{Check, Outcome, Reason, Selector};
use pracdocker::checker::{evaluate, Context};
use support::{block_on, busybox_image, daemon_tests, docker, now, remove_all, sh};

/// Parses one check written exactly as in a lesson.toml.
fn check(toml_inline: &str) -> Check {
    #[derive(serde::Deserialize)]
    struct W {
        c: Check,
    }
    toml::from_str::<W>(&format!("c = {toml_inline}"))
        .expect("valid check")
        .c
}

async fn ctx(workdir: &Path, since: i64) -> Context {
    Context {
        daemon: Ok(pracdocker::docker::connect_default()
            .await
            .expect("daemon reachable")),
        workdir: workdir.to_path_buf(),
        since,
        answers: Ok(HashMap::new()),
    }
}

async fn outcome(ctx: &Context, c: &str) -> Outcome {
    evaluate(ctx, "test/step", &check(c)).await
}

fn failed(o: Outcome) -> Reason {
    match o {
        Outcome::Failed(r) => r,
        other => panic!("expected a failure, got {other:?}"),
    }
}

/// Cleans up on drop so a failing assertion does not leave objects behind.
struct Cleanup<'a> {
    containers: &'a [&'a str],
    networks: &'a [&'a str],
    volumes: &'a [&'a str],
    images: &'a [&'a str],
}

impl<'a> Cleanup<'a> {
    fn new(
        containers: &'a [&'a str],
        networks: &'a [&'a str],
        volumes: &'a [&'a str],
        images: &'a [&'a str],
    ) -> Self {
        let c = Cleanup {
            containers,
            networks,
            volumes,
            images,
        };
        c.run();
        c
    }
    fn run(&self) {
        remove_all(self.containers, self.networks, self.volumes, self.images);
    }
}

impl Drop for Cleanup<'_> {
    fn drop(&mut self) {
        self.run();
    }
}

#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn image_checks() {
    let Some(_serial) = daemon_tests("image_checks") else {
        return;
    };
    block_on(async {
        let base = busybox_image();
        let _c = Cleanup::new(
            &[],
            &[],
            &[],
            &["python-docker:latest", "python-docker:v1.0.0"],
        );
        let dir = tempfile::tempdir().expect("tempdir");
        let start = now() - 2;
        docker(&["tag", base, "python-docker:latest"]);
        docker(&["tag", "python-docker:latest", "python-docker:v1.0.0"]);
        let ctx = ctx(dir.path(), start).await;
        let tag = r#"{ kind = "image", reference = "python-docker:v1.0.0", same_as = "python-docker:latest" }"#;
        assert_eq!(outcome(&ctx, tag).await, Outcome::Passed);
        assert_eq!(
            outcome(
                &ctx,
                r#"{ kind = "image", reference = "python-docker", max_size = "100MB" }"#
            )
            .await,
            Outcome::Passed
        );
        assert!(matches!(
            failed(
                outcome(
                    &ctx,
                    r#"{ kind = "image", reference = "python-docker", max_size = "100KB" }"#
                )
                .await
            ),
            Reason::ImageTooBig { .. }
        ));
        assert_eq!(
            failed(
                outcome(
                    &ctx,
                    r#"{ kind = "image", reference = "python-docker:v1.0.0", non_root_user = true }"#
                )
                .await
            ),
            Reason::ImageRootUser {
                reference: "python-docker:v1.0.0".into()
            }
        );
        assert!(matches!(
            failed(
                outcome(
                    &ctx,
                    r#"{ kind = "image", reference = "python-docker:v2" }"#
                )
                .await
            ),
            Reason::ImageMissing { .. }
        ));

        // Near miss: latest rebuilt, so v1.0.0 now names another image.
        sh(&format!(
            "printf 'FROM {base}\\nUSER 1000\\nLABEL rebuilt=1\\n' | DOCKER_BUILDKIT={} docker build -q -t python-docker:latest - >/dev/null",
            support::docker_buildkit()
        ));
        assert_eq!(
            failed(outcome(&ctx, tag).await),
            Reason::ImageNotSame {
                reference: "python-docker:v1.0.0".into(),
                other: "python-docker:latest".into()
            }
        );
        let user = r#"{ kind = "image", reference = "python-docker", non_root_user = true, built_during_step = true }"#;
        assert_eq!(outcome(&ctx, user).await, Outcome::Passed);
        let later = self::ctx(dir.path(), now() + 3600).await;
        assert!(matches!(
            failed(outcome(&later, user).await),
            Reason::ImageNotRebuilt { .. }
        ));
    });
}

/// Whoever runs these tests on their own daemon keeps their images under the course's names: a
/// test removes `capas:v1.1.0`, and the user's own image is back under that name afterwards.
#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn the_users_own_image_under_a_course_name_comes_back() {
    let Some(_serial) = daemon_tests("the_users_own_image_under_a_course_name_comes_back") else {
        return;
    };
    let reference = "capas:v1.1.0";
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().display();
    let id = sh(&format!(
        "echo {} > {root}/mine && tar -C {root} -c mine | docker import - {reference}",
        support::stand_ins::run_id()
    ));
    support::kept::keep();
    support::stand_ins::remove_course_objects();
    let gone = std::process::Command::new("docker")
        .args(["image", "inspect", reference])
        .output()
        .expect("docker");
    assert!(
        !gone.status.success(),
        "the test's cleanup removed the name"
    );
    support::kept::restore();
    assert_eq!(
        docker(&["image", "inspect", "--format", "{{.Id}}", reference]),
        id,
        "the user's image is back under its name"
    );
    let kept = docker(&[
        "image",
        "ls",
        "--filter",
        "reference=pracdocker-kept/*",
        "-q",
    ]);
    assert!(kept.is_empty(), "no second name is left: {kept}");
    docker(&["image", "rm", reference]);
}

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
