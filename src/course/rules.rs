//! The lint rules of one lesson: `lesson.toml` on its own, then each language file against it.
//! Lines come from the spans serde hands back (`toml::Spanned`) and from the Markdown parser,
//! never from searching the text. Sets and maps keep every rule linear in the file's size.

use std::collections::{HashMap, HashSet};

use super::markdown::{first_sections, LessonDoc, Section};
use super::problems::{Errors, TomlText};
use super::schema::{valid_id, LessonFile, StepDef};
use super::Problem;
use crate::check::{Check, ContainerSelect, DockerfileCheck, FileCheck};

/// Rules on lesson.toml alone.
pub(super) fn check_steps(file: &LessonFile, toml: &TomlText, errs: &mut Errors) {
    let rel = toml.rel.as_str();
    if file.steps.get_ref().is_empty() {
        errs.push(rel, toml.line(&file.steps), Problem::NoSteps);
    }
    let mut ids = HashSet::new();
    let mut hints = HashSet::new();
    for s in file.steps.get_ref() {
        let (id, id_line) = (s.id.get_ref(), toml.line(&s.id));
        let step = || id.clone();
        if !valid_id(id) {
            errs.push(rel, id_line, Problem::BadId { name: step() });
        }
        if !ids.insert(id.as_str()) {
            errs.push(rel, id_line, Problem::DuplicateStep { step: step() });
        }
        for h in &s.hints {
            if !hints.insert(h.get_ref().as_str()) {
                let hint = h.get_ref().clone();
                errs.push(rel, toml.line(h), Problem::DuplicateHint { hint });
            }
        }
        super::point_rules::lint(s, toml, errs);
        let mut quizzes = 0;
        for c in &s.checks {
            let line = toml.line(c);
            let check = match &c.get_ref().check {
                Ok(check) => check,
                Err(error) => {
                    let error = error.clone();
                    errs.push(rel, line, Problem::Toml { error });
                    continue;
                }
            };
            if let Check::Quiz(q) = check {
                quizzes += 1;
                if quizzes == 2 {
                    errs.push(rel, line, Problem::SeveralQuizzes { step: step() });
                }
                if q.answer == 0 || q.answer > q.choices {
                    let (answer, choices) = (q.answer, q.choices);
                    errs.push(
                        rel,
                        line,
                        Problem::QuizAnswerRange {
                            step: step(),
                            answer,
                            choices,
                        },
                    );
                }
            }
            if let Some(p) = check_shape(check, step) {
                errs.push(rel, line, p);
            }
        }
    }
}

/// What is wrong with one check on its own.
fn check_shape(check: &Check, step: impl Fn() -> String) -> Option<Problem> {
    match check {
        Check::Container(c) => {
            let n = ContainerSelect::count(&c.name, &c.image, &c.compose_service);
            (n != 1).then(|| Problem::ContainerSelector { step: step() })
        }
        Check::Log(c) => {
            let n = ContainerSelect::count(&c.name, &c.image, &c.compose_service);
            if n != 1 {
                return Some(Problem::ContainerSelector { step: step() });
            }
            match (&c.pattern, &c.request) {
                (Some(p), None) => regex::Regex::new(p).err().map(|e| Problem::BadPattern {
                    step: step(),
                    error: e.to_string().lines().last().unwrap_or_default().to_string(),
                }),
                (None, Some(r)) if is_request(r) => None,
                (None, Some(r)) => Some(Problem::BadRequest {
                    step: step(),
                    request: r.clone(),
                }),
                _ => Some(Problem::LogWhat { step: step() }),
            }
        }
        Check::Exec(e) => e
            .command
            .is_empty()
            .then(|| Problem::EmptyCommand { step: step() }),
        Check::Http(h) => (h.retries > 10).then(|| Problem::TooManyRetries { step: step() }),
        Check::File(FileCheck { path, .. }) | Check::Dockerfile(DockerfileCheck { path, .. }) => {
            escapes_workdir(path).then(|| Problem::PathOutsideWorkdir {
                step: step(),
                path: path.clone(),
            })
        }
        _ => None,
    }
}

/// Checks read the learner's folder only: no absolute path and no `..`, the same on every system
/// that lints the course: rooted (`/x`, `\x`, `\\server\x`), with a drive (`C:x`, `C:\x`), or with
/// a `..` between either separator.
fn escapes_workdir(path: &str) -> bool {
    let b = path.as_bytes();
    let rooted = path.starts_with(['/', '\\']);
    let drive = b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':';
    rooted || drive || path.split(['/', '\\']).any(|c| c == "..")
}

