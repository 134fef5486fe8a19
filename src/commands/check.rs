//! `check` (evaluate steps now) and `answer` (record a quiz answer, then evaluate it).

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::json;

use super::{connect, diagnosis, exit};
use crate::check::{Outcome, Status, Unverifiable};
use crate::checker::{self, CheckResult, Context, StepResult};
use crate::cli::parse_since;
use crate::course::{Course, Lesson, Step};
use crate::i18n::Tr;
use crate::progress;

/// When no `--since` is given and no earlier step was completed: look back this far.
const DEFAULT_LOOKBACK: i64 = 3600;

/// Evaluates the selected steps, prints the verdicts and records newly completed steps.
pub async fn check(
    course: &Course,
    target: Option<&str>,
    as_json: bool,
    since: Option<&str>,
    workdir: PathBuf,
    tr: &Tr,
) -> i32 {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let explicit = match since.map(|s| (s, parse_since(s, now))) {
        Some((s, None)) => {
            eprintln!("{}", tr.ta("error-since", &[("value", s)]));
            return exit::UNKNOWN;
        }
        Some((_, t)) => t,
        None => None,
    };
    let Ok(steps) = select(course, target) else {
        eprintln!(
            "{}",
            tr.ta("error-no-such-step", &[("target", target.unwrap_or(""))])
        );
        return exit::UNKNOWN;
    };
    let needs_daemon = steps
        .iter()
        .any(|(_, s)| s.checks.iter().any(|c| c.needs_daemon()));
    let daemon = if needs_daemon {
        connect().await
    } else {
        Err(Unverifiable::DaemonError {
            error: String::new(),
        })
    };
    let progress = read_progress();
    let answers = progress
        .as_ref()
        .map(|p| p.answers.clone().into_iter().collect())
        .map_err(Clone::clone);
    // Steps that began at the same moment share one context and run concurrently.
    let mut groups: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    for (i, (l, s)) in steps.iter().enumerate() {
        let begun = explicit
            .or_else(|| {
                progress
                    .as_ref()
                    .ok()
                    .and_then(|p| step_began(course, p, &l.id, &s.id))
            })
            .unwrap_or(now - DEFAULT_LOOKBACK);
        groups.entry(begun).or_default().push(i);
    }
    let mut results: Vec<Option<StepResult>> = vec![None; steps.len()];
    for (since, idx) in groups {
        let ctx = Context {
            daemon: daemon.clone(),
            workdir: workdir.clone(),
            since,
            answers: answers.clone(),
        };
        let group: Vec<_> = idx.iter().map(|i| steps[*i]).collect();
        for (i, r) in idx.into_iter().zip(checker::run_steps(&ctx, &group).await) {
            results[i] = Some(r);
        }
    }
    let results: Vec<StepResult> = results.into_iter().flatten().collect();
    if let Ok(p) = progress {
        record_completed(p, &results, now, tr);
    }
    if as_json {
        print_json(course, &results, tr);
    } else {
        print_human(course, &results, tr);
    }
    if let (true, Err(u)) = (needs_daemon, &daemon) {
        eprintln!("\n{}", diagnosis(u, tr));
    }
    let required = results
        .iter()
        .zip(&steps)
        .filter(|(_, (_, s))| !s.optional)
        .map(|(r, _)| r.status())
        .max()
        .unwrap_or(Status::Passed);
    match required {
        Status::Passed => exit::OK,
        Status::Failed => exit::FAILED,
        Status::Unknown => exit::UNKNOWN,
    }
}

/// A step begins at the first whole second after the learner completed the latest earlier step
/// (the daemon's times are whole seconds: what happened in the completion's own second belongs
/// to the earlier step).
fn step_began(course: &Course, p: &progress::Progress, lesson: &str, step: &str) -> Option<i64> {
    course
        .lessons
        .iter()
        .flat_map(|l| l.steps.iter().map(move |s| (l.id.as_str(), s.id.as_str())))
        .take_while(|(l, s)| (*l, *s) != (lesson, step))
        .filter_map(|(l, s)| p.completed.get(&format!("{l}/{s}")).copied())
        .max()
        .map(|done| done + 1)
}

