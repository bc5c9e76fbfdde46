//! The Sweeps tab: sweep directories on disk, to open on the sweep screen.
//!
//! ```text
//! ┌ sweep directories — sweeps ──────────────────────────────────────────────┐
//! │ directory            fig experiment                              cells done │
//! │▶ critical-data-size  3   Critical data size: val acc vs D_trai…     23 / 77 │
//! └──────────────────────────────────────────────────────────────────────────┘
//!  Enter opens the sweep's phase map … ; r rescans.
//! ```

use super::SweepList;
use super::words as s;
use crate::tui::widgets::look::Look;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState, Wrap};
use std::path::Path;

/// The Sweeps tab in `area`: the sweeps under `sweeps_dir`, and the one being read to open
/// (`opening`), if any.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    look: Look,
    list: &SweepList,
    sweeps_dir: &Path,
    opening: Option<&Path>,
) {
    let t = look.theme;
    let [table_area, hint] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(2)]).areas(area);
    let block = Block::bordered().title(format!("{}— {} ", s::SWEEPS_TITLE, sweeps_dir.display()));
    if let Some(e) = &list.error {
        frame.render_widget(
            Paragraph::new(Line::styled(e.as_str(), t.bad())).block(block),
            table_area,
        );
    } else if list.entries.is_empty() {
        let text = format!("{} {}", s::SWEEPS_EMPTY, sweeps_dir.display());
        frame.render_widget(
            Paragraph::new(Line::styled(text, t.dim())).block(block),
            table_area,
        );
    } else {
        let rows: Vec<Row> = list
            .entries
            .iter()
            .map(|e| {
                // The preset's name only where the directory is named otherwise, or where
                // there is no title to show (an unreadable sweep.ron reads "?").
                let what = if e.title.is_empty() {
                    e.preset.clone()
                } else if e.preset == e.name {
                    e.title.clone()
                } else {
                    s::named(&e.preset, &e.title)
                };
                Row::new(vec![
                    e.name.clone(),
                    e.figure.clone(),
                    match &e.trainer {
                        Some(h) => s::trained_by(&what, &h.to_string()),
                        None => what,
                    },
                    format!("{:>13}", s::cells_done(e.done, e.cells)),
                ])
            })
            .collect();
        let name_w = list
            .entries
            .iter()
            .map(|e| e.name.chars().count())
            .max()
            .unwrap_or(9);
        let table = Table::new(
            rows,
            [
                Constraint::Length(name_w.clamp(9, 40) as u16),
                Constraint::Length(3),
                Constraint::Fill(1),
                Constraint::Length(13),
            ],
        )
        .header(Row::new(s::SWEEPS_HEADER.to_vec()).style(t.title()))
        .block(block)
        .row_highlight_style(t.selected())
        .highlight_symbol("▶ ");
        let mut state = TableState::default().with_selected(Some(list.selected));
        frame.render_stateful_widget(table, table_area, &mut state);
    }
    let hint_text = match opening {
        Some(path) => s::reading_sweep(&path.display().to_string()),
        None => s::SWEEPS_HINT.to_string(),
    };
    frame.render_widget(
        Paragraph::new(Line::styled(hint_text, t.dim())).wrap(Wrap { trim: true }),
        hint,
    );
}
