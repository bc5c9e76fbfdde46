//! Figures over training time, drawn from the cells of a small sweep: each seed's accuracy
//! curves (the paper's Fig. 5, where seeds differ in when progression happens) and the
//! parameter norm through the transition (Fig. 9: it rises in progression, falls in grokking).
//!
//! For addition tasks whose cells recorded the circuit progress measures, a third figure
//! draws each seed's restricted and excluded loss (issue 12's leading indicator, Figs. 2, 5
//! and 9 seen as the two circuits).
//!
//! A panel is one grid cell without its seed (a [`CellKey`]); its lines are the seeds. The
//! transitions are found again by the phase detector from each cell's metrics, circuit
//! measures included, so the figure marks exactly what `groktop analyze` would report.

use std::collections::BTreeMap;
use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::plot::{DrawResult, FONT, compact, series_color};
use super::thin::thin;
use super::{CellKey, ReportError, SummaryRow};
use crate::analysis::{EventKind, Phase};
use crate::record::Metrics;
use crate::record::RunDir;

/// Sweeps with more finished cells than this get no curve figures: reading every cell's
/// metrics of a large grid is slow and a figure with that many panels is unreadable.
pub const MAX_CURVE_CELLS: usize = 24;

/// One seed of one grid cell, with the transitions the detector found in it.
#[derive(Clone)]
pub(super) struct SeedCurve {
    pub seed: u64,
    pub phase: Phase,
    pub history: Vec<Metrics>,
    /// The detector's leading indicator ("circuit forming"), where it fired.
    pub circuit_forming: Option<u64>,
    pub onset: Option<u64>,
    pub generalized: Option<u64>,
}

/// The seeds of one grid cell, in seed order.
#[derive(Clone)]
pub(super) struct Panel {
    pub key: CellKey,
    pub seeds: Vec<SeedCurve>,
}

impl Panel {
    fn title(&self) -> String {
        let k = &self.key;
        let mut t = format!("d_model {} · D_train {}", k.d_model, k.n_train);
        if k.n_memorize > 0 {
            t.push_str(&format!(" + {} memorize", k.n_memorize));
        }
        if k.n_layers > 1 {
            t.push_str(&format!(" · {} layers", k.n_layers));
        }
        t
    }

    fn max_step(&self) -> f64 {
        self.seeds
            .iter()
            .filter_map(|s| s.history.last().map(|m| m.step as f64))
            .fold(1.0, f64::max)
    }
}

/// Groups the finished cells of `rows` into panels, reading each cell's metrics with
/// `read_cell` (given the row, it returns that cell's evaluations).
pub(super) fn panels(
    rows: &[SummaryRow],
    read_cell: impl Fn(&SummaryRow) -> Result<Vec<Metrics>, ReportError>,
) -> Result<Vec<Panel>, ReportError> {
    let mut by_key: BTreeMap<CellKey, Vec<SeedCurve>> = BTreeMap::new();
    for row in rows {
        let history = read_cell(row)?;
        let (events, _) = Metrics::replay(&history);
        let step_of = |kind| events.iter().find(|e| e.kind == kind).map(|e| e.step);
        by_key.entry(CellKey::of(row)).or_default().push(SeedCurve {
            seed: row.seed,
            phase: row.phase,
            circuit_forming: step_of(EventKind::CircuitForming),
            onset: step_of(EventKind::GeneralizationOnset),
            generalized: step_of(EventKind::Generalized),
            history,
        });
    }
    Ok(by_key
        .into_iter()
        .map(|(key, mut seeds)| {
            seeds.sort_by_key(|s| s.seed);
            Panel { key, seeds }
        })
        .collect())
}

/// `accuracy-curves`: one row per panel, train accuracy on the left and validation accuracy
/// on the right, one line per seed.
pub(super) fn draw_accuracy<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    panels: &[Panel],
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let rows = root.split_evenly((panels.len(), 2));
    for (i, panel) in panels.iter().enumerate() {
        let title = panel.title();
        draw_panel(
            &rows[2 * i],
            panel,
            &format!("{title}: train accuracy"),
            |m| Some(m.train_acc as f64),
        )?;
        draw_panel(
            &rows[2 * i + 1],
            panel,
            &format!("{title}: validation accuracy"),
            |m| m.val_acc.map(f64::from),
        )?;
    }
    Ok(())
}

