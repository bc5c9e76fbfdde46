//! The run view: one run's curves, events and status.
//!
//! Tall (body ≥ 30 rows; events on the right from 120 columns, else below):
//! ```text
//! ┌──────────────────────────────────────────────────────────────────────────┐
//! │ grokking · seed 0 · fig 2c · mod-add P 113 · n_train 3 000 …  phase GROKKING│ header
//! ├ accuracy ━ train ━ val ─────────────────────────────┬ phase events ──────┤
//! │ braille chart, event lines with M / O / G marks      │  1 200  M  memori… │
//! ├ loss (log10) ━ train ━ val ──┬ parameter norm ────────┤ 14 300  G  genera… │
//! │ braille chart                │ braille chart          │                    │
//! ├──────────────────────────────┴────────────────────────┴────────────────────┤
//! │ step 12 300 / 25 000 · 34.1/s · elapsed 6m01s · ETA 6m20s ━━━━── 49% ▶ RUNNING│ status
//! └──────────────────────────────────────────────────────────────────────────┘
//! ```
//! Short (80×24): the accuracy chart, loss and norm as one-row sparklines, the newest events.
//! Key `f` puts the circuits panel (`circuits.rs`) in the place of loss and norm.

use super::super::app::App;
use super::super::chart_view::{ChartView, Readout};
use super::super::format::{opt_steps, short_steps, wrap_words};
use super::super::run_state::{RunState, Status};
use super::super::series::Series;
use super::super::strings as s;
use super::super::theme::{Theme, event_mark};
use super::chart::{
    Line2, Plot, StepAxis, ValueAxis, graph_area, render_plot, render_spark, value_at,
};
use super::{circuits, status};
use crate::human;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// Bodies at least this tall get full loss and norm charts.
const TALL: u16 = 30;
/// Terminals at least this wide get the events panel on the right.
const WIDE: u16 = 120;
/// Columns before an event's message: the step (8), a space and the mark (2).
const EVENT_INDENT: usize = 11;

/// Where each panel of the run view goes (one layout for drawing and for mouse clicks).
struct Areas {
    header: Rect,
    verdict: Rect,
    acc: Rect,
    /// Loss and norm (or circuits): charts when tall, two sparkline rows when short.
    lower: Rect,
    events: Rect,
    status: Rect,
    tall: bool,
}

fn verdict_lines(run: &RunState, width: u16) -> Vec<Line<'static>> {
    if run.reason.is_empty() {
        return Vec::new();
    }
    wrap_words(&s::verdict(run.verdict_word(), &run.reason), width as usize)
        .into_iter()
        .map(Line::from)
        .collect()
}

fn layout(area: Rect, run: &RunState) -> Areas {
    // Two rows at most: a longer reason is read whole in the message log.
    let verdict_rows = verdict_lines(run, area.width).len().min(2) as u16;
    let [header, verdict, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(verdict_rows),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    if body.height >= TALL {
        let (charts, events) = if body.width >= WIDE {
            let [c, e] =
                Layout::horizontal([Constraint::Fill(1), Constraint::Length(44)]).areas(body);
            (c, e)
        } else {
            let [c, e] = Layout::vertical([Constraint::Fill(1), Constraint::Length(7)]).areas(body);
            (c, e)
        };
        let [acc, lower] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Fill(1)]).areas(charts);
        Areas {
            header,
            verdict,
            acc,
            lower,
            events,
            status,
            tall: true,
        }
    } else {
        let [acc, lower, events] = Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(2),
            Constraint::Length(4),
        ])
        .areas(body);
        Areas {
            header,
            verdict,
            acc,
            lower,
            events,
            status,
            tall: false,
        }
    }
}

/// The step axis: the whole run, or the zoomed range.
fn step_axis(app: &App, run: &RunState, look: &ChartView) -> StepAxis {
    match look.zoom {
        Some((lo, hi)) => StepAxis::span(lo, hi, app.log_x),
        None => StepAxis::new(run.total_steps, app.log_x),
    }
}

