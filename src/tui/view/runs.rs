//! The Runs tab: run directories on disk, to resume or inspect.
//!
//! ```text
//! ┌ run directories ─────────────────────────────────────────────────────────┐
//! │ directory                   preset      step     phase        checkpoint │
//! │ grokking-20260101-120000    grokking    12 300   grokking     10 000     │
//! └──────────────────────────────────────────────────────────────────────────┘
//!  Enter resumes the selected run … ; r rescans.
//! ```

use super::super::app::App;
use super::super::format::opt_steps;
use super::super::strings as s;
use crate::human;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState, Wrap};

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let [table_area, hint] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(2)]).areas(area);
    let block = Block::bordered().title(format!("{}— {} ", s::RUNS_TITLE, app.runs_dir.display()));
    if let Some(e) = &app.disk.error {
        frame.render_widget(
            Paragraph::new(Line::styled(e.as_str(), t.bad())).block(block),
            table_area,
        );
    } else if app.disk.entries.is_empty() {
        let text = format!("{} {}", s::RUNS_EMPTY, app.runs_dir.display());
        frame.render_widget(
            Paragraph::new(Line::styled(text, t.dim())).block(block),
            table_area,
        );
    } else {
        let rows: Vec<Row> = app
            .disk
            .entries
            .iter()
            .map(|e| {
                let step = match (e.step, e.total_steps) {
                    (Some(st), Some(tot)) => {
                        format!("{} / {}", human::steps(st), human::steps(tot))
                    }
                    (st, _) => opt_steps(st),
                };
                Row::new(vec![
                    e.name.clone(),
                    e.preset.clone(),
                    format!("{step:>15}"),
                    e.phase.clone(),
                    e.checkpoint
                        .map_or_else(|| s::NO_CHECKPOINT.to_string(), human::steps),
                ])
            })
            .collect();
        let header = Row::new(s::RUNS_HEADER.to_vec()).style(t.title());
        let phase_w = app
            .disk
            .entries
            .iter()
            .map(|e| e.phase.chars().count())
            .max()
            .unwrap_or(5);
        let name_w = app
            .disk
            .entries
            .iter()
            .map(|e| e.name.chars().count())
            .max()
            .unwrap_or(9);
        let table = Table::new(
            rows,
            [
                Constraint::Length(name_w.clamp(9, 40) as u16),
                Constraint::Fill(1),
                Constraint::Length(15),
                Constraint::Length(phase_w.clamp(5, 24) as u16),
                Constraint::Length(10),
            ],
        )
        .header(header)
        .block(block)
        .row_highlight_style(t.selected())
        .highlight_symbol("▶ ");
        let mut state = TableState::default().with_selected(Some(app.disk.selected));
        frame.render_stateful_widget(table, table_area, &mut state);
    }
    frame.render_widget(
        Paragraph::new(Line::styled(s::RUNS_HINT, t.dim())).wrap(Wrap { trim: true }),
        hint,
    );
}
