//! The three possible verdicts of a check, and the language-neutral data behind a failure. The
//! text comes later, from Fluent: a [`Reason`] serializes to a message id plus its arguments.

use serde::{Deserialize, Serialize};

/// The verdict of one check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The daemon (or folder, or answer) shows what the step asks for.
    Passed,
    /// It does not, and this is what differs.
    Failed(Reason),
    /// We could not look: the daemon is unreachable, access was denied, an API call failed.
    Unknown(Unverifiable),
}

impl Outcome {
    /// `passed`, `failed` or `unknown`, as in the JSON report.
    pub fn status(&self) -> Status {
        match self {
            Outcome::Passed => Status::Passed,
            Outcome::Failed(_) => Status::Failed,
            Outcome::Unknown(_) => Status::Unknown,
        }
    }
}

/// Outcome without its detail; the worst of several is the step's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// All good.
    Passed,
    /// Could not verify.
    Unknown,
    /// The learner has something to fix.
    Failed,
}

/// Why a check failed: expected versus found, per field. Serialized as
/// `{"id": "port-mismatch", ...fields}`; the Fluent message is `reason-<id>` with the fields as
/// arguments. Secret values (environment values) are never part of a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "id", rename_all = "kebab-case")]
pub enum Reason {
    /// No image with this reference.
    ImageMissing { reference: String },
    /// Two references name different images.
    ImageNotSame { reference: String, other: String },
    /// The image is larger than allowed.
    ImageTooBig {
        reference: String,
        size: String,
        max: String,
    },
    /// The image runs as root.
    ImageRootUser { reference: String },
    /// The image was created before the step began.
    ImageNotRebuilt { reference: String },
    /// No container matches the selector (`selector` is the name, the image or the service).
    ContainerMissing { by: Selector, selector: String },
    /// The container is in another state.
    ContainerState {
        container: String,
        expected: String,
        found: String,
    },
    /// The container should be gone but is still there.
    ContainerPresent { container: String, state: String },
    /// The container port is not published at all.
    PortNotPublished { container: String, expected: String },
    /// The container port is published on another host port.
    PortMismatch {
        container: String,
        expected: String,
        found: String,
    },
    /// The container is attached to other networks.
    NotOnNetwork {
        container: String,
        expected: String,
        found: String,
    },
    /// The named volume is not mounted where expected.
    VolumeNotMounted {
        container: String,
        volume: String,
        path: String,
        found: String,
    },
    /// Nothing is mounted at a path.
    NothingMountedAt { container: String, path: String },
    /// An environment variable is not set (or is empty).
    EnvMissing { container: String, name: String },
    /// An environment variable has another value (never shown).
    EnvWrongValue { container: String, name: String },
    /// An environment variable is set that should not be.
    EnvPresent { container: String, name: String },
    /// Started attached when detached was expected, or the other way round.
    DetachedMismatch { container: String, expected: String },
    /// Started with(out) `--rm` against expectation.
    AutoRemoveMismatch { container: String, expected: String },
    /// No network with this name.
    NetworkMissing { name: String },
    /// The network uses another driver.
    NetworkDriver {
        name: String,
        expected: String,
        found: String,
    },
    /// No volume with this name.
    VolumeMissing { name: String },
    /// Nothing answered at the URL.
    HttpUnreachable {
        url: String,
        cause: String,
        error: String,
    },
    /// Another status code.
    HttpStatus {
        url: String,
        expected: u16,
        found: u16,
    },
    /// The body lacks a text.
    HttpBodyMissing { url: String, text: String },
    /// The body is not JSON.
    HttpNotJson { url: String },
    /// The exec'd command cannot run: container not running.
    ExecNotRunning { container: String },
    /// The exec'd command exited with another code.
    ExecExitCode {
        container: String,
        command: String,
        expected: i64,
        found: i64,
    },
    /// The exec'd command's output lacks a text.
    ExecOutputMissing {
        container: String,
        command: String,
        text: String,
    },
    /// No such file.
    FileMissing { path: String },
    /// The file lacks a text.
    FileLacks { path: String, text: String },
    /// The file is empty.
    FileEmpty { path: String },
    /// The file is not valid YAML.
    FileNotYaml {
        path: String,
        line: u64,
        error: String,
    },
    /// No container of this Compose project exists.
    ComposeProjectMissing { project: String },
    /// A service of the project has no running container.
    ComposeServiceDown { project: String, service: String },
    /// The daemon reported no such action since the step began.
    EventMissing {
        object: String,
        action: String,
        target: String,
    },
    /// Fewer stages than required.
    DockerfileStages {
        path: String,
        expected: u32,
        found: u32,
    },
    /// The final stage has another base.
    DockerfileFinalFrom {
        path: String,
        expected: String,
        found: String,
    },
    /// A stage relies on `latest`.
    DockerfileLatestBase {
        path: String,
        line: u64,
        image: String,
    },
    /// Two RUN instructions in a row.
    DockerfileRunsNotCombined { path: String, line: u64 },
    /// The final stage runs as root.
    DockerfileRootUser { path: String },
    /// An instruction is missing, or comes before one it should follow.
    DockerfileOrder { path: String, instruction: String },
    /// The Dockerfile has no FROM at all.
    DockerfileEmpty { path: String },
    /// The learner has not answered yet.
    QuizUnanswered,
    /// The learner's answer is not the right one.
    QuizWrong { chosen: u8 },
    /// Swarm mode is not in the expected state.
    SwarmState { expected: String, found: String },
    /// No line of the container's log since the step began matches the pattern.
    LogMissing { container: String, pattern: String },
    /// A container must be gone, and the grader never saw it exist (not in this run, no
    /// `destroy` in the daemon's history): nothing was removed.
    NeverSeen { container: String },
    /// The learner has not sent the request the step teaches since it began (no access-log line).
    RequestMissing { container: String, request: String },
    /// The learner's request reached the server, which answered something other than 200.
    RequestAnswered {
        container: String,
        request: String,
        line: String,
    },
    /// The check looks at what happened since the step began, and the step has not begun:
    /// the learner must complete this earlier step first.
    StepNotBegun { step: String },
    /// The action happened, but only on a container created during the step (`docker run`
    /// makes a new one) where the step asks for one that existed before (`docker start`).
    EventNewContainer {
        action: String,
        target: String,
        container: String,
    },
    /// The container publishes host ports where the step asks for none (`found`: what it
    /// publishes, e.g. `8000→5000`).
    PortsPublished { container: String, found: String },
    /// The container is not running, and the host port it asks for is held by another container
    /// that runs (why `docker run` answered "port is already allocated").
    PortHeld {
        container: String,
        port: u16,
        holder: String,
    },
    /// The container was created but never started, and it asks for a host port: something else
    /// may hold it (no container the check sees does).
    ContainerNotStarted { container: String, port: u16 },
    /// The packages of an install are not in alphabetical order: `package` should come before
    /// `after`.
    DockerfilePackagesUnsorted {
        path: String,
        line: u64,
        package: String,
        after: String,
    },
}

