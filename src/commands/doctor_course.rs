//! `doctor`'s look at what the course needs besides a reachable daemon: the Buildx and Compose v2
//! CLI plugins, `docker init` (Docker Desktop only; the lessons say how to do without it), the
//! course's host ports free (and which container holds one), and Docker Hub within reach. It only
//! looks: it reads folders and `config.json`, asks a plugin for its metadata, and opens one TCP
//! connection; it changes nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::docker::Daemon;
use crate::i18n::Tr;

/// How long Docker Hub may take to accept a connection before we say we could not tell.
const HUB_TIMEOUT: Duration = Duration::from_secs(3);

/// Where pulls go; a TCP connection to it says whether the network reaches Docker Hub.
const HUB: (&str, u16) = ("registry-1.docker.io", 443);

/// How long a plugin may take to describe itself.
const METADATA_TIMEOUT: Duration = Duration::from_secs(3);

/// What one look found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// What the course needs is there.
    Ok,
    /// Worth knowing; the course has a way around it.
    Warn,
    /// Missing: a lesson's command will fail.
    Fail,
    /// We could not tell (no answer in time): not a failure.
    Unknown,
}

impl Status {
    fn mark(self) -> &'static str {
        match self {
            Status::Ok => "✔",
            Status::Warn => "!",
            Status::Fail => "✘",
            Status::Unknown => "?",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warn => "warn",
            Status::Fail => "fail",
            Status::Unknown => "unknown",
        }
    }
}

/// One line of the diagnosis: a Fluent message and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What was looked at: `buildx`, `compose`, `docker-init`, `port`, `docker-hub`, `hub-login`.
    pub check: &'static str,
    /// What was found.
    pub status: Status,
    /// The Fluent id that says it.
    pub message: &'static str,
    /// Its arguments.
    pub args: Vec<(&'static str, String)>,
}

fn finding(check: &'static str, status: Status, message: &'static str) -> Finding {
    Finding {
        check,
        status,
        message,
        args: Vec::new(),
    }
}

impl Finding {
    fn with(mut self, name: &'static str, value: impl Into<String>) -> Finding {
        self.args.push((name, value.into()));
        self
    }
}

/// A CLI plugin as found on disk: where, and what its metadata said (`Err`: it did not answer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plugin {
    /// The executable.
    pub path: PathBuf,
    /// `Version` from `docker-cli-plugin-metadata`, or why there was none.
    pub version: Result<String, String>,
}

/// Everything `doctor` checks for the course, in the order it prints them.
pub async fn findings(daemon: Option<&Daemon>, ports: &[(u16, bool)]) -> Vec<Finding> {
    let config = docker_config();
    let dirs = plugin_dirs(&config);
    // Plugins answer their metadata as child processes: off the async threads.
    let plugins = tokio::task::spawn_blocking(move || {
        let find = |name: &str| find_plugin(&dirs, name).map(describe);
        vec![
            buildx(find("buildx")),
            compose(find("compose"), on_path("docker-compose")),
            docker_init(find("init").is_some()),
        ]
    })
    .await;
    let mut out = plugins.unwrap_or_default();
    let listed = match daemon {
        Some(d) => d.list_containers().await.unwrap_or_default(),
        None => Vec::new(),
    };
    for (port, taken) in ports {
        let holder = listed
            .iter()
            .find(|c| c.state == "running" && c.host_ports.contains(port))
            .and_then(|c| c.names.first().cloned());
        out.push(port_finding(*port, *taken, holder));
    }
    out.push(hub(reach_hub().await));
    out.push(hub_login(&config));
    out
}

/// Prints one line per finding, with its mark.
pub fn print(findings: &[Finding], tr: &Tr) {
    for f in findings {
        let args: Vec<(&str, &str)> = f.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        println!("{} {}", f.status.mark(), tr.ta(f.message, &args));
    }
}

