//! The run view: one run's curves, events and status.
//!
//! Tall (body ≥ 30 rows; events on the right from 120 columns, else below):
//! ```text
//! ┌──────────────────────────────────────────────────────────────────────────┐
//! │ grokking · seed 0 · fig 2c · mod-add P 113 · n_train 3 000 …  phase GROKKING│ header
//! ├ accuracy • train ⣿ val ─────────────────────────────┬ phase events ──────┤
//! │ braille chart, event lines with M / O / G marks      │  1 200  M  memori… │
//! ├ loss (log10) • train ⣿ val ──┬ parameter norm ────────┤ 14 300  G  genera… │
//! │ braille chart                │ braille chart          │                    │
//! ├──────────────────────────────┴────────────────────────┴────────────────────┤
//! │ step 12 300 / 25 000 · 34.1/s · elapsed 6m01s · ETA 6m20s ━━━━── 49% ▶ RUNNING│ status
//! └──────────────────────────────────────────────────────────────────────────┘
//! ```
//! Short (below 30 rows, 80×24 and 100×30): the accuracy chart with loss and norm as
//! sparklines in its box, on its step columns, the newest events:
//! ```text
//! ┌ accuracy  • train  ⣿ val ─────────────────────────── train 100.0% · val 95.6% ┐
//! │100%│     M•••••••••••••••••••••••••••••••O•••G••⢀⡤⠔                          │
//! │0%  │⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⣀⠤⠤⠤⠖⠊⠁   ⢸                               │
//! │    └┬──────┬──────┬───────┬──────┬──────┬──────┬───────┬──────┬──────┬──────┬│
//! │     0     2.5k    5k     7.5k   10k   12.5k   15k    17.5k   20k   22.5k  25k│
//! │loss ██████████████████████████▇▇▆▅▄▂▁                                         │
//! │norm ██████████████████████████▇▇▆▆▅▄▃▂▁▁                                      │
//! └ val loss 0.208 (log scale) · parameter norm 34.3 ────────────────────────────┘
//! ```
//! Key `f` puts the circuits (`circuits.rs`) in the place of loss and norm.

use super::words as s;
use crate::human;
use crate::tui::screens::run::circuits;
use crate::tui::state::chart_view::ChartView;
use crate::tui::state::run_state::{RunState, Status};
use crate::tui::widgets::chart::{StepAxis, graph_area, split_sparks, step_at_column};
use crate::tui::widgets::format::{opt_loss, opt_steps, short_steps, wrap_words};
use crate::tui::widgets::look::Look;
use crate::tui::widgets::run_charts::{accuracy_axis, render_accuracy, render_loss, render_norm};
use crate::tui::widgets::spark::{Spark, Sparks};
use crate::tui::widgets::status;
use crate::tui::widgets::theme::{Theme, event_mark};
use crate::tui::widgets::words as w;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
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
    /// The accuracy chart; when short, with the loss and norm sparklines in its box.
    acc: Rect,
    /// Loss and norm (or circuits) charts when tall; nothing when short.
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
        let [acc, events] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(4)]).areas(body);
        Areas {
            header,
            verdict,
            acc,
            lower: Rect::default(),
            events,
            status,
            tall: false,
        }
    }
}

/// The step axis: the whole run, or the zoomed range.
fn step_axis(log_x: bool, run: &RunState, chart: &ChartView) -> StepAxis {
    match chart.zoom {
        Some((lo, hi)) => StepAxis::span(lo, hi, log_x),
        None => StepAxis::new(run.total_steps, log_x),
    }
}

