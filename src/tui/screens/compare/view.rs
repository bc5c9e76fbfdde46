//! The compare view: several runs (the seeds of one start, or runs marked in the Runs tab)
//! overlaid on one chart per metric, with their mean and min–max band; ←/→ highlight one
//! run, the others dim.
//!
//! ```text
//! │ 2/3 grokked, at 6 300 and 7 950 · seed 1 provisional at 9 000 · val 99% / 6% / 98%│ outcomes
//! │ ▶ seed 0 GROKKING 99.0% · seed 1 provisional 6.0% · seed 2 …  • mean  ⢕ min–max   │ seeds
//! │ seed 0: mem 1 200 · gen 6 300 · val 99.0% · step 10 000                          │ selected
//! ├ val accuracy ───────────────────────┬ train accuracy ──────────────────────────────┤
//! │ every seed, the selected one bright  │                                            │
//! ├ val loss (log10) ───────────────────┼ parameter norm ──────────────────────────────┤
//! │                                      │                                            │
//! ├────────────────────────────────────┴────────────────────────────────────────────┤
//! │ status of all runs                                                                │
//! ```
//! Key `f` puts the circuits' restricted and excluded loss in place of loss and norm. The
//! mean and band come from the app, computed as the runs report (`state/overlay.rs`).

use super::words as s;
use crate::analysis::Phase;
use crate::human;
use crate::tui::state::chart_view::{ChartView, total_of};
use crate::tui::state::labels::unique_labels;
use crate::tui::state::overlay::{Metric, Overlay};
use crate::tui::state::run_state::RunState;
use crate::tui::widgets::chart::{
    Line2, Plot, StepAxis, ValueAxis, graph_area, render_plot, step_at_column,
};
use crate::tui::widgets::format::{loss, opt_steps, wrap_words};
use crate::tui::widgets::look::Look;
use crate::tui::widgets::run_charts::{accuracy_axis, modes_text};
use crate::tui::widgets::status;
use crate::tui::widgets::theme::Theme;
use crate::tui::widgets::words as w;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// What the compare view shows: the runs, the highlighted one, their mean and band per metric
/// and their outcomes in words, and how the charts are looked at (cursor, zoom, smoothing).
pub struct Group<'a> {
    pub runs: Vec<&'a RunState>,
    pub selected: usize,
    pub overlay: &'a Overlay,
    pub outcomes: &'a str,
    pub chart: &'a ChartView,
}

/// Where the compare view's parts go: the outcomes, the seeds' legend, the selected run's
/// details, the four charts and the status row.
struct Areas {
    summary: Rect,
    seeds: Rect,
    detail: Rect,
    charts: [Rect; 4],
    status: Rect,
}

/// The outcome lines (at most two) and the seeds' legend of `group` at `width`.
fn headers<'a>(group: &Group, labels: &[String], width: usize, t: &Theme) -> [Vec<Line<'a>>; 2] {
    let outcomes: Vec<Line> = wrap_words(group.outcomes, width)
        .into_iter()
        .take(2)
        .map(Line::from)
        .collect();
    [outcomes, seed_legend(group, labels, width, t)]
}

/// The compare view's layout in `area`, with `outcomes` and `legend` rows above the charts.
fn layout(area: Rect, outcomes: usize, legend: usize) -> Areas {
    let [summary, seeds, detail, charts, status] = Layout::vertical([
        Constraint::Length(outcomes as u16),
        Constraint::Length(legend as u16),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let [top, bottom] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Fill(1)]).areas(charts);
    let halves = |r: Rect| -> [Rect; 2] {
        Layout::horizontal([Constraint::Percentage(50), Constraint::Fill(1)]).areas(r)
    };
    let [a, b] = halves(top);
    let [c, d] = halves(bottom);
    Areas {
        summary,
        seeds,
        detail,
        charts: [a, b, c, d],
        status,
    }
}

/// The step axis every chart shares: the zoomed steps, else the longest run's.
fn step_axis(group: &Group, look: Look) -> StepAxis {
    match group.chart.zoom {
        Some((lo, hi)) => StepAxis::span(lo, hi, look.log_x),
        None => StepAxis::new(total_of(&group.runs).max(1), look.log_x),
    }
}

