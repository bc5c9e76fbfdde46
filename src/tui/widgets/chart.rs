//! The braille line charts shared by the run and compare views: one step axis (linear or
//! log), phase events as vertical lines with a letter at the top, and sparklines under it on
//! its columns (`spark.rs`).

use crate::analysis::PhaseEvent;
pub use crate::tui::widgets::axis::StepAxis;
use crate::tui::widgets::axis::column_offset;
use crate::tui::widgets::format::decade;
use crate::tui::widgets::spark::{self, Spark};
use crate::tui::widgets::theme::{Theme, event_mark};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::Line;
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType};

/// A value axis: bounds and labels (evenly spaced between the bounds).
pub struct ValueAxis {
    pub bounds: [f64; 2],
    pub labels: Vec<String>,
}

impl ValueAxis {
    pub fn accuracy() -> Self {
        Self {
            bounds: [0.0, 1.0],
            labels: vec!["0%".into(), "50%".into(), "100%".into()],
        }
    }

    /// Accuracy from 0 to `top` (the y zoom onto small values).
    pub fn accuracy_to(top: f64) -> Self {
        let top = top.clamp(1e-3, 1.0);
        let pct = |v: f64| {
            let p = v * 100.0;
            if (p - p.round()).abs() < 1e-9 {
                format!("{p:.0}%")
            } else {
                format!("{p:.1}%")
            }
        };
        Self {
            bounds: [0.0, top],
            labels: vec!["0%".into(), pct(top / 2.0), pct(top)],
        }
    }

    /// Decades of a log10-valued series (whole decades, at most five labels).
    pub fn log_decades(range: Option<(f64, f64)>) -> Self {
        let (lo, hi) = range.unwrap_or((-1.0, 1.0));
        let (mut lo, mut hi) = (lo.floor() as i32, hi.ceil() as i32);
        if hi <= lo {
            hi = lo + 1;
        }
        let n = hi - lo;
        let labels = if n <= 4 {
            (lo..=hi).map(decade).collect()
        } else {
            if n % 2 == 1 {
                lo -= 1;
            }
            vec![decade(lo), decade((lo + hi) / 2), decade(hi)]
        };
        Self {
            bounds: [f64::from(lo), f64::from(hi)],
            labels,
        }
    }

    /// A linear range padded a little, labels at the ends and middle.
    pub fn linear(range: Option<(f64, f64)>) -> Self {
        let (lo, hi) = range.unwrap_or((0.0, 1.0));
        let pad = ((hi - lo) * 0.05).max(0.5);
        let (lo, hi) = ((lo - pad).max(0.0).floor(), (hi + pad).ceil());
        let fmt = |v: f64| format!("{v:.0}");
        Self {
            bounds: [lo, hi],
            labels: vec![fmt(lo), fmt((lo + hi) / 2.0), fmt(hi)],
        }
    }
}

/// One line of a plot.
pub struct Line2<'a> {
    pub points: &'a [(f64, f64)],
    pub style: Style,
    pub marker: Marker,
}

/// Everything one chart panel needs.
pub struct Plot<'a> {
    pub block: Block<'a>,
    pub lines: Vec<Line2<'a>>,
    pub y: ValueAxis,
    pub events: &'a [PhaseEvent],
    /// Letters at the top of each event line.
    pub marks: bool,
    /// A band drawn faintly under the lines: its lower and upper edge (axis units, sorted
    /// by x), stippled so that it reads as an area beside the lines, in colour or not.
    pub band: Option<BandEdges<'a>>,
    /// The step cursor (axis units): its column drawn reversed.
    pub cursor: Option<f64>,
    /// Sparklines in the box under the step labels, on the chart's columns (dropped when the
    /// box has no room for them and a chart).
    pub sparks: Vec<Spark<'a>>,
}

/// A band's lower and upper edge.
pub type BandEdges<'a> = (&'a [(f64, f64)], &'a [(f64, f64)]);

