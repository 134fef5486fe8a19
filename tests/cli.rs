//! The binary itself: `list`, `check`, `lint`, `doctor`, `answer` and `skip` exit codes and output,
//! including with DOCKER_HOST pointing at a socket that does not exist.

#[path = "cli/commands.rs"]
mod commands;
#[path = "cli/doctor.rs"]
mod doctor;
#[path = "cli/plain.rs"]
mod plain;
mod support;

use std::path::Path;
use std::process::{Command, Output};

use support::courses::MINI as SAMPLE;

const NO_SOCKET: &str = "unix:///nonexistent/pracdocker-test.sock";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], envs: &[(&str, &str)]) -> Run {
    // Never touch the real user's progress file: each run gets a scratch one unless a test sets it.
    let scratch = tempfile::tempdir().expect("tempdir");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pracdocker"));
    cmd.args(args)
        .env_remove("DOCKER_CONTEXT")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("PRACDOCKER_PROGRESS", scratch.path().join("progress.json"));
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("run pracdocker");
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

/// A progress file (format 2) in `dir` where the sample course's lesson 1 is done, so that
/// `02-red/crear-red` is the current step.
fn at_lesson_2(dir: &Path) -> String {
    let path = dir.join("progress.json");
    let s = 1_000_000_000_i64;
    let json = serde_json::json!({
        "version": 2,
        "started": 1_700_000_000 * s,
        "answers": {"01-imagen/que-hace-tag": 2},
        "completed": {
            "01-imagen/dockerfile": 1_700_000_001 * s,
            "01-imagen/etiquetar": 1_700_000_002 * s,
            "01-imagen/que-hace-tag": 1_700_000_003 * s,
        }
    });
    std::fs::write(&path, json.to_string()).expect("write progress");
    path.to_str().expect("utf-8").to_string()
}

fn sample<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut v = vec!["--lessons", SAMPLE];
    v.extend_from_slice(args);
    v
}