/// The findings for `doctor --json`: check, status, message id and arguments.
pub fn json(findings: &[Finding]) -> Value {
    Value::Array(
        findings
            .iter()
            .map(|f| {
                let args: serde_json::Map<String, Value> = f
                    .args
                    .iter()
                    .map(|(k, v)| (k.to_string(), Value::String(v.clone())))
                    .collect();
                json!({"check": f.check, "status": f.status.name(), "message": f.message, "args": args})
            })
            .collect(),
    )
}

/// Buildx: the course's Dockerfile uses `RUN --mount`, which only BuildKit builds; a current
/// docker CLI without the plugin falls back to the legacy builder (or fails with
/// `DOCKER_BUILDKIT=1`).
pub fn buildx(plugin: Option<Plugin>) -> Finding {
    match plugin {
        Some(Plugin { version: Ok(v), .. }) => {
            finding("buildx", Status::Ok, "doctor-buildx-ok").with("version", v)
        }
        Some(Plugin {
            path,
            version: Err(e),
        }) => finding("buildx", Status::Fail, "doctor-buildx-broken")
            .with("path", path.display().to_string())
            .with("error", e),
        None => finding("buildx", Status::Fail, "doctor-buildx-missing"),
    }
}

/// Compose: the course types `docker compose` (the v2 plugin); `docker-compose` (v1) alone
/// answers `docker compose up --build` with "unknown flag: --build".
pub fn compose(plugin: Option<Plugin>, v1: bool) -> Finding {
    match (plugin, v1) {
        (Some(Plugin { version: Ok(v), .. }), _) => {
            finding("compose", Status::Ok, "doctor-compose-v2-ok").with("version", v)
        }
        (
            Some(Plugin {
                path,
                version: Err(e),
            }),
            _,
        ) => finding("compose", Status::Fail, "doctor-compose-broken")
            .with("path", path.display().to_string())
            .with("error", e),
        (None, true) => finding("compose", Status::Fail, "doctor-compose-only-v1"),
        (None, false) => finding("compose", Status::Fail, "doctor-compose-v2-missing"),
    }
}

/// `docker init` comes with Docker Desktop only; without it the lessons give the files to write.
pub fn docker_init(present: bool) -> Finding {
    if present {
        finding("docker-init", Status::Ok, "doctor-init-ok")
    } else {
        finding("docker-init", Status::Warn, "doctor-init-missing")
    }
}

/// A course port: free, held by a running container (named), or taken by something else.
pub fn port_finding(port: u16, taken: bool, holder: Option<String>) -> Finding {
    let p = port.to_string();
    match (taken, holder) {
        (_, Some(name)) => finding("port", Status::Warn, "doctor-port-held")
            .with("port", p)
            .with("container", name),
        (true, None) => finding("port", Status::Warn, "doctor-port-taken").with("port", p),
        (false, None) => finding("port", Status::Ok, "doctor-port-free").with("port", p),
    }
}

/// What trying to reach Docker Hub gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// It accepted a connection.
    Reached,
    /// A definite no (the name does not resolve, the connection is refused), and why.
    Unreachable(String),
    /// No answer in time.
    NoAnswer,
}

/// Docker Hub reachability: "could not verify" is not "failed".
pub fn hub(reach: Reach) -> Finding {
    match reach {
        Reach::Reached => finding("docker-hub", Status::Ok, "doctor-hub-ok"),
        Reach::Unreachable(e) => {
            finding("docker-hub", Status::Fail, "doctor-hub-unreachable").with("error", e)
        }
        Reach::NoAnswer => finding("docker-hub", Status::Unknown, "doctor-hub-unknown")
            .with("seconds", HUB_TIMEOUT.as_secs().to_string()),
    }
}

/// Docker Hub limits anonymous pulls per address (a classroom behind one address hits
/// `toomanyrequests`); `docker login` makes the limit the account's.
pub fn hub_login(config: &Value) -> Finding {
    let auths = config.get("auths").and_then(Value::as_object);
    let logged_in = auths.is_some_and(|a| {
        a.keys()
            .any(|k| k.contains("index.docker.io") || k.contains("registry-1.docker.io"))
    });
    if logged_in {
        finding("hub-login", Status::Ok, "doctor-hub-logged-in")
    } else {
        finding("hub-login", Status::Warn, "doctor-hub-login")
    }
}

