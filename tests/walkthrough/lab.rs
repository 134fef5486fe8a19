//! The learner's lab: the workspace, what runs in the foreground, the Swarm plan, the Compose
//! project by hand when no Compose is installed, and tearing it all down (also on a panic).

use super::*;

/// A process the learner left in the foreground (`docker run` without `-d`, `flask run`), to be
/// stopped with Ctrl+C once the step passes.
pub(super) enum Foreground {
    /// An attached `docker run` and the container it started.
    Container { cli: Child, id: String },
    /// A server on the host.
    Host(Child),
}

/// Whether the optional Swarm steps are played.
pub(super) enum SwarmPlan {
    Play,
    Skip(&'static str),
    /// The test initialised a swarm and must leave it.
    Joined,
}

/// The learner's machine: the workspace folder (`pracdocker-taller`), a scratch folder for the
/// stand-ins, and what the learner left running.
pub(super) struct Lab {
    /// The learner's workspace, the trainer's `--workdir`.
    pub(super) ws: PathBuf,
    pub(super) _ws_dir: tempfile::TempDir,
    pub(super) scratch: tempfile::TempDir,
    pub(super) foreground: Option<Foreground>,
    /// The detached `python-docker` container of lesson 2 (random name until renamed).
    pub(super) app: Option<String>,
    pub(super) swarm: SwarmPlan,
    pub(super) gwbridge_existed: bool,
    pub(super) torn_down: bool,
}

impl Lab {
    pub(super) fn new() -> Lab {
        let ws_dir = tempfile::Builder::new()
            .prefix("pracdocker-taller")
            .tempdir()
            .expect("workspace tempdir");
        let swarm = match docker(&["info", "--format", "{{.Swarm.LocalNodeState}}"]).as_str() {
            "inactive" | "" => SwarmPlan::Play,
            _ => SwarmPlan::Skip(
                "optional; the daemon was already in a swarm, which this test must not leave",
            ),
        };
        let lab = Lab {
            ws: ws_dir.path().to_path_buf(),
            _ws_dir: ws_dir,
            scratch: tempfile::tempdir().expect("scratch tempdir"),
            foreground: None,
            app: None,
            swarm,
            gwbridge_existed: network_exists("docker_gwbridge"),
            torn_down: false,
        };
        stand_ins::remove_course_objects();
        for port in [8000, 5000, 5432] {
            assert!(
                !stand_ins::port_in_use(port),
                "host port {port} is in use; the course needs 8000, 5000 and 5432 free"
            );
        }
        // What `docker run postgres:17` and Compose's `image: postgres:17` would pull.
        stand_ins::postgres();
        lab
    }

    pub(super) fn path(&self, rel: &str) -> PathBuf {
        self.ws.join(rel)
    }

