//! The trainer's state and how it changes: `update(&mut App, Msg) -> Vec<Effect>`, with no I/O.
//! Keys arrive as [`Action`]s (see [`keymap`]); check results, daemon status, daemon events and
//! file changes arrive as [`Msg`]s; everything that touches the world leaves as an [`Effect`].

pub mod keymap;
#[cfg(test)]
mod tests_shell;
mod update;

use std::collections::HashMap;
use std::sync::Arc;

use crate::check::Unverifiable;
use crate::check::{Beginning, StepResult};
use crate::course::{Course, Step};
use crate::key::StepKey;
use crate::lang::Lang;
use crate::session::{Change, Session, StepState};

pub use keymap::Action;
pub use update::update;

/// What the daemon connection looks like from the trainer.
#[derive(Debug, Clone, PartialEq)]
pub enum DaemonStatus {
    /// Trying to connect.
    Connecting,
    /// Connected and watching events.
    Up {
        /// Engine version, e.g. `20.10.24`.
        version: String,
        /// Endpoint, e.g. `unix:///var/run/docker.sock`.
        host: String,
    },
    /// Unreachable, with why (and the fix the UI shows).
    Down(Unverifiable),
}

/// Something the daemon reported, reduced to what decides whether a re-check is worth it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaemonEvent {
    /// `container`, `image`, `network`, `volume`...
    pub object: String,
    /// `start`, `tag`, `exec_start: psql ...`...
    pub action: String,
}

/// A message into `update`.
#[derive(Debug, Clone)]
pub enum Msg {
    /// The learner did something.
    Action(Action),
    /// A round of checks finished.
    ChecksDone {
        /// The generation the round was started with.
        generation: u64,
        /// Its results.
        results: Vec<StepResult>,
    },
    /// The daemon connection changed.
    Daemon(DaemonStatus),
    /// The daemon reported an event.
    DaemonEvent(DaemonEvent),
    /// Something changed in the learner's folder.
    FilesChanged,
    /// A progress change was saved (with whatever other processes had saved meanwhile).
    Saved(crate::progress::Progress),
    /// Saving failed.
    SaveFailed(String),
    /// A second passed (the count since start): confirmations fade, log-checked steps re-check.
    Tick(u64),
    /// The shell in the pane ended with this exit code: the pane closes.
    ShellExited(u32),
    /// The shell could not be started (why): the pane stays closed.
    ShellFailed(String),
    /// Text pasted while the shell pane has the focus.
    Paste(String),
    /// The terminal has this many columns and rows.
    Resize {
        /// Columns.
        cols: u16,
        /// Rows.
        rows: u16,
    },
}

/// Something for the runtime to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Evaluate these steps; reply with `ChecksDone { generation }`.
    RunChecks {
        /// Results of older generations are dropped.
        generation: u64,
        /// The steps and their beginnings.
        steps: Vec<(StepKey, Beginning)>,
        /// Quiz answers at the time of the request.
        answers: HashMap<StepKey, u8>,
    },
    /// Persist a progress change.
    Save(Change),
    /// Put text on the clipboard (OSC 52).
    Copy(String),
    /// Suspend to the shell (Ctrl-Z).
    Suspend,
    /// Leave the trainer.
    Quit,
    /// Start the learner's shell in the pane (it is not running).
    OpenShell,
    /// Type this command into the pane's shell, without Enter.
    TypeInShell(String),
    /// Input for the pane's shell (the learner's own keys, a paste) or its scrollback.
    ToShell(ShellInput),
}

/// What goes to the shell pane.
#[derive(Debug, Clone, PartialEq)]
pub enum ShellInput {
    /// A key, encoded for the program's terminal modes when it is written.
    Key(ratatui::crossterm::event::KeyEvent),
    /// Pasted text (bracketed when the program asked for it).
    Paste(String),
    /// Scroll the output back by lines (negative: forward).
    Scroll(i16),
    /// Scroll the output back by pages (negative: forward).
    Page(i16),
}

/// Whether a copy (`c`) can reach the learner's clipboard, as far as the trainer can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reach {
    /// Straight to the terminal, which puts OSC 52 on the clipboard (most do).
    #[default]
    Terminal,
    /// Inside tmux, which passes it on (`set-clipboard on` or `allow-passthrough on`).
    TmuxPasses,
    /// Inside tmux, which drops it (`set-clipboard` is `external` or `off`, and no passthrough).
    TmuxBlocks,
    /// Inside tmux, whose options could not be read.
    TmuxUnknown,
}

/// A short-lived confirmation on screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flash {
    /// This step just passed.
    Passed(StepKey),
    /// This optional step was just skipped (it did not pass).
    Skipped(StepKey),
    /// The whole course is done.
    CourseDone,
    /// A command was copied.
    Copied,
    /// A command was typed into the shell up to this placeholder, which the learner fills in.
    Placeholder(String),
    /// The key needs something that is not there (e.g. skipping a required step).
    Refused(&'static str),
    /// Something the learner must know at start (the progress file was kept aside), already in
    /// their language.
    Notice(String),
    /// The pane's shell ended with this exit code.
    ShellExited(u32),
    /// The pane's shell could not be started (why).
    ShellFailed(String),
}

/// The learner's shell pane, as far as the screen's layout cares (the terminal itself, its
/// process and its screen live in `crate::shell`, outside the state).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ShellPane {
    /// The pane is on screen (a shell runs in it, or is being started).
    pub open: bool,
    /// Keys go to the shell, not to the lesson.
    pub focused: bool,
}

