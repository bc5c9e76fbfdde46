//! The compare view's charts written as figures (`e`): each run's val and train accuracy,
//! val loss and parameter norm (and the circuits' losses when `f` shows them) overlaid, one
//! line per run labelled as on screen, with each run's generalization step marked G in its
//! colour, and the mean and min–max band of the runs alike but the seed as the screen draws
//! them, drawn by the report's figure code as SVG and PNG; the title names the runs only
//! when that fits the image. Runs of one folder (the seeds of one launch, or runs
//! picked from one Runs tab) share `<folder>/export/`; runs from different folders go to the
//! first run's `export/`.

use crate::analysis::EventKind;
use crate::record::{EXPORT_DIR, RunDir};
use crate::report::{LineChart, MeanCi, Series, VerticalMarker, write_stacked};
use crate::tui::state::labels::unique_labels;
use crate::tui::state::overlay::{Metric, Overlay};
use crate::tui::state::run_state::RunState;
use crate::tui::state::series::Series as Curve;
use crate::tui::widgets::export::{chart, fitted, no_dir, series};
use crate::tui::widgets::words as w;
use std::path::{Path, PathBuf};

/// Writes the charts of `runs` (in the compare view's order) and returns the paths written
/// (SVG, PNG), or why not.
pub fn export_compare(
    runs: &[&RunState],
    overlay: &Overlay,
    circuits: bool,
) -> Result<Vec<PathBuf>, String> {
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
    let labels = unique_labels(runs);
    let charts = charts(runs, &labels, overlay, circuits, (0.0, total as f64));
    let title = title(runs.len(), step, &labels);
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

/// The longest title the image has room for: the 960-pixel page (`report::write_stacked`)
/// holds about 75 characters of its 22-pixel title type; the whole path of each run used to
/// run off its edge.
const TITLE_ROOM: usize = 70;

/// "3 runs · step 16 000 · seed 0, seed 1, seed 2", without the names when they do not fit.
fn title(n: usize, step: u64, labels: &[String]) -> String {
    let short = format!("{n} runs · step {}", crate::human::steps(step));
    let long = format!("{short} · {}", labels.join(", "));
    if long.chars().count() <= TITLE_ROOM {
        long
    } else {
        short
    }
}

/// `c` with the mean of `metric` as one more line (after the `n` runs' lines, so in the
/// next colour) over its min–max band, where the compare view draws them.
fn with_mean(
    c: LineChart,
    overlay: &Overlay,
    metric: Metric,
    n: usize,
    range: (f64, f64),
) -> LineChart {
    let Some(b) = overlay.band(metric).filter(|_| !overlay.members.is_empty()) else {
        return c;
    };
    let mut c = c;
    let inside = |p: &&(f64, f64)| (range.0..=range.1).contains(&p.0);
    let mean: Vec<(f64, MeanCi)> = (b.mean.points(false).iter().filter(inside))
        .map(|&(x, v)| (x, MeanCi::single(v)))
        .collect();
    c.series.push(Series {
        label: w::MEAN.into(),
        points: mean,
    });
    let band: Vec<(f64, f64, f64)> = (b.lo.points(false).iter().zip(b.hi.points(false)))
        .filter(|(lo, _)| (range.0..=range.1).contains(&lo.0))
        .map(|(lo, hi)| (lo.0, lo.1, hi.1))
        .collect();
    if !band.is_empty() {
        c.band = Some((n, band));
    }
    c
}

/// One chart per metric: a line per run, then the mean over its band where the screen
/// draws one.
fn charts(
    runs: &[&RunState],
    labels: &[String],
    overlay: &Overlay,
    circuits: bool,
    range: (f64, f64),
) -> Vec<LineChart> {
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
        (runs.iter().zip(labels))
            .map(|(r, label)| series(label, curve(r), range))
            .collect::<Vec<_>>()
    };
    // The val chart the screen shows: twin-free where the runs record it.
    let twin_free = runs.iter().any(|r| r.records_twin_free());
    let (val_title, val): (_, fn(&RunState) -> &Curve) = if twin_free {
        (w::TWIN_FREE_ACCURACY, |r| &r.twin_free_val_acc)
    } else {
        (w::VAL_ACCURACY, |r| &r.val_acc)
    };
    let out = vec![
        chart(val_title, w::ACCURACY, lines(val), &markers, range),
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
    let n = runs.len();
    let mut out: Vec<LineChart> = (out.into_iter().zip(Metric::shown(false, twin_free)))
        .map(|(c, m)| with_mean(c, overlay, m, n, range))
        .collect();
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
    fn the_title_names_the_runs_only_when_they_fit() {
        let seeds: Vec<String> = (0..3).map(|s| format!("seed {s}")).collect();
        assert_eq!(
            title(3, 16_000, &seeds),
            "3 runs · step 16 000 · seed 0, seed 1, seed 2"
        );
        let long: Vec<String> = (0..3)
            .map(|s| format!("grokking · seed {s} · 11-29 10:00"))
            .collect();
        assert_eq!(title(3, 16_000, &long), "3 runs · step 16 000");
    }

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