/// The compare view of `group` in `area`.
pub fn render(frame: &mut Frame, area: Rect, look: Look, group: &Group) {
    let t = look.theme;
    let runs = &group.runs;
    let labels = unique_labels(runs);
    let [outcomes, legend] = headers(group, &labels, area.width as usize, t);
    let a = layout(area, outcomes.len(), legend.len());
    frame.render_widget(Paragraph::new(outcomes), a.summary);
    frame.render_widget(Paragraph::new(legend), a.seeds);
    status::render(frame, a.status, runs, t);
    let Some(sel) = runs.get(group.selected) else {
        return;
    };
    let mut detail_text = details(sel, &labels[group.selected]);
    detail_text.push_str(&modes_text(group.chart));
    frame.render_widget(Line::styled(detail_text, t.dim()), a.detail);
    let axis = step_axis(group, look);
    let twin_free = runs.iter().any(|r| r.records_twin_free());
    for (metric, area) in (Metric::shown(look.circuits, twin_free).into_iter()).zip(a.charts) {
        render_overlay(frame, area, t, group, &labels, metric, &axis);
    }
}

/// The step under a click at (`col`, `row`) on the graph of any of the compare view's charts
/// drawn in `area` (they share the step axis), as the run view's `step_at`.
pub fn step_at(area: Rect, look: Look, group: &Group, col: u16, row: u16) -> Option<u64> {
    let labels = unique_labels(&group.runs);
    let [outcomes, legend] = headers(group, &labels, area.width as usize, look.theme);
    let a = layout(area, outcomes.len(), legend.len());
    let sel = group.runs.get(group.selected)?;
    let at = ratatui::layout::Position::new(col, row);
    let twin_free = group.runs.iter().any(|r| r.records_twin_free());
    let graph = (Metric::shown(look.circuits, twin_free)
        .into_iter()
        .zip(a.charts))
    .map(|(metric, chart)| {
        graph_area(
            Block::bordered().inner(chart),
            &y_axis(group, sel, metric).labels,
        )
    })
    .find(|g| g.contains(at))?;
    Some(step_at_column(graph, &step_axis(group, look), col))
}

/// The value axis of `metric`'s chart: accuracy as the chart view says, else the band's
/// range (or the selected run's), on log decades for the losses.
fn y_axis(group: &Group, sel: &RunState, metric: Metric) -> ValueAxis {
    let band = group
        .overlay
        .band(metric)
        .filter(|_| !group.overlay.members.is_empty());
    let range = band.and_then(|b| b.range).or(metric.series(sel).range());
    if metric.is_accuracy() {
        accuracy_axis(group.chart)
    } else if metric.is_log() {
        ValueAxis::log_decades(range)
    } else {
        ValueAxis::linear(range)
    }
}

/// One metric: the band, the other runs dim, the mean, and the selected run bright on top
/// (each run smoothed as the chart view says); under it, every run's value at the cursor.
fn render_overlay(
    frame: &mut Frame,
    area: Rect,
    t: &Theme,
    group: &Group,
    labels: &[String],
    metric: Metric,
    axis: &StepAxis,
) {
    let runs = &group.runs;
    let sel = runs[group.selected];
    let band = group
        .overlay
        .band(metric)
        .filter(|_| !group.overlay.members.is_empty());
    let now = metric
        .series(sel)
        .last()
        .map_or_else(String::new, |v| format!(" {} ", value_text(metric, v)));
    let mut block = Block::bordered()
        .title(format!(" {} ", metric_name(metric)))
        .title(Line::from(now).right_aligned());
    if let Some(step) = group.chart.cursor {
        let mut text = cursor_values(group.chart, labels, metric, step);
        if text.chars().count() + 2 > usize::from(area.width) {
            // Narrow: "s1" for "seed 1"; the step stays first, what does not fit is cut.
            let short: Vec<String> = labels.iter().map(|l| l.replace("seed ", "s")).collect();
            text = cursor_values(group.chart, &short, metric, step);
        }
        block = block.title_bottom(Line::styled(text, t.cursor()));
    }
    let bright = metric_style(metric, t).add_modifier(Modifier::BOLD);
    let level = group.chart.smoothing;
    let mut lines: Vec<Line2> = runs
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != group.selected)
        .map(|(_, r)| Line2 {
            points: metric.smoothed(r, level).points(axis.log),
            style: t.band(),
            marker: Marker::Braille,
        })
        .collect();
    if let Some(b) = band {
        lines.push(Line2 {
            points: b.mean.points(axis.log),
            style: t.mean(),
            marker: Marker::Dot,
        });
    }
    lines.push(Line2 {
        points: metric.smoothed(sel, level).points(axis.log),
        style: bright,
        marker: Marker::Braille,
    });
    let plot = Plot {
        block,
        lines,
        y: y_axis(group, sel, metric),
        events: &sel.events,
        marks: metric == Metric::ValAcc,
        band: band
            .filter(|b| !b.lo.is_empty())
            .map(|b| (b.lo.points(axis.log), b.hi.points(axis.log))),
        cursor: group.chart.cursor.map(|c| axis.x(c)),
        sparks: Vec::new(),
    };
    render_plot(frame, area, plot, axis, t);
}

