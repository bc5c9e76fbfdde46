//! Sweep directories as the sweep screen shows them: each cell's state and the selected
//! cell's history, all read through `record`. Called on the disk watcher's thread only
//! (`watch`: when a sweep is opened, on `r`, and about once a second while its map is shown),
//! never on the UI thread.
//!
//! Reading stays cheap however large the grid, and works the same whether the sweep runs in
//! this machine's other terminal or on a Slurm cluster writing to a shared directory:
//! * a finished cell is its summary row (read once; then only its existence is checked, so
//!   the map follows cells removed and a sweep deleted);
//! * any other cell is read again only when its metrics.csv changed size or its writer came
//!   or went (running means a live process holds the cell's lock);
//! * the selected cell's whole `metrics.csv` and `events.log` only when the selection
//!   changes or those files grow.

use crate::analysis::Phase;
use crate::preset::{Cell, Preset};
use crate::record::{self, CellStatus, RunDir, SweepDir, readable};
use crate::report::{CellStats, SummaryRow, aggregate};
use crate::sweep::cell_label;
use crate::tui::state::run_state::{RunState, Status};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The sweeps folder when only the runs folder is known: its sibling `sweeps` (so the
/// default `runs` gives `sweeps`, where `groktop sweep` writes by default).
pub fn default_sweeps_dir(runs_dir: &Path) -> PathBuf {
    match runs_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join("sweeps"),
        _ => PathBuf::from("sweeps"),
    }
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// Where one cell (one seed) stands (from `record::CellStatus`).
#[derive(Clone, Debug, PartialEq)]
pub enum CellProgress {
    /// Not started.
    Pending,
    /// A live process trains it; `step` is its newest evaluation.
    Running { step: u64, total: u64 },
    /// Nobody trains it; its newest checkpoint is at `step`.
    Stopped { step: u64, total: u64 },
    /// Ended in an error.
    Failed(String),
    /// Its files say it finished, but its summary row cannot be read (`path: reason`).
    Unreadable(String),
    /// Its summary row.
    Done(Box<SummaryRow>),
}

/// A grid point (all seeds of one set of axes) as the map shows it.
#[derive(Clone, Debug, PartialEq)]
pub enum PointState {
    Pending,
    /// Mean progress over its seeds (finished seeds count as 100 %).
    Running {
        pct: u8,
    },
    /// Every seed finished: aggregated over seeds.
    Done(Box<CellStats>),
}

/// The axes of a grid point: (n_layers, n_memorize, d_model, n_train).
pub type PointKey = (usize, usize, usize, usize);

/// A sweep's grid and what disk says about each cell.
#[derive(Clone, Debug)]
pub struct Sweep {
    pub path: PathBuf,
    pub name: String,
    pub preset: Preset,
    /// In grid order (`cells[i].index == i`).
    pub cells: Vec<Cell>,
    pub progress: Vec<CellProgress>,
    /// Size of each cell's metrics.csv and whether it had a writer when last read
    /// (unchanged: not read again).
    seen: Vec<(u64, bool)>,
    /// Sorted distinct values of each axis.
    pub d_models: Vec<usize>,
    pub n_trains: Vec<usize>,
    /// The other axes' combinations, (n_layers, n_memorize), sorted.
    pub slices: Vec<(usize, usize)>,
    pub seeds: Vec<u64>,
    pub points: BTreeMap<PointKey, PointState>,
    /// All grid points aggregated over their finished seeds (for D_crit / D_mem).
    pub stats: Vec<CellStats>,
    /// Why the sweep itself is gone (its directory or its `sweep.ron` deleted since it was
    /// opened); its cells' own errors are in `progress`.
    pub error: Option<String>,
}

fn sorted<T: Ord + Copy>(it: impl Iterator<Item = T>) -> Vec<T> {
    let mut v: Vec<T> = it.collect();
    v.sort_unstable();
    v.dedup();
    v
}

impl Sweep {
    /// Reads `sweep.ron` and every cell's state.
    pub fn open(path: &Path) -> Result<Self, String> {
        let preset = SweepDir::new(path).preset()?;
        let cells = preset.cells();
        let n = cells.len();
        let mut sweep = Self {
            path: path.to_path_buf(),
            name: file_name(path),
            d_models: sorted(cells.iter().map(|c| c.axes.d_model)),
            n_trains: sorted(cells.iter().map(|c| c.axes.n_train)),
            slices: sorted(cells.iter().map(|c| (c.axes.n_layers, c.axes.n_memorize))),
            seeds: sorted(cells.iter().map(|c| c.axes.seed)),
            preset,
            cells,
            progress: vec![CellProgress::Pending; n],
            seen: vec![(u64::MAX, false); n],
            points: BTreeMap::new(),
            stats: Vec::new(),
            error: None,
        };
        sweep.refresh();
        Ok(sweep)
    }

    /// The directory of cell `index`.
    pub fn cell_dir(&self, index: usize) -> PathBuf {
        SweepDir::new(&self.path).cell_dir(&self.cells[index])
    }

    /// Every cell read again at the next refresh, finished or not (`r`).
    pub fn forget(&mut self) {
        self.seen.fill((u64::MAX, false));
        self.progress.fill(CellProgress::Pending);
    }

    /// Reads what changed since the last read. Returns true when anything did.
    pub fn refresh(&mut self) -> bool {
        let dir = SweepDir::new(&self.path);
        // Two stats, not a parse of sweep.ron every second: its grid was read when opened.
        let error = if !self.path.is_dir() {
            Some(format!(
                "the sweep's directory is gone: {}",
                self.path.display()
            ))
        } else if !dir.exists() {
            Some(format!(
                "{}: is gone, this is no longer a sweep",
                self.path.join(record::SWEEP_PRESET).display()
            ))
        } else {
            None
        };
        let mut changed = error != self.error;
        self.error = error;
        for i in 0..self.cells.len() {
            let run = RunDir {
                path: self.cell_dir(i),
            };
            let has_row = run.path.join(record::CELL_ROW).is_file();
            if matches!(self.progress[i], CellProgress::Done(_)) && has_row {
                continue;
            }
            let seen = (run.sizes().0, run.writer().is_some());
            if seen == self.seen[i] && !has_row {
                continue;
            }
            self.seen[i] = seen;
            let cell = &self.cells[i];
            let total = cell.preset.training.steps;
            let progress = match dir.cell_status(cell) {
                CellStatus::NotStarted { .. } => CellProgress::Pending,
                CellStatus::Running { step, .. } => CellProgress::Running {
                    step: step.unwrap_or(0),
                    total,
                },
                CellStatus::Stopped { step } => CellProgress::Stopped { step, total },
                CellStatus::Failed { error } => CellProgress::Failed(error),
                CellStatus::Finished => match dir.cell_row(cell) {
                    Ok(row) => CellProgress::Done(Box::new(row)),
                    Err(e) => CellProgress::Unreadable(e.0),
                },
            };
            if progress != self.progress[i] {
                self.progress[i] = progress;
                changed = true;
            }
        }
        if changed || self.points.is_empty() {
            self.rebuild_points();
        }
        changed
    }

    /// Groups the cells into grid points and aggregates the finished ones.
    fn rebuild_points(&mut self) {
        let mut groups: BTreeMap<PointKey, Vec<usize>> = BTreeMap::new();
        for c in &self.cells {
            let a = c.axes;
            groups
                .entry((a.n_layers, a.n_memorize, a.d_model, a.n_train))
                .or_default()
                .push(c.index);
        }
        let done_rows: Vec<SummaryRow> = self
            .progress
            .iter()
            .filter_map(|p| match p {
                CellProgress::Done(r) => Some((**r).clone()),
                _ => None,
            })
            .collect();
        self.stats = aggregate(&done_rows);
        self.points = groups
            .into_iter()
            .map(|(key, idx)| (key, self.point_state(&idx)))
            .collect();
    }

    fn point_state(&self, idx: &[usize]) -> PointState {
        let rows: Vec<SummaryRow> = idx
            .iter()
            .filter_map(|&i| match &self.progress[i] {
                CellProgress::Done(r) => Some((**r).clone()),
                _ => None,
            })
            .collect();
        if rows.len() == idx.len()
            && let Some(s) = aggregate(&rows).into_iter().next()
        {
            return PointState::Done(Box::new(s));
        }
        let mut started = false;
        let frac: f64 = idx
            .iter()
            .map(|&i| match &self.progress[i] {
                CellProgress::Pending => 0.0,
                CellProgress::Done(_) | CellProgress::Failed(_) | CellProgress::Unreadable(_) => {
                    started = true;
                    1.0
                }
                CellProgress::Running { step, total } | CellProgress::Stopped { step, total } => {
                    started = true;
                    (*step as f64 / (*total).max(1) as f64).clamp(0.0, 1.0)
                }
            })
            .sum::<f64>()
            / idx.len().max(1) as f64;
        if started {
            PointState::Running {
                pct: (frac * 100.0).floor().min(99.0) as u8,
            }
        } else {
            PointState::Pending
        }
    }

    /// The cell with these axes and seed.
    pub fn cell_index(&self, key: PointKey, seed: u64) -> Option<usize> {
        self.cells
            .iter()
            .find(|c| {
                let a = c.axes;
                (a.n_layers, a.n_memorize, a.d_model, a.n_train) == key && a.seed == seed
            })
            .map(|c| c.index)
    }

    /// How many cells finished, and how many a live process trains now.
    pub fn counts(&self) -> (usize, usize) {
        let done = self
            .progress
            .iter()
            .filter(|p| matches!(p, CellProgress::Done(_)))
            .count();
        let running = self
            .progress
            .iter()
            .filter(|p| matches!(p, CellProgress::Running { .. }))
            .count();
        (done, running)
    }

    /// What cannot be read: the sweep itself, then each cell whose row cannot be.
    pub fn unreadable(&self) -> impl Iterator<Item = &String> {
        let cells = self.progress.iter().filter_map(|p| match p {
            CellProgress::Unreadable(e) => Some(e),
            _ => None,
        });
        self.error.iter().chain(cells)
    }
}

/// The selected cell's curves and verdict.
#[derive(Clone, Debug)]
pub struct CellDetail {
    pub index: usize,
    pub run: RunState,
    /// The phase and reason of events.log's `final` line (finished cells).
    pub verdict: Option<(Phase, String)>,
    /// Sizes of metrics.csv and events.log when read (a change means: read again).
    pub sizes: (u64, u64),
}

impl CellDetail {
    /// Reads cell `index` of `sweep` whole.
    pub fn read(sweep: &Sweep, index: usize) -> Self {
        let dir = RunDir {
            path: sweep.cell_dir(index),
        };
        let sizes = dir.sizes();
        let mut unreadable = Vec::new();
        let history = readable(dir.metrics(), &mut unreadable).map_or_else(Vec::new, |t| t.rows);
        let log = readable(dir.events(), &mut unreadable).unwrap_or_default();
        let (events, verdict) = (log.events, log.verdict);
        let cell = &sweep.cells[index];
        let total = cell.preset.training.steps;
        let mut run =
            RunState::from_history(cell_label(cell), cell.axes.seed, total, history, events);
        run.preset = Some(cell.preset.clone());
        run.dir = Some(dir.path);
        match &sweep.progress[index] {
            CellProgress::Done(row) => {
                run.status = Status::Finished { completed: true };
                run.phase = row.phase;
                run.memorized_step = row.memorized_step.or(run.memorized_step);
                run.generalized_step = row.generalized_step.or(run.generalized_step);
            }
            CellProgress::Running { .. } => run.status = Status::Running,
            CellProgress::Stopped { step, .. } => {
                run.status = Status::Finished { completed: false };
                run.checkpoint = Some(*step);
            }
            CellProgress::Failed(e) => run.status = Status::Failed(e.clone()),
            CellProgress::Unreadable(e) => {
                run.status = Status::Finished { completed: false };
                unreadable.insert(0, e.clone());
            }
            // Not started, or stopped before its first checkpoint (the curves it left).
            CellProgress::Pending => run.status = Status::Finished { completed: false },
        }
        if let Some((phase, reason)) = &verdict {
            run.phase = *phase;
            run.reason.clone_from(reason);
        }
        run.unreadable = unreadable;
        Self {
            index,
            run,
            verdict,
            sizes,
        }
    }

    /// True when the cell's files grew or it finished since it was read.
    pub fn stale(&self, sweep: &Sweep) -> bool {
        let done = matches!(sweep.progress[self.index], CellProgress::Done(_));
        let shown_done = self.run.status == Status::Finished { completed: true };
        let dir = RunDir {
            path: sweep.cell_dir(self.index),
        };
        done != shown_done || dir.sizes() != self.sizes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sweeps_dir_sits_beside_the_runs_dir() {
        assert_eq!(default_sweeps_dir(Path::new("runs")), Path::new("sweeps"));
        assert_eq!(
            default_sweeps_dir(Path::new("/data/x/runs")),
            Path::new("/data/x/sweeps")
        );
    }
}
