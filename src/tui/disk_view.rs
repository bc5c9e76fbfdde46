//! A run opened from disk without a worker: a read-only view through `record`'s reads. A
//! finished run is read once (when opened); a run that another process trains (a live
//! holder of its lock) is read again by the disk watcher (`watch`) whenever its files grow,
//! until its writer lets go.

use super::run_state::{RunState, Status};
use crate::record::{RunDir, RunEntry};
use crate::worker::RunId;

/// A run shown from its files.
#[derive(Clone, Debug)]
pub struct DiskView {
    pub id: RunId,
    dir: RunDir,
    /// Sizes of metrics.csv and events.log when last read.
    sizes: (u64, u64),
    /// Another process was writing it when last read.
    pub live: bool,
    /// Its name on screen.
    label: String,
}

impl DiskView {
    /// Reads `entry`'s run as `RunState` `id`, named `label`.
    pub fn open(id: RunId, entry: &RunEntry, label: String) -> (Self, RunState) {
        let dir = RunDir {
            path: entry.path.clone(),
        };
        let mut view = Self {
            id,
            dir,
            sizes: (0, 0),
            live: false,
            label,
        };
        let run = view.read();
        (view, run)
    }

    /// The run read again (and whether it is still trained elsewhere) when it is followed
    /// and its files changed or its writer let go; the disk watcher calls this.
    pub fn poll(&mut self) -> Option<(RunState, bool)> {
        if !self.live {
            return None;
        }
        let live = self.dir.writer().is_some();
        if self.dir.sizes() == self.sizes && live {
            return None;
        }
        let run = self.read();
        Some((run, self.live))
    }

    fn read(&mut self) -> RunState {
        let label = self.label.clone();
        self.live = self.dir.writer().is_some();
        self.sizes = self.dir.sizes();
        let preset = self.dir.preset().ok();
        let total = preset.as_ref().map_or(0, |p| p.training.steps);
        let seed = preset.as_ref().map_or(0, |p| p.seed);
        let rows = self.dir.metrics().map(|t| t.rows).unwrap_or_default();
        let log = self.dir.events().unwrap_or_default();
        let mut run = RunState::from_history(label, seed, total, rows, log.events);
        run.id = self.id;
        run.preset = preset;
        run.dir = Some(self.dir.path.clone());
        let latest = self.dir.latest_usable().0;
        run.checkpoint = latest.as_ref().map(|(c, _)| c.step);
        run.n_params = latest.map_or(0, |(_, state)| state.n_params());
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
        }
        run
    }
}
