//! Points, where each verdict comes from, Gradescope's results.json and feedback files, from a
//! report built in memory (no daemon): the sample course with points and partial credit, and a
//! learner whose steps passed (observed), passed on their word (a quiz, a recorded step whose
//! evidence is gone), passed in part (one of two checks) and could not be verified (pending).

use std::collections::BTreeMap;
use std::path::Path;

use pracdocker::check::{Basis, Outcome, Reason, Recorded, Unverifiable};
use pracdocker::check::{CheckResult, Evidence, StepResult};
use pracdocker::course::{load, Course, Source};
use pracdocker::i18n::Tr;
use pracdocker::key::StepKey;
use pracdocker::lang::Lang;
use pracdocker::report::{self, Format, Learner, Report};
use serde_json::Value;

use super::support;
use super::support::courses::copy_dir;

const GOLDEN_GRADESCOPE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/grade/golden-gradescope.json"
);

/// The sample course with `etiquetar` worth 2 and `servidor` worth 3, split 1 + 2 over its
/// container and its request: 8 points in all.
pub fn course_with_points(dir: &Path) -> Course {
    copy_dir(Path::new(super::MINI), dir);
    let edit = |file: &str, from: &str, to: &str| {
        let p = dir.join(file);
        let t = std::fs::read_to_string(&p).expect("read");
        assert!(t.contains(from), "{from}");
        std::fs::write(&p, t.replacen(from, to, 1)).expect("write");
    };
    edit(
        "01-imagen/lesson.toml",
        "id = \"etiquetar\"\n",
        "id = \"etiquetar\"\npoints = 2\n",
    );
    edit(
        "02-red/lesson.toml",
        "id = \"servidor\"\n",
        "id = \"servidor\"\npoints = 3\n",
    );
    edit(
        "02-red/lesson.toml",
        "detached = true }",
        "detached = true, points = 1 }",
    );
    edit(
        "02-red/lesson.toml",
        "body_contains = \"hola\" }",
        "body_contains = \"hola\", points = 2 }",
    );
    load(&Source::Dir(dir.to_path_buf())).expect("the course with points lints clean")
}

fn result(course: &Course, lesson: &str, step: &str, outcomes: Vec<Outcome>) -> StepResult {
    let (_, s) = course.step(&StepKey::new(lesson, step)).expect("step");
    StepResult {
        lesson: lesson.into(),
        step: step.into(),
        checks: s
            .checks
            .iter()
            .zip(outcomes)
            .map(|(c, outcome)| CheckResult {
                check: c.clone(),
                evidence: (matches!(outcome, Outcome::Passed) && c.kind() != "quiz").then(|| {
                    Evidence {
                        file: (c.kind() == "file").then(|| "Dockerfile".to_string()),
                        container_name: (c.kind() == "container").then(|| "mini-web".to_string()),
                        ..Evidence::default()
                    }
                }),
                outcome,
            })
            .collect(),
    }
}

/// One learner as described above, in `lang`, with stable times.
pub fn learner(course: &Course, name: &str, lang: Lang) -> Learner {
    let lessons = ["01-imagen".to_string(), "02-red".to_string()];
    let results = vec![
        result(course, "01-imagen", "dockerfile", vec![Outcome::Passed]),
        result(
            course,
            "01-imagen",
            "etiquetar",
            vec![Outcome::Unknown(Unverifiable::NoBeginning)],
        ),
        result(course, "01-imagen", "que-hace-tag", vec![Outcome::Passed]),
        result(
            course,
            "02-red",
            "crear-red",
            vec![Outcome::Failed(Reason::NetworkMissing {
                name: "mininet".into(),
            })],
        ),
        result(
            course,
            "02-red",
            "servidor",
            vec![
                Outcome::Passed,
                Outcome::Failed(Reason::HttpStatus {
                    url: "http://localhost:8089/".into(),
                    expected: 200,
                    found: 404,
                }),
            ],
        ),
    ];
    let mut recorded = BTreeMap::new();
    recorded.insert(
        StepKey::new("02-red", "crear-red"),
        Recorded {
            at: 1_795_000_000_000_000_000,
            basis: Basis::Claimed,
        },
    );
    let mut l = Learner::graded(
        name,
        "tcp://10.0.0.7:2375",
        None,
        None,
        course,
        &lessons,
        &results,
        &recorded,
        12,
        &Tr::new(lang),
    );
    l.graded_at = "2026-11-28T10:00:01Z".into();
    l
}

