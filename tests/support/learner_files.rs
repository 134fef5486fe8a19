//! The files in the learner's folder at the end of the built-in course (apps, Dockerfiles,
//! Compose and workflow files), as [`super::course_up`] writes them; the walkthrough shares the
//! ones it writes unchanged.

pub const PYTHON_DOCKER_APP: &str = "from flask import Flask
app = Flask(__name__)

@app.route('/')
def hello_world():
    return 'Hello, Docker!'
";

/// Upstream's python-docker-dev app.py, shortened: what lesson 4 looks for is there.
pub const PYTHON_DOCKER_DEV_APP: &str = "import json
from flask import Flask
import psycopg2
import os

app = Flask(__name__)
password = os.environ['POSTGRES_PASSWORD']

@app.route('/widgets')
def get_widgets():
    conn = psycopg2.connect(host=\"db\", user=\"postgres\", password=password, database=\"example\")
    cursor = conn.cursor()
    cursor.execute(\"SELECT * FROM widgets\")
    return json.dumps(cursor.fetchall())

@app.route('/initdb')
def db_init():
    # DROP/CREATE DATABASE example, then CREATE TABLE widgets ...
    return 'init database'
";

pub const REQUIREMENTS: &str = "Flask==2.3.2\nWerkzeug==2.3.6\n";

/// `docker init`'s Dockerfile (Python 3.11.4, port 5000), shortened.
pub const DOCKERFILE: &str = r#"# syntax=docker/dockerfile:1
ARG PYTHON_VERSION=3.11.4
FROM python:${PYTHON_VERSION}-slim as base
ENV PYTHONDONTWRITEBYTECODE=1
ENV PYTHONUNBUFFERED=1
WORKDIR /app
ARG UID=10001
RUN adduser --disabled-password --gecos "" --home "/nonexistent" \
    --shell "/sbin/nologin" --no-create-home --uid "${UID}" appuser
RUN --mount=type=cache,target=/root/.cache/pip \
    --mount=type=bind,source=requirements.txt,target=requirements.txt \
    python -m pip install -r requirements.txt
USER appuser
COPY . .
EXPOSE 5000
CMD python3 -m flask run --host=0.0.0.0
"#;

pub const DOCKERIGNORE: &str = "**/.DS_Store\n**/__pycache__\n**/.venv\n**/.git\n**/compose.y*ml\n**/Dockerfile*\nLICENSE\nREADME.md\n";

pub const DOCKER_INIT_COMPOSE: &str = "services:
  server:
    build:
      context: .
    ports:
      - 5000:5000
";

/// Lesson 5's compose.yaml, as the prose gives it.
pub const COMPOSE_DEV: &str = r#"services:
  server:
    build:
      context: .
    ports:
      - 8000:5000
    environment:
      - POSTGRES_PASSWORD=mysecretpassword
    depends_on:
      db:
        condition: service_healthy
  db:
    image: postgres:17
    restart: always
    user: postgres
    secrets:
      - db-password
    volumes:
      - db-data:/var/lib/postgresql/data
    environment:
      - POSTGRES_DB=example
      - POSTGRES_PASSWORD_FILE=/run/secrets/db-password
    expose:
      - 5432
    healthcheck:
      test: [ "CMD", "pg_isready" ]
      interval: 10s
      timeout: 5s
      retries: 5
volumes:
  db-data:
secrets:
  db-password:
    file: db/password.txt
"#;

/// Lesson 6's workflow.
pub const WORKFLOW: &str = r#"name: ci
on:
  push:
    branches:
      - main
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - name: Checkout
        uses: actions/checkout@v4
      - name: Login to Docker Hub
        uses: docker/login-action@v3
        with:
          username: ${{ secrets.DOCKERHUB_USERNAME }}
          password: ${{ secrets.DOCKERHUB_TOKEN }}
      - name: Build and push
        uses: docker/build-push-action@v6
        with:
          context: .
          push: true
          tags: ${{ secrets.DOCKERHUB_USERNAME }}/${{ github.event.repository.name }}:latest
"#;

/// Lesson 9's capas Dockerfile.
pub const CAPAS: &str = r#"# syntax=docker/dockerfile:1
FROM ubuntu:22.04
RUN apt-get update && apt-get install -y --no-install-recommends \
    ca-certificates \
    curl \
    python3 \
  && rm -rf /var/lib/apt/lists/*
CMD ["python3", "--version"]
"#;

pub const BUILDME_GO_MOD: &str = "module github.com/dockersamples/buildme

go 1.20
";

pub const BUILDME_GO_SUM: &str =
    "github.com/charmbracelet/bubbletea v0.23.2 h1:vuUJ9HJ7b/COy4I30e8xDVQ+VRDUEFykIjryPfgsdps=\n";

/// Lesson 11's multi-stage Dockerfile.
pub const BUILDME: &str = r#"# syntax=docker/dockerfile:1
FROM golang:1.20-alpine
WORKDIR /src
COPY go.mod go.sum .
RUN go mod download
COPY . .
RUN go build -o /bin/client ./cmd/client
RUN go build -o /bin/server ./cmd/server

FROM scratch
COPY --from=0 /bin/client /bin/server /bin/
ENTRYPOINT [ "/bin/server" ]
"#;
