//! The messages between front ends and workers.

use crate::analysis::{Classification, PhaseEvent};
use crate::preset::Preset;
use crate::record::Claim;
use crate::record::Metrics;
use std::path::PathBuf;

/// Which run an event belongs to (front ends number their runs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RunId(pub usize);

/// How a worker starts. (Built once per run, so the size of `New` does not matter.)
#[derive(Clone, Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Launch {
    /// A new run of a single-run preset, in a new directory under `runs_root`, or in exactly
    /// `dir` when given.
    New {
        preset: Preset,
        runs_root: PathBuf,
        dir: Option<PathBuf>,
    },
    /// Continue a run directory from its newest usable checkpoint, as far as `until` says.
    Resume { dir: PathBuf, until: Until },
    /// A directory the caller has already claimed (a sweep cell): resume it when it holds a
    /// usable checkpoint, else start `preset` in it from step 0.
    Claimed { claim: Claim, preset: Preset },
}

/// How far a resumed run trains. `groktop resume --steps / --extend` and the TUI's extend
/// key all come here, so a run grows the same way from either.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Until {
    /// The step count of its preset.ron.
    Preset,
    /// This many steps in all.
    Total(u64),
    /// This many steps past its plan (its preset.ron's step count), or past its newest
    /// usable checkpoint when that is further: a stopped run is never cut short.
    More(u64),
}

impl Until {
    /// The step count a run `planned` to train, at `reached` now, trains to (`None`: it
    /// overflows). The one rule for `resume`, `resume --extend` and the TUI's `+`.
    pub fn total(self, planned: u64, reached: u64) -> Option<u64> {
        match self {
            Until::Preset => Some(planned),
            Until::Total(total) => Some(total),
            Until::More(n) => planned.max(reached).checked_add(n),
        }
    }
}

/// Front end → worker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    /// Stop stepping; the worker blocks (no CPU) until `Resume` or `Stop`.
    Pause,
    Resume,
    /// Write a checkpoint at the current step.
    Checkpoint,
    /// End the run early, with or without a final checkpoint.
    Stop {
        checkpoint: bool,
    },
}

/// What a run is, sent once when it starts.
#[derive(Clone, Debug)]
pub struct RunInfo {
    /// The single-run preset that runs.
    pub preset: Preset,
    pub dir: PathBuf,
    pub start_step: u64,
    pub total_steps: u64,
    pub n_params: usize,
    /// Evaluations before this session (a resumed run's saved history).
    pub history: Vec<Metrics>,
    /// Phase events found in that history.
    pub events: Vec<PhaseEvent>,
    /// Things the front end should tell the user (a damaged checkpoint skipped, …).
    pub notes: Vec<String>,
}

/// How a run ended.
#[derive(Clone, Debug)]
pub struct RunSummary {
    pub dir: PathBuf,
    /// The step the run ended at (and, when stopped, the step of its last checkpoint).
    pub step: u64,
    pub last: Option<Metrics>,
    pub best_val_acc: Option<f32>,
    /// Best val accuracy on the twin-free pairs (`data::twins`), when the run records it.
    pub best_twin_free_val_acc: Option<f32>,
    pub classification: Classification,
    pub memorized_step: Option<u64>,
    pub generalized_step: Option<u64>,
    /// False when stopped before the preset's step count.
    pub completed: bool,
}

/// Worker → front end.
#[derive(Clone, Debug)]
pub enum Event {
    Started {
        run: RunId,
        info: Box<RunInfo>,
    },
    /// A new evaluation, with the verdict so far.
    Metrics {
        run: RunId,
        metrics: Metrics,
        /// The live verdict (`PhaseDetector::live`): a phase only once the rest of the run
        /// cannot change it, otherwise Undecided with what it waits for.
        classification: Classification,
    },
    Phase {
        run: RunId,
        event: PhaseEvent,
    },
    Checkpointed {
        run: RunId,
        step: u64,
        path: PathBuf,
    },
    Paused {
        run: RunId,
        step: u64,
    },
    Resumed {
        run: RunId,
        step: u64,
    },
    Finished {
        run: RunId,
        summary: Box<RunSummary>,
    },
    Failed {
        run: RunId,
        error: String,
    },
}

impl Event {
    pub fn run(&self) -> RunId {
        match self {
            Event::Started { run, .. }
            | Event::Metrics { run, .. }
            | Event::Phase { run, .. }
            | Event::Checkpointed { run, .. }
            | Event::Paused { run, .. }
            | Event::Resumed { run, .. }
            | Event::Finished { run, .. }
            | Event::Failed { run, .. } => *run,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Until;

    #[test]
    fn extending_adds_to_the_plan_or_the_step_reached_whichever_is_further() {
        // Stopped at 130 of 400: the plan grows; it is never cut to 150.
        assert_eq!(Until::More(20).total(400, 130), Some(420));
        // Finished, or past its plan (an older extension): from the step reached.
        assert_eq!(Until::More(20).total(400, 400), Some(420));
        assert_eq!(Until::More(20).total(400, 590), Some(610));
        assert_eq!(Until::More(1).total(u64::MAX, 0), None);
        assert_eq!(Until::Preset.total(400, 130), Some(400));
        assert_eq!(Until::Total(300).total(400, 130), Some(300));
    }
}
