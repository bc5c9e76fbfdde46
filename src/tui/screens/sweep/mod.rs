//! The sweep screen's state: one sweep's grid, the selected grid point, seed and slice of
//! the other axes, and the selected cell's curves, and the screen's keys. The sweep is read
//! once when opened (through `sweep_disk`); after that the disk watcher (`watch`) reads it and
//! its selected cell, and the app hands over what it sends.

mod figure;
pub mod keys;
pub mod view;
pub mod words;

use crate::report::{CellStats, DCrit, LineChart, estimate_d_crit, estimate_d_mem, line_charts};
use crate::tui::base::Action;
use crate::tui::state::sweep_disk::{CellDetail, CellProgress, PointKey, PointState, Sweep};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Clone, Debug)]
pub struct SweepScreen {
    pub sweep: Sweep,
    /// Index into `sweep.d_models` (the map's columns).
    pub col: usize,
    /// Index into `sweep.n_trains` (the map's rows; drawn largest at the top, as in the
    /// paper's figure 1).
    pub row: usize,
    /// Index into `sweep.slices` (n_layers, n_memorize).
    pub slice: usize,
    /// Index into `sweep.seeds`: which seed's curves are shown.
    pub seed: usize,
    pub detail: Option<CellDetail>,
    /// The paper's line figures from the finished cells, by name, as the report draws them;
    /// recomputed whenever the directory is read.
    pub figures: Vec<(String, LineChart)>,
    /// The figure shown instead of the cell's curves (`g` steps through them).
    pub figure: Option<usize>,
    /// D_crit and D_mem per slice (`sweep.slices`' order), estimated from the finished cells;
    /// recomputed with the figures, so the view only draws them.
    pub estimates: Vec<SliceEstimates>,
}

/// The critical data size and memorization capacity of one slice, as (d_model, pairs) points.
#[derive(Clone, Debug, Default)]
pub struct SliceEstimates {
    pub d_crit: Vec<DCrit>,
    pub d_mem: Vec<(u64, f64)>,
    /// Whether no finished cell has a validation set (random labels: memorization only); then
    /// the map shows train accuracy and `capacity` replaces D_crit and D_mem.
    pub train_only: bool,
    /// Pairs held at the end (mean final train accuracy × training pairs), the widest data
    /// size per width.
    pub capacity: Vec<(u64, f64)>,
}

/// What a key on the sweep screen asks of the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SweepIntent {
    /// Esc: close the sweep, back to the list.
    Back,
    /// `g` with no finished cell to draw a figure from: the app says so.
    NoFigure,
    /// `[` or `]` on a grid with no axis beyond the map's two: the app says so (the keys
    /// did nothing visible).
    NoOtherAxis,
    /// `r`: read the sweep again now (the disk watcher does).
    Rescan,
    /// `c`: the selected grid point's seeds side by side in the compare view, read from
    /// their cell directories: the cells (indices into `sweep.cells`) that have started, in
    /// seed order.
    CompareSeeds(Vec<usize>),
    /// `c` on a grid point none of whose seeds has started: the app says so.
    NoSeedStarted,
}

impl SweepScreen {
    pub fn on_action(&mut self, a: Action) -> Option<SweepIntent> {
        match a {
            Action::Back => return Some(SweepIntent::Back),
            Action::Left => self.move_by(-1, 0),
            Action::Right => self.move_by(1, 0),
            Action::Up => self.move_by(0, 1),
            Action::Down => self.move_by(0, -1),
            Action::MoreSeeds => self.cycle_seed(1),
            Action::FewerSeeds => self.cycle_seed(-1),
            Action::DoubleSteps | Action::HalveSteps => {
                let d = if a == Action::DoubleSteps { 1 } else { -1 };
                if !self.cycle_slice(d) {
                    return Some(SweepIntent::NoOtherAxis);
                }
            }
            Action::Rescan => return Some(SweepIntent::Rescan),
            Action::CompareMarked => {
                let cells = self.started_seeds();
                return Some(if cells.is_empty() {
                    SweepIntent::NoSeedStarted
                } else {
                    SweepIntent::CompareSeeds(cells)
                });
            }
            Action::NextFigure if !self.next_figure() => return Some(SweepIntent::NoFigure),
            _ => {}
        }
        None
    }

    pub fn open(path: &Path) -> Result<Self, String> {
        let sweep = Sweep::open(path)?;
        let mut s = Self {
            sweep,
            col: 0,
            row: 0,
            slice: 0,
            seed: 0,
            detail: None,
            figures: Vec::new(),
            figure: None,
            estimates: Vec::new(),
        };
        if let Some(i) = s.first_to_show() {
            s.select_cell(i);
        }
        s.detail = s.selected_cell().map(|i| CellDetail::read(&s.sweep, i));
        s.derive();
        Ok(s)
    }

    /// The cell a sweep opens on: its first, the map's bottom-left corner, unless that one has
    /// not started (a sweep run in another order, or several at a time): then one trained now,
    /// else the first that has started, so the view does not open on an empty cell.
    fn first_to_show(&self) -> Option<usize> {
        let progress = &self.sweep.progress;
        let pending = |p: &CellProgress| matches!(p, CellProgress::Pending);
        if !pending(progress.first()?) {
            return Some(0);
        }
        (progress.iter())
            .position(|p| matches!(p, CellProgress::Running { .. }))
            .or_else(|| progress.iter().position(|p| !pending(p)))
    }

