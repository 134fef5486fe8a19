//! The test kit shared by every test binary: the daemon tests' opt-in switch, a `docker` CLI
//! runner for arranging states (never for checking them) and fixture images; the course fixture
//! ([`courses`]) and the one pseudo-terminal harness ([`pty`]) in their own modules.
#![allow(dead_code)]

pub mod course_up;
pub mod courses;
pub mod kept;
pub mod learner_files;
#[cfg(unix)]
pub mod proxy;
pub mod pty;
pub mod stand_ins;

use std::process::Command;
use std::sync::{Mutex, MutexGuard};

/// The variable that allows tests to create and remove Docker objects.
pub const ENABLE: &str = "PRACDOCKER_DAEMON_TESTS";

static SERIAL: Mutex<()> = Mutex::new(());

/// Held while a daemon test runs: the in-process lock and a lock file shared by every test
/// process on this machine (two runs at once would fight over the course's fixed names).
pub struct Serial {
    _file: std::fs::File,
    _guard: MutexGuard<'static, ()>,
}

/// `Some(guard)` when daemon tests are enabled (and serializes them, across processes too);
/// otherwise prints why the test is skipped and returns `None`.
pub fn daemon_tests(name: &str) -> Option<Serial> {
    if std::env::var(ENABLE).as_deref() != Ok("1") {
        skipped(name, &format!("daemon test; set {ENABLE}=1 to run it against the local Docker daemon (it creates and removes the course's objects: db, postgresnet, db-data, ...)"));
        return None;
    }
    let guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(std::env::temp_dir().join("pracdocker-daemon-tests.lock"))
        .expect("daemon test lock file");
    file.lock().expect("daemon test lock");
    let ok = Command::new("docker")
        .args(["info", "--format", "{{.ServerVersion}}"])
        .output();
    assert!(
        ok.map(|o| o.status.success()).unwrap_or(false),
        "{ENABLE}=1 but no Docker daemon answers `docker info`"
    );
    kept::keep();
    Some(Serial {
        _file: file,
        _guard: guard,
    })
}

impl Drop for Serial {
    /// The user's own images under the course's names come back before the next test may run.
    fn drop(&mut self) {
        kept::restore();
    }
}

/// Says on the real stderr (the test harness captures `eprintln!`, not direct writes) that a test
/// was skipped, so a green run never hides that it checked nothing.
pub fn skipped(name: &str, why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED {name}: {why}");
}

/// Runs a test body on a current-thread runtime (the serial guard stays outside the future).
pub fn block_on<F: std::future::Future<Output = ()>>(f: F) {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(f);
}

/// The variable that makes the tests build the way the engine's own CLI would: `1` builds with
/// BuildKit (Buildx), as `.ci/engine26` does on Engine 26.1; otherwise the classic builder.
pub const BUILDKIT: &str = "PRACDOCKER_TEST_BUILDKIT";

/// The variable that picks the Compose the tests drive: `v2` is the `docker compose` plugin (as
/// `.ci/engine26` sets on Engine 26.1); otherwise Debian's Compose v1 `docker-compose`.
pub const COMPOSE: &str = "PRACDOCKER_TEST_COMPOSE";

/// `DOCKER_BUILDKIT`'s value for the builds the tests make: `1` or `0`.
pub fn docker_buildkit() -> &'static str {
    if std::env::var(BUILDKIT).as_deref() == Ok("1") {
        "1"
    } else {
        "0"
    }
}

