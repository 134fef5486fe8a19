//! The commands without a daemon: `list`, `--help`, `check` (diagnosis and exit codes),
//! `answer` with a corrupt progress file, `lint`, completions and the manual page, `reset`.

use super::*;

#[test]
fn list_shows_lessons_and_steps_in_the_chosen_language() {
    let r = run(&sample(&["list", "--json", "--lang", "en"]), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(v["lessons"][0]["id"], "01-imagen");
    assert_eq!(v["lessons"][0]["title"], "Your first image");
    assert_eq!(v["lessons"][0]["steps"][1]["id"], "etiquetar");
    assert_eq!(v["lessons"][0]["steps"][1]["checks"][0], "image");
    let r = run(&sample(&["list"]), &[("LANG", "es_ES.UTF-8")]);
    assert!(
        r.stdout
            .contains("01-imagen/etiquetar  Etiquetar la imagen"),
        "{}",
        r.stdout
    );
    let r = run(&sample(&["list"]), &[("LANG", "en_US.UTF-8")]);
    assert!(
        r.stdout.contains("01-imagen/etiquetar  Tag the image"),
        "{}",
        r.stdout
    );
    let r = run(&sample(&["list"]), &[("LANG", "fr_FR.UTF-8")]);
    assert!(
        r.stdout.contains("Etiquetar la imagen"),
        "Spanish when neither: {}",
        r.stdout
    );
}

#[test]
fn help_is_localized() {
    let r = run(&["--lang", "es", "check", "--help"], &[]);
    assert!(
        r.stdout.contains("Comprueba ahora los pasos"),
        "{}",
        r.stdout
    );
    let r = run(&["--lang", "en", "check", "--help"], &[]);
    assert!(
        r.stdout.contains("Checks the given steps now"),
        "{}",
        r.stdout
    );
}

#[test]
fn check_without_a_daemon_is_unknown_with_a_localized_diagnosis() {
    let dir = tempfile::tempdir().expect("tempdir");
    let wd = dir.path().to_str().expect("utf-8");
    let progress = at_lesson_2(dir.path());
    let env = [
        ("DOCKER_HOST", NO_SOCKET),
        ("PRACDOCKER_PROGRESS", progress.as_str()),
    ];
    let r = run(
        &sample(&["--lang", "es", "--workdir", wd, "check", "02-red/crear-red"]),
        &env,
    );
    assert_eq!(r.code, 2, "{} {}", r.stdout, r.stderr);
    assert!(r.stdout.contains("? 02-red/crear-red"), "{}", r.stdout);
    assert!(
        r.stderr
            .contains("no existe el socket de Docker /nonexistent/pracdocker-test.sock"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("systemctl start docker"),
        "the fix is given: {}",
        r.stderr
    );

    let r = run(
        &sample(&[
            "--lang",
            "en",
            "--workdir",
            wd,
            "check",
            "02-red/crear-red",
            "--json",
        ]),
        &env,
    );
    assert_eq!(r.code, 2);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    let step = &v["steps"][0];
    assert_eq!(
        (
            step["lesson"].as_str(),
            step["step"].as_str(),
            step["status"].as_str()
        ),
        (Some("02-red"), Some("crear-red"), Some("unknown"))
    );
    let check = &step["checks"][0];
    assert_eq!(check["kind"], "network");
    assert_eq!(check["target"], "mininet");
    assert_eq!(check["status"], "unknown");
    assert!(
        check["message"]
            .as_str()
            .is_some_and(|m| m.contains("does not exist")),
        "{check}"
    );

    // Steps still ahead outrank "unknown": exit 1.
    let r = run(&sample(&["--workdir", wd, "check"]), &env);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.contains("? 02-red/crear-red"), "{}", r.stdout);

    // On a fresh progress, a step after the current one is not evaluated at all (no daemon
    // needed, no diagnosis), and is not passed.
    let r = run(
        &sample(&["--lang", "en", "--workdir", wd, "check", "02-red/crear-red"]),
        &[("DOCKER_HOST", NO_SOCKET)],
    );
    assert_eq!(r.code, 1, "{} {}", r.stdout, r.stderr);
    assert!(
        r.stdout
            .contains("· 02-red/crear-red  Create the network  (not begun: first complete 01-imagen/dockerfile)"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("0 steps passed"), "{}", r.stdout);
    assert!(!r.stderr.contains("socket"), "{}", r.stderr);
}

#[test]
fn check_exit_codes_follow_the_verdicts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let wd = dir.path().to_str().expect("utf-8");
    let env = [("DOCKER_HOST", NO_SOCKET)];
    let r = run(
        &sample(&[
            "--lang",
            "en",
            "--workdir",
            wd,
            "check",
            "01-imagen/dockerfile",
        ]),
        &env,
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .contains("There is no file Dockerfile in the project folder."),
        "{}",
        r.stdout
    );
    assert!(
        !r.stderr.contains("socket"),
        "no daemon needed, no diagnosis: {}",
        r.stderr
    );
    std::fs::write(Path::new(wd).join("Dockerfile"), "FROM busybox:1.36\n").expect("write");
    let progress = dir.path().join("progress.json");
    let p = progress.to_str().expect("utf-8");
    let with_progress = [("DOCKER_HOST", NO_SOCKET), ("PRACDOCKER_PROGRESS", p)];
    let r = run(
        &sample(&["--workdir", wd, "check", "01-imagen/dockerfile"]),
        &with_progress,
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    // The completion is remembered: the next step's events are looked for after it.
    let read = || -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(&progress).expect("progress written"))
            .expect("json")
    };
    let done = read()["completed"]["01-imagen/dockerfile"]
        .as_i64()
        .expect("completion time");
    let r = run(
        &sample(&["--workdir", wd, "check", "01-imagen/dockerfile"]),
        &with_progress,
    );
    assert_eq!(r.code, 0);
    assert_eq!(
        read()["completed"]["01-imagen/dockerfile"].as_i64(),
        Some(done),
        "first completion kept"
    );
    let r = run(&sample(&["check", "01-imagen/nope"]), &env);
    assert_eq!(r.code, 2);
    assert!(!r.stderr.is_empty());
    let r = run(&sample(&["check", "--since", "soon"]), &env);
    assert_eq!(r.code, 2);
}

