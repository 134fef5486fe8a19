//! The daemon tests use the course's image names (`postgres:17`, `python-docker`, ...) and remove
//! them when they clean up. Whoever runs the tests on their own daemon may have real images under
//! those names: [`keep`] gives each of them a second name under [`PREFIX`] before a test (so that
//! removing the course's name only untags it) and [`restore`] puts the name back afterwards. A run
//! killed half-way leaves the second names, and the next run restores them first.

use std::process::Command;

use super::docker_quiet;
use super::stand_ins::LABEL;

/// Where a displaced image waits: `pracdocker-kept/postgres:17` holds the user's `postgres:17`.
pub const PREFIX: &str = "pracdocker-kept/";

/// Repositories the tests tag, build or remove.
const REPOSITORIES: &[&str] = &[
    "python-docker",
    "python-docker-dev",
    "python-docker-dev_server",
    "python-docker-dev-server",
    "postgres",
    "capas",
    "hola-stdin",
    "buildme",
    "mini",
];

fn lines(args: &[&str]) -> Vec<String> {
    Command::new("docker")
        .args(args)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .map(str::to_string)
                .filter(|l| !l.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// The image ids the tests themselves make under the course's names: the busybox fixture (tagged
/// as course images by some tests) and every stand-in (labelled [`LABEL`]).
fn made_by_tests(id: &str) -> bool {
    let fixture = lines(&[
        "image",
        "inspect",
        "--format",
        "{{.Id}}",
        "pracdocker-fixture/busybox:3",
    ]);
    if fixture.iter().any(|f| f == id) {
        return true;
    }
    let label = format!("{{{{index .Config.Labels \"{LABEL}\"}}}}");
    lines(&["image", "inspect", "--format", &label, id])
        .first()
        .is_some_and(|v| !v.is_empty() && v != "<no value>")
}

/// Gives every image of the user's under a course name a second name under [`PREFIX`].
pub fn keep() {
    restore();
    for line in lines(&[
        "image",
        "ls",
        "--no-trunc",
        "--filter",
        "dangling=false",
        "--format",
        "{{.Repository}}:{{.Tag}} {{.ID}}",
    ]) {
        let Some((reference, id)) = line.split_once(' ') else {
            continue;
        };
        let repository = reference.rsplit_once(':').map_or(reference, |(r, _)| r);
        if REPOSITORIES.contains(&repository) && !made_by_tests(id) {
            docker_quiet(&["tag", id, &format!("{PREFIX}{reference}")]);
        }
    }
}

/// Puts every kept image back under its own name (replacing whatever a test left there) and drops
/// the second name.
pub fn restore() {
    for kept in lines(&[
        "image",
        "ls",
        "--filter",
        &format!("reference={PREFIX}*"),
        "--format",
        "{{.Repository}}:{{.Tag}}",
    ]) {
        if let Some(reference) = kept.strip_prefix(PREFIX) {
            docker_quiet(&["tag", &kept, reference]);
            docker_quiet(&["image", "rm", &kept]);
        }
    }
}
