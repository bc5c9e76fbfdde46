//! `timings.csv` beside the runs: how long finished runs took on this machine, so that time
//! estimates can learn from them. One row per completed run, appended by its worker.

use super::{RecordError, atomic};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const TIMINGS_FILE: &str = "timings.csv";

/// One finished run: what it was and how long it trained (pauses excluded).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Timing {
    pub preset: String,
    pub n_params: u64,
    pub n_train: u64,
    pub steps: u64,
    pub train_secs: f64,
    /// Threads the run could use (rayon's pool).
    pub threads: u64,
    /// When it finished, seconds since 1970.
    pub finished_unix: u64,
}

/// Where the timing of the run in `run_dir` is kept: beside it in its runs folder, or for a
/// sweep cell in the sweep's folder (not among the cells).
pub fn timings_home(run_dir: &Path) -> PathBuf {
    let parent = run_dir.parent().unwrap_or(Path::new("."));
    match parent.parent() {
        Some(sweep)
            if parent.file_name() == Some(super::CELLS.as_ref())
                && sweep.join(super::SWEEP_PRESET).is_file() =>
        {
            sweep.to_path_buf()
        }
        _ => parent.to_path_buf(),
    }
}

/// The timings file of a runs folder.
pub fn timings_path(runs_dir: &Path) -> PathBuf {
    runs_dir.join(TIMINGS_FILE)
}

/// Appends one timing (the header first when the file is new).
pub fn append_timing(runs_dir: &Path, t: &Timing) -> Result<(), RecordError> {
    let path = timings_path(runs_dir);
    let mut w = csv::WriterBuilder::new()
        .has_headers(!path.exists())
        .from_writer(Vec::new());
    w.serialize(t)
        .map_err(|e| RecordError::at(&path, format!("cannot write a row: {e}")))?;
    let bytes = w
        .into_inner()
        .map_err(|e| RecordError::at(&path, format!("cannot write a row: {e}")))?;
    atomic::append(&path, &bytes)
}

/// The most a timings file may hold: about 10⁶ finished runs.
const TIMINGS_BYTES: u64 = 64 << 20;

/// Every timing recorded under `runs_dir` (none when the file does not exist yet). A regular
/// file of at most [`TIMINGS_BYTES`]: the TUI's disk watcher reads it, and a FIFO put in its
/// place must be an error, not a watcher that never answers again.
pub fn read_timings(runs_dir: &Path) -> Result<Vec<Timing>, RecordError> {
    let path = timings_path(runs_dir);
    match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        _ => {}
    }
    let text = super::regular::read_regular_text(&path, TIMINGS_BYTES)?;
    let mut r = csv::Reader::from_reader(text.as_bytes());
    r.deserialize()
        .map(|row| row.map_err(|e| RecordError::at(&path, e)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appended_timings_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let t = Timing {
            preset: "grokking".into(),
            n_params: 1000,
            n_train: 3000,
            steps: 500,
            train_secs: 12.5,
            threads: 2,
            finished_unix: 1,
        };
        append_timing(dir.path(), &t).unwrap();
        append_timing(dir.path(), &t).unwrap();
        assert_eq!(read_timings(dir.path()).unwrap(), vec![t.clone(), t]);
    }
}