fn report_of(course: &Course, learners: Vec<Learner>) -> Report {
    let lessons = ["01-imagen".to_string(), "02-red".to_string()];
    let mut r = Report::new(course, &lessons, &Tr::new(Lang::En));
    r.graded_at = "2026-11-28T10:00:00Z".into();
    r.learners = learners;
    r
}

#[test]
fn points_pending_and_basis_are_in_every_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let course = course_with_points(dir.path());
    let tr = Tr::new(Lang::En);
    let r = report_of(&course, vec![learner(&course, "Bo", Lang::En)]);
    let v: Value = serde_json::from_str(&report::render(&r, Format::Json, &tr)).expect("json");
    assert_eq!(v["schema_version"], 3);
    let l = &v["learners"][0];
    // 1 (observed) + 0 of 2 (pending) + 1 (quiz, claimed) + 1 (recorded, claimed) + 1 of 3.
    assert_eq!(
        l["score"]["points"],
        serde_json::json!({"earned": 4, "max": 8, "pending": 2})
    );
    assert_eq!(l["score"]["claimed"], 2);
    let steps = |i: usize| {
        l["lessons"][i]["steps"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    };
    let basis: Vec<String> = steps(0)
        .into_iter()
        .chain(steps(1))
        .map(|s| s["basis"].as_str().unwrap_or("?").to_string())
        .collect();
    assert_eq!(
        basis,
        ["observed", "unverified", "claimed", "claimed", "observed"]
    );
    let servidor = &steps(1)[1];
    assert_eq!(servidor["status"], "failed");
    assert_eq!(
        servidor["points"],
        serde_json::json!({"earned": 1, "max": 3, "pending": 0})
    );
    assert_eq!(servidor["checks"][1]["points"], 2);
    assert_eq!(
        steps(0)[1]["points"]["pending"],
        2,
        "unknown is pending, never 0"
    );

    let table = report::render(&r, Format::Table, &tr);
    assert!(table.contains("4/8 points (pending: 2)"), "{table}");
    assert!(table.contains("observed, 1/3 points"), "{table}");
    assert!(
        table.contains("claimed (progress file), 1/1 points"),
        "{table}"
    );
    assert!(
        table.contains("not verified, 0/2 points (pending: 2)"),
        "{table}"
    );
    let md = report::render(&r, Format::Markdown, &tr);
    assert!(
        md.contains("**3/5 required steps passed, 4/8 points (pending: 2)"),
        "{md}"
    );
    assert!(md.contains("claimed (progress file), 1/1 points"), "{md}");
    let junit = report::render(&r, Format::Junit, &tr);
    assert!(
        junit.contains("<property name=\"pracdocker.basis\" value=\"unverified\"/>"),
        "{junit}"
    );
    assert!(
        junit.contains("<property name=\"pracdocker.points\" value=\"2\"/>"),
        "{junit}"
    );
    assert!(
        junit.contains("<property name=\"pracdocker.pending_points\" value=\"2\"/>"),
        "{junit}"
    );
    let csv = report::render(&r, Format::Csv, &tr);
    let rows: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert_eq!(
        rows[0],
        "name,host,01-imagen,02-red,total,max,pending,claimed,flagged,reach"
    );
    assert_eq!(rows[1], "Bo,tcp://10.0.0.7:2375,2,2,4,8,2,2,0,graded");
    // Spanish text printers speak of points too.
    let es = report::render(&r, Format::Table, &Tr::new(Lang::Es));
    assert!(es.contains("4/8 puntos (pendientes: 2)"), "{es}");
}

