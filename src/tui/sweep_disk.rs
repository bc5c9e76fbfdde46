//! Sweep directories on disk, read for the sweep screen: the list under the sweeps folder,
//! each cell's state, and the selected cell's history. Called from `App::update` only (on
//! open, on `r`, and at most once a second on the tick), never while drawing.
//!
//! Reading stays cheap however large the grid, and works the same whether the sweep runs in
//! this machine's other terminal or on a Slurm cluster writing to a shared directory:
//! * a finished cell is one `cells/<cell>/summary-row.csv` (read once, then never again);
//! * a cell in progress is the last line of its `metrics.csv` (the file's tail only, and
//!   only when its size changed); its total steps come from `sweep.ron`'s cell preset, which
//!   is what the cell's own `preset.ron` holds;
//! * the selected cell's whole `metrics.csv` and `events.log` only when the selection
//!   changes or those files grow.

use super::run_state::{RunState, Status};
use crate::analysis::{EventKind, Phase, PhaseEvent};
use crate::preset::{Cell, Preset};
use crate::report::{CellStats, SummaryRow, aggregate, parse_summary};
use crate::sweep::{CELL_ROW, CELLS, SWEEP_PRESET, SweepDir, cell_label};
use std::collections::BTreeMap;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The sweeps folder when only the runs folder is known: its sibling `sweeps` (so the
/// default `runs` gives `sweeps`, where `groktop sweep` writes by default).
pub fn default_sweeps_dir(runs_dir: &Path) -> PathBuf {
    match runs_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join("sweeps"),
        _ => PathBuf::from("sweeps"),
    }
}

/// One sweep directory as the Sweeps tab lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepEntry {
    pub path: PathBuf,
    pub name: String,
    pub preset: String,
    pub cells: usize,
    pub done: usize,
}

