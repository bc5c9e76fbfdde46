//! The compare view's charts written as figures (`e`): each run's val and train accuracy,
//! val loss and parameter norm (and the circuits' losses when `f` shows them) overlaid, one
//! line per run, with each run's generalization step marked G in its colour, drawn by the
//! report's figure code as SVG and PNG. Runs of one folder (the seeds of one launch, or runs
//! picked from one Runs tab) share `<folder>/export/`; runs from different folders go to the
//! first run's `export/`.

use crate::analysis::EventKind;
use crate::record::{EXPORT_DIR, RunDir};
use crate::report::{LineChart, VerticalMarker, write_stacked};
use crate::tui::state::run_state::RunState;
use crate::tui::state::series::Series as Curve;
use crate::tui::widgets::export::{chart, fitted, no_dir, series};
use crate::tui::widgets::words as w;
use std::path::{Path, PathBuf};

/// Writes the charts of `runs` (in the compare view's order) and returns the paths written
/// (SVG, PNG), or why not.
pub fn export_compare(runs: &[&RunState], circuits: bool) -> Result<Vec<PathBuf>, String> {
    let dirs = runs
        .iter()
        .map(|r| r.dir.as_deref().ok_or_else(|| no_dir(&r.label)))
        .collect::<Result<Vec<&Path>, String>>()?;
    let first = *dirs.first().ok_or("no runs to compare")?;
    let out = folder(&dirs);
    let step = runs.iter().map(|r| r.step).max().unwrap_or(0);
    let total = runs.iter().map(|r| r.total_steps).max().unwrap_or(0).max(1);
    let first_name = RunDir {
        path: first.to_path_buf(),
    }
    .name();
    let name = format!("compare-{first_name}-{}runs-step{step}", runs.len());
    let labels: Vec<&str> = runs.iter().map(|r| r.label.as_str()).collect();
    let title = format!(
        "{} runs · step {} · {}",
        runs.len(),
        crate::human::steps(step),
        labels.join(", ")
    );
    let charts = charts(runs, circuits, (0.0, total as f64));
    write_stacked(&out, &name, &title, &charts).map_err(|e| e.to_string())
}

/// `<shared parent>/export` when every run sits in one folder, else the first run's `export/`.
fn folder(dirs: &[&Path]) -> PathBuf {
    let parent = dirs[0].parent();
    match parent {
        Some(p) if dirs.iter().all(|d| d.parent() == Some(p)) => p.join(EXPORT_DIR),
        _ => dirs[0].join(EXPORT_DIR),
    }
}

/// One chart per metric, a line per run.
fn charts(runs: &[&RunState], circuits: bool, range: (f64, f64)) -> Vec<LineChart> {
    // Each run's generalization, in its colour.
    let markers: Vec<VerticalMarker> = runs
        .iter()
        .enumerate()
        .flat_map(|(i, r)| {
            r.events
                .iter()
                .filter(|e| e.kind == EventKind::Generalized)
                .map(move |e| VerticalMarker {
                    x: e.step as f64,
                    series: i,
                    label: Some("G".into()),
                })
        })
        .collect();
    let lines = |curve: fn(&RunState) -> &Curve| {
        runs.iter()
            .map(|r| series(&r.label, curve(r), range))
            .collect::<Vec<_>>()
    };
    let mut out = vec![
        chart(
            w::VAL_ACCURACY,
            w::ACCURACY,
            lines(|r| &r.val_acc),
            &markers,
            range,
        ),
        chart(
            w::TRAIN_ACCURACY,
            w::ACCURACY,
            lines(|r| &r.train_acc),
            &markers,
            range,
        ),
        fitted(chart(
            w::VAL_LOSS,
            w::LOG_LOSS,
            lines(|r| &r.val_loss),
            &markers,
            range,
        )),
        fitted(chart(
            w::NORM,
            w::L2_NORM,
            lines(|r| &r.norm),
            &markers,
            range,
        )),
    ];
    if circuits && runs.iter().any(|r| !r.circuits.is_empty()) {
        out.push(fitted(chart(
            w::RESTRICTED_LOSS,
            w::LOG_LOSS,
            lines(|r| &r.circuits.restricted),
            &markers,
            range,
        )));
        out.push(fitted(chart(
            w::EXCLUDED_LOSS,
            w::LOG_LOSS,
            lines(|r| &r.circuits.excluded),
            &markers,
            range,
        )));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_one_folder_share_its_export_folder_else_the_first_runs() {
        let (a, b, c) = (
            Path::new("/r/runs/x-s0"),
            Path::new("/r/runs/x-s1"),
            Path::new("/r/other/y"),
        );
        assert_eq!(folder(&[a, b]), Path::new("/r/runs/export"));
        assert_eq!(folder(&[a, c]), Path::new("/r/runs/x-s0/export"));
    }
}
