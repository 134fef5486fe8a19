//! Points in `lesson.toml`: what each step (and, for partial credit, each check) is worth, and
//! the lint rules on them: a number, not negative, at most two decimals, given on every check of
//! a step or on none, adding up to the step's points, never on a reading step.

use super::points::{BadPoints, Points};
use super::problems::{Errors, TomlText};
use super::schema::StepDef;
use super::Problem;

/// A step's points: as written, else the sum of its checks' points, else 1 when required and
/// 0 when optional (lint has rejected bad values; one that slipped through counts as the default).
pub(super) fn step_points(s: &StepDef) -> Points {
    if let Some(p) = s
        .points
        .as_ref()
        .and_then(|p| Points::from_toml(p.get_ref()).ok())
    {
        return p;
    }
    let per_check = check_points(s);
    if !per_check.is_empty() {
        return per_check.into_iter().sum();
    }
    if s.optional {
        Points::ZERO
    } else {
        Points::whole(1)
    }
}

/// The checks' points in order when every check gives a valid one, else empty (all or nothing).
pub(super) fn check_points(s: &StepDef) -> Vec<Points> {
    let parsed: Option<Vec<Points>> = s
        .checks
        .iter()
        .map(|c| {
            c.get_ref()
                .points
                .as_ref()
                .and_then(|p| Points::from_toml(p).ok())
        })
        .collect();
    parsed.unwrap_or_default()
}

/// The lint rules on one step's points.
pub(super) fn lint(s: &StepDef, toml: &TomlText, errs: &mut Errors) {
    let rel = toml.rel.as_str();
    let step = || s.id.get_ref().clone();
    let mut valid = true;
    let own = s.points.as_ref().and_then(|p| {
        let parsed = parse(p.get_ref(), step);
        if let Err(problem) = &parsed {
            errs.push(rel, toml.line(p), problem.clone());
            valid = false;
        }
        parsed.ok().map(|v| (v, toml.line(p)))
    });
    if let (Some(p), true) = (&s.points, s.checks.is_empty()) {
        errs.push(
            rel,
            toml.line(p),
            Problem::PointsWithoutChecks { step: step() },
        );
    }
    let mut given = Vec::new();
    for c in &s.checks {
        let Some(v) = &c.get_ref().points else {
            continue;
        };
        match parse(v, step) {
            Ok(p) => given.push(p),
            Err(problem) => {
                errs.push(rel, toml.line(c), problem);
                valid = false;
            }
        }
    }
    let with = s.checks.iter().filter(|c| c.get_ref().points.is_some());
    if with.count() > 0 {
        if let Some(c) = s.checks.iter().find(|c| c.get_ref().points.is_none()) {
            errs.push(
                rel,
                toml.line(c),
                Problem::CheckPointsMissing { step: step() },
            );
            return;
        }
    }
    if let (Some((p, line)), false, true) = (own, given.is_empty(), valid) {
        let sum: Points = given.iter().copied().sum();
        if sum != p {
            let (points, sum) = (p.to_string(), sum.to_string());
            errs.push(
                rel,
                line,
                Problem::PointsDoNotAddUp {
                    step: step(),
                    points,
                    sum,
                },
            );
        }
    }
}

fn parse(v: &toml::Value, step: impl Fn() -> String) -> Result<Points, Problem> {
    Points::from_toml(v).map_err(|e| {
        let value = v.to_string();
        match e {
            BadPoints::NotANumber => Problem::PointsNotANumber {
                step: step(),
                value,
            },
            BadPoints::Negative => Problem::PointsNegative {
                step: step(),
                value,
            },
            BadPoints::TooPrecise => Problem::PointsTooPrecise {
                step: step(),
                value,
            },
        }
    })
}
