//! Robust lesson loading: feeds `course::load` (the path behind `pracdocker lint`) ten thousand
//! mutated copies of real course folders. None may panic; every error must name a file of that
//! folder (or the expected file when it is missing) and a line inside it, with a message in both
//! languages. Deterministic: `PRACDOCKER_FUZZ_SEED` (run), `PRACDOCKER_FUZZ_CASES` (how many),
//! `PRACDOCKER_FUZZ_CASE` (replay one case seed, as printed on failure).

#[path = "fuzz_lessons/cases.rs"]
mod cases;
#[path = "fuzz_lessons/found.rs"]
mod found;
#[path = "fuzz_lessons/mutate.rs"]
mod mutate;
#[path = "fuzz_lessons/mutate_course.rs"]
mod mutate_course;
mod support;
#[path = "fuzz_lessons/tree.rs"]
mod tree;

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use pracdocker::course::{load, Course, LintError, Problem, Source};
use pracdocker::i18n::{data_message, Tr};
use pracdocker::lang::Lang;

use cases::Bases;
use tree::{Entry, Tree, Workdir};
const DEFAULT_SEED: u64 = 0x5eed_2026_0006;
const DEFAULT_CASES: u64 = 10_000;
const WORKERS: u64 = 2;
/// One folder taking this long (in a debug build, on a shared machine) means something grows
/// faster than the input: before the fix, 60 000 hint headings took 200 s.
const SLOW: Duration = Duration::from_secs(15);

/// What one case gave.
enum Verdict {
    Loaded,
    Failed(usize),
}

/// Loads the folder and judges the result; `Err` describes a defect.
fn judge(root: &Path, tree: &Tree, trs: &[Tr]) -> Result<Verdict, String> {
    let got = catch_unwind(AssertUnwindSafe(|| load(&Source::Dir(root.to_path_buf()))));
    match got {
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Err(format!("panicked: {msg}"))
        }
        Ok(Ok(course)) => judge_course(&course).map(|()| Verdict::Loaded),
        Ok(Err(errs)) if errs.is_empty() => Err("Err with no errors".into()),
        Ok(Err(errs)) => {
            let mut cache = FileFacts::default();
            let mut worded = HashSet::new();
            for e in &errs {
                judge_error(root, tree, e, &mut cache)?;
                // What `pracdocker lint` prints, once per kind of problem (a case can have
                // tens of thousands of errors of one kind).
                if !worded.insert(std::mem::discriminant(&e.problem)) {
                    continue;
                }
                for tr in trs {
                    let (id, _) = data_message("lint", &e.problem);
                    if !tr.has(&id) || tr.data("lint", &e.problem).trim().is_empty() {
                        return Err(format!("no {:?} message {id} for {e:?}", tr.lang()));
                    }
                }
            }
            Ok(Verdict::Failed(errs.len()))
        }
    }
}

/// A course that loads must be one the trainer can teach.
fn judge_course(c: &Course) -> Result<(), String> {
    if c.lessons.is_empty() {
        return Err("loaded a course without lessons".into());
    }
    for l in &c.lessons {
        if l.steps.is_empty() {
            return Err(format!("loaded lesson {} without steps", l.id));
        }
    }
    Ok(())
}

/// What the judge learnt about a case's files, so a case with 50 000 errors stays linear.
#[derive(Default)]
struct FileFacts {
    /// Line count per file.
    count: HashMap<String, usize>,
    /// The file's lines, split once.
    lines: HashMap<String, Vec<Vec<u8>>>,
    /// Whether the file spells a name verbatim somewhere.
    spelled: HashMap<(String, String), bool>,
}

fn judge_error(
    root: &Path,
    tree: &Tree,
    e: &LintError,
    cache: &mut FileFacts,
) -> Result<(), String> {
    let prefix = format!("{}/", root.display());
    let Some(rel) = e.file.strip_prefix(&prefix) else {
        return Err(format!("error outside the folder: {e:?}"));
    };
    let bad = |why: &str| Err(format!("{why}: {rel}:{} {:?}", e.line, e.problem));
    match tree.get(rel) {
        None => {
            let expected = rel == "course.toml"
                || ["lesson.toml", "es.md", "en.md"]
                    .iter()
                    .any(|f| rel.split_once('/').is_some_and(|(_, name)| name == *f));
            if !expected || e.problem != Problem::FileMissing || e.line != 1 {
                return bad("names a file that does not exist");
            }
        }
        Some(Entry::Dir) => {
            if e.line != 1 || !matches!(e.problem, Problem::Unreadable { .. }) {
                return bad("a directory in place of a file");
            }
        }
        Some(Entry::File(b)) => {
            let count = *cache
                .count
                .entry(rel.to_string())
                .or_insert_with(|| b.iter().filter(|c| **c == b'\n').count() + 1);
            if e.line == 0 || e.line > count {
                return bad(&format!("line outside the file's {count} lines"));
            }
            if e.problem == Problem::FileMissing {
                return bad("says missing but the file exists");
            }
            // The line must be the one that holds the name, when the file spells it verbatim
            // (a search for the text would find the first mention, or fall back to line 1).
            // Multi-line TOML strings start on the line of their first line.
            let name = named(&e.problem).and_then(|n| n.split('\n').next());
            if let Some(name) = name.filter(|n| !n.is_empty()) {
                let holds = |hay: &[u8]| hay.windows(name.len()).any(|w| w == name.as_bytes());
                let spelled = *cache
                    .spelled
                    .entry((rel.to_string(), name.to_string()))
                    .or_insert_with(|| holds(b));
                let lines = cache
                    .lines
                    .entry(rel.to_string())
                    .or_insert_with(|| b.split(|c| *c == b'\n').map(<[u8]>::to_vec).collect());
                let line = lines.get(e.line - 1).map_or(&[][..], Vec::as_slice);
                if spelled && !holds(line) {
                    return bad(&format!("line does not hold {name:?}"));
                }
            }
        }
    }
    Ok(())
}