/// Remembers when steps first passed, so the next step's events are looked for after that.
fn record_completed(mut p: progress::Progress, results: &[StepResult], now: i64, tr: &Tr) {
    let mut changed = false;
    for r in results
        .iter()
        .filter(|r| r.status() == Status::Passed && !r.checks.is_empty())
    {
        let key = format!("{}/{}", r.lesson, r.step);
        if let std::collections::btree_map::Entry::Vacant(e) = p.completed.entry(key) {
            e.insert(now);
            changed = true;
        }
    }
    if changed {
        if let Err(e) = progress::save(&progress::default_path(), &p) {
            eprintln!("{}", tr.ta("error-progress", &[("error", &e.to_string())]));
        }
    }
}

/// Records the learner's answer to a quiz step and tells whether it is right.
pub async fn answer(course: &Course, target: &str, choice: u8, workdir: PathBuf, tr: &Tr) -> i32 {
    let steps = match select(course, Some(target)) {
        Ok(s) if s.len() == 1 && s[0].1.checks.iter().any(|c| c.kind() == "quiz") => s,
        _ => {
            eprintln!("{}", tr.ta("error-not-a-quiz", &[("target", target)]));
            return exit::UNKNOWN;
        }
    };
    let path = progress::default_path();
    let mut loaded = match progress::load(&path) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{}", tr.ta("error-progress", &[("error", &e.to_string())]));
            return exit::UNKNOWN;
        }
    };
    warn_set_aside(&loaded, tr);
    let (lesson, step) = steps[0];
    loaded
        .progress
        .answers
        .insert(format!("{}/{}", lesson.id, step.id), choice);
    if let Err(e) = progress::save(&path, &loaded.progress) {
        eprintln!("{}", tr.ta("error-progress", &[("error", &e.to_string())]));
        return exit::UNKNOWN;
    }
    let ctx = Context {
        daemon: Err(Unverifiable::DaemonError {
            error: String::new(),
        }),
        workdir,
        since: 0,
        answers: Ok(loaded
            .progress
            .answers
            .iter()
            .map(|(k, v)| (k.clone(), *v))
            .collect()),
    };
    let quiz_only = Step {
        checks: step
            .checks
            .iter()
            .filter(|c| c.kind() == "quiz")
            .cloned()
            .collect(),
        ..step.clone()
    };
    let result = checker::run_step(&ctx, lesson, &quiz_only).await;
    print_human(course, std::slice::from_ref(&result), tr);
    match result.status() {
        Status::Passed => exit::OK,
        _ => exit::FAILED,
    }
}

fn warn_set_aside(loaded: &progress::Loaded, tr: &Tr) {
    if let Some(p) = &loaded.set_aside {
        eprintln!(
            "{}",
            tr.ta("progress-set-aside", &[("path", &p.display().to_string())])
        );
    }
}

/// The progress file as it is; never moves or rewrites a corrupt one (only `answer` does that).
fn read_progress() -> Result<progress::Progress, Unverifiable> {
    progress::read(&progress::default_path()).map_err(|e| Unverifiable::ProgressUnreadable {
        error: e.to_string(),
    })
}

/// The steps a target names: everything, a lesson, or one step.
fn select<'c>(course: &'c Course, target: Option<&str>) -> Result<Vec<(&'c Lesson, &'c Step)>, ()> {
    let all = |l: &'c Lesson| l.steps.iter().map(move |s| (l, s));
    match target.map(|t| t.split_once('/').map_or((t, None), |(l, s)| (l, Some(s)))) {
        None => Ok(course.lessons.iter().flat_map(all).collect()),
        Some((lesson, step)) => {
            let l = course.lesson(lesson).ok_or(())?;
            match step {
                None => Ok(all(l).collect()),
                Some(s) => l
                    .steps
                    .iter()
                    .find(|x| x.id == s)
                    .map(|x| vec![(l, x)])
                    .ok_or(()),
            }
        }
    }
}

