//! The sweep directory on disk: which preset it holds, one run directory per cell, each
//! finished cell's summary row, and the `summary.csv` rebuilt from those rows.
//!
//! Every file that more than one process may write is either written by exactly one cell
//! (`cells/<cell>/summary-row.csv`) or rebuilt whole from those files under an exclusive lock
//! (`summary.csv`, via `.summary.lock`), always atomically (temporary sibling, rename): shards,
//! Slurm array tasks and `groktop report` can run at the same time.

use super::row::{SUMMARY_HEADER, row_cell_index};
use crate::preset::{Cell, Preset};
use crate::train::RunDir;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The preset of the sweep, written once when the sweep starts.
pub const SWEEP_PRESET: &str = "sweep.ron";
/// One row per finished cell, sorted by cell.
pub const SUMMARY: &str = "summary.csv";
/// A finished cell's row (header + one line), inside its run directory.
pub const CELL_ROW: &str = "summary-row.csv";
/// Run directories, one per cell.
pub const CELLS: &str = "cells";
const SUMMARY_LOCK: &str = ".summary.lock";

/// Where a cell stands on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellState {
    /// Nothing usable yet: start from step 0.
    Fresh,
    /// Stopped or killed after a checkpoint at this step: resume from it.
    Partial { step: u64 },
    /// Reached its total step count and has its summary row.
    Done,
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

    /// Creates the directory for `preset`, or checks that an existing one holds the same
    /// preset: cells of two presets never mix in one `summary.csv`.
    pub fn prepare(&self, preset: &Preset) -> Result<(), String> {
        fs::create_dir_all(self.path.join(CELLS)).map_err(|e| {
            format!(
                "{}: cannot create the sweep directory: {e}",
                self.path.display()
            )
        })?;
        let ron = self.path.join(SWEEP_PRESET);
        if !ron.exists() {
            // Two shards may get here together: both write the same text, the last rename wins.
            write_atomic(&ron, preset.to_ron().as_bytes())?;
        }
        self.check_preset(preset)
    }

    /// Errors unless `sweep.ron` (when present) describes exactly `preset`.
    pub fn check_preset(&self, preset: &Preset) -> Result<(), String> {
        let ron = self.path.join(SWEEP_PRESET);
        if !ron.exists() {
            return Ok(());
        }
        let held = Preset::load(&ron).map_err(|e| e.to_string())?;
        if held.to_ron() == preset.to_ron() {
            return Ok(());
        }
        let what = if held.name == preset.name {
            format!("preset '{}' with other settings", held.name)
        } else {
            format!("preset '{}'", held.name)
        };
        Err(format!(
            "{}: already holds a sweep of {what} (see its {SWEEP_PRESET}); refusing to mix in cells of '{}': choose another --out",
            self.path.display(),
            preset.name
        ))
    }

    /// The preset this sweep directory was started with.
    pub fn preset(&self) -> Result<Preset, String> {
        let ron = self.path.join(SWEEP_PRESET);
        if !ron.is_file() {
            return Err(format!(
                "{}: not a sweep directory ({SWEEP_PRESET} is missing)",
                self.path.display()
            ));
        }
        Preset::load(&ron).map_err(|e| e.to_string())
    }

    /// `cells/0007-n3000-d64-L1-m0-s2`: the index first so that `ls` sorts in grid order.
    pub fn cell_dir(&self, cell: &Cell) -> PathBuf {
        let a = cell.axes;
        self.path.join(CELLS).join(format!(
            "{:04}-n{}-d{}-L{}-m{}-s{}",
            cell.index, a.n_train, a.d_model, a.n_layers, a.n_memorize, a.seed
        ))
    }

    /// Finished = the run reached its total steps (a checkpoint at that step) and its row
    /// exists; interrupted = a checkpoint short of that; anything else starts afresh.
    pub fn cell_state(&self, cell: &Cell) -> CellState {
        let dir = self.cell_dir(cell);
        let Ok(run) = RunDir::open(&dir) else {
            return CellState::Fresh;
        };
        match run.latest_checkpoint() {
            None => CellState::Fresh,
            Some((step, _))
                if step >= cell.preset.training.steps && dir.join(CELL_ROW).is_file() =>
            {
                CellState::Done
            }
            Some((step, _)) => CellState::Partial { step },
        }
    }

    /// Writes a finished cell's row into its own directory.
    pub fn write_cell_row(&self, cell: &Cell, row: &str) -> Result<(), String> {
        let text = format!("{SUMMARY_HEADER}\n{row}\n");
        write_atomic(&self.cell_dir(cell).join(CELL_ROW), text.as_bytes())
    }

    /// Rebuilds `summary.csv` from every cell's row, sorted by cell, under an exclusive lock
    /// so that a slower writer never replaces a fuller table with an older one. Returns the
    /// number of rows.
    pub fn regenerate_summary(&self) -> Result<usize, String> {
        let lock_path = self.path.join(SUMMARY_LOCK);
        let lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| format!("{}: cannot open: {e}", lock_path.display()))?;
        lock.lock()
            .map_err(|e| format!("{}: cannot lock: {e}", lock_path.display()))?;
        let mut rows: Vec<(usize, String)> = Vec::new();
        let entries = fs::read_dir(self.path.join(CELLS))
            .map_err(|e| format!("{}: cannot list: {e}", self.path.join(CELLS).display()))?;
        for entry in entries.flatten() {
            let path = entry.path().join(CELL_ROW);
            let Ok(text) = fs::read_to_string(&path) else {
                continue;
            };
            let Some(line) = text.lines().nth(1).filter(|l| !l.trim().is_empty()) else {
                return Err(format!("{}: no row after the header", path.display()));
            };
            let index = row_cell_index(line).ok_or_else(|| {
                format!(
                    "{}: the row does not start with a cell index",
                    path.display()
                )
            })?;
            rows.push((index, line.to_string()));
        }
        rows.sort();
        let mut text = format!("{SUMMARY_HEADER}\n");
        for (_, line) in &rows {
            text.push_str(line);
            text.push('\n');
        }
        write_atomic(&self.path.join(SUMMARY), text.as_bytes())?;
        drop(lock); // unlocks
        Ok(rows.len())
    }
}

/// Writes `bytes` to a unique temporary sibling, syncs it, and renames it over `path`.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .map_or("file".into(), |n| n.to_string_lossy().to_string());
    let tmp = path.with_file_name(format!(
        ".{name}.tmp-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let write = || -> std::io::Result<()> {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    };
    write().map_err(|e| {
        let _ = fs::remove_file(&tmp);
        format!("{}: cannot write: {e}", path.display())
    })
}
