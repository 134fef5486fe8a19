//! The built-in course "up", as a learner who played it leaves the daemon: the images and tags,
//! `db` on `postgresnet` with `db-data`, the lesson-5 Compose project (`server` publishing
//! 8000→5000 and `db`), the learner's folder and a progress file in which every step is done.
//! Arranged with the docker CLI (which may arrange and observe, never check) for the read-only
//! test and the benchmark; everything is removed again on drop, also while a test unwinds.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use pracdocker::check::Check;
use pracdocker::course::Course;
use pracdocker::key::StepKey;
use pracdocker::progress::{Progress, VERSION};

use super::learner_files::*;
use super::{docker, now, stand_ins};

/// The host ports the course publishes; both states of the benchmark start with them free.
pub const COURSE_PORTS: [u16; 3] = [8000, 5000, 5432];

/// How long the Compose server may take to answer.
const SERVER_START: Duration = Duration::from_secs(30);

/// Nothing of the course exists: its objects are removed and its host ports are free.
pub fn fresh() {
    stand_ins::remove_course_objects();
    for port in COURSE_PORTS {
        assert!(
            !stand_ins::port_in_use(port),
            "host port {port} is in use; the course needs 8000, 5000 and 5432 free"
        );
    }
}

/// The course's objects up and its learner's files written; torn down on drop.
pub struct CourseUp {
    /// The learner's folder (`--workdir`).
    pub ws: PathBuf,
    /// The progress file (`PRACDOCKER_PROGRESS`): every step completed, quizzes answered right.
    pub progress: PathBuf,
    /// When every step was completed (seconds since the epoch): each step's events and logs
    /// window opens the second after, before any object was made, so `event`, `log` and rebuild
    /// checks have something to read.
    pub completed_at: i64,
    /// Id of the Compose project's `server` container (it holds the widgets "table").
    pub server: String,
    _ws_dir: tempfile::TempDir,
    scratch: tempfile::TempDir,
    torn_down: bool,
}

impl CourseUp {
    /// Removes whatever of the course exists, then brings it all up. Takes about half a minute.
    pub fn new(course: &Course) -> CourseUp {
        fresh();
        let ws_dir = tempfile::Builder::new()
            .prefix("pracdocker-taller")
            .tempdir()
            .expect("workspace tempdir");
        let mut up = CourseUp {
            ws: ws_dir.path().to_path_buf(),
            progress: PathBuf::new(),
            completed_at: now() - 1,
            server: String::new(),
            _ws_dir: ws_dir,
            scratch: tempfile::tempdir().expect("scratch tempdir"),
            torn_down: false,
        };
        up.progress = up.scratch.path().join("progress.json");
        up.write_progress(course);
        up.write_learner_files();
        up.build_images();
        docker(&["volume", "create", "db-data"]);
        docker(&["network", "create", "postgresnet"]);
        run_postgres();
        up.play_lesson_two();
        up.compose_up();
        up.server = docker(&[
            "ps",
            "-q",
            "--no-trunc",
            "--filter",
            &format!(
                "label=com.docker.compose.project={}",
                stand_ins::COMPOSE_PROJECT
            ),
            "--filter",
            "label=com.docker.compose.service=server",
        ]);
        assert!(!up.server.is_empty(), "the Compose project's server runs");
        let deadline = Instant::now() + SERVER_START;
        while http_get(8000, "/").as_deref() != Some("Hello, Docker!") {
            assert!(Instant::now() < deadline, "the server answers on port 8000");
            std::thread::sleep(Duration::from_millis(100));
        }
        // The learner's `curl http://localhost:8000/initdb` of lesson 5 (its `log` check reads it).
        assert_eq!(http_get(8000, "/initdb").as_deref(), Some("init database"));
        up
    }

    /// The body of `GET /widgets` from the Compose server: its rows as a JSON array.
    pub fn widgets(&self) -> String {
        http_get(8000, "/widgets").expect("GET /widgets answers")
    }

    /// Stores a row (one line of JSON) in the server's widgets "table".
    pub fn add_widget(&self, row: &str) {
        docker(&[
            "exec",
            &self.server,
            "sh",
            "-c",
            "echo \"$1\" >> /var/db/widgets",
            "sh",
            row,
        ]);
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.ws.join(rel)
    }

    fn write(&self, rel: &str, text: &str) {
        write_file(&self.path(rel), text);
    }

    /// Every step completed at [`CourseUp::completed_at`], every quiz answered right.
    fn write_progress(&self, course: &Course) {
        let at = pracdocker::clock::from_secs(self.completed_at);
        let mut p = Progress {
            version: VERSION,
            started: Some(at),
            ..Default::default()
        };
        for (lesson, step) in course.steps() {
            let key = StepKey::new(&lesson.id, &step.id);
            for c in &step.checks {
                if let Check::Quiz(q) = c {
                    p.answers.insert(key.clone(), q.answer);
                }
            }
            p.completed.insert(key, at);
        }
        let text = serde_json::to_string_pretty(&p).expect("progress as JSON");
        write_file(&self.progress, &text);
    }