/// The sentence for one check's outcome.
pub fn message(r: &CheckResult, tr: &Tr) -> String {
    match &r.outcome {
        Outcome::Passed => tr.ta(
            "check-passed",
            &[("kind", r.check.kind()), ("target", &r.check.target())],
        ),
        Outcome::Failed(reason) => tr.data("reason", reason),
        Outcome::Unknown(u) => tr.data("unverifiable", u),
    }
}

fn status_word(s: Status) -> &'static str {
    match s {
        Status::Passed => "passed",
        Status::Failed => "failed",
        Status::Unknown => "unknown",
    }
}

/// The course step a result is about.
fn step_of<'c>(course: &'c Course, r: &StepResult) -> Option<&'c Step> {
    course
        .lesson(&r.lesson)?
        .steps
        .iter()
        .find(|s| s.id == r.step)
}

fn print_json(course: &Course, results: &[StepResult], tr: &Tr) {
    let steps: Vec<_> = results
        .iter()
        .map(|r| {
            let checks: Vec<_> = r
                .checks
                .iter()
                .map(|c| {
                    json!({
                        "kind": c.check.kind(),
                        "target": c.check.target(),
                        "status": status_word(c.outcome.status()),
                        "message": message(c, tr),
                    })
                })
                .collect();
            let optional = step_of(course, r).is_some_and(|s| s.optional);
            json!({"lesson": r.lesson, "step": r.step, "status": status_word(r.status()), "optional": optional, "checks": checks})
        })
        .collect();
    println!("{}", json!({ "steps": steps }));
}

fn symbol(s: Status) -> &'static str {
    match s {
        Status::Passed => "✔",
        Status::Failed => "✘",
        Status::Unknown => "?",
    }
}

fn print_human(course: &Course, results: &[StepResult], tr: &Tr) {
    let mut counts = [0usize; 3];
    for r in results {
        let status = r.status();
        counts[status as usize] += 1;
        let step = step_of(course, r);
        let title = step.map(|s| s.title(tr.lang())).unwrap_or_default();
        let optional = if step.is_some_and(|s| s.optional) {
            format!("  ({})", tr.t("step-optional"))
        } else {
            String::new()
        };
        println!(
            "{} {}/{}  {title}{optional}",
            symbol(status),
            r.lesson,
            r.step
        );
        for c in r.checks.iter().filter(|c| c.outcome != Outcome::Passed) {
            println!("    {} {}", symbol(c.outcome.status()), message(c, tr));
        }
    }
    let [passed, unknown, failed] = counts.map(|n| n.to_string());
    println!(
        "\n{}",
        tr.ta(
            "check-summary",
            &[
                ("passed", &passed),
                ("failed", &failed),
                ("unknown", &unknown)
            ]
        )
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::Source;

    #[test]
    fn a_step_begins_the_second_after_the_latest_earlier_completion() {
        let course = crate::course::load(&Source::Dir(
            concat!(env!("CARGO_MANIFEST_DIR"), "/examples/mini-curso").into(),
        ))
        .expect("sample course");
        let mut p = progress::Progress::default();
        assert_eq!(step_began(&course, &p, "01-imagen", "etiquetar"), None);
        p.completed.insert("01-imagen/dockerfile".into(), 100);
        p.completed.insert("02-red/crear-red".into(), 500);
        assert_eq!(step_began(&course, &p, "01-imagen", "etiquetar"), Some(101));
        assert_eq!(step_began(&course, &p, "02-red", "servidor"), Some(501));
        assert_eq!(step_began(&course, &p, "01-imagen", "dockerfile"), None);
    }
}
