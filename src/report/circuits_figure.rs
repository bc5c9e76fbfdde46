//! One run's circuit progress measures beside its accuracy and parameter norm, on one step
//! axis: what the memorizing and the generalizing circuit do while the symptoms move.
//!
//! ```text
//! ┌ accuracy: train, val ───────────────────────────────┐
//! ├ loss (log): train, val, restricted, excluded ────────┤
//! ├ parameter norm: all, key-frequency part, rest ───────┤
//! └ embedding sparsity: key-frequency share, Gini ───────┘
//!   dashed verticals at the detector's M, F (circuit forming), O and G events
//! ```

use std::path::{Path, PathBuf};

use plotters::coord::Shift;
use plotters::prelude::*;

use super::ReportError;
use super::plot::{DrawResult, Drawing, FONT, render, series_color};
use crate::analysis::{EventKind, PhaseEvent};
use crate::record::Metrics;

const SIZE: (u32, u32) = (960, 1200);

/// A line of one panel: its label and (step, value) points.
type Line = (&'static str, Vec<(f64, f64)>);

/// Draws `<dir>/<name>.svg` and `.png` from a run's evaluations; `None` when no evaluation
/// has circuit measures (a task whose rule is not addition, or an older run).
pub fn write_circuits_figure(
    dir: &Path,
    name: &str,
    title: &str,
    history: &[Metrics],
) -> Result<Option<Vec<PathBuf>>, ReportError> {
    if history.iter().all(|m| m.circuits().is_none()) {
        return Ok(None);
    }
    let figure = CircuitsFigure {
        title,
        history,
        events: Metrics::replay(history).0,
    };
    render(dir, name, &figure).map(Some)
}

/// A run's history with the detector's events over it, drawn as the four panels above.
struct CircuitsFigure<'a> {
    title: &'a str,
    history: &'a [Metrics],
    events: Vec<PhaseEvent>,
}

impl Drawing for CircuitsFigure<'_> {
    fn size(&self) -> (u32, u32) {
        SIZE
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        draw(root, self.title, self.history, &self.events)
    }
}

fn series(history: &[Metrics], f: impl Fn(&Metrics) -> Option<f32>) -> Vec<(f64, f64)> {
    history
        .iter()
        .filter_map(|m| Some((m.step as f64, f64::from(f(m)?))))
        .filter(|(_, y)| y.is_finite())
        .collect()
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    h: &[Metrics],
    events: &[PhaseEvent],
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    let root = root.titled(title, (FONT, 22))?;
    let panels = root.split_evenly((4, 1));
    let x_max = h.last().map_or(1.0, |m| m.step as f64).max(1.0);
    let circ = |f: fn(&crate::analysis::circuits::CircuitMeasures) -> f32| {
        move |m: &Metrics| m.circuits().as_ref().map(f)
    };
    let acc = [
        ("train accuracy", series(h, |m| Some(m.train_acc))),
        ("val accuracy", series(h, |m| m.val_acc)),
    ];
    panel(&panels[0], "accuracy", &acc, x_max, false, events)?;
    let loss = [
        ("train loss", series(h, |m| Some(m.train_loss))),
        ("val loss", series(h, |m| m.val_loss)),
        (
            "restricted loss (key frequencies only)",
            series(h, circ(|c| c.restricted_loss)),
        ),
        (
            "excluded loss (key frequencies removed)",
            series(h, circ(|c| c.excluded_loss)),
        ),
    ];
    panel(
        &panels[1],
        "loss (log scale, nats)",
        &loss,
        x_max,
        true,
        events,
    )?;
    let norm = [
        ("parameter norm", series(h, |m| Some(m.param_norm))),
        (
            "key-frequency part (W_E, W_U)",
            series(h, circ(|c| c.norm_key)),
        ),
        ("the rest", series(h, circ(|c| c.norm_rest))),
    ];
    panel(&panels[2], "parameter norm", &norm, x_max, false, events)?;
    let sparsity = [
        (
            "key frequencies' share of embedding energy",
            series(h, circ(|c| c.key_share)),
        ),
        (
            "Gini of per-frequency norms",
            series(h, circ(|c| c.freq_gini)),
        ),
    ];
    panel(
        &panels[3],
        "embedding sparsity",
        &sparsity,
        x_max,
        false,
        events,
    )?;
    Ok(())
}

/// One panel: lines over steps, the events as dashed verticals, a legend.
fn panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    y_desc: &str,
    lines: &[Line],
    x_max: f64,
    log_y: bool,
    events: &[PhaseEvent],
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let ys = lines.iter().flat_map(|(_, p)| p.iter().map(|&(_, y)| y));
    let (lo, hi) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), y| {
        (lo.min(y), hi.max(y))
    });
    let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) };
    let mut builder = ChartBuilder::on(area);
    builder
        .margin(12)
        .x_label_area_size(36)
        .y_label_area_size(64);
    macro_rules! finish {
        ($chart:expr, $y0:expr, $y1:expr) => {{
            $chart
                .configure_mesh()
                .x_desc("step")
                .y_desc(y_desc)
                .x_label_formatter(&|v| format!("{v:.0}"))
                .label_style((FONT, 13))
                .axis_desc_style((FONT, 15))
                .light_line_style(RGBColor(235, 235, 235))
                .draw()?;
            for e in events.iter().filter(|e| marked(e.kind)) {
                let x = e.step as f64;
                let grey = RGBColor(120, 120, 120);
                $chart.draw_series(DashedLineSeries::new(
                    vec![(x, $y0), (x, $y1)],
                    4,
                    4,
                    grey.stroke_width(1),
                ))?;
                $chart.draw_series(std::iter::once(Text::new(
                    mark(e.kind).to_string(),
                    (x, $y1),
                    (FONT, 14).into_font().color(&grey),
                )))?;
            }
            for (i, (label, points)) in lines.iter().enumerate() {
                let color = series_color(i);
                $chart
                    .draw_series(LineSeries::new(
                        super::thin::thin(points),
                        color.stroke_width(2),
                    ))?
                    .label(*label)
                    .legend(move |(x, y)| {
                        PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2))
                    });
            }
            $chart
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperRight)
                .background_style(WHITE.mix(0.85))
                .border_style(RGBColor(160, 160, 160))
                .label_font((FONT, 13))
                .draw()?;
        }};
    }
    if log_y {
        let (y0, y1) = (lo.max(1e-4) / 1.5, hi.max(1e-3) * 1.5);
        let mut chart = builder.build_cartesian_2d(0f64..x_max, (y0..y1).log_scale())?;
        finish!(chart, y0, y1);
    } else {
        let pad = ((hi - lo) * 0.05).max(1e-3);
        let (y0, y1) = (lo - pad, hi + pad);
        let mut chart = builder.build_cartesian_2d(0f64..x_max, y0..y1)?;
        finish!(chart, y0, y1);
    }
    Ok(())
}

/// The letter over an event's line (as in the TUI's charts).
fn mark(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Memorized => "M",
        EventKind::CircuitForming => "F",
        EventKind::GeneralizationOnset => "O",
        _ => "G",
    }
}

/// The events worth a vertical line here: memorization, the leading indicator, onset and
/// generalization.
fn marked(kind: EventKind) -> bool {
    matches!(
        kind,
        EventKind::Memorized
            | EventKind::CircuitForming
            | EventKind::GeneralizationOnset
            | EventKind::Generalized
    )
}
