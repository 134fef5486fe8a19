//! Unit tests of `container`.

use super::*;
use crate::check::spec::{EnvVar, PortSpec, VolumeMount};
use crate::facts::{MountFacts, PublishedPort};

fn db() -> ContainerFacts {
    ContainerFacts {
        id: "c1".into(),
        name: "db".into(),
        image_ref: "postgres".into(),
        state: "running".into(),
        ports: vec![PublishedPort {
            container: 5432,
            proto: "tcp".into(),
            host: Some(5432),
        }],
        networks: vec!["postgresnet".into()],
        mounts: vec![MountFacts {
            kind: "volume".into(),
            name: Some("db-data".into()),
            source: String::new(),
            destination: "/var/lib/postgresql/data".into(),
        }],
        env: vec![
            ("POSTGRES_PASSWORD".into(), "mysecretpassword".into()),
            ("POSTGRES_DB".into(), "example".into()),
        ],
        attached: false,
        auto_remove: true,
        ..Default::default()
    }
}

fn db_check() -> ContainerCheck {
    ContainerCheck {
        name: Some("db".into()),
        port: Some(PortSpec {
            host: 5432,
            container: 5432,
            proto: "tcp".into(),
        }),
        network: Some("postgresnet".into()),
        volume: Some(VolumeMount {
            name: "db-data".into(),
            path: "/var/lib/postgresql/data".into(),
        }),
        env: vec![
            EnvVar {
                name: "POSTGRES_DB".into(),
                value: Some("example".into()),
            },
            EnvVar {
                name: "POSTGRES_PASSWORD".into(),
                value: None,
            },
        ],
        detached: Some(true),
        auto_remove: Some(true),
        ..Default::default()
    }
}

fn fails(c: &ContainerFacts) -> Reason {
    match container(&db_check(), std::slice::from_ref(c)) {
        Outcome::Failed(r) => r,
        other => panic!("expected failure, got {other:?}"),
    }
}

#[test]
fn the_documented_db_container_passes() {
    assert_eq!(container(&db_check(), &[db()]), Outcome::Passed);
}

#[test]
fn near_misses_name_what_differs() {
    let mut c = db();
    c.ports[0].host = Some(5433);
    assert_eq!(
        fails(&c),
        Reason::PortMismatch {
            container: "db".into(),
            expected: "5432→5432".into(),
            found: "5433→5432".into()
        }
    );
    let mut c = db();
    c.ports.clear();
    assert!(matches!(fails(&c), Reason::PortNotPublished { .. }));
    let mut c = db();
    c.networks = vec!["bridge".into()];
    assert_eq!(
        fails(&c),
        Reason::NotOnNetwork {
            container: "db".into(),
            expected: "postgresnet".into(),
            found: "bridge".into()
        }
    );
    let mut c = db();
    c.mounts[0].destination = "/data".into();
    assert!(
        matches!(fails(&c), Reason::VolumeNotMounted { found, .. } if found == "db-data:/data")
    );
    let mut c = db();
    c.env.retain(|(k, _)| k != "POSTGRES_PASSWORD");
    assert!(matches!(fails(&c), Reason::EnvMissing { name, .. } if name == "POSTGRES_PASSWORD"));
    let mut c = db();
    c.env[1].1 = "other".into();
    assert!(matches!(fails(&c), Reason::EnvWrongValue { name, .. } if name == "POSTGRES_DB"));
    let mut c = db();
    c.attached = true;
    assert!(
        matches!(fails(&c), Reason::DetachedMismatch { expected, .. } if expected == "detached")
    );
    let mut c = db();
    c.auto_remove = false;
    assert!(matches!(fails(&c), Reason::AutoRemoveMismatch { .. }));
    let mut c = db();
    c.state = "exited".into();
    assert!(matches!(fails(&c), Reason::ContainerState { found, .. } if found == "exited"));
}

#[test]
fn secrets_belong_in_files_not_in_the_environment() {
    let check = ContainerCheck {
        compose_service: Some("db".into()),
        mount_at: Some("/run/secrets/db-password".into()),
        env_unset: vec!["POSTGRES_PASSWORD".into()],
        ..Default::default()
    };
    let mut c = db();
    assert!(matches!(
        container(&check, std::slice::from_ref(&c)),
        Outcome::Failed(Reason::NothingMountedAt { .. })
    ));
    c.mounts.push(MountFacts {
        kind: "bind".into(),
        name: None,
        source: "/p/db/password.txt".into(),
        destination: "/run/secrets/db-password".into(),
    });
    assert!(matches!(
        container(&check, std::slice::from_ref(&c)),
        Outcome::Failed(Reason::EnvPresent { name, .. }) if name == "POSTGRES_PASSWORD"
    ));
    c.env.retain(|(k, _)| k != "POSTGRES_PASSWORD");
    assert_eq!(container(&check, &[c]), Outcome::Passed);
}

