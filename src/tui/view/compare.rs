//! The compare view: the seeds of one experiment side by side, on the same axes.
//!
//! ```text
//! ┌──────────────────────────────────────────────────────────────────────────┐
//! │ 2/3 grokked, at 6 300 and 7 950 · seed 1 provisional at 9 000 · val 99% / 6% / 98% │
//! ├ ▶ seed 0 ───────────────┬ seed 1 ─────────────────┬ seed 2 ───────────────┤
//! │ accuracy chart          │ (same x and y ranges)   │                       │
//! │ GROKKING                │ SEMI-GROKKING           │ undecided             │
//! │ mem 1 200 · gen 14 300  │ mem 1 100 · gen –       │ mem – · gen –         │
//! │ val 99.1% · step 25 000 │ val 41.0% · step 25 000 │ val 2.0% · step 9 100 │
//! ├─────────────────────────┴─────────────────────────┴───────────────────────┤
//! │ status of all seeds                                                       │
//! └──────────────────────────────────────────────────────────────────────────┘
//! ```
//! Many seeds wrap into rows (panels at least 26 columns wide).

use super::super::app::App;
use super::super::format::{opt_steps, wrap_words};
use super::super::run_state::RunState;
use super::super::strings as s;
use super::super::theme::Theme;
use super::chart::{Plot, StepAxis, ValueAxis, accuracy_lines, render_plot};
use super::status;
use crate::analysis::Phase;
use crate::human;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

const MIN_PANEL_WIDTH: u16 = 26;

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let runs: Vec<&RunState> = app.group_runs().collect();
    // The per-seed outcomes, on two rows when one is too short.
    let rows = if app.seed_outcomes.chars().count() > area.width as usize {
        2
    } else {
        1
    };
    let [summary, grid, status_row] = Layout::vertical([
        Constraint::Length(rows),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let summary_text: Vec<Line> = wrap_words(&app.seed_outcomes, summary.width as usize)
        .into_iter()
        .map(Line::from)
        .collect();
    frame.render_widget(Paragraph::new(summary_text), summary);
    status::render(frame, status_row, &runs, t);
    if runs.is_empty() {
        return;
    }
    let n = runs.len() as u16;
    let cols = n.min((grid.width / MIN_PANEL_WIDTH).max(1));
    let rows = n.div_ceil(cols);
    // Aligned axes: every panel gets the longest run's steps and 0..100 %.
    let total = runs.iter().map(|r| r.total_steps).max().unwrap_or(1);
    let row_areas = Layout::vertical(vec![Constraint::Fill(1); rows as usize]).split(grid);
    for (i, run) in runs.iter().enumerate() {
        let (r, c) = (i as u16 / cols, i as u16 % cols);
        let col_areas = Layout::horizontal(vec![Constraint::Fill(1); cols as usize])
            .split(row_areas[r as usize]);
        let axis = StepAxis::new(total, app.log_x);
        render_panel(
            frame,
            col_areas[c as usize],
            run,
            i == app.selected,
            &axis,
            t,
        );
    }
}

/// One seed: its accuracy chart and the numbers that tell seeds apart.
fn render_panel(
    frame: &mut Frame,
    area: Rect,
    run: &RunState,
    selected: bool,
    axis: &StepAxis,
    t: &Theme,
) {
    let title = if selected {
        Line::from(Span::styled(
            format!(" ▶ {} ", s::seed(run.seed)),
            t.border_focus(),
        ))
    } else {
        Line::from(format!(" {} ", s::seed(run.seed)))
    };
    let mut block = Block::bordered().title(title);
    if selected {
        block = block.border_style(t.border_focus());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let text_rows = 3.min(inner.height.saturating_sub(4));
    let [chart, text] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(text_rows)]).areas(inner);
    let plot = Plot {
        block: Block::default(),
        lines: accuracy_lines(&run.train_acc, &run.val_acc, axis, t),
        y: ValueAxis::accuracy(),
        events: &run.events,
        marks: true,
    };
    render_plot(frame, chart, plot, axis, t);
    let phase_style = if run.phase == Phase::Undecided {
        t.dim()
    } else {
        t.phase(run.phase)
    };
    let phase = if run.phase == Phase::Undecided {
        run.verdict_word().to_string()
    } else {
        run.phase.label().to_uppercase()
    };
    let lines = vec![
        Line::from(Span::styled(phase, phase_style)),
        Line::from(format!(
            "{} {} · {} {}",
            s::MEMORIZED,
            opt_steps(run.memorized_step),
            s::GENERALIZED,
            opt_steps(run.generalized_step)
        )),
        Line::from(s::panel_numbers(
            &human::opt_pct(run.val_acc()),
            &human::steps(run.step),
        )),
    ];
    frame.render_widget(Paragraph::new(lines), text);
}
