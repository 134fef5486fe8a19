//! Unit tests of `grade`.

use super::*;

#[test]
fn roster_hosts_become_endpoints() {
    assert_eq!(
        endpoint("unix:///run/d.sock", None).endpoint,
        Endpoint::Unix("/run/d.sock".into())
    );
    let tls = endpoint("tcp://10.0.0.5:2376", Some(std::path::Path::new("/c")));
    assert!(matches!(
        tls.endpoint,
        Endpoint::Tcp { ref addr, tls: Some(ref t) } if addr == "10.0.0.5:2376" && t.key == std::path::Path::new("/c/key.pem")
    ));
    assert!(matches!(
        endpoint("ssh://me@box", None).endpoint,
        Endpoint::Unsupported(_)
    ));
}

#[test]
fn http_checks_follow_a_remote_daemon() {
    assert_eq!(
        endpoint("tcp://10.1.2.3:2375", None)
            .remote_host()
            .as_deref(),
        Some("10.1.2.3")
    );
    assert_eq!(
        endpoint("tcp://[fd00::7]:2376", None)
            .remote_host()
            .as_deref(),
        Some("fd00::7")
    );
    for local in [
        "tcp://127.0.0.1:2375",
        "tcp://localhost:2375",
        "unix:///run/d.sock",
    ] {
        assert_eq!(endpoint(local, None).remote_host(), None, "{local}");
    }
}

#[test]
fn the_board_regrades_only_for_events_the_graded_lessons_look_at() {
    let course = Course::built_in().expect("built-in course");
    let plan = |lessons: &[&str]| Plan {
        course: course.clone(),
        lessons: lessons.iter().map(|l| l.to_string()).collect(),
        since: None,
        timeout: Duration::from_secs(1),
        ledger: None,
    };
    let first = course.lessons[0].id.clone();
    let images = plan(&[&first]);
    assert!(images.woken_by("image", "tag"), "lesson 1 tags images");
    assert!(
        !images.woken_by("volume", "create"),
        "lesson 1 has no volume check"
    );
    assert!(!images.woken_by("container", "exec_start: psql -c 1"));
    let all: Vec<&str> = course.lessons.iter().map(|l| l.id.as_str()).collect();
    let all = plan(&all);
    assert!(all.woken_by("volume", "create"));
    assert!(
        !plan(&[]).woken_by("image", "tag"),
        "nothing graded, nothing to regrade"
    );
}

/// With a progress file, every step the learner reached gets its request: an optional step they
/// skipped (whose file check fails) no longer holds back the next step's `http` check. Without
/// one, the lesson's failing check still does (nobody knows where the learner is).
#[cfg(target_os = "linux")]
#[tokio::test]
async fn a_skipped_step_holds_back_no_request_when_the_progress_says_where_the_learner_is() {
    use crate::check::{Beginning, Reason};
    use crate::course::{Lesson, Points, Step};
    let port = crate::checker::http::answering("127.0.0.1", "ok").await;
    let check = |v: serde_json::Value| serde_json::from_value::<Check>(v).expect("a check");
    let step = |id: &str, optional: bool, c: Check| Step {
        id: id.into(),
        optional,
        checks: vec![c],
        points: Points::whole(u64::from(!optional)),
        check_points: Vec::new(),
        text: Default::default(),
    };
    let course = Course {
        title: Default::default(),
        lessons: vec![Lesson {
            id: "01-web".into(),
            title: Default::default(),
            intro: Default::default(),
            intro_doc: Default::default(),
            steps: vec![
                step(
                    "venv",
                    true,
                    check(serde_json::json!({"kind": "file", "path": ".venv/pyvenv.cfg"})),
                ),
                step(
                    "serve",
                    false,
                    check(
                        serde_json::json!({"kind": "http", "url": format!("http://127.0.0.1:{port}/")}),
                    ),
                ),
            ],
        }],
    };
    let keys = [
        StepKey::new("01-web", "venv"),
        StepKey::new("01-web", "serve"),
    ];
    let began = [Beginning::At(0), Beginning::At(0)];
    let dir = tempfile::tempdir().expect("workdir");
    let none = Unverifiable::NoProgress;
    let checker = Checker::new(Err(none), dir.path().to_path_buf());
    let answers = Ok(Default::default());
    let serve = |by_progress: bool| {
        let (course, checker, keys, began, answers) = (&course, &checker, &keys, &began, &answers);
        async move {
            let r = requests::evaluate(
                course,
                checker,
                keys,
                began,
                &[None, None],
                by_progress,
                answers,
            )
            .await;
            r[1].checks[0].outcome.clone()
        }
    };
    assert_eq!(serve(true).await, Outcome::Passed);
    assert_eq!(
        serve(false).await,
        Outcome::Failed(Reason::StepNotBegun {
            step: "01-web/venv".into()
        })
    );
}