/// How a container was looked for, so the message can say "named", "from image" or "service".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Selector {
    /// `--name`.
    Name,
    /// Created from an image.
    Image,
    /// A Compose service.
    Service,
}

/// Why a check could not be evaluated. Never a verdict on the learner's work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "id", rename_all = "kebab-case")]
pub enum Unverifiable {
    /// The daemon socket does not exist.
    SocketMissing { path: String },
    /// The daemon socket exists but this user may not use it.
    PermissionDenied { path: String },
    /// The daemon's named pipe does not exist (Windows: Docker Desktop is not running).
    PipeMissing { path: String },
    /// The named pipe exists but this user may not open it (Windows: not in `docker-users`).
    PipeDenied { path: String },
    /// The daemon did not answer in time.
    DaemonTimeout { host: String },
    /// The daemon refused the connection or is otherwise unreachable.
    DaemonUnreachable { host: String, error: String },
    /// The daemon's API is older than this build supports.
    ApiTooOld { found: String, minimum: String },
    /// The daemon answered with an error we did not expect.
    DaemonError { error: String },
    /// A file could not be read (other than "not found").
    FileUnreadable { path: String, error: String },
    /// The progress file (quiz answers) could not be read.
    ProgressUnreadable { error: String },
    /// A grader was given no progress file: quiz answers cannot be seen.
    NoProgress,
    /// A grader knows neither when the step began (no progress file) nor `--since`: events,
    /// logs and rebuilds cannot be placed in time.
    NoBeginning,
    /// A grader was given no folder for this learner: files cannot be read.
    NoWorkdir,
    /// Grading from a ledger: it holds no verdict for this check by the time asked about.
    NotInLedger,
}

impl Unverifiable {}
