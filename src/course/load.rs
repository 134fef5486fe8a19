//! Reads a course from a [`Source`], checking everything a lesson author can get wrong and
//! reporting all of it at once, each with file and line. The rules for one lesson live in
//! `rules.rs`, the collecting of problems in `problems.rs`; this module reads files, parses them
//! and assembles the [`Course`].

use std::collections::{HashMap, HashSet};

use super::lint::{LintError, Problem};
use super::markdown::{self, first_sections, LessonDoc, Section};
use super::problems::{Errors, TomlText};
use super::schema::{valid_id, CourseFile, LessonFile, StepDef, FORMAT_VERSION};
use super::{point_rules, rules};
use super::{Course, Lesson, Source, Step, StepText};
use crate::doc::Document;
use crate::lang::{Lang, PerLang};

/// Loads and lints a course. `Err` holds every problem found.
pub fn load(src: &Source) -> Result<Course, Vec<LintError>> {
    let mut errs = Errors::new(src);
    let course = read_course(&mut errs);
    match (course, errs.into_list()) {
        (Some(c), list) if list.is_empty() => Ok(c),
        (_, list) => Err(list),
    }
}

fn read_course(errs: &mut Errors) -> Option<Course> {
    let text = errs.read("course.toml")?;
    let toml = TomlText::new("course.toml", &text);
    let file: CourseFile = errs.toml(&toml, &text)?;
    let version = *file.format_version.get_ref();
    if version != FORMAT_VERSION {
        errs.push(
            &toml.rel,
            toml.line(&file.format_version),
            Problem::FormatVersion {
                found: version,
                supported: FORMAT_VERSION,
            },
        );
        return None;
    }
    if file.lessons.get_ref().is_empty() {
        errs.push(&toml.rel, toml.line(&file.lessons), Problem::NoLessons);
    }
    let mut seen = HashSet::new();
    let mut lessons = Vec::new();
    for spanned in file.lessons.get_ref() {
        let (line, id) = (toml.line(spanned), spanned.get_ref());
        if !seen.insert(id.as_str()) {
            errs.push(
                &toml.rel,
                line,
                Problem::DuplicateLesson { lesson: id.clone() },
            );
            continue;
        }
        if !valid_id(id) {
            errs.push(&toml.rel, line, Problem::BadId { name: id.clone() });
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
    let toml = TomlText::new(&toml_rel, &toml_text);
    let file: LessonFile = errs.toml(&toml, &toml_text)?;
    rules::check_steps(&file, &toml, errs);
    let mut texts = Vec::new();
    for (lang, doc) in Lang::ALL.iter().zip(docs) {
        let Some((rel, doc)) = doc else { continue };
        rules::check_doc(&file, &doc, &rel, &toml, errs);
        texts.push((*lang, doc));
    }
    if texts.len() != Lang::ALL.len() {
        return None;
    }
    let get = |lang: Lang| texts.iter().find(|(l, _)| *l == lang).map(|(_, d)| d);
    let (es, en) = (get(Lang::Es)?, get(Lang::En)?);
    let (es_sections, en_sections) = (first_sections(es), first_sections(en));
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
        intro_doc: PerLang {
            es: Document::parse(&es.intro),
            en: Document::parse(&en.intro),
        },
        steps: file
            .steps
            .get_ref()
            .iter()
            .map(|s| Step {
                id: s.id.get_ref().clone(),
                optional: s.optional,
                checks: s
                    .checks
                    .iter()
                    .filter_map(|c| c.get_ref().check.clone().ok())
                    .map(rules::portable_paths)
                    .collect(),
                points: point_rules::step_points(s),
                check_points: point_rules::check_points(s),
                text: PerLang {
                    es: step_text(&es_sections, s),
                    en: step_text(&en_sections, s),
                },
            })
            .collect(),
    })
}

fn step_text(sections: &HashMap<&str, &Section>, step: &StepDef) -> StepText {
    let Some(sec) = sections.get(step.id.get_ref().as_str()) else {
        return StepText::default();
    };
    let hints: Vec<(String, String)> = step
        .hints
        .iter()
        .filter_map(|h| sec.hints.iter().find(|x| &x.id == h.get_ref()))
        .map(|h| (h.title.clone(), h.body.clone()))
        .collect();
    StepText {
        title: sec.title.clone(),
        doc: Document::parse(&sec.body),
        hint_docs: hints
            .iter()
            .map(|(_, body)| Document::parse(body))
            .collect(),
        body: sec.body.clone(),
        hints,
    }
}
