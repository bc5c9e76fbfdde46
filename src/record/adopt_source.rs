//! What `--adopt` checks of another sweep's cell before it counts as finished here, each cell
//! on its own: its tree holds only directories and regular files (no symlink, FIFO, socket
//! or device: nothing is followed or opened that could point elsewhere or block), its files
//! are no larger than its preset allows, nobody is writing it, and its row, `preset.ron`,
//! `metrics.csv` and newest checkpoint agree on the step and the settings (`metrics.csv` is
//! exactly the checkpoint's history, the row's numbers are the history's). A cell that
//! fails any of these is left to be trained, with a one-line reason. The row's verdict
//! columns are not checked but made again from the history, by this build's detector, as a
//! new run of the cell would make them.

use super::checkpoints::{MODEL_FILE, OPTIMIZER_FILE, STATE_FILE};
use super::lock;
use super::regular::{self, read_regular_text};
use super::run_dir::{
    CELL_ROW, CHECKPOINTS_DIR, EVENTS_FILE, METRICS_FILE, PRESET_FILE, RunDir, TRAIN_PAIRS_FILE,
};
use super::summary::{SummaryRow, parse_summary};
use super::{RecordError, metrics};
use crate::analysis::{DetectorConfig, PhaseDetector};
use crate::model::ModelConfig;
use crate::preset::Preset;
use std::fs;
use std::path::{Path, PathBuf};

/// The most a `preset.ron` or a summary row may hold (both are a few KB).
const SMALL_FILE: u64 = 1 << 20;
/// The most entries a cell's tree may hold before it is refused as not a run's.
const MAX_ENTRIES: usize = 100_000;
/// How deep a run directory goes (`checkpoints/step-N/file`), with room for `export/`.
const MAX_DEPTH: usize = 4;

/// A finished-looking cell of the source sweep: its settings and the files to copy.
pub(super) struct SourceCell {
    pub dir: PathBuf,
    pub preset: Preset,
    /// Paths relative to `dir`, with their sizes, of the files a run consists of.
    pub files: Vec<(PathBuf, u64)>,
}

/// A cell of the source sweep: `Ok(None)` when it has not finished (no row), else its
/// preset and files, or why it cannot be adopted.
pub(super) fn inspect(dir: &Path) -> Result<Option<SourceCell>, RecordError> {
    let mut files = Vec::new();
    walk(dir, Path::new(""), 0, &mut 0, &mut files)?;
    if !files.iter().any(|(f, _)| f == Path::new(CELL_ROW)) {
        return Ok(None);
    }
    let path = dir.join(PRESET_FILE);
    let text = read_regular_text(&path, SMALL_FILE)?;
    let preset = Preset::parse(&text, &path.display().to_string())
        .map_err(|e| RecordError(e.to_string()))?;
    let budget = size_budget(&preset);
    let total: u64 = files.iter().map(|(_, len)| len).sum();
    if total > budget {
        return Err(RecordError::at(
            dir,
            format!(
                "its files hold {total} bytes, more than a run of its preset can write ({budget})"
            ),
        ));
    }
    Ok(Some(SourceCell {
        dir: dir.to_path_buf(),
        preset,
        files,
    }))
}

/// Collects the run files under `dir/rel`, refusing any entry that is not a directory or a
/// regular file (by `lstat`: nothing is opened or followed).
fn walk(
    dir: &Path,
    rel: &Path,
    depth: usize,
    seen: &mut usize,
    files: &mut Vec<(PathBuf, u64)>,
) -> Result<(), RecordError> {
    let here = dir.join(rel);
    let entries = fs::read_dir(&here).map_err(|e| RecordError::io(&here, "list", e))?;
    for entry in entries {
        let entry = entry.map_err(|e| RecordError::io(&here, "list", e))?;
        *seen += 1;
        if *seen > MAX_ENTRIES {
            return Err(RecordError::at(
                dir,
                format!("holds more than {MAX_ENTRIES} entries: not a run directory"),
            ));
        }
        let path = entry.path();
        let meta = fs::symlink_metadata(&path).map_err(|e| RecordError::io(&path, "stat", e))?;
        let child = rel.join(entry.file_name());
        if meta.is_dir() {
            if depth + 1 >= MAX_DEPTH {
                return Err(RecordError::at(&path, "lies deeper than a run's files go"));
            }
            walk(dir, &child, depth + 1, seen, files)?;
        } else if !meta.is_file() {
            return Err(RecordError::at(
                &path,
                regular::not_regular(&meta.file_type()),
            ));
        } else if is_run_file(&child) {
            files.push((child, meta.len()));
        }
    }
    Ok(())
}