/// The id a problem is about, for problems reported on the line that declares or uses it.
fn named(p: &Problem) -> Option<&str> {
    match p {
        Problem::DuplicateLesson { lesson: n }
        | Problem::BadId { name: n }
        | Problem::DuplicateStep { step: n }
        | Problem::DuplicateHint { hint: n }
        | Problem::MissingSection { step: n, .. }
        | Problem::UnknownSection { section: n }
        | Problem::DuplicateSection { section: n }
        | Problem::UnknownHint { hint: n, .. } => Some(n),
        _ => None,
    }
}

fn env_u64(name: &str) -> Option<u64> {
    let v = std::env::var(name).ok()?;
    let v = v.trim();
    match v.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => v.parse().ok(),
    }
}

/// Each case's own seed, so a failure can be replayed alone.
fn case_seed(run: u64, i: u64) -> u64 {
    (run ^ i.wrapping_mul(0x9e37_79b9_7f4a_7c15)).rotate_left(17)
}

/// The seeds of this run: one replayed case, or `PRACDOCKER_FUZZ_CASES` from the run's seed.
fn seeds() -> (u64, Vec<u64>) {
    let run = env_u64("PRACDOCKER_FUZZ_SEED").unwrap_or(DEFAULT_SEED);
    let seeds = match env_u64("PRACDOCKER_FUZZ_CASE") {
        Some(one) => vec![one],
        None => {
            let n = env_u64("PRACDOCKER_FUZZ_CASES").unwrap_or(DEFAULT_CASES);
            (0..n).map(|i| case_seed(run, i)).collect()
        }
    };
    (run, seeds)
}

/// What one worker saw.
#[derive(Default)]
struct Tally {
    fed: u64,
    loaded: u64,
    failed: u64,
    errors: u64,
    /// Per entry of [`cases::MUTATORS`], how often it was applied.
    applied: Vec<u64>,
    defects: Vec<String>,
    /// The slowest cases: (time, case).
    slowest: Vec<(Duration, String)>,
}

/// The case each worker is on, for the watchdog.
static IN_FLIGHT: [AtomicU64; WORKERS as usize] = [AtomicU64::new(0), AtomicU64::new(0)];
static FINISHED: AtomicBool = AtomicBool::new(false);
/// A run taking longer than this says which cases are in flight, so a hang can be replayed.
const WATCHDOG: Duration = Duration::from_secs(120);

/// After [`WATCHDOG`], names the cases still in flight on the real stderr (a hang in `load`
/// would otherwise only show as a test that never ends).
fn start_watchdog(bases: &'static Bases) {
    std::thread::spawn(move || {
        let started = Instant::now();
        while started.elapsed() < WATCHDOG {
            std::thread::sleep(Duration::from_millis(500));
            if FINISHED.load(Ordering::SeqCst) {
                return;
            }
        }
        for (w, seed) in IN_FLIGHT.iter().enumerate() {
            let seed = seed.load(Ordering::SeqCst);
            let log = bases.case(seed).log;
            let _ = writeln!(
                std::io::stderr(),
                "fuzz_lessons: still running after {WATCHDOG:?}; worker {w} is on case {seed:#x} {log:?}"
            );
        }
    });
}

fn run_worker(w: usize, bases: &Bases, seeds: Vec<u64>) -> Tally {
    let trs = [Tr::new(Lang::Es), Tr::new(Lang::En)];
    let mut dir = Workdir::new();
    let mut t = Tally {
        applied: vec![0; cases::MUTATORS.len()],
        ..Tally::default()
    };
    for seed in seeds {
        IN_FLIGHT[w].store(seed, Ordering::SeqCst);
        let case = bases.case(seed);
        dir.sync(&case.tree);
        let started = Instant::now();
        let verdict = judge(&dir.root, &case.tree, &trs);
        let took = started.elapsed();
        let name = || format!("case {seed:#x} {:?}", case.log);
        t.slowest.push((took, name()));
        t.slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
        t.slowest.truncate(3);
        t.fed += 1;
        for i in &case.applied {
            t.applied[*i] += 1;
        }
        match verdict {
            Ok(_) if took > SLOW => t.defects.push(format!("{}: took {took:.1?}", name())),
            Ok(Verdict::Loaded) => t.loaded += 1,
            Ok(Verdict::Failed(n)) => {
                t.failed += 1;
                t.errors += n as u64;
            }
            Err(why) => t.defects.push(format!("{}: {why}", name())),
        }
    }
    t
}