/// Every sweep directory (one holding `sweep.ron`) directly under `root`, by name.
pub fn scan(root: &Path) -> Result<Vec<SweepEntry>, String> {
    let read = match std::fs::read_dir(root) {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.to_string()),
    };
    let mut out: Vec<SweepEntry> = read
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join(SWEEP_PRESET).is_file())
        .map(|path| {
            let preset = SweepDir::new(&path).preset().ok();
            let done = std::fs::read_dir(path.join(CELLS)).map_or(0, |cells| {
                cells
                    .flatten()
                    .filter(|c| c.path().join(CELL_ROW).is_file())
                    .count()
            });
            SweepEntry {
                name: file_name(&path),
                preset: preset
                    .as_ref()
                    .map_or_else(|| "?".into(), |p| p.name.clone()),
                cells: preset.map_or(0, |p| p.cells().len()),
                done,
                path,
            }
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// Where one cell (one seed) stands.
#[derive(Clone, Debug, PartialEq)]
pub enum CellProgress {
    /// No metrics yet.
    Pending,
    /// The newest evaluation in its metrics.csv.
    Running { step: u64, total: u64 },
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
    /// Size of each cell's metrics.csv when last read (unchanged: not read again).
    metrics_len: Vec<u64>,
    /// Sorted distinct values of each axis.
    pub d_models: Vec<usize>,
    pub n_trains: Vec<usize>,
    /// The other axes' combinations, (n_layers, n_memorize), sorted.
    pub slices: Vec<(usize, usize)>,
    pub seeds: Vec<u64>,
    pub points: BTreeMap<PointKey, PointState>,
    /// All grid points aggregated over their finished seeds (for D_crit / D_mem).
    pub stats: Vec<CellStats>,
    /// A summary row that could not be read.
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
            metrics_len: vec![u64::MAX; n],
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

    /// Reads what changed since the last read. Returns true when anything did.
    pub fn refresh(&mut self) -> bool {
        let mut changed = false;
        for i in 0..self.cells.len() {
            if matches!(self.progress[i], CellProgress::Done(_)) {
                continue;
            }
            let dir = self.cell_dir(i);
            let row_path = dir.join(CELL_ROW);
            if row_path.is_file() {
                match read_row(&row_path) {
                    Ok(row) => {
                        self.progress[i] = CellProgress::Done(Box::new(row));
                        changed = true;
                        continue;
                    }
                    Err(e) => self.error = Some(e),
                }
            }
            let metrics = dir.join("metrics.csv");
            let len = std::fs::metadata(&metrics).map_or(0, |m| m.len());
            if len == self.metrics_len[i] {
                continue;
            }
            self.metrics_len[i] = len;
            let total = self.cells[i].preset.training.steps;
            let progress = match last_step(&metrics) {
                Some(step) => CellProgress::Running { step, total },
                None => CellProgress::Pending,
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
                CellProgress::Done(_) => {
                    started = true;
                    1.0
                }
                CellProgress::Running { step, total } => {
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

    /// How many cells finished, and how many are under way.
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
}

/// A cell's `summary-row.csv`: the header and one row.
fn read_row(path: &Path) -> Result<SummaryRow, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse_summary(&text, path)
        .map_err(|e| e.to_string())?
        .into_iter()
        .next()
        .ok_or_else(|| format!("{}: no row after the header", path.display()))
}

/// The step of the last complete line of a metrics.csv, reading only the file's tail.
fn last_step(path: &Path) -> Option<u64> {
    const TAIL: u64 = 4096;
    let mut f = std::fs::File::open(path).ok()?;
    let len = f.metadata().ok()?.len();
    f.seek(SeekFrom::Start(len.saturating_sub(TAIL))).ok()?;
    let mut buf = String::new();
    f.take(TAIL).read_to_string(&mut buf).ok()?;
    // Only lines ended by a newline are complete (a writer may be mid-line).
    let complete = &buf[..buf.rfind('\n')?];
    complete
        .lines()
        .rev()
        .find_map(|l| l.split(',').next()?.trim().parse().ok())
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
        let dir = sweep.cell_dir(index);
        let (metrics, events) = (dir.join("metrics.csv"), dir.join("events.log"));
        let sizes = file_sizes(&dir);
        let history = parse_metrics(&std::fs::read_to_string(metrics).unwrap_or_default());
        let log = std::fs::read_to_string(events).unwrap_or_default();
        let (events, verdict) = parse_events(&log);
        let cell = &sweep.cells[index];
        let total = cell.preset.training.steps;
        let mut run =
            RunState::from_history(cell_label(cell), cell.axes.seed, total, history, events);
        run.preset = Some(cell.preset.clone());
        run.dir = Some(dir);
        match &sweep.progress[index] {
            CellProgress::Done(row) => {
                run.status = Status::Finished { completed: true };
                run.phase = row.phase;
                run.memorized_step = row.memorized_step.or(run.memorized_step);
                run.generalized_step = row.generalized_step.or(run.generalized_step);
            }
            CellProgress::Running { .. } => run.status = Status::Running,
            CellProgress::Pending => run.status = Status::Starting,
        }
        if let Some((phase, reason)) = &verdict {
            run.phase = *phase;
            run.reason.clone_from(reason);
        }
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
        done != shown_done || file_sizes(&sweep.cell_dir(self.index)) != self.sizes
    }
}

fn file_sizes(dir: &Path) -> (u64, u64) {
    let len = |name: &str| std::fs::metadata(dir.join(name)).map_or(0, |m| m.len());
    (len("metrics.csv"), len("events.log"))
}

pub use crate::train::parse_metrics;

/// The events of an events.log (`step N\t<Kind>\t<message>`) and its `final` line.
pub fn parse_events(text: &str) -> (Vec<PhaseEvent>, Option<(Phase, String)>) {
    let mut events = Vec::new();
    let mut verdict = None;
    for line in text.lines() {
        let mut parts = line.splitn(3, '\t');
        let (Some(head), Some(kind), message) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let message = message.unwrap_or("").to_string();
        if head == "final" {
            if let Ok(p) = Phase::from_str(kind) {
                verdict = Some((p, message));
            }
            continue;
        }
        let step = head
            .strip_prefix("step ")
            .and_then(|s| s.trim().parse().ok());
        let kind = EventKind::ALL
            .into_iter()
            .find(|k| format!("{k:?}") == kind.trim());
        if let (Some(step), Some(kind)) = (step, kind) {
            events.push(PhaseEvent {
                step,
                kind,
                message,
            });
        }
    }
    (events, verdict)
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

    #[test]
    fn events_and_verdict() {
        let (ev, v) = parse_events(
            "step 100\tMemorized\ttrain acc ≥ 99%\nstep 900\tGeneralized\tval\nfinal\tgrokking\tval jumped\n",
        );
        assert_eq!(ev.len(), 2);
        assert_eq!(ev[1].kind, EventKind::Generalized);
        assert_eq!(v, Some((Phase::Grokking, "val jumped".into())));
    }

    #[test]
    fn metrics_by_header_name() {
        let m = parse_metrics(&format!(
            "{}\n10,1.5,0.25,2.0,,3.5,10.00,1.000,,\nbad\n",
            crate::train::METRICS_HEADER
        ));
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].step, m[0].train_acc, m[0].val_acc), (10, 0.25, None));
    }
}
