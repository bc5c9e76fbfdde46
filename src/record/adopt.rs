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
//! The old directory is another user's files, so nothing in it is trusted
//! (`adopt_source`): each cell is checked on its own and, when it cannot be adopted, left
//! to be trained with a one-line reason; a damaged cell never stops the others. A cell is
//! copied into `<sweep>/.adopting/` (outside `cells/`, where a half-copied cell would count
//! as finished), checked there, given its row under its new index, then renamed into place:
//! a cell directory that exists already (finished, stopped, or claimed meanwhile by a sweep
//! process) is never replaced. `.adopting/` is removed however the adopt ends. Adopters hold
//! the summary lock, so they do not race each other.

use super::adopt_source::{SourceCell, check_consistent, check_unlocked, inspect};
use super::regular::{open_regular, read_regular_text};
use super::run_dir::{CELL_ROW, PRESET_FILE};
use super::sweep_dir::{CELLS, SWEEP_PRESET, SweepDir, run_key};
use super::{RecordError, atomic};
use crate::preset::{Cell, Preset};
use std::collections::HashMap;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Where cells are copied before they are renamed into `cells/`.
const ADOPTING: &str = ".adopting";
/// The most a `sweep.ron` may hold.
const PRESET_BYTES: u64 = 1 << 20;

/// What an adopt did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Adoption {
    /// The grid indices adopted, in grid order.
    pub adopted: Vec<usize>,
    /// One line per source cell that looked finished but was not adopted: its path and why.
    pub skipped: Vec<String>,
}

impl SweepDir {
    /// Prepares this sweep for `preset` and copies in every finished cell of `from` whose
    /// settings equal one of `cells` (and whose directory here does not exist yet), then
    /// rebuilds `summary.csv`. When it fails, a sweep directory it created is removed again.
    pub fn adopt(
        &self,
        preset: &Preset,
        cells: &[Cell],
        from: &SweepDir,
    ) -> Result<Adoption, RecordError> {
        check_source(from)?;
        if same_dir(&self.path, &from.path) {
            return Err(RecordError::at(
                &from.path,
                "is the sweep directory itself: --adopt takes another one",
            ));
        }
        let existed = fs::symlink_metadata(&self.path).is_ok();
        let adopted = self
            .prepare(preset)
            .and_then(|()| self.adopt_cells(cells, from));
        if adopted.is_err() && !existed {
            let _ = fs::remove_dir_all(&self.path);
        }
        adopted
    }

    fn adopt_cells(&self, cells: &[Cell], from: &SweepDir) -> Result<Adoption, RecordError> {
        let lock = self.lock_summary()?;
        let staging = Staging::new(self.path.join(ADOPTING))?;
        let mut wanted: HashMap<String, &Cell> = cells
            .iter()
            .filter(|c| fs::symlink_metadata(self.cell_dir(c)).is_err())
            .map(|c| (run_key(&c.preset), c))
            .collect();
        let mut done = Adoption::default();
        for entry in source_cells(from)? {
            let dir = match entry {
                Ok(dir) => dir,
                Err(why) => {
                    done.skipped.push(why);
                    continue;
                }
            };
            let source = match inspect(&dir) {
                Ok(Some(source)) => source,
                Ok(None) => continue,
                Err(e) => {
                    done.skipped.push(e.0);
                    continue;
                }
            };
            let key = run_key(&source.preset);
            let Some(&cell) = wanted.get(&key) else {
                continue;
            };
            match self.adopt_one(cell, &source, &staging.0) {
                Ok(true) => {
                    done.adopted.push(cell.index);
                    wanted.remove(&key);
                }
                Ok(false) => {
                    wanted.remove(&key);
                }
                Err(why) => done.skipped.push(why),
            }
        }
        drop(staging);
        drop(lock);
        self.regenerate_summary()?;
        done.adopted.sort_unstable();
        Ok(done)
    }