/// `norm-curves`: one panel per grid cell, the parameter norm of each seed, with its
/// generalization onset (●) and generalized step (▲) marked on the curve.
pub(super) fn draw_norm<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    panels: &[Panel],
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    in_grid(root, panels, |area, panel| {
        // Words, not ● / ▲: the embedded font subset has no such glyphs.
        let title = format!(
            "{}: parameter norm (dot: onset, triangle: generalized)",
            panel.title()
        );
        draw_panel(area, panel, &title, |m| Some(m.param_norm as f64))
    })
}

/// Draws each panel with `draw` in a grid of at most two columns.
fn in_grid<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    panels: &[Panel],
    draw: impl Fn(&DrawingArea<DB, Shift>, &Panel) -> DrawResult,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let areas = root.split_evenly(grid_shape(panels.len()));
    for (panel, area) in panels.iter().zip(&areas) {
        draw(area, panel)?;
    }
    Ok(())
}

/// Whether any seed of any panel recorded the circuit progress measures.
pub(super) fn have_circuits(panels: &[Panel]) -> bool {
    panels
        .iter()
        .flat_map(|p| &p.seeds)
        .any(|s| s.history.iter().any(|m| m.restricted_loss.is_some()))
}

/// `circuit-curves`: one panel per grid cell, each seed's restricted loss (solid: what the
/// key-frequency circuit alone achieves on the training set) and excluded loss (dashed: what
/// is left without it) on a log scale, with the circuit-forming step (◆) and the
/// generalization onset (●) marked.
pub(super) fn draw_circuits<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    panels: &[Panel],
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    in_grid(root, panels, draw_circuit_panel)
}

fn draw_circuit_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panel: &Panel,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let losses = |s: &SeedCurve, f: fn(&Metrics) -> Option<f32>| -> Vec<(f64, f64)> {
        s.history
            .iter()
            .filter_map(|m| Some((m.step as f64, f64::from(f(m)?))))
            .filter(|&(_, y)| y.is_finite() && y > 0.0)
            .collect()
    };
    let restricted = |m: &Metrics| m.restricted_loss;
    let excluded = |m: &Metrics| m.excluded_loss;
    let lines: Vec<[Vec<(f64, f64)>; 2]> = panel
        .seeds
        .iter()
        .map(|s| [losses(s, restricted), losses(s, excluded)])
        .collect();
    let (lo, hi) = lines
        .iter()
        .flatten()
        .flatten()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &(_, y)| {
            (lo.min(y), hi.max(y))
        });
    let (lo, hi) = if lo.is_finite() {
        (lo, hi)
    } else {
        (1e-3, 10.0)
    };
    let (y0, y1) = (lo.max(1e-4) / 1.5, hi.max(1e-3) * 1.5);
    let title = format!(
        "{}: restricted (solid) and excluded (dashed) loss; diamond: circuit forming, dot: onset",
        panel.title()
    );
    let mut chart = ChartBuilder::on(area)
        .caption(title, (FONT, 15))
        .margin(10)
        .x_label_area_size(36)
        .y_label_area_size(60)
        .build_cartesian_2d(0f64..panel.max_step(), (y0..y1).log_scale())?;
    chart
        .configure_mesh()
        .x_desc("step")
        .y_desc("training loss (log, nats)")
        .x_label_formatter(&|v| compact(*v))
        .x_labels(6)
        .label_style((FONT, 13))
        .axis_desc_style((FONT, 14))
        .light_line_style(RGBColor(235, 235, 235))
        .draw()?;
    for (i, (seed, [restricted, excluded])) in panel.seeds.iter().zip(&lines).enumerate() {
        let color = series_color(i);
        chart
            .draw_series(LineSeries::new(thin(restricted), color.stroke_width(2)))?
            .label(format!("seed {} ({})", seed.seed, seed.phase.label()))
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(2))
            });
        chart.draw_series(DashedLineSeries::new(
            thin(excluded),
            6,
            4,
            color.stroke_width(2),
        ))?;
        let at = |step: Option<u64>| {
            step.and_then(|s| restricted.iter().find(|p| p.0 >= s as f64).copied())
        };
        if let Some((x, y)) = at(seed.circuit_forming) {
            let d = 7;
            chart.draw_series([EmptyElement::at((x, y))
                + Polygon::new(vec![(0, -d), (d, 0), (0, d), (-d, 0)], color.filled())])?;
        }
        if let Some(p) = at(seed.onset) {
            chart.draw_series([Circle::new(p, 6, color.filled())])?;
        }
    }
    legend(&mut chart, SeriesLabelPosition::LowerLeft)
}

