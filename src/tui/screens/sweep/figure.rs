//! One of the paper's line figures in the sweep screen's right panel (`g`): the same data the
//! report draws as SVG/PNG ([`crate::report::line_charts`]), as a braille chart on the same
//! exact-tick axis as every other chart, with the report's colours.
//!
//! ```text
//! Double descent in model size, (a+b) mod P, 1 layer, 8 000           figure 2/3 · g next
//! steps
//! ┌ final validation accuracy (mean; bars: 95% CI, or both seeds if 2) ──────────────┐
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
use crate::tui::widgets::format::wrap_words;
use crate::tui::widgets::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Draws figure `index` of `count` into `area`. Every text is whole: the title wraps by
/// words above the box, with the figure's position at its end; the y title's parts (the
/// axis, its note, the secondary axis) go on the box's top edge as far as they fit, the rest
/// under the legend; the x axis's name goes on the bottom edge (or under the legend).
pub fn render_figure(
    frame: &mut Frame,
    area: Rect,
    (index, count): (usize, usize),
    chart: &LineChart,
    t: &Theme,
) {
    let width = usize::from(area.width);
    let edge = width.saturating_sub(4);
    let header = title_lines(chart, &s::figure_position(index + 1, count), width, t);
    let mut footer = legend(chart, t, area.width);
    let (y_head, y_note) = split_note(&chart.y_desc);
    let mut y_parts = vec![(y_head.to_string(), y_head.to_string())];
    if let Some(note) = y_note {
        y_parts.push((format!("({note})"), note.to_string()));
    }
    if let Some((at_one, what)) = &chart.secondary {
        let secondary = s::figure_secondary(*at_one, what);
        y_parts.push((format!("· {secondary}"), secondary));
    }
    let mut used = 0;
    let on_edge = y_parts
        .iter()
        .take_while(|(part, _)| {
            used += part.chars().count() + usize::from(used > 0);
            used <= edge
        })
        .count();
    let y_edge = (on_edge > 0).then(|| {
        let parts: Vec<&str> = y_parts[..on_edge].iter().map(|(p, _)| p.as_str()).collect();
        parts.join(" ")
    });
    if on_edge == 0 {
        footer.extend(dim_lines(&s::figure_y_axis(y_head), width, t));
    }
    for (_, text) in y_parts.iter().skip(on_edge.max(1)) {
        footer.extend(dim_lines(text, width, t));
    }
    // The x title's notes describe the report's drawing (its dashed markers, the paper's
    // val drawn pale); this chart draws neither, and its legend names its own markers.
    let (x_head, _) = split_note(&chart.x_desc);
    let x_on_edge = x_head.chars().count() <= edge;
    if !x_on_edge {
        footer.extend(dim_lines(&s::figure_x_axis(x_head), width, t));
    }
    let [top, body, bottom] = Layout::vertical([
        Constraint::Length(header.len() as u16),
        Constraint::Fill(1),
        Constraint::Length(footer.len() as u16),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(header), top);
    frame.render_widget(Paragraph::new(footer), bottom);

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
    let mut block = Block::bordered().border_style(t.dim());
    if let Some(y) = y_edge {
        block = block.title(format!(" {y} "));
    }
    if x_on_edge {
        block = block.title_bottom(Line::from(format!(" {x_head} ")).right_aligned());
    }
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
}

/// The title wrapped by words to `width`, bold, and the figure's position (with the key to
/// the next) right-aligned at the end of its last row, or on a row of its own.
fn title_lines<'a>(chart: &LineChart, position: &str, width: usize, t: &Theme) -> Vec<Line<'a>> {
    let mut rows: Vec<Line> = wrap_words(&chart.title, width)
        .into_iter()
        .map(|row| Line::from(Span::styled(row, t.title())))
        .collect();
    let pos_w = position.chars().count();
    let last_w = rows.last().map_or(0, Line::width);
    let position = Span::styled(position.to_string(), t.key());
    match rows.last_mut() {
        Some(row) if last_w + 2 + pos_w <= width => {
            row.spans
                .push(Span::raw(" ".repeat(width - last_w - pos_w)));
            row.spans.push(position);
        }
        _ => rows.push(Line::from(position).right_aligned()),
    }
    rows
}

/// An axis description split into its name and its note: "final validation accuracy (mean;
/// bars: …)" → ("final validation accuracy", "mean; bars: …"); "model size d_model; pale: …"
/// → ("model size d_model", "pale: …").
fn split_note(desc: &str) -> (&str, Option<&str>) {
    let paren = desc.find(" (").map(|i| (i, 2));
    let semi = desc.find("; ").map(|i| (i, 2));
    match [paren, semi].into_iter().flatten().min() {
        Some((i, skip)) => {
            let note = desc[i + skip..].trim_end_matches(')');
            (&desc[..i], Some(note))
        }
        None => (desc, None),
    }
}

/// `text` wrapped by words to `width`, dim.
fn dim_lines<'a>(text: &str, width: usize, t: &Theme) -> Vec<Line<'a>> {
    wrap_words(text, width)
        .into_iter()
        .map(|row| Line::styled(row, t.dim()))
        .collect()
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