#[test]
fn gradescope_results_match_the_golden_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let course = course_with_points(dir.path());
    let r = report_of(&course, vec![learner(&course, "Bo", Lang::En)]);
    let got = report::render(&r, Format::Gradescope, &Tr::new(Lang::En));
    let v: Value = serde_json::from_str(&got).expect("json");
    assert_eq!(
        (v["score"].as_f64(), v["max_score"].as_f64()),
        (Some(4.0), Some(8.0))
    );
    let tests = v["tests"].as_array().cloned().unwrap_or_default();
    assert_eq!(tests.len(), 5);
    // Scores of the tests that have one add up to the total; the pending one has none.
    let sum: f64 = tests.iter().filter_map(|t| t["score"].as_f64()).sum();
    assert_eq!(sum, 4.0);
    let pending: Vec<&Value> = tests.iter().filter(|t| t.get("score").is_none()).collect();
    assert_eq!(pending.len(), 1);
    assert!(pending[0].get("status").is_none());
    assert!(pending[0]["output"]
        .as_str()
        .unwrap_or("")
        .contains("0/2 points (pending: 2)"));
    for t in &tests {
        for k in ["name", "max_score", "output", "visibility"] {
            assert!(t.get(k).is_some(), "{k} in {t}");
        }
        if let Some(s) = t.get("status") {
            assert!(s == "passed" || s == "failed", "{s}");
        }
    }
    if std::env::var("UPDATE_GOLDEN").as_deref() == Ok("1") {
        std::fs::write(GOLDEN_GRADESCOPE, &got).expect("write golden");
    }
    let want = std::fs::read_to_string(GOLDEN_GRADESCOPE).expect("golden (UPDATE_GOLDEN=1)");
    assert_eq!(got, want);
}

