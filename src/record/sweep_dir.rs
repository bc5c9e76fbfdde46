//! The sweep directory: which preset it holds, one run directory per cell, each finished
//! cell's summary row, the `summary.csv` rebuilt from those rows, and where each cell stands.
//!
//! ```text
//! sweeps/<preset>/                 (--out)
//!   sweep.ron                      the preset of the whole grid; other settings are refused
//!   summary.csv                    one row per finished cell, sorted by cell (rebuilt from the rows below)
//!   cells/0007-n3000-d64-L1-m0-s2/ a run directory per cell (record::run_dir) + its
//!     summary-row.csv              summary row once finished
//! ```
//! Several processes (shards, Slurm array tasks, two plain `groktop sweep`s, `groktop
//! report`) may work in one sweep directory at once. A cell is *claimed* by taking its run
//! directory's lock, so one process trains it; `summary.csv` is rebuilt whole from the rows
//! under `.summary.lock`; every write is atomic.

use super::lock::{self, Holder};
use super::run_dir::{CELL_ROW, Claim, RunDir, claim};
use super::summary::{SummaryRow, read_summary, write_summary};
use super::{RecordError, atomic};
use crate::preset::{Cell, Preset};
use std::fs;
use std::path::{Path, PathBuf};

/// The preset of the sweep, written once when the sweep starts.
pub const SWEEP_PRESET: &str = "sweep.ron";
/// One row per finished cell, sorted by cell.
pub const SUMMARY: &str = "summary.csv";
/// Run directories, one per cell.
pub const CELLS: &str = "cells";
/// The progress lines of a sweep started from the TUI (its own process's stderr).
pub const SWEEP_LOG: &str = "sweep.log";
const SUMMARY_LOCK: &str = ".summary.lock";

/// Where a cell stands: the one definition used by `sweep --list`, the sweep runner, the
/// TUI's sweep screen and its Sweeps tab.
#[derive(Clone, Debug, PartialEq)]
pub enum CellStatus {
    /// No usable checkpoint: a run of it starts from step 0. `lost`: the last evaluation of a
    /// run that stopped before its first checkpoint (its files are replaced when the cell
    /// starts again).
    NotStarted { lost: Option<u64> },
    /// A live process holds the cell's lock and trains it (at `step`, its last evaluation).
    Running { by: Holder, step: Option<u64> },
    /// Not running, with a usable checkpoint at `step` short of the end: resumed from there.
    Stopped { step: u64 },
    /// Reached its total steps: its summary row exists.
    Finished,
    /// Ended in an error (the `failed` line of its events.log); running the sweep again
    /// retries it from its last checkpoint.
    Failed { error: String },
}

/// What decides a run's numbers: its preset's settings, without its name or prose.
pub(super) fn run_key(preset: &Preset) -> String {
    let mut settings = preset.settings();
    settings.name.clear();
    settings.to_ron()
}

/// The first setting in which `held` differs from the grid's `cell` (names and prose aside),
/// as `steps: 3300 where sweep.ron gives steps: 300`; `None` when they agree.
fn first_difference(held: &Preset, cell: &Preset) -> Option<String> {
    let (held, grid) = (run_key(held), run_key(cell));
    let differs = held
        .lines()
        .zip(grid.lines())
        .find(|(a, b)| a != b)
        .map(|(a, b)| {
            (
                a.trim().trim_end_matches(','),
                b.trim().trim_end_matches(','),
            )
        });
    match differs {
        Some((a, b)) => Some(format!(
            "its preset.ron has `{a}` where {SWEEP_PRESET} gives `{b}`"
        )),
        None if held != grid => Some(format!(
            "its preset.ron has other settings than {SWEEP_PRESET}"
        )),
        None => None,
    }
}

impl RunDir {
    /// The sweep this run is a cell of (`<sweep>/cells/<cell>/` beside a `sweep.ron`), if any.
    pub fn sweep(&self) -> Option<SweepDir> {
        let dir = fs::canonicalize(&self.path).ok()?;
        let cells = dir.parent()?;
        let sweep = cells.parent()?;
        (cells.file_name()? == CELLS && sweep.join(SWEEP_PRESET).is_file())
            .then(|| SweepDir::new(sweep))
    }
}