    pub(super) fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir).expect("create the project folder");
        }
        std::fs::write(&p, text).expect("write a learner file");
    }

    pub(super) fn skip_reason(&self, key: &str) -> Option<&'static str> {
        match (key, &self.swarm) {
            ("12-orquestacion/swarm-init", SwarmPlan::Skip(w)) => Some(w),
            _ => None,
        }
    }

    /// What `docker init` (Python, 3.11.4, port 5000, `python3 -m flask run --host=0.0.0.0`)
    /// writes into a project, created by hand from the step's prose as a learner without Docker
    /// Desktop does (the Spanish text; the other test checks that both languages agree).
    pub(super) fn docker_init(&self, project: &str, step: &Step) {
        for (file, text) in stand_ins::docker_init_files(step, Lang::Es) {
            self.write(&format!("{project}/{file}"), &text);
        }
    }

    pub(super) fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).expect("read a learner file")
    }

    pub(super) fn app(&self) -> &str {
        self.app
            .as_deref()
            .expect("the detached container of 02-contenedor/segundo-plano")
    }

    /// `docker compose up -d --build` / `down` in python-docker-dev. With Compose (Debian's v1
    /// `docker-compose`, or the v2 plugin when `PRACDOCKER_TEST_COMPOSE=v2`, as on Engine 26.1)
    /// the only difference from the learner's command is an override file: `server` is built from the Flask stand-in Dockerfile (the learner's
    /// starts `FROM python:3.11.4-slim`), and the database's healthcheck, which gates `server`,
    /// runs every second instead of every 10. Without Compose, the two services are stood in for by `docker run` with Compose's
    /// labels, the way Compose would create them.
    pub(super) fn compose(&self, up: bool) {
        let Some(mut compose) = compose_command() else {
            eprintln!("no Compose: Compose's containers stood in for by labelled `docker run`");
            return self.compose_stand_in(up);
        };
        let dockerfile = self.scratch.path().join("server.Dockerfile");
        std::fs::write(&dockerfile, stand_ins::flask_dockerfile()).expect("write");
        let override_file = self.scratch.path().join("compose.override.yaml");
        std::fs::write(
            &override_file,
            format!(
                "services:\n  server:\n    build:\n      dockerfile: {}\n  db:\n    healthcheck:\n      interval: 1s\n",
                dockerfile.display()
            ),
        )
        .expect("write");
        let args: &[&str] = if up {
            &["up", "-d", "--build"]
        } else {
            &["down", "-t", "1"]
        };
        let out = compose
            .current_dir(self.path("python-docker-dev"))
            .arg("-f")
            .arg("compose.yaml")
            .arg("-f")
            .arg(&override_file)
            .args(args)
            .output()
            .expect("Compose");
        assert!(
            out.status.success(),
            "compose {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// What Compose makes of lesson 5's compose.yaml, by hand.
    pub(super) fn compose_stand_in(&self, up: bool) {
        let p = stand_ins::COMPOSE_PROJECT;
        let network = format!("{p}_default");
        let (db, server) = (format!("{p}_db_1"), format!("{p}_server_1"));
        if !up {
            docker(&["rm", "-f", &server, &db]);
            docker(&["network", "rm", &network]);
            return;
        }
        stand_ins::compose_by_hand(&self.path("python-docker-dev"));
    }

    /// `docker run` without `-d`: the CLI stays attached; the container is found as the new one
    /// started from one of this run's stand-ins.
    pub(super) fn run_foreground(&mut self, args: &[&str]) {
        let known = this_runs_containers();
        let cli = Command::new("docker")
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("docker run");
        let deadline = Instant::now() + SETTLE;
        let id = loop {
            if let Some(id) = this_runs_containers()
                .into_iter()
                .find(|c| !known.contains(c))
            {
                break id;
            }
            assert!(
                Instant::now() < deadline,
                "docker {}: no container",
                args.join(" ")
            );
            std::thread::sleep(Duration::from_millis(100));
        };
        self.foreground = Some(Foreground::Container { cli, id });
    }

    /// The learner's Ctrl+C once the step passes. The stand-ins run `httpd` as PID 1, which
    /// ignores the forwarded SIGINT, so the container is stopped the way the hint suggests.
    pub(super) fn step_done(&mut self) {
        match self.foreground.take() {
            Some(Foreground::Container { mut cli, id }) => {
                docker(&["stop", "-t", "1", &id]);
                wait_or_kill(&mut cli);
            }
            Some(Foreground::Host(mut server)) => {
                let _ = server.kill();
                let _ = server.wait();
            }
            None => {}
        }
    }

    /// Stops what the learner left running and removes everything the course created; never
    /// panics (it also runs while a failed assertion unwinds). Idempotent.
    pub(super) fn tear_down(&mut self) {
        if self.torn_down {
            return;
        }
        self.torn_down = true;
        if let Some(Foreground::Container { mut cli, .. } | Foreground::Host(mut cli)) =
            self.foreground.take()
        {
            let _ = cli.kill();
            let _ = cli.wait();
        }
        if matches!(self.swarm, SwarmPlan::Joined) {
            docker_quiet(&["swarm", "leave", "--force"]);
            self.swarm = SwarmPlan::Play;
        }
        if !self.gwbridge_existed {
            // `docker swarm init` creates it and `leave` keeps it.
            docker_quiet(&["network", "rm", "docker_gwbridge"]);
        }
        stand_ins::remove_course_objects();
    }

    /// Tears down and checks that the course's host ports are free again.
    pub(super) fn finish(&mut self) {
        self.tear_down();
        for port in [8000, 5000, 5432] {
            assert!(
                !stand_ins::port_in_use(port),
                "host port {port} still in use after the walkthrough"
            );
        }
    }
}

impl Drop for Lab {
    fn drop(&mut self) {
        self.tear_down();
    }
}

pub(super) fn wait_or_kill(child: &mut Child) {
    let deadline = Instant::now() + SETTLE;
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

pub(super) fn this_runs_containers() -> HashSet<String> {
    stand_ins::containers_labelled(&format!("{}={}", stand_ins::LABEL, stand_ins::run_id()))
        .into_iter()
        .collect()
}

pub(super) fn network_exists(name: &str) -> bool {
    Command::new("docker")
        .args(["network", "inspect", name])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

pub(super) fn image_id(reference: &str) -> String {
    docker(&["image", "inspect", "--format", "{{.Id}}", reference])
}

pub(super) fn host_busybox() -> &'static str {
    ["/bin/busybox", "/usr/bin/busybox"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .expect("busybox-static is installed")
}

/// The learner's `curl URL` (busybox `wget` here); it must get an answer.
pub(super) fn curl(url: &str) {
    let out = Command::new(host_busybox())
        .args(["wget", "-q", "-O", "-", url])
        .output()
        .expect("busybox wget");
    assert!(
        out.status.success(),
        "curl {url}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
