//! `list` and `lint`.

use serde_json::json;

use super::{exit, print_lint_errors};
use crate::course::{self, Course, Source};
use crate::i18n::Tr;

/// Prints lessons and steps.
pub fn list(course: &Course, as_json: bool, tr: &Tr) -> i32 {
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
        return exit::OK;
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
    exit::OK
}

/// Validates a course and prints every problem with file and line.
pub fn lint(source: Source, tr: &Tr) -> i32 {
    match course::load(&source) {
        Ok(c) => {
            let steps: usize = c.lessons.iter().map(|l| l.steps.len()).sum();
            let lessons = c.lessons.len().to_string();
            let steps = steps.to_string();
            println!(
                "{}",
                tr.ta("lint-ok", &[("lessons", &lessons), ("steps", &steps)])
            );
            exit::OK
        }
        Err(errs) => {
            print_lint_errors(&errs, tr);
            let count = errs.len().to_string();
            eprintln!("{}", tr.ta("lint-failed", &[("count", &count)]));
            exit::FAILED
        }
    }
}
