//! What `doctor` says about the learner's system beyond the daemon itself: on Windows, whether
//! Docker Desktop is installed and what to do when its pipe is missing; inside WSL, Docker
//! Desktop's integration; anywhere, a daemon in Windows-containers mode. Facts come from the
//! environment and a few file tests (no processes, no registry); the words from Fluent
//! (`doctor-host-<id>`).

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::check::Unverifiable;

/// One diagnosis about the system, in the learner's language through `doctor-host-<id>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "id", rename_all = "kebab-case")]
pub enum HostNote {
    /// Windows: Docker Desktop is installed, its pipe is not there: it is not running.
    DesktopStopped,
    /// Windows: no pipe, no Docker Desktop, no WSL.
    NoDocker,
    /// Windows: no pipe, no Docker Desktop, but WSL is there (Docker Engine may run inside it).
    NoDesktopWsl,
    /// The daemon runs Windows containers; the course's images are Linux images.
    WindowsContainers,
    /// Linux inside WSL without a Docker socket: Docker Desktop's WSL integration is off.
    WslIntegration { distro: String },
}

/// What the system shows of Docker, gathered once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostFacts {
    /// This is Windows.
    pub windows: bool,
    /// Windows: `Docker Desktop.exe` is in its installation folder.
    pub desktop_installed: bool,
    /// Windows: `wsl.exe` is in the system folder.
    pub wsl_installed: bool,
    /// Linux inside WSL: the distribution's name.
    pub wsl_distro: Option<String>,
}

impl HostFacts {
    /// Reads the facts of this system.
    pub fn gather() -> HostFacts {
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        if cfg!(windows) {
            let program_files = env("ProgramFiles").unwrap_or_else(|| r"C:\Program Files".into());
            let system_root = env("SystemRoot").unwrap_or_else(|| r"C:\Windows".into());
            HostFacts {
                windows: true,
                desktop_installed: desktop_exe(Path::new(&program_files)).is_file(),
                wsl_installed: Path::new(&system_root)
                    .join("System32")
                    .join("wsl.exe")
                    .is_file(),
                wsl_distro: None,
            }
        } else {
            let osrelease = std::fs::read_to_string("/proc/sys/kernel/osrelease").ok();
            HostFacts {
                wsl_distro: wsl_distro(env("WSL_DISTRO_NAME"), osrelease.as_deref()),
                ..HostFacts::default()
            }
        }
    }
}

/// Where Docker Desktop's installer puts its program.
fn desktop_exe(program_files: &Path) -> PathBuf {
    program_files
        .join("Docker")
        .join("Docker")
        .join("Docker Desktop.exe")
}

/// The WSL distribution this Linux runs in, if it is one: WSL sets `WSL_DISTRO_NAME`, and its
/// kernel's release names Microsoft.
fn wsl_distro(name: Option<String>, osrelease: Option<&str>) -> Option<String> {
    let wsl_kernel = osrelease.is_some_and(|r| r.to_ascii_lowercase().contains("microsoft"));
    match name {
        Some(n) => Some(n),
        None if wsl_kernel => Some("WSL".into()),
        None => None,
    }
}

/// The notes for these facts and this connection attempt (`Ok` holds the daemon's system).
pub fn notes(facts: &HostFacts, daemon: Result<&str, &Unverifiable>) -> Vec<HostNote> {
    let mut out = Vec::new();
    match daemon {
        Ok(os) if os.eq_ignore_ascii_case("windows") => out.push(HostNote::WindowsContainers),
        Ok(_) => {}
        Err(Unverifiable::PipeMissing { .. }) if facts.windows => {
            out.push(match (facts.desktop_installed, facts.wsl_installed) {
                (true, _) => HostNote::DesktopStopped,
                (false, true) => HostNote::NoDesktopWsl,
                (false, false) => HostNote::NoDocker,
            })
        }
        Err(Unverifiable::SocketMissing { .. }) => {
            if let Some(distro) = &facts.wsl_distro {
                out.push(HostNote::WslIntegration {
                    distro: distro.clone(),
                });
            }
        }
        Err(_) => {}
    }
    out
}

/// The notes as `doctor --json` gives them: the note's fields and its sentence.
pub fn json(notes: &[HostNote], tr: &crate::i18n::Tr) -> serde_json::Value {
    notes
        .iter()
        .map(|n| {
            let mut v = serde_json::to_value(n).unwrap_or_default();
            if let Some(map) = v.as_object_mut() {
                map.insert("message".into(), tr.data("doctor-host", n).into());
            }
            v
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn windows(desktop: bool, wsl: bool) -> HostFacts {
        HostFacts {
            windows: true,
            desktop_installed: desktop,
            wsl_installed: wsl,
            wsl_distro: None,
        }
    }

    #[test]
    fn a_missing_pipe_is_explained_by_what_is_installed() {
        let missing = Unverifiable::PipeMissing {
            path: r"\\.\pipe\docker_engine".into(),
        };
        assert_eq!(
            notes(&windows(true, true), Err(&missing)),
            [HostNote::DesktopStopped]
        );
        assert_eq!(
            notes(&windows(false, true), Err(&missing)),
            [HostNote::NoDesktopWsl]
        );
        assert_eq!(
            notes(&windows(false, false), Err(&missing)),
            [HostNote::NoDocker]
        );
        // A daemon that answers needs no note, unless it runs Windows containers.
        assert!(notes(&windows(true, true), Ok("linux")).is_empty());
        assert_eq!(
            notes(&windows(true, true), Ok("windows")),
            [HostNote::WindowsContainers]
        );
    }

    #[test]
    fn inside_wsl_a_missing_socket_points_at_the_integration() {
        let missing = Unverifiable::SocketMissing {
            path: "/var/run/docker.sock".into(),
        };
        let wsl = HostFacts {
            wsl_distro: Some("Ubuntu".into()),
            ..HostFacts::default()
        };
        assert_eq!(
            notes(&wsl, Err(&missing)),
            [HostNote::WslIntegration {
                distro: "Ubuntu".into()
            }]
        );
        assert!(notes(&HostFacts::default(), Err(&missing)).is_empty());
    }

    #[test]
    fn wsl_is_recognised_by_its_variable_or_its_kernel() {
        assert_eq!(
            wsl_distro(Some("Debian".into()), None),
            Some("Debian".into())
        );
        assert_eq!(
            wsl_distro(None, Some("5.15.153.1-microsoft-standard-WSL2\n")),
            Some("WSL".into())
        );
        assert_eq!(wsl_distro(None, Some("6.1.0-18-amd64")), None);
    }

    #[test]
    fn docker_desktop_is_looked_for_where_its_installer_puts_it() {
        let p = desktop_exe(Path::new("PF"));
        let parts: Vec<_> = p.iter().map(|c| c.to_string_lossy().into_owned()).collect();
        assert_eq!(parts, ["PF", "Docker", "Docker", "Docker Desktop.exe"]);
    }
}