/// The Compose command the tests drive (`docker compose` or `docker-compose`), with the builder
/// chosen by [`docker_buildkit`]; `None` when it is not installed.
pub fn compose_command() -> Option<Command> {
    let v2 = std::env::var(COMPOSE).as_deref() == Ok("v2");
    let make = || {
        let mut c = if v2 {
            let mut c = Command::new("docker");
            c.arg("compose");
            c
        } else {
            Command::new("docker-compose")
        };
        c.env("DOCKER_BUILDKIT", docker_buildkit())
            .env("COMPOSE_DOCKER_CLI_BUILD", docker_buildkit());
        c
    };
    let ok = make()
        .arg("version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    ok.then(make)
}

/// Runs `docker ARGS`, panicking with its stderr when it fails; returns stdout.
pub fn docker(args: &[&str]) -> String {
    let out = Command::new("docker")
        .args(args)
        .output()
        .expect("docker CLI");
    assert!(
        out.status.success(),
        "docker {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Runs `docker ARGS`, ignoring failure (cleanup).
pub fn docker_quiet(args: &[&str]) {
    let _ = Command::new("docker").args(args).output();
}

/// Runs a shell script (for pipelines such as `tar | docker import`).
pub fn sh(script: &str) -> String {
    let out = Command::new("bash")
        .args(["-euo", "pipefail", "-c", script])
        .output()
        .expect("bash");
    assert!(
        out.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A one-request HTTP handler for `nc -ll -e` that answers like the course's Flask apps and logs
/// each request on stderr the way Flask's development server does (`"GET /initdb HTTP/1.1" 200 -`),
/// so `log` checks read what they would read from the real app. Like the real app, it keeps data
/// that `/initdb` destroys: `/widgets` lists the rows of `/var/db/widgets` (one JSON object a line,
/// created by the Flask stand-in image) and `/initdb` empties that file, as the real handler drops
/// and recreates the database; so a check that sent `/initdb` would be seen wiping the learner's
/// rows.
const FLASK_STAND_IN: &str = r#"#!/bin/sh
read -r method path proto
cr=$(printf '\r')
while read -r line && [ "${line%$cr}" != "" ]; do :; done
code=200
case "$path" in
  /) body='Hello, Docker!' ;;
  /widgets)
    rows=''
    if [ -r /var/db/widgets ]; then
      while IFS= read -r row; do rows="${rows:+$rows,}$row"; done < /var/db/widgets
    fi
    body="[$rows]" ;;
  /initdb) { : > /var/db/widgets; } 2>/dev/null; body='init database' ;;
  *) body='Not Found'; code=404 ;;
esac
printf 'HTTP/1.0 %s OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s' "$code" "${#body}" "$body"
echo "172.17.0.1 - - \"$method $path ${proto%$cr}\" $code -" >&2
"#;

/// The busybox fixture image: Debian's static busybox in an otherwise empty filesystem, imported
/// locally (there is no registry). Built once per daemon; returns its reference.
pub fn busybox_image() -> &'static str {
    const NAME: &str = "pracdocker-fixture/busybox:3";
    if Command::new("docker")
        .args(["image", "inspect", NAME])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
    {
        return NAME;
    }
    let busybox = ["/bin/busybox", "/usr/bin/busybox"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
        .expect("busybox-static is installed (apt-get install busybox-static)");
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().display();
    sh(&format!(
        "mkdir -p {root}/bin {root}/tmp {root}/www {root}/etc
         cp {busybox} {root}/bin/busybox
         for a in sh echo cat sleep httpd ls mkdir id true false env printf nc chmod; do ln -s busybox {root}/bin/$a; done
         cat > {root}/bin/flask-stand-in <<'STANDIN'
{FLASK_STAND_IN}STANDIN
         chmod 755 {root}/bin/flask-stand-in
         echo 'root:x:0:0:root:/:/bin/sh' > {root}/etc/passwd
         echo 'app:x:1000:1000:app:/:/bin/sh' >> {root}/etc/passwd
         printf 'Hello, Docker!\\n' > {root}/www/index.html
         printf '[]' > {root}/www/widgets
         printf 'init database' > {root}/www/initdb
         tar -C {root} -c . | docker import --change 'CMD [\"/bin/sh\"]' --change 'ENV PATH=/bin' - {NAME} >/dev/null"
    ));
    NAME
}

/// Removes containers, networks, volumes and image tags by name; ignores what does not exist.
pub fn remove_all(containers: &[&str], networks: &[&str], volumes: &[&str], images: &[&str]) {
    for c in containers {
        docker_quiet(&["rm", "-f", "-v", c]);
    }
    for n in networks {
        docker_quiet(&["network", "rm", n]);
    }
    for v in volumes {
        docker_quiet(&["volume", "rm", "-f", v]);
    }
    for i in images {
        docker_quiet(&["image", "rm", "-f", i]);
    }
}

/// The `docker` CLI's idea of "now", as seconds since the epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
