//! `grade`: checkpoints for instructors, for one daemon or a roster; prints or writes the report
//! in the chosen format. Exit 2 when a daemon could not be reached, else 1 when a required step
//! failed, else 0 (steps that could not be verified are reported apart and do not fail).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use super::grade_ledger as ledger;
use crate::check::Status;
use crate::cli::{parse_since, GradeArgs};
use crate::course::Course;
use crate::exit::{Ended, Failure};
use crate::grade::{self, class, roster, Memory, Plan, Target};
use crate::i18n::Tr;
use crate::report::{self, Report};

/// Runs `grade`.
pub async fn grade(course: Course, args: &GradeArgs, workdir: Option<PathBuf>, tr: &Tr) -> Ended {
    let lessons: Vec<String> = match &args.lesson {
        Some(l) if course.lesson(l).is_none() => return Err(Failure::NoSuchLesson(l.clone())),
        Some(l) => vec![l.clone()],
        None => course.lessons.iter().map(|l| l.id.clone()).collect(),
    };
    if let Some(path) = &args.from_ledger {
        let report = ledger::from_ledger(course.clone(), lessons, args, path, tr)?;
        return emit(&report, &course, args, tr);
    }
    let deadline = ledger::time(args.deadline.as_deref(), "--deadline")?;
    let writer = args
        .ledger
        .as_deref()
        .map(|p| ledger::open(p, tr))
        .transpose()?;
    let since = match args.since.as_deref() {
        None => None,
        Some(s) => Some(
            parse_since(s, crate::session::now()).ok_or_else(|| Failure::Since(s.to_string()))?,
        ),
    };
    let targets = match &args.roster {
        Some(path) => roster::read(path).map_err(|e| Failure::Roster(e.to_string()))?,
        None => vec![Target {
            name: String::new(),
            resolved: super::resolve(),
            progress: args.progress.clone(),
            workdir: Some(workdir.unwrap_or_else(|| PathBuf::from("."))),
            lang: None,
            fields: Vec::new(),
        }],
    };
    let plan = Plan {
        course,
        lessons,
        since,
        timeout: Duration::from_secs(args.timeout.max(1)),
        ledger: writer.clone().map(|w| w as Arc<dyn Memory>),
    };
    if args.watch {
        let opts = crate::board::watch::Options {
            jobs: args.jobs,
            anonymize: args.anonymize,
        };
        let ended = crate::board::watch::run(targets, plan, tr, opts).await;
        if let Some(w) = writer {
            ledger::check_board(&w)?;
        }
        return ended;
    }
    let mut report = Report::new(&plan.course, &plan.lessons, tr);
    let graded = if args.roster.is_some() {
        class::grade_all(&targets, &plan, args.jobs).await
    } else {
        let mut v = Vec::new();
        for t in &targets {
            v.push(grade::grade(t, &plan).await);
        }
        v
    };
    report.learners = graded.iter().map(|g| g.learner(&plan, tr)).collect();
    report::flag_shared_daemons(&mut report.learners);
    ledger::mark_late(&mut report, &graded, deadline);
    let ended = emit(&report, &plan.course, args, tr);
    if let Some(w) = writer {
        ledger::record(&w, &graded)?;
    }
    ended
}

/// Writes the feedback files and prints or writes the report; the class's verdict.
fn emit(report: &Report, course: &Course, args: &GradeArgs, tr: &Tr) -> Ended {
    if let Some(dir) = &args.feedback {
        report::feedback::write(report, course, dir)
            .map_err(|e| Failure::Feedback(e.to_string()))?;
    }
    if args.format == report::Format::Gradescope && report.learners.len() > 1 {
        super::grade_gradescope::write_each(report, args.output.as_deref())?;
        return Ok(status(report));
    }
    let text = report::render(report, args.format, tr);
    match &args.output {
        Some(path) => std::fs::write(path, &text).map_err(|e| Failure::Output {
            path: path.clone(),
            error: e.to_string(),
        })?,
        None => print!("{text}"),
    }
    Ok(status(report))
}

/// Unknown when a daemon could not be reached, else failed when a required step failed.
fn status(report: &Report) -> Status {
    if report.any_unreachable() {
        Status::Unknown
    } else if report.any_failed() {
        Status::Failed
    } else {
        Status::Passed
    }
}
