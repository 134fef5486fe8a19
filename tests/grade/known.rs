//! `grade` against the daemon in a known state: the golden JSON, and the learner's password
//! absent from every format (JUnit read back by an XML parser).

use super::*;

#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn a_known_state_grades_to_the_golden_json() {
    let Some(_guard) = daemon_tests("a_known_state_grades_to_the_golden_json") else {
        return;
    };
    let known = arrange("chosen-by-ana-7Q2");
    let work = known.work.path().to_string_lossy().into_owned();
    let progress = known.progress.to_string_lossy().into_owned();
    let r = grade(
        MINI,
        &socket(),
        &[
            "--workdir",
            &work,
            "--progress",
            &progress,
            "--format",
            "json",
        ],
    );
    let csv = grade(
        MINI,
        &socket(),
        &[
            "--workdir",
            &work,
            "--progress",
            &progress,
            "--format",
            "csv",
        ],
    );
    clean();
    // The same state as a gradebook row: 3 + 2 points of 5, nothing pending or flagged.
    let row = csv.stdout.lines().nth(1).unwrap_or_default().to_string();
    assert!(row.ends_with(",3,2,5,5,0,1,0,graded"), "{}", csv.stdout);
    let mut v = json(&r);
    check_shape(&v);
    assert_eq!(r.code, 0, "{}", r.stdout);
    let daemon_id = docker(&["info", "--format", "{{.ID}}"]);
    assert_eq!(v["learners"][0]["daemon"]["id"], daemon_id.as_str());
    let ev = &v["learners"][0]["lessons"][1]["steps"][1]["checks"];
    assert_eq!(ev[0]["evidence"]["container_name"], "mini-web");
    assert_eq!(ev[1]["evidence"]["http_status"], 200);
    mask(&mut v);
    let got = serde_json::to_string_pretty(&v).expect("json") + "\n";
    if std::env::var("UPDATE_GOLDEN").as_deref() == Ok("1") {
        std::fs::write(GOLDEN, &got).expect("write golden");
    }
    let want = std::fs::read_to_string(GOLDEN).expect("golden file (UPDATE_GOLDEN=1 writes it)");
    assert_eq!(got, want);
}

/// The mini course plus checks on the learner's secret: the password in the container's
/// environment (compared with the course's example value, so it fails) and in db/password.txt.
fn course_with_secret_checks(dir: &Path) -> String {
    support::sh(&format!("cp -r {MINI}/. {}", dir.display()));
    let lesson = dir.join("02-red/lesson.toml");
    let text = std::fs::read_to_string(&lesson).expect("lesson");
    let text = text.replace(
        "  { kind = \"http\", url = \"http://localhost:8089/\", body_contains = \"hola\" },",
        "  { kind = \"http\", url = \"http://localhost:8089/\", body_contains = \"hola\" },\n  { kind = \"container\", name = \"mini-web\", env = [{ name = \"APP_PASSWORD\", value = \"mysecretpassword\" }] },\n  { kind = \"file\", path = \"db/password.txt\", not_empty = true },",
    );
    assert!(text.contains("APP_PASSWORD"), "the step to extend moved");
    std::fs::write(&lesson, text).expect("write lesson");
    dir.to_string_lossy().into_owned()
}

#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn the_learners_password_appears_in_no_format_and_junit_parses() {
    let Some(_guard) = daemon_tests("the_learners_password_appears_in_no_format_and_junit_parses")
    else {
        return;
    };
    let secret = "Ana-eligio-9xK4tZ";
    let known = arrange(secret);
    let course_dir = tempfile::tempdir().expect("tempdir");
    let course = course_with_secret_checks(course_dir.path());
    let work = known.work.path().to_string_lossy().into_owned();
    let progress = known.progress.to_string_lossy().into_owned();
    let mut outputs = Vec::new();
    let feedback = known.work.path().join("feedback");
    let fb = feedback.to_string_lossy().into_owned();
    for format in ["table", "json", "junit", "markdown", "csv", "gradescope"] {
        let r = grade(
            &course,
            &socket(),
            &[
                "--workdir",
                &work,
                "--progress",
                &progress,
                "--format",
                format,
                "--feedback",
                &fb,
            ],
        );
        for f in std::fs::read_dir(&feedback).expect("feedback").flatten() {
            let text = std::fs::read_to_string(f.path()).expect("feedback file");
            assert!(!text.contains(secret), "the feedback shows the password");
        }
        assert_eq!(r.code, 1, "{format}: the env value differs: {}", r.stdout);
        assert!(!r.stdout.contains(secret), "{format} shows the password");
        assert!(!r.stderr.contains(secret), "{format} shows the password");
        outputs.push((format, r.stdout));
    }
    let out_file = known.work.path().join("report.md");
    let r = grade(
        &course,
        &socket(),
        &[
            "--workdir",
            &work,
            "--format",
            "markdown",
            "--output",
            &out_file.to_string_lossy(),
        ],
    );
    clean();
    assert!(r.stdout.is_empty());
    let written = std::fs::read_to_string(&out_file).expect("--output file");
    assert!(!written.contains(secret));
    assert!(
        written.contains("| Learner") || written.contains("### 01-imagen"),
        "{written}"
    );

    let v: Value = serde_json::from_str(&outputs[1].1).expect("json");
    check_shape(&v);
    let junit = &outputs[2].1;
    let doc = roxmltree::Document::parse(junit).expect("JUnit is well-formed XML");
    let suites: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(
        suites
            .iter()
            .map(|s| s.attribute("name"))
            .collect::<Vec<_>>(),
        [Some("01-imagen"), Some("02-red")]
    );
    let cases = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .count();
    assert_eq!(cases, 5, "one test case per checkpoint");
    let failures: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .collect();
    assert_eq!(failures.len(), 1, "{junit}");
    assert_eq!(
        failures[0].attribute("message"),
        Some("Variable APP_PASSWORD of container mini-web has another value (not shown).")
    );
    assert_eq!(suites[1].attribute("failures"), Some("1"));
    assert_eq!(doc.root_element().attribute("tests"), Some("5"));
}
