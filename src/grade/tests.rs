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
    let course = crate::course::load(&crate::course::Source::Dir(
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/mini-curso").into(),
    ))
    .expect("sample course");
    let url = |c: &Course| {
        c.steps()
            .flat_map(|(_, s)| s.checks.iter())
            .find_map(|c| match c {
                Check::Http(h) => Some(h.url.clone()),
                _ => None,
            })
            .expect("an http check")
    };
    let remote = course_for(&course, &endpoint("tcp://10.1.2.3:2375", None));
    assert_eq!(url(&remote), "http://10.1.2.3:8089/");
    let local = course_for(&course, &endpoint("tcp://127.0.0.1:2375", None));
    assert_eq!(url(&local), "http://localhost:8089/");
}