#[test]
fn answers_are_kept_and_a_corrupt_progress_file_is_set_aside() {
    let dir = tempfile::tempdir().expect("tempdir");
    let progress = dir.path().join("progress.json");
    let p = progress.to_str().expect("utf-8");
    let env = [("PRACDOCKER_PROGRESS", p), ("DOCKER_HOST", NO_SOCKET)];
    // Not begun yet: an answer is refused, nothing is recorded.
    let r = run(&sample(&["answer", "01-imagen/que-hace-tag", "2"]), &env);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("01-imagen/dockerfile"), "{}", r.stderr);
    // The quiz is the current step once the two before it are done.
    let s = 1_000_000_000_i64;
    let done = serde_json::json!({
        "version": 2,
        "started": 1_700_000_000 * s,
        "completed": {
            "01-imagen/dockerfile": 1_700_000_001 * s,
            "01-imagen/etiquetar": 1_700_000_002 * s,
        }
    });
    std::fs::write(&progress, done.to_string()).expect("write");
    let r = run(
        &sample(&["--lang", "en", "check", "01-imagen/que-hace-tag"]),
        &env,
    );
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("not answered"), "{}", r.stdout);
    let r = run(
        &sample(&["--lang", "en", "answer", "01-imagen/que-hace-tag", "1"]),
        &env,
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("Option 1 is not the right one"),
        "{}",
        r.stdout
    );
    let r = run(&sample(&["answer", "01-imagen/que-hace-tag", "2"]), &env);
    assert_eq!(r.code, 0, "{}", r.stdout);
    let r = run(&sample(&["check", "01-imagen/que-hace-tag"]), &env);
    assert_eq!(r.code, 0, "{}", r.stdout);
    let recorded: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&progress).expect("read")).expect("json");
    assert!(
        recorded["completed"]["01-imagen/que-hace-tag"].as_i64() > Some(1_700_000_002 * s),
        "the right answer completed the step: {recorded}"
    );
    let r = run(&sample(&["answer", "01-imagen/dockerfile", "2"]), &env);
    assert_eq!(r.code, 2, "not a quiz");

    std::fs::write(&progress, "{ torn write").expect("write");
    let r = run(
        &sample(&["--lang", "en", "check", "01-imagen/que-hace-tag"]),
        &env,
    );
    assert_eq!(
        r.code, 2,
        "unreadable answers are unknown, not wrong: {}",
        r.stdout
    );
    assert_eq!(
        std::fs::read_to_string(&progress).expect("untouched"),
        "{ torn write",
        "check never rewrites"
    );
    let r = run(
        &sample(&["--lang", "en", "answer", "01-imagen/que-hace-tag", "2"]),
        &env,
    );
    // A fresh start: the quiz has not begun again.
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("kept aside"), "{}", r.stderr);
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("progress.json.corrupt-")
        })
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        std::fs::read_to_string(aside[0].path()).expect("kept"),
        "{ torn write"
    );
}

