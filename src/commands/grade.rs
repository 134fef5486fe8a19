//! `grade`: checkpoints for instructors, for one daemon or a roster; prints or writes the report
//! in the chosen format. Exit 2 when a daemon could not be reached, else 1 when a required step
//! failed, else 0 (steps that could not be verified are reported apart and do not fail).

use std::path::PathBuf;
use std::time::Duration;

use super::exit;
use super::grade_ledger as ledger;
use crate::cli::{parse_since, GradeArgs};
use crate::course::Course;
use crate::grade::{self, class, roster, Plan, Target};
use crate::i18n::Tr;
use crate::report::{self, Report};

/// Runs `grade`.
pub async fn grade(course: Course, args: &GradeArgs, workdir: Option<PathBuf>, tr: &Tr) -> i32 {
    let lessons: Vec<String> = match &args.lesson {
        Some(l) if course.lesson(l).is_none() => {
            eprintln!("{}", tr.ta("grade-no-such-lesson", &[("lesson", l)]));
            return exit::UNKNOWN;
        }
        Some(l) => vec![l.clone()],
        None => course.lessons.iter().map(|l| l.id.clone()).collect(),
    };
    if let Some(path) = &args.from_ledger {
        return match ledger::from_ledger(course.clone(), lessons, args, path, tr) {
            Ok(report) => emit(&report, &course, args, tr),
            Err(code) => code,
        };
    }
    let deadline = match ledger::time(args.deadline.as_deref(), "--deadline", tr) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let writer = match args
        .ledger
        .as_deref()
        .map(|p| ledger::open(p, tr))
        .transpose()
    {
        Ok(w) => w,
        Err(code) => return code,
    };
    let since = match args.since.as_deref() {
        None => None,
        Some(s) => match parse_since(s, crate::session::now()) {
            Some(t) => Some(t),
            None => {
                eprintln!("{}", tr.ta("error-since", &[("value", s)]));
                return exit::UNKNOWN;
            }
        },
    };
    let targets = match &args.roster {
        Some(path) => match roster::read(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!(
                    "{}",
                    tr.ta("grade-roster-error", &[("error", &e.to_string())])
                );
                return exit::UNKNOWN;
            }
        },
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
        ledger: writer.clone(),
    };
    if args.watch {
        let opts = crate::board::watch::Options {
            jobs: args.jobs,
            anonymize: args.anonymize,
        };
        let code = crate::board::watch::run(targets, plan, tr, opts).await;
        return match writer.map(|w| ledger::check_board(&w, tr)) {
            Some(Err(c)) => c,
            _ => code,
        };
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
    let code = emit(&report, &plan.course, args, tr);
    match writer.map(|w| ledger::record(&w, &graded, tr)) {
        Some(Err(c)) => c,
        _ => code,
    }
}

/// Writes the feedback files and prints or writes the report; the exit code it calls for.
fn emit(report: &Report, course: &Course, args: &GradeArgs, tr: &Tr) -> i32 {
    if let Some(dir) = &args.feedback {
        if let Err(e) = report::feedback::write(report, course, dir) {
            eprintln!(
                "{}",
                tr.ta("grade-feedback-error", &[("error", &e.to_string())])
            );
            return exit::UNKNOWN;
        }
    }
    if args.format == report::Format::Gradescope && report.learners.len() > 1 {
        if let Err(code) = super::grade_gradescope::write_each(report, args.output.as_deref(), tr) {
            return code;
        }
        return status(report);
    }
    let text = report::render(report, args.format, tr);
    match &args.output {
        Some(path) => {
            if let Err(e) = std::fs::write(path, &text) {
                eprintln!(
                    "{}",
                    tr.ta(
                        "grade-output-error",
                        &[
                            ("path", &path.display().to_string()),
                            ("error", &e.to_string())
                        ]
                    )
                );
                return exit::UNKNOWN;
            }
        }
        None => print!("{text}"),
    }
    status(report)
}

/// 2 when a daemon could not be reached, else 1 when a required step failed, else 0.
fn status(report: &Report) -> i32 {
    if report.any_unreachable() {
        exit::UNKNOWN
    } else if report.any_failed() {
        exit::FAILED
    } else {
        exit::OK
    }
}
