//! The circuits panel of the run view (key `f`): the two circuits' progress measures on the
//! same step axis as the accuracy chart above it. Takes the place of loss and norm.
//!
//! Tall:
//! ```text
//! ├ log loss ━ restricted ━ excluded ──────────────┬ sparsity ━ key share ━ Gini ──────────┤
//! │ braille chart                                    │ braille chart, 0 … 1                 │
//! │                                                  │            key freqs 3 32 48 · Gini … │
//! ```
//! Short (80×24): one sparkline row each for the restricted and the excluded loss, the key
//! frequencies and Gini in the second row's label.

use super::words as s;
use crate::tui::state::run_state::RunState;
use crate::tui::widgets::chart::{Line2, Plot, StepAxis, ValueAxis, render_plot, render_spark};
use crate::tui::widgets::format::loss;
use crate::tui::widgets::theme::Theme;
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

fn legend<'a>(name: &'a str, parts: [(&'a str, ratatui::style::Style); 2]) -> Line<'a> {
    let mut spans = vec![Span::raw(format!(" {name} "))];
    for (label, style) in parts {
        spans.push(Span::styled(" ━ ", style));
        spans.push(Span::raw(format!("{label} ")));
    }
    Line::from(spans)
}

fn render_losses(frame: &mut Frame, area: Rect, run: &RunState, axis: &StepAxis, t: &Theme) {
    let title = legend(
        s::CIRCUIT_LOSS,
        [(s::RESTRICTED, t.rule()), (s::EXCLUDED, t.memorize())],
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
    }
}

fn render_sparsity(frame: &mut Frame, area: Rect, run: &RunState, axis: &StepAxis, t: &Theme) {
    let c = &run.circuits;
    let title = legend(s::SPARSITY, [(s::KEY_SHARE, t.rule()), (s::GINI, t.norm())]);
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
    };
    render_plot(frame, area, plot, axis, t);
}

/// Two sparkline rows for short terminals: restricted and excluded loss (log10).
pub fn render_sparks(frame: &mut Frame, area: Rect, run: &RunState, axis: &StepAxis, t: &Theme) {
    let c = &run.circuits;
    if c.is_empty() {
        frame.render_widget(Paragraph::new(Line::styled(s::NO_CIRCUITS, t.dim())), area);
        return;
    }
    let [restricted, excluded] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    let now = |series: &crate::tui::state::series::Series| {
        series
            .last()
            .map_or_else(|| "–".to_string(), |v| loss(10f64.powf(v)))
    };
    render_spark(
        frame,
        restricted,
        s::RESTRICTED_SPARK,
        now(&c.restricted),
        &c.restricted,
        axis,
        t.rule(),
        t,
    );
    render_spark(
        frame,
        excluded,
        s::EXCLUDED_SPARK,
        now(&c.excluded),
        &c.excluded,
        axis,
        t.memorize(),
        t,
    );
}