#[test]
fn lint_exit_codes() {
    let r = run(&["lint", SAMPLE], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(&["lint"], &[]);
    assert_eq!(r.code, 0, "built-in course: {}", r.stderr);
    let r = run(&["lint", "/nonexistent/course"], &[]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("/nonexistent/course/course.toml:1:"),
        "{}",
        r.stderr
    );
}

#[test]
fn completions_and_the_manual_page_come_from_the_command_line_definition() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let r = run(&["completions", shell], &[]);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        assert!(r.stdout.contains("pracdocker"), "{shell}");
        assert!(
            r.stdout.contains("grade") && r.stdout.contains("reset"),
            "{shell}"
        );
    }
    let man = run(&["man"], &[]);
    assert_eq!(man.code, 0);
    assert!(man.stdout.starts_with(".ie") || man.stdout.contains(".TH pracdocker"));
}

#[test]
fn reset_forgets_one_lesson_and_asks_unless_told_not_to() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("progress.json");
    std::fs::write(
        &p,
        r#"{"version":1,"started":5,"answers":{"01-imagen/que-hace-tag":2},"completed":{"01-imagen/dockerfile":10,"02-red/crear-red":20}}"#,
    )
    .expect("write progress");
    let ps = p.to_str().expect("utf-8 path");
    let env = [("PRACDOCKER_PROGRESS", ps)];
    // Without a terminal and without --yes nothing changes.
    let asked = run(&["--lessons", SAMPLE, "reset", "01-imagen"], &env);
    assert_eq!(asked.code, 2, "{}", asked.stderr);
    assert!(asked.stderr.contains("--yes"));
    assert!(std::fs::read_to_string(&p)
        .expect("read")
        .contains("01-imagen/dockerfile"));
    let done = run(
        &[
            "--lessons",
            SAMPLE,
            "--lang",
            "en",
            "reset",
            "01-imagen",
            "--yes",
        ],
        &env,
    );
    assert_eq!(done.code, 0, "{}", done.stderr);
    let after = std::fs::read_to_string(&p).expect("read");
    assert!(!after.contains("01-imagen/"), "{after}");
    assert!(after.contains("02-red/crear-red"), "{after}");
    let unknown = run(&["--lessons", SAMPLE, "reset", "99-nada", "--yes"], &env);
    assert_eq!(unknown.code, 2);
}

/// A learner on the command line reaches the course's first optional step: `check` says how to
/// pass over it, `skip` does (and moves on as `check` would), a required or later step is
/// refused with why, and the skip is in the progress file. Before `skip` they stopped there.
#[test]
fn skip_passes_over_the_current_optional_step_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let progress = dir.path().join("progress.json");
    let work = dir.path().join("work");
    std::fs::create_dir_all(work.join("python-docker")).expect("folders");
    std::fs::write(
        work.join("python-docker/app.py"),
        "from flask import Flask\n",
    )
    .expect("app");
    std::fs::write(work.join("python-docker/requirements.txt"), "Flask\n").expect("reqs");
    let env = [
        ("PRACDOCKER_PROGRESS", progress.to_str().expect("utf-8")),
        ("DOCKER_HOST", NO_SOCKET),
    ];
    let w = work.to_str().expect("utf-8");
    let cli = |args: &[&str]| {
        let mut all = vec!["--lang", "en", "--workdir", w];
        all.extend_from_slice(args);
        run(&all, &env)
    };
    let r = cli(&["check", "01-imagen-python"]);
    assert!(
        r.stdout.contains("✔ 01-imagen-python/clonar"),
        "{}",
        r.stdout
    );
    let hint = "01-imagen-python/crear-entorno is optional: \"pracdocker skip 01-imagen-python/crear-entorno\" skips it.";
    assert!(r.stdout.contains(hint), "{}", r.stdout);
    let r = cli(&["skip", "01-imagen-python/docker-init"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("is not optional"), "{}", r.stderr);
    let r = cli(&["skip", "01-imagen-python/ejecutar-local"]);
    assert_eq!(r.code, 2, "a later optional step: {}", r.stdout);
    assert!(
        r.stderr
            .contains("first complete 01-imagen-python/crear-entorno"),
        "{}",
        r.stderr
    );
    let r = cli(&["skip", "01-imagen-python"]);
    assert_eq!(r.code, 2, "a lesson is not a step: {}", r.stdout);
    let r = cli(&["skip", "01-imagen-python/crear-entorno"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("» 01-imagen-python/crear-entorno"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("(skipped)"), "{}", r.stdout);
    // Moved on at once: the next step (an optional question) was evaluated.
    assert!(
        r.stdout.contains("01-imagen-python/instalar-dependencias"),
        "{}",
        r.stdout
    );
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&progress).expect("progress")).expect("json");
    assert!(
        saved["skipped"]
            .get("01-imagen-python/crear-entorno")
            .is_some(),
        "{saved}"
    );
    // Again: nothing to do, nothing lost.
    let r = cli(&["skip", "01-imagen-python/crear-entorno"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("(skipped)"), "{}", r.stdout);
    // The summary says "1 step", not "1 steps".
    let r = cli(&["check", "01-imagen-python/clonar"]);
    assert!(r.stdout.contains("1 step passed,"), "{}", r.stdout);
}
