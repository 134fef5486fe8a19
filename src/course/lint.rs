//! What can be wrong with a course, as data: a file, a line, and a [`Problem`] that Fluent turns
//! into a sentence (`lint-<id>`). Loading collects these instead of stopping at the first.

use serde::Serialize;

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LintError {
    /// The file, as the author would open it.
    pub file: String,
    /// 1-based line (1 when the problem concerns the whole file).
    pub line: usize,
    /// What is wrong.
    pub problem: Problem,
}

/// What is wrong, with the names involved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "id", rename_all = "kebab-case")]
pub enum Problem {
    /// The file is required but absent.
    FileMissing,
    /// The file could not be read.
    Unreadable { error: String },
    /// TOML syntax, or a field/kind the schema does not know.
    Toml { error: String },
    /// The course is for another format version.
    FormatVersion { found: u32, supported: u32 },
    /// `lessons` is empty.
    NoLessons,
    /// A lesson listed twice.
    DuplicateLesson { lesson: String },
    /// An id with characters other than lowercase letters, digits and `-`.
    BadId { name: String },
    /// A lesson without steps.
    NoSteps,
    /// A step id used twice.
    DuplicateStep { step: String },
    /// A hint id used twice.
    DuplicateHint { hint: String },
    /// The Markdown has no `#` title.
    NoTitle,
    /// A step has no `## ... {#id}` section in a language file.
    MissingSection { step: String, file: String },
    /// A `##` heading whose id is not a step.
    UnknownSection { section: String },
    /// A `##` heading without `{#id}`.
    SectionWithoutId { title: String },
    /// Sections are not in the order of `lesson.toml`.
    SectionOrder { step: String, expected: String },
    /// A hint the step lists has no `### ... {#id}` in the step's section.
    MissingHint { hint: String, step: String },
    /// A `### ... {#id}` that the step does not list as a hint.
    UnknownHint { hint: String, step: String },
    /// The quiz's ordered list has another number of items.
    QuizChoices {
        step: String,
        expected: u8,
        found: usize,
    },
    /// `answer` is not between 1 and `choices`.
    QuizAnswerRange {
        step: String,
        answer: u8,
        choices: u8,
    },
    /// More than one quiz in a step.
    SeveralQuizzes { step: String },
    /// A container check needs exactly one of name, image, compose_service.
    ContainerSelector { step: String },
    /// An exec check with an empty command.
    EmptyCommand { step: String },
    /// An http check with more than 10 retries.
    TooManyRetries { step: String },
    /// A file path that is absolute or climbs out of the learner's folder with `..`.
    PathOutsideWorkdir { step: String, path: String },
    /// A log check's pattern is not a valid regular expression.
    BadPattern { step: String, error: String },
}

/// The 1-based line of a byte offset.
pub fn line_of_offset(text: &str, offset: usize) -> usize {
    text.get(..offset).unwrap_or(text).matches('\n').count() + 1
}

/// The line declaring `id = "<id>"` in a TOML file, or 1.
pub fn line_of_id(text: &str, id: &str) -> usize {
    line_of_nth_id(text, id, 0)
}

/// The line of the `nth` (0-based) declaration of `id = "<id>"`, or 1.
pub fn line_of_nth_id(text: &str, id: &str, nth: usize) -> usize {
    let quoted = format!("\"{id}\"");
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            let t = l.trim_start().trim_start_matches('{').trim_start();
            t.starts_with("id") && t.contains(&quoted)
        })
        .nth(nth)
        .map_or(1, |(i, _)| i + 1)
}
