//! Courses: the schema on disk, the Markdown split, and loading with lint. A loaded [`Course`]
//! has passed lint, so the rest of the program can trust it. No terminal or daemon types here.

pub mod lint;
mod load;
pub mod markdown;
mod point_rules;
pub mod points;
mod problems;
mod rules;
pub mod schema;
pub mod source;

pub use lint::{LintError, Problem};
pub use load::load;
pub use points::Points;
pub use source::Source;

use crate::check::Check;
use crate::doc::Document;
use crate::key::StepKey;
use crate::lang::{Lang, PerLang};

/// A course ready to teach.
#[derive(Debug, Clone)]
pub struct Course {
    /// Title per language.
    pub title: PerLang<String>,
    /// Lessons in teaching order.
    pub lessons: Vec<Lesson>,
}

/// One lesson.
#[derive(Debug, Clone)]
pub struct Lesson {
    /// Folder name, used on the command line (`pracdocker check 01-imagen-python/construir`).
    pub id: String,
    /// Title per language.
    pub title: PerLang<String>,
    /// Introduction per language (Markdown).
    pub intro: PerLang<String>,
    /// `intro` parsed once, at load.
    pub intro_doc: PerLang<Document>,
    /// Steps in order.
    pub steps: Vec<Step>,
}

/// One step.
#[derive(Debug, Clone)]
pub struct Step {
    /// Id, unique in the lesson.
    pub id: String,
    /// May be skipped.
    pub optional: bool,
    /// What must be true.
    pub checks: Vec<Check>,
    /// What the step is worth (lint checked; optional steps' points are extra credit).
    pub points: Points,
    /// Partial credit: the points of each check, in `checks` order; empty when the step is all
    /// or nothing.
    pub check_points: Vec<Points>,
    /// Text per language.
    pub text: PerLang<StepText>,
}

impl Step {
    /// The same step judged by `checks` alone, without its prose: what a round needs (the
    /// checker reads the id and the checks). Cloning a whole step copied both languages' parsed
    /// text, which made grading a class mostly a matter of allocating.
    pub fn with_checks(&self, checks: Vec<Check>) -> Step {
        Step {
            id: self.id.clone(),
            optional: self.optional,
            checks,
            points: self.points,
            check_points: self.check_points.clone(),
            text: PerLang::default(),
        }
    }
}

/// A step's prose in one language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StepText {
    /// Heading text.
    pub title: String,
    /// Markdown body without hints.
    pub body: String,
    /// Hints in order: (title, Markdown body).
    pub hints: Vec<(String, String)>,
    /// `body` parsed once, at load: what the views draw and the code-block picker copies from.
    pub doc: Document,
    /// Each hint's body parsed once, in the order of `hints`.
    pub hint_docs: Vec<Document>,
}

impl Course {
    /// The built-in course.
    pub fn built_in() -> Result<Course, Vec<LintError>> {
        load(&Source::BuiltIn)
    }

    /// Finds a lesson by id.
    pub fn lesson(&self, id: &str) -> Option<&Lesson> {
        self.lessons.iter().find(|l| l.id == id)
    }

    /// Finds a step by key.
    pub fn step(&self, key: &StepKey) -> Option<(&Lesson, &Step)> {
        let l = self.lesson(&key.lesson)?;
        Some((l, l.steps.iter().find(|s| s.id == key.step)?))
    }

    /// Every step in teaching order.
    pub fn steps(&self) -> impl Iterator<Item = (&Lesson, &Step)> {
        self.lessons
            .iter()
            .flat_map(|l| l.steps.iter().map(move |s| (l, s)))
    }
}

impl Step {
    /// The step's title in `lang`.
    pub fn title(&self, lang: Lang) -> &str {
        &self.text.get(lang).title
    }
}
