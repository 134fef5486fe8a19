//! What `doctor` says for each state of a learner's installation, in both languages.

use super::*;
use crate::lang::Lang;

fn plugin(version: Result<&str, &str>) -> Plugin {
    Plugin {
        path: "/usr/libexec/docker/cli-plugins/docker-x".into(),
        version: version.map(str::to_string).map_err(str::to_string),
    }
}

fn text(f: &Finding, lang: Lang) -> String {
    let args: Vec<(&str, &str)> = f.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Tr::new(lang).ta(f.message, &args)
}

#[test]
fn buildx_missing_or_broken_fails_and_names_the_packages() {
    assert_eq!(buildx(Some(plugin(Ok("v0.13.1")))).status, Status::Ok);
    let missing = buildx(None);
    assert_eq!(missing.status, Status::Fail);
    let broken = buildx(Some(plugin(Err("exit status 1"))));
    assert_eq!(broken.status, Status::Fail);
    for lang in Lang::ALL {
        let t = text(&missing, lang);
        assert!(
            t.contains("docker-buildx-plugin") && t.contains("docker-buildx "),
            "{t}"
        );
        assert!(t.contains("RUN --mount"), "{t}");
        assert!(text(&broken, lang).contains("exit status 1"));
    }
}

#[test]
fn compose_v1_alone_is_not_what_the_course_needs() {
    let v2 = compose(Some(plugin(Ok("v2.26.1"))), true);
    assert_eq!(v2.status, Status::Ok);
    assert!(text(&v2, Lang::En).contains("v2.26.1"));
    let v1 = compose(None, true);
    assert_eq!(
        (v1.status, v1.message),
        (Status::Fail, "doctor-compose-only-v1")
    );
    for lang in Lang::ALL {
        let t = text(&v1, lang);
        assert!(t.contains("docker-compose-plugin"), "{t}");
        assert!(t.contains("docker-compose-v2"), "{t}");
        assert!(t.contains("unknown flag: --build"), "{t}");
    }
    assert_eq!(
        compose(None, false).message,
        "doctor-compose-v2-missing",
        "neither"
    );
}

#[test]
fn docker_init_missing_is_a_warning_with_the_lessons_way_around_it() {
    assert_eq!(docker_init(true).status, Status::Ok);
    let missing = docker_init(false);
    assert_eq!(missing.status, Status::Warn);
    assert!(text(&missing, Lang::Es).contains("Sin docker init"));
    assert!(text(&missing, Lang::En).contains("Without docker init"));
}

#[test]
fn a_taken_port_names_the_container_holding_it() {
    assert_eq!(port_finding(8000, false, None).status, Status::Ok);
    assert_eq!(port_finding(8000, true, None).message, "doctor-port-taken");
    let held = port_finding(8000, true, Some("wonderful_kalam".into()));
    assert_eq!(held.status, Status::Warn);
    let t = text(&held, Lang::En);
    assert!(
        t.contains("8000") && t.contains("docker stop wonderful_kalam"),
        "{t}"
    );
}

#[test]
fn docker_hub_could_not_verify_is_not_failed() {
    assert_eq!(hub(Reach::Reached).status, Status::Ok);
    let down = hub(Reach::Unreachable("Name or service not known".into()));
    assert_eq!(down.status, Status::Fail);
    assert!(text(&down, Lang::Es).contains("Name or service not known"));
    let silent = hub(Reach::NoAnswer);
    assert_eq!(silent.status, Status::Unknown);
    assert_eq!(silent.status.mark(), "?");
    assert!(text(&silent, Lang::En).contains("3 s"));
}

#[test]
fn pull_limits_advice_until_logged_in() {
    let advice = hub_login(&Value::Null);
    assert_eq!(advice.status, Status::Warn);
    for lang in Lang::ALL {
        let t = text(&advice, lang);
        assert!(
            t.contains("toomanyrequests") && t.contains("docker login"),
            "{t}"
        );
    }
    let logged = json!({"auths": {"https://index.docker.io/v1/": {}}, "credsStore": "desktop"});
    assert_eq!(hub_login(&logged).status, Status::Ok);
    let elsewhere = json!({"auths": {"ghcr.io": {"auth": "x"}}});
    assert_eq!(hub_login(&elsewhere).status, Status::Warn);
}

#[test]
fn every_message_exists_in_both_languages_with_its_arguments() {
    let all = [
        buildx(None),
        buildx(Some(plugin(Ok("v1")))),
        buildx(Some(plugin(Err("e")))),
        compose(None, false),
        compose(None, true),
        compose(Some(plugin(Ok("v2"))), false),
        compose(Some(plugin(Err("e"))), false),
        docker_init(true),
        docker_init(false),
        port_finding(1, false, None),
        port_finding(1, true, None),
        port_finding(1, true, Some("c".into())),
        hub(Reach::Reached),
        hub(Reach::Unreachable("e".into())),
        hub(Reach::NoAnswer),
        hub_login(&Value::Null),
        hub_login(&json!({"auths": {"https://index.docker.io/v1/": {}}})),
    ];
    for lang in Lang::ALL {
        let tr = Tr::new(lang);
        for f in &all {
            assert!(tr.has(f.message), "{}: no {}", lang.code(), f.message);
            let t = text(f, lang);
            assert!(!t.contains("{$") && !t.contains("{ $"), "{t}");
        }
    }
    let v = super::json(&all[..2]);
    assert_eq!(v[0]["check"], "buildx");
    assert_eq!(v[0]["status"], "fail");
    assert_eq!(v[1]["args"]["version"], "v1");
}

#[test]
fn plugins_are_found_where_the_cli_looks_executable_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let extra = dir.path().join("extra");
    std::fs::create_dir_all(&extra).expect("mkdir");
    let config = json!({"cliPluginsExtraDirs": [extra.display().to_string()]});
    assert!(plugin_dirs(&config).contains(&extra));
    let file = extra.join(format!("docker-buildx{}", std::env::consts::EXE_SUFFIX));
    std::fs::write(
        &file,
        "#!/bin/sh\necho '{\"SchemaVersion\":\"0.1.0\",\"Version\":\"v0.13.1\"}'\n",
    )
    .expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(find_plugin(std::slice::from_ref(&extra), "buildx"), None);
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let found = find_plugin(std::slice::from_ref(&extra), "buildx").expect("found");
        assert_eq!(describe(found).version, Ok("v0.13.1".to_string()));
    }
    assert_eq!(find_plugin(&[extra], "compose"), None);
}
