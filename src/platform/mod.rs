//! What differs between Unix and Windows, behind one interface: the signals that ask the process
//! to end, job control (Ctrl-Z), and how a program is found on `PATH`. The rest of the crate
//! calls these and carries no `cfg` of its own for them.

#[cfg(unix)]
mod unix;
#[cfg(unix)]
use unix as imp;
#[cfg(windows)]
mod windows;
#[cfg(windows)]
use windows as imp;

use std::path::{Path, PathBuf};

pub use imp::Quit;

/// Whether the terminal has job control: Ctrl-Z suspends the trainer to the shell (Unix). On
/// Windows there is none, and Ctrl-Z is no key of the trainer.
pub const JOB_CONTROL: bool = cfg!(unix);

/// Stops the process until the shell resumes it (`SIGTSTP`; Unix only, see [`JOB_CONTROL`]).
#[cfg(unix)]
pub fn stop_process() -> std::io::Result<()> {
    imp::stop_process()
}

/// The file a command name runs on this system, looked up in `path` (a `PATH` value): on
/// Windows with each extension of `pathext` (`PATHEXT`, e.g. `.COM;.EXE;.BAT;.CMD`) when the name
/// has none, on Unix only files with an execute bit.
pub fn find_program(name: &str, path: &std::ffi::OsStr, pathext: Option<&str>) -> Option<PathBuf> {
    let candidates = candidates(name, pathext, cfg!(windows));
    std::env::split_paths(path)
        .flat_map(|dir| candidates.iter().map(move |c| dir.join(c)))
        .find(|p| imp::is_executable(p))
}

/// The folders where the docker CLI looks for its plugins (`docker compose`, ...) on this
/// system, besides the user's own `~/.docker/cli-plugins`.
pub fn docker_plugin_dirs() -> Vec<PathBuf> {
    imp::docker_plugin_dirs()
}

/// A program's file name on this system: `docker-compose.exe` on Windows.
pub fn exe_name(name: &str) -> String {
    format!("{name}{}", std::env::consts::EXE_SUFFIX)
}

/// Waits for `event`, or forever when its handler could not be installed.
async fn wait_or_never<F: std::future::Future>(event: Option<F>) {
    match event {
        Some(f) => {
            f.await;
        }
        None => std::future::pending().await,
    }
}

/// `name` on `PATH` (and `PATHEXT` on Windows).
pub fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    let pathext = std::env::var("PATHEXT").ok();
    find_program(name, &path, pathext.as_deref())
}

/// Whether the file at `p` can be run (an execute bit on Unix; a file on Windows).
pub fn is_executable(p: &Path) -> bool {
    imp::is_executable(p)
}

/// The file names tried for `name`: itself, and on Windows (when it has no extension) itself
/// with each `PATHEXT` extension, `.exe` first when `PATHEXT` is unset.
fn candidates(name: &str, pathext: Option<&str>, windows: bool) -> Vec<String> {
    let has_ext = Path::new(name).extension().is_some();
    if !windows || has_ext {
        return vec![name.to_string()];
    }
    let exts = pathext
        .filter(|p| !p.trim().is_empty())
        .unwrap_or(".COM;.EXE;.BAT;.CMD");
    exts.split(';')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(|e| format!("{name}{}", e.to_ascii_lowercase()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_names_get_the_pathext_extensions() {
        assert_eq!(candidates("docker", None, false), ["docker"]);
        assert_eq!(
            candidates("docker", Some(".EXE;.CMD"), true),
            ["docker.exe", "docker.cmd"]
        );
        assert_eq!(candidates("pwsh.exe", Some(".EXE"), true), ["pwsh.exe"]);
        assert_eq!(candidates("x", Some(""), true).len(), 4);
    }

    #[test]
    fn a_program_is_found_in_the_path_it_is_in() {
        let dir = tempfile::tempdir().expect("tempdir");
        let name = if cfg!(windows) { "tool.exe" } else { "tool" };
        let file = dir.path().join(name);
        std::fs::write(&file, "").expect("write");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mut perm = std::fs::metadata(&file).expect("stat").permissions();
            perm.set_mode(0o755);
            std::fs::set_permissions(&file, perm).expect("chmod");
        }
        let path = std::env::join_paths([Path::new("/nowhere"), dir.path()]).expect("join");
        assert_eq!(find_program("tool", &path, Some(".EXE")), Some(file));
        assert_eq!(find_program("other", &path, Some(".EXE")), None);
    }
}
