//! The braille line charts shared by the run and compare views: one step axis (linear or
//! log), phase events as vertical lines with a letter at the top, and compact sparklines.

use super::super::format::{decade, short_steps};
use super::super::series::{Series, log_step};
use super::super::theme::{Theme, event_mark};
use crate::analysis::PhaseEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Sparkline};

/// The shared step axis: bounds and evenly spaced labels.
pub struct StepAxis {
    pub log: bool,
    pub bounds: [f64; 2],
    pub labels: Vec<String>,
}

impl StepAxis {
    /// Linear: 0 … total in quarters (halves when narrow). Log: one label per decade.
    pub fn new(total: u64, log: bool, narrow: bool) -> Self {
        let total = total.max(1) as f64;
        if log {
            let top = total.log10().ceil().max(1.0);
            let labels = (0..=top as i32)
                .map(|e| short_steps(10f64.powi(e)))
                .collect();
            Self {
                log,
                bounds: [0.0, top],
                labels,
            }
        } else {
            let parts = if narrow { 2 } else { 4 };
            let labels = (0..=parts)
                .map(|i| short_steps(total * f64::from(i) / f64::from(parts)))
                .collect();
            Self {
                log,
                bounds: [0.0, total],
                labels,
            }
        }
    }

    pub fn x(&self, step: u64) -> f64 {
        if self.log {
            log_step(step as f64)
        } else {
            step as f64
        }
    }
}

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

/// The train and val accuracy lines of a run: train dotted (• without colour), val braille.
pub fn accuracy_lines<'a>(
    train: &'a Series,
    val: &'a Series,
    axis: &StepAxis,
    t: &Theme,
) -> Vec<Line2<'a>> {
    vec![
        Line2 {
            points: train.points(axis.log),
            style: t.train(),
            marker: t.train_marker(),
        },
        Line2 {
            points: val.points(axis.log),
            style: t.val(),
            marker: Marker::Braille,
        },
    ]
}

/// Everything one chart panel needs.
pub struct Plot<'a> {
    pub block: Block<'a>,
    pub lines: Vec<Line2<'a>>,
    pub y: ValueAxis,
    pub events: &'a [PhaseEvent],
    /// Letters at the top of each event line.
    pub marks: bool,
}

/// Draws a chart panel. Areas too small for axes get only the block.
pub fn render_plot(frame: &mut Frame, area: Rect, plot: Plot, x: &StepAxis, theme: &Theme) {
    let inner = plot.block.inner(area);
    frame.render_widget(plot.block, area);
    if inner.width < 12 || inner.height < 4 {
        return;
    }
    let [y0, y1] = plot.y.bounds;
    let event_lines: Vec<[(f64, f64); 2]> = plot
        .events
        .iter()
        .map(|e| [(x.x(e.step), y0), (x.x(e.step), y1)])
        .collect();
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
    for l in &plot.lines {
        datasets.push(
            Dataset::default()
                .data(l.points)
                .graph_type(GraphType::Line)
                .marker(l.marker)
                .style(l.style),
        );
    }
    let x_labels: Vec<Line> = x.labels.iter().map(|s| Line::from(s.as_str())).collect();
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
    if plot.marks {
        let graph = graph_area(inner, &plot.y.labels, &x.labels);
        let buf = frame.buffer_mut();
        for e in plot.events {
            if let Some(col) = column(graph, x.bounds, x.x(e.step)) {
                buf.set_string(col, graph.y, event_mark(e.kind), theme.event());
            }
        }
    }
}

/// The graph area inside a chart's area, as ratatui's `Chart` lays it out (y labels and axis
/// on the left, x labels and axis at the bottom; x labels left-aligned).
fn graph_area(area: Rect, y_labels: &[String], x_labels: &[String]) -> Rect {
    let mut x = area.left();
    let mut y = area.bottom() - 1;
    if !x_labels.is_empty() && y > area.top() {
        y -= 1;
    }
    let widest_y = y_labels
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0) as u16;
    let first_x = x_labels
        .first()
        .map_or(0, |l| (l.chars().count() as u16).saturating_sub(1));
    x += widest_y.max(first_x).min(area.width / 3);
    if !x_labels.is_empty() && y > area.top() {
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

/// The terminal column of `value` on the braille grid of `graph`.
fn column(graph: Rect, [lo, hi]: [f64; 2], value: f64) -> Option<u16> {
    if graph.width == 0 || hi <= lo || value < lo || value > hi {
        return None;
    }
    let dots = f64::from(graph.width) * 2.0 - 1.0;
    let dot = ((value - lo) * dots / (hi - lo)).round() as u16;
    Some(graph.x + dot / 2)
}

/// A one-row sparkline of a whole series with its label and current value on the left.
pub fn render_spark(
    frame: &mut Frame,
    area: Rect,
    label: &str,
    value: String,
    series: &Series,
    style: Style,
    theme: &Theme,
) {
    const LABEL: u16 = 24;
    let head = Line::from(vec![
        Span::styled(format!("{label:<15}"), theme.dim()),
        Span::raw(format!("{value:>8} ")),
    ]);
    let text = Rect {
        width: LABEL.min(area.width),
        ..area
    };
    frame.render_widget(head, text);
    if area.width <= LABEL + 4 {
        return;
    }
    let spark = Rect {
        x: area.x + LABEL,
        width: area.width - LABEL,
        ..area
    };
    let data = resample(series, spark.width as usize);
    frame.render_widget(
        Sparkline::default().data(&data).max(100).style(style),
        spark,
    );
}

/// `width` values of a series scaled to 0..=100 between its min and max (for sparklines).
fn resample(series: &Series, width: usize) -> Vec<u64> {
    let pts = series.points(false);
    let Some((lo, hi)) = series.range() else {
        return Vec::new();
    };
    let n = pts.len().min(width);
    let span = (hi - lo).max(1e-12);
    (0..n)
        .map(|i| {
            let j = if n <= 1 {
                0
            } else {
                i * (pts.len() - 1) / (n - 1)
            };
            (((pts[j].1 - lo) / span) * 100.0).round().clamp(1.0, 100.0) as u64
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_axis_has_one_label_per_decade() {
        let a = StepAxis::new(25_000, true, false);
        assert_eq!(a.labels, ["1", "10", "100", "1k", "10k", "100k"]);
        assert_eq!(a.bounds, [0.0, 5.0]);
        let l = StepAxis::new(25_000, false, false);
        assert_eq!(l.labels, ["0", "6.2k", "12.5k", "18.8k", "25k"]);
    }

    #[test]
    fn loss_decades() {
        let v = ValueAxis::log_decades(Some((-2.3, 0.7)));
        assert_eq!(v.bounds, [-3.0, 1.0]);
        assert_eq!(v.labels, ["1e-3", "1e-2", "0.1", "1", "10"]);
    }

    #[test]
    fn columns_span_the_graph() {
        let g = Rect::new(10, 0, 50, 10);
        assert_eq!(column(g, [0.0, 1.0], 0.0), Some(10));
        assert_eq!(column(g, [0.0, 1.0], 1.0), Some(59));
        assert_eq!(column(g, [0.0, 1.0], 1.5), None);
    }
}
