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
