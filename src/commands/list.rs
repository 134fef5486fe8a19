//! `list` and `lint`.

use serde_json::json;

use crate::check::Status;
use crate::course::{self, Course, Source};
use crate::exit::{Ended, Failure};
use crate::i18n::Tr;

/// Prints lessons and steps.
pub fn list(course: &Course, as_json: bool, tr: &Tr) -> Status {
    let lang = tr.lang();
    if as_json {
        let lessons: Vec<_> = course
            .lessons
            .iter()
            .map(|l| {
                let steps: Vec<_> = l
                    .steps
                    .iter()
                    .map(|s| {
                        json!({
                            "id": s.id,
                            "title": s.title(lang),
                            "optional": s.optional,
                            "checks": s.checks.iter().map(|c| c.kind()).collect::<Vec<_>>(),
                        })
                    })
                    .collect();
                json!({"id": l.id, "title": l.title.get(lang), "steps": steps})
            })
            .collect();
        println!(
            "{}",
            json!({"title": course.title.get(lang), "lessons": lessons})
        );
        return Status::Passed;
    }
    println!("{}", course.title.get(lang));
    for l in &course.lessons {
        println!("\n{}  {}", l.id, l.title.get(lang));
        for s in &l.steps {
            let optional = if s.optional {
                format!("  ({})", tr.t("step-optional"))
            } else {
                String::new()
            };
            println!("  {}/{}  {}{optional}", l.id, s.id, s.title(lang));
        }
    }
    Status::Passed
}

/// Validates a course: its size, or every problem with file and line.
pub fn lint(source: Source, tr: &Tr) -> Ended {
    match course::load(&source) {
        Ok(c) => {
            let steps: usize = c.lessons.iter().map(|l| l.steps.len()).sum();
            let lessons = c.lessons.len().to_string();
            let steps = steps.to_string();
            println!(
                "{}",
                tr.ta("lint-ok", &[("lessons", &lessons), ("steps", &steps)])
            );
            Ok(Status::Passed)
        }
        Err(errs) => Err(Failure::Lint(errs)),
    }
}
