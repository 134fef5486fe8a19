//! Locally built stand-ins for the images the built-in course pulls or builds from registry bases
//! (`python:3.11.4-slim`, `postgres:17`, `golang`, `ubuntu`, `busybox:1.36`): all of them are
//! built `FROM` the busybox fixture with the legacy builder, because there is no registry.
//!
//! Every stand-in carries the label [`LABEL`] with a value unique to the test process, so that
//! (a) the build cache of an earlier run is never reused (a "rebuild" in this run really builds),
//! and (b) every container started from a stand-in, named or not, can be found and removed.

use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use super::{busybox_image, docker, docker_quiet};

/// Label on every stand-in image (and so on every container started from one).
pub const LABEL: &str = "pracdocker.walkthrough";

/// Image references the course creates (or that its Compose project builds).
pub const COURSE_IMAGES: &[&str] = &[
    "python-docker:latest",
    "python-docker:v1.0.0",
    "python-docker:v1.0.0-prod",
    "python-docker:v1.0.1",
    "python-docker-dev:latest",
    // `docker-compose` 1.x names the built server image `<project>_<service>`, Compose v2 `-`.
    "python-docker-dev_server:latest",
    "python-docker-dev-server:latest",
    "postgres:17",
    "capas:v1.0.0",
    "capas:v1.1.0",
    "hola-stdin:v1.0.0",
    "buildme:latest",
];

/// Containers the course names.
pub const COURSE_CONTAINERS: &[&str] = &["db", "rest-server", "python-app"];

/// Networks the course creates (directly or through Compose).
pub const COURSE_NETWORKS: &[&str] = &["postgresnet", "python-docker-dev_default"];

/// Volumes the course creates (directly or through Compose).
pub const COURSE_VOLUMES: &[&str] = &["db-data", "python-docker-dev_db-data"];

/// The Compose project of lesson 5 (the folder name `python-docker-dev`).
pub const COMPOSE_PROJECT: &str = "python-docker-dev";

/// This process's value of [`LABEL`].
pub fn run_id() -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        format!("{}-{nanos}", std::process::id())
    })
}

/// `FROM` the fixture plus this run's label: the first lines of every stand-in stage.
fn base() -> String {
    format!("FROM {}\nLABEL {LABEL}={}\n", busybox_image(), run_id())
}