/// Every run's value of `metric` at the cursor's `step`: " step 6 300: seed 0 98.0% · seed 1 –".
fn cursor_values(chart: &ChartView, labels: &[String], metric: Metric, step: u64) -> String {
    let values: Vec<String> = (chart.readouts.iter().zip(labels))
        .map(|(r, label)| {
            let v = match metric {
                Metric::ValAcc => r.val_acc,
                Metric::TwinFreeAcc => r.twin_free_val_acc,
                Metric::TrainAcc => r.train_acc,
                Metric::ValLoss => r.val_loss.map(f64::log10),
                Metric::Norm => r.norm,
                Metric::Restricted | Metric::Excluded => None,
            };
            let text = v.map_or_else(|| "–".to_string(), |v| value_text(metric, v));
            format!("{label} {text}")
        })
        .collect();
    format!(
        " {} {}: {} ",
        w::STEP,
        human::steps(step),
        values.join(" · ")
    )
}

/// Each run's label, verdict and val accuracy, the selected one marked; then what the mean
/// and the band look like and which runs they are over. At most two rows.
fn seed_legend<'a>(group: &Group, labels: &[String], width: usize, t: &Theme) -> Vec<Line<'a>> {
    let (runs, selected) = (&group.runs, group.selected);
    let mut pieces: Vec<Span> = Vec::new();
    for (i, r) in runs.iter().enumerate() {
        let word = if r.phase == Phase::Undecided {
            r.verdict_word().to_string()
        } else {
            r.phase.label().to_uppercase()
        };
        let text = format!(
            "{} {word} {}",
            labels[i],
            human::opt_pct(r.judged_val_acc())
        );
        pieces.push(if i == selected {
            Span::styled(format!("▶ {text}"), t.border_focus())
        } else {
            Span::styled(text, t.dim())
        });
    }
    let members = group.overlay.members.len();
    pieces.push(Span::styled(
        s::mean_band_legend(members, runs.len()),
        t.dim(),
    ));
    // Fill rows of `width`, " · " between pieces; a third row is dropped (the Runs tab and
    // each run's view have the rest).
    let mut rows: Vec<Vec<Span>> = vec![Vec::new()];
    let mut used = 0;
    for p in pieces {
        let w = p.width() + 3;
        if used > 0 && used + w > width {
            rows.push(Vec::new());
            used = 0;
        }
        let row = rows.last_mut().expect("a row");
        if used > 0 {
            row.push(Span::raw(" · "));
        }
        used += w;
        row.push(p);
    }
    rows.into_iter().take(2).map(Line::from).collect()
}

/// The selected run's milestones in one row.
fn details(r: &RunState, tag: &str) -> String {
    format!(
        "{tag}: {} {} · {} {} · {}",
        w::MEMORIZED,
        opt_steps(r.memorized_step),
        w::GENERALIZED,
        opt_steps(r.generalized_step),
        s::panel_numbers(
            &human::opt_pct(r.judged_val_acc()),
            r.records_twin_free(),
            &human::steps(r.step)
        )
    )
}

fn metric_name(m: Metric) -> &'static str {
    match m {
        Metric::ValAcc => w::VAL_ACCURACY,
        Metric::TwinFreeAcc => w::TWIN_FREE_ACCURACY,
        Metric::TrainAcc => w::TRAIN_ACCURACY,
        Metric::ValLoss => s::VAL_LOSS,
        Metric::Norm => w::NORM,
        Metric::Restricted => s::RESTRICTED_LOSS,
        Metric::Excluded => s::EXCLUDED_LOSS,
    }
}

fn metric_style(m: Metric, t: &Theme) -> Style {
    match m {
        Metric::ValAcc | Metric::ValLoss => t.val(),
        Metric::TwinFreeAcc => t.twin_free(),
        Metric::TrainAcc => t.train(),
        Metric::Norm => t.norm(),
        Metric::Restricted => t.rule(),
        Metric::Excluded => t.memorize(),
    }
}

/// A value as the chart's title shows it (logs back to losses).
fn value_text(m: Metric, v: f64) -> String {
    if m.is_accuracy() {
        human::pct(v as f32)
    } else if m.is_log() {
        loss(10f64.powf(v))
    } else {
        format!("{v:.1}")
    }
}
