//! `doctor` and the daemon: without one, against one (with `check` and `answer`), a course port
//! held by a container, and permission denied with the docker-group fix.

use super::*;

#[test]
fn doctor_without_a_daemon() {
    let r = run(&["--lang", "en", "doctor"], &[("DOCKER_HOST", NO_SOCKET)]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.contains(NO_SOCKET), "{}", r.stdout);
    assert!(r.stdout.contains("does not exist"), "{}", r.stdout);
    assert!(r.stdout.contains("Port 8000"), "{}", r.stdout);
    let r = run(&["doctor", "--json"], &[("DOCKER_HOST", NO_SOCKET)]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(v["daemon"]["reachable"], false);
    assert_eq!(v["daemon"]["problem"]["id"], "socket-missing");
    assert_eq!(v["context"], "DOCKER_HOST");
    assert_eq!(v["ports"].as_array().map(Vec::len), Some(3));
}

#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn against_the_daemon_doctor_and_check_answer() {
    let Some(_serial) = support::daemon_tests("against_the_daemon_doctor_and_check_answer") else {
        return;
    };
    support::remove_all(&["mini-web"], &["mininet"], &[], &[]);
    let r = run(&["--lang", "en", "doctor"], &[]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("(API 1."), "{}", r.stdout);
    let dir = tempfile::tempdir().expect("tempdir");
    let progress = at_lesson_2(dir.path());
    let env = [("PRACDOCKER_PROGRESS", progress.as_str())];
    let r = run(
        &sample(&["--lang", "en", "check", "02-red/crear-red", "--json"]),
        &env,
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("There is no network mininet."),
        "{}",
        r.stdout
    );
    support::docker(&["network", "create", "mininet"]);
    let r = run(&sample(&["check", "02-red/crear-red"]), &env);
    support::remove_all(&[], &["mininet"], &[], &[]);
    assert_eq!(r.code, 0, "{}", r.stdout);
}

/// `doctor` names the container that holds a port the course publishes, and says what the
/// course needs besides the daemon (Buildx, Compose v2, docker init, Docker Hub), in JSON too.
#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn doctor_names_the_container_holding_a_course_port() {
    let Some(_serial) = support::daemon_tests("doctor_names_the_container_holding_a_course_port")
    else {
        return;
    };
    let image = support::busybox_image();
    support::remove_all(&["pd-doctor-holder"], &[], &[], &[]);
    support::docker(&[
        "run",
        "-d",
        "--name",
        "pd-doctor-holder",
        "-p",
        "8000:5000",
        image,
        "sleep",
        "600",
    ]);
    let text = run(&["--lang", "en", "doctor"], &[]);
    let json = run(&["doctor", "--json"], &[]);
    support::remove_all(&["pd-doctor-holder"], &[], &[], &[]);
    assert_eq!(text.code, 0, "{}", text.stdout);
    assert!(
        text.stdout
            .contains("Port 8000 is held by container pd-doctor-holder"),
        "{}",
        text.stdout
    );
    for what in ["Buildx", "Compose", "docker init", "Docker Hub"] {
        assert!(text.stdout.contains(what), "{what}: {}", text.stdout);
    }
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    let course = v["course"].as_array().expect("course findings");
    let held = course
        .iter()
        .find(|f| f["check"] == "port" && f["args"]["port"] == "8000")
        .expect("port 8000");
    assert_eq!(held["message"], "doctor-port-held", "{held}");
    assert_eq!(held["args"]["container"], "pd-doctor-holder");
    for check in [
        "buildx",
        "compose",
        "docker-init",
        "docker-hub",
        "hub-login",
    ] {
        assert!(course.iter().any(|f| f["check"] == check), "{check} in {v}");
    }
}

#[cfg(unix)]
#[test]
fn permission_denied_is_diagnosed_with_the_docker_group_fix() {
    use std::os::unix::fs::PermissionsExt;
    let uid = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    if uid.ok().as_deref() != Some("0") || !Path::new("/usr/bin/setpriv").exists() {
        support::skipped(
            "permission_denied_is_diagnosed_with_the_docker_group_fix",
            "needs root and setpriv to act as another user",
        );
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))
        .expect("chmod dir");
    let sock = dir.path().join("docker.sock");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).expect("bind");
    std::fs::set_permissions(&sock, std::fs::Permissions::from_mode(0o600)).expect("chmod socket");
    let out = Command::new("/usr/bin/setpriv")
        .args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            env!("CARGO_BIN_EXE_pracdocker"),
        ])
        .args(["--lang", "en", "doctor", "--json"])
        .env("DOCKER_HOST", format!("unix://{}", sock.display()))
        .output()
        .expect("run as nobody");
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["daemon"]["problem"]["id"], "permission-denied", "{v}");
    let message = v["daemon"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("usermod -aG docker"), "{message}");
}