/// The files a finished run consists of (its lock and anything else are not copied).
fn is_run_file(rel: &Path) -> bool {
    let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
    match parts.as_slice() {
        [name] => [
            PRESET_FILE,
            METRICS_FILE,
            EVENTS_FILE,
            TRAIN_PAIRS_FILE,
            CELL_ROW,
        ]
        .contains(name),
        [CHECKPOINTS_DIR, step, name] => {
            step.strip_prefix("step-")
                .is_some_and(|n| n.parse::<u64>().is_ok())
                && [MODEL_FILE, OPTIMIZER_FILE, STATE_FILE].contains(name)
        }
        _ => false,
    }
}

/// The most bytes the run files of `preset` can take: a checkpoint per `checkpoint_every`
/// steps (weights and two moments, with the history), the metrics rows, the training pairs,
/// and room for headers and logs. Generous; it only stops files that no run could write.
fn size_budget(preset: &Preset) -> u64 {
    let t = &preset.training;
    let params = ModelConfig::of_preset(preset).n_params() as u64;
    let rows = (t.steps / t.eval_every.max(1)).saturating_add(2);
    let row_bytes = rows.saturating_mul(4096);
    let checkpoint = params
        .saturating_mul(12)
        .saturating_add(row_bytes)
        .saturating_add(1 << 20);
    let checkpoints = (t.steps / t.checkpoint_every.max(1)).saturating_add(2);
    let pairs = u64::from(preset.task.modulus)
        .saturating_pow(2)
        .saturating_add(preset.task.n_memorize as u64);
    checkpoints
        .saturating_mul(checkpoint)
        .saturating_add(row_bytes)
        .saturating_add(pairs.saturating_mul(64))
        .saturating_add(16 << 20)
}

/// Errors when another process holds the cell's lock: it is being trained (extended, say),
/// whatever its row says.
pub(super) fn check_unlocked(dir: &Path) -> Result<(), RecordError> {
    match lock::holder(dir) {
        Some(by) => Err(RecordError::at(
            dir,
            format!("is being written by {by}: not finished for good"),
        )),
        None => Ok(()),
    }
}

/// Checks a copied cell: its row, preset, metrics and newest checkpoint agree on the step
/// and the settings. Returns its row with the verdict columns (phase, memorized and
/// generalized steps) made again from its history, as a run of it here would write them.
/// `dir` is the copy; `shown` the source, which errors name.
pub(super) fn check_consistent(
    dir: &Path,
    shown: &Path,
    preset: &Preset,
) -> Result<SummaryRow, String> {
    consistent(dir, preset).map_err(|e| {
        e.0.replace(&dir.display().to_string(), &shown.display().to_string())
    })
}

