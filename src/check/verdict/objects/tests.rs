//! Unit tests of `objects`.

use super::*;

fn svc(project: &str, service: &str, state: &str) -> ContainerFacts {
    ContainerFacts {
        name: format!("{project}-{service}-1"),
        state: state.into(),
        labels: HashMap::from([
            (PROJECT_LABEL.to_string(), project.to_string()),
            (SERVICE_LABEL.to_string(), service.to_string()),
        ]),
        ..Default::default()
    }
}

#[test]
fn compose_rules() {
    let c = ComposeCheck {
        project: None,
        services: vec!["server".into(), "db".into()],
    };
    let p = "python-docker-dev";
    assert_eq!(
        compose(
            &c,
            p,
            &[svc(p, "server", "running"), svc(p, "db", "running")]
        ),
        Outcome::Passed
    );
    assert_eq!(
        compose(
            &c,
            p,
            &[svc(p, "server", "running"), svc(p, "db", "exited")]
        ),
        Outcome::Failed(Reason::ComposeServiceDown {
            project: p.into(),
            service: "db".into()
        })
    );
    assert!(matches!(
        compose(&c, p, &[svc("other", "server", "running")]),
        Outcome::Failed(Reason::ComposeProjectMissing { .. })
    ));
    assert_eq!(project_name("Python.Docker-Dev"), "pythondocker-dev");
}

/// The verdict when no creation times matter.
fn judge(check: &EventCheck, events: &[EventFacts]) -> Outcome {
    event(check, events, 0, &HashMap::new())
}

#[test]
fn an_exec_event_matches_by_its_action_without_the_command() {
    let check = EventCheck {
        object: EventObject::Container,
        action: "exec_start".into(),
        name: Some("db".into()),
        image: None,
        existed_before_step: false,
        command: None,
    };
    let e = ev(
        "container",
        "exec_start: psql -U postgres",
        &[("name", "db")],
    );
    assert_eq!(event(&check, &[e], 0, &HashMap::new()), Outcome::Passed);
    let other = ev("container", "exec_start: psql", &[("name", "rest-server")]);
    assert!(matches!(
        event(&check, &[other], 0, &HashMap::new()),
        Outcome::Failed(_)
    ));
    // With a command: only that program counts (a shell in `db` is not psql).
    let psql = EventCheck {
        command: Some("psql".into()),
        ..check
    };
    let shell = ev("container", "exec_start: sh", &[("name", "db")]);
    assert!(matches!(
        event(&psql, &[shell], 0, &HashMap::new()),
        Outcome::Failed(_)
    ));
    for run in ["exec_start: psql -U postgres", "exec_start: /usr/bin/psql"] {
        let e = ev("container", run, &[("name", "db")]);
        assert_eq!(
            event(&psql, &[e], 0, &HashMap::new()),
            Outcome::Passed,
            "{run}"
        );
    }
}

fn ev(object: &str, action: &str, attrs: &[(&str, &str)]) -> EventFacts {
    EventFacts {
        object: object.into(),
        action: action.into(),
        actor_id: "abc".into(),
        attributes: attrs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        time: 0,
    }
}

#[test]
fn event_rules() {
    let stop = EventCheck {
        object: EventObject::Container,
        action: "stop".into(),
        name: None,
        image: Some("python-docker".into()),
        existed_before_step: false,
        command: None,
    };
    let e = ev(
        "container",
        "stop",
        &[("image", "python-docker:latest"), ("name", "x")],
    );
    assert_eq!(judge(&stop, std::slice::from_ref(&e)), Outcome::Passed);
    let other = ev(
        "container",
        "stop",
        &[("image", "postgres"), ("name", "db")],
    );
    assert!(
        matches!(judge(&stop, &[other]), Outcome::Failed(Reason::EventMissing { target, .. }) if target == "python-docker")
    );
    let restart = ev("container", "restart", &[("image", "python-docker")]);
    assert!(matches!(judge(&stop, &[restart]), Outcome::Failed(_)));
    let tag = EventCheck {
        object: EventObject::Image,
        action: "tag".into(),
        name: Some("python-docker:v1.0.0".into()),
        image: None,
        existed_before_step: false,
        command: None,
    };
    assert_eq!(
        judge(
            &tag,
            &[ev("image", "tag", &[("name", "python-docker:v1.0.0")])]
        ),
        Outcome::Passed
    );
    let rename = EventCheck {
        object: EventObject::Container,
        action: "rename".into(),
        name: Some("mi-app".into()),
        image: None,
        existed_before_step: false,
        command: None,
    };
    assert_eq!(
        judge(
            &rename,
            &[ev(
                "container",
                "rename",
                &[("name", "mi-app"), ("oldName", "/x")]
            )]
        ),
        Outcome::Passed
    );
}

