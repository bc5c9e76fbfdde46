//! A run opened from disk without a worker: a read-only view through `record`'s reads, all
//! of them on the disk watcher's thread (`watch`). Opening reads nothing: the run shows as
//! "reading" until the watcher's first read; a finished run is read that once, a run that
//! another process trains (a live holder of its lock) again whenever its files grow, until
//! its writer lets go.

use crate::analysis::Phase;
use crate::human;
use crate::preset::Preset;
use crate::record::{RunDir, RunEntry, readable};
use crate::tui::state::run_state::{RunState, Status};
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
    /// Read at least once (a copy sent to the watcher before that is read on its first poll).
    pub read: bool,
    /// Its name on screen.
    label: String,
}

impl DiskView {
    /// `entry`'s run as `RunState` `id`, named `label`, until it is read: what its listing
    /// line already says (seed, length, folder), with status `Reading`.
    pub fn open(id: RunId, entry: &RunEntry, label: String) -> (Self, RunState) {
        let mut run = RunState::new(
            id,
            label.clone(),
            entry.seed.unwrap_or(0),
            entry.total_steps.unwrap_or(0),
        );
        run.status = Status::Reading;
        run.dir = Some(entry.path.clone());
        let view = Self {
            id,
            dir: RunDir {
                path: entry.path.clone(),
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