fn consistent(dir: &Path, preset: &Preset) -> Result<SummaryRow, RecordError> {
    let total = preset.training.steps;
    let row_path = dir.join(CELL_ROW);
    let row = one_row(&row_path)?;
    let metrics_path = dir.join(METRICS_FILE);
    let bound = fs::symlink_metadata(&metrics_path).map_or(0, |m| m.len());
    let table = metrics::parse(&read_regular_text(&metrics_path, bound)?, &metrics_path)?;
    let Some(last) = table.rows.last() else {
        return Err(RecordError::at(&metrics_path, "holds no evaluation"));
    };
    if last.step != total {
        return Err(RecordError::at(
            &metrics_path,
            format!(
                "ends at step {}, not at the {total} its preset.ron trains to (truncated?)",
                last.step
            ),
        ));
    }
    let (checkpoint, skipped) = RunDir {
        path: dir.to_path_buf(),
    }
    .latest_usable();
    let Some((cp, state)) = checkpoint else {
        let why = skipped
            .first()
            .map_or("checkpoints/ is empty".into(), |e| e.0.clone());
        return Err(RecordError::at(
            dir,
            format!("has no usable checkpoint ({why})"),
        ));
    };
    if cp.step != total {
        return Err(RecordError::at(
            &cp.dir,
            format!(
                "is the newest checkpoint, at step {}, but metrics.csv ends at step {total}",
                cp.step
            ),
        ));
    }
    // The checkpoint holds the whole history: metrics.csv must be exactly its rows.
    if metrics::rows_text(&state.history) != metrics::rows_text(&table.rows) {
        return Err(RecordError::at(
            &metrics_path,
            format!(
                "differs from the history in {}: {} rows against {}",
                cp.dir.join(STATE_FILE).display(),
                table.rows.len(),
                state.history.len()
            ),
        ));
    }
    let n_params = ModelConfig::of_preset(preset).n_params();
    if state.n_params() != n_params {
        return Err(RecordError::at(
            &cp.dir,
            format!(
                "holds a model of {} parameters; its preset.ron makes {n_params}",
                state.n_params()
            ),
        ));
    }
    for (file, floats) in [(MODEL_FILE, n_params), (OPTIMIZER_FILE, 2 * n_params)] {
        let path = cp.dir.join(file);
        let len = fs::symlink_metadata(&path).map_or(0, |m| m.len());
        if len < 4 * floats as u64 {
            return Err(RecordError::at(
                &path,
                format!("holds {len} bytes, too few for {floats} floats (truncated?)"),
            ));
        }
    }
    let best = |acc: fn(&super::Metrics) -> Option<f32>| {
        table.rows.iter().filter_map(acc).reduce(f32::max)
    };
    let (best_val, best_twin_free) = (best(|m| m.val_acc), best(|m| m.twin_free_val_acc));
    let or_none = |v: Option<f64>| v.unwrap_or(-1.0);
    let expected = [
        ("steps", row.steps as f64, total as f64),
        ("n_params", row.n_params as f64, n_params as f64),
        (
            "n_train",
            row.n_train as f64,
            preset.resolved_n_train() as f64,
        ),
        ("d_model", row.d_model as f64, preset.model.d_model as f64),
        (
            "n_layers",
            row.n_layers as f64,
            preset.model.n_layers as f64,
        ),
        (
            "n_memorize",
            row.n_memorize as f64,
            preset.task.n_memorize as f64,
        ),
        ("seed", row.seed as f64, preset.seed as f64),
        (
            "final_train_acc",
            row.final_train_acc,
            f64::from(last.train_acc),
        ),
        (
            "final_val_acc",
            or_none(row.final_val_acc),
            or_none(last.val_acc.map(f64::from)),
        ),
        (
            "best_val_acc",
            or_none(row.best_val_acc),
            or_none(best_val.map(f64::from)),
        ),
        (
            "final_twin_free_val_acc",
            or_none(row.final_twin_free_val_acc),
            or_none(last.twin_free_val_acc.map(f64::from)),
        ),
        (
            "best_twin_free_val_acc",
            or_none(row.best_twin_free_val_acc),
            or_none(best_twin_free.map(f64::from)),
        ),
    ];
    for (column, held, should) in expected {
        if (held - should).abs() > 1e-6 {
            return Err(RecordError::at(
                &row_path,
                format!(
                    "column `{column}` says {held}, but the cell's preset.ron and metrics.csv say {should}"
                ),
            ));
        }
    }
    if row.task != preset.task.kind {
        return Err(RecordError::at(
            &row_path,
            format!(
                "column `task` says {}, but preset.ron trains {}",
                row.task.slug(),
                preset.task.kind.slug()
            ),
        ));
    }
    let mut detector = PhaseDetector::new(DetectorConfig::default());
    for m in &state.history {
        m.feed(&mut detector);
    }
    Ok(SummaryRow {
        phase: detector.classify().phase,
        memorized_step: detector.memorized_step(),
        generalized_step: detector.generalized_step(),
        ..row
    })
}

/// The one row of a cell's `summary-row.csv`.
fn one_row(path: &Path) -> Result<SummaryRow, RecordError> {
    let text = read_regular_text(path, SMALL_FILE)?;
    parse_summary(&text, path)?
        .into_iter()
        .next()
        .ok_or_else(|| RecordError::at(path, "no row after the header"))
}
