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
