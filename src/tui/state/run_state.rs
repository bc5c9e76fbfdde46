//! What the UI knows about one run, built only from its `Event`s.

use crate::analysis::{EventKind, Phase, PhaseEvent};
use crate::preset::Preset;
use crate::record::Metrics;
use crate::tui::state::circuit_series::CircuitSeries;
use crate::tui::state::series::Series;
use crate::tui::state::smoothing::Smoothed;
use crate::worker::{Event, RunId, RunInfo};
use std::path::PathBuf;

/// The verdict of a live run that still waits for something (it says what).
const PROVISIONAL: &str = "provisional";

/// Where a run is in its life.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// Shown from its files, which the disk watcher has not read yet (`DiskView`).
    Reading,
    Starting,
    Running,
    Paused,
    Finished {
        completed: bool,
    },
    Failed(String),
}

impl Status {
    /// True while the run has a live worker.
    pub fn is_active(&self) -> bool {
        matches!(self, Status::Starting | Status::Running | Status::Paused)
    }
}

/// At most this many phase events are kept per run (a detector says a handful).
const MAX_EVENTS: usize = 256;

/// One run as the screen shows it.
#[derive(Clone, Debug)]
pub struct RunState {
    pub id: RunId,
    /// A short name: `"grokking · seed 1"`.
    pub label: String,
    pub seed: u64,
    pub preset: Option<Preset>,
    pub dir: Option<PathBuf>,
    pub start_step: u64,
    pub total_steps: u64,
    pub n_params: usize,
    /// The newest step the worker reported (evaluation, checkpoint or pause).
    pub step: u64,
    pub last: Option<Metrics>,
    pub train_acc: Series,
    pub val_acc: Series,
    /// Val accuracy on the twin-free pairs (`data::twins`), where the run records it.
    pub twin_free_val_acc: Series,
    /// Mixes only: train accuracy on the rule (addition) and memorization examples.
    pub rule_acc: Series,
    pub mem_acc: Series,
    /// log10 of the losses.
    pub train_loss: Series,
    pub val_loss: Series,
    pub norm: Series,
    /// Addition tasks: the circuit progress measures.
    pub circuits: CircuitSeries,
    /// The curves smoothed at every strength (key `s` of the run view picks one).
    pub smooth: SmoothCurves,
    pub events: Vec<PhaseEvent>,
    pub phase: Phase,
    pub reason: String,
    pub status: Status,
    /// A pause was asked for (the worker confirms with `Paused`).
    pub want_paused: bool,
    pub checkpoint: Option<u64>,
    pub memorized_step: Option<u64>,
    pub onset_step: Option<u64>,
    pub generalized_step: Option<u64>,
    pub best_val_acc: Option<f32>,
    /// The files of a run read from disk that could not be read, as `path: reason`: shown
    /// instead of the empty curves they would otherwise look like.
    pub unreadable: Vec<String>,
    /// The finished run as it was before `+` asked its worker to train it further, until
    /// the worker starts: an extension that fails to start leaves the run as it was (its
    /// files are unchanged), not a blank failed run that the exit report says to resume.
    pub before_extend: Option<Box<RunState>>,
    /// Debiased exponential moving average of the reported speed (see [`RunState::rate`]).
    rate_sum: f64,
    rate_weight: f64,
}

/// Weight of the newest speed in the moving average: about the last ten evaluations count.
const RATE_ALPHA: f64 = 0.1;

impl RunState {
    pub fn new(id: RunId, label: String, seed: u64, total_steps: u64) -> Self {
        Self {
            id,
            label,
            seed,
            preset: None,
            dir: None,
            start_step: 0,
            total_steps,
            n_params: 0,
            step: 0,
            last: None,
            train_acc: Series::default(),
            val_acc: Series::default(),
            twin_free_val_acc: Series::default(),
            rule_acc: Series::default(),
            mem_acc: Series::default(),
            train_loss: Series::default(),
            val_loss: Series::default(),
            norm: Series::default(),
            circuits: CircuitSeries::default(),
            smooth: SmoothCurves::default(),
            events: Vec::new(),
            phase: Phase::Undecided,
            reason: String::new(),
            status: Status::Starting,
            unreadable: Vec::new(),
            before_extend: None,
            want_paused: false,
            checkpoint: None,
            memorized_step: None,
            onset_step: None,
            generalized_step: None,
            best_val_acc: None,
            rate_sum: 0.0,
            rate_weight: 0.0,
        }
    }

