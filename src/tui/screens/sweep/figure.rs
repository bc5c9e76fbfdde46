//! One of the paper's line figures in the sweep screen's right panel (`g`): the same data the
//! report draws as SVG/PNG ([`crate::report::line_charts`]), as a braille chart on the same
//! exact-tick axis as every other chart, with the report's colours.
//!
//! ```text
//! Double descent in model size, (a+b) mod P, 1 layer
//! ┌ final validation accuracy (mean; bars: 95% CI, or both seeds if 2) ─ figure 2/3 ┐
//! │100%┤        ⣀⠤⠒⠉⠉⠉⠉⠑⠒⠤⣀            ⢀⣀⠤⠤⠒⠒⠉⠉                          │
//! │    │  ⣀⠤⠒⠉              ⠉⠑⠒⠒⠤⠤⠤⠒⠊⠉                                  │
//! │  0%┼──┬──────────┬──────────┬──────────┬──────────┬───               │
//! │       8         16         32         48         64   model size d_model │
//! └──────────────────────────────────────────────────────────────────────────┘
//! ⣿ 2600 training pairs   • 4000 training pairs   • up and down: D_crit   • across: 90%
//! ```
//! Each line is a series' means; a faint vertical bar in the line's colour is the 95 %
//! interval over seeds where a point has at least three, both seeds' values where it has two
//! ([`crate::report::MeanCi::bar01`], as in the report's figures).

use super::words as s;
use crate::report::LineChart;
use crate::tui::widgets::chart::{Line2, Plot, StepAxis, ValueAxis, render_plot};
use crate::tui::widgets::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// Draws figure `index` of `count` (its report name `name`) into `area`.
pub fn render_figure(
    frame: &mut Frame,
    area: Rect,
    (index, count): (usize, usize),
    chart: &LineChart,
    t: &Theme,
) {
    let legend = legend(chart, t, area.width);
    let title_rows = if chart.title.chars().count() > usize::from(area.width) {
        2
    } else {
        1
    };
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(title_rows),
        Constraint::Fill(1),
        Constraint::Length(legend.len() as u16),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Span::styled(chart.title.as_str(), t.title())).wrap(Wrap { trim: true }),
        header,
    );

    let axis = x_axis(chart);
    let data = Data::of(chart, &axis);
    let mut lines = Vec::new();
    for (i, bars) in data.bars.iter().enumerate() {
        for bar in bars {
            lines.push(Line2 {
                points: bar,
                style: t.series(i).add_modifier(Modifier::DIM),
                marker: Marker::Braille,
            });
        }
    }
    for (i, marker) in chart.markers.iter().enumerate() {
        lines.push(Line2 {
            points: &data.markers[i],
            style: t.series(marker.series),
            marker: Marker::Dot,
        });
    }
    if chart.threshold.is_some() {
        lines.push(Line2 {
            points: &data.threshold,
            style: t.dim(),
            marker: Marker::Dot,
        });
    }
    for (i, means) in data.means.iter().enumerate() {
        lines.push(Line2 {
            points: means,
            style: t.series(i),
            marker: t.series_marker(i),
        });
    }
    let y_title = match &chart.secondary {
        Some((at_one, what)) => format!(" {} · 100% = {at_one:.0} {what} ", chart.y_desc),
        None => format!(" {} ", chart.y_desc),
    };
    let block = Block::bordered()
        .title(y_title)
        .title_top(Line::styled(s::figure_position(index + 1, count), t.key()).right_aligned())
        .title_bottom(Line::from(format!(" {} ", chart.x_desc)).right_aligned())
        .border_style(t.dim());
    render_plot(
        frame,
        body,
        Plot {
            block,
            lines,
            y: ValueAxis::accuracy(),
            events: &[],
            marks: false,
            band: None,
            cursor: None,
            sparks: Vec::new(),
        },
        &axis,
        t,
    );
    frame.render_widget(Paragraph::new(legend), footer);
}

/// The x axis over the figure's points: linear, or log10 for parameter counts.
fn x_axis(chart: &LineChart) -> StepAxis {
    let xs = chart
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0));
    let (lo, hi) = xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
        (lo.min(x), hi.max(x))
    });
    let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) };
    StepAxis::span(lo.floor() as u64, hi.ceil() as u64, chart.log_x)
}

/// The figure's points in axis units.
struct Data {
    /// Per series: (x, mean).
    means: Vec<Vec<(f64, f64)>>,
    /// Per series: one vertical bar per point with more than one seed.
    bars: Vec<Vec<[(f64, f64); 2]>>,
    markers: Vec<[(f64, f64); 2]>,
    threshold: [(f64, f64); 2],
}

impl Data {
    fn of(chart: &LineChart, axis: &StepAxis) -> Self {
        let x = |v: f64| axis.x(v.round() as u64);
        let means = chart
            .series
            .iter()
            .map(|s| s.points.iter().map(|(v, m)| (x(*v), m.mean)).collect())
            .collect();
        let bars = chart
            .series
            .iter()
            .map(|s| {
                s.points
                    .iter()
                    .filter_map(|(v, m)| {
                        let (lo, hi) = m.bar01()?;
                        Some([(x(*v), lo), (x(*v), hi)])
                    })
                    .collect()
            })
            .collect();
        let markers = chart
            .markers
            .iter()
            .map(|m| [(x(m.x), 0.0), (x(m.x), 1.0)])
            .collect();
        let y = chart.threshold.unwrap_or(0.0);
        Self {
            means,
            bars,
            markers,
            threshold: [(axis.bounds[0], y), (axis.bounds[1], y)],
        }
    }
}

/// The legend's entries (`⣿ label` per series in its colour, then what the dotted lines
/// mean), packed whole into as few rows of `width` as they fit.
fn legend<'a>(chart: &'a LineChart, t: &Theme, width: u16) -> Vec<Line<'a>> {
    let mut entries: Vec<Vec<Span>> = chart
        .series
        .iter()
        .enumerate()
        .map(|(i, series)| {
            vec![
                Span::styled(format!("{} ", t.series_glyph(i)), t.series(i)),
                Span::raw(series.label.as_str()),
            ]
        })
        .collect();
    if !chart.markers.is_empty() {
        entries.push(vec![Span::styled(s::FIGURE_MARKERS, t.dim())]);
    }
    if let Some(y) = chart.threshold {
        entries.push(vec![Span::styled(s::figure_threshold(y), t.dim())]);
    }
    const GAP: &str = "   ";
    let mut rows: Vec<Line> = Vec::new();
    let mut used = 0;
    for entry in entries {
        let w: usize = entry.iter().map(Span::width).sum();
        match rows.last_mut() {
            Some(row) if used + GAP.len() + w <= usize::from(width) => {
                row.spans.push(Span::raw(GAP));
                row.spans.extend(entry);
                used += GAP.len() + w;
            }
            _ => {
                rows.push(Line::from(entry));
                used = w;
            }
        }
    }
    rows
}