/// The step under a click at (`col`, `row`) in the accuracy chart of the run view drawn in
/// `area`, if the click is on its graph.
pub fn step_at(area: Rect, app: &App, run: &RunState, col: u16, row: u16) -> Option<u64> {
    let default_look = ChartView::default();
    let look = app.chart_view().unwrap_or(&default_look);
    let acc = Block::bordered().inner(layout(area, run).acc);
    let graph = graph_area(acc, &accuracy_axis(look).labels);
    if !graph.contains(ratatui::layout::Position::new(col, row)) {
        return None;
    }
    let axis = step_axis(app, run, look);
    let x = value_at(graph, axis.bounds, col);
    Some(if axis.log { 10f64.powf(x) } else { x }.round().max(0.0) as u64)
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, run: &RunState) {
    let t = &app.theme;
    let a = layout(area, run);
    render_header(frame, a.header, run, t);
    frame.render_widget(
        Paragraph::new(verdict_lines(run, area.width)).style(t.dim()),
        a.verdict,
    );
    status::render(frame, a.status, &[run], t);
    let default_look = ChartView::default();
    let look = app.chart_view().unwrap_or(&default_look);
    let axis = step_axis(app, run, look);
    render_accuracy(frame, a.acc, run, &axis, look, t);
    match (a.tall, app.show_circuits) {
        (true, true) => circuits::render_charts(frame, a.lower, run, &axis, t),
        (true, false) => {
            let [loss, norm] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Fill(1)])
                    .areas(a.lower);
            render_loss(frame, loss, run, &axis, look, t);
            render_norm(frame, norm, run, &axis, look, t);
        }
        (false, true) => circuits::render_sparks(frame, a.lower, run, t),
        (false, false) => render_sparklines(frame, a.lower, run, t),
    }
    render_events(frame, a.events, run, t);
}

/// What runs, and the phase it is in (as a word, coloured when colour is on). Details are
/// dropped from the end when the row is narrow.
fn render_header(frame: &mut Frame, area: Rect, run: &RunState, t: &Theme) {
    let word = match run.phase {
        crate::analysis::Phase::Undecided => run.verdict_word().to_string(),
        p => p.label().to_uppercase(),
    };
    let phase = Line::from(vec![
        Span::styled(format!("{} ", s::PHASE), t.dim()),
        Span::styled(word, t.phase(run.phase)),
    ])
    .right_aligned();
    let phase_w = phase.width() as u16 + 1;
    let [l, r] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(phase_w)]).areas(area);
    let mut left = vec![Span::styled(run.label.clone(), t.title())];
    let mut used = run.label.chars().count();
    if let Some(p) = &run.preset {
        let details = s::header_details(
            &p.figure,
            p.task.kind.slug(),
            p.task.modulus,
            &human::steps(p.resolved_n_train() as u64),
            p.model.d_model,
            p.model.n_layers,
            &short_steps(run.n_params as f64),
        );
        for d in details {
            let piece = format!(" · {d}");
            let w = piece.chars().count();
            if used + w > l.width as usize {
                break;
            }
            used += w;
            left.push(Span::styled(piece, t.dim()));
        }
    }
    frame.render_widget(Line::from(left), l);
    frame.render_widget(phase, r);
}

/// A block title with the legend in it: `accuracy  ━ train  ━ val  (now 99.1% / 12.0%)`.
fn legend_title<'a>(
    name: &'a str,
    parts: &[(&'a str, ratatui::style::Style, &'a str)],
) -> Line<'a> {
    let mut spans = vec![Span::raw(format!(" {name} "))];
    for (label, style, glyph) in parts {
        spans.push(Span::styled(format!(" {glyph} "), *style));
        spans.push(Span::raw(format!("{label} ")));
    }
    Line::from(spans)
}

/// The glyph that stands for a line in legends: the marker it is drawn with.
fn glyph(train: bool) -> &'static str {
    if train { "•" } else { "⣿" }
}

