//! What the TUI's Runs and Sweeps tabs list: every run or sweep directory directly under a
//! folder, read once per scan (never while drawing).

use super::RecordError;
use super::lock::Holder;
use super::run_dir::RunDir;
use super::sweep_dir::SweepDir;
use crate::preset::Preset;
use std::path::{Path, PathBuf};

/// One run directory as the Runs tab lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct RunEntry {
    pub path: PathBuf,
    pub name: String,
    pub preset: String,
    pub total_steps: Option<u64>,
    /// The last step in metrics.csv.
    pub step: Option<u64>,
    /// The verdict of events.log's `final` line, else "failed", else the last event's message.
    pub phase: String,
    /// The newest usable checkpoint.
    pub checkpoint: Option<u64>,
    /// The process training it now, if any (then it opens as a live read-only view).
    pub writer: Option<Holder>,
    /// The seed that ran (from preset.ron).
    pub seed: Option<u64>,
    /// The newest validation accuracy in metrics.csv.
    pub val_acc: Option<f32>,
    /// Seconds of training so far (the last row's elapsed time, pauses excluded).
    pub train_secs: Option<f64>,
    /// The launch it belongs to: the seeds of one multi-seed start share it.
    pub launch: String,
    /// When it started, `YYYY-mm-dd HH:MM:SS` (UTC), from its name.
    pub started: Option<String>,
    /// The name without its stamp (shown beside the date where room is short).
    pub short_name: String,
    /// Each of its files that could not be read, as `path: reason` (a listing shows what it
    /// could read, and says what it could not instead of showing it as empty).
    pub unreadable: Vec<String>,
    /// Its preset's settings by name (`Preset::named_settings`; none without a readable preset).
    pub settings: Vec<(&'static str, String)>,
}

/// One sweep directory as the Sweeps tab lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepEntry {
    pub path: PathBuf,
    pub name: String,
    pub preset: String,
    /// Its preset's figure of the paper and title (empty without a readable preset).
    pub figure: String,
    pub title: String,
    pub cells: usize,
    pub done: usize,
    /// The live process training it now, if any (`SweepDir::trainer`).
    pub trainer: Option<Holder>,
}

fn subdirs(root: &Path) -> Result<Vec<PathBuf>, RecordError> {
    match std::fs::read_dir(root) {
        Ok(r) => Ok(r.flatten().map(|e| e.path()).collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(RecordError::io(root, "list", e)),
    }
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// The run directories directly under `root`, in no order (none when `root` does not exist).
pub fn run_dirs(root: &Path) -> Result<Vec<RunDir>, RecordError> {
    Ok(subdirs(root)?
        .iter()
        .filter_map(|p| RunDir::open(p).ok())
        .collect())
}

/// A phase event as a one-word milestone for the Runs tab's phase column.
fn milestone(kind: crate::analysis::EventKind) -> &'static str {
    match kind {
        crate::analysis::EventKind::GeneralizationOnset => "onset",
        k => k.label(),
    }
}

/// One run directory's line.
pub fn run_entry(dir: &RunDir) -> RunEntry {
    let mut unreadable = Vec::new();
    let preset = readable(dir.preset(), &mut unreadable);
    let rows = readable(dir.metrics(), &mut unreadable).map_or_else(Vec::new, |t| t.rows);
    let last = rows.last();
    let name = super::run_names::parse_run_name(&dir.name());
    let log = readable(dir.events(), &mut unreadable).unwrap_or_default();
    let phase = match (&log.verdict, &log.failure) {
        _ if !unreadable.is_empty() => "unreadable".to_string(),
        (Some((p, _)), _) => p.label().to_string(),
        (None, Some(_)) => "failed".to_string(),
        // Stopped before its planned end: no verdict yet, whatever it looked like then.
        (None, None) if log.stopped.is_some() => "stopped".to_string(),
        // Still going (or cut off): how far it got, as a name that fits the column (the
        // event's message is a sentence, and the Runs tab cut it mid-word).
        (None, None) => log
            .events
            .last()
            .map_or_else(|| "–".to_string(), |e| milestone(e.kind).to_string()),
    };
    RunEntry {
        name: dir.name(),
        path: dir.path.clone(),
        preset: preset
            .as_ref()
            .map_or_else(|| "?".to_string(), |p| p.name.clone()),
        total_steps: preset.as_ref().map(|p| p.training.steps),
        seed: preset.as_ref().map(|p| p.seed),
        step: last.map(|m| m.step),
        val_acc: rows.iter().rev().find_map(|m| m.val_acc),
        train_secs: last.map(|m| m.elapsed_secs),
        launch: name.launch,
        started: name.started,
        short_name: name.short,
        phase,
        settings: preset
            .as_ref()
            .map(Preset::named_settings)
            .unwrap_or_default(),
        checkpoint: dir.latest_usable().0.map(|(c, _)| c.step),
        writer: dir.writer(),
        unreadable,
    }
}

/// The value read, or `None` with the error kept in `unreadable`.
pub fn readable<T>(read: Result<T, RecordError>, unreadable: &mut Vec<String>) -> Option<T> {
    read.map_err(|e| unreadable.push(e.0)).ok()
}

/// Every sweep directory (one holding `sweep.ron`) directly under `root`, by name.
pub fn scan_sweeps(root: &Path) -> Result<Vec<SweepEntry>, RecordError> {
    let mut out: Vec<SweepEntry> = subdirs(root)?
        .into_iter()
        .map(|p| SweepDir::new(&p))
        .filter(SweepDir::exists)
        .map(|sweep| {
            let preset = sweep.preset().ok();
            SweepEntry {
                name: file_name(&sweep.path),
                preset: preset
                    .as_ref()
                    .map_or_else(|| "?".into(), |p| p.name.clone()),
                figure: (preset.as_ref()).map_or_else(String::new, |p| p.figure.clone()),
                title: (preset.as_ref()).map_or_else(String::new, |p| p.title.clone()),
                cells: preset.map_or(0, |p| p.cells().len()),
                done: sweep.finished_rows(),
                trainer: sweep.trainer(),
                path: sweep.path,
            }
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}
