//! File checkpoints (Compose files, workflows) built from the lesson's own code blocks: today's
//! spellings pass and their near misses fail.

use super::*;

/// The first code block of `fence` (`yaml`, `dockerfile`...) in a step's prose that contains
/// `marker`, with a final newline as the learner's editor saves it.
fn lesson_block(step: &Step, lang: Lang, fence: &str, marker: &str) -> String {
    let blocks = step.text.get(lang).doc.code_blocks();
    let block = blocks
        .iter()
        .find(|b| b.lang.as_deref() == Some(fence) && b.text.contains(marker))
        .unwrap_or_else(|| {
            panic!(
                "{} ({}) has a {fence} block with {marker}",
                step.id,
                lang.code()
            )
        });
    format!("{}\n", block.text)
}

/// Writes `text` at `rel` under `dir`, creating folders.
fn put(dir: &Path, rel: &str, text: &str) {
    support::courses::write(dir, rel, text);
}

/// File checkpoints on today's Docker, each lesson's own file passing next to its near miss:
/// `--host 0.0.0.0` and the exec form in docker-init; `image: postgres` untagged (PostgreSQL 18
/// keeps its data elsewhere) in compose-yaml; a workflow saved as `.yaml`; packages out of
/// alphabetical order; lesson 11's `COPY go.mod go.sum ./`. No daemon involved.
#[test]
fn file_checkpoints_accept_todays_spellings_and_refuse_their_near_misses() {
    let course = Course::built_in().expect("the built-in course loads");
    block_on(async {
        // 01-imagen-python/docker-init: the by-hand Dockerfile with a space, or in exec form.
        let key = "01-imagen-python/docker-init";
        let (lesson, step) = step_of(&course, key);
        let files = stand_ins::docker_init_files(step, Lang::Es);
        let dir = tempfile::tempdir().expect("tempdir");
        let ctx = offline(dir.path());
        let cmd = "CMD python3 -m flask run --host=0.0.0.0";
        for variant in [
            "CMD python3 -m flask run --host 0.0.0.0",
            r#"CMD ["python3", "-m", "flask", "run", "--host", "0.0.0.0"]"#,
            r#"CMD ["python3", "-m", "flask", "run", "--host=0.0.0.0"]"#,
        ] {
            for (name, text) in &files {
                put(
                    dir.path(),
                    &format!("python-docker/{name}"),
                    &text.replace(cmd, variant),
                );
            }
            let r = run_step(&ctx, lesson, step).await;
            assert_eq!(
                r.status(),
                Status::Passed,
                "{key} with {variant}: {:?}",
                r.checks
            );
        }

        // 05-compose/compose-yaml: the lesson's file, then the image untagged or PostgreSQL 18.
        let key = "05-compose/compose-yaml";
        let (lesson, step) = step_of(&course, key);
        let compose = lesson_block(step, Lang::Es, "yaml", "services:");
        assert_eq!(
            compose,
            lesson_block(step, Lang::En, "yaml", "services:"),
            "{key}: one file"
        );
        put(dir.path(), "python-docker-dev/compose.yaml", &compose);
        let r = run_step(&ctx, lesson, step).await;
        assert_eq!(r.status(), Status::Passed, "{key}: {:?}", r.checks);
        let check = checks_of(&course, key).remove(0);
        for image in [
            "image: postgres\n",
            "image: postgres:18\n",
            "image: postgres:latest\n",
        ] {
            let near = compose.replace("image: postgres:17\n", image);
            assert_ne!(near, compose, "{key}: the lesson's image line");
            put(dir.path(), "python-docker-dev/compose.yaml", &near);
            assert_eq!(
                reason(&ctx, key, &check).await,
                Reason::FileLacks {
                    path: "python-docker-dev/compose.yaml".into(),
                    text: "image: postgres:17".into()
                },
                "{key} with {image}"
            );
        }
        for lang in Lang::ALL {
            assert!(
                step.text
                    .get(lang)
                    .hints
                    .iter()
                    .any(|(_, body)| body.contains("postgres:17")
                        && body.contains("/var/lib/postgresql/18/docker")),
                "{key} ({}): a hint says why 17",
                lang.code()
            );
        }

        // 06-ci-cd/flujo-de-trabajo: the lesson's workflow as main.yml or main.yaml; not as .txt.
        let key = "06-ci-cd/flujo-de-trabajo";
        let (lesson, step) = step_of(&course, key);
        let workflow = lesson_block(step, Lang::Es, "yaml", "jobs:");
        let folder = "python-docker-dev/.github/workflows";
        for name in ["main.yml", "main.yaml"] {
            let dir = tempfile::tempdir().expect("tempdir");
            put(dir.path(), &format!("{folder}/{name}"), &workflow);
            let r = run_step(&offline(dir.path()), lesson, step).await;
            assert_eq!(
                r.status(),
                Status::Passed,
                "{key} as {name}: {:?}",
                r.checks
            );
        }
        let txt = tempfile::tempdir().expect("tempdir");
        put(txt.path(), &format!("{folder}/main.txt"), &workflow);
        let check = checks_of(&course, key).remove(0);
        assert!(
            matches!(
                reason(&offline(txt.path()), key, &check).await,
                Reason::FileMissing { .. }
            ),
            "{key}: a .txt is no workflow"
        );

        // 09-dockerfiles/ordenar-argumentos: the lesson's Dockerfile, then curl after python3.
        let key = "09-dockerfiles/ordenar-argumentos";
        let (lesson, step) = step_of(&course, key);
        let capas = lesson_block(step, Lang::Es, "dockerfile", "FROM");
        assert!(capas.contains("ca-certificates"), "{key}: {capas}");
        put(dir.path(), "capas/Dockerfile", &capas);
        let r = run_step(&ctx, lesson, step).await;
        assert_eq!(r.status(), Status::Passed, "{key}: {:?}", r.checks);
        let unsorted = capas.replace(
            "    curl \\\n    python3 \\\n",
            "    python3 \\\n    curl \\\n",
        );
        assert_ne!(unsorted, capas, "{key}: the lesson's package lines");
        put(dir.path(), "capas/Dockerfile", &unsorted);
        let r = run_step(&ctx, lesson, step).await;
        assert!(
            r.checks.iter().any(|c| c.outcome
                == Outcome::Failed(Reason::DockerfilePackagesUnsorted {
                    path: "capas/Dockerfile".into(),
                    line: 3,
                    package: "curl".into(),
                    after: "python3".into()
                })),
            "{key}: {:?}",
            r.checks
        );

        // 11-construir/reordenar: the lesson's Dockerfile copies two files into a folder (`./`),
        // which the classic builder requires, and passes.
        let key = "11-construir/reordenar";
        let (lesson, step) = step_of(&course, key);
        let buildme = lesson_block(step, Lang::Es, "dockerfile", "FROM");
        assert!(
            buildme.contains("COPY go.mod go.sum ./\n"),
            "{key}: {buildme}"
        );
        put(dir.path(), "buildme/Dockerfile", &buildme);
        let r = run_step(&ctx, lesson, step).await;
        assert_eq!(r.status(), Status::Passed, "{key}: {:?}", r.checks);
    });
}
