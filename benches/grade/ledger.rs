//! The verdict ledger of a 30-learner class over one hour, without a daemon: every learner goes
//! through the built-in course at their own pace (some finish, some reach half of it), a check
//! now and then passes, fails again and passes (a container restarted, a typo fixed), and a live
//! board regrades a learner on each of their daemon's events (most of which change nothing, as a
//! healthcheck's do). Each regrade goes through `Writer::record`, as the board's does. Prints
//! the ledger's size, the cost per appended line and per regrade, and the time of
//! `grade --from-ledger` on it (in process, and the binary end to end).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use pracdocker::check::{CheckResult, Evidence, StepResult};
use pracdocker::check::{Outcome, Reason};
use pracdocker::clock;
use pracdocker::course::Course;
use pracdocker::grade::Graded;
use pracdocker::ledger::{self, Writer};

/// Learners in the class.
const LEARNERS: usize = 30;
/// The class, in seconds.
const HOUR: i64 = 3600;
/// A learner's daemon sends an event every this many seconds on average (their commands plus
/// a healthcheck's): each one is a regrade.
const EVENT_EVERY: i64 = 12;
/// Chance that a step, once passed, fails again once before passing for good.
const FLAP: f64 = 0.3;

/// A learner's name, pace, and per step the container and image ids their evidence names.
type Learner = (String, Pace, Vec<(String, String)>);

/// Where a learner is at a time: how many steps done, and whether the current one flaps.
struct Pace {
    /// Seconds per step.
    step_secs: i64,
    /// Per step: a flap (seconds after passing it fails, then passes again 20 s later).
    flaps: Vec<Option<i64>>,
}

fn hex(rng: &mut fastrand::Rng, n: usize) -> String {
    (0..n)
        .map(|_| char::from_digit(rng.u32(0..16), 16).unwrap_or('0'))
        .collect()
}

/// The learner's grading at second `t` of the class.
fn grading(
    name: &str,
    course: &Course,
    pace: &Pace,
    ids: &[(String, String)],
    start: i64,
    t: i64,
) -> Graded {
    let done = (t / pace.step_secs) as usize;
    let results = course
        .steps()
        .enumerate()
        .map(|(i, (l, s))| {
            let passed_at = (i as i64 + 1) * pace.step_secs;
            let flapping =
                pace.flaps[i].is_some_and(|f| t >= passed_at + f && t < passed_at + f + 20);
            let outcome = if i < done && !flapping {
                Outcome::Passed
            } else if i <= done {
                Outcome::Failed(Reason::ContainerMissing {
                    by: pracdocker::check::Selector::Name,
                    selector: format!("{}-{}", l.id, s.id),
                })
            } else {
                Outcome::Failed(Reason::StepNotBegun {
                    step: format!("{}/{}", l.id, s.id),
                })
            };
            let checks = s
                .checks
                .iter()
                .map(|c| {
                    let evidence = (outcome == Outcome::Passed).then(|| Evidence {
                        container_id: Some(ids[i].0.clone()),
                        container_name: Some(s.id.clone()),
                        image_id: Some(ids[i].1.clone()),
                        event_time: Some(start + clock::from_secs(passed_at)),
                        event_action: Some("start".into()),
                        at: Some(start + clock::from_secs(passed_at)),
                        ..Evidence::default()
                    });
                    CheckResult {
                        check: c.clone(),
                        outcome: outcome.clone(),
                        evidence,
                    }
                })
                .collect();
            StepResult {
                lesson: l.id.clone(),
                step: s.id.clone(),
                checks,
            }
        })
        .collect();
    Graded {
        name: name.into(),
        host: format!("tcp://10.0.0.{}:2375", 10 + name.len()),
        daemon: None,
        problem: None,
        results,
        recorded: BTreeMap::new(),
        duration: Duration::ZERO,
        lang: None,
        fields: vec![("student_id".into(), format!("S-{name}"))],
    }
}

