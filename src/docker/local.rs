//! The local transports, which differ by system: the Unix socket (Unix) and the named pipe
//! (Windows). Each has a preflight that tells "missing" from "denied" before HTTP is involved,
//! and a bollard client. Asking for the other system's transport is a diagnosis, not a build
//! error.

use std::path::Path;
use std::time::Duration;

use bollard::{ClientVersion, Docker};

use crate::check::Unverifiable;

/// Connects to the socket once and lets go, within `timeout`.
pub(super) async fn preflight_unix(
    path: &Path,
    host: &str,
    timeout: Duration,
) -> Result<(), Unverifiable> {
    let shown = path.display().to_string();
    match tokio::time::timeout(timeout, unix_connect(path)).await {
        Err(_) => Err(Unverifiable::DaemonTimeout { host: host.into() }),
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(match e.kind() {
            std::io::ErrorKind::NotFound => Unverifiable::SocketMissing { path: shown },
            std::io::ErrorKind::PermissionDenied => Unverifiable::PermissionDenied { path: shown },
            _ => unreachable_io(host, &e),
        }),
    }
}

/// Opens the pipe once and lets go. A busy pipe exists: the server is between two clients.
pub(super) fn preflight_pipe(pipe: &str, host: &str) -> Result<(), Unverifiable> {
    let shown = native_pipe(pipe);
    match pipe_open(&shown) {
        Ok(()) => Ok(()),
        Err(e) if e.raw_os_error() == Some(ERROR_PIPE_BUSY) => Ok(()),
        Err(e) => Err(match e.kind() {
            std::io::ErrorKind::NotFound => Unverifiable::PipeMissing { path: shown },
            std::io::ErrorKind::PermissionDenied => Unverifiable::PipeDenied { path: shown },
            _ => unreachable_io(host, &e),
        }),
    }
}

/// `//./pipe/docker_engine` as Windows writes it: `\\.\pipe\docker_engine`.
pub fn native_pipe(pipe: &str) -> String {
    pipe.replace('/', "\\")
}

/// Windows' "all pipe instances are busy".
const ERROR_PIPE_BUSY: i32 = 231;

fn unreachable_io(host: &str, e: &std::io::Error) -> Unverifiable {
    Unverifiable::DaemonUnreachable {
        host: host.into(),
        error: e.to_string(),
    }
}

#[cfg(unix)]
async fn unix_connect(path: &Path) -> std::io::Result<()> {
    tokio::net::UnixStream::connect(path).await.map(drop)
}

#[cfg(not(unix))]
async fn unix_connect(_path: &Path) -> std::io::Result<()> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "unix:// endpoints are not supported on this system; use npipe:// or tcp://",
    ))
}

#[cfg(windows)]
fn pipe_open(pipe: &str) -> std::io::Result<()> {
    tokio::net::windows::named_pipe::ClientOptions::new()
        .open(pipe)
        .map(drop)
}

#[cfg(not(windows))]
fn pipe_open(_pipe: &str) -> std::io::Result<()> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "npipe:// endpoints exist only on Windows; use unix:// or tcp://",
    ))
}

/// A client for the socket (no I/O).
#[cfg(unix)]
pub(super) fn unix_client(
    path: &Path,
    secs: u64,
    version: &ClientVersion,
) -> Result<Docker, bollard::errors::Error> {
    Docker::connect_with_unix(&path.to_string_lossy(), secs, version)
}

#[cfg(not(unix))]
pub(super) fn unix_client(
    path: &Path,
    _secs: u64,
    _version: &ClientVersion,
) -> Result<Docker, bollard::errors::Error> {
    Err(bollard::errors::Error::UnsupportedURISchemeError {
        uri: format!("unix://{}", path.display()),
    })
}

/// A client for the named pipe (no I/O).
#[cfg(windows)]
pub(super) fn pipe_client(
    pipe: &str,
    secs: u64,
    version: &ClientVersion,
) -> Result<Docker, bollard::errors::Error> {
    Docker::connect_with_named_pipe(&native_pipe(pipe), secs, version)
}

#[cfg(not(windows))]
pub(super) fn pipe_client(
    pipe: &str,
    _secs: u64,
    _version: &ClientVersion,
) -> Result<Docker, bollard::errors::Error> {
    Err(bollard::errors::Error::UnsupportedURISchemeError {
        uri: format!("npipe://{pipe}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipes_are_shown_the_windows_way() {
        assert_eq!(
            native_pipe("//./pipe/docker_engine"),
            r"\\.\pipe\docker_engine"
        );
        assert_eq!(native_pipe(r"\\.\pipe\x"), r"\\.\pipe\x");
    }

    #[cfg(not(windows))]
    #[test]
    fn a_pipe_elsewhere_than_windows_is_unreachable_with_a_reason() {
        let err = preflight_pipe("//./pipe/docker_engine", "npipe:////./pipe/docker_engine")
            .expect_err("no pipes here");
        assert!(
            matches!(&err, Unverifiable::DaemonUnreachable { error, .. } if error.contains("only on Windows")),
            "{err:?}"
        );
    }
}