    /// A run read back from its files (a sweep cell): its evaluations and phase events, no
    /// worker. The caller sets status and verdict.
    pub fn from_history(
        label: String,
        seed: u64,
        total_steps: u64,
        history: Vec<Metrics>,
        events: Vec<PhaseEvent>,
    ) -> Self {
        let mut run = Self::new(RunId(usize::MAX), label, seed, total_steps);
        for m in history {
            run.push_metrics(m);
        }
        for e in events {
            run.push_event(e);
        }
        run
    }

    /// Applies one event of this run.
    pub fn apply(&mut self, event: Event) {
        match event {
            Event::Started { info, .. } => {
                self.before_extend = None;
                self.started(*info);
            }
            Event::Metrics {
                metrics,
                classification,
                ..
            } => {
                self.phase = classification.phase;
                self.reason = classification.reason;
                self.push_metrics(metrics);
            }
            Event::Phase { event, .. } => self.push_event(event),
            Event::Checkpointed { step, .. } => {
                self.checkpoint = Some(step);
                self.step = self.step.max(step);
            }
            Event::Paused { step, .. } => {
                self.status = Status::Paused;
                self.want_paused = true;
                self.step = self.step.max(step);
            }
            Event::Resumed { step, .. } => {
                self.status = Status::Running;
                self.want_paused = false;
                self.step = self.step.max(step);
            }
            Event::Finished { summary, .. } => {
                self.status = Status::Finished {
                    completed: summary.completed,
                };
                self.phase = summary.classification.phase;
                self.reason = summary.classification.reason;
                self.memorized_step = summary.memorized_step.or(self.memorized_step);
                self.generalized_step = summary.generalized_step.or(self.generalized_step);
                self.best_val_acc = summary.best_val_acc.or(self.best_val_acc);
                self.dir = Some(summary.dir);
            }
            Event::Failed { error, .. } => match self.before_extend.take() {
                Some(before) => *self = *before,
                None => self.status = Status::Failed(error),
            },
        }
    }

    fn started(&mut self, info: RunInfo) {
        self.seed = info.preset.seed;
        self.label = format!("{} · seed {}", info.preset.name, info.preset.seed);
        self.total_steps = info.total_steps;
        self.start_step = info.start_step;
        self.step = info.start_step;
        self.n_params = info.n_params;
        self.dir = Some(info.dir);
        self.preset = Some(info.preset);
        if self.status == Status::Starting {
            self.status = if self.want_paused {
                Status::Paused
            } else {
                Status::Running
            };
        }
        // A resumed run continues its charts from the saved history.
        for m in info.history {
            self.push_metrics(m);
        }
        for e in info.events {
            self.push_event(e);
        }
    }

    fn push_metrics(&mut self, m: Metrics) {
        let x = m.step as f64;
        self.train_acc.push(x, f64::from(m.train_acc));
        self.train_loss.push(x, log_loss(m.train_loss));
        if let Some(v) = m.val_acc {
            self.val_acc.push(x, f64::from(v));
            self.best_val_acc = Some(self.best_val_acc.map_or(v, |b| b.max(v)));
        }
        if let Some(v) = m.twin_free_val_acc {
            self.twin_free_val_acc.push(x, f64::from(v));
        }
        if let Some(a) = m.rule_train_acc {
            self.rule_acc.push(x, f64::from(a));
        }
        if let Some(a) = m.mem_train_acc {
            self.mem_acc.push(x, f64::from(a));
        }
        if let Some(l) = m.val_loss {
            self.val_loss.push(x, log_loss(l));
        }
        self.norm.push(x, f64::from(m.param_norm));
        self.smooth.push(&m);
        self.circuits.push(&m);
        if m.steps_per_sec > 0.0 && m.steps_per_sec.is_finite() {
            self.rate_sum =
                (1.0 - RATE_ALPHA) * self.rate_sum + RATE_ALPHA * f64::from(m.steps_per_sec);
            self.rate_weight = (1.0 - RATE_ALPHA) * self.rate_weight + RATE_ALPHA;
        }
        self.step = self.step.max(m.step);
        self.last = Some(m);
    }