/// A check as every system reads it: `\` in the path of a `file` or `dockerfile` check is a
/// separator, written `/` (a course written on Windows works everywhere, and reports show one
/// form).
pub(super) fn portable_paths(mut check: Check) -> Check {
    match &mut check {
        Check::File(FileCheck { path, .. }) | Check::Dockerfile(DockerfileCheck { path, .. }) => {
            *path = path.replace('\\', "/");
        }
        _ => {}
    }
    check
}

/// Rules tying one language file (`rel`) to lesson.toml.
pub(super) fn check_doc(
    file: &LessonFile,
    doc: &LessonDoc,
    rel: &str,
    toml: &TomlText,
    errs: &mut Errors,
) {
    if doc.title.is_none() {
        errs.push(rel, 1, Problem::NoTitle);
    }
    let steps = file.steps.get_ref();
    let step_ids: HashSet<&str> = steps.iter().map(|s| s.id.get_ref().as_str()).collect();
    let first = first_sections(doc);
    let mut order = Vec::new();
    for sec in &doc.sections {
        match &sec.id {
            None => errs.push(
                rel,
                sec.line,
                Problem::SectionWithoutId {
                    title: sec.title.clone(),
                },
            ),
            Some(id) if !step_ids.contains(id.as_str()) => errs.push(
                rel,
                sec.line,
                Problem::UnknownSection {
                    section: id.clone(),
                },
            ),
            Some(id)
                if first
                    .get(id.as_str())
                    .is_some_and(|f| !std::ptr::eq(*f, sec)) =>
            {
                errs.push(
                    rel,
                    sec.line,
                    Problem::DuplicateSection {
                        section: id.clone(),
                    },
                )
            }
            Some(id) => order.push((id.as_str(), sec)),
        }
    }
    let file_name = rel.rsplit('/').next().unwrap_or(rel).to_string();
    for s in steps {
        let id = s.id.get_ref();
        match first.get(id.as_str()) {
            Some(sec) => check_section(s, sec, rel, errs),
            None => errs.push(
                &toml.rel,
                toml.line(&s.id),
                Problem::MissingSection {
                    step: id.clone(),
                    file: file_name.clone(),
                },
            ),
        }
    }
    // The steps that have a section, each once, in lesson.toml's order.
    let mut listed = HashSet::new();
    let present = steps
        .iter()
        .map(|s| s.id.get_ref().as_str())
        .filter(|id| first.contains_key(id) && listed.insert(*id));
    if let Some(((found, sec), expected)) = order.iter().zip(present).find(|((f, _), e)| f != e) {
        errs.push(
            rel,
            sec.line,
            Problem::SectionOrder {
                step: found.to_string(),
                expected: expected.to_string(),
            },
        );
    }
}

/// Rules tying one step to its section: hints and quiz options.
fn check_section(step: &StepDef, sec: &Section, rel: &str, errs: &mut Errors) {
    let id = step.id.get_ref();
    let listed: HashSet<&str> = step.hints.iter().map(|h| h.get_ref().as_str()).collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for x in &sec.hints {
        if seen.insert(x.id.as_str(), x.line).is_some() {
            let hint = x.id.clone();
            errs.push(rel, x.line, Problem::DuplicateHint { hint });
        } else if !listed.contains(x.id.as_str()) {
            let (hint, step) = (x.id.clone(), id.clone());
            errs.push(rel, x.line, Problem::UnknownHint { hint, step });
        }
    }
    for h in &step.hints {
        if !seen.contains_key(h.get_ref().as_str()) {
            let (hint, step) = (h.get_ref().clone(), id.clone());
            errs.push(rel, sec.line, Problem::MissingHint { hint, step });
        }
    }
    for c in &step.checks {
        if let Ok(Check::Quiz(q)) = &c.get_ref().check {
            let found = sec.ordered_lists.first().copied().unwrap_or(0);
            if sec.ordered_lists.len() != 1 || found != q.choices as usize {
                errs.push(
                    rel,
                    sec.line,
                    Problem::QuizChoices {
                        step: id.clone(),
                        expected: q.choices,
                        found,
                    },
                );
            }
        }
    }
}

/// `METHOD /path`: an upper-case method, one space, an absolute path without spaces.
fn is_request(r: &str) -> bool {
    match r.split_once(' ') {
        Some((method, path)) => {
            !method.is_empty()
                && method.bytes().all(|b| b.is_ascii_uppercase())
                && path.starts_with('/')
                && !path.contains(char::is_whitespace)
        }
        None => false,
    }
}
