//! Which daemon to talk to, decided the way the docker CLI decides: `DOCKER_HOST`, else the
//! current context (`DOCKER_CONTEXT` or `currentContext` in the CLI config), else the system's
//! default (the Unix socket; Docker Desktop's named pipe on Windows). Pure over an environment
//! lookup and the file system, so it is testable.

use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

/// The socket the docker CLI uses when nothing else is configured (Unix).
pub const DEFAULT_SOCKET: &str = "/var/run/docker.sock";

/// The named pipe the docker CLI uses when nothing else is configured (Windows: Docker Desktop,
/// or Docker Engine as a Windows service).
pub const DEFAULT_PIPE: &str = "//./pipe/docker_engine";

/// Where the daemon is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    /// A Unix socket path.
    Unix(PathBuf),
    /// A Windows named pipe, e.g. `//./pipe/docker_engine` (from `npipe:////./pipe/...`).
    NamedPipe(String),
    /// `tcp://host:port`, with TLS material when verification is on.
    Tcp { addr: String, tls: Option<TlsFiles> },
    /// A scheme this build cannot use (`ssh://`).
    Unsupported(String),
}

/// Client certificate, key and CA for a TLS daemon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    /// `ca.pem`.
    pub ca: PathBuf,
    /// `cert.pem`.
    pub cert: PathBuf,
    /// `key.pem`.
    pub key: PathBuf,
}

impl TlsFiles {
    fn in_dir(dir: &Path) -> TlsFiles {
        TlsFiles {
            ca: dir.join("ca.pem"),
            cert: dir.join("cert.pem"),
            key: dir.join("key.pem"),
        }
    }
}

/// How the endpoint was chosen, for `doctor` and diagnoses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "from", rename_all = "kebab-case")]
pub enum Origin {
    /// `DOCKER_HOST`.
    DockerHost,
    /// A docker context.
    Context { name: String },
    /// Nothing configured.
    Default,
}

/// The chosen endpoint, its origin, and the host string as the user would write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// Where.
    pub endpoint: Endpoint,
    /// Why there.
    pub origin: Origin,
    /// e.g. `unix:///var/run/docker.sock`.
    pub host: String,
}

impl Resolved {
    /// The machine of a daemon reached over TCP on another host (where the learner's published
    /// ports are); `None` for a local socket, a pipe or a loopback address.
    pub fn remote_host(&self) -> Option<String> {
        let Endpoint::Tcp { addr, .. } = &self.endpoint else {
            return None;
        };
        let h = addr.rsplit_once(':').map_or(addr.as_str(), |(h, _)| h);
        let h = h.trim_start_matches('[').trim_end_matches(']');
        (!matches!(h, "localhost" | "127.0.0.1" | "::1")).then(|| h.to_string())
    }
}

/// The endpoint the docker CLI would use, from this process's environment and home.
pub fn from_env() -> Resolved {
    resolve(&|k| std::env::var(k).ok(), dirs::home_dir().as_deref())
}

/// Resolves the endpoint. `env` reads an environment variable; `home` is the user's home.
pub fn resolve(env: &dyn Fn(&str) -> Option<String>, home: Option<&Path>) -> Resolved {
    let config_dir = env("DOCKER_CONFIG")
        .map(PathBuf::from)
        .or_else(|| home.map(|h| h.join(".docker")));
    if let Some(host) = env("DOCKER_HOST").filter(|h| !h.is_empty()) {
        let tls = env("DOCKER_TLS_VERIFY").is_some_and(|v| !v.is_empty() && v != "0");
        let cert_dir = env("DOCKER_CERT_PATH")
            .map(PathBuf::from)
            .or_else(|| config_dir.clone());
        let tls = tls.then(|| TlsFiles::in_dir(&cert_dir.unwrap_or_default()));
        return Resolved {
            endpoint: parse_host(&host, tls),
            origin: Origin::DockerHost,
            host,
        };
    }
    if let Some(dir) = &config_dir {
        let name = env("DOCKER_CONTEXT").or_else(|| current_context(dir));
        if let Some(name) = name.filter(|n| !n.is_empty() && n != "default") {
            if let Some((host, skip_verify)) = context_host(dir, &name) {
                let tls_dir = dir
                    .join("contexts/tls")
                    .join(hex_sha256(&name))
                    .join("docker");
                let tls = (!skip_verify && tls_dir.join("ca.pem").exists())
                    .then(|| TlsFiles::in_dir(&tls_dir));
                return Resolved {
                    endpoint: parse_host(&host, tls),
                    origin: Origin::Context { name },
                    host,
                };
            }
        }
    }
    default_endpoint(cfg!(windows))
}

/// What the docker CLI uses when nothing is configured: the named pipe on Windows, the socket
/// elsewhere.
pub fn default_endpoint(windows: bool) -> Resolved {
    let (endpoint, host) = if windows {
        (
            Endpoint::NamedPipe(DEFAULT_PIPE.to_string()),
            format!("npipe://{DEFAULT_PIPE}"),
        )
    } else {
        (
            Endpoint::Unix(PathBuf::from(DEFAULT_SOCKET)),
            format!("unix://{DEFAULT_SOCKET}"),
        )
    };
    Resolved {
        endpoint,
        origin: Origin::Default,
        host,
    }
}