/// A sweep directory.
#[derive(Clone, Debug)]
pub struct SweepDir {
    pub path: PathBuf,
}

impl SweepDir {
    pub fn new(path: &Path) -> Self {
        Self {
            path: path.to_path_buf(),
        }
    }

    /// `sweep.log`, opened for appending: where a sweep process started from the TUI
    /// writes its progress lines (its terminal is the TUI's, so they cannot go there).
    pub fn open_log(&self) -> Result<fs::File, RecordError> {
        let path = self.path.join(SWEEP_LOG);
        fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|e| RecordError::io(&path, "open", e))
    }

    /// True when `path` holds a sweep (its `sweep.ron`).
    pub fn exists(&self) -> bool {
        self.path.join(SWEEP_PRESET).is_file()
    }

    /// The live process training one of the sweep's cells (the holder of its lock), if any:
    /// how a sweep whose TUI was killed, or that another terminal started, shows as running.
    pub fn trainer(&self) -> Option<Holder> {
        let cells = fs::read_dir(self.path.join(CELLS)).ok()?;
        cells.flatten().find_map(|c| lock::holder(&c.path()))
    }

    /// Creates the directory for `preset`, or checks that an existing one holds the same
    /// preset: cells of two presets never mix in one `summary.csv`.
    pub fn prepare(&self, preset: &Preset) -> Result<(), RecordError> {
        fs::create_dir_all(self.path.join(CELLS))
            .map_err(|e| RecordError::io(&self.path, "create the sweep directory", e))?;
        let ron = self.path.join(SWEEP_PRESET);
        let _lock = self.lock_summary()?;
        if !ron.exists() {
            atomic::write_atomic(&ron, preset.to_ron().as_bytes())?;
        }
        self.check_preset(preset)
    }

    /// Errors unless `sweep.ron` (when present) describes `preset`'s cells: the same settings,
    /// whatever its prose says now.
    pub fn check_preset(&self, preset: &Preset) -> Result<(), RecordError> {
        if !self.exists() {
            return Ok(());
        }
        let held = self.preset()?;
        if held.settings().to_ron() == preset.settings().to_ron() {
            return Ok(());
        }
        let what = if held.name == preset.name {
            format!("preset '{}' with other settings", held.name)
        } else {
            format!("preset '{}'", held.name)
        };
        Err(RecordError::at(
            &self.path,
            format!(
                "already holds a sweep of {what} (see its {SWEEP_PRESET}); refusing to mix in cells of '{}': choose another --out",
                preset.name
            ),
        ))
    }

    /// The preset this sweep directory was started with.
    pub fn preset(&self) -> Result<Preset, RecordError> {
        let ron = self.path.join(SWEEP_PRESET);
        if !ron.is_file() {
            return Err(RecordError::at(
                &self.path,
                format!("not a sweep directory ({SWEEP_PRESET} is missing)"),
            ));
        }
        Preset::load(&ron).map_err(|e| RecordError(e.to_string()))
    }

    /// `cells/0007-n3000-d64-L1-m0-s2`: the index first so that `ls` sorts in grid order.
    pub fn cell_dir(&self, cell: &Cell) -> PathBuf {
        let a = cell.axes;
        self.path.join(CELLS).join(format!(
            "{:04}-n{}-d{}-L{}-m{}-s{}",
            cell.index, a.n_train, a.d_model, a.n_layers, a.n_memorize, a.seed
        ))
    }

    /// One line per cell of `cells` whose directory holds a run of other settings than the
    /// grid gives it (a cell trained further by hand, or a preset.ron edited): its row in
    /// `summary.csv` then does not describe this grid.
    pub fn mismatched_cells(&self, cells: &[Cell]) -> Vec<String> {
        cells
            .iter()
            .filter_map(|cell| {
                let dir = self.cell_dir(cell);
                let path = dir.join(super::run_dir::PRESET_FILE);
                fs::symlink_metadata(&path).ok()?;
                let held = super::regular::read_regular_text(&path, 1 << 20)
                    .map_err(|e| e.0)
                    .and_then(|text| {
                        Preset::parse(&text, &path.display().to_string()).map_err(|e| e.to_string())
                    });
                let why = match held {
                    Err(e) => e,
                    Ok(held) => first_difference(&held, &cell.preset)?,
                };
                Some(format!(
                    "{}: not the grid's cell {}: {why}; its row does not describe this grid (remove the directory to train the cell again)",
                    dir.display(),
                    cell.index
                ))
            })
            .collect()
    }

    /// Where `cell` stands now (see [`CellStatus`]).
    pub fn cell_status(&self, cell: &Cell) -> CellStatus {
        let dir = self.cell_dir(cell);
        if let Some(by) = lock::holder(&dir) {
            let run = RunDir { path: dir };
            let step = run
                .metrics()
                .ok()
                .and_then(|t| t.rows.last().map(|m| m.step));
            return CellStatus::Running { by, step };
        }
        self.recorded_status(cell)
    }

    /// What the cell's files say, whoever holds its lock (for the process that does: it
    /// decides whether to start, resume or skip the cell it claimed).
    pub fn recorded_status(&self, cell: &Cell) -> CellStatus {
        let dir = self.cell_dir(cell);
        let Ok(run) = RunDir::open(&dir) else {
            return CellStatus::NotStarted { lost: None };
        };
        // The row is written by the cell's claimant once the run completed, and removed
        // whenever the directory is set up for a new run.
        if dir.join(CELL_ROW).is_file() {
            return CellStatus::Finished;
        }
        if let Some(error) = run.events().ok().and_then(|l| l.failure) {
            return CellStatus::Failed { error };
        }
        match run.latest_usable().0 {
            Some((cp, _)) => CellStatus::Stopped { step: cp.step },
            None => CellStatus::NotStarted {
                lost: run
                    .metrics()
                    .ok()
                    .and_then(|t| t.rows.last().map(|m| m.step)),
            },
        }
    }

    /// Claims `cell` for this process (its run directory's lock), or says who holds it.
    pub fn claim(&self, cell: &Cell) -> Result<Claim, RecordError> {
        claim(&self.cell_dir(cell))
    }

    /// Writes a finished cell's row into its own directory.
    pub fn write_cell_row(&self, cell: &Cell, row: &SummaryRow) -> Result<(), RecordError> {
        write_summary(
            &self.cell_dir(cell).join(CELL_ROW),
            std::slice::from_ref(row),
        )
    }

    /// A finished cell's row.
    pub fn cell_row(&self, cell: &Cell) -> Result<SummaryRow, RecordError> {
        let path = self.cell_dir(cell).join(CELL_ROW);
        read_summary(&path)?
            .into_iter()
            .next()
            .ok_or_else(|| RecordError::at(&path, "no row after the header"))
    }

    /// How many cells have their summary row.
    pub fn finished_rows(&self) -> usize {
        fs::read_dir(self.path.join(CELLS)).map_or(0, |cells| {
            cells
                .flatten()
                .filter(|c| c.path().join(CELL_ROW).is_file())
                .count()
        })
    }

    /// Rebuilds `summary.csv` from every cell's row, sorted by cell, under an exclusive lock
    /// so that a slower writer never replaces a fuller table with an older one. Returns the
    /// number of rows.
    pub fn regenerate_summary(&self) -> Result<usize, RecordError> {
        let lock = self.lock_summary()?;
        let cells = self.path.join(CELLS);
        let entries = fs::read_dir(&cells).map_err(|e| RecordError::io(&cells, "list", e))?;
        let mut rows: Vec<SummaryRow> = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path().join(CELL_ROW);
            if !path.is_file() {
                continue;
            }
            let row = read_summary(&path)?
                .into_iter()
                .next()
                .ok_or_else(|| RecordError::at(&path, "no row after the header"))?;
            rows.push(row);
        }
        rows.sort_by_key(|r| r.cell);
        write_summary(&self.path.join(SUMMARY), &rows)?;
        drop(lock); // unlocks
        Ok(rows.len())
    }

    /// The lock under which the sweep's own files (`sweep.ron`, `summary.csv`) are written,
    /// held until the file is dropped. Whoever takes it clears killed writers' temporaries.
    pub(super) fn lock_summary(&self) -> Result<fs::File, RecordError> {
        let path = self.path.join(SUMMARY_LOCK);
        let lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| RecordError::io(&path, "open", e))?;
        lock.lock().map_err(|e| RecordError::io(&path, "lock", e))?;
        atomic::remove_temps(&self.path);
        Ok(lock)
    }
}