pub(super) fn render_accuracy(
    frame: &mut Frame,
    area: Rect,
    run: &RunState,
    axis: &StepAxis,
    look: &ChartView,
    t: &Theme,
) {
    let now = run.last.as_ref().map_or_else(String::new, |m| {
        let mut text = format!(
            "{} {} · {} {} ",
            s::TRAIN,
            human::pct(m.train_acc),
            s::VAL,
            human::opt_pct(m.val_acc)
        );
        if let Some(v) = m.twin_free_val_acc {
            text.push_str(&format!("· {} {} ", s::TWIN_FREE, human::pct(v)));
        }
        // Mixes: the two halves of the training set, as numbers (lines only in colour).
        for (name, v) in [(s::RULE, m.rule_train_acc), (s::MEMORIZE, m.mem_train_acc)] {
            if let Some(v) = v {
                text.push_str(&format!("· {name} {} ", human::pct(v)));
            }
        }
        text
    });
    let mut legend = vec![
        (s::TRAIN, t.train(), glyph(true)),
        (s::VAL, t.val(), glyph(false)),
    ];
    if t.color && !run.twin_free_val_acc.is_empty() {
        legend.push((s::TWIN_FREE, t.twin_free(), "━"));
    }
    if t.color && !run.rule_acc.is_empty() {
        legend.push((s::RULE, t.rule(), "━"));
        legend.push((s::MEMORIZE, t.memorize(), "━"));
    }
    let legend = legend_title(s::ACCURACY, &legend);
    // The top right: how the charts are looked at (smoothing, zoom), then the current
    // numbers where they fit; narrow panels (the sweep screen's) keep the legend only.
    let room = (area.width as usize).saturating_sub(legend.width() + 2);
    let modes = modes_text(look);
    let top_right = if modes.chars().count() + now.chars().count() <= room {
        format!("{modes}{now}")
    } else if modes.chars().count() <= room {
        modes
    } else {
        String::new()
    };
    let mut block = Block::bordered()
        .title(legend)
        .title(Line::from(top_right).right_aligned());
    if let Some(r) = &look.readout {
        block = block.title_bottom(Line::styled(readout_text(r), t.cursor()).right_aligned());
    }
    let level = look.smoothing;
    let mut lines = curve(
        &run.train_acc,
        run.smooth.train_acc.at(level),
        t.train(),
        t.train_marker(),
        axis,
        t,
    );
    lines.extend(curve(
        &run.val_acc,
        run.smooth.val_acc.at(level),
        t.val(),
        Marker::Braille,
        axis,
        t,
    ));
    if t.color {
        for (series, style) in [
            (&run.twin_free_val_acc, t.twin_free()),
            (&run.rule_acc, t.rule()),
            (&run.mem_acc, t.memorize()),
        ] {
            lines.push(Line2 {
                points: series.points(axis.log),
                style,
                marker: ratatui::symbols::Marker::Braille,
            });
        }
    }
    let plot = Plot {
        block,
        lines,
        y: accuracy_axis(look),
        events: &run.events,
        marks: true,
        band: None,
        cursor: look.cursor.map(|c| axis.x(c)),
    };
    render_plot(frame, area, plot, axis, t);
}

fn render_loss(
    frame: &mut Frame,
    area: Rect,
    run: &RunState,
    axis: &StepAxis,
    look: &ChartView,
    t: &Theme,
) {
    let range = match (run.train_loss.range(), run.val_loss.range()) {
        (Some(a), Some(b)) => Some((a.0.min(b.0), a.1.max(b.1))),
        (a, b) => a.or(b),
    };
    let title = legend_title(
        s::LOSS,
        &[
            (s::TRAIN, t.train(), glyph(true)),
            (s::VAL, t.val(), glyph(false)),
        ],
    );
    let level = look.smoothing;
    let mut lines = curve(
        &run.train_loss,
        run.smooth.train_loss.at(level),
        t.train(),
        t.train_marker(),
        axis,
        t,
    );
    lines.extend(curve(
        &run.val_loss,
        run.smooth.val_loss.at(level),
        t.val(),
        Marker::Braille,
        axis,
        t,
    ));
    let plot = Plot {
        block: Block::bordered().title(title),
        lines,
        y: ValueAxis::log_decades(range),
        events: &run.events,
        marks: false,
        band: None,
        cursor: look.cursor.map(|c| axis.x(c)),
    };
    render_plot(frame, area, plot, axis, t);
}

pub(super) fn render_norm(
    frame: &mut Frame,
    area: Rect,
    run: &RunState,
    axis: &StepAxis,
    look: &ChartView,
    t: &Theme,
) {
    let now = run
        .last
        .as_ref()
        .map_or_else(String::new, |m| format!("{:.1} ", m.param_norm));
    let plot = Plot {
        block: Block::bordered()
            .title(format!(" {} ", s::NORM))
            .title(Line::from(now).right_aligned()),
        lines: curve(
            &run.norm,
            run.smooth.norm.at(look.smoothing),
            t.norm(),
            Marker::Braille,
            axis,
            t,
        ),
        y: ValueAxis::linear(run.norm.range()),
        events: &run.events,
        marks: false,
        band: None,
        cursor: look.cursor.map(|c| axis.x(c)),
    };
    render_plot(frame, area, plot, axis, t);
}

/// The accuracy chart's y axis: 0–100 %, or 0 to the y zoom's top.
fn accuracy_axis(look: &ChartView) -> ValueAxis {
    if look.y_zoom {
        ValueAxis::accuracy_to(look.y_top)
    } else {
        ValueAxis::accuracy()
    }
}

/// A curve as drawn: the raw one, or, when smoothed, the raw one faint under the smoothed.
fn curve<'a>(
    raw: &'a Series,
    smooth: Option<&'a Series>,
    style: Style,
    marker: Marker,
    axis: &StepAxis,
    t: &Theme,
) -> Vec<Line2<'a>> {
    match smooth {
        Some(sm) => vec![
            Line2 {
                points: raw.points(axis.log),
                style: t.band(),
                marker,
            },
            Line2 {
                points: sm.points(axis.log),
                style,
                marker,
            },
        ],
        None => vec![Line2 {
            points: raw.points(axis.log),
            style,
            marker,
        }],
    }
}