    /// What the learner's folder holds at the end of the course.
    fn write_learner_files(&self) {
        for project in ["python-docker", "python-docker-dev"] {
            self.write(&format!("{project}/Dockerfile"), DOCKERFILE);
            self.write(&format!("{project}/.dockerignore"), DOCKERIGNORE);
            self.write(&format!("{project}/README.md"), &format!("# {project}\n"));
        }
        self.write("python-docker/app.py", PYTHON_DOCKER_APP);
        self.write("python-docker/requirements.txt", REQUIREMENTS);
        self.write("python-docker/compose.yaml", DOCKER_INIT_COMPOSE);
        self.write(
            "python-docker/.venv/pyvenv.cfg",
            "home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.4\n",
        );
        self.write("python-docker-dev/app.py", PYTHON_DOCKER_DEV_APP);
        self.write(
            "python-docker-dev/requirements.txt",
            &format!("{REQUIREMENTS}psycopg2-binary==2.9.6\n"),
        );
        self.write("python-docker-dev/compose.yaml", COMPOSE_DEV);
        self.write("python-docker-dev/db/password.txt", "mysecretpassword\n");
        self.write("python-docker-dev/.github/workflows/main.yml", WORKFLOW);
        self.write("capas/Dockerfile", CAPAS);
        self.write("buildme/go.mod", BUILDME_GO_MOD);
        self.write("buildme/go.sum", BUILDME_GO_SUM);
        for program in ["client", "server"] {
            self.write(
                &format!("buildme/cmd/{program}/main.go"),
                &format!("package main\n\nimport \"fmt\"\n\nfunc main() {{\n\tfmt.Println(\"{program}\")\n}}\n"),
            );
        }
        self.write("buildme/Dockerfile", BUILDME);
    }

    /// The images and tags the course makes, from the stand-ins.
    fn build_images(&self) {
        stand_ins::postgres();
        stand_ins::flask_app("python-docker", &self.path("python-docker"), &[]);
        docker(&["tag", "python-docker:latest", "python-docker:v1.0.0"]);
        docker(&["tag", "python-docker:v1.0.0", "python-docker:v1.0.0-prod"]);
        stand_ins::flask_app(
            "python-docker:v1.0.1",
            &self.path("python-docker"),
            &["--no-cache"],
        );
        stand_ins::flask_app("python-docker-dev", &self.path("python-docker-dev"), &[]);
        stand_ins::capas("capas:v1.0.0", &self.path("capas"));
        stand_ins::capas("capas:v1.1.0", &self.path("capas"));
        stand_ins::hola_stdin("hola-stdin:v1.0.0");
        stand_ins::buildme("buildme", &self.path("buildme"), true);
    }

    /// Lesson 2's container life, so its `event` checks have events to read: run, stop, start,
    /// restart, rename to `python-app`, stop, remove (port 8000 is left to the Compose server).
    fn play_lesson_two(&self) {
        let app = docker(&["run", "-d", "python-docker"]);
        docker(&["stop", "-t", "1", &app]);
        docker(&["start", &app]);
        docker(&["restart", "-t", "1", &app]);
        docker(&["rename", &app, "python-app"]);
        docker(&["stop", "-t", "1", "python-app"]);
        docker(&["rm", "python-app"]);
    }

    /// `docker compose up -d --build` in python-docker-dev: Compose when installed (v1, or v2 with
    /// `PRACDOCKER_TEST_COMPOSE=v2`; an override builds the server from the Flask stand-in), else
    /// the two services by `docker run` with Compose's labels. The database's healthcheck keeps
    /// the lesson's 10 s (the walkthrough shortens it to 1 s): `up` waits 10 s longer, but the
    /// daemon is not busier than the learner's while the benchmark measures.
    fn compose_up(&self) {
        let Some(mut compose) = super::compose_command() else {
            return self.compose_stand_in();
        };
        let dockerfile = self.scratch.path().join("server.Dockerfile");
        write_file(&dockerfile, &stand_ins::flask_dockerfile());
        let override_file = self.scratch.path().join("compose.override.yaml");
        write_file(
            &override_file,
            &format!(
                "services:\n  server:\n    build:\n      dockerfile: {}\n",
                dockerfile.display()
            ),
        );
        let out = compose
            .current_dir(self.path("python-docker-dev"))
            .arg("-f")
            .arg("compose.yaml")
            .arg("-f")
            .arg(&override_file)
            .args(["up", "-d", "--build"])
            .output()
            .expect("docker-compose");
        assert!(
            out.status.success(),
            "docker-compose up: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// What Compose makes of lesson 5's compose.yaml, by hand.
    fn compose_stand_in(&self) {
        stand_ins::compose_by_hand(&self.path("python-docker-dev"));
    }

    /// Removes everything the course made; never panics. Idempotent.
    pub fn tear_down(&mut self) {
        if !self.torn_down {
            self.torn_down = true;
            stand_ins::remove_course_objects();
        }
    }
}

impl Drop for CourseUp {
    fn drop(&mut self) {
        self.tear_down();
    }
}

/// Lesson 3's command, as the learner types it: PostgreSQL on `postgresnet` with the `db-data`
/// volume, port 5432 published.
pub fn run_postgres() {
    docker(&[
        "run",
        "--rm",
        "-d",
        "--mount",
        "type=volume,src=db-data,target=/var/lib/postgresql/data",
        "-p",
        "5432:5432",
        "--network",
        "postgresnet",
        "--name",
        "db",
        "-e",
        "POSTGRES_PASSWORD=mysecretpassword",
        "-e",
        "POSTGRES_DB=example",
        "postgres:17",
    ]);
}

/// `GET path` on `127.0.0.1:port` (HTTP/1.0, so the server closes): the body, or `None` when
/// nothing answers.
pub fn http_get(port: u16, path: &str) -> Option<String> {
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    let mut s = std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(2)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: localhost:{port}\r\n\r\n").ok()?;
    let mut response = String::new();
    s.read_to_string(&mut response).ok()?;
    response.split_once("\r\n\r\n").map(|(_, b)| b.to_string())
}

fn write_file(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("create a folder");
    }
    std::fs::write(path, text).expect("write a file");
}
