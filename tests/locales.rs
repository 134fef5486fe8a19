//! Spanish and English must say the same things: the same Fluent ids, every id the code can ask
//! for present in both, and the same lessons and steps in both languages.

use std::collections::BTreeSet;

use fluent_syntax::ast::Entry;
use pracdocker::check::{Reason, Selector, Unverifiable};
use pracdocker::commands::doctor_host::HostNote;
use pracdocker::course::{Problem, Source};
use pracdocker::i18n::{data_message, source, Tr};
use pracdocker::lang::Lang;

fn ids(lang: Lang) -> BTreeSet<String> {
    let res = fluent_syntax::parser::parse(source(lang).to_string()).unwrap_or_else(|(_, errs)| {
        panic!("{}: Fluent syntax errors: {errs:?}", lang.code());
    });
    res.body
        .iter()
        .filter_map(|e| match e {
            Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn both_locales_define_the_same_message_ids() {
    let (es, en) = (ids(Lang::Es), ids(Lang::En));
    let only_es: Vec<_> = es.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&es).collect();
    assert!(
        only_es.is_empty() && only_en.is_empty(),
        "only in es: {only_es:?}\nonly in en: {only_en:?}"
    );
}

fn s() -> String {
    "x".into()
}

/// One value of every reason, diagnosis and lint problem, so a new variant without a message
/// fails here. (The match in `every_variant_is_listed` keeps this list complete.)
fn samples() -> Vec<(&'static str, serde_json::Value)> {
    let r = |x: Reason| ("reason", serde_json::to_value(x).expect("json"));
    let u = |x: Unverifiable| ("unverifiable", serde_json::to_value(x).expect("json"));
    let p = |x: Problem| ("lint", serde_json::to_value(x).expect("json"));
    let h = |x: HostNote| ("doctor-host", serde_json::to_value(x).expect("json"));
    vec![
        h(HostNote::DesktopStopped),
        h(HostNote::NoDocker),
        h(HostNote::NoDesktopWsl),
        h(HostNote::WindowsContainers),
        h(HostNote::WslIntegration { distro: s() }),
        r(Reason::ImageMissing { reference: s() }),
        r(Reason::ImageNotSame {
            reference: s(),
            other: s(),
        }),
        r(Reason::ImageTooBig {
            reference: s(),
            size: s(),
            max: s(),
        }),
        r(Reason::ImageRootUser { reference: s() }),
        r(Reason::ImageNotRebuilt { reference: s() }),
        r(Reason::ContainerMissing {
            by: Selector::Name,
            selector: s(),
        }),
        r(Reason::ContainerState {
            container: s(),
            expected: s(),
            found: s(),
        }),
        r(Reason::ContainerPresent {
            container: s(),
            state: s(),
        }),
        r(Reason::PortNotPublished {
            container: s(),
            expected: s(),
        }),
        r(Reason::PortMismatch {
            container: s(),
            expected: s(),
            found: s(),
        }),
        r(Reason::NotOnNetwork {
            container: s(),
            expected: s(),
            found: s(),
        }),
        r(Reason::VolumeNotMounted {
            container: s(),
            volume: s(),
            path: s(),
            found: s(),
        }),
        r(Reason::NothingMountedAt {
            container: s(),
            path: s(),
        }),
        r(Reason::EnvMissing {
            container: s(),
            name: s(),
        }),
        r(Reason::EnvWrongValue {
            container: s(),
            name: s(),
        }),
        r(Reason::EnvPresent {
            container: s(),
            name: s(),
        }),
        r(Reason::DetachedMismatch {
            container: s(),
            expected: s(),
        }),
        r(Reason::AutoRemoveMismatch {
            container: s(),
            expected: s(),
        }),
        r(Reason::NetworkMissing { name: s() }),
        r(Reason::NetworkDriver {
            name: s(),
            expected: s(),
            found: s(),
        }),
        r(Reason::VolumeMissing { name: s() }),
        r(Reason::HttpUnreachable {
            url: s(),
            cause: s(),
            error: s(),
        }),
        r(Reason::HttpStatus {
            url: s(),
            expected: 200,
            found: 404,
        }),
        r(Reason::HttpBodyMissing {
            url: s(),
            text: s(),
        }),
        r(Reason::HttpNotJson { url: s() }),
        r(Reason::ExecNotRunning { container: s() }),
        r(Reason::ExecExitCode {
            container: s(),
            command: s(),
            expected: 0,
            found: 1,
        }),
        r(Reason::ExecOutputMissing {
            container: s(),
            command: s(),
            text: s(),
        }),
        r(Reason::FileMissing { path: s() }),
        r(Reason::FileLacks {
            path: s(),
            text: s(),
        }),
        r(Reason::FileEmpty { path: s() }),
        r(Reason::FileNotYaml {
            path: s(),
            line: 1,
            error: s(),
        }),
        r(Reason::ComposeProjectMissing { project: s() }),
        r(Reason::ComposeServiceDown {
            project: s(),
            service: s(),
        }),
        r(Reason::EventMissing {
            object: s(),
            action: s(),
            target: s(),
        }),
        r(Reason::DockerfileStages {
            path: s(),
            expected: 2,
            found: 1,
        }),
        r(Reason::DockerfileFinalFrom {
            path: s(),
            expected: s(),
            found: s(),
        }),
        r(Reason::DockerfileLatestBase {
            path: s(),
            line: 1,
            image: s(),
        }),
        r(Reason::DockerfileRunsNotCombined { path: s(), line: 1 }),
        r(Reason::DockerfileRootUser { path: s() }),
        r(Reason::DockerfileOrder {
            path: s(),
            instruction: s(),
        }),
        r(Reason::DockerfileEmpty { path: s() }),
        r(Reason::QuizUnanswered),
        r(Reason::QuizWrong { chosen: 1 }),
        r(Reason::SwarmState {
            expected: s(),
            found: s(),
        }),
        r(Reason::LogMissing {
            container: s(),
            pattern: s(),
        }),
        r(Reason::NeverSeen { container: s() }),
        r(Reason::RequestMissing {
            container: s(),
            request: s(),
        }),
        r(Reason::RequestAnswered {
            container: s(),
            request: s(),
            line: s(),
        }),
        r(Reason::StepNotBegun { step: s() }),
        r(Reason::EventNewContainer {
            action: s(),
            target: s(),
            container: s(),
        }),
        r(Reason::PortsPublished {
            container: s(),
            found: s(),
        }),
        r(Reason::PortHeld {
            container: s(),
            port: 8000,
            holder: s(),
        }),
        r(Reason::ContainerNotStarted {
            container: s(),
            port: 8000,
        }),
        r(Reason::DockerfilePackagesUnsorted {
            path: s(),
            line: 1,
            package: s(),
            after: s(),
        }),
        u(Unverifiable::SocketMissing { path: s() }),
        u(Unverifiable::PermissionDenied { path: s() }),
        u(Unverifiable::PipeMissing { path: s() }),
        u(Unverifiable::PipeDenied { path: s() }),
        u(Unverifiable::DaemonTimeout { host: s() }),
        u(Unverifiable::DaemonUnreachable {
            host: s(),
            error: s(),
        }),
        u(Unverifiable::ApiTooOld {
            found: s(),
            minimum: s(),
        }),
        u(Unverifiable::DaemonError { error: s() }),
        u(Unverifiable::FileUnreadable {
            path: s(),
            error: s(),
        }),
        u(Unverifiable::ProgressUnreadable { error: s() }),
        u(Unverifiable::NoProgress),
        u(Unverifiable::NoBeginning),
        u(Unverifiable::NoWorkdir),
        u(Unverifiable::NotInLedger),
        p(Problem::FileMissing),
        p(Problem::Unreadable { error: s() }),
        p(Problem::Toml { error: s() }),
        p(Problem::FormatVersion {
            found: 2,
            supported: 1,
        }),
        p(Problem::NoLessons),
        p(Problem::DuplicateLesson { lesson: s() }),
        p(Problem::BadId { name: s() }),
        p(Problem::NoSteps),
        p(Problem::DuplicateStep { step: s() }),
        p(Problem::DuplicateHint { hint: s() }),
        p(Problem::NoTitle),
        p(Problem::MissingSection {
            step: s(),
            file: s(),
        }),
        p(Problem::UnknownSection { section: s() }),
        p(Problem::SectionWithoutId { title: s() }),
        p(Problem::SectionOrder {
            step: s(),
            expected: s(),
        }),
        p(Problem::MissingHint {
            hint: s(),
            step: s(),
        }),
        p(Problem::UnknownHint {
            hint: s(),
            step: s(),
        }),
        p(Problem::QuizChoices {
            step: s(),
            expected: 3,
            found: 2,
        }),
        p(Problem::QuizAnswerRange {
            step: s(),
            answer: 4,
            choices: 3,
        }),
        p(Problem::SeveralQuizzes { step: s() }),
        p(Problem::ContainerSelector { step: s() }),
        p(Problem::EmptyCommand { step: s() }),
        p(Problem::TooManyRetries { step: s() }),
        p(Problem::PathOutsideWorkdir {
            step: s(),
            path: s(),
        }),
        p(Problem::NotUtf8),
        p(Problem::DuplicateSection { section: s() }),
        p(Problem::BadPattern {
            step: s(),
            error: s(),
        }),
        p(Problem::BadRequest {
            step: s(),
            request: s(),
        }),
        p(Problem::LogWhat { step: s() }),
        p(Problem::PointsNotANumber {
            step: s(),
            value: s(),
        }),
        p(Problem::PointsNegative {
            step: s(),
            value: s(),
        }),
        p(Problem::PointsTooPrecise {
            step: s(),
            value: s(),
        }),
        p(Problem::CheckPointsMissing { step: s() }),
        p(Problem::PointsDoNotAddUp {
            step: s(),
            points: s(),
            sum: s(),
        }),
        p(Problem::PointsWithoutChecks { step: s() }),
    ]
}

#[test]
fn every_reason_diagnosis_and_lint_problem_has_a_message_in_both_languages() {
    for lang in Lang::ALL {
        let tr = Tr::new(lang);
        for (prefix, value) in samples() {
            let (id, args) = data_message(prefix, &value);
            assert!(tr.has(&id), "{}: missing message {id}", lang.code());
            let text = tr.data(prefix, &value);
            assert!(!text.contains('\u{2068}'), "isolation marks in {id}");
            for (name, _) in args.iter() {
                assert!(
                    !text.contains(&format!("{{${name}}}")),
                    "{id}: unresolved {name}"
                );
            }
        }
    }
    // The connection diagnoses come with a fix.
    for id in [
        "socket-missing",
        "permission-denied",
        "pipe-missing",
        "pipe-denied",
        "daemon-timeout",
        "daemon-unreachable",
        "api-too-old",
    ] {
        for lang in Lang::ALL {
            assert!(
                Tr::new(lang).has(&format!("fix-{id}")),
                "fix-{id} in {}",
                lang.code()
            );
        }
    }
}

#[test]
fn every_variant_is_listed() {
    // Counting the variants the enums declare keeps `samples` honest when one is added.
    let declared = |file: &str, enum_name: &str| {
        let text = std::fs::read_to_string(format!("{}/src/{file}", env!("CARGO_MANIFEST_DIR")))
            .expect("source");
        let body = text
            .split(&format!("pub enum {enum_name} {{"))
            .nth(1)
            .expect("enum")
            .split("\n}")
            .next()
            .expect("body")
            .to_string();
        body.lines()
            .filter(|l| {
                let t = l.trim_start();
                l.starts_with("    ")
                    && !l.starts_with("     ")
                    && t.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            })
            .count()
    };
    let count = |prefix: &str| samples().iter().filter(|(p, _)| *p == prefix).count();
    assert_eq!(declared("check/outcome.rs", "Reason"), count("reason"));
    assert_eq!(
        declared("check/outcome.rs", "Unverifiable"),
        count("unverifiable")
    );
    assert_eq!(declared("course/lint.rs", "Problem"), count("lint"));
    assert_eq!(
        declared("commands/doctor_host.rs", "HostNote"),
        count("doctor-host")
    );
}

#[test]
fn built_in_lessons_have_the_same_steps_in_both_languages() {
    // The loader refuses a step missing in either language; here we also compare titles exist.
    let course = pracdocker::course::load(&Source::BuiltIn).expect("built-in course lints clean");
    for lesson in &course.lessons {
        for lang in Lang::ALL {
            assert!(
                !lesson.title.get(lang).is_empty(),
                "{} has no title in {}",
                lesson.id,
                lang.code()
            );
        }
        for step in &lesson.steps {
            for lang in Lang::ALL {
                let t = step.text.get(lang);
                assert!(
                    !t.title.is_empty(),
                    "{}/{} untitled in {}",
                    lesson.id,
                    step.id,
                    lang.code()
                );
                assert_eq!(
                    t.hints.len(),
                    step.text.es.hints.len(),
                    "{}/{} hints differ",
                    lesson.id,
                    step.id
                );
            }
        }
    }
}

#[test]
fn every_actionable_built_in_step_has_hints_from_a_nudge_to_the_command() {
    let course = pracdocker::course::load(&Source::BuiltIn).expect("built-in course");
    for lesson in &course.lessons {
        for step in &lesson.steps {
            if step.checks.iter().all(|c| c.kind() == "quiz") {
                continue;
            }
            for lang in Lang::ALL {
                let hints = &step.text.get(lang).hints;
                assert!(
                    hints.len() >= 2,
                    "{}/{}: {} hint(s) in {}",
                    lesson.id,
                    step.id,
                    hints.len(),
                    lang.code()
                );
                let last = &hints[hints.len() - 1].1;
                assert!(
                    last.contains("```") || last.contains('`'),
                    "{}/{}: the last hint in {} should give the exact command or text",
                    lesson.id,
                    step.id,
                    lang.code()
                );
            }
        }
    }
}
