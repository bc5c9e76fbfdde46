//! The run directories under the runs folder, read when the Runs tab opens or is rescanned
//! (never while drawing).

use crate::train::RunDir;
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
    /// The phase from events.log's `final` line, else its last line.
    pub phase: String,
    pub checkpoint: Option<u64>,
}

/// Every run directory directly under `root`, newest first (names carry a timestamp).
pub fn scan(root: &Path) -> Result<Vec<RunEntry>, String> {
    let read = match std::fs::read_dir(root) {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.to_string()),
    };
    let mut out: Vec<RunEntry> = read
        .flatten()
        .filter_map(|e| RunDir::open(&e.path()).ok())
        .map(|dir| entry(&dir))
        .collect();
    out.sort_by(|a, b| b.name.cmp(&a.name));
    Ok(out)
}

fn entry(dir: &RunDir) -> RunEntry {
    let preset = dir.preset().ok();
    let metrics = std::fs::read_to_string(dir.metrics_path()).unwrap_or_default();
    let step = metrics
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .last()
        .and_then(|l| l.split(',').next()?.parse().ok());
    let events = std::fs::read_to_string(dir.events_path()).unwrap_or_default();
    RunEntry {
        name: dir
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        path: dir.path.clone(),
        preset: preset
            .as_ref()
            .map_or_else(|| "?".to_string(), |p| p.name.clone()),
        total_steps: preset.map(|p| p.training.steps),
        step,
        phase: phase_of(&events),
        checkpoint: dir.latest_checkpoint().map(|(s, _)| s),
    }
}

/// `final\t<phase>\t<reason>` wins; otherwise the message of the last event line.
pub fn phase_of(events_log: &str) -> String {
    let lines: Vec<&str> = events_log
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    if let Some(f) = lines.iter().rev().find(|l| l.starts_with("final\t")) {
        return f.split('\t').nth(1).unwrap_or("?").to_string();
    }
    lines.last().map_or_else(
        || "–".to_string(),
        |l| l.rsplit('\t').next().unwrap_or(l).to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::phase_of;

    #[test]
    fn phase_from_log() {
        assert_eq!(
            phase_of("step 100\tMemorized\tmemorized\nfinal\tgrokking\twhy\n"),
            "grokking"
        );
        assert_eq!(
            phase_of("step 100\tMemorized\ttrain acc hit 100%\n"),
            "train acc hit 100%"
        );
        assert_eq!(phase_of(""), "–");
    }
}