/// Panics on fuzz workers are caught and reported with their seed; keep them off the terminal,
/// and leave every other thread's panic message alone.
fn quiet_panics_on_workers() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let name = std::thread::current().name().map(str::to_string);
            if !name.is_some_and(|n| n.starts_with(WORKER_NAME)) {
                default(info);
            }
        }));
    });
}

const WORKER_NAME: &str = "fuzz-worker";

#[test]
fn mutated_courses_never_panic_and_every_error_has_file_and_line() {
    // Leaked so the detached watchdog may read it; one per test process.
    let bases: &'static Bases = Box::leak(Box::new(Bases::new()));
    let (run, seeds) = seeds();
    quiet_panics_on_workers();
    start_watchdog(bases);
    let started = Instant::now();
    let tallies: Vec<Tally> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..WORKERS)
            .map(|w| {
                let mine: Vec<u64> = seeds
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i as u64 % WORKERS == w)
                    .map(|(_, s)| *s)
                    .collect();
                std::thread::Builder::new()
                    .name(format!("{WORKER_NAME}-{w}"))
                    // The size of a main thread's stack, where `pracdocker lint` runs.
                    .stack_size(8 << 20)
                    .spawn_scoped(s, move || run_worker(w as usize, bases, mine))
                    .expect("spawn")
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("worker"))
            .collect()
    });
    FINISHED.store(true, Ordering::SeqCst);
    let took = started.elapsed();
    let sum = |f: fn(&Tally) -> u64| tallies.iter().map(f).sum::<u64>();
    let mut slowest: Vec<&(Duration, String)> = tallies.iter().flat_map(|t| &t.slowest).collect();
    slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
    let applied: Vec<String> = cases::MUTATORS
        .iter()
        .enumerate()
        .map(|(i, (_, name, _))| {
            let n: u64 = tallies.iter().map(|t| t.applied[i]).sum();
            format!("{name} {n}")
        })
        .collect();
    let mut out = std::io::stderr();
    let _ = writeln!(
        out,
        "fuzz_lessons: seed {run:#x}: fed {} course folders in {took:.1?} ({WORKERS} workers): \
         {} loaded, {} failed lint with {} errors in all",
        sum(|t| t.fed),
        sum(|t| t.loaded),
        sum(|t| t.failed),
        sum(|t| t.errors),
    );
    let _ = writeln!(out, "fuzz_lessons: mutations: {}", applied.join(", "));
    for (d, case) in slowest.iter().take(3) {
        let case: String = case.chars().take(300).collect();
        let _ = writeln!(out, "fuzz_lessons: slow: {d:.1?} {case}");
    }
    let defects: Vec<&String> = tallies.iter().flat_map(|t| &t.defects).collect();
    assert!(
        defects.is_empty(),
        "{} of {} cases are defects (replay one with PRACDOCKER_FUZZ_CASE=<seed>):\n{}",
        defects.len(),
        seeds.len(),
        defects
            .iter()
            .take(40)
            .map(|d| d.chars().take(600).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(sum(|t| t.fed), seeds.len() as u64);
    if seeds.len() as u64 >= DEFAULT_CASES {
        assert!(
            sum(|t| t.loaded) > 0 && sum(|t| t.failed) > 0,
            "the mutations should give both valid and invalid courses"
        );
        let never: Vec<&str> = cases::MUTATORS
            .iter()
            .enumerate()
            .filter(|(i, _)| tallies.iter().all(|t| t.applied[*i] == 0))
            .map(|(_, (_, name, _))| *name)
            .collect();
        assert!(never.is_empty(), "mutations never applied: {never:?}");
    }
}

/// How many of the run's folders also go through the real `pracdocker lint` process.
const LINT_RUNS: usize = 30;

/// `pracdocker lint` is `load` plus printing: on the first folders of the run it must exit 0 or 1
/// as `load` succeeds or fails, print every error as `file:line: ` and never panic.
#[test]
fn lint_command_reports_what_load_finds() {
    let bases = Bases::new();
    let (_, seeds) = seeds();
    for seed in seeds.iter().take(LINT_RUNS) {
        let case = bases.case(*seed);
        let mut dir = Workdir::new();
        dir.sync(&case.tree);
        let expected = load(&Source::Dir(dir.root.clone()));
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_pracdocker"))
            .args(["--lang", "es", "lint"])
            .arg(&dir.root)
            .output()
            .expect("run pracdocker lint");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let what = format!("case {seed:#x} {:?}", case.log);
        assert!(!stderr.contains("panicked"), "{what}: {stderr}");
        match expected {
            Ok(_) => assert_eq!(out.status.code(), Some(0), "{what}: {stderr}"),
            Err(errs) => {
                assert_eq!(out.status.code(), Some(1), "{what}: {stderr}");
                for e in &errs {
                    let head = format!("{}:{}: ", e.file, e.line);
                    assert!(stderr.contains(&head), "{what}: no {head:?} in\n{stderr}");
                }
            }
        }
    }
}