/// Draws a chart panel. Areas too small for axes get only the block.
pub fn render_plot(frame: &mut Frame, area: Rect, plot: Plot, x: &StepAxis, theme: &Theme) {
    let (inner, spark_rows) = split_sparks(plot.block.inner(area), plot.sparks.len());
    frame.render_widget(plot.block, area);
    if inner.width < 12 || inner.height < MIN_CHART_ROWS {
        return;
    }
    let [y0, y1] = plot.y.bounds;
    let event_lines: Vec<[(f64, f64); 2]> = plot
        .events
        .iter()
        .map(|e| [(x.x(e.step), y0), (x.x(e.step), y1)])
        .collect();
    let graph = graph_area(inner, &plot.y.labels);
    let stipple = plot
        .band
        .map(|(lo, hi)| stipple(lo, hi, graph, x.bounds, plot.y.bounds))
        .unwrap_or_default();
    let mut datasets: Vec<Dataset> = event_lines
        .iter()
        .map(|l| {
            Dataset::default()
                .data(l)
                .graph_type(GraphType::Line)
                .marker(Marker::Braille)
                .style(theme.event())
        })
        .collect();
    if !stipple.is_empty() {
        datasets.insert(
            0,
            Dataset::default()
                .data(&stipple)
                .graph_type(GraphType::Scatter)
                .marker(Marker::Braille)
                .style(theme.band()),
        );
    }
    for l in &plot.lines {
        datasets.push(
            Dataset::default()
                .data(l.points)
                .graph_type(GraphType::Line)
                .marker(l.marker)
                .style(l.style),
        );
    }
    // Blank x labels reserve the label row and the axis line; the ticks are drawn below at
    // their exact columns (ratatui spreads labels evenly, whatever their values).
    let x_labels = vec![Line::from(""), Line::from("")];
    let y_labels: Vec<Line> = plot
        .y
        .labels
        .iter()
        .map(|s| Line::from(s.as_str()))
        .collect();
    let chart = Chart::new(datasets)
        .x_axis(
            Axis::default()
                .bounds(x.bounds)
                .labels(x_labels)
                .style(theme.dim()),
        )
        .y_axis(
            Axis::default()
                .bounds(plot.y.bounds)
                .labels(y_labels)
                .style(theme.dim()),
        )
        .legend_position(None);
    frame.render_widget(chart, inner);
    render_ticks(frame, inner, graph, x, theme);
    spark::render(frame, spark_rows, graph, &plot.sparks, x, theme);
    if let Some(col) = plot.cursor.and_then(|c| column(graph, x.bounds, c)) {
        let buf = frame.buffer_mut();
        // Down through the sparklines too: they are read at the same step.
        let rows = (graph.top()..graph.bottom()).chain(spark_rows.top()..spark_rows.bottom());
        for y in rows {
            let cell = &mut buf[(col, y)];
            if cell.symbol() == " " {
                cell.set_symbol("│");
            }
            cell.set_style(theme.cursor());
        }
    }
    if plot.marks {
        let buf = frame.buffer_mut();
        for e in plot.events {
            if let Some(col) = column(graph, x.bounds, x.x(e.step)) {
                buf.set_string(col, graph.y, event_mark(e.kind), theme.event());
            }
        }
    }
}

/// Below this many rows a chart draws no axes.
const MIN_CHART_ROWS: u16 = 4;

/// A box's inside split into the chart and, under it, `sparks` rows of sparklines (none when
/// that would leave the chart too short to draw).
pub fn split_sparks(inner: Rect, sparks: usize) -> (Rect, Rect) {
    let n = u16::try_from(sparks).unwrap_or(u16::MAX);
    if inner.height < MIN_CHART_ROWS.saturating_add(n) {
        return (inner, Rect { height: 0, ..inner });
    }
    let chart = Rect {
        height: inner.height - n,
        ..inner
    };
    let rows = Rect {
        y: chart.bottom(),
        height: n,
        ..inner
    };
    (chart, rows)
}