async fn reach_hub() -> Reach {
    match tokio::time::timeout(HUB_TIMEOUT, tokio::net::TcpStream::connect(HUB)).await {
        Ok(Ok(_)) => Reach::Reached,
        Ok(Err(e)) => Reach::Unreachable(e.to_string()),
        Err(_) => Reach::NoAnswer,
    }
}

/// The docker CLI's configuration folder: `$DOCKER_CONFIG`, or `~/.docker`.
fn config_dir() -> Option<PathBuf> {
    std::env::var_os("DOCKER_CONFIG")
        .map(PathBuf::from)
        .or_else(|| dirs::home_dir().map(|h| h.join(".docker")))
}

/// `config.json` of the docker CLI (`Null` when absent or unreadable).
fn docker_config() -> Value {
    config_dir()
        .and_then(|d| std::fs::read_to_string(d.join("config.json")).ok())
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(Value::Null)
}

/// Where the docker CLI looks for plugins, in its order: the user's folder, the folders
/// `config.json` adds (`cliPluginsExtraDirs`), then the system's.
pub fn plugin_dirs(config: &Value) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = config_dir()
        .map(|d| d.join("cli-plugins"))
        .into_iter()
        .collect();
    if let Some(extra) = config.get("cliPluginsExtraDirs").and_then(Value::as_array) {
        dirs.extend(extra.iter().filter_map(Value::as_str).map(PathBuf::from));
    }
    if cfg!(windows) {
        for var in ["ProgramData", "ProgramFiles"] {
            if let Some(base) = std::env::var_os(var) {
                dirs.push(PathBuf::from(base).join("Docker").join("cli-plugins"));
            }
        }
    } else {
        for d in [
            "/usr/local/lib/docker/cli-plugins",
            "/usr/local/libexec/docker/cli-plugins",
            "/usr/lib/docker/cli-plugins",
            "/usr/libexec/docker/cli-plugins",
        ] {
            dirs.push(PathBuf::from(d));
        }
        if cfg!(target_os = "macos") {
            dirs.push("/Applications/Docker.app/Contents/Resources/cli-plugins".into());
        }
    }
    dirs
}

/// The first `docker-NAME` plugin executable in `dirs`.
pub fn find_plugin(dirs: &[PathBuf], name: &str) -> Option<PathBuf> {
    let file = format!("docker-{name}{}", std::env::consts::EXE_SUFFIX);
    dirs.iter().map(|d| d.join(&file)).find(|p| runnable(p))
}

/// Whether `program` is an executable on `PATH`.
fn on_path(program: &str) -> bool {
    let file = format!("{program}{}", std::env::consts::EXE_SUFFIX);
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| runnable(&d.join(&file))))
        .unwrap_or(false)
}

fn runnable(p: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        p.metadata()
            .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
            .unwrap_or(false)
    }
    #[cfg(not(unix))]
    {
        p.is_file()
    }
}

/// Asks a plugin for its metadata, as the docker CLI does before it lists or runs it.
fn describe(path: PathBuf) -> Plugin {
    let version = metadata(&path).and_then(|v| {
        v.get("Version")
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| "no Version in its metadata".to_string())
    });
    Plugin { path, version }
}

fn metadata(path: &Path) -> Result<Value, String> {
    let mut child = Command::new(path)
        .arg("docker-cli-plugin-metadata")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| e.to_string())?;
    let deadline = Instant::now() + METADATA_TIMEOUT;
    loop {
        match child.try_wait().map_err(|e| e.to_string())? {
            Some(_) => break,
            None if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("no answer in {} s", METADATA_TIMEOUT.as_secs()));
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    }
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())
}

#[cfg(test)]
#[path = "doctor_course_tests.rs"]
mod tests;