/// Builds `dockerfile` (kept outside the context, as a learner's Dockerfile would not be
/// replaced) with the builder [`super::docker_buildkit`] picks (the legacy one unless told); `extra` are more `docker build` flags (`--no-cache`).
pub fn build(tag: &str, dockerfile: &str, context: &Path, extra: &[&str]) {
    let dir = tempfile::tempdir().expect("tempdir for a stand-in Dockerfile");
    let file = dir.path().join("Dockerfile");
    std::fs::write(&file, dockerfile).expect("write the stand-in Dockerfile");
    let file = file.to_string_lossy().into_owned();
    let context = context.to_string_lossy().into_owned();
    let mut args = vec!["build", "-q", "-f", file.as_str(), "-t", tag];
    args.extend(extra);
    args.push(context.as_str());
    // Arranging, not judging: a build is retried twice. On Engine 26.1 under CI's load a RUN of
    // this fixture once exited 1 with no output and passed on the next run, unchanged.
    let run = || {
        Command::new("docker")
            .env("DOCKER_BUILDKIT", super::docker_buildkit())
            .args(&args)
            .output()
            .expect("docker CLI")
    };
    let mut out = run();
    for _ in 0..2 {
        if out.status.success() {
            break;
        }
        super::skipped(
            "stand-in build (retried)",
            &String::from_utf8_lossy(&out.stderr),
        );
        out = run();
    }
    assert!(
        out.status.success(),
        "docker {}:\n{dockerfile}\n{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The Flask apps (`python-docker`, `python-docker-dev`): like the Dockerfile `docker init`
/// writes, a non-root `appuser`, the project copied in, port 5000; a busybox `nc` server answers
/// `Hello, Docker!` on `/`, the rows of `/var/db/widgets` on `/widgets` (`[]` at first) and
/// `init database` on `/initdb`, which empties that file; it logs each request like Flask does.
/// `/var/db/widgets` stands in for the database's table: made by root, writable by `appuser`.
pub fn flask_dockerfile() -> String {
    format!(
        "{}RUN echo 'appuser:x:10001:10001::/nonexistent:/bin/sh' >> /etc/passwd \\
 && mkdir -p /var/db && : > /var/db/widgets && chmod 777 /var/db && chmod 666 /var/db/widgets
WORKDIR /app
USER appuser
COPY . .
EXPOSE 5000
CMD [\"nc\", \"-ll\", \"-p\", \"5000\", \"-e\", \"/bin/flask-stand-in\"]
",
        base()
    )
}

/// Builds a Flask app stand-in from a project folder.
pub fn flask_app(tag: &str, context: &Path, extra: &[&str]) {
    build(tag, &flask_dockerfile(), context, extra);
}

/// A Flask app built from a Dockerfile without `--host=0.0.0.0`: the server listens only on the
/// container's loopback interface, so a published port reaches nothing.
pub fn flask_app_loopback_only(tag: &str, context: &Path) {
    // busybox `nc` cannot bind one address; `httpd` can, and serves the same answers.
    let dockerfile = flask_dockerfile().replace(
        "CMD [\"nc\", \"-ll\", \"-p\", \"5000\", \"-e\", \"/bin/flask-stand-in\"]",
        "CMD [\"httpd\", \"-f\", \"-p\", \"127.0.0.1:5000\", \"-h\", \"/www\"]",
    );
    assert_ne!(
        dockerfile,
        flask_dockerfile(),
        "the stand-in's listen address"
    );
    build(tag, &dockerfile, context, &[]);
}

/// What `docker init` writes, as a learner without Docker Desktop reads it in the lesson: the
/// `dockerfile`, `dockerignore` and `yaml` code blocks of a `docker-init` step's prose in
/// `lang`, as (file name, content). Panics unless there is exactly one of each.
pub fn docker_init_files(
    step: &pracdocker::course::Step,
    lang: pracdocker::lang::Lang,
) -> Vec<(&'static str, String)> {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
    let body = &step.text.get(lang).body;
    let mut blocks: Vec<(String, String)> = Vec::new();
    let mut open: Option<(String, String)> = None;
    for ev in Parser::new(body) {
        match ev {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                open = Some((info.to_string(), String::new()));
            }
            Event::Text(t) => {
                if let Some((_, text)) = open.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => blocks.extend(open.take()),
            _ => {}
        }
    }
    [
        ("dockerfile", "Dockerfile"),
        ("dockerignore", ".dockerignore"),
        ("yaml", "compose.yaml"),
    ]
    .into_iter()
    .map(|(info, file)| {
        let found: Vec<&(String, String)> = blocks.iter().filter(|(i, _)| i == info).collect();
        assert_eq!(
            found.len(),
            1,
            "{} ({}): one `{info}` block for {file}",
            step.id,
            lang.code()
        );
        (file, found[0].1.clone())
    })
    .collect()
}

/// `postgres:17`: `psql ... -c 'select 1'` prints `1`, `pg_isready` succeeds (the Compose
/// healthcheck), a `postgres` user exists (Compose's `user: postgres`), and the container stays up.
pub fn postgres() {
    let dockerfile = format!(
        "{}RUN printf '#!/bin/sh\\necho 1\\n' > /bin/psql \\
 && printf '#!/bin/sh\\nexit 0\\n' > /bin/pg_isready \\
 && busybox chmod 755 /bin/psql /bin/pg_isready \\
 && echo 'postgres:x:999:999::/var/lib/postgresql:/bin/sh' >> /etc/passwd \\
 && mkdir -p /var/lib/postgresql/data
EXPOSE 5432
CMD [\"sleep\", \"86400\"]
",
        base()
    );
    let empty = tempfile::tempdir().expect("tempdir");
    build("postgres:17", &dockerfile, empty.path(), &[]);
}

/// The `capas` image of lessons 7 and 9 (`FROM ubuntu:22.04`, `apt-get install python3`): the
/// folder's Dockerfile is copied in, so each version of it makes another image.
pub fn capas(tag: &str, context: &Path) {
    let dockerfile = format!(
        "{}COPY . /capas
CMD [\"echo\", \"Python 3.10.12\"]
",
        base()
    );
    build(tag, &dockerfile, context, &[]);
}

/// The `docker build -` of lesson 9: a Dockerfile piped through stdin, no context.
pub fn hola_stdin(tag: &str) {
    let dockerfile = format!("{}RUN echo hola desde stdin\n", base());
    let script = format!(
        "printf '%s' '{dockerfile}' | DOCKER_BUILDKIT={} docker build -q -t {tag} - >/dev/null",
        super::docker_buildkit()
    );
    super::sh(&script);
}

/// `buildme` (lesson 11): the single-stage image carries a 60 MB stand-in for the Go toolchain,
/// the project, and two programs; the multi-stage one copies only the programs into `scratch`.
pub fn buildme(tag: &str, context: &Path, multi_stage: bool) {
    let build_stage = format!(
        "{}RUN busybox dd if=/dev/zero of=/usr-local-go bs=1048576 count=60 2>/dev/null
WORKDIR /src
COPY . .
RUN busybox cp /bin/busybox /bin/client && busybox cp /bin/busybox /bin/server
",
        base()
    );
    let dockerfile = if multi_stage {
        format!(
            "{build_stage}
FROM scratch
LABEL {LABEL}={}
COPY --from=0 /bin/client /bin/server /bin/
ENTRYPOINT [\"/bin/server\"]
",
            run_id()
        )
    } else {
        format!("{build_stage}ENTRYPOINT [\"/bin/server\"]\n")
    };
    build(tag, &dockerfile, context, &[]);
}

/// The container ids carrying `label` (`key` or `key=value`), any state. Never panics (it also
/// runs while a failed test unwinds).
pub fn containers_labelled(label: &str) -> Vec<String> {
    Command::new("docker")
        .args([
            "ps",
            "-aq",
            "--no-trunc",
            "--filter",
            &format!("label={label}"),
        ])
        .output()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .map(str::to_string)
                .filter(|l| !l.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// Removes every object the course creates: the named containers, every container from a
/// stand-in image, the Compose project's containers, networks, volumes, image tags, and the
/// untagged stand-in images left by builds. Ignores what does not exist and never panics. The
/// fixture stays.
pub fn remove_course_objects() {
    let mut containers = containers_labelled(LABEL);
    containers.extend(containers_labelled(&format!(
        "com.docker.compose.project={COMPOSE_PROJECT}"
    )));
    for c in COURSE_CONTAINERS
        .iter()
        .map(|s| s.to_string())
        .chain(containers)
    {
        docker_quiet(&["rm", "-f", "-v", &c]);
    }
    for n in COURSE_NETWORKS {
        docker_quiet(&["network", "rm", n]);
    }
    for v in COURSE_VOLUMES {
        docker_quiet(&["volume", "rm", "-f", v]);
    }
    for i in COURSE_IMAGES {
        docker_quiet(&["image", "rm", "-f", i]);
    }
    docker_quiet(&[
        "image",
        "prune",
        "-f",
        "--filter",
        &format!("label={LABEL}"),
    ]);
}

/// Whether something accepts TCP connections on `127.0.0.1:port`.
pub fn port_in_use(port: u16) -> bool {
    std::net::TcpStream::connect_timeout(
        &std::net::SocketAddr::from(([127, 0, 0, 1], port)),
        std::time::Duration::from_millis(300),
    )
    .is_ok()
}

/// What Compose makes of lesson 5's compose.yaml (`folder` is python-docker-dev), by hand, for a
/// machine without Compose: the project's network and volume, `db` from the postgres stand-in
/// and `server` from the Flask stand-in publishing 8000→5000, with Compose's labels and v1 names.
pub fn compose_by_hand(folder: &Path) {
    let p = COMPOSE_PROJECT;
    let (network, volume) = (format!("{p}_default"), format!("{p}_db-data"));
    let project = format!("com.docker.compose.project={p}");
    let service = |s: &str| format!("com.docker.compose.service={s}");
    docker(&["network", "create", "--label", &project, &network]);
    docker(&["volume", "create", "--label", &project, &volume]);
    let secret = format!(
        "{}:/run/secrets/db-password:ro",
        folder.join("db/password.txt").display()
    );
    let data = format!("{volume}:/var/lib/postgresql/data");
    docker(&[
        "run",
        "-d",
        "--name",
        &format!("{p}_db_1"),
        "--label",
        &project,
        "--label",
        &service("db"),
        "--network",
        &network,
        "--network-alias",
        "db",
        "--restart",
        "always",
        "--user",
        "postgres",
        "-v",
        &secret,
        "-v",
        &data,
        "-e",
        "POSTGRES_DB=example",
        "-e",
        "POSTGRES_PASSWORD_FILE=/run/secrets/db-password",
        "--expose",
        "5432",
        "postgres:17",
    ]);
    let image = format!("{p}_server");
    flask_app(&image, folder, &[]);
    docker(&[
        "run",
        "-d",
        "--name",
        &format!("{p}_server_1"),
        "--label",
        &project,
        "--label",
        &service("server"),
        "--network",
        &network,
        "-p",
        "8000:5000",
        "-e",
        "POSTGRES_PASSWORD=mysecretpassword",
        &image,
    ]);
}