#[test]
fn feedback_files_speak_each_learners_language_and_never_overwrite_each_other() {
    let dir = tempfile::tempdir().expect("tempdir");
    let course = course_with_points(&dir.path().join("course"));
    let out = dir.path().join("feedback");
    let r = report_of(
        &course,
        vec![
            learner(&course, "Ana Pérez", Lang::Es),
            learner(&course, "ana pérez", Lang::En),
            learner(&course, "../../x", Lang::En),
        ],
    );
    let files = report::feedback::write(&r, &course, &out).expect("feedback");
    let names: Vec<String> = files
        .iter()
        .map(|p| {
            p.file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(names, ["Ana-Pérez.md", "ana-pérez-2.md", "x.md"]);
    assert!(files.iter().all(|f| f.parent() == Some(out.as_path())));
    let es = std::fs::read_to_string(&files[0]).expect("es");
    let en = std::fs::read_to_string(&files[1]).expect("en");
    assert!(es.contains("# Mini curso de Docker"), "{es}");
    assert!(es.contains("Resultados de Ana Pérez"), "{es}");
    assert!(es.contains("4/8 puntos (pendientes: 2)"), "{es}");
    // The failed step: its reason and the lesson's first hint, in the learner's language.
    assert!(es.contains("  - **Pista:**\n\n    Necesitas"), "{es}");
    assert!(es.contains("Necesitas `-d`, `--name`, `--network`"), "{es}");
    assert!(es.contains("declarado (archivo de progreso)"), "{es}");
    assert!(en.contains("Feedback for ana pérez"), "{en}");
    assert!(en.contains("You need `-d`, `--name`, `--network`"), "{en}");
    assert!(en.contains("404"), "{en}");
    // A passed step gets no hint; a step not verified gets its reason, no hint.
    assert!(!en.contains("Networks are managed with"), "{en}");
    assert!(en.contains("not verified, 0/2 points (pending: 2)"), "{en}");
}

/// `--format gradescope` refuses a class unless `--output` is a folder, which then gets one
/// results.json per learner; `--feedback DIR` writes one file per learner, in their language,
/// also for learners whose daemon was not reached (no daemon needed).
#[test]
fn a_class_gets_one_gradescope_file_and_one_feedback_file_per_learner() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = dir.path().join("class.csv");
    std::fs::write(
        &roster,
        "name,host,lang\nAna,unix:///nonexistent/a.sock,es\nana,unix:///nonexistent/b.sock,en\n",
    )
    .expect("roster");
    let roster = roster.to_string_lossy().into_owned();
    let r = super::grade(
        super::MINI,
        super::DEFAULT_SOCKET,
        &["--roster", &roster, "--format", "gradescope"],
    );
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(
        r.stderr.contains("this roster has 2 learners"),
        "{}",
        r.stderr
    );
    let out = dir.path().join("gs");
    std::fs::create_dir(&out).expect("mkdir");
    let feedback = dir.path().join("feedback");
    let (out_s, fb_s) = (out.to_string_lossy(), feedback.to_string_lossy());
    let r = super::grade(
        super::MINI,
        super::DEFAULT_SOCKET,
        &[
            "--roster",
            &roster,
            "--format",
            "gradescope",
            "--output",
            &out_s,
            "--feedback",
            &fb_s,
        ],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    for name in ["Ana.json", "ana-2.json"] {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(out.join(name)).expect(name))
            .expect("json");
        // Unreachable: nothing earned, every test pending (no score, no status).
        assert_eq!(
            (v["score"].as_f64(), v["max_score"].as_f64()),
            (Some(0.0), Some(5.0))
        );
        let tests = v["tests"].as_array().cloned().unwrap_or_default();
        assert_eq!(tests.len(), 5);
        assert!(tests
            .iter()
            .all(|t| t.get("score").is_none() && t.get("status").is_none()));
    }
    let es = std::fs::read_to_string(feedback.join("Ana.md")).expect("Ana.md");
    let en = std::fs::read_to_string(feedback.join("ana-2.md")).expect("ana-2.md");
    assert!(es.contains("No se pudo calificar nada"), "{es}");
    assert!(en.contains("Nothing could be graded"), "{en}");
}

/// On the real daemon: the steps the daemon shows are `observed`, the quiz answer `claimed`, and
/// the points are the lesson's (partial credit included) in the Gradescope file and the feedback.
#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn real_daemon_verdicts_are_observed_and_earn_the_lessons_points() {
    let Some(_guard) =
        support::daemon_tests("real_daemon_verdicts_are_observed_and_earn_the_lessons_points")
    else {
        return;
    };
    let course_dir = tempfile::tempdir().expect("tempdir");
    course_with_points(course_dir.path());
    let course = course_dir.path().to_string_lossy().into_owned();
    let known = super::arrange("pw-for-points");
    let work = known.work.path().to_string_lossy().into_owned();
    let progress = known.progress.to_string_lossy().into_owned();
    let feedback = known.work.path().join("feedback");
    let fb = feedback.to_string_lossy().into_owned();
    let run = |extra: &[&str]| {
        let mut args = vec!["--workdir", &work, "--progress", &progress];
        args.extend_from_slice(extra);
        super::grade(&course, &super::socket(), &args)
    };
    let full = run(&["--format", "gradescope"]);
    let json = run(&["--format", "json"]);
    // The page no longer says hola: the container still passes, its request does not (1 of 3).
    support::docker(&["exec", "mini-web", "sh", "-c", "echo adios > /w/index.html"]);
    let partial = run(&["--format", "gradescope", "--feedback", &fb]);
    super::clean();

    let v: Value = serde_json::from_str(&json.stdout).expect("json");
    let basis: Vec<String> = v["learners"][0]["lessons"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|l| l["steps"].as_array().cloned().unwrap_or_default())
        .map(|s| s["basis"].as_str().unwrap_or("?").to_string())
        .collect();
    assert_eq!(
        basis,
        ["observed", "observed", "claimed", "observed", "observed"],
        "{}",
        json.stdout
    );

    let gs = |r: &super::Run| -> Value {
        serde_json::from_str(&r.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}\n{}", r.stdout, r.stderr))
    };
    let (full, partial) = (gs(&full), gs(&partial));
    assert_eq!(
        (full["score"].as_f64(), full["max_score"].as_f64()),
        (Some(8.0), Some(8.0)),
        "{full}"
    );
    assert_eq!(partial["score"].as_f64(), Some(6.0), "{partial}");
    let servidor = &partial["tests"][4];
    assert_eq!(
        servidor["name"],
        "02-red / servidor — A server on the network"
    );
    assert_eq!(
        (servidor["score"].as_f64(), servidor["max_score"].as_f64()),
        (Some(1.0), Some(3.0))
    );
    assert_eq!(servidor["status"], "failed");
    assert!(
        servidor["output"]
            .as_str()
            .unwrap_or("")
            .starts_with("observed, 1/3 points"),
        "{servidor}"
    );
    let files: Vec<_> = std::fs::read_dir(&feedback)
        .expect("feedback dir")
        .flatten()
        .collect();
    assert_eq!(files.len(), 1);
    let text = std::fs::read_to_string(files[0].path()).expect("feedback");
    assert!(text.contains("6/8 points"), "{text}");
    assert!(
        text.contains("You need `-d`, `--name`, `--network`"),
        "{text}"
    );
}
