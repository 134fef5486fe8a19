//! A fixed beginning for every step: the convenience the project's own tests and benchmarks use
//! to evaluate steps and single checks without a progress file.

use std::collections::HashMap;
use std::path::PathBuf;

use super::{Checker, Job};
use crate::check::{Answers, Beginning, StepResult};
use crate::check::{Check, Outcome, Unverifiable};
use crate::course::{Lesson, Step};
use crate::docker::Daemon;

/// What the project's own tests and benchmark use: one fixed beginning for every step.
pub struct Context {
    /// The daemon, or why there is none.
    pub daemon: Result<Daemon, Unverifiable>,
    /// The learner's project folder.
    pub workdir: PathBuf,
    /// When the steps began, whole seconds since the epoch (what happened in that second
    /// counts).
    pub since: i64,
    /// Quiz answers by `lesson/step`.
    pub answers: Result<HashMap<String, u8>, Unverifiable>,
}

impl Context {
    fn parts(&self) -> (Checker, Beginning, Answers) {
        let answers = self.answers.as_ref().map_err(Clone::clone).map(|m| {
            m.iter()
                .filter_map(|(k, v)| Some((k.parse().ok()?, *v)))
                .collect()
        });
        (
            Checker::new(self.daemon.clone(), self.workdir.clone()),
            Beginning::At(crate::clock::from_secs(self.since)),
            answers,
        )
    }
}

/// Evaluates several steps in one round.
pub async fn run_steps(ctx: &Context, steps: &[(&Lesson, &Step)]) -> Vec<StepResult> {
    let (checker, began, answers) = ctx.parts();
    let jobs: Vec<Job> = steps
        .iter()
        .map(|(lesson, step)| Job {
            lesson,
            step,
            began: &began,
        })
        .collect();
    checker.run(&jobs, &answers).await
}

/// Evaluates every check of a step.
pub async fn run_step(ctx: &Context, lesson: &Lesson, step: &Step) -> StepResult {
    let mut r = run_steps(ctx, &[(lesson, step)]).await;
    r.pop().unwrap_or(StepResult {
        lesson: lesson.id.clone(),
        step: step.id.clone(),
        checks: Vec::new(),
    })
}

/// Evaluates one check. `key` is `lesson/step` (for quiz answers).
pub async fn evaluate(ctx: &Context, key: &str, check: &Check) -> Outcome {
    let (lesson, step) = key.split_once('/').unwrap_or((key, ""));
    let lesson = Lesson {
        id: lesson.into(),
        title: Default::default(),
        intro: Default::default(),
        intro_doc: Default::default(),
        steps: vec![Step {
            id: step.into(),
            optional: false,
            checks: vec![check.clone()],
            points: crate::course::Points::whole(1),
            check_points: Vec::new(),
            text: Default::default(),
        }],
    };
    let r = run_step(ctx, &lesson, &lesson.steps[0]).await;
    r.checks
        .into_iter()
        .next()
        .map_or(Outcome::Passed, |c| c.outcome)
}
