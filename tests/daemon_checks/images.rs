//! Image checks on the daemon, and the user's own image under a course name kept through a test.

use super::*;

#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn image_checks() {
    let Some(_serial) = daemon_tests("image_checks") else {
        return;
    };
    block_on(async {
        let base = busybox_image();
        let _c = Cleanup::new(
            &[],
            &[],
            &[],
            &["python-docker:latest", "python-docker:v1.0.0"],
        );
        let dir = tempfile::tempdir().expect("tempdir");
        let start = now() - 2;
        docker(&["tag", base, "python-docker:latest"]);
        docker(&["tag", "python-docker:latest", "python-docker:v1.0.0"]);
        let ctx = ctx(dir.path(), start).await;
        let tag = r#"{ kind = "image", reference = "python-docker:v1.0.0", same_as = "python-docker:latest" }"#;
        assert_eq!(outcome(&ctx, tag).await, Outcome::Passed);
        assert_eq!(
            outcome(
                &ctx,
                r#"{ kind = "image", reference = "python-docker", max_size = "100MB" }"#
            )
            .await,
            Outcome::Passed
        );
        assert!(matches!(
            failed(
                outcome(
                    &ctx,
                    r#"{ kind = "image", reference = "python-docker", max_size = "100KB" }"#
                )
                .await
            ),
            Reason::ImageTooBig { .. }
        ));
        assert_eq!(
            failed(
                outcome(
                    &ctx,
                    r#"{ kind = "image", reference = "python-docker:v1.0.0", non_root_user = true }"#
                )
                .await
            ),
            Reason::ImageRootUser {
                reference: "python-docker:v1.0.0".into()
            }
        );
        assert!(matches!(
            failed(
                outcome(
                    &ctx,
                    r#"{ kind = "image", reference = "python-docker:v2" }"#
                )
                .await
            ),
            Reason::ImageMissing { .. }
        ));

        // Near miss: latest rebuilt, so v1.0.0 now names another image.
        sh(&format!(
            "printf 'FROM {base}\\nUSER 1000\\nLABEL rebuilt=1\\n' | DOCKER_BUILDKIT={} docker build -q -t python-docker:latest - >/dev/null",
            support::docker_buildkit()
        ));
        assert_eq!(
            failed(outcome(&ctx, tag).await),
            Reason::ImageNotSame {
                reference: "python-docker:v1.0.0".into(),
                other: "python-docker:latest".into()
            }
        );
        let user = r#"{ kind = "image", reference = "python-docker", non_root_user = true, built_during_step = true }"#;
        assert_eq!(outcome(&ctx, user).await, Outcome::Passed);
        let later = self::ctx(dir.path(), now() + 3600).await;
        assert!(matches!(
            failed(outcome(&later, user).await),
            Reason::ImageNotRebuilt { .. }
        ));
    });
}

/// Whoever runs these tests on their own daemon keeps their images under the course's names: a
/// test removes `capas:v1.1.0`, and the user's own image is back under that name afterwards.
#[test]
#[cfg_attr(
    not(daemon_tests),
    ignore = "needs a Docker daemon: set PRACDOCKER_DAEMON_TESTS=1"
)]
fn the_users_own_image_under_a_course_name_comes_back() {
    let Some(_serial) = daemon_tests("the_users_own_image_under_a_course_name_comes_back") else {
        return;
    };
    let reference = "capas:v1.1.0";
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().display();
    let id = sh(&format!(
        "echo {} > {root}/mine && tar -C {root} -c mine | docker import - {reference}",
        support::stand_ins::run_id()
    ));
    support::kept::keep();
    support::stand_ins::remove_course_objects();
    let gone = std::process::Command::new("docker")
        .args(["image", "inspect", reference])
        .output()
        .expect("docker");
    assert!(
        !gone.status.success(),
        "the test's cleanup removed the name"
    );
    support::kept::restore();
    assert_eq!(
        docker(&["image", "inspect", "--format", "{{.Id}}", reference]),
        id,
        "the user's image is back under its name"
    );
    let kept = docker(&[
        "image",
        "ls",
        "--filter",
        "reference=pracdocker-kept/*",
        "-q",
    ]);
    assert!(kept.is_empty(), "no second name is left: {kept}");
    docker(&["image", "rm", reference]);
}