/// The step under a click at (`col`, `row`) in the accuracy chart of the run view drawn in
/// `area`, if the click is on its graph.
pub fn step_at(
    area: Rect,
    look: Look,
    run: &RunState,
    chart: Option<&ChartView>,
    col: u16,
    row: u16,
) -> Option<u64> {
    let default_chart = ChartView::default();
    let chart = chart.unwrap_or(&default_chart);
    let a = layout(area, run);
    let rows = if a.tall { 0 } else { SPARKS };
    let (acc, _) = split_sparks(Block::bordered().inner(a.acc), rows);
    let graph = graph_area(acc, &accuracy_axis(chart).labels);
    if !graph.contains(ratatui::layout::Position::new(col, row)) {
        return None;
    }
    let axis = step_axis(look.log_x, run, chart);
    Some(step_at_column(graph, &axis, col))
}

/// The run view of `run` in `area`, its charts looked at as `chart` says (the whole run,
/// unsmoothed, when `None`).
pub fn render(
    frame: &mut Frame,
    area: Rect,
    look: Look,
    run: &RunState,
    chart: Option<&ChartView>,
) {
    let t = look.theme;
    let a = layout(area, run);
    render_header(frame, a.header, run, t);
    frame.render_widget(
        Paragraph::new(verdict_lines(run, area.width)).style(t.dim()),
        a.verdict,
    );
    status::render(frame, a.status, &[run], t);
    let default_chart = ChartView::default();
    let chart = chart.unwrap_or(&default_chart);
    let axis = step_axis(look.log_x, run, chart);
    let sparks = match (a.tall, look.circuits) {
        (true, _) => Sparks::none(),
        (false, true) => circuits::sparks(run, t),
        (false, false) => Sparks::Rows(sparks(run, t)),
    };
    render_accuracy(frame, a.acc, run, &axis, chart, sparks, t);
    match (a.tall, look.circuits) {
        (true, true) => circuits::render_charts(frame, a.lower, run, &axis, t),
        (true, false) => {
            let [loss, norm] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Fill(1)])
                    .areas(a.lower);
            render_loss(frame, loss, run, &axis, chart, t);
            render_norm(frame, norm, run, &axis, chart, t);
        }
        (false, _) => {}
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
        Span::styled(format!("{} ", w::PHASE), t.dim()),
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

/// Sparkline rows in the short layout's accuracy box: loss and norm, or the circuits' two.
const SPARKS: usize = 2;

/// Loss (val, or train before any val) and norm as sparklines, for short terminals.
fn sparks<'a>(run: &'a RunState, t: &Theme) -> Vec<Spark<'a>> {
    let (tl, vl) = run
        .last
        .as_ref()
        .map_or((None, None), |m| (Some(m.train_loss), m.val_loss));
    let (series, label) = if run.val_loss.is_empty() {
        (&run.train_loss, s::TRAIN_LOSS_SPARK)
    } else {
        (&run.val_loss, s::VAL_LOSS_SPARK)
    };
    let norm = run
        .last
        .as_ref()
        .map_or_else(|| "–".into(), |m| format!("{:.1}", m.param_norm));
    vec![
        Spark {
            name: w::LOSS_SHORT,
            label,
            now: opt_loss(vl.or(tl).map(f64::from)),
            series,
            style: t.val(),
            log_scale: true,
        },
        Spark {
            name: w::NORM_SHORT,
            label: w::NORM,
            now: norm,
            series: &run.norm,
            style: t.norm(),
            log_scale: false,
        },
    ]
}

/// The phase events, newest last, and what the detector says now.
fn render_events(frame: &mut Frame, area: Rect, run: &RunState, t: &Theme) {
    let block = Block::default().borders(Borders::TOP).title(s::EVENTS);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines: Vec<Line> = Vec::new();
    if let Status::Failed(e) = &run.status {
        lines.push(Line::styled(w::failed(&run.label, e), t.bad()));
    }
    // Wrapped: the reason is the point, and it is longer than the panel is wide.
    for problem in &run.unreadable {
        let text = w::cannot_read(problem, run.dir.as_deref());
        for row in wrap_words(&text, inner.width as usize) {
            lines.push(Line::styled(row, t.bad()));
        }
    }
    if run.events.is_empty() && run.unreadable.is_empty() {
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
