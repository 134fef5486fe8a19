//! The plain (line-based) trainer: a corrupt progress file set aside and said, and a passing
//! file step moving on to the daemon step after it.

use super::*;

#[test]
fn the_plain_trainer_keeps_a_corrupt_progress_file_aside_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("progress.json");
    std::fs::write(&p, "{ not json").expect("write");
    let ps = p.to_str().expect("utf-8 path");
    let mut child = Command::new(env!("CARGO_BIN_EXE_pracdocker"))
        .args(["--lessons", SAMPLE, "--lang", "en", "--plain"])
        .env("PRACDOCKER_PROGRESS", ps)
        .env("DOCKER_HOST", NO_SOCKET)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        let _ = stdin.write_all(b"q\n");
    }
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(all.contains("corrupt-"), "{all}");
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
        .collect();
    assert_eq!(kept.len(), 1, "the damaged file is kept aside");
    assert_eq!(
        std::fs::read_to_string(kept[0].path()).expect("read"),
        "{ not json"
    );
}

#[test]
fn a_passing_file_step_moves_on_to_the_daemon_step_after_it() {
    // The cascade begins at a file step (no daemon needed) and reaches a daemon step: the
    // daemon is asked for then, so the learner hears why that step could not be verified.
    let dir = tempfile::tempdir().expect("tempdir");
    let wd = dir.path().to_str().expect("utf-8");
    std::fs::write(dir.path().join("Dockerfile"), "FROM scratch\n").expect("Dockerfile");
    let progress = dir.path().join("progress.json");
    let progress = progress.to_str().expect("utf-8");
    let env = [
        ("DOCKER_HOST", NO_SOCKET),
        ("PRACDOCKER_PROGRESS", progress),
    ];
    let r = run(&sample(&["--lang", "en", "--workdir", wd, "check"]), &env);
    assert_eq!(r.code, 1, "steps still ahead: {} {}", r.stdout, r.stderr);
    assert!(r.stdout.contains("✔ 01-imagen/dockerfile"), "{}", r.stdout);
    assert!(r.stdout.contains("? 01-imagen/etiquetar"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("Docker socket /nonexistent/pracdocker-test.sock does not exist"),
        "{}",
        r.stdout
    );
    assert!(r.stderr.contains("systemctl start docker"), "{}", r.stderr);
}
