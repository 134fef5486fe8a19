//! Reads a course from a [`Source`], checking everything a lesson author can get wrong and
//! reporting all of it at once, each with file and line.

use std::collections::HashSet;

use super::lint::{line_of_id, line_of_nth_id, line_of_offset, LintError, Problem};
use super::markdown::{self, LessonDoc};
use super::schema::{CourseFile, LessonFile, StepDef, FORMAT_VERSION};
use super::{Course, Lesson, Source, Step, StepText};
use crate::check::Check;
use crate::check::ContainerSelect;
use crate::lang::{Lang, PerLang};

/// Loads and lints a course. `Err` holds every problem found.
pub fn load(src: &Source) -> Result<Course, Vec<LintError>> {
    let mut errs = Errors {
        src,
        list: Vec::new(),
    };
    let course = read_course(&mut errs);
    match (course, errs.list.is_empty()) {
        (Some(c), true) => Ok(c),
        _ => Err(errs.list),
    }
}

struct Errors<'a> {
    src: &'a Source,
    list: Vec<LintError>,
}

impl Errors<'_> {
    fn push(&mut self, rel: &str, line: usize, problem: Problem) {
        self.list.push(LintError {
            file: self.src.display(rel),
            line,
            problem,
        });
    }

    /// The file's text, or a problem recorded.
    fn read(&mut self, rel: &str) -> Option<String> {
        match self.src.read(rel) {
            Ok(Some(t)) => Some(t),
            Ok(None) => {
                self.push(rel, 1, Problem::FileMissing);
                None
            }
            Err(e) => {
                self.push(
                    rel,
                    1,
                    Problem::Unreadable {
                        error: e.to_string(),
                    },
                );
                None
            }
        }
    }

    fn toml<T: serde::de::DeserializeOwned>(&mut self, rel: &str, text: &str) -> Option<T> {
        match toml::from_str::<T>(text) {
            Ok(v) => Some(v),
            Err(e) => {
                let line = e.span().map_or(1, |s| line_of_offset(text, s.start));
                let error = e.message().trim().to_string();
                self.push(rel, line, Problem::Toml { error });
                None
            }
        }
    }
}

fn read_course(errs: &mut Errors) -> Option<Course> {
    let rel = "course.toml";
    let text = errs.read(rel)?;
    let file: CourseFile = errs.toml(rel, &text)?;
    if file.format_version != FORMAT_VERSION {
        errs.push(
            rel,
            line_of_key(&text, "format_version"),
            Problem::FormatVersion {
                found: file.format_version,
                supported: FORMAT_VERSION,
            },
        );
        return None;
    }
    if file.lessons.is_empty() {
        errs.push(rel, line_of_key(&text, "lessons"), Problem::NoLessons);
    }
    let mut seen = HashSet::new();
    let mut lessons = Vec::new();
    for id in &file.lessons {
        let line = text
            .find(&format!("\"{id}\""))
            .map_or(1, |o| line_of_offset(&text, o));
        if !seen.insert(id.clone()) {
            errs.push(rel, line, Problem::DuplicateLesson { lesson: id.clone() });
            continue;
        }
        if !valid_id(id) {
            errs.push(rel, line, Problem::BadId { name: id.clone() });
            continue;
        }
        lessons.extend(read_lesson(id, errs));
    }
    Some(Course {
        title: PerLang {
            es: file.title.es,
            en: file.title.en,
        },
        lessons,
    })
}

fn line_of_key(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| l.trim_start().starts_with(key))
        .map_or(1, |i| i + 1)
}

/// Lowercase ASCII letters, digits and `-`, not empty.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn read_lesson(id: &str, errs: &mut Errors) -> Option<Lesson> {
    let toml_rel = format!("{id}/lesson.toml");
    let toml_text = errs.read(&toml_rel);
    let docs: Vec<Option<(String, LessonDoc)>> = Lang::ALL
        .iter()
        .map(|l| {
            let rel = format!("{id}/{}.md", l.code());
            errs.read(&rel).map(|t| (rel, markdown::parse(&t)))
        })
        .collect();
    let toml_text = toml_text?;
    let file: LessonFile = errs.toml(&toml_rel, &toml_text)?;
    check_steps(&file, &toml_rel, &toml_text, errs);
    let mut texts = Vec::new();
    for (lang, doc) in Lang::ALL.iter().zip(docs) {
        let Some((rel, doc)) = doc else { continue };
        check_doc(&file, &doc, &rel, &toml_rel, &toml_text, errs);
        texts.push((*lang, doc));
    }
    if texts.len() != Lang::ALL.len() {
        return None;
    }
    let get = |lang: Lang| texts.iter().find(|(l, _)| *l == lang).map(|(_, d)| d);
    let (es, en) = (get(Lang::Es)?, get(Lang::En)?);
    let title = |d: &LessonDoc| d.title.as_ref().map(|t| t.0.clone()).unwrap_or_default();
    Some(Lesson {
        id: id.to_string(),
        title: PerLang {
            es: title(es),
            en: title(en),
        },
        intro: PerLang {
            es: es.intro.clone(),
            en: en.intro.clone(),
        },
        steps: file
            .steps
            .iter()
            .map(|s| Step {
                id: s.id.clone(),
                optional: s.optional,
                checks: s.checks.clone(),
                text: PerLang {
                    es: step_text(es, s),
                    en: step_text(en, s),
                },
            })
            .collect(),
    })
}

fn step_text(doc: &LessonDoc, step: &StepDef) -> StepText {
    let Some(sec) = doc
        .sections
        .iter()
        .find(|s| s.id.as_deref() == Some(&step.id))
    else {
        return StepText::default();
    };
    StepText {
        title: sec.title.clone(),
        body: sec.body.clone(),
        hints: step
            .hints
            .iter()
            .filter_map(|h| sec.hints.iter().find(|x| &x.id == h))
            .map(|h| (h.title.clone(), h.body.clone()))
            .collect(),
    }
}