    /// Copies `source` in as `cell`. `Ok(false)`: the cell's directory appeared meanwhile
    /// (a sweep process claimed it), and its run stands.
    fn adopt_one(&self, cell: &Cell, source: &SourceCell, staging: &Path) -> Result<bool, String> {
        let target = self.cell_dir(cell);
        let staged = staging.join(target.file_name().expect("a cell directory has a name"));
        let result = (|| {
            check_unlocked(&source.dir)?;
            copy_files(source, &staged)?;
            // A writer that came and went while we copied leaves files that disagree.
            check_unlocked(&source.dir)?;
            let mut row =
                check_consistent(&staged, &source.dir, &source.preset).map_err(RecordError)?;
            let row_path = staged.join(CELL_ROW);
            row.cell = cell.index as u64;
            row.preset = cell.preset.name.clone();
            super::summary::write_summary(&row_path, std::slice::from_ref(&row))?;
            atomic::write_atomic(&staged.join(PRESET_FILE), cell.preset.to_ron().as_bytes())
        })();
        if let Err(e) = result {
            let _ = fs::remove_dir_all(&staged);
            return Err(e.0);
        }
        match fs::rename(&staged, &target) {
            Ok(()) => Ok(true),
            Err(_) if fs::symlink_metadata(&target).is_ok() => {
                let _ = fs::remove_dir_all(&staged);
                Ok(false)
            }
            Err(e) => Err(RecordError::io(&target, "move the adopted cell to", e).0),
        }
    }
}

/// `.adopting/`, emptied when made and removed when dropped, on every path out of an adopt.
struct Staging(PathBuf);

impl Staging {
    fn new(path: PathBuf) -> Result<Self, RecordError> {
        if fs::symlink_metadata(&path).is_ok() {
            // Left by a killed adopter; nobody else can be using it (we hold the lock).
            fs::remove_dir_all(&path).map_err(|e| RecordError::io(&path, "clear", e))?;
        }
        fs::create_dir(&path).map_err(|e| RecordError::io(&path, "create", e))?;
        Ok(Self(path))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Errors unless `from` is a sweep directory whose preset reads and whose `cells/` is a
/// directory, opening nothing but regular files (a FIFO there would block the open).
fn check_source(from: &SweepDir) -> Result<(), RecordError> {
    let ron = from.path.join(SWEEP_PRESET);
    if fs::symlink_metadata(&ron).is_err() {
        return Err(RecordError::at(
            &from.path,
            format!("not a sweep directory ({SWEEP_PRESET} is missing)"),
        ));
    }
    let text = read_regular_text(&ron, PRESET_BYTES)?;
    Preset::parse(&text, &ron.display().to_string()).map_err(|e| RecordError(e.to_string()))?;
    let cells = from.path.join(CELLS);
    match fs::symlink_metadata(&cells) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(m) => Err(RecordError::at(
            &cells,
            super::regular::not_regular(&m.file_type()),
        )),
        Err(e) => Err(RecordError::io(&cells, "read", e)),
    }
}

/// The cell directories of `from`, sorted, and for each symlink among them why it is not
/// followed (other files there are not cells and are passed over).
fn source_cells(from: &SweepDir) -> Result<Vec<Result<PathBuf, String>>, RecordError> {
    let cells = from.path.join(CELLS);
    let entries = fs::read_dir(&cells).map_err(|e| RecordError::io(&cells, "list", e))?;
    let mut found: Vec<(PathBuf, bool)> = entries
        .flatten()
        .filter_map(|e| {
            let kind = e.file_type().ok()?;
            (kind.is_dir() || kind.is_symlink()).then(|| (e.path(), kind.is_dir()))
        })
        .collect();
    found.sort();
    Ok(found
        .into_iter()
        .map(|(path, is_dir)| {
            if is_dir {
                Ok(path)
            } else {
                Err(RecordError::at(&path, "is a symbolic link: not followed").0)
            }
        })
        .collect())
}

/// Copies the run files of `source` into `to`, each opened as a regular file (never through
/// a symlink) and never more bytes than it had when the cell was inspected.
fn copy_files(source: &SourceCell, to: &Path) -> Result<(), RecordError> {
    for (rel, len) in &source.files {
        let from = source.dir.join(rel);
        let dest = to.join(rel);
        if let Some(parent) = dest.parent() {
            fs::create_dir_all(parent).map_err(|e| RecordError::io(parent, "create", e))?;
        }
        let mut reader = open_regular(&from)?.take(len + 1);
        let mut out =
            fs::File::create_new(&dest).map_err(|e| RecordError::io(&dest, "create", e))?;
        let copied =
            std::io::copy(&mut reader, &mut out).map_err(|e| RecordError::io(&from, "copy", e))?;
        out.flush()
            .map_err(|e| RecordError::io(&dest, "write", e))?;
        if copied != *len {
            return Err(RecordError::at(
                &from,
                format!("changed while it was copied ({len} bytes, then {copied})"),
            ));
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
