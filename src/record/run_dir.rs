//! The run directory: what ran, how it went, and where to resume from.
//!
//! ```text
//! <run>/preset.ron          the resolved preset, exactly what ran
//!       train_pairs.csv     the training examples (a,b,task,label): the split, for other tools
//!       metrics.csv         one row per evaluation (record::metrics)
//!       events.log          phase events and how the run ended (record::events)
//!       checkpoints/step-<N>/ model.safetensors optimizer.safetensors state.ron
//!       summary-row.csv     a finished sweep cell's summary row (record::sweep_dir)
//!       .lock               held by the one process writing this run (record::lock)
//! ```
//! [`RunDir`] only reads; writing takes a [`RunWriter`], which holds the directory's lock for
//! as long as it lives. Every whole-file write is atomic (temporary sibling, fsync, rename).

use super::Metrics;
use super::events::{self, EventsLog};
use super::lock::{DirLock, Holder};
use super::metrics::{self, MetricsTable};
use super::{RecordError, atomic};
use crate::analysis::{Phase, PhaseEvent};
use crate::data::{Dataset, TaskId};
use crate::preset::Preset;
use std::fs;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const PRESET_FILE: &str = "preset.ron";
pub const METRICS_FILE: &str = "metrics.csv";
pub const EVENTS_FILE: &str = "events.log";
pub const TRAIN_PAIRS_FILE: &str = "train_pairs.csv";
pub const CHECKPOINTS_DIR: &str = "checkpoints";
/// A finished sweep cell's summary row (header + one line): a file of the cell's run
/// directory, named here so that starting a run afresh removes it with the rest.
pub const CELL_ROW: &str = "summary-row.csv";
/// Figures exported from the TUI's run view (`e`).
pub const EXPORT_DIR: &str = "export";

/// A run directory on disk, for reading.
#[derive(Clone, Debug, PartialEq)]
pub struct RunDir {
    pub path: PathBuf,
}

impl RunDir {
    /// An existing run directory (it must hold `preset.ron`).
    pub fn open(path: &Path) -> Result<Self, RecordError> {
        if !path.is_dir() {
            return Err(RecordError::at(path, "no such run directory"));
        }
        if !path.join(PRESET_FILE).is_file() {
            return Err(RecordError::at(
                path,
                "not a run directory (preset.ron is missing)",
            ));
        }
        Ok(Self {
            path: path.to_path_buf(),
        })
    }

    /// The directory's name.
    pub fn name(&self) -> String {
        self.path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    }

    /// The preset that ran here.
    /// The run's `preset.ron`: a regular file of at most 1 MiB (a FIFO there is an error).
    pub fn preset(&self) -> Result<Preset, RecordError> {
        let path = self.path.join(PRESET_FILE);
        let text = super::regular::read_regular_text(&path, 1 << 20)?;
        Preset::parse(&text, &path.display().to_string()).map_err(|e| RecordError(e.to_string()))
    }

    pub fn metrics_path(&self) -> PathBuf {
        self.path.join(METRICS_FILE)
    }

    pub fn events_path(&self) -> PathBuf {
        self.path.join(EVENTS_FILE)
    }

    pub fn checkpoints_path(&self) -> PathBuf {
        self.path.join(CHECKPOINTS_DIR)
    }

    pub fn export_path(&self) -> PathBuf {
        self.path.join(EXPORT_DIR)
    }

    /// Every evaluation so far. A live run's unfinished last line is left out.
    pub fn metrics(&self) -> Result<MetricsTable, RecordError> {
        let path = self.metrics_path();
        match fs::symlink_metadata(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(MetricsTable::default()),
            _ => metrics::read_metrics_live(&path),
        }
    }

    /// The phase events and how the run ended.
    pub fn events(&self) -> Result<EventsLog, RecordError> {
        events::read_events(&self.events_path())
    }

