//! `StepKey`: which step, as `lesson/step`: one type where the pair travels (progress, results,
//! answers, the trainer) instead of strings formatted and split in many places. It sits below
//! everything that names steps and imports nothing of the project's.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A step of a course: lesson id and step id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StepKey {
    /// Lesson id.
    pub lesson: String,
    /// Step id.
    pub step: String,
}

impl StepKey {
    /// The key of `lesson/step`.
    pub fn new(lesson: &str, step: &str) -> StepKey {
        StepKey {
            lesson: lesson.to_string(),
            step: step.to_string(),
        }
    }
}

impl fmt::Display for StepKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.lesson, self.step)
    }
}

/// A text that is not `lesson/step`.
#[derive(Debug, thiserror::Error)]
#[error("not LESSON/STEP: {0}")]
pub struct NotAStepKey(String);

impl FromStr for StepKey {
    type Err = NotAStepKey;

    fn from_str(s: &str) -> Result<StepKey, NotAStepKey> {
        match s.split_once('/') {
            Some((l, st)) if !l.is_empty() && !st.is_empty() && !st.contains('/') => {
                Ok(StepKey::new(l, st))
            }
            _ => Err(NotAStepKey(s.to_string())),
        }
    }
}

impl Serialize for StepKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for StepKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<StepKey, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_lesson_slash_step() {
        let k: StepKey = "02-red/crear-red".parse().expect("key");
        assert_eq!(k, StepKey::new("02-red", "crear-red"));
        assert_eq!(k.to_string(), "02-red/crear-red");
        assert!("02-red".parse::<StepKey>().is_err());
        assert!("/x".parse::<StepKey>().is_err());
        assert!("a/b/c".parse::<StepKey>().is_err());
    }
}
