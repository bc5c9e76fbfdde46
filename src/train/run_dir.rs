//! The run directory: what ran, how it went, and where to resume from.
//!
//! ```text
//! <run>/preset.ron          the resolved preset, exactly what ran
//!       train_pairs.csv     the training examples (a,b,task,label): the split, for other tools
//!       metrics.csv         one row per evaluation (see METRICS_HEADER)
//!       events.log          detected phase events, one per line
//!       checkpoints/step-<N>/ model.safetensors optimizer.safetensors state.ron
//! ```
//! Every file is written atomically (temporary sibling, fsync, rename) so a crash or Ctrl-C
//! never leaves a half-written file where a finished one was.

use super::{METRICS_HEADER, Metrics};
use crate::data::{Dataset, TaskId};
use crate::preset::Preset;
use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A run directory on disk.
#[derive(Clone, Debug, PartialEq)]
pub struct RunDir {
    pub path: PathBuf,
}

/// A run directory that cannot be used, with the path and the reason.
#[derive(Debug, Clone, PartialEq)]
pub struct RunDirError(pub String);

impl fmt::Display for RunDirError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RunDirError {}

fn io_err(path: &Path, what: &str, e: std::io::Error) -> RunDirError {
    RunDirError(format!("{}: cannot {what}: {e}", path.display()))
}

impl RunDir {
    /// A new directory `<base>/<preset>-<YYYYmmdd-HHMMSS>` (with `-2`, `-3`… if taken).
    pub fn create_new(base: &Path, preset: &Preset) -> Result<Self, RunDirError> {
        let stamp = timestamp_now();
        let mut path = base.join(format!("{}-{stamp}", preset.name));
        let mut n = 2;
        while path.exists() {
            path = base.join(format!("{}-{stamp}-{n}", preset.name));
            n += 1;
        }
        Self::create_at(&path, preset)
    }

    /// A new run at exactly `path`, which must not hold a run already.
    pub fn create_at(path: &Path, preset: &Preset) -> Result<Self, RunDirError> {
        if path.join("preset.ron").exists() {
            return Err(RunDirError(format!(
                "{}: already holds a run; resume it with `groktop resume {}` or choose another --out",
                path.display(),
                path.display()
            )));
        }
        fs::create_dir_all(path.join("checkpoints"))
            .map_err(|e| io_err(path, "create the run directory", e))?;
        let dir = Self {
            path: path.to_path_buf(),
        };
        write_atomic(&dir.path.join("preset.ron"), preset.to_ron().as_bytes())?;
        dir.write_metrics(&[])?;
        Ok(dir)
    }

    /// An existing run directory (it must hold `preset.ron`).
    pub fn open(path: &Path) -> Result<Self, RunDirError> {
        if !path.is_dir() {
            return Err(RunDirError(format!(
                "{}: no such run directory",
                path.display()
            )));
        }
        if !path.join("preset.ron").is_file() {
            return Err(RunDirError(format!(
                "{}: not a run directory (preset.ron is missing)",
                path.display()
            )));
        }
        Ok(Self {
            path: path.to_path_buf(),
        })
    }

    /// The preset that ran here.
    pub fn preset(&self) -> Result<Preset, RunDirError> {
        Preset::load(&self.path.join("preset.ron")).map_err(|e| RunDirError(e.to_string()))
    }

    pub fn metrics_path(&self) -> PathBuf {
        self.path.join("metrics.csv")
    }

    pub fn events_path(&self) -> PathBuf {
        self.path.join("events.log")
    }

    pub fn checkpoints_path(&self) -> PathBuf {
        self.path.join("checkpoints")
    }

    /// Rewrites `metrics.csv` with exactly these rows (used at start and on resume).
    pub fn write_metrics(&self, rows: &[Metrics]) -> Result<(), RunDirError> {
        let mut text = String::from(METRICS_HEADER);
        text.push('\n');
        for m in rows {
            text.push_str(&m.csv_row());
            text.push('\n');
        }
        write_atomic(&self.metrics_path(), text.as_bytes())
    }

    /// Appends one row to `metrics.csv`.
    pub fn append_metrics(&self, m: &Metrics) -> Result<(), RunDirError> {
        append_line(&self.metrics_path(), &m.csv_row())
    }

    /// Rewrites `events.log` with exactly these lines.
    pub fn write_events(&self, lines: &[String]) -> Result<(), RunDirError> {
        let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
        write_atomic(&self.events_path(), text.as_bytes())
    }

    /// Appends one line to `events.log`.
    pub fn append_event(&self, line: &str) -> Result<(), RunDirError> {
        append_line(&self.events_path(), line)
    }

    /// Records the training examples so any tool can rebuild the split.
    pub fn write_train_pairs(&self, data: &Dataset) -> Result<(), RunDirError> {
        let mut text = String::from("a,b,task,label\n");
        for e in &data.train.examples {
            let task = if e.task == TaskId::Rule {
                "rule"
            } else {
                "memorize"
            };
            text.push_str(&format!("{},{},{task},{}\n", e.a, e.b, e.label));
        }
        write_atomic(&self.path.join("train_pairs.csv"), text.as_bytes())
    }

    /// Checkpoints on disk, oldest first: (step, directory).
    pub fn checkpoints(&self) -> Vec<(u64, PathBuf)> {
        let mut out: Vec<(u64, PathBuf)> = fs::read_dir(self.checkpoints_path())
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                let step = name.strip_prefix("step-")?.parse().ok()?;
                Some((step, e.path()))
            })
            .collect();
        out.sort();
        out
    }

    pub fn latest_checkpoint(&self) -> Option<(u64, PathBuf)> {
        self.checkpoints().pop()
    }
}

/// Writes the run's `preset.ron`.
pub fn write_preset(dir: &RunDir, preset: &Preset) -> Result<(), RunDirError> {
    write_atomic(&dir.path.join("preset.ron"), preset.to_ron().as_bytes())
}

fn append_line(path: &Path, line: &str) -> Result<(), RunDirError> {
    let mut f = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| io_err(path, "open for appending", e))?;
    writeln!(f, "{line}").map_err(|e| io_err(path, "append", e))
}

/// Writes `bytes` to a temporary sibling, syncs it and renames it over `path`.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), RunDirError> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = fs::remove_file(&tmp);
        io_err(path, "write", e)
    })
}

/// `YYYYmmdd-HHMMSS` in UTC.
fn timestamp_now() -> String {
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
