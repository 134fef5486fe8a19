# pracdocker — English messages.

## Command line
cli-usage = Usage:
cli-commands = Commands:
cli-arguments = Arguments:
cli-options = Options:
cli-usage-error = Invalid command line; "pracdocker --help" shows how to use it. Detail:
cli-arg-help = Print this help.
cli-arg-version = Print the version.
cli-about = Docker trainer: confirms every step of the course against the real Docker daemon.
cli-arg-lang = Language of every message (es, en). Default: the system's; Spanish when it is neither.
cli-arg-workdir = The learner's project folder (default: the current folder).
cli-arg-lessons = Use the course in this folder instead of the built-in one.
cli-list-about = Lists lessons and their steps, with ids and titles.
cli-list-arg-json = JSON output.
cli-check-about = Checks the given steps now (all of them when none is given).
cli-check-arg-target = LESSON or LESSON/STEP; every step when omitted.
cli-check-arg-json = JSON output.
cli-check-arg-since = When the steps began, for event, log and rebuild checks: 30m, 2h, 1d ago, or an RFC 3339 time. Default: the second after the learner completed the previous step.
cli-lint-about = Validates a course: each error names file, line and what is wrong.
cli-lint-arg-dir = Course folder; default: the built-in course (or the one given with --lessons).
cli-doctor-about = Diagnoses the Docker setup for the course: daemon, context, Buildx, Compose v2, docker init, the course's ports and Docker Hub.
cli-doctor-arg-json = JSON output.
cli-answer-about = Answers a question of the course.
cli-answer-arg-target = LESSON/STEP of the question.
cli-answer-arg-choice = Number of the chosen option, counting from 1.

## Results
check-passed = { $kind } { $target }: passed
check-passed-untargeted = { $kind ->
    [quiz] Right answer
    [swarm] Swarm mode as expected
   *[other] { $kind }: passed
}
check-summary = { $passed } { $passed ->
        [one] step
       *[other] steps
    } passed, { $failed } failed, { $unknown } not verified, { $locked } still ahead
check-skipped = skipped
check-reading = to read: confirm it in the trainer with Enter
check-locked = not begun: first complete { $current }
step-optional = optional
course-invalid = The course is not valid:

## Why a check failed
reason-image-missing = There is no image { $reference }.
reason-image-not-same = { $reference } is a different image from { $other }: a tag must point at the same image (use docker tag).
reason-image-too-big = Image { $reference } is { $size }; it should be at most { $max }.
reason-image-root-user = Image { $reference } runs as root; set an unprivileged user with USER.
reason-image-not-rebuilt = Image { $reference } has not been rebuilt during this step.
reason-container-missing = { $by ->
    [name] There is no container named { $selector }.
    [image] There is no container created from image { $selector }.
   *[service] There is no container for service { $selector }.
}
reason-container-state = Container { $container } is { $found ->
    [running] running
    [exited] stopped
    [created] created but not started
    [paused] paused
    [restarting] restarting
   *[other] in state "{ $found }"
}; expected { $expected ->
    [exited] stopped
   *[running] running
}.
reason-container-present = Container { $container } still exists (state "{ $state }"); it should have been removed.
reason-port-not-published = Container { $container } publishes no host port for { $expected }; expected { $expected } (host→container).
reason-port-mismatch = Container { $container } publishes { $found }; expected { $expected } (host→container).
reason-not-on-network = { $container } is on { $found }, not on { $expected }.
reason-volume-not-mounted = Container { $container } does not mount volume { $volume } at { $path } (mounts: { $found }).
reason-nothing-mounted-at = Container { $container } has nothing mounted at { $path }.
reason-env-missing = Container { $container } does not set { $name }.
reason-env-wrong-value = Variable { $name } of container { $container } has another value (not shown).
reason-env-present = Container { $container } has { $name } in its environment; it should arrive as a secret, not a variable.
reason-detached-mismatch = { $expected ->
    [detached] Container { $container } was not started in the background; use -d.
   *[attached] Container { $container } was started in the background; this time, leave out -d.
}
reason-auto-remove-mismatch = { $expected ->
    [true] Container { $container } was not started with --rm.
   *[false] Container { $container } was started with --rm and should not be.
}
reason-network-missing = There is no network { $name }.
reason-network-driver = Network { $name } uses driver { $found }; expected { $expected }.
reason-volume-missing = There is no volume { $name }.
reason-http-unreachable = { $cause ->
    [refused] Nothing listens at { $url }: connection refused. Is the container running and the port published?
    [timeout] { $url } did not answer in time.
   *[other] Nothing answers at { $url } ({ $error }).
}
reason-http-status = { $url } answered with status { $found }; expected { $expected }.
reason-http-body-missing = The answer from { $url } does not contain "{ $text }".
reason-http-not-json = The answer from { $url } is not JSON.
reason-exec-not-running = Container { $container } is not running, so nothing can run inside it.
reason-exec-exit-code = "{ $command }" in { $container } exited with code { $found }; expected { $expected }.
reason-exec-output-missing = The output of "{ $command }" in { $container } does not contain "{ $text }".
reason-file-missing = There is no file { $path } in the project folder.
reason-file-lacks = File { $path } does not contain "{ $text }".
reason-file-empty = File { $path } is empty.
reason-file-not-yaml = File { $path } is not valid YAML (line { $line }): { $error }
reason-compose-project-missing = There are no containers of Compose project { $project }.
reason-compose-service-down = Service { $service } of project { $project } is not running.
reason-event-missing = Docker has recorded no "{ $action }" on { $object ->
    [container] a container
    [image] an image
    [network] a network
   *[volume] a volume
} { $target } since the step began.
reason-dockerfile-stages = { $path } has { $found } stage(s); expected at least { $expected }.
reason-dockerfile-final-from = The last stage of { $path } starts from { $found }; expected { $expected }.
reason-dockerfile-latest-base = { $path }, line { $line }: { $image } relies on the latest tag; pin a version.
reason-dockerfile-runs-not-combined = { $path }, line { $line }: two RUN instructions in a row; combine them with &&.
reason-dockerfile-root-user = The last stage of { $path } runs as root; add USER with an unprivileged user.
reason-dockerfile-order = In { $path }, "{ $instruction }" is missing or not in the expected order.
reason-dockerfile-empty = { $path } has no FROM instruction.
reason-quiz-unanswered = You have not answered this question yet.
reason-quiz-wrong = Option { $chosen } is not the right one; read the section again and try once more.
reason-swarm-state = Docker Swarm is "{ $found }"; expected "{ $expected }".
reason-never-seen = { $container } is not there, but it never was: there is no sign it was created and removed on this daemon.
reason-request-missing = { $container } has not logged the request { $request } since this step began: send it yourself, as the step shows (the trainer does not send it for you).
reason-request-answered = Your request { $request } reached { $container }, which did not answer 200: { $line }
reason-log-missing = No line in the log of { $container } since this step began matches { $pattern }: send the request the step asks for.
reason-step-not-begun = This check looks at what you do during this step, and the step has not begun yet: complete { $step } first.

## Why a check could not be verified
unverifiable-socket-missing = Could not verify: the Docker socket { $path } does not exist (is the daemon running?).
unverifiable-permission-denied = Could not verify: you are not allowed to use the Docker socket { $path }.
unverifiable-daemon-timeout = Could not verify: the Docker daemon at { $host } did not answer in time.
unverifiable-daemon-unreachable = Could not verify: cannot reach the Docker daemon at { $host } ({ $error }).
unverifiable-api-too-old = Could not verify: the daemon speaks API { $found } and pracdocker needs at least { $minimum }.
unverifiable-daemon-error = Could not verify: the daemon returned an error: { $error }
unverifiable-file-unreadable = Could not verify: cannot read { $path } ({ $error }).
unverifiable-progress-unreadable = Could not verify: cannot read the progress file ({ $error }).

