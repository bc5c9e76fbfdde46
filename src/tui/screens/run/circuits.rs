//! The circuits panel of the run view (key `f`): the two circuits' progress measures on the
//! same step axis as the accuracy chart above it. Takes the place of loss and norm.
//!
//! Tall:
//! ```text
//! ├ log loss ⣿ restricted • excluded ──────────────┬ sparsity ⣿ key share • Gini ──────────┤
//! │ braille chart                                    │ braille chart, 0 … 1                 │
//! │                                                  │            key freqs 3 32 48 · Gini … │
//! ```
//! Short (below 30 rows): the restricted and the excluded loss as sparklines in the accuracy
//! chart's box, on its step columns (`sparks`).

use super::words as s;
use crate::tui::state::run_state::RunState;
use crate::tui::state::series::Series;
use crate::tui::widgets::chart::{Line2, Plot, StepAxis, ValueAxis, render_plot};
use crate::tui::widgets::format::loss;
use crate::tui::widgets::spark::{Spark, Sparks};
use crate::tui::widgets::theme::{Theme, marker_glyph};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Both charts side by side, or a note when the run has no measures.
pub fn render_charts(frame: &mut Frame, area: Rect, run: &RunState, axis: &StepAxis, t: &Theme) {
    if run.circuits.is_empty() {
        frame.render_widget(Paragraph::new(Line::styled(s::NO_CIRCUITS, t.dim())), area);
        return;
    }
    let [loss, sparsity] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Fill(1)]).areas(area);
    render_losses(frame, loss, run, axis, t);
    render_sparsity(frame, sparsity, run, axis, t);
}

/// A chart title with its lines' legend, each line's sample the glyph it is drawn with.
fn legend<'a>(name: &'a str, parts: [(&'a str, ratatui::style::Style, Marker); 2]) -> Line<'a> {
    let mut spans = vec![Span::raw(format!(" {name} "))];
    for (label, style, marker) in parts {
        spans.push(Span::styled(format!(" {} ", marker_glyph(marker)), style));
        spans.push(Span::raw(format!("{label} ")));
    }
    Line::from(spans)
}

fn render_losses(frame: &mut Frame, area: Rect, run: &RunState, axis: &StepAxis, t: &Theme) {
    let title = legend(
        s::CIRCUIT_LOSS,
        [
            (s::RESTRICTED, t.rule(), Marker::Braille),
            (s::EXCLUDED, t.memorize(), t.train_marker()),
        ],
    );
    render_plot(
        frame,
        area,
        loss_plot(Block::bordered().title(title), run, axis, t),
        axis,
        t,
    );
}

/// The restricted and excluded loss of a run as a plot in `block` (also the compare view's
/// per-seed chart).
pub fn loss_plot<'a>(block: Block<'a>, run: &'a RunState, axis: &StepAxis, t: &Theme) -> Plot<'a> {
    let c = &run.circuits;
    Plot {
        block,
        lines: vec![
            Line2 {
                points: c.restricted.points(axis.log),
                style: t.rule(),
                marker: Marker::Braille,
            },
            Line2 {
                points: c.excluded.points(axis.log),
                style: t.memorize(),
                marker: t.train_marker(),
            },
        ],
        y: ValueAxis::log_decades(c.loss_range()),
        events: &run.events,
        marks: true,
        band: None,
        cursor: None,
        sparks: Vec::new(),
    }
}

fn render_sparsity(frame: &mut Frame, area: Rect, run: &RunState, axis: &StepAxis, t: &Theme) {
    let c = &run.circuits;
    let title = legend(
        s::SPARSITY,
        [
            (s::KEY_SHARE, t.rule(), Marker::Braille),
            (s::GINI, t.norm(), t.train_marker()),
        ],
    );
    let freqs =
        Line::from(format!(" {} ", s::key_freqs(&c.key_freqs, c.gini.last()))).right_aligned();
    let plot = Plot {
        block: Block::bordered().title(title).title_bottom(freqs),
        lines: vec![
            Line2 {
                points: c.key_share.points(axis.log),
                style: t.rule(),
                marker: Marker::Braille,
            },
            Line2 {
                points: c.gini.points(axis.log),
                style: t.norm(),
                marker: t.train_marker(),
            },
        ],
        y: ValueAxis::accuracy(),
        events: &run.events,
        marks: false,
        band: None,
        cursor: None,
        sparks: Vec::new(),
    };
    render_plot(frame, area, plot, axis, t);
}

/// The restricted and excluded loss (log10) as sparklines in the accuracy box, for short
/// terminals, or why a run has none.
pub fn sparks<'a>(run: &'a RunState, t: &Theme) -> Sparks<'a> {
    let c = &run.circuits;
    if c.is_empty() {
        return Sparks::Missing(s::NO_CIRCUITS_SHORT);
    }
    let now = |series: &Series| {
        series
            .last()
            .map_or_else(|| "–".to_string(), |v| loss(10f64.powf(v)))
    };
    Sparks::Rows(vec![
        Spark {
            name: s::RESTRICTED_SHORT,
            label: s::RESTRICTED_SPARK,
            now: now(&c.restricted),
            series: &c.restricted,
            style: t.rule(),
            log_scale: true,
        },
        Spark {
            name: s::EXCLUDED_SHORT,
            label: s::EXCLUDED_SPARK,
            now: now(&c.excluded),
            series: &c.excluded,
            style: t.memorize(),
            log_scale: true,
        },
    ])
}