/// The cursor's values: `step 6 300 · train 100% · val 98.0% · loss 0.001/0.052 · norm 38.2`.
fn readout_text(r: &Readout) -> String {
    let pct = |v: Option<f64>| v.map_or_else(|| "–".into(), |v| human::pct(v as f32));
    let loss = |v: Option<f64>| v.map_or_else(|| "–".into(), |v| format!("{v:.3}"));
    format!(
        " {} {} · {} {} · {} {} · {} {}/{} · {} {} ",
        s::STEP,
        human::steps(r.step),
        s::TRAIN,
        pct(r.train_acc),
        s::VAL,
        pct(r.val_acc),
        s::LOSS_SHORT,
        loss(r.train_loss),
        loss(r.val_loss),
        s::NORM_SHORT,
        r.norm.map_or_else(|| "–".into(), |v| format!("{v:.1}"))
    )
}

/// What changes how the charts look, when anything does: smoothing, step zoom, y zoom.
fn modes_text(look: &ChartView) -> String {
    let mut parts = Vec::new();
    if look.smoothing > 0 {
        parts.push(format!("{} {}", s::SMOOTHED, look.strength()));
    }
    if let Some((lo, hi)) = look.zoom {
        parts.push(format!(
            "{} {}–{}",
            s::ZOOM_STEPS,
            human::steps(lo),
            human::steps(hi)
        ));
    }
    if look.y_zoom {
        parts.push(format!("y 0–{}", human::pct(look.y_top as f32)));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" {} ", parts.join(" · "))
    }
}

/// Loss and norm as one row each, for short terminals.
fn render_sparklines(frame: &mut Frame, area: Rect, run: &RunState, t: &Theme) {
    let [loss, norm] = Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    let (tl, vl) = run
        .last
        .as_ref()
        .map_or((None, None), |m| (Some(m.train_loss), m.val_loss));
    let fmt = |v: Option<f32>| v.map_or_else(|| "–".to_string(), |x| format!("{x:.3}"));
    let series = if run.val_loss.is_empty() {
        &run.train_loss
    } else {
        &run.val_loss
    };
    let label = if run.val_loss.is_empty() {
        s::TRAIN_LOSS_SPARK
    } else {
        s::VAL_LOSS_SPARK
    };
    render_spark(frame, loss, label, fmt(vl.or(tl)), series, t.val(), t);
    let n = run
        .last
        .as_ref()
        .map_or_else(|| "–".into(), |m| format!("{:.1}", m.param_norm));
    render_spark(frame, norm, s::NORM, n, &run.norm, t.norm(), t);
}

/// The phase events, newest last, and what the detector says now.
fn render_events(frame: &mut Frame, area: Rect, run: &RunState, t: &Theme) {
    let block = Block::default().borders(Borders::TOP).title(s::EVENTS);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines: Vec<Line> = Vec::new();
    if let Status::Failed(e) = &run.status {
        lines.push(Line::styled(s::failed(&run.label, e), t.bad()));
    }
    if run.events.is_empty() {
        lines.push(Line::styled(
            if run.last.is_none() {
                s::WAITING
            } else {
                s::NO_EVENTS
            },
            t.dim(),
        ));
    }
    let summary = inner.height >= 7;
    let room = (inner.height as usize).saturating_sub(lines.len() + usize::from(summary));
    // Newest events last; each message wraps under itself (`EVENT_INDENT` columns in).
    let mut event_lines: Vec<Line> = Vec::new();
    for e in run.events.iter().rev() {
        let width = (inner.width as usize).saturating_sub(EVENT_INDENT);
        let mut rows: Vec<Line> = wrap_words(&e.message, width)
            .into_iter()
            .map(|text| Line::raw(format!("{:EVENT_INDENT$}{text}", "")))
            .collect();
        rows[0] = Line::from(vec![
            Span::raw(format!("{:>8} ", human::steps(e.step))),
            Span::styled(format!("{:<2}", event_mark(e.kind)), t.event()),
            Span::raw(rows[0].to_string().trim_start().to_string()),
        ]);
        if event_lines.len() + rows.len() > room {
            break;
        }
        event_lines.splice(0..0, rows);
    }
    lines.extend(event_lines);
    if summary {
        lines.push(Line::styled(
            s::memorized_generalized(
                &opt_steps(run.memorized_step),
                &opt_steps(run.generalized_step),
            ),
            t.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
