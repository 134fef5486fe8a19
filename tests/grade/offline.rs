//! `grade` with no daemon to reach: an unreachable daemon's report and exit code, hung and
//! refused hosts each bounded by their own timeout, an unreadable roster.

use super::*;

#[test]
fn an_unreachable_daemon_exits_2_with_a_report_of_the_documented_shape() {
    let r = grade(
        MINI,
        "unix:///nonexistent/docker.sock",
        &["--format", "json"],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    let v = json(&r);
    check_shape(&v);
    assert_eq!(v["learners"][0]["reach"], "unreachable");
    assert_eq!(v["learners"][0]["problem"]["data"]["id"], "socket-missing");
    let r = grade(
        MINI,
        "unix:///nonexistent/docker.sock",
        &["--format", "junit"],
    );
    assert_eq!(r.code, 2);
    let doc = roxmltree::Document::parse(&r.stdout).expect("JUnit is XML");
    let errors: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("error"))
        .collect();
    assert_eq!(errors.len(), 1);
    assert!(errors[0]
        .attribute("message")
        .is_some_and(|m| m.contains("/nonexistent/docker.sock")));
}

#[test]
fn hung_and_refused_hosts_each_cost_at_most_their_own_timeout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = dir.path().join("class.csv");
    let (s1, s2, refused) = (
        hosts::silent_tcp(),
        hosts::silent_tcp(),
        hosts::refused_tcp(),
    );
    std::fs::write(
        &roster,
        format!("name,host\nsilent-1,{s1}\nsilent-2,{s2}\nrefused,{refused}\nssh,ssh://me@box\n"),
    )
    .expect("write roster");
    let start = Instant::now();
    let r = grade(
        MINI,
        &socket(),
        &[
            "--roster",
            &roster.to_string_lossy(),
            "--timeout",
            "2",
            "--format",
            "json",
        ],
    );
    let took = start.elapsed();
    println!("three unanswering hosts and one unsupported, timeout 2 s: {took:?}");
    assert_eq!(r.code, 2, "{}", r.stderr);
    let v = json(&r);
    check_shape(&v);
    let reach: Vec<(&str, &str)> = v["learners"]
        .as_array()
        .expect("learners")
        .iter()
        .map(|l| {
            (
                l["name"].as_str().unwrap_or(""),
                l["reach"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        reach,
        [
            ("silent-1", "timed_out"),
            ("silent-2", "timed_out"),
            ("refused", "unreachable"),
            ("ssh", "unreachable")
        ]
    );
    assert!(
        r.stderr.is_empty(),
        "no progress bar in a pipe: {}",
        r.stderr
    );
}

#[test]
fn an_unreadable_roster_is_reported() {
    let r = grade(MINI, &socket(), &["--roster", "/nonexistent/class.toml"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("Cannot use the roster"), "{}", r.stderr);
}
