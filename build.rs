//! Turns `PRACDOCKER_DAEMON_TESTS=1` into the `daemon_tests` cfg, so that the tests which need a
//! Docker daemon are counted as ignored (with the reason) when it is unset, not reported as passed.

fn main() {
    println!("cargo::rerun-if-env-changed=PRACDOCKER_DAEMON_TESTS");
    println!("cargo::rustc-check-cfg=cfg(daemon_tests)");
    if std::env::var("PRACDOCKER_DAEMON_TESTS").as_deref() == Ok("1") {
        println!("cargo::rustc-cfg=daemon_tests");
    }
}