    fn push_event(&mut self, e: PhaseEvent) {
        match e.kind {
            EventKind::Memorized => self.memorized_step = Some(e.step),
            EventKind::GeneralizationOnset => self.onset_step = Some(e.step),
            EventKind::Generalized => self.generalized_step = Some(e.step),
            _ => {}
        }
        if self.events.len() == MAX_EVENTS {
            self.events.remove(0);
        }
        self.events.push(e);
    }

    /// Steps per second: a moving average of the evaluations' speeds (debiased, so the first
    /// ones count fully), steadier than the newest speed alone, which swings with whatever
    /// else the machine runs.
    pub fn rate(&self) -> Option<f32> {
        (self.rate_weight > 0.0).then(|| (self.rate_sum / self.rate_weight) as f32)
    }

    /// Seconds of training so far (pauses excluded).
    pub fn elapsed(&self) -> f64 {
        self.last.as_ref().map_or(0.0, |m| m.elapsed_secs)
    }

    /// Estimated seconds to the end, at the newest speed.
    pub fn eta(&self) -> Option<f64> {
        self.rate()
            .map(|r| self.total_steps.saturating_sub(self.step) as f64 / f64::from(r))
    }

    /// The fraction of the steps done.
    pub fn progress(&self) -> f64 {
        if self.total_steps == 0 {
            0.0
        } else {
            (self.step as f64 / self.total_steps as f64).clamp(0.0, 1.0)
        }
    }

    /// The verdict in one word: the phase once it is settled, "provisional" while a live
    /// run's verdict still waits for something, "undecided" for a run that ended so.
    pub fn verdict_word(&self) -> &'static str {
        match (self.phase, self.status.is_active()) {
            (Phase::Undecided, true) => PROVISIONAL,
            (p, _) => p.label(),
        }
    }

    pub fn val_acc(&self) -> Option<f32> {
        self.last.as_ref().and_then(|m| m.val_acc)
    }

    /// Whether the run records the twin-free val (then verdicts are judged on it, and the
    /// compare view shows it in the paper's val's place).
    pub fn records_twin_free(&self) -> bool {
        (self.last.as_ref()).is_some_and(|m| m.twin_free_val_acc.is_some())
    }

    /// The val accuracy the verdict is judged on: twin-free where recorded, else the val.
    pub fn judged_val_acc(&self) -> Option<f32> {
        let m = self.last.as_ref()?;
        m.twin_free_val_acc.or(m.val_acc)
    }
}

/// The run's curves, smoothed (losses as their logs, as drawn).
#[derive(Clone, Debug, Default)]
pub struct SmoothCurves {
    pub train_acc: Smoothed,
    pub val_acc: Smoothed,
    pub twin_free_val_acc: Smoothed,
    pub train_loss: Smoothed,
    pub val_loss: Smoothed,
    pub norm: Smoothed,
}

impl SmoothCurves {
    fn push(&mut self, m: &Metrics) {
        let x = m.step as f64;
        self.train_acc.push(x, f64::from(m.train_acc));
        self.train_loss.push(x, log_loss(m.train_loss));
        if let Some(v) = m.val_acc {
            self.val_acc.push(x, f64::from(v));
        }
        if let Some(v) = m.twin_free_val_acc {
            self.twin_free_val_acc.push(x, f64::from(v));
        }
        if let Some(l) = m.val_loss {
            self.val_loss.push(x, log_loss(l));
        }
        self.norm.push(x, f64::from(m.param_norm));
    }
}

/// The loss on the log axis (a zero loss sits at 1e-9).
fn log_loss(l: f32) -> f64 {
    f64::from(l).max(1e-9).log10()
}