## How to fix it
fix-socket-missing = Start Docker (Linux: "sudo systemctl start docker"; Windows/macOS: open Docker Desktop) or point DOCKER_HOST at it.
fix-permission-denied = Add your user to the docker group with "sudo usermod -aG docker $USER" and log in again (or run "newgrp docker").
fix-daemon-timeout = The daemon is busy or DOCKER_HOST points at the wrong place; check with "docker info".
fix-daemon-unreachable = Check DOCKER_HOST and the current context ("docker context ls"), and that the daemon is running.
fix-api-too-old = Upgrade Docker Engine to 20.10 or later.

## Course validation
lint-ok = Course is valid: { $lessons } lessons, { $steps } steps.
lint-failed = { $count } error(s) in the course.
lint-file-missing = This file is missing.
lint-unreadable = Cannot read the file: { $error }
lint-toml = Invalid TOML: { $error }
lint-format-version = format_version = { $found }, but this pracdocker reads format { $supported }.
lint-no-lessons = The "lessons" list is empty.
lint-duplicate-lesson = Lesson { $lesson } is listed twice.
lint-bad-id = The id "{ $name }" may only contain lowercase letters, digits and "-".
lint-no-steps = The lesson has no steps.
lint-duplicate-step = Step { $step } is repeated.
lint-duplicate-hint = Hint { $hint } is repeated.
lint-no-title = The lesson title is missing (a "# Title" heading at the top).
lint-missing-section = Step { $step } has no "## Title {"{"}#{ $step }{"}"}" section in { $file }.
lint-unknown-section = Section {"{"}#{ $section }{"}"} is not a step of lesson.toml.
lint-section-without-id = Section "{ $title }" has no step id; write "## { $title } {"{"}#step-id{"}"}".
lint-section-order = Section { $step } is out of order: lesson.toml puts { $expected } here.
lint-missing-hint = Hint { $hint } of step { $step } is missing (a "### … {"{"}#{ $hint }{"}"}" heading inside the step).
lint-unknown-hint = Section {"{"}#{ $hint }{"}"} is not among the hints of step { $step }.
lint-quiz-choices = The question of step { $step } needs a numbered list with { $expected } options; there are { $found }.
lint-quiz-answer-range = In step { $step }, answer = { $answer } must be between 1 and { $choices }.
lint-several-quizzes = Step { $step } has more than one question; split it into several steps.
lint-container-selector = A container check of step { $step } needs exactly one of name, image or compose_service.
lint-empty-command = An exec check of step { $step } has an empty command.
lint-too-many-retries = An http check of step { $step } has more than 10 retries.
lint-path-outside-workdir = In step { $step }, path { $path } leaves the project folder; use a relative path without "..".
lint-bad-request = In step { $step }, the log request { $request } is not METHOD /path (for example GET /initdb).
lint-log-what = In step { $step }, a log check needs either pattern or request (one of them).
lint-bad-pattern = In step { $step }, the log pattern is not a valid regular expression: { $error }.
lint-not-utf8 = The file is not UTF-8 (the first invalid byte is on this line); save it as UTF-8.
lint-duplicate-section = Section {"{"}#{ $section }{"}"} appears twice; each step has one section.

## Usage errors
error-since = "{ $value }" is not a valid time for --since (examples: 30m, 2h, 1d, 2026-11-28T10:00:00Z).
error-no-such-step = There is no lesson or step "{ $target }"; "pracdocker list" shows them all.
error-step-locked = { $step } has not begun: first complete { $current }.
error-not-a-quiz = "{ $target }" is not a question step; "pracdocker list" shows the steps.
cli-skip-about = Skips the current step when it is optional and moves forward, as "check" does.
cli-skip-arg-target = LESSON/STEP of the optional step.
error-not-optional = "{ $target }" is not optional: it must be completed.
check-optional-hint = { $step } is optional: "pracdocker skip { $step }" skips it.
error-progress = Cannot save progress: { $error }
error-runtime = Could not start: { $error }
progress-set-aside = The progress file was damaged; it was kept aside as { $path } and a new one started.

## Diagnosis
doctor-endpoint = Daemon: { $host } (context: { $context })
doctor-daemon-ok = Docker Engine { $version } (API { $api }) answers.
doctor-port-taken = Port { $port } is already taken; free it before publishing it (an earlier container? "docker ps").
doctor-port-free = Port { $port } is free.

