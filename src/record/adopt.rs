//! Growing a sweep without training again what it already has: `groktop sweep --adopt OLD`
//! takes the finished cells of another sweep directory whose run settings equal cells of the
//! new grid (a grid given more seeds or more widths renumbers its cells, so the old directory
//! cannot simply be re-used). Training is deterministic, so an adopted cell holds exactly the
//! numbers a new run of it would produce.
//!
//! The preset's name and prose are not inputs of a run, so a cell of another preset with the
//! same settings is adopted too, under this grid's name (its `preset.ron` and summary row are
//! rewritten): `critical-data-size-small` and `double-descent-small` share their 4 000-pair
//! cells, and the d_model 32 one trained in each gave bit-identical metrics.
//!
//! A cell is copied into `<sweep>/.adopting/` (outside `cells/`, where a half-copied cell
//! would count as finished), given its row under its new index, then renamed into place: a
//! cell directory that exists already (finished, stopped, or claimed meanwhile by a sweep
//! process) is never replaced. Adopters hold the summary lock, so they do not race each other.

use super::lock::LOCK_FILE;
use super::run_dir::PRESET_FILE;
use super::sweep_dir::{CELL_ROW, CELLS, SweepDir};
use super::{RecordError, atomic, read_summary};
use crate::preset::{Cell, Preset};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Where cells are copied before they are renamed into `cells/`.
const ADOPTING: &str = ".adopting";

impl SweepDir {
    /// Copies every finished cell of `from` whose settings equal one of `cells` (and whose
    /// directory here does not exist yet) into this sweep, then rebuilds `summary.csv`.
    /// Returns the indices adopted, in grid order. This sweep must be prepared.
    pub fn adopt(&self, cells: &[Cell], from: &SweepDir) -> Result<Vec<usize>, RecordError> {
        from.preset()?;
        if same_dir(&self.path, &from.path) {
            return Err(RecordError::at(
                &from.path,
                "is the sweep directory itself: --adopt takes another one",
            ));
        }
        let finished = finished_cells(from)?;
        let lock = self.lock_summary()?;
        let staging = self.path.join(ADOPTING);
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(|e| RecordError::io(&staging, "clear", e))?;
        }
        let mut adopted = Vec::new();
        for cell in cells {
            let target = self.cell_dir(cell);
            let Some(source) = finished.get(&run_key(&cell.preset)) else {
                continue;
            };
            if target.exists() {
                continue;
            }
            let name = target.file_name().expect("a cell directory has a name");
            let staged = staging.join(name);
            copy_run(source, &staged)?;
            let row_path = staged.join(CELL_ROW);
            let mut row = read_summary(&row_path)?
                .into_iter()
                .next()
                .ok_or_else(|| RecordError::at(&row_path, "no row after the header"))?;
            row.cell = cell.index as u64;
            row.preset = cell.preset.name.clone();
            super::summary::write_summary(&row_path, std::slice::from_ref(&row))?;
            atomic::write_atomic(&staged.join(PRESET_FILE), cell.preset.to_ron().as_bytes())?;
            match fs::rename(&staged, &target) {
                Ok(()) => adopted.push(cell.index),
                // Claimed by a sweep process while we copied: its run stands.
                Err(_) if target.exists() => fs::remove_dir_all(&staged)
                    .map_err(|e| RecordError::io(&staged, "remove", e))?,
                Err(e) => return Err(RecordError::io(&target, "move the adopted cell to", e)),
            }
        }
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(|e| RecordError::io(&staging, "remove", e))?;
        }
        drop(lock);
        self.regenerate_summary()?;
        Ok(adopted)
    }
}

/// The finished cells of `sweep`, by their run settings.
fn finished_cells(sweep: &SweepDir) -> Result<HashMap<String, PathBuf>, RecordError> {
    let cells = sweep.path.join(CELLS);
    let entries = fs::read_dir(&cells).map_err(|e| RecordError::io(&cells, "list", e))?;
    let mut out = HashMap::new();
    for entry in entries.flatten() {
        let dir = entry.path();
        if !dir.join(CELL_ROW).is_file() {
            continue;
        }
        let preset =
            Preset::load(&dir.join(PRESET_FILE)).map_err(|e| RecordError(e.to_string()))?;
        out.insert(run_key(&preset), dir);
    }
    Ok(out)
}

/// What decides a run's numbers: its preset's settings, without its name or prose.
fn run_key(preset: &Preset) -> String {
    let mut settings = preset.settings();
    settings.name.clear();
    settings.to_ron()
}

/// Copies a run directory (its checkpoints too), leaving out its lock.
fn copy_run(from: &Path, to: &Path) -> Result<(), RecordError> {
    fs::create_dir_all(to).map_err(|e| RecordError::io(to, "create", e))?;
    let entries = fs::read_dir(from).map_err(|e| RecordError::io(from, "list", e))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if path.is_dir() {
            copy_run(&path, &dest)?;
        } else if entry.file_name() != LOCK_FILE {
            fs::copy(&path, &dest).map_err(|e| RecordError::io(&path, "copy", e))?;
        }
    }
    Ok(())
}

fn same_dir(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
