//! What the run view's and the compare view's figures share: a chart over a step range, a
//! screen curve as a report series, the phase-event markers and a y axis fitted to the curves.
//! The report's figure code draws them (`report::write_stacked`).

use super::theme::event_mark;
use super::words as w;
use crate::report::{LineChart, MeanCi, Series, VerticalMarker};
use crate::tui::state::run_state::RunState;
use crate::tui::state::series::Series as Curve;

/// Why a run's charts cannot be written: it has no directory to write them in.
pub fn no_dir(label: &str) -> String {
    format!("{label} has no run directory yet")
}

/// The run's phase events within the steps `range`, each marked as the run view marks it
/// (M, O, G, P, F, ↑, ↓), in the colour of series `colour`.
pub fn markers(run: &RunState, colour: usize, range: (f64, f64)) -> Vec<VerticalMarker> {
    run.events
        .iter()
        .filter_map(|e| {
            let label = event_mark(e.kind);
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
pub fn chart(
    title: &str,
    y_desc: &str,
    series: Vec<Series>,
    markers: &[VerticalMarker],
    range: (f64, f64),
) -> LineChart {
    LineChart {
        title: title.into(),
        x_desc: w::STEP.into(),
        y_desc: y_desc.into(),
        log_x: false,
        series,
        secondary: None,
        markers: markers.to_vec(),
        threshold: None,
        x_range: Some(range),
        y_range: None,
        faint: Vec::new(),
        band: None,
    }
}

/// `c` with its y axis fitted to its curves, faint ones included.
pub fn fitted(c: LineChart) -> LineChart {
    let y_range = padded(c.series.iter().chain(&c.faint));
    LineChart { y_range, ..c }
}

/// A screen curve's points within the steps `range` as a report series (one value per
/// step, so no interval).
pub fn series(label: &str, curve: &Curve, (lo, hi): (f64, f64)) -> Series {
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
