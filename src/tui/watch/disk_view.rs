//! A run opened from disk without a worker: a read-only view through `record`'s reads, all
//! of them on the disk watcher's thread (`watch`). Opening reads nothing: the run shows as
//! "reading" until the watcher's first read; a finished run is read that once, a run that
//! another process trains (a live holder of its lock) again whenever its files grow, until
//! its writer lets go.

use crate::analysis::Phase;
use crate::human;
use crate::preset::Preset;
use crate::record::{RunDir, readable};
use crate::tui::state::run_state::{RunState, Status};
use crate::worker::RunId;
use std::path::Path;

/// A run shown from its files.
#[derive(Clone, Debug)]
pub struct DiskView {
    pub id: RunId,
    dir: RunDir,
    /// Sizes of metrics.csv and events.log when last read.
    sizes: (u64, u64),
    /// Another process was writing it when last read.
    pub live: bool,
    /// Read at least once (a copy sent to the watcher before that is read on its first poll).
    pub read: bool,
    /// Its name on screen.
    label: String,
}

/// What is known of a run before its files are read (from its listing line, or from the
/// preset of the sweep cell it is).
#[derive(Clone, Copy, Debug)]
pub struct Known {
    pub seed: u64,
    pub total_steps: u64,
}

impl DiskView {
    /// The run in `dir` as `RunState` `id`, named `label`, until it is read: what is `known`
    /// of it and its folder, with status `Reading`.
    pub fn open(id: RunId, dir: &Path, known: Known, label: String) -> (Self, RunState) {
        let mut run = RunState::new(id, label.clone(), known.seed, known.total_steps);
        run.status = Status::Reading;
        run.dir = Some(dir.to_path_buf());
        let view = Self {
            id,
            dir: RunDir {
                path: dir.to_path_buf(),
            },
            sizes: (0, 0),
            live: false,
            read: false,
            label,
        };
        (view, run)
    }

    /// The run read (and whether it is still trained elsewhere) when it has not been read
    /// yet, or is followed and its files changed or its writer let go; the disk watcher
    /// calls this.
    pub fn poll(&mut self) -> Option<(RunState, bool)> {
        if self.read {
            if !self.live {
                return None;
            }
            let live = self.dir.writer().is_some();
            if self.dir.sizes() == self.sizes && live {
                return None;
            }
        }
        let run = self.read();
        Some((run, self.live))
    }

    fn read(&mut self) -> RunState {
        let label = self.label.clone();
        self.read = true;
        self.live = self.dir.writer().is_some();
        self.sizes = self.dir.sizes();
        let mut unreadable = Vec::new();
        let preset = readable(self.dir.preset(), &mut unreadable);
        let total = preset.as_ref().map_or(0, |p| p.training.steps);
        let seed = preset.as_ref().map_or(0, |p| p.seed);
        let rows = readable(self.dir.metrics(), &mut unreadable).map_or_else(Vec::new, |t| t.rows);
        let log = readable(self.dir.events(), &mut unreadable).unwrap_or_default();
        let mut run = RunState::from_history(label, seed, total, rows, log.events);
        run.unreadable = unreadable;
        run.id = self.id;
        run.preset = preset;
        run.dir = Some(self.dir.path.clone());
        run.checkpoint = self.dir.latest_usable().0.map(|(c, _)| c.step);
        // From the preset: results kept without checkpoints have a size too.
        run.n_params = run.preset.as_ref().map_or(0, Preset::n_params);
        run.status = match (&log.failure, self.live) {
            (_, true) => Status::Running,
            (Some(e), false) => Status::Failed(e.clone()),
            (None, false) => Status::Finished {
                completed: run.step >= total,
            },
        };
        if let Some((phase, reason)) = log.verdict {
            run.phase = phase;
            run.reason = reason;
        } else if let Some((step, provisional)) = log.stopped {
            run.phase = Phase::Undecided;
            run.reason = format!("stopped at step {} · {provisional}", human::steps(step));
        }
        run
    }
}
