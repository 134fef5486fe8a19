//! What each step's prose asks the learner to do, step by step: the `docker` commands and the
//! file edits, as one `match` over the step keys.

use super::*;

impl Lab {
    /// Does what the step's prose asks. Returns false when an optional step turns out not to be
    /// playable here (then [`Lab::skip_reason`] says why).
    pub(super) fn act(&mut self, key: &str, step: &Step) -> bool {
        match key {
            // Lesson 1: the python-docker project, its image and tags.
            "01-imagen-python/clonar" => {
                // `git clone https://github.com/docker/python-docker`: upstream already ships the
                // Dockerfile and compose.yaml an earlier `docker init` wrote (Python 3.12.0).
                self.write("python-docker/app.py", PYTHON_DOCKER_APP);
                self.write("python-docker/requirements.txt", UPSTREAM_REQUIREMENTS);
                self.write("python-docker/README.md", "# python-docker\n");
                self.write(
                    "python-docker/Dockerfile",
                    &DOCKER_INIT_DOCKERFILE.replace("3.11.4", "3.12.0"),
                );
                self.write("python-docker/compose.yaml", DOCKER_INIT_COMPOSE);
            }
            "01-imagen-python/crear-entorno" => self.write(
                "python-docker/.venv/pyvenv.cfg",
                "home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.4\n",
            ),
            "01-imagen-python/ejecutar-local" => {
                // `python3 -m flask run`: a server on the host's port 5000.
                let www = self.scratch.path().join("flask-local");
                std::fs::create_dir_all(&www).expect("mkdir");
                std::fs::write(www.join("index.html"), "Hello, Docker!").expect("write");
                let server = Command::new(host_busybox())
                    .args(["httpd", "-f", "-p", "127.0.0.1:5000", "-h"])
                    .arg(&www)
                    .stdin(Stdio::null())
                    .spawn()
                    .expect("start a host web server");
                self.foreground = Some(Foreground::Host(server));
            }
            "01-imagen-python/docker-init" => self.docker_init("python-docker", step),
            "01-imagen-python/dockerignore" => {
                self.read("python-docker/.dockerignore");
            }
            "01-imagen-python/construir" => {
                stand_ins::flask_app("python-docker", &self.path("python-docker"), &[]);
            }
            "01-imagen-python/ver-imagenes" | "01-imagen-python/ver-etiquetas" => {
                docker(&["images"]);
            }
            "01-imagen-python/etiquetar" => {
                docker(&["tag", "python-docker:latest", "python-docker:v1.0.0"]);
            }

            // Lesson 2: one container's life, first by id, then as python-app.
            "02-contenedor/primer-plano" => self.run_foreground(&["run", "python-docker"]),
            "02-contenedor/publicar" => {
                self.run_foreground(&["run", "--publish", "8000:5000", "python-docker"]);
            }
            "02-contenedor/segundo-plano" => {
                self.app = Some(docker(&["run", "-d", "-p", "8000:5000", "python-docker"]));
            }
            "02-contenedor/probar" => curl("http://localhost:8000"),
            "02-contenedor/listar" => {
                docker(&["ps"]);
            }
            "02-contenedor/detener" => {
                docker(&["stop", "-t", "1", self.app()]);
            }
            "02-contenedor/iniciar" => {
                docker(&["start", self.app()]);
            }
            "02-contenedor/reiniciar" => {
                docker(&["restart", "-t", "1", self.app()]);
            }
            "02-contenedor/renombrar" => {
                let name = docker(&["inspect", "--format", "{{slice .Name 1}}", self.app()]);
                docker(&["rename", &name, "python-app"]);
            }
            "02-contenedor/eliminar" => {
                docker(&["stop", "-t", "1", "python-app"]);
                docker(&["rm", "python-app"]);
            }

            // Lesson 3: PostgreSQL with a volume and a network.
            "03-base-de-datos/crear-volumen" => {
                docker(&["volume", "create", "db-data"]);
            }
            "03-base-de-datos/crear-red" => {
                docker(&["network", "create", "postgresnet"]);
            }
            "03-base-de-datos/ejecutar-postgres" => {
                support::course_up::run_postgres();
            }
            "03-base-de-datos/conectar" => {
                // `docker exec -it db psql -U postgres`, then `\l` and `\q`, without a terminal.
                docker(&["exec", "db", "psql", "-U", "postgres", "-c", "\\l"]);
            }

            // Lesson 4: python-docker-dev on the database's network.
            "04-aplicacion-de-prueba/clonar" => {
                // `git clone https://github.com/docker/python-docker-dev`, with what upstream
                // ships besides the app: a Dockerfile, a complete compose.yaml, the database
                // password and two GitHub workflows.
                self.write("python-docker-dev/app.py", PYTHON_DOCKER_DEV_APP);
                self.write(
                    "python-docker-dev/requirements.txt",
                    &format!("{UPSTREAM_REQUIREMENTS}psycopg2-binary==2.9.6\n"),
                );
                self.write("python-docker-dev/README.md", "# python-docker-dev\n");
                self.write("python-docker-dev/.gitignore", "__pycache__/\n.venv\n");
                self.write("python-docker-dev/Dockerfile", DOCKER_INIT_DOCKERFILE);
                self.write("python-docker-dev/compose.yaml", UPSTREAM_DEV_COMPOSE);
                self.write("python-docker-dev/db/password.txt", "mysecretpassword");
                for (file, runner) in [
                    ("main.yml", "ubuntu-latest"),
                    ("macos.yml", "macos-latest-xlarge"),
                ] {
                    self.write(
                        &format!("python-docker-dev/.github/workflows/{file}"),
                        &UPSTREAM_WORKFLOW.replace("RUNNER", runner),
                    );
                }
            }
            "04-aplicacion-de-prueba/docker-init" => self.docker_init("python-docker-dev", step),
            "04-aplicacion-de-prueba/construir" => {
                stand_ins::flask_app("python-docker-dev", &self.path("python-docker-dev"), &[]);
            }
            "04-aplicacion-de-prueba/ejecutar" => {
                docker(&[
                    "run",
                    "--rm",
                    "-d",
                    "--network",
                    "postgresnet",
                    "--name",
                    "rest-server",
                    "-p",
                    "8000:5000",
                    "-e",
                    "POSTGRES_PASSWORD=mysecretpassword",
                    "python-docker-dev",
                ]);
            }
            "04-aplicacion-de-prueba/probar" => curl("http://localhost:8000/initdb"),

            // Lesson 5: the same two containers, described in compose.yaml.
            "05-compose/detener-contenedores" => {
                docker(&["stop", "-t", "1", "rest-server", "db"]);
            }
            "05-compose/compose-yaml" => self.write("python-docker-dev/compose.yaml", COMPOSE_DEV),
            "05-compose/password" => {
                self.write("python-docker-dev/db/password.txt", "mysecretpassword\n");
            }
            "05-compose/compose-up" => self.compose(true),
            "05-compose/initdb" => curl("http://localhost:8000/initdb"),
            "05-compose/widgets" => curl("http://localhost:8000/widgets"),
            "05-compose/compose-down" => self.compose(false),

            // Lesson 6: GitHub is out of reach; the workflow file is local.
            "06-ci-cd/flujo-de-trabajo" => {
                // Replace upstream's main.yml, delete the other workflow.
                self.write("python-docker-dev/.github/workflows/main.yml", WORKFLOW);
                std::fs::remove_file(self.path("python-docker-dev/.github/workflows/macos.yml"))
                    .expect("remove macos.yml");
            }

            // Lesson 7: the capas image and a production tag.
            "07-buenas-practicas/combinar-run" => self.write("capas/Dockerfile", CAPAS_V1),
            "07-buenas-practicas/construir-capas" => {
                stand_ins::capas("capas:v1.0.0", &self.path("capas"));
            }
            "07-buenas-practicas/etiquetar-version" => {
                docker(&["tag", "python-docker:v1.0.0", "python-docker:v1.0.0-prod"]);
            }

            // Lesson 8: the volume outlived its container.
            "08-datos-y-ci/volumenes" => {
                docker(&["volume", "inspect", "db-data"]);
            }

            // Lesson 9: Dockerfile practices.
            "09-dockerfiles/stdin" => stand_ins::hola_stdin("hola-stdin:v1.0.0"),
            "09-dockerfiles/dockerignore" => {
                // `**/.venv` is already there (docker init wrote it): nothing to add.
                let text = self.read("python-docker/.dockerignore");
                assert!(text.contains("**/.venv"), "docker init's .dockerignore");
            }
            "09-dockerfiles/ordenar-argumentos" => self.write("capas/Dockerfile", CAPAS_V2),
            "09-dockerfiles/reconstruir-capas" => {
                stand_ins::capas("capas:v1.1.0", &self.path("capas"));
            }
            "09-dockerfiles/cache" => {
                let id = image_id("capas:v1.1.0");
                stand_ins::capas("capas:v1.1.0", &self.path("capas"));
                assert_eq!(
                    image_id("capas:v1.1.0"),
                    id,
                    "an unchanged rebuild is cached"
                );
            }

            // Lesson 10: security.
            "10-seguridad/usuario-no-root" => {
                let user = docker(&[
                    "image",
                    "inspect",
                    "python-docker",
                    "--format",
                    "{{.Config.User}}",
                ]);
                assert_eq!(user, "appuser");
            }
            "10-seguridad/reconstruir" => {
                stand_ins::flask_app(
                    "python-docker:v1.0.1",
                    &self.path("python-docker"),
                    &["--no-cache"],
                );
            }

            // Lesson 11: buildme, reordered, cached, then multi-stage.
            "11-construir/clonar" => {
                self.write("buildme/go.mod", BUILDME_GO_MOD);
                self.write("buildme/go.sum", BUILDME_GO_SUM);
                self.write("buildme/cmd/client/main.go", BUILDME_CLIENT);
                self.write("buildme/cmd/server/main.go", BUILDME_SERVER);
                self.write("buildme/Dockerfile", BUILDME_V1);
            }
            "11-construir/construir" | "11-construir/reconstruir" => {
                stand_ins::buildme("buildme", &self.path("buildme"), false);
            }
            "11-construir/reordenar" => self.write("buildme/Dockerfile", BUILDME_V2),
            "11-construir/comprobar-cache" => {
                let main = self.path("buildme/cmd/server/main.go");
                let mut text = std::fs::read_to_string(&main).expect("read main.go");
                text.push_str("// prueba\n");
                std::fs::write(&main, text).expect("append to main.go");
                stand_ins::buildme("buildme", &self.path("buildme"), false);
            }
            "11-construir/tamano" | "11-construir/comparar-tamano" => {
                docker(&["images", "buildme"]);
            }
            "11-construir/multietapa" => self.write("buildme/Dockerfile", BUILDME_V3),
            "11-construir/construir-multietapa" => {
                stand_ins::buildme("buildme", &self.path("buildme"), true);
            }

            // Lesson 12: Swarm, optional.
            "12-orquestacion/swarm-init" => {
                // The hint's advice for machines with several addresses.
                let ok = Command::new("docker")
                    .args(["swarm", "init", "--advertise-addr", "127.0.0.1"])
                    .output()
                    .map(|o| o.status.success())
                    .unwrap_or(false);
                if !ok {
                    self.swarm =
                        SwarmPlan::Skip("optional; `docker swarm init` fails on this daemon");
                    return false;
                }
                self.swarm = SwarmPlan::Joined;
            }
            "12-orquestacion/swarm-leave" => {
                // Only the swarm this learner created; one that was there before stays.
                if matches!(self.swarm, SwarmPlan::Joined) {
                    docker(&["swarm", "leave", "--force"]);
                    self.swarm = SwarmPlan::Play;
                }
            }

            // Steps that only ask a question (the answer is given by the caller).
            _ if step.checks.iter().all(|c| matches!(c, Check::Quiz(_))) => {}
            _ => panic!("{key}: the walkthrough has no learner action for this step; add one"),
        }
        true
    }
}
