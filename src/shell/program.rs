//! Which shell the pane runs. Unix: `$SHELL`, else `/bin/sh`. Windows: `$SHELL` when it names a
//! program that exists (Git Bash, MSYS2 and Cygwin set it), else `%COMSPEC%` when it names
//! something other than `cmd.exe` (Windows itself sets it to `cmd.exe`, so anything else is the
//! learner's choice), else PowerShell (`pwsh.exe`, PowerShell 7, before the built-in Windows
//! PowerShell), else `%COMSPEC%`, else `cmd.exe`. Pure over an environment lookup and a file
//! test, so both systems' rules are tested everywhere.

use std::path::Path;

/// What the choice needs to know of the system.
pub struct Lookup<'a> {
    /// An environment variable, `None` when unset or blank.
    pub env: &'a dyn Fn(&str) -> Option<String>,
    /// A program name (`pwsh.exe`) or path resolved to the file that would run, if any.
    pub find: &'a dyn Fn(&str) -> Option<String>,
}

/// The program for this system.
pub fn choose(windows: bool, sys: &Lookup<'_>) -> String {
    if !windows {
        return (sys.env)("SHELL").unwrap_or_else(|| "/bin/sh".to_string());
    }
    let comspec = (sys.env)("COMSPEC");
    let chosen_comspec = comspec.clone().filter(|c| !is_cmd(c));
    [(sys.env)("SHELL"), chosen_comspec]
        .into_iter()
        .flatten()
        .chain(["pwsh.exe".to_string(), "powershell.exe".to_string()])
        .find_map(|p| (sys.find)(&p))
        .or(comspec)
        .unwrap_or_else(|| "cmd.exe".to_string())
}

/// Whether a `%COMSPEC%` value is Windows' own `cmd.exe`.
fn is_cmd(comspec: &str) -> bool {
    let name = comspec.rsplit(['\\', '/']).next().unwrap_or(comspec);
    name.eq_ignore_ascii_case("cmd.exe") || name.eq_ignore_ascii_case("cmd")
}

/// Resolves a program the way Windows would start it: a path as it is or with `.exe` added
/// (`$SHELL` from Git Bash has no extension), a bare name on `PATH` with `PATHEXT`.
pub fn find_on_windows(program: &str) -> Option<String> {
    let p = Path::new(program);
    if p.components().count() > 1 {
        let with_exe = format!("{program}.exe");
        return [program, with_exe.as_str()]
            .into_iter()
            .find(|c| Path::new(c).is_file())
            .map(str::to_string);
    }
    crate::platform::on_path(program).map(|p| p.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn pick(windows: bool, env: &[(&str, &str)], exists: &[&str]) -> String {
        let env: HashMap<String, String> = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let exists: Vec<String> = exists.iter().map(|s| s.to_string()).collect();
        let sys = Lookup {
            env: &|k| env.get(k).cloned(),
            find: &|p| exists.iter().find(|e| e.ends_with(p)).cloned(),
        };
        choose(windows, &sys)
    }

    const CMD: &str = r"C:\Windows\system32\cmd.exe";
    const PS: &str = r"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe";
    const PWSH: &str = r"C:\Program Files\PowerShell\7\pwsh.exe";
    const BASH: &str = r"C:\Program Files\Git\usr\bin\bash";

    #[test]
    fn unix_runs_the_login_shell_or_sh() {
        assert_eq!(pick(false, &[("SHELL", "/bin/zsh")], &[]), "/bin/zsh");
        assert_eq!(pick(false, &[], &[]), "/bin/sh");
    }

    #[test]
    fn windows_defaults_to_powershell_7_then_windows_powershell() {
        let env = [("COMSPEC", CMD)];
        assert_eq!(pick(true, &env, &[PS, PWSH]), PWSH);
        assert_eq!(pick(true, &env, &[PS]), PS);
        // Neither (Wine, a stripped image): the command interpreter.
        assert_eq!(pick(true, &env, &[]), CMD);
        assert_eq!(pick(true, &[], &[]), "cmd.exe");
    }

    #[test]
    fn windows_honours_shell_and_a_comspec_the_learner_chose() {
        let env = [("COMSPEC", CMD), ("SHELL", BASH)];
        assert_eq!(pick(true, &env, &[PS, BASH]), BASH);
        // A $SHELL that does not exist as a Windows program is passed over.
        assert_eq!(pick(true, &env, &[PS]), PS);
        let tcc = r"C:\Program Files\JPSoft\TCC\tcc.exe";
        assert_eq!(pick(true, &[("COMSPEC", tcc)], &[PS, tcc]), tcc);
    }

    #[test]
    fn cmd_is_recognised_whatever_its_case_or_path() {
        assert!(is_cmd(CMD));
        assert!(is_cmd("C:/WINDOWS/SYSTEM32/CMD.EXE"));
        assert!(is_cmd("cmd"));
        assert!(!is_cmd(PWSH));
    }

    #[test]
    fn a_path_is_found_with_or_without_its_exe() {
        let dir = tempfile::tempdir().expect("tempdir");
        let bash = dir.path().join("bash.exe");
        std::fs::write(&bash, "").expect("write");
        let without = dir.path().join("bash").display().to_string();
        assert_eq!(find_on_windows(&without), Some(bash.display().to_string()));
        let missing = dir.path().join("zsh").display().to_string();
        assert_eq!(find_on_windows(&missing), None);
    }
}
