//! Every check kind against the real Docker daemon: a state where it passes and near-miss states
//! where it fails with the expected reason. Opt-in (`PRACDOCKER_DAEMON_TESTS=1`), serialized,
//! and each test removes the objects it made, before and after.

#[path = "daemon_checks/containers.rs"]
mod containers;
#[path = "daemon_checks/images.rs"]
mod images;
#[path = "daemon_checks/services.rs"]
mod services;
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