    /// Selects the grid point, slice and seed of cell `index`.
    fn select_cell(&mut self, index: usize) {
        let Some(cell) = self.sweep.cells.get(index) else {
            return;
        };
        let a = cell.axes;
        let at = |values: &[usize], v: usize| values.iter().position(|&x| x == v);
        if let (Some(slice), Some(col), Some(row), Some(seed)) = (
            (self.sweep.slices.iter()).position(|&sl| sl == (a.n_layers, a.n_memorize)),
            at(&self.sweep.d_models, a.d_model),
            at(&self.sweep.n_trains, a.n_train),
            self.sweep.seeds.iter().position(|&s| s == a.seed),
        ) {
            (self.slice, self.col, self.row, self.seed) = (slice, col, row, seed);
        }
    }

    /// The selected grid point's axes.
    pub fn key(&self) -> PointKey {
        let (layers, mem) = self.sweep.slices.get(self.slice).copied().unwrap_or((0, 0));
        (
            layers,
            mem,
            self.sweep.d_models.get(self.col).copied().unwrap_or(0),
            self.sweep.n_trains.get(self.row).copied().unwrap_or(0),
        )
    }

    /// The grid point at (d_model, n_train) of the shown slice.
    pub fn point(&self, d_model: usize, n_train: usize) -> Option<&PointState> {
        let (layers, mem, _, _) = self.key();
        self.sweep.points.get(&(layers, mem, d_model, n_train))
    }

    /// The cell whose curves are shown.
    pub fn selected_cell(&self) -> Option<usize> {
        let seed = *self.sweep.seeds.get(self.seed)?;
        self.sweep.cell_index(self.key(), seed)
    }

    /// The selected grid point's cells that have started (running, stopped, finished or
    /// failed), in seed order.
    pub fn started_seeds(&self) -> Vec<usize> {
        (self.sweep.seeds.iter())
            .filter_map(|&seed| self.sweep.cell_index(self.key(), seed))
            .filter(|&i| {
                !matches!(
                    self.sweep.progress.get(i),
                    None | Some(CellProgress::Pending)
                )
            })
            .collect()
    }

    /// Arrow keys: `dc` columns right, `dr` rows up (towards larger n_train).
    pub fn move_by(&mut self, dc: isize, dr: isize) {
        let step =
            |i: usize, d: isize, n: usize| (i as isize + d).clamp(0, n as isize - 1) as usize;
        let (col, row) = (
            step(self.col, dc, self.sweep.d_models.len().max(1)),
            step(self.row, dr, self.sweep.n_trains.len().max(1)),
        );
        (self.col, self.row) = (col, row);
    }

    /// Selects the grid point at column `col` (d_model) and row `row` (n_train) (a click).
    pub fn select(&mut self, col: usize, row: usize) {
        let (dc, dr) = (
            col as isize - self.col as isize,
            row as isize - self.row as isize,
        );
        self.move_by(dc, dr);
    }

    /// `+` / `-`: the next or previous seed of the selected point.
    pub fn cycle_seed(&mut self, d: isize) {
        let n = self.sweep.seeds.len();
        if n > 1 {
            self.seed = (self.seed as isize + d).rem_euclid(n as isize) as usize;
        }
    }

    /// `]` / `[`: the next or previous combination of the other axes; false when the grid
    /// has none beyond the map's two.
    pub fn cycle_slice(&mut self, d: isize) -> bool {
        let n = self.sweep.slices.len();
        if n > 1 {
            self.slice = (self.slice as isize + d).rem_euclid(n as isize) as usize;
        }
        n > 1
    }

    /// `g`: the next figure, then back to the cell's curves. False when there is none yet.
    pub fn next_figure(&mut self) -> bool {
        self.figure = match self.figure {
            None if !self.figures.is_empty() => Some(0),
            Some(i) if i + 1 < self.figures.len() => Some(i + 1),
            _ => None,
        };
        !self.figures.is_empty()
    }

    /// The shown figure, if any.
    pub fn shown_figure(&self) -> Option<&(String, LineChart)> {
        self.figures.get(self.figure?)
    }

    /// The sweep as the disk watcher read it again; the figures follow.
    pub fn set_sweep(&mut self, sweep: Sweep) {
        self.sweep = sweep;
        self.derive();
    }

    /// A cell's curves as the disk watcher read them, kept when that cell is still selected
    /// (the selection may have moved on while they were read).
    pub fn set_detail(&mut self, detail: CellDetail) {
        if self.selected_cell() == Some(detail.index) {
            self.detail = Some(detail);
        }
    }

    /// Recomputes the figures and the estimates from the finished cells; the figure shown
    /// stays shown (by name) when it still exists.
    fn derive(&mut self) {
        let shown = self.shown_figure().map(|(name, _)| name.clone());
        self.figures = line_charts(&self.sweep.stats);
        self.figure = shown.and_then(|n| self.figures.iter().position(|(m, _)| *m == n));
        let stats = &self.sweep.stats;
        self.estimates = (self.sweep.slices.iter())
            .map(|&(layers, mem)| {
                let slice: Vec<&CellStats> = stats
                    .iter()
                    .filter(|c| {
                        c.key.n_layers as usize == layers && c.key.n_memorize as usize == mem
                    })
                    .collect();
                let train_only =
                    !slice.is_empty() && slice.iter().all(|c| c.final_val_acc.is_none());
                SliceEstimates {
                    d_crit: estimate_d_crit(&slice),
                    d_mem: estimate_d_mem(&slice),
                    train_only,
                    capacity: if train_only {
                        capacity(&slice)
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect();
    }
}

/// Per width, the pairs its largest training set's cell holds at the end.
fn capacity(cells: &[&CellStats]) -> Vec<(u64, f64)> {
    let mut widest: BTreeMap<u64, &CellStats> = BTreeMap::new();
    for &c in cells {
        let best = widest.entry(c.key.d_model).or_insert(c);
        if c.key.n_train > best.key.n_train {
            *best = c;
        }
    }
    widest
        .into_iter()
        .map(|(d, c)| (d, c.final_train_acc.mean * c.key.n_train as f64))
        .collect()
}
