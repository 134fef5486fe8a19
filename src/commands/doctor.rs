//! `doctor`: is the daemon reachable and recent enough, which context is in use; what the
//! system itself explains (Docker Desktop on Windows, WSL: `doctor_host`); then what the course
//! needs (`doctor_course`): Buildx, Compose v2, `docker init`, the ports the course publishes
//! (8000, 5000, 5432) free, Docker Hub within reach.

use std::path::PathBuf;

use serde_json::json;

use super::doctor_host::{self, HostFacts};
use super::{connect, diagnosis, resolve};
use crate::check::Status;
use crate::docker::endpoint::Origin;
use crate::i18n::Tr;

/// Host ports the course publishes.
pub const COURSE_PORTS: [u16; 3] = [8000, 5000, 5432];

/// Runs the diagnosis; exit 0 when the daemon is usable, 2 when it is not.
pub async fn doctor(as_json: bool, tr: &Tr) -> Status {
    let resolved = resolve();
    let daemon = connect().await;
    let compose = compose_flavours();
    let ports: Vec<(u16, bool)> = COURSE_PORTS.iter().map(|p| (*p, port_taken(*p))).collect();
    let course = super::doctor_course::findings(daemon.as_ref().ok(), &ports).await;
    let host_notes = doctor_host::notes(
        &HostFacts::gather(),
        daemon.as_ref().map(|d| d.info.os.as_str()),
    );
    let context = match &resolved.origin {
        Origin::Context { name } => name.clone(),
        Origin::DockerHost => "DOCKER_HOST".into(),
        Origin::Default => "default".into(),
    };
    if as_json {
        let daemon_json = match &daemon {
            Ok(d) => {
                json!({"reachable": true, "version": d.info.server_version, "api_version": d.info.api_version})
            }
            Err(u) => json!({"reachable": false, "problem": u, "message": diagnosis(u, tr)}),
        };
        let ports_json: Vec<_> = ports
            .iter()
            .map(|(p, t)| json!({"port": p, "taken": t}))
            .collect();
        println!(
            "{}",
            json!({"host": resolved.host, "context": context, "daemon": daemon_json, "compose": compose, "ports": ports_json, "course": super::doctor_course::json(&course), "system": doctor_host::json(&host_notes, tr)})
        );
    } else {
        println!(
            "{}",
            tr.ta(
                "doctor-endpoint",
                &[("host", &resolved.host), ("context", &context)]
            )
        );
        match &daemon {
            Ok(d) => println!(
                "✔ {}",
                tr.ta(
                    "doctor-daemon-ok",
                    &[
                        ("version", &d.info.server_version),
                        ("api", &d.info.api_version)
                    ]
                )
            ),
            Err(u) => println!("✘ {}", diagnosis(u, tr)),
        }
        for note in &host_notes {
            println!("! {}", tr.data("doctor-host", note));
        }
        // Buildx, Compose v2, docker init, the ports (and who holds them), Docker Hub.
        super::doctor_course::print(&course, tr);
    }
    if daemon.is_ok() {
        Status::Passed
    } else {
        Status::Unknown
    }
}

/// A port is taken when we cannot bind it on all interfaces (a published container port holds it).
fn port_taken(port: u16) -> bool {
    std::net::TcpListener::bind(("0.0.0.0", port)).is_err()
}

/// Which Compose is installed: the v2 CLI plugin (`docker compose`) and/or v1 (`docker-compose`).
fn compose_flavours() -> Vec<&'static str> {
    let mut plugin_dirs: Vec<PathBuf> = Vec::new();
    if let Some(cfg) = std::env::var_os("DOCKER_CONFIG")
        .map(PathBuf::from)
        .or_else(|| dirs::home_dir().map(|h| h.join(".docker")))
    {
        plugin_dirs.push(cfg.join("cli-plugins"));
    }
    plugin_dirs.extend(crate::platform::docker_plugin_dirs());
    let plugin = crate::platform::exe_name("docker-compose");
    let mut found = Vec::new();
    if plugin_dirs.iter().any(|d| d.join(&plugin).is_file()) {
        found.push("docker compose");
    }
    if on_path("docker-compose") {
        found.push("docker-compose");
    }
    found
}

fn on_path(program: &str) -> bool {
    crate::platform::on_path(program).is_some()
}