/// Runs the section.
pub fn run() {
    let course = Course::built_in().expect("built-in course");
    let steps = course.steps().count();
    let checks: usize = course.steps().map(|(_, s)| s.checks.len()).sum();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("class.ledger");
    let (writer, _) = Writer::open(&path).expect("ledger");
    let mut rng = fastrand::Rng::with_seed(17);
    let start = clock::now() - clock::from_secs(HOUR);
    let learners: Vec<Learner> = (0..LEARNERS)
        .map(|i| {
            // From the whole course in the hour to half of it.
            let reach = steps / 2 + rng.usize(0..=steps / 2);
            let pace = Pace {
                step_secs: (HOUR / reach.max(1) as i64).max(1),
                flaps: (0..steps)
                    .map(|_| (rng.f64() < FLAP).then(|| rng.i64(5..60)))
                    .collect(),
            };
            let ids = (0..steps)
                .map(|_| (hex(&mut rng, 64), format!("sha256:{}", hex(&mut rng, 64))))
                .collect();
            (format!("learner-{i:02}"), pace, ids)
        })
        .collect();
    // Every learner's events over the hour, in time order: one regrade each.
    let mut events: Vec<(i64, usize)> = Vec::new();
    for i in 0..LEARNERS {
        let mut t = 0;
        while t < HOUR {
            events.push((t, i));
            t += rng.i64(1..=2 * EVENT_EVERY);
        }
    }
    events.sort();
    let (mut lines, mut in_record) = (0usize, Duration::ZERO);
    let (mut writing, mut writing_lines) = (Duration::ZERO, 0usize);
    for &(t, i) in &events {
        let (name, pace, ids) = &learners[i];
        let g = grading(name, &course, pace, ids, start, t);
        let s = Instant::now();
        let n = writer.record(&g).expect("append");
        let took = s.elapsed();
        in_record += took;
        lines += n;
        if n > 0 {
            writing += took;
            writing_lines += n;
        }
    }
    drop(writer);
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "ledger of a {LEARNERS}-learner class for one hour (built-in course: {steps} steps, {checks} checks; {} regrades on events, flaps {:.0} %): {lines} lines, {size} bytes ({:.1} MB, {:.0} bytes a line)",
        events.len(),
        FLAP * 100.0,
        size as f64 / 1e6,
        size as f64 / lines.max(1) as f64
    );
    println!(
        "  appends: {:.1} µs per line (regrades that appended: {:.1} ms over {writing_lines} lines); a regrade through the ledger {:.1} µs on average ({:.1} ms in all)",
        writing.as_secs_f64() * 1e6 / writing_lines.max(1) as f64,
        writing.as_secs_f64() * 1e3,
        in_record.as_secs_f64() * 1e6 / events.len().max(1) as f64,
        in_record.as_secs_f64() * 1e3
    );
    let lessons: Vec<String> = course.lessons.iter().map(|l| l.id.clone()).collect();
    let tr = pracdocker::i18n::Tr::new(pracdocker::lang::Lang::En);
    let plan = pracdocker::grade::Plan {
        course: course.clone(),
        lessons: lessons.clone(),
        since: None,
        timeout: Duration::from_secs(1),
        ledger: None,
    };
    for (label, as_of) in [
        ("end", None),
        ("mid-hour", Some(start + clock::from_secs(HOUR / 2))),
    ] {
        let s = Instant::now();
        let read = ledger::read(&path).expect("read");
        let parsed = s.elapsed();
        let replayed = ledger::replay::as_of(&read, &course, &lessons, as_of);
        let mut report = pracdocker::report::Report::new(&course, &lessons, &tr);
        report.learners = replayed
            .iter()
            .map(|r| r.graded.learner(&plan, &tr))
            .collect();
        let json = pracdocker::report::render(&report, pracdocker::report::Format::Json, &tr);
        println!(
            "  --from-ledger in process, as of the {label}: {:.1} ms (reading {:.1} ms), {} learners, {} bytes of JSON",
            s.elapsed().as_secs_f64() * 1e3,
            parsed.as_secs_f64() * 1e3,
            report.learners.len(),
            json.len()
        );
    }
    let mut runs: Vec<Duration> = (0..5)
        .map(|_| {
            let s = Instant::now();
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_pracdocker"))
                .args(["--lang", "en", "grade", "--format", "json", "--from-ledger"])
                .arg(&path)
                .output()
                .expect("run pracdocker");
            assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
            s.elapsed()
        })
        .collect();
    runs.sort();
    println!(
        "  `pracdocker grade --from-ledger FILE --format json` end to end: median {:.1} ms of 5 (min {:.1}, max {:.1})",
        runs[2].as_secs_f64() * 1e3,
        runs[0].as_secs_f64() * 1e3,
        runs[4].as_secs_f64() * 1e3
    );
}
