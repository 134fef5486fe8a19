//! Opens the daemon connection, negotiates the API version and turns every way it can fail into
//! a distinct [`Unverifiable`] diagnosis (socket or pipe missing, permission denied, timeout,
//! too old). The transports that differ by system live in `local`.

use std::time::Duration;

use bollard::{ClientVersion, Docker, API_DEFAULT_VERSION};

use super::endpoint::{Endpoint, Origin, Resolved};
use super::local;
use crate::check::Unverifiable;

/// The oldest Engine API this build supports (Docker Engine 20.10).
pub const MIN_API: (u32, u32) = (1, 41);

/// A connected, version-negotiated daemon.
#[derive(Debug, Clone)]
pub struct Daemon {
    pub(crate) docker: Docker,
    /// What `doctor` reports.
    pub info: DaemonInfo,
    /// Who answered, asked once per connection (`/info` costs the engine ~10 ms; a board of 300
    /// asked it at every grading).
    pub(crate) identity: std::sync::Arc<tokio::sync::OnceCell<super::Identity>>,
}

/// Facts about the connection itself.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DaemonInfo {
    /// The host string, e.g. `unix:///var/run/docker.sock`.
    pub host: String,
    /// How it was chosen.
    pub origin: Origin,
    /// Engine version, e.g. `20.10.24`.
    pub server_version: String,
    /// Engine API version, e.g. `1.41`.
    pub api_version: String,
    /// The daemon's system, `linux` or `windows` (Docker Desktop in Windows-containers mode).
    pub os: String,
}

/// How long connecting to the daemon may take before it counts as unreachable.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);

/// Connects to the daemon the docker CLI would use.
pub async fn connect_default() -> Result<Daemon, Unverifiable> {
    connect(&super::endpoint::from_env(), CONNECT_TIMEOUT).await
}

/// Connects to the resolved endpoint within `timeout`.
pub async fn connect(resolved: &Resolved, timeout: Duration) -> Result<Daemon, Unverifiable> {
    let host = resolved.host.clone();
    // Ask /version with the oldest API we support (every supported Engine accepts it), then use
    // the highest version both sides speak: one round trip of negotiation.
    let oldest = ClientVersion {
        major_version: MIN_API.0 as usize,
        minor_version: MIN_API.1 as usize,
    };
    match &resolved.endpoint {
        Endpoint::Unix(path) => local::preflight_unix(path, &host, timeout).await?,
        Endpoint::NamedPipe(pipe) => local::preflight_pipe(pipe, &host)?,
        Endpoint::Tcp { .. } | Endpoint::Unsupported(_) => {}
    }
    let probe = client(resolved, &host, timeout, &oldest)?;
    let version = tokio::time::timeout(timeout, probe.version())
        .await
        .map_err(|_| Unverifiable::DaemonTimeout { host: host.clone() })?
        .map_err(|e| unreachable(&host, &e))?;
    let api_version = version.api_version.unwrap_or_default();
    let Some(server) = parse_api(&api_version).filter(|v| *v >= MIN_API) else {
        return Err(Unverifiable::ApiTooOld {
            found: api_version,
            minimum: format!("{}.{}", MIN_API.0, MIN_API.1),
        });
    };
    let ours = (
        API_DEFAULT_VERSION.major_version as u32,
        API_DEFAULT_VERSION.minor_version as u32,
    );
    let (major, minor) = server.min(ours);
    let negotiated = ClientVersion {
        major_version: major as usize,
        minor_version: minor as usize,
    };
    let docker = client(resolved, &host, timeout, &negotiated)?;
    Ok(Daemon {
        docker,
        identity: Default::default(),
        info: DaemonInfo {
            host,
            origin: resolved.origin.clone(),
            server_version: version.version.unwrap_or_default(),
            api_version,
            os: version.os.unwrap_or_default(),
        },
    })
}

/// A client for the endpoint at a fixed API version (no I/O).
fn client(
    resolved: &Resolved,
    host: &str,
    timeout: Duration,
    version: &ClientVersion,
) -> Result<Docker, Unverifiable> {
    let secs = timeout.as_secs().max(1);
    match &resolved.endpoint {
        Endpoint::Unix(path) => local::unix_client(path, secs, version),
        Endpoint::NamedPipe(pipe) => local::pipe_client(pipe, secs, version),
        Endpoint::Tcp { addr, tls: None } => Docker::connect_with_http(addr, secs, version),
        Endpoint::Tcp { addr, tls: Some(t) } => {
            Docker::connect_with_ssl(addr, &t.key, &t.cert, &t.ca, secs, version)
        }
        Endpoint::Unsupported(h) => {
            return Err(Unverifiable::DaemonUnreachable {
                host: h.clone(),
                error: "unsupported scheme".into(),
            })
        }
    }
    .map_err(|e| unreachable(host, &e))
}

fn unreachable(host: &str, e: &bollard::errors::Error) -> Unverifiable {
    match e {
        bollard::errors::Error::RequestTimeoutError => {
            Unverifiable::DaemonTimeout { host: host.into() }
        }
        bollard::errors::Error::SocketNotFoundError(p) => {
            Unverifiable::SocketMissing { path: p.clone() }
        }
        _ => Unverifiable::DaemonUnreachable {
            host: host.into(),
            error: e.to_string(),
        },
    }
}

