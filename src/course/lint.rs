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
    /// The file is not UTF-8 text (the line holds the first invalid byte).
    NotUtf8,
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
    /// Two `##` sections with the same step id.
    DuplicateSection { section: String },
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
    /// A log check's request is not `METHOD /path`.
    BadRequest { step: String, request: String },
    /// A log check gives neither a pattern nor a request, or both.
    LogWhat { step: String },
    /// `points` is not a number (a string, a boolean...).
    PointsNotANumber { step: String, value: String },
    /// `points` below zero.
    PointsNegative { step: String, value: String },
    /// `points` with more than two decimals (or absurdly large).
    PointsTooPrecise { step: String, value: String },
    /// Some checks of the step carry `points` and this one does not.
    CheckPointsMissing { step: String },
    /// The checks' points do not add up to the step's `points`.
    PointsDoNotAddUp {
        step: String,
        points: String,
        sum: String,
    },
    /// `points` on a reading step (no checks: nothing to score).
    PointsWithoutChecks { step: String },
}

/// Byte offsets to 1-based lines. Built once per file, then a binary search per error: a file can
/// be several megabytes long and carry thousands of errors, so counting newlines per error is
/// quadratic.
#[derive(Debug, Clone)]
pub struct Lines {
    /// Byte offset where each line starts; the first is 0.
    starts: Vec<usize>,
}

impl Lines {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Lines {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { starts }
    }

    /// The 1-based line holding byte `offset`; offsets past the end give the last line.
    pub fn line(&self, offset: usize) -> usize {
        // `starts[0] == 0`, so at least one start is <= offset and the result is >= 1.
        self.starts.partition_point(|s| *s <= offset).max(1)
    }

    /// How many lines the text has (a text without a newline has one).
    pub fn count(&self) -> usize {
        self.starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::Lines;

    #[test]
    fn offsets_map_to_lines() {
        let l = Lines::new("a\nbc\n\nd");
        assert_eq!(l.count(), 4);
        let got: Vec<usize> = (0..9).map(|o| l.line(o)).collect();
        assert_eq!(got, [1, 1, 2, 2, 2, 3, 4, 4, 4]);
        assert_eq!(Lines::new("").line(0), 1);
        assert_eq!(Lines::new("").count(), 1);
    }
}
