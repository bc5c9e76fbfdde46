//! The run view's charts written as figures (`e`): accuracy, loss and parameter norm (and
//! the circuits' losses when `f` shows them) of the shown run, over the zoomed steps when a
//! zoom is set, smoothed as the screen smooths them (the raw curves faint underneath), drawn
//! by the report's figure code into `<run dir>/export/` as SVG and PNG. The charts are built
//! here from what the screen holds; the report draws them. `export_compare` shares the
//! helpers at the bottom.

use super::chart_view::ChartView;
use super::run_state::RunState;
use super::series::Series as Curve;
use super::smoothing::{STRENGTHS, Smoothed};
use crate::analysis::EventKind;
use crate::record::RunDir;
use crate::report::{LineChart, MeanCi, Series, VerticalMarker, write_stacked};
use std::path::PathBuf;

/// The index of the val series in every chart (markers take its colour).
const VAL: usize = 1;

/// Writes the charts and returns the paths written (SVG, PNG), or why not.
pub fn export(
    run: &RunState,
    view: Option<&ChartView>,
    circuits: bool,
) -> Result<Vec<PathBuf>, String> {
    let dir = run
        .dir
        .as_ref()
        .ok_or_else(|| format!("{} has no run directory yet", run.label))?;
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
        drawn("train accuracy", &run.train_acc, &sm.train_acc),
        drawn("val accuracy", &run.val_acc, &sm.val_acc),
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
        ..chart("accuracy", "accuracy", accuracy, &markers, range)
    }];
    let mut fitted = |title: &str, y_desc: &str, drawn: Vec<(Series, Option<Series>)>| {
        let (series, faint): (Vec<_>, Vec<_>) = drawn.into_iter().unzip();
        out.push(fitted(LineChart {
            faint: faint.into_iter().flatten().collect(),
            ..chart(title, y_desc, series, &markers, range)
        }));
    };
    fitted(
        "loss",
        "log10 loss",
        vec![
            drawn("train loss", &run.train_loss, &sm.train_loss),
            drawn("val loss", &run.val_loss, &sm.val_loss),
        ],
    );
    fitted(
        "parameter norm",
        "L2 norm",
        vec![drawn("parameter norm", &run.norm, &sm.norm)],
    );
    if circuits && !run.circuits.is_empty() {
        fitted(
            "circuits",
            "log10 loss",
            vec![
                (
                    series(
                        "restricted loss (key frequencies only)",
                        &run.circuits.restricted,
                        range,
                    ),
                    None,
                ),
                (
                    series(
                        "excluded loss (key frequencies removed)",
                        &run.circuits.excluded,
                        range,
                    ),
                    None,
                ),
            ],
        );
    }
    out
}

/// The run's phase events M, O and G within the steps `range`, in the colour of series
/// `colour`.
pub(super) fn markers(run: &RunState, colour: usize, range: (f64, f64)) -> Vec<VerticalMarker> {
    run.events
        .iter()
        .filter_map(|e| {
            let label = match e.kind {
                EventKind::Memorized => "M",
                EventKind::GeneralizationOnset => "O",
                EventKind::Generalized => "G",
                _ => return None,
            };
            let x = e.step as f64;
            (range.0..=range.1).contains(&x).then(|| VerticalMarker {
                x,
                series: colour,
                label: Some(label.into()),
            })
        })
        .collect()
}

/// A chart over steps `range` (y from 0 to 1 unless [`fitted`]).
pub(super) fn chart(
    title: &str,
    y_desc: &str,
    series: Vec<Series>,
    markers: &[VerticalMarker],
    range: (f64, f64),
) -> LineChart {
    LineChart {
        title: title.into(),
        x_desc: "step".into(),
        y_desc: y_desc.into(),
        log_x: false,
        series,
        secondary: None,
        markers: markers.to_vec(),
        threshold: None,
        x_range: Some(range),
        y_range: None,
        faint: Vec::new(),
    }
}

/// `c` with its y axis fitted to its curves, faint ones included.
pub(super) fn fitted(c: LineChart) -> LineChart {
    let y_range = padded(c.series.iter().chain(&c.faint));
    LineChart { y_range, ..c }
}

/// A screen curve's points within the steps `range` as a report series (one value per
/// step, so no interval).
pub(super) fn series(label: &str, curve: &Curve, (lo, hi): (f64, f64)) -> Series {
    Series {
        label: label.into(),
        points: curve
            .points(false)
            .iter()
            .filter(|p| (lo..=hi).contains(&p.0))
            .map(|&(x, mean)| (x, MeanCi::single(mean)))
            .collect(),
    }
}

/// The series' value range with a 5 % margin (`None` when they have no points: the chart
/// then keeps its default axis).
fn padded<'a>(series: impl Iterator<Item = &'a Series>) -> Option<(f64, f64)> {
    let (lo, hi) = series
        .flat_map(|s| s.points.iter().map(|p| p.1.mean))
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if !lo.is_finite() {
        return None;
    }
    let pad = ((hi - lo) * 0.05).max(0.05);
    Some((lo - pad, hi + pad))
}