#[test]
fn a_container_that_existed_before_the_step() {
    // 02-contenedor/iniciar: `docker start` of the stopped container, not a new `docker run`.
    let start = EventCheck {
        object: EventObject::Container,
        action: "start".into(),
        name: None,
        image: Some("python-docker".into()),
        existed_before_step: true,
        command: None,
    };
    let on = |id: &str, name: &str| EventFacts {
        actor_id: id.into(),
        ..ev(
            "container",
            "start",
            &[("image", "python-docker"), ("name", name)],
        )
    };
    let (old, new) = (on("old", "wonderful_kalam"), on("new", "brave_turing"));
    let since = 1_000;
    let created = HashMap::from([("old".to_string(), 400), ("new".to_string(), 1_000)]);
    let wanted = vec!["new".to_string(), "old".to_string()];
    assert_eq!(event_actors(&start, &[new.clone(), old.clone()]), wanted);
    assert_eq!(
        event(&start, std::slice::from_ref(&new), since, &created),
        Outcome::Failed(Reason::EventNewContainer {
            action: "start".into(),
            target: "python-docker".into(),
            container: "brave_turing".into()
        })
    );
    assert_eq!(
        event(&start, &[new.clone(), old.clone()], since, &created),
        Outcome::Passed
    );
    // Created in the second before the step began: it existed.
    let just_before = HashMap::from([("new".to_string(), 999)]);
    assert_eq!(
        event(&start, std::slice::from_ref(&new), since, &just_before),
        Outcome::Passed
    );
    // Removed since (no creation time): it proves nothing.
    assert!(matches!(
        event(&start, std::slice::from_ref(&old), since, &HashMap::new()),
        Outcome::Failed(Reason::EventMissing { .. })
    ));
    // Without the field, any start counts and no container needs inspecting.
    let any = EventCheck {
        existed_before_step: false,
        command: None,
        ..start.clone()
    };
    assert!(event_actors(&any, std::slice::from_ref(&new)).is_empty());
    assert_eq!(
        event(&any, std::slice::from_ref(&new), since, &HashMap::new()),
        Outcome::Passed
    );
    // Other objects have no such notion: the field changes nothing for them.
    let tag = EventCheck {
        object: EventObject::Image,
        action: "tag".into(),
        name: Some("python-docker:v1.0.0".into()),
        image: None,
        existed_before_step: true,
        command: None,
    };
    let tagged = ev("image", "tag", &[("name", "python-docker:v1.0.0")]);
    assert!(event_actors(&tag, std::slice::from_ref(&tagged)).is_empty());
    assert_eq!(
        event(&tag, &[tagged], since, &HashMap::new()),
        Outcome::Passed
    );
}

#[test]
fn quiz_swarm_network_volume() {
    let q = QuizCheck {
        choices: 3,
        answer: 2,
    };
    assert_eq!(quiz(&q, Some(2)), Outcome::Passed);
    assert_eq!(
        quiz(&q, Some(1)),
        Outcome::Failed(Reason::QuizWrong { chosen: 1 })
    );
    assert_eq!(quiz(&q, None), Outcome::Failed(Reason::QuizUnanswered));
    assert_eq!(
        swarm(&SwarmCheck { active: true }, "active"),
        Outcome::Passed
    );
    assert!(matches!(
        swarm(&SwarmCheck { active: true }, "inactive"),
        Outcome::Failed(_)
    ));
    let n = NetworkCheck {
        name: "postgresnet".into(),
        driver: Some("bridge".into()),
    };
    let found = NetworkFacts {
        name: "postgresnet".into(),
        id: "n1".into(),
        driver: "overlay".into(),
    };
    assert!(matches!(
        network(&n, Some(&found)),
        Outcome::Failed(Reason::NetworkDriver { .. })
    ));
    assert!(matches!(
        network(&n, None),
        Outcome::Failed(Reason::NetworkMissing { .. })
    ));
    assert_eq!(volume("db-data", true), Outcome::Passed);
    assert!(matches!(
        volume("db-data", false),
        Outcome::Failed(Reason::VolumeMissing { .. })
    ));
}
