//! The run view's charts written as figures (`e`): accuracy, loss and parameter norm (and
//! the circuits' losses when `f` shows them) of the shown run, over the zoomed steps when a
//! zoom is set, smoothed as the screen smooths them (the raw curves faint underneath), drawn
//! by the report's figure code into `<run dir>/export/` as SVG and PNG. The charts are built
//! here from what the screen holds (with `widgets::export`); the report draws them.

use crate::record::RunDir;
use crate::report::{LineChart, Series, write_stacked};
use crate::tui::state::chart_view::ChartView;
use crate::tui::state::run_state::RunState;
use crate::tui::state::series::Series as Curve;
use crate::tui::state::smoothing::{STRENGTHS, Smoothed};
use crate::tui::widgets::export::{chart, fitted, markers, no_dir, series};
use crate::tui::widgets::words as w;
use std::path::PathBuf;

/// The index of the val series in every chart (markers take its colour).
const VAL: usize = 1;

/// Writes the charts and returns the paths written (SVG, PNG), or why not.
pub fn export(
    run: &RunState,
    view: Option<&ChartView>,
    circuits: bool,
) -> Result<Vec<PathBuf>, String> {
    let dir = run.dir.as_ref().ok_or_else(|| no_dir(&run.label))?;
    let (lo, hi) = view.map_or((0, run.total_steps.max(1)), |v| v.range(run.total_steps));
    let zoomed = view.is_some_and(|v| v.zoom.is_some());
    let run_name = dir
        .file_name()
        .map_or_else(|| "run".into(), |n| n.to_string_lossy().into_owned());
    let mut name = format!("{run_name}-step{}", run.step);
    let mut title = format!("{} · step {}", run.label, crate::human::steps(run.step));
    if zoomed {
        name.push_str(&format!("-steps{lo}-{hi}"));
        title.push_str(&format!(
            " · steps {}–{}",
            crate::human::steps(lo),
            crate::human::steps(hi)
        ));
    }
    let level = view.map_or(0, |v| v.smoothing);
    if level > 0 {
        name.push_str(&format!("-smoothed{level}"));
        title.push_str(&format!(
            " · smoothed: debiased EMA {} (raw curves faint)",
            STRENGTHS[level]
        ));
    }
    let charts = charts(run, view, circuits, (lo as f64, hi as f64));
    write_stacked(
        &RunDir { path: dir.clone() }.export_path(),
        &name,
        &title,
        &charts,
    )
    .map_err(|e| e.to_string())
}

/// The charts of the run view, in its order, over steps `range`.
fn charts(
    run: &RunState,
    view: Option<&ChartView>,
    circuits: bool,
    range: (f64, f64),
) -> Vec<LineChart> {
    let markers = markers(run, VAL, range);
    let level = view.map_or(0, |v| v.smoothing);
    // As drawn: the smoothed curve over the raw one when smoothing is on.
    let drawn = |label: &str, raw: &Curve, smooth: &Smoothed| {
        let shown = smooth.at(level).unwrap_or(raw);
        (
            series(label, shown, range),
            smooth.at(level).map(|_| series(label, raw, range)),
        )
    };
    let y_zoom = view.filter(|v| v.y_zoom).map(|v| (0.0, v.y_top));
    let sm = &run.smooth;
    let (mut accuracy, faint): (Vec<_>, Vec<_>) = [
        drawn(w::TRAIN_ACCURACY, &run.train_acc, &sm.train_acc),
        drawn(w::VAL_ACCURACY, &run.val_acc, &sm.val_acc),
    ]
    .into_iter()
    .unzip();
    for (label, curve) in [
        ("train accuracy, rule", &run.rule_acc),
        ("train accuracy, memorization", &run.mem_acc),
    ] {
        if !curve.is_empty() {
            accuracy.push(series(label, curve, range));
        }
    }
    let mut out = vec![LineChart {
        y_range: y_zoom,
        faint: faint.into_iter().flatten().collect(),
        ..chart(w::ACCURACY, w::ACCURACY, accuracy, &markers, range)
    }];
    let mut fitted = |title: &str, y_desc: &str, drawn: Vec<(Series, Option<Series>)>| {
        let (series, faint): (Vec<_>, Vec<_>) = drawn.into_iter().unzip();
        out.push(fitted(LineChart {
            faint: faint.into_iter().flatten().collect(),
            ..chart(title, y_desc, series, &markers, range)
        }));
    };
    fitted(
        w::LOSS_SHORT,
        w::LOG_LOSS,
        vec![
            drawn(w::TRAIN_LOSS, &run.train_loss, &sm.train_loss),
            drawn(w::VAL_LOSS, &run.val_loss, &sm.val_loss),
        ],
    );
    fitted(
        w::NORM,
        w::L2_NORM,
        vec![drawn(w::NORM, &run.norm, &sm.norm)],
    );
    if circuits && !run.circuits.is_empty() {
        fitted(
            w::CIRCUITS,
            w::LOG_LOSS,
            vec![
                (
                    series(w::RESTRICTED_LOSS, &run.circuits.restricted, range),
                    None,
                ),
                (
                    series(w::EXCLUDED_LOSS, &run.circuits.excluded, range),
                    None,
                ),
            ],
        );
    }
    out
}
