//! `skip`: the command line's `s` — the learner passes over the current optional step and moves
//! forward as `check` would (the steps after it that are already done count at once). Without it
//! a learner working from the command line stopped for good at the course's first optional step.

use std::path::PathBuf;

use super::check::{begun, lines_for, not_connected, open, optional_hint, select};
use super::connect;
use crate::cascade::{self, Cascade};
use crate::check::Status;
use crate::checker::Checker;
use crate::course::{Course, Source};
use crate::exit::{Ended, Failure};
use crate::i18n::Tr;
use crate::key::StepKey;
use crate::report::standing;

/// Skips `target` when it is optional and current (nothing to do when it is already done or
/// skipped), then evaluates forward and prints where the steps stand.
pub async fn skip(
    course: &Course,
    source: &Source,
    target: &str,
    workdir: PathBuf,
    tr: &Tr,
) -> Ended {
    let (lesson, step) = match select(course, Some(target)) {
        Ok(s) if s.len() == 1 && target.contains('/') => s[0],
        _ => return Err(Failure::NoSuchStep(target.to_string())),
    };
    let key = StepKey::new(&lesson.id, &step.id);
    if !step.optional {
        return Err(Failure::NotOptional(key.to_string()));
    }
    let mut session = open(source, tr)?;
    begun(course, &session, &key)?;
    let mut ran = Cascade::default();
    if let Some(change) = session.skipping(course, &key) {
        session
            .commit(change)
            .map_err(|e| Failure::Progress(e.to_string()))?;
        let mut checker = Checker::new(Err(not_connected()), workdir);
        ran =
            cascade::run_connecting(&mut session, course, &mut checker, connect, None, None).await;
    }
    if let Some(e) = &ran.error {
        eprintln!("{}", tr.ta("error-progress", &[("error", &e.to_string())]));
    }
    let mut keys = vec![key];
    keys.extend(ran.results.iter().map(|r| r.key()));
    let lines = lines_for(course, &session, &keys, ran.results);
    print!("{}", standing::text(course, &lines, tr));
    optional_hint(course, &session, tr);
    if let Some(u) = &ran.unreachable {
        eprintln!("\n{}", super::diagnosis(u, tr));
    }
    Ok(Status::Passed)
}