/// A `┬` on the axis line at each tick's column and its label centred under it (kept inside
/// the chart at the edges, still covering the column).
fn render_ticks(frame: &mut Frame, chart: Rect, graph: Rect, x: &StepAxis, theme: &Theme) {
    let axis_row = graph.bottom();
    let label_row = axis_row + 1;
    if label_row >= chart.bottom() {
        return;
    }
    let buf = frame.buffer_mut();
    let mut free_from = chart.left();
    for tick in x.ticks(graph.width) {
        let Some(col) = column(graph, x.bounds, tick.x) else {
            continue;
        };
        buf.set_string(col, axis_row, "┬", theme.dim());
        let w = tick.label.chars().count() as u16;
        let start = col
            .saturating_sub(w.saturating_sub(1) / 2)
            .clamp(chart.left(), chart.right().saturating_sub(w));
        if start < free_from {
            continue;
        }
        buf.set_string(start, label_row, &tick.label, theme.dim());
        free_from = start + w + 1;
    }
}

/// The graph area inside a chart's area, as ratatui's `Chart` lays it out (y labels and axis
/// on the left; the (blank) x labels and the axis line at the bottom).
pub fn graph_area(area: Rect, y_labels: &[String]) -> Rect {
    let mut x = area.left();
    let mut y = area.bottom() - 1;
    if y > area.top() {
        y -= 1;
    }
    let widest_y = y_labels
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0) as u16;
    x += widest_y.min(area.width / 3);
    if y > area.top() {
        y -= 1;
    }
    if !y_labels.is_empty() && x + 1 < area.right() {
        x += 1;
    }
    Rect::new(
        x,
        area.top(),
        area.right().saturating_sub(x),
        y.saturating_sub(area.top()) + 1,
    )
}

/// Every other braille dot (a checkerboard) between the band's edges `lo` and `hi`, over
/// the dot grid of `graph` (two dots a column, four a row).
fn stipple(
    lo: &[(f64, f64)],
    hi: &[(f64, f64)],
    graph: Rect,
    [x0, x1]: [f64; 2],
    [y0, y1]: [f64; 2],
) -> Vec<(f64, f64)> {
    use crate::tui::state::overlay::at;
    let (cols, rows) = (usize::from(graph.width) * 2, usize::from(graph.height) * 4);
    if cols < 2 || rows < 2 || x1 <= x0 || y1 <= y0 {
        return Vec::new();
    }
    let mut points = Vec::new();
    for c in 0..cols {
        let x = x0 + (x1 - x0) * c as f64 / (cols - 1) as f64;
        let (Some(a), Some(b)) = (at(lo, x), at(hi, x)) else {
            continue;
        };
        for r in (c % 2..rows).step_by(2) {
            let y = y0 + (y1 - y0) * r as f64 / (rows - 1) as f64;
            if (a..=b).contains(&y) {
                points.push((x, y));
            }
        }
    }
    points
}

/// The terminal column of `value` on the braille grid of `graph`.
fn column(graph: Rect, [lo, hi]: [f64; 2], value: f64) -> Option<u16> {
    if graph.width == 0 || hi <= lo || value < lo || value > hi {
        return None;
    }
    Some(graph.x + column_offset(graph.width, [lo, hi], value) as u16)
}

/// The axis value drawn at terminal column `col` of `graph` (the inverse of [`column`]:
/// the middle of the column's two braille dots).
fn value_at(graph: Rect, [lo, hi]: [f64; 2], col: u16) -> f64 {
    let dots = f64::from(graph.width) * 2.0 - 1.0;
    let dot = (f64::from(col.saturating_sub(graph.x)) * 2.0 + 0.5).min(dots);
    lo + dot * (hi - lo) / dots.max(1.0)
}