fn parse_api(v: &str) -> Option<(u32, u32)> {
    let (a, b) = v.split_once('.')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn unix(path: &str) -> Resolved {
        use std::path::PathBuf;
        Resolved {
            endpoint: Endpoint::Unix(PathBuf::from(path)),
            origin: Origin::DockerHost,
            host: format!("unix://{path}"),
        }
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn a_missing_socket_is_diagnosed_as_such() {
        let err = connect(&unix("/nonexistent/docker.sock"), Duration::from_secs(1))
            .await
            .expect_err("no daemon there");
        assert_eq!(
            err,
            Unverifiable::SocketMissing {
                path: "/nonexistent/docker.sock".into()
            }
        );
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn a_dead_socket_is_unreachable_not_missing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("dead.sock");
        drop(std::os::unix::net::UnixListener::bind(&path).expect("bind"));
        let err = connect(&unix(&path.to_string_lossy()), Duration::from_secs(1))
            .await
            .expect_err("nobody listens");
        assert!(
            matches!(err, Unverifiable::DaemonUnreachable { .. }),
            "{err:?}"
        );
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn a_silent_daemon_times_out() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("silent.sock");
        let _listener = std::os::unix::net::UnixListener::bind(&path).expect("bind");
        let err = connect(&unix(&path.to_string_lossy()), Duration::from_secs(1))
            .await
            .expect_err("nobody answers");
        assert!(matches!(err, Unverifiable::DaemonTimeout { .. }), "{err:?}");
    }

    #[cfg(unix)]
    /// A fake Engine on a Unix socket that answers every request with `/version` JSON.
    fn fake_engine(api: &'static str) -> (tempfile::TempDir, String) {
        use std::io::{Read, Write};
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("engine.sock");
        let listener = std::os::unix::net::UnixListener::bind(&path).expect("bind");
        std::thread::spawn(move || {
            for mut conn in listener.incoming().flatten() {
                let mut buf = [0u8; 4096];
                let _ = conn.read(&mut buf);
                let _ = conn.write_all(version_response(api).as_bytes());
            }
        });
        let p = path.to_string_lossy().into_owned();
        (dir, p)
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn an_old_engine_is_diagnosed_as_too_old() {
        let (_dir, path) = fake_engine("1.26");
        let err = connect(&unix(&path), Duration::from_secs(2))
            .await
            .expect_err("too old");
        assert_eq!(
            err,
            Unverifiable::ApiTooOld {
                found: "1.26".into(),
                minimum: "1.41".into()
            }
        );
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn the_version_is_negotiated_down_to_the_engine() {
        let (_dir, path) = fake_engine("1.41");
        let d = connect(&unix(&path), Duration::from_secs(2))
            .await
            .expect("connects");
        assert_eq!(d.info.api_version, "1.41");
        assert_eq!(d.docker.client_version().to_string(), "1.41");
    }

    /// What the fake engines answer to every request: `/version` JSON.
    fn version_response(api: &str) -> String {
        let body = format!(
            r#"{{"Version":"fake","ApiVersion":"{api}","MinAPIVersion":"1.12","Os":"linux"}}"#
        );
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
    }

    #[cfg(windows)]
    fn pipe(name: &str) -> Resolved {
        Resolved {
            endpoint: Endpoint::NamedPipe(name.to_string()),
            origin: Origin::DockerHost,
            host: format!("npipe://{}", name.replace('\\', "/")),
        }
    }

    /// A fake Engine on a named pipe of its own, answering every connection with `/version`.
    #[cfg(windows)]
    fn fake_pipe_engine(api: &'static str) -> String {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        use tokio::net::windows::named_pipe::ServerOptions;
        let name = format!(
            r"\\.\pipe\pracdocker-test-{}-{}",
            std::process::id(),
            fastrand::u64(..)
        );
        let mut server = ServerOptions::new()
            .first_pipe_instance(true)
            .create(&name)
            .expect("create pipe");
        let again = name.clone();
        tokio::spawn(async move {
            while server.connect().await.is_ok() {
                let mut conn = server;
                server = match ServerOptions::new().create(&again) {
                    Ok(s) => s,
                    Err(_) => return,
                };
                tokio::spawn(async move {
                    let mut buf = [0u8; 4096];
                    let _ = conn.read(&mut buf).await;
                    let _ = conn.write_all(version_response(api).as_bytes()).await;
                    let _ = conn.flush().await;
                });
            }
        });
        name
    }

    #[cfg(windows)]
    #[tokio::test]
    async fn a_missing_pipe_is_diagnosed_as_such() {
        let err = connect(
            &pipe(r"\\.\pipe\pracdocker-nobody-here"),
            Duration::from_secs(1),
        )
        .await
        .expect_err("no daemon there");
        assert_eq!(
            err,
            Unverifiable::PipeMissing {
                path: r"\\.\pipe\pracdocker-nobody-here".into()
            }
        );
    }

    #[cfg(windows)]
    #[tokio::test]
    async fn the_named_pipe_speaks_to_the_engine_and_negotiates() {
        let name = fake_pipe_engine("1.41");
        let d = connect(&pipe(&name), Duration::from_secs(3))
            .await
            .expect("connects over the pipe");
        assert_eq!(d.info.api_version, "1.41");
        assert_eq!(d.info.os, "linux");
        assert_eq!(d.docker.client_version().to_string(), "1.41");
        let old = fake_pipe_engine("1.26");
        let err = connect(&pipe(&old), Duration::from_secs(3))
            .await
            .expect_err("too old");
        assert!(matches!(err, Unverifiable::ApiTooOld { .. }), "{err:?}");
    }

    #[test]
    fn api_versions_compare_numerically() {
        assert!(parse_api("1.9").expect("parse") < MIN_API);
        assert!(parse_api("1.53").expect("parse") >= MIN_API);
        assert_eq!(parse_api("x"), None);
    }
}