    /// The process writing this run now, if any.
    pub fn writer(&self) -> Option<Holder> {
        super::lock::holder(&self.path)
    }

    /// Sizes of metrics.csv and events.log: a change means there is more to read.
    pub fn sizes(&self) -> (u64, u64) {
        let len = |p: PathBuf| fs::metadata(p).map_or(0, |m| m.len());
        (len(self.metrics_path()), len(self.events_path()))
    }

    /// What changes whenever anything a listing shows of the run changes: its metrics and
    /// events sizes, its checkpoints folder's time and its writer. Cheap (a few stats), so a
    /// watcher can compare stamps instead of reading files.
    pub fn stamp(&self) -> RunStamp {
        let checkpoints = fs::metadata(self.checkpoints_path()).and_then(|m| m.modified());
        RunStamp {
            sizes: self.sizes(),
            checkpoints: checkpoints.ok(),
            writer: self.writer(),
        }
    }
}

/// See [`RunDir::stamp`].
#[derive(Clone, Debug, PartialEq)]
pub struct RunStamp {
    sizes: (u64, u64),
    checkpoints: Option<std::time::SystemTime>,
    writer: Option<Holder>,
}

/// A run directory held for writing: the one writer of its files until dropped.
#[derive(Clone, Debug)]
pub struct RunWriter {
    dir: RunDir,
    _lock: Arc<DirLock>,
}

impl Deref for RunWriter {
    type Target = RunDir;
    fn deref(&self) -> &RunDir {
        &self.dir
    }
}

/// A directory's lock taken before its run is set up (a sweep claims a cell this way, then
/// decides whether to start it afresh or resume it).
pub type Claim = Arc<DirLock>;

/// Creates `path` if needed and takes its lock.
pub fn claim(path: &Path) -> Result<Claim, RecordError> {
    fs::create_dir_all(path).map_err(|e| RecordError::io(path, "create the run directory", e))?;
    DirLock::acquire(path, "run directory").map(Arc::new)
}

impl RunWriter {
    /// A new run in a new directory `<base>/<preset>-<YYYYmmdd-HHMMSS>` (`-2`, `-3`… when
    /// taken; the name is reserved by creating it, so two starts never share one).
    pub fn create_new(base: &Path, preset: &Preset) -> Result<Self, RecordError> {
        fs::create_dir_all(base).map_err(|e| RecordError::io(base, "create", e))?;
        let stamp = timestamp_now();
        let mut n = 1;
        loop {
            let name = match n {
                1 => format!("{}-{stamp}", preset.name),
                _ => format!("{}-{stamp}-{n}", preset.name),
            };
            let path = base.join(name);
            match fs::create_dir(&path) {
                Ok(()) => return Self::create_at(&path, preset),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => n += 1,
                Err(e) => return Err(RecordError::io(&path, "create the run directory", e)),
            }
        }
    }

    /// A new run at exactly `path`. A directory that holds a run with a usable checkpoint is
    /// refused (resume it instead); one without (stopped before its first checkpoint) is
    /// reused from scratch.
    pub fn create_at(path: &Path, preset: &Preset) -> Result<Self, RecordError> {
        Self::create_claimed(claim(path)?, preset)
    }

    /// [`RunWriter::create_at`] on a directory already claimed.
    pub fn create_claimed(claim: Claim, preset: &Preset) -> Result<Self, RecordError> {
        let path = claim.dir().to_path_buf();
        let dir = RunDir { path: path.clone() };
        if path.join(PRESET_FILE).exists()
            && let Some(cp) = dir
                .checkpoints()
                .iter()
                .rev()
                .find(|c| c.read_state().is_ok())
        {
            return Err(RecordError::at(
                &path,
                format!(
                    "already holds a run with a checkpoint at step {}; resume it with `groktop resume {}` or choose another --out",
                    cp.step,
                    path.display()
                ),
            ));
        }
        // Nothing here is worth keeping: start clean (the lock file stays).
        let _ = fs::remove_dir_all(dir.checkpoints_path());
        for name in [METRICS_FILE, EVENTS_FILE, TRAIN_PAIRS_FILE, CELL_ROW] {
            let _ = fs::remove_file(path.join(name));
        }
        atomic::remove_temps(&path);
        fs::create_dir_all(dir.checkpoints_path())
            .map_err(|e| RecordError::io(&path, "create the run directory", e))?;
        let w = Self { dir, _lock: claim };
        w.write_preset(preset)?;
        w.write_metrics(&[])?;
        w.write_events(&[])?;
        Ok(w)
    }

