//! The run overview's words.

use crate::tui::widgets::words::Symbol;

/// The overview draws no symbols: its facts are words (the help's legend is empty here).
pub const LEGEND: &[&[Symbol]] = &[];

pub const SETTINGS_TITLE: &str = " settings ";
pub const GONE: &str =
    "this run directory is no longer listed (deleted or moved): Esc goes back to the runs";
pub const NO_SETTINGS: &str = "no readable preset.ron: its settings are unknown";
pub const HINT: &str = "Enter opens the run: resumes a stopped one, shows a finished one";

pub const DIRECTORY: &str = "directory";
pub const PRESET: &str = "preset";
pub const LAUNCH: &str = "launch";
pub const STARTED: &str = "started";
pub const PROGRESS: &str = "progress";
pub const CHECKPOINT: &str = "checkpoint";
pub const TRAINED: &str = "trained for";
pub const PHASE: &str = "phase";
pub const VAL: &str = "val (last)";
pub const TRAINED_BY: &str = "trained by";
pub const UNREADABLE: &str = "unreadable";

/// How far the run got: "6 600 of 10 000 steps (66 %)".
pub fn progress(step: Option<u64>, total: Option<u64>, steps: fn(u64) -> String) -> String {
    match (step, total) {
        (Some(s), Some(t)) if t > 0 => {
            let pct = (s as f64 / t as f64 * 100.0).round();
            format!("{} of {} steps ({pct} %)", steps(s), steps(t))
        }
        (Some(s), _) => format!("{} steps", steps(s)),
        (None, Some(t)) => format!("not evaluated yet, of {} steps", steps(t)),
        (None, None) => "not evaluated yet".to_string(),
    }
}

/// The newest usable checkpoint.
pub fn checkpoint(step: Option<u64>, steps: fn(u64) -> String) -> String {
    step.map_or_else(
        || "none (it cannot be resumed)".to_string(),
        |s| format!("at step {}", steps(s)),
    )
}

/// Who trains the run: another process, or nobody.
pub fn trained_by(holder: Option<String>) -> String {
    holder.map_or_else(|| "nobody now".to_string(), |h| format!("{h} (live)"))
}

/// When it started, as its name says.
pub fn started(stamp: Option<&str>) -> String {
    stamp.map_or_else(
        || "unknown (no stamp in its name)".to_string(),
        |s| format!("{s} UTC"),
    )
}
