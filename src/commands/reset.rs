//! `reset [LESSON]`: forget a lesson's (or the course's) completions, skips and answers, after
//! the learner confirms. Goes through the session, so it is locked and atomic like every write.

use std::io::{BufRead, IsTerminal, Write};

use crate::check::Status;
use crate::course::{Course, Source};
use crate::exit::{Ended, Failure};
use crate::i18n::Tr;
use crate::progress;
use crate::session::Session;

/// Resets progress; asks first unless `yes`.
pub fn reset(course: &Course, source: &Source, lesson: Option<&str>, yes: bool, tr: &Tr) -> Ended {
    if let Some(l) = lesson {
        if course.lesson(l).is_none() {
            return Err(Failure::NoSuchStep(l.to_string()));
        }
    }
    let what = lesson.map_or_else(|| tr.t("reset-whole-course"), str::to_string);
    let what = what.as_str();
    if !yes {
        if !std::io::stdin().is_terminal() {
            return Err(Failure::ResetNeedsYes);
        }
        print!("{} ", tr.ta("reset-confirm", &[("what", what)]));
        let _ = std::io::stdout().flush();
        let mut answer = String::new();
        let _ = std::io::stdin().lock().read_line(&mut answer);
        let answer = answer.trim().to_lowercase();
        if !matches!(answer.as_str(), "s" | "si" | "sí" | "y" | "yes") {
            println!("{}", tr.t("reset-cancelled"));
            return Ok(Status::Failed);
        }
    }
    let path = progress::default_path(source);
    Session::open(&path)
        .and_then(|(mut s, _)| s.reset(lesson))
        .map_err(|e| Failure::Progress(e.to_string()))?;
    println!("{}", tr.ta("reset-done", &[("what", what)]));
    Ok(Status::Passed)
}