/// The step drawn at terminal column `col` of `graph` on `axis` (a click's step): the
/// inverse of the axis's [`StepAxis::x`] at [`value_at`].
pub fn step_at_column(graph: Rect, axis: &StepAxis, col: u16) -> u64 {
    let x = value_at(graph, axis.bounds, col);
    if axis.log { 10f64.powf(x) } else { x }.round().max(0.0) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loss_decades() {
        let v = ValueAxis::log_decades(Some((-2.3, 0.7)));
        assert_eq!(v.bounds, [-3.0, 1.0]);
        assert_eq!(v.labels, ["1e-3", "1e-2", "0.1", "1", "10"]);
    }

    /// Every tick's `┬` and label sit at the column where a phase marker at the tick's
    /// step is drawn, at every size, on linear and log axes.
    #[test]
    fn ticks_sit_exactly_at_their_steps() {
        use crate::analysis::{EventKind, PhaseEvent};
        use ratatui::{Terminal, backend::TestBackend};
        let theme = Theme { color: false };
        for log in [false, true] {
            for (w, h) in [(30, 8), (60, 12), (80, 24), (97, 20), (120, 40), (200, 50)] {
                let axis = StepAxis::new(10_000, log);
                let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
                let area = Rect::new(0, 0, w, h);
                let graph = graph_area(area, &ValueAxis::accuracy().labels);
                let ticks = axis.ticks(graph.width);
                assert!(ticks.len() >= 2, "{w}x{h} log {log}: {ticks:?}");
                let steps: Vec<u64> = ticks
                    .iter()
                    .map(|t| if log { 10f64.powf(t.x) } else { t.x }.round() as u64)
                    .collect();
                let events: Vec<PhaseEvent> = steps
                    .iter()
                    .map(|&step| PhaseEvent {
                        step,
                        kind: EventKind::Generalized,
                        message: String::new(),
                    })
                    .collect();
                term.draw(|f| {
                    let plot = Plot {
                        block: Block::default(),
                        lines: Vec::new(),
                        y: ValueAxis::accuracy(),
                        events: &events,
                        marks: true,
                        band: None,
                        cursor: None,
                        sparks: Vec::new(),
                    };
                    render_plot(f, area, plot, &axis, &theme);
                })
                .unwrap();
                let buf = term.backend().buffer();
                let row = |y: u16| -> Vec<String> {
                    (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect()
                };
                let marks = row(graph.y);
                let axis_row = row(graph.bottom());
                // The label row as (first column, text) words.
                let mut words: Vec<(usize, String)> = Vec::new();
                for (x, s) in row(graph.bottom() + 1).into_iter().enumerate() {
                    match (s.as_str(), words.last_mut()) {
                        (" ", _) => {}
                        (_, Some((at, word))) if *at + word.chars().count() == x => {
                            word.push_str(&s)
                        }
                        _ => words.push((x, s)),
                    }
                }
                assert!(!words.is_empty(), "{w}x{h} log {log}: no labels");
                for (tick, step) in ticks.iter().zip(&steps) {
                    let c = column(graph, axis.bounds, axis.x(*step)).unwrap() as usize;
                    assert_eq!(marks[c], "G", "{w}x{h} log {log}: marker of {step}");
                    assert_eq!(axis_row[c], "┬", "{w}x{h} log {log}: tick {}", tick.label);
                    if let Some((at, word)) = words.iter().find(|(_, word)| *word == tick.label) {
                        let len = word.chars().count();
                        assert!(
                            (*at..at + len).contains(&c),
                            "{w}x{h} log {log}: label {word} at {at}..{} not over column {c}",
                            at + len
                        );
                    }
                }
                for (_, word) in &words {
                    assert!(ticks.iter().any(|t| &t.label == word), "stray label {word}");
                }
            }
        }
    }

    #[test]
    fn value_at_inverts_column() {
        let g = Rect::new(10, 0, 50, 10);
        for col in 10..60 {
            let v = value_at(g, [0.0, 10_000.0], col);
            assert_eq!(column(g, [0.0, 10_000.0], v), Some(col), "col {col} → {v}");
        }
    }

    #[test]
    fn columns_span_the_graph() {
        let g = Rect::new(10, 0, 50, 10);
        assert_eq!(column(g, [0.0, 1.0], 0.0), Some(10));
        assert_eq!(column(g, [0.0, 1.0], 1.0), Some(59));
        assert_eq!(column(g, [0.0, 1.0], 1.5), None);
    }
}