/// A host as `DOCKER_HOST` or a context writes it: `unix://`, `npipe://`, `tcp://`, `http://`,
/// `https://`, or a bare socket path.
pub fn parse_host(host: &str, tls: Option<TlsFiles>) -> Endpoint {
    if let Some(path) = host.strip_prefix("unix://") {
        Endpoint::Unix(PathBuf::from(path))
    } else if let Some(pipe) = host.strip_prefix("npipe://") {
        Endpoint::NamedPipe(pipe.to_string())
    } else if let Some(addr) = host
        .strip_prefix("tcp://")
        .or_else(|| host.strip_prefix("http://"))
    {
        Endpoint::Tcp {
            addr: addr.to_string(),
            tls,
        }
    } else if let Some(addr) = host.strip_prefix("https://") {
        Endpoint::Tcp {
            addr: addr.to_string(),
            tls,
        }
    } else if host.starts_with('/') {
        Endpoint::Unix(PathBuf::from(host))
    } else {
        Endpoint::Unsupported(host.to_string())
    }
}

fn current_context(config_dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(config_dir.join("config.json")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v.get("currentContext")?.as_str().map(str::to_string)
}

fn context_host(config_dir: &Path, name: &str) -> Option<(String, bool)> {
    let meta = config_dir
        .join("contexts/meta")
        .join(hex_sha256(name))
        .join("meta.json");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(meta).ok()?).ok()?;
    let docker = v.get("Endpoints")?.get("docker")?;
    let host = docker.get("Host")?.as_str()?.to_string();
    let skip = docker
        .get("SkipTLSVerify")
        .and_then(|b| b.as_bool())
        .unwrap_or(false);
    Some((host, skip))
}

fn hex_sha256(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let m: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| m.get(k).cloned()
    }

    #[test]
    fn docker_host_wins_and_tls_follows_the_cli_variables() {
        let r = resolve(&env_of(&[("DOCKER_HOST", "unix:///tmp/x.sock")]), None);
        assert_eq!(r.endpoint, Endpoint::Unix("/tmp/x.sock".into()));
        assert_eq!(r.origin, Origin::DockerHost);
        let r = resolve(
            &env_of(&[
                ("DOCKER_HOST", "tcp://10.0.0.2:2376"),
                ("DOCKER_TLS_VERIFY", "1"),
                ("DOCKER_CERT_PATH", "/certs"),
            ]),
            None,
        );
        assert_eq!(
            r.endpoint,
            Endpoint::Tcp {
                addr: "10.0.0.2:2376".into(),
                tls: Some(TlsFiles::in_dir(Path::new("/certs")))
            }
        );
        let r = resolve(&env_of(&[("DOCKER_HOST", "ssh://me@box")]), None);
        assert!(matches!(r.endpoint, Endpoint::Unsupported(_)));
        let r = resolve(
            &env_of(&[("DOCKER_HOST", "npipe:////./pipe/dockerDesktopLinuxEngine")]),
            None,
        );
        assert_eq!(
            r.endpoint,
            Endpoint::NamedPipe("//./pipe/dockerDesktopLinuxEngine".into())
        );
    }

    #[test]
    fn the_default_is_the_pipe_on_windows_and_the_socket_elsewhere() {
        let pipe = default_endpoint(true);
        assert_eq!(pipe.endpoint, Endpoint::NamedPipe(DEFAULT_PIPE.into()));
        assert_eq!(pipe.host, "npipe:////./pipe/docker_engine");
        let sock = default_endpoint(false);
        assert_eq!(sock.endpoint, Endpoint::Unix(DEFAULT_SOCKET.into()));
        assert_eq!(sock.host, "unix:///var/run/docker.sock");
        let here = resolve(&env_of(&[]), None);
        assert_eq!(here, default_endpoint(cfg!(windows)));
    }

    #[test]
    fn docker_desktops_context_on_windows_names_its_pipe() {
        // Docker Desktop 4.x writes this context and makes it current.
        let home = tempfile::tempdir().expect("tempdir");
        let dir = home.path().join(".docker");
        let meta = dir
            .join("contexts")
            .join("meta")
            .join(hex_sha256("desktop-linux"));
        std::fs::create_dir_all(&meta).expect("mkdir");
        std::fs::write(
            dir.join("config.json"),
            r#"{"auths":{},"credsStore":"desktop","currentContext":"desktop-linux"}"#,
        )
        .expect("write");
        std::fs::write(
            meta.join("meta.json"),
            r#"{"Name":"desktop-linux","Metadata":{"Description":"Docker Desktop"},"Endpoints":{"docker":{"Host":"npipe:////./pipe/dockerDesktopLinuxEngine","SkipTLSVerify":false}}}"#,
        )
        .expect("write");
        let r = resolve(&env_of(&[]), Some(home.path()));
        assert_eq!(
            r.endpoint,
            Endpoint::NamedPipe("//./pipe/dockerDesktopLinuxEngine".into())
        );
        assert_eq!(
            r.origin,
            Origin::Context {
                name: "desktop-linux".into()
            }
        );
    }

    #[test]
    fn the_current_context_is_read_from_the_cli_config() {
        let home = tempfile::tempdir().expect("tempdir");
        let dir = home.path().join(".docker");
        let meta = dir.join("contexts/meta").join(hex_sha256("colima"));
        std::fs::create_dir_all(&meta).expect("mkdir");
        std::fs::write(dir.join("config.json"), r#"{"currentContext":"colima"}"#).expect("write");
        std::fs::write(
            meta.join("meta.json"),
            r#"{"Name":"colima","Endpoints":{"docker":{"Host":"unix:///home/me/.colima/docker.sock","SkipTLSVerify":false}}}"#,
        )
        .expect("write");
        let r = resolve(&env_of(&[]), Some(home.path()));
        assert_eq!(
            r.endpoint,
            Endpoint::Unix("/home/me/.colima/docker.sock".into())
        );
        assert_eq!(
            r.origin,
            Origin::Context {
                name: "colima".into()
            }
        );
        let r = resolve(&env_of(&[("DOCKER_CONTEXT", "default")]), Some(home.path()));
        assert_eq!(r.origin, Origin::Default);
        assert_eq!(hex_sha256("default").len(), 64);
    }
}