#[test]
fn absent_and_any_of_several() {
    let gone = ContainerCheck {
        name: Some("db".into()),
        state: ContainerState::Absent,
        ..Default::default()
    };
    assert_eq!(container(&gone, &[]), Outcome::Passed);
    assert!(matches!(
        container(&gone, &[db()]),
        Outcome::Failed(Reason::ContainerPresent { .. })
    ));
    assert!(matches!(
        container(&db_check(), &[]),
        Outcome::Failed(Reason::ContainerMissing {
            by: Selector::Name,
            ..
        })
    ));
    let mut old = db();
    old.state = "exited".into();
    old.created = 1;
    let mut new = db();
    new.created = 2;
    assert_eq!(container(&db_check(), &[old.clone(), new]), Outcome::Passed);
    let mut newer_bad = db();
    newer_bad.created = 3;
    newer_bad.networks.clear();
    assert!(matches!(
        container(&db_check(), &[old, newer_bad]),
        Outcome::Failed(Reason::NotOnNetwork { .. })
    ));
}

/// `docker run python-docker` in lesson 2's first step, or with `-p` (a near miss).
fn app(name: &str, host: Option<u16>, created: i64) -> ContainerFacts {
    ContainerFacts {
        id: name.into(),
        name: name.into(),
        image_ref: "python-docker".into(),
        state: "running".into(),
        ports: vec![PublishedPort {
            container: 5000,
            proto: "tcp".into(),
            host,
        }],
        requested_host_ports: host.into_iter().collect(),
        attached: true,
        created,
        ..Default::default()
    }
}

#[test]
fn a_step_without_published_ports_refuses_an_attached_run_with_p() {
    let check = ContainerCheck {
        image: Some("python-docker".into()),
        detached: Some(false),
        no_published_ports: true,
        ..Default::default()
    };
    assert_eq!(container(&check, &[app("plain", None, 1)]), Outcome::Passed);
    let mut published = app("with-p", Some(8000), 1);
    // Publishing on all interfaces gives an IPv4 and an IPv6 binding of one port.
    published.ports.push(published.ports[0].clone());
    assert_eq!(
        container(&check, &[published.clone()]),
        Outcome::Failed(Reason::PortsPublished {
            container: "with-p".into(),
            found: "8000→5000".into()
        })
    );
    // Any candidate passing is enough: the learner ran it again without -p.
    assert_eq!(
        container(&check, &[published, app("plain", None, 2)]),
        Outcome::Passed
    );
}

#[test]
fn a_container_that_could_not_start_names_who_holds_its_port() {
    let check = ContainerCheck {
        image: Some("python-docker".into()),
        port: Some(PortSpec {
            host: 8000,
            container: 5000,
            proto: "tcp".into(),
        }),
        detached: Some(true),
        ..Default::default()
    };
    // The attached run of the step before (Ctrl+C did not stop it) keeps 8000; the new
    // `docker run -d -p 8000:5000` was created, and its start failed.
    let holder = app("old_attached", Some(8000), 1);
    let mut blocked = app("new_detached", Some(8000), 2);
    blocked.state = "created".into();
    blocked.ports = vec![PublishedPort {
        container: 5000,
        proto: "tcp".into(),
        host: None,
    }];
    blocked.attached = false;
    assert_eq!(
        container(&check, &[holder.clone(), blocked.clone()]),
        Outcome::Failed(Reason::PortHeld {
            container: "new_detached".into(),
            port: 8000,
            holder: "old_attached".into()
        })
    );
    // Nobody the check sees holds it (a program on the host, another image's container).
    assert_eq!(
        container(&check, std::slice::from_ref(&blocked)),
        Outcome::Failed(Reason::ContainerNotStarted {
            container: "new_detached".into(),
            port: 8000
        })
    );
    // A stopped container is just stopped, unless its port is taken meanwhile.
    let mut stopped = blocked.clone();
    stopped.state = "exited".into();
    assert!(matches!(
        container(&check, std::slice::from_ref(&stopped)),
        Outcome::Failed(Reason::ContainerState { found, .. }) if found == "exited"
    ));
    assert!(matches!(
        container(&check, &[holder, stopped]),
        Outcome::Failed(Reason::PortHeld { port: 8000, .. })
    ));
}

#[test]
fn the_passing_candidate_is_named_for_evidence() {
    let mut old = db();
    old.id = "old".into();
    old.created = 1;
    let mut new = db();
    new.id = "new".into();
    new.created = 2;
    new.networks.clear();
    let both = [old, new.clone()];
    let passing = container_passing(&db_check(), &both);
    assert_eq!(passing.map(|c| c.id.as_str()), Some("old"));
    assert_eq!(container_passing(&db_check(), &[new]), None);
}