## Command line: the trainer and its companions
cli-arg-plain = The line-oriented trainer, for screen readers, dumb terminals and pipes.
cli-reset-about = Forgets your progress in one lesson, or in the whole course (asks first).
cli-reset-arg-lesson = Lesson id; the whole course when omitted.
cli-reset-arg-yes = Do not ask for confirmation.
cli-completions-about = Prints shell completions (bash, zsh, fish, powershell).
cli-completions-arg-shell = The shell: bash, zsh, fish or powershell.
cli-man-about = Prints the manual page (roff).
reset-confirm = Forget your progress in { $what }? [y/N]
reset-whole-course = the whole course
reset-needs-yes = Standard input is not a terminal: add --yes to reset without asking.
reset-cancelled = Nothing was changed.
reset-done = Progress forgotten: { $what }.

## The trainer
tui-step-of = Step { $n }/{ $total }
tui-hint = { $title } ({ $n }/{ $total })
tui-optional-mark = opt.
tui-locked = This step is locked: finish the current step first (g goes back to it).
tui-reading = Nothing to check here: press Enter when you have read it.
tui-quiz = Answer with a number key from 1 to { $max }. Your answer: { $chosen }.
tui-optional = This step is optional: s skips it.
tui-hints-left = h: hint ({ $shown }/{ $total } shown)
tui-check-pending = { $kind } { $target }: not checked yet
tui-checks = Checkpoints
tui-checking = checking…
tui-keys = ? help · h hint · r recheck · ←→ steps · q quit
tui-daemon-connecting = Connecting to Docker…
tui-daemon-up = Docker { $version } · { $host }
tui-daemon-retrying = pracdocker tries again by itself; lessons stay readable meanwhile.
tui-save-error = Could not save your progress: { $error }
tui-help-title = Keys
key-steps = previous / next step (the next one opens when the current one is done)
key-current = back to the step you are working on
key-scroll = scroll the text (also the mouse wheel)
key-hint = show one more hint
key-answer = answer the question
key-confirm = confirm a reading step, or check again
key-skip = skip an optional step
key-code = select a code block / copy its command
key-recheck = check again now
key-lang = switch language (es/en)
key-help = this help (any key closes it)
key-suspend = suspend (fg brings it back)
key-close = close the help or a notice
key-quit = quit
flash-passed = ✔ Step done: { $step }
flash-course-done = ✔ You finished the course. Well done!
flash-copied = Command copied to the clipboard.
flash-locked = That step is locked: finish the current one first.
flash-no-more-hints = No more hints for this step.
flash-not-optional = Only an optional step can be skipped.
flash-no-such-option = The question has no such option.
flash-not-a-quiz = This step is not a question.
flash-no-code = This step has no code block to copy.
plain-unknown-command = Commands: h hint, a number answers, s skip, l language, r check, n/p next/previous, Enter confirms, q quit.
plain-prompt = (Do it in another terminal; this trainer notices by itself. h hint, r check, q quit.)
plain-prompt-reading = (Press Enter when you have read it.)
## Why a check failed (event checks, added)
reason-event-new-container = Docker recorded "{ $action }" on { $container }, but that container was created during this step (docker run makes a new one). This step is about a { $target } container that already existed: find it with docker ps -a (and remove the new one if it holds its port).
## Trainer terminal
term-not-a-terminal = pracdocker needs an interactive terminal to show the lessons; with redirected output, use "pracdocker --plain".
term-failed = Could not set up the terminal: { $error }
# Word opening a note (a Markdown block quote) in a lesson.
ui-note-label = Note
## Grading for instructors (grade)
cli-grade-about = Grades checkpoints for an instructor: one daemon, or a class with --roster.
cli-grade-arg-lesson = Only this lesson.
cli-grade-arg-format = Format: table, json, junit, markdown, csv (a gradebook: one row per learner) or gradescope (one learner's results.json).
cli-grade-arg-output = Write the report to this file instead of standard output.
cli-grade-arg-progress = The learner's progress file (answers, when each step began). Without it, questions are reported "not verified".
cli-grade-arg-since = When the steps began, without a progress file: 30m, 2h, 1d ago or an RFC 3339 time.
cli-grade-arg-roster = A class: TOML or CSV with name, host and optionally tls, progress, workdir, lang (of the feedback); any other column (a student id, an e-mail) travels into every export.
cli-grade-arg-jobs = How many hosts to grade at once.
cli-grade-arg-timeout = Seconds per host, for connecting and grading all of it.
cli-grade-arg-watch = A live class board in the terminal (with --roster).
unverifiable-no-progress = Not verified: without a progress file (--progress) the learner's answers cannot be seen.
unverifiable-no-beginning = Not verified: when the step began is unknown; give --progress or --since.
unverifiable-no-workdir = Not verified: no folder for this learner (workdir in the roster).
grade-learner = { $name } — { $host }
grade-daemon = Daemon { $id } on { $name } (Docker { $version }), graded { $time }
grade-score = { $passed }/{ $required } required steps passed
grade-optional = optional: { $passed }/{ $total }
grade-no-checks = no checks (not scored)
grade-col-learner = Learner
grade-col-total = Total
grade-col-step = Step
grade-col-detail = Detail
grade-summary-title = Class summary
grade-cell-unreachable = unreachable
grade-cell-timeout = timed out
## points, gradescope, observed/claimed, feedback (issue 17)
cli-grade-arg-feedback = Write one Markdown feedback file per learner to this folder, in the learner's language (lang in the roster), with each step's verdict, reason and hint.
grade-col-points = Points
grade-points-pending = pending: { $points }
grade-points = { $earned }/{ $max } points
grade-basis = { $basis ->
    [observed] observed
    [contradicted] ⚠ contradicted
    [unverified] not verified
   *[claimed] claimed (progress file)
}
grade-feedback-for = Feedback for { $name }
grade-feedback-not-graded = Nothing could be graded: the grader could not reach your Docker daemon.
grade-feedback-hint = Hint
grade-feedback-error = Cannot write the feedback files: { $error }
grade-gradescope-one-learner = Gradescope reads one learner's results.json, and this roster has { $count } learners: give --output a folder (created if missing) to get one file per learner.
lint-points-not-a-number = In step { $step }, points = { $value } is not a number.
lint-points-negative = In step { $step }, points = { $value } is negative.
lint-points-too-precise = In step { $step }, points = { $value } has more than two decimals (or is too large).
lint-check-points-missing = In step { $step }, some checks have points and this one does not: give points to every check of the step or to none.
lint-points-do-not-add-up = In step { $step }, the checks' points add up to { $sum }, not to the step's { $points }.
lint-points-without-checks = Step { $step } has points but no checks: a reading step is not scored.
grade-no-such-lesson = The course has no lesson named { $lesson }.
grade-roster-error = Cannot use the roster: { $error }
grade-output-error = Cannot write { $path }: { $error }
## ledger
cli-grade-arg-ledger = Append every verdict change to this ledger (JSON lines), with a one-off grade or with --watch.
cli-grade-arg-from_ledger = Report the class from a ledger, with no daemon (all the usual formats).
cli-grade-arg-as_of = With --from-ledger: the class as it stood at this time (default: the end of the ledger); 30m, 2h, 1d ago or RFC 3339.
cli-grade-arg-deadline = Mark the steps done after this time as late: 30m, 2h, 1d ago or RFC 3339.
grade-ledger-error = Cannot use the ledger: { $error }
grade-ledger-torn = ⚠ { $path }: line { $line } is incomplete (a write cut short); skipped.
grade-ledger-unreadable = ⚠ { $path }: line { $line } is not a verdict line; skipped.
grade-bad-time = "{ $value }" is not a valid time for { $flag } (examples: 30m, 2h, 1d, 2026-12-07T15:00:00Z, 2026-12-07T16:00:00+01:00).
grade-late = late
grade-late-count = late: { $count }
grade-as-of = As of { $time }, from the ledger
grade-deadline = Deadline { $time }
unverifiable-not-in-ledger = Not verified: the ledger holds no verdict for this check by then.

grade-watch-connecting = connecting…
grade-watch-dropped = dropped, reconnecting
grade-watch-live = live
grade-board-title = Class board
grade-board-title-steps = Class board, per step
grade-board-graded = { $graded }/{ $total } graded
grade-board-sort = sorted by { $by }
grade-board-sort-name = name
grade-board-sort-progress = progress (behind first)
grade-board-sort-stalled = time without progress
grade-board-rows = rows { $from }–{ $to } of { $total }
grade-board-steps-pos = steps { $from }–{ $to } of { $total }
grade-board-lessons = lessons { $from }–{ $to } of { $total } (← →)
grade-board-alias = Learner { $n }
grade-board-col-idle = No progress
grade-board-col-link = Connection
grade-board-col-passed = Passed
grade-board-col-stuck = Stuck
grade-board-col-reason = Most common failure
grade-board-idle-min = { $min } min
grade-board-idle-hours = { $h } h { $min } min
grade-board-keys = ↑↓ j k PgUp PgDn Home End scroll · v learners/steps · s sort · q quit
cli-grade-arg-anonymize = With --watch: show aliases ("Learner 017", numbered in roster order) instead of names on screen; the ledger keeps the real names.

## Shell pane (issue 9)
cli-arg-shell = Open the trainer with your shell in a pane, ready to type (F2 moves between the lesson and the shell).
tui-keys-shell = F2 shell
tui-keys-in-shell = F2 back to the lesson · Shift-PgUp/PgDn scrolls the shell
key-shell = open your shell in a pane / move between lesson and shell
key-type = type the command into your shell, without Enter
key-shell-scroll = scroll the shell (also the mouse wheel over it)
tui-shell-title = Shell
tui-shell-focused = · F2 back to the lesson
tui-shell-unfocused = · F2 to type here
tui-shell-scrolled = ↑ { $lines } lines back
tui-shell-exited = The shell ended (status { $code }); F2 opens a new one.
tui-shell-failed = Could not start the shell: { $error }

## The course on today's Docker (issue 16)
reason-ports-published = Container { $container } publishes { $found } on the host; in this step run it without -p, to see that nothing reaches it from your machine until a port is published.
reason-port-held = Container { $container } is not running: the host port { $port } it asks for is held by container { $holder }. Stop it first with docker stop { $holder } (it may take 10 s) and try again.
reason-container-not-started = Container { $container } was created but never started; it asks for host port { $port }. If Docker answered "port is already allocated", another container or program holds it: find it with docker ps, stop it and try again.
reason-dockerfile-packages-unsorted = { $path }, line { $line }: the packages are not in alphabetical order: { $package } goes before { $after }.
doctor-buildx-ok = Buildx { $version }: the BuildKit builder the course's Dockerfile needs (RUN --mount).
doctor-buildx-broken = Buildx is in { $path } but does not answer ({ $error }); reinstall it (package docker-buildx-plugin, or docker-buildx on Debian and Ubuntu).
doctor-buildx-missing = Buildx is missing, and the course's Dockerfile (RUN --mount) needs BuildKit: docker build would answer "the --mount option requires BuildKit". Install the package docker-buildx-plugin (Docker's repository) or docker-buildx (Debian 13, Ubuntu); Docker Desktop has it. Only with the Docker 20.10 client, "DOCKER_BUILDKIT=1 docker build" is enough.
doctor-compose-v2-ok = Compose v2 { $version } ("docker compose").
doctor-compose-broken = The Compose plugin is in { $path } but does not answer ({ $error }); reinstall it.
doctor-compose-only-v1 = You only have Compose v1 ("docker-compose"); the course uses "docker compose" (v2), and "docker compose up --build" would answer "unknown flag: --build". Install the Compose v2 plugin: docker-compose-plugin (Docker's repository), docker-compose-v2 (Ubuntu) or docker-compose (Debian 13).
doctor-compose-v2-missing = Compose v2 ("docker compose"), which lesson 5 uses, is missing. Install docker-compose-plugin (Docker's repository), docker-compose-v2 (Ubuntu) or docker-compose (Debian 13); Docker Desktop has it.
doctor-init-ok = docker init is available (it comes with Docker Desktop).
doctor-init-missing = You do not have docker init, which only comes with Docker Desktop. That is fine: in the "docker init" steps of lessons 1 and 4 you will write its files by hand, as the lesson explains ("Without docker init").
doctor-port-held = Port { $port } is held by container { $container }; stop it before publishing the port ("docker stop { $container }").
doctor-hub-ok = Docker Hub answers (registry-1.docker.io): the course's images can be pulled.
doctor-hub-unreachable = Docker Hub cannot be reached ({ $error }): the course's images (python, postgres, golang, ubuntu) cannot be pulled. Is there an Internet connection? Is a proxy needed?
doctor-hub-unknown = Could not verify whether Docker Hub can be reached: no answer in { $seconds } s. Pulls may be slow or fail.
doctor-hub-login = You are not logged in to Docker Hub. Without a login, Docker Hub limits pulls per IP address, and a classroom that reaches the Internet through one address soon runs out ("toomanyrequests"). With "docker login" (a free account is enough) the limit is your account's.
doctor-hub-logged-in = Logged in to Docker Hub: the pull limit is your account's.
flash-skipped = Step skipped: { $step }
flash-copied-tmux = Command copied to the clipboard (tmux lets it through).
flash-copied-tmux-blocked = Inside tmux the command does not reach the clipboard: tmux does not let OSC 52 through. Turn it on with "tmux set -g set-clipboard on", or select the text with Shift and the mouse.
flash-copied-tmux-unknown = Command sent; inside tmux it reaches the clipboard only if tmux lets OSC 52 through ("tmux set -g set-clipboard on").
tui-watching = Watched folder: { $path }
tui-watching-help = Watched folder (your files; --workdir changes it): { $path }
tui-daemon-up-short = Docker { $version }
tui-more-below = ▼ the text goes on below: ↓ or PgDn
tui-more-above = ▲ end of the text; more above: ↑ or PgUp
flash-placeholder = The command has a gap, { $placeholder }: it was typed up to there. Fill it in yourself (with what "docker ps" shows, if it is a container) and press Enter.
## Windows and WSL (issue 15)
unverifiable-pipe-missing = Could not verify: the Docker pipe { $path } does not exist (is Docker Desktop running?).
unverifiable-pipe-denied = Could not verify: you are not allowed to open the Docker pipe { $path }.
fix-pipe-missing = Open Docker Desktop and wait until it says "Engine running" (or point DOCKER_HOST at your daemon).
fix-pipe-denied = Add your Windows user to the docker-users group (in PowerShell as administrator: net localgroup docker-users $env:USERNAME /add), then sign out and in again.
doctor-host-desktop-stopped = Docker Desktop is installed but not running: open it from the Start menu and wait until it says "Engine running".
doctor-host-no-docker = Docker Desktop is not installed: install it (it runs on WSL 2, which "wsl --install" in PowerShell as administrator sets up), then open it once.
doctor-host-no-desktop-wsl = Docker Desktop is not installed, but WSL is. If your Docker Engine runs inside a WSL distribution, run pracdocker there (the Linux build, inside "wsl"), or install Docker Desktop and turn on its WSL integration.
doctor-host-windows-containers = The daemon runs Windows containers and the course's images are Linux images: right-click the Docker Desktop icon in the taskbar and choose "Switch to Linux containers…".
doctor-host-wsl-integration = You are inside WSL ({ $distro }) and there is no Docker socket. With Docker Desktop, turn on its integration for this distribution (Settings → Resources → WSL integration) and open a new terminal; with Docker Engine installed in the distribution, start it ("sudo service docker start").
# A step the learner's progress file records done (grade).
grade-done = { $basis ->
    [observed] done { $at }, seen on the daemon
    [contradicted] ⚠ recorded done { $at }, but the daemon never had what the progress file names
   *[claimed] done { $at }, on the learner's progress file (nothing left to see on the daemon)
}
grade-claimed = claimed: { $count }
grade-flagged = ⚠ contradicted: { $count }
grade-same-daemon = ⚠ The same Docker daemon as { $names }: one learner's work counted for several, or a roster mistake.