/// Rows × columns for `n` panels: at most 2 columns, so titles stay readable.
fn grid_shape(n: usize) -> (usize, usize) {
    let cols = n.clamp(1, 2);
    (n.div_ceil(cols), cols)
}

/// The pixel height of a figure of `rows` panel rows.
pub(super) fn height_for(rows: usize) -> u32 {
    // A lone row gets more room, so a single panel is not a thin strip.
    ((rows as u32).clamp(1, 6) * 340 + 40).max(560)
}

pub(super) fn accuracy_rows(panels: &[Panel]) -> usize {
    panels.len()
}

pub(super) fn norm_rows(panels: &[Panel]) -> usize {
    grid_shape(panels.len()).0
}

/// One chart: `value` of every seed against the step, its transitions marked.
fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panel: &Panel,
    title: &str,
    value: impl Fn(&Metrics) -> Option<f64>,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let values: Vec<f64> = panel
        .seeds
        .iter()
        .flat_map(|s| s.history.iter().filter_map(&value))
        .collect();
    let (lo, hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    // Accuracies keep the whole [0, 1] scale; norms get a padded range of their own.
    let (y0, y1) = if values.is_empty() || (hi <= 1.0 && lo >= 0.0) {
        (0.0, 1.0)
    } else {
        let pad = ((hi - lo) * 0.05).max(0.5);
        ((lo - pad).max(0.0), hi + pad)
    };
    let mut chart = ChartBuilder::on(area)
        .caption(title, (FONT, 17))
        .margin(10)
        .x_label_area_size(36)
        .y_label_area_size(52)
        .build_cartesian_2d(0f64..panel.max_step(), y0..y1)?;
    chart
        .configure_mesh()
        .x_desc("step")
        .x_label_formatter(&|v| compact(*v))
        .y_label_formatter(&|v| format!("{v:.1}"))
        .x_labels(6)
        .y_labels(6)
        .label_style((FONT, 13))
        .axis_desc_style((FONT, 14))
        .light_line_style(RGBColor(235, 235, 235))
        .draw()?;
    for (i, seed) in panel.seeds.iter().enumerate() {
        let color = series_color(i);
        let points: Vec<(f64, f64)> = seed
            .history
            .iter()
            .filter_map(|m| value(m).map(|v| (m.step as f64, v)))
            .collect();
        chart
            .draw_series(LineSeries::new(thin(&points), color.stroke_width(2)))?
            .label(format!("seed {} ({})", seed.seed, seed.phase.label()))
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(2))
            });
        let at =
            |step: Option<u64>| step.and_then(|s| points.iter().find(|p| p.0 >= s as f64).copied());
        if let Some(p) = at(seed.onset) {
            chart.draw_series([Circle::new(p, 6, color.filled())])?;
        }
        if let Some(p) = at(seed.generalized) {
            chart.draw_series([TriangleMarker::new(p, 8, color.filled())])?;
        }
    }
    legend(&mut chart, SeriesLabelPosition::LowerRight)
}

/// The seeds' legend of a panel, in a framed box at `position`.
fn legend<'a, DB: DrawingBackend + 'a, X: Ranged, Y: Ranged>(
    chart: &mut ChartContext<'a, DB, Cartesian2d<X, Y>>,
    position: SeriesLabelPosition,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    chart
        .configure_series_labels()
        .position(position)
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(160, 160, 160))
        .label_font((FONT, 13))
        .draw()?;
    Ok(())
}

/// Reads one cell's evaluations from the run directory `cell_dir`.
pub(super) fn read_history(cell_dir: &Path) -> Result<Vec<Metrics>, ReportError> {
    Ok(RunDir::open(cell_dir)?.metrics()?.rows)
}