/// How the step text sits on the screen: what scrolling is clamped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TextRows {
    /// The largest useful scroll offset.
    pub max_scroll: u16,
    /// Rows of step text on screen.
    pub page_height: u16,
}

/// The view's own layout of the step text for a state (see `ui::view::measurer`): handed to the
/// state by the front end, so `update` and the frame agree without the frame reporting back.
pub type Measure = Box<dyn Fn(&App) -> TextRows>;

/// The terminal the state is shown on. Its size is an input ([`Msg::Resize`]).
#[derive(Default)]
pub struct Screen {
    /// Columns.
    pub cols: u16,
    /// Rows.
    pub rows: u16,
    measure: Option<Measure>,
}

/// An overlay above the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modal {
    /// Keys and what they do.
    Help,
}

/// The step on screen and how far the learner is into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The step on screen (the current one, or an earlier one being re-read).
    pub viewing: StepKey,
    /// Hints shown for it.
    pub hints_shown: usize,
    /// First line of its text on screen (the view clamps it to the text).
    pub scroll: u16,
    /// Its selected code block.
    pub code_selected: Option<usize>,
}

impl Reading {
    /// A step from its top.
    fn at(viewing: StepKey) -> Reading {
        Reading {
            viewing,
            hints_shown: 0,
            scroll: 0,
            code_selected: None,
        }
    }
}

/// Check rounds: the latest verdicts and the round in flight.
#[derive(Debug, Clone, Default)]
pub struct Rounds {
    /// The latest verdicts per step.
    pub results: HashMap<StepKey, StepResult>,
    /// Bumped at every request; results of older rounds are dropped.
    pub generation: u64,
    /// A round is in flight.
    pub checking: bool,
    /// Another round was asked for while one was in flight.
    pub recheck_queued: bool,
}

/// What lies above the lesson for a while: the help, a confirmation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overlay {
    /// An overlay, if any.
    pub modal: Option<Modal>,
    /// A confirmation, with the ticks left before it goes.
    pub flash: Option<(Flash, u8)>,
    /// Counts confirmations shown, so a line-oriented front end prints each once.
    pub flash_seq: u64,
}

/// The whole trainer state. The screen is a function of it.
pub struct App {
    /// The course being taught.
    pub course: Arc<Course>,
    /// The learner's progress (in memory; saved through effects).
    pub session: Session,
    /// The language of every text.
    pub lang: Lang,
    /// The step on screen.
    pub reading: Reading,
    /// Verdicts and the round in flight.
    pub rounds: Rounds,
    /// The daemon connection.
    pub daemon: DaemonStatus,
    /// The help and confirmations.
    pub overlay: Overlay,
    /// The terminal it is shown on.
    pub screen: Screen,
    /// The last progress save error, shown in the status line.
    pub save_error: Option<String>,
    /// The shell pane.
    pub shell: ShellPane,
    /// Whether a copy can reach the clipboard (told apart inside tmux), for what `c` says.
    pub clipboard: Reach,
    /// The learner's folder, watched for file changes, as shown on screen.
    pub workdir: Option<String>,
}

impl App {
    /// Shows a notice the learner must read (kept on screen longer than a confirmation).
    pub fn notice(&mut self, text: String) {
        self.overlay.flash = Some((Flash::Notice(text), 15));
        self.overlay.flash_seq += 1;
    }

    /// A trainer on the learner's current step (or the last step when all are done).
    pub fn new(course: Arc<Course>, session: Session, lang: Lang) -> App {
        let viewing = session
            .current(&course)
            .unwrap_or_else(|| last_step(&course));
        App {
            course,
            session,
            lang,
            reading: Reading::at(viewing),
            rounds: Rounds::default(),
            daemon: DaemonStatus::Connecting,
            overlay: Overlay::default(),
            screen: Screen::default(),
            save_error: None,
            shell: ShellPane::default(),
            clipboard: Reach::default(),
            workdir: None,
        }
    }

    /// Lets `update` clamp scrolling by the view's layout (without it, as in `--plain`, nothing
    /// is clamped: there is no screen).
    pub fn measured_by(&mut self, measure: Measure) {
        self.screen.measure = Some(measure);
    }

    /// How the step text sits on the screen now.
    pub fn text_rows(&self) -> TextRows {
        match &self.screen.measure {
            Some(m) => m(self),
            None => TextRows {
                max_scroll: u16::MAX,
                page_height: self.screen.rows,
            },
        }
    }

    /// Code blocks of the step on screen, in its language.
    pub fn code_blocks(&self) -> usize {
        self.step()
            .map_or(0, |s| s.text.get(self.lang).doc.code_blocks().len())
    }

    /// The step on screen.
    pub fn step(&self) -> Option<&Step> {
        self.course.step(&self.reading.viewing).map(|(_, s)| s)
    }

    /// Where a step stands.
    pub fn state(&self, key: &StepKey) -> StepState {
        self.session.state(&self.course, key)
    }

    /// The step the learner works on, if any is left.
    pub fn current(&self) -> Option<StepKey> {
        self.session.current(&self.course)
    }
}

/// The course's last step (shown when everything is done).
fn last_step(course: &Course) -> StepKey {
    course
        .steps()
        .last()
        .map(|(l, s)| StepKey::new(&l.id, &s.id))
        .unwrap_or_else(|| StepKey::new("", ""))
}