    /// An existing run, to continue it. Removes what killed writers left half-done.
    pub fn open(path: &Path) -> Result<Self, RecordError> {
        let dir = RunDir::open(path)?;
        let lock = DirLock::acquire(path, "run directory")?;
        Ok(Self::open_claimed(Arc::new(lock), dir))
    }

    /// [`RunWriter::open`] on a directory already claimed.
    pub fn open_claimed(claim: Claim, dir: RunDir) -> Self {
        atomic::remove_temps(&dir.path);
        atomic::remove_temps(&dir.checkpoints_path());
        Self { dir, _lock: claim }
    }

    /// Records the preset that runs (its step count may have grown on resume).
    pub fn write_preset(&self, preset: &Preset) -> Result<(), RecordError> {
        atomic::write_atomic(&self.path.join(PRESET_FILE), preset.to_ron().as_bytes())
    }

    /// Rewrites `metrics.csv` with exactly these rows (at start and on resume).
    pub fn write_metrics(&self, rows: &[Metrics]) -> Result<(), RecordError> {
        metrics::write_all(&self.metrics_path(), rows)
    }

    pub fn append_metrics(&self, m: &Metrics) -> Result<(), RecordError> {
        metrics::append(&self.metrics_path(), m)
    }

    /// Rewrites `events.log` with exactly these events (at start and on resume).
    pub fn write_events(&self, list: &[PhaseEvent]) -> Result<(), RecordError> {
        let text: String = list.iter().map(events::event_line).collect();
        atomic::write_atomic(&self.events_path(), text.as_bytes())
    }

    pub fn append_event(&self, e: &PhaseEvent) -> Result<(), RecordError> {
        atomic::append(&self.events_path(), events::event_line(e).as_bytes())
    }

    /// The run's verdict when it ends.
    pub fn append_final(&self, phase: Phase, reason: &str) -> Result<(), RecordError> {
        atomic::append(
            &self.events_path(),
            events::final_line(phase, reason).as_bytes(),
        )
    }

    /// A run stopped before its planned end: the step and its provisional verdict (no final).
    pub fn append_stopped(&self, step: u64, provisional: &str) -> Result<(), RecordError> {
        atomic::append(
            &self.events_path(),
            events::stopped_line(step, provisional).as_bytes(),
        )
    }

    /// Why the run ended in an error.
    pub fn append_failure(&self, error: &str) -> Result<(), RecordError> {
        atomic::append(&self.events_path(), events::failed_line(error).as_bytes())
    }

    /// Records the training examples so any tool can rebuild the split.
    pub fn write_train_pairs(&self, data: &Dataset) -> Result<(), RecordError> {
        let mut text = String::from("a,b,task,label\n");
        for e in &data.train.examples {
            let task = if e.task == TaskId::Rule {
                "rule"
            } else {
                "memorize"
            };
            text.push_str(&format!("{},{},{task},{}\n", e.a, e.b, e.label));
        }
        atomic::write_atomic(&self.path.join(TRAIN_PAIRS_FILE), text.as_bytes())
    }
}

/// `YYYYmmdd-HHMMSS` in UTC.
pub(super) fn timestamp_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}{m:02}{d:02}-{:02}{:02}{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Howard Hinnant's days-to-civil-date algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::civil_from_days;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_786), (2026, 11, 29));
    }
}