/// Rules on lesson.toml alone.
fn check_steps(file: &LessonFile, rel: &str, text: &str, errs: &mut Errors) {
    if file.steps.is_empty() {
        errs.push(rel, 1, Problem::NoSteps);
    }
    let mut ids = HashSet::new();
    let mut hints = HashSet::new();
    for s in &file.steps {
        let line = line_of_id(text, &s.id);
        let step = || s.id.clone();
        if !valid_id(&s.id) {
            errs.push(rel, line, Problem::BadId { name: step() });
        }
        if !ids.insert(s.id.clone()) {
            errs.push(
                rel,
                line_of_nth_id(text, &s.id, 1),
                Problem::DuplicateStep { step: step() },
            );
        }
        for h in &s.hints {
            if !hints.insert(h.clone()) {
                errs.push(rel, line, Problem::DuplicateHint { hint: h.clone() });
            }
        }
        let quizzes: Vec<_> = s
            .checks
            .iter()
            .filter_map(|c| match c {
                Check::Quiz(q) => Some(q),
                _ => None,
            })
            .collect();
        if quizzes.len() > 1 {
            errs.push(rel, line, Problem::SeveralQuizzes { step: step() });
        }
        for q in quizzes {
            if q.answer == 0 || q.answer > q.choices {
                errs.push(
                    rel,
                    line,
                    Problem::QuizAnswerRange {
                        step: step(),
                        answer: q.answer,
                        choices: q.choices,
                    },
                );
            }
        }
        for c in &s.checks {
            let problem = match c {
                Check::Container(c) => {
                    let n = ContainerSelect::count(&c.name, &c.image, &c.compose_service);
                    (n != 1).then(|| Problem::ContainerSelector { step: step() })
                }
                Check::Log(c) => {
                    let n = ContainerSelect::count(&c.name, &c.image, &c.compose_service);
                    match regex::Regex::new(&c.pattern) {
                        _ if n != 1 => Some(Problem::ContainerSelector { step: step() }),
                        Err(e) => Some(Problem::BadPattern {
                            step: step(),
                            error: e.to_string().lines().last().unwrap_or_default().to_string(),
                        }),
                        Ok(_) => None,
                    }
                }
                Check::Exec(e) => e
                    .command
                    .is_empty()
                    .then(|| Problem::EmptyCommand { step: step() }),
                Check::Http(h) => {
                    (h.retries > 10).then(|| Problem::TooManyRetries { step: step() })
                }
                Check::File(crate::check::FileCheck { path, .. })
                | Check::Dockerfile(crate::check::DockerfileCheck { path, .. }) => {
                    escapes_workdir(path).then(|| Problem::PathOutsideWorkdir {
                        step: step(),
                        path: path.clone(),
                    })
                }
                _ => None,
            };
            if let Some(p) = problem {
                errs.push(rel, line, p);
            }
        }
    }
}

/// Checks read the learner's folder only: no absolute paths, no `..`.
fn escapes_workdir(path: &str) -> bool {
    let p = std::path::Path::new(path);
    p.is_absolute()
        || p.components()
            .any(|c| matches!(c, std::path::Component::ParentDir))
}

/// Rules tying one language file to lesson.toml.
fn check_doc(
    file: &LessonFile,
    doc: &LessonDoc,
    rel: &str,
    toml_rel: &str,
    toml_text: &str,
    errs: &mut Errors,
) {
    if doc.title.is_none() {
        errs.push(rel, 1, Problem::NoTitle);
    }
    let step_ids: Vec<&str> = file.steps.iter().map(|s| s.id.as_str()).collect();
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
            Some(id) if !step_ids.contains(&id.as_str()) => errs.push(
                rel,
                sec.line,
                Problem::UnknownSection {
                    section: id.clone(),
                },
            ),
            Some(id) => order.push((id.as_str(), sec)),
        }
    }
    let file_name = rel.rsplit('/').next().unwrap_or(rel).to_string();
    for s in &file.steps {
        let Some((_, sec)) = order.iter().find(|(id, _)| *id == s.id) else {
            errs.push(
                toml_rel,
                line_of_id(toml_text, &s.id),
                Problem::MissingSection {
                    step: s.id.clone(),
                    file: file_name.clone(),
                },
            );
            continue;
        };
        for h in &s.hints {
            if !sec.hints.iter().any(|x| &x.id == h) {
                errs.push(
                    rel,
                    sec.line,
                    Problem::MissingHint {
                        hint: h.clone(),
                        step: s.id.clone(),
                    },
                );
            }
        }
        for x in &sec.hints {
            if !s.hints.contains(&x.id) {
                errs.push(
                    rel,
                    x.line,
                    Problem::UnknownHint {
                        hint: x.id.clone(),
                        step: s.id.clone(),
                    },
                );
            }
        }
        for c in &s.checks {
            if let Check::Quiz(q) = c {
                let found = sec.ordered_lists.first().copied().unwrap_or(0);
                if sec.ordered_lists.len() != 1 || found != q.choices as usize {
                    errs.push(
                        rel,
                        sec.line,
                        Problem::QuizChoices {
                            step: s.id.clone(),
                            expected: q.choices,
                            found,
                        },
                    );
                }
            }
        }
    }
    let present: Vec<&str> = step_ids
        .iter()
        .copied()
        .filter(|id| order.iter().any(|(o, _)| o == id))
        .collect();
    if let Some(((found, sec), expected)) = order.iter().zip(&present).find(|((f, _), e)| f != *e) {
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
