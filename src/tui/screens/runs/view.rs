//! The Runs tab: run directories on disk, to resume, inspect or compare.
//!
//! ```text
//! ┌ run directories — runs ─────────────────────────────── sorted by date · 2 marked ┐
//! │   directory                         seed  val    phase      step   time   started │
//! │ ▶●grokking-20261129-100000-s0          0  99.1%  grokking   done   5m39s  11-29 10:00│
//! │  ●  └ seed 1                           1  41.0%  semi-grok… 9.1k   4m02s  11-29 10:00│
//! └──────────────────────────────────────────────────────────────────────────────────┘
//!  Enter resumes the selected run …; Space marks runs and c compares them …
//! ```

use super::words as s;
use super::{Here, RunsList, SortBy};
use crate::human;
use crate::record::RunEntry;
use crate::tui::widgets::format::short_steps;
use crate::tui::widgets::look::Look;
use crate::tui::widgets::words as w;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState, Wrap};
use std::path::Path;

/// The list and the hint under it.
fn layout(area: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Fill(1), Constraint::Length(2)]).areas(area)
}

/// The shown row under a click at screen row `row` (the table scrolls as ratatui scrolls
/// it: just enough to keep the selection in view).
pub fn row_at(area: Rect, list: &RunsList, row: u16) -> Option<usize> {
    let [table, _] = layout(area);
    // The border and the header row above the first entry, the border below the last.
    let first = table.y + 2;
    let visible = usize::from(table.height.saturating_sub(3));
    if row < first || row >= first + visible as u16 {
        return None;
    }
    let offset = (list.selected + 1).saturating_sub(visible);
    let i = offset + usize::from(row - first);
    (i < list.order.len()).then_some(i)
}

/// The Runs tab in `area`: the runs under `runs_dir`, those this process trains (`here`)
/// with their share of the cores in the phase column.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    look: Look,
    list: &RunsList,
    runs_dir: &Path,
    here: &Here,
) {
    let t = look.theme;
    let [table_area, hint] = layout(area);
    let mut order = s::runs_order(
        sort_name(list.sort),
        list.reversed,
        &list.filter,
        list.editing_filter,
        list.marked.len(),
    );
    if !here.runs.is_empty() {
        order = s::with_sharing(&order, here.training(), here.cores);
    }
    let block = Block::bordered()
        .title(format!("{}— {} ", s::RUNS_TITLE, runs_dir.display()))
        .title(Line::from(order).right_aligned());
    if let Some(e) = &list.error {
        frame.render_widget(
            Paragraph::new(Line::styled(e.as_str(), t.bad())).block(block),
            table_area,
        );
    } else if list.entries.is_empty() {
        let text = format!("{} {}", s::RUNS_EMPTY, runs_dir.display());
        frame.render_widget(
            Paragraph::new(Line::styled(text, t.dim())).block(block),
            table_area,
        );
    } else if list.order.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(s::RUNS_NO_MATCH, t.dim())).block(block),
            table_area,
        );
    } else {
        // Full names where they fit; else without the stamp, which the date column shows.
        let longest = list
            .rows()
            .map(|e| e.name.chars().count())
            .max()
            .unwrap_or(0);
        let full = usize::from(area.width) >= longest + 64;
        let wide = area.width >= 120;
        let phase = |e: &RunEntry| match here.get(&e.path) {
            Some(h) => s::status_here(h.paused, here.training(), here.cores, wide),
            None => e.phase.clone(),
        };
        // The settings that differ between the rows, each in a column; below 120 columns
        // they take the start date's room.
        let settings = &list.differing;
        let dated = settings.is_empty() || area.width >= 120;
        let setting_w = |k: &str| {
            let values = list.rows().map(|e| setting(e, k).chars().count());
            values.chain([k.chars().count()]).max().unwrap_or(0) as u16
        };
        let rows: Vec<Row> = list
            .rows()
            .enumerate()
            .map(|(i, e)| {
                let mark = if list.is_marked(e) { "●" } else { " " };
                let name = if list.continues_launch(i) {
                    s::same_launch(e.seed)
                } else if full {
                    e.name.clone()
                } else {
                    e.short_name.clone()
                };
                let mut cells = vec![format!("{mark}{name}")];
                cells.extend(settings.iter().map(|k| setting(e, k).to_string()));
                cells.extend([
                    e.seed.map_or_else(String::new, |v| format!("{v:>4}")),
                    format!("{:>6}", human::opt_pct(e.val_acc)),
                    phase(e),
                    format!("{:>9}", step_text(e)),
                    format!(
                        "{:>7}",
                        e.train_secs.map_or_else(String::new, human::duration)
                    ),
                ]);
                if dated {
                    cells.push(
                        e.started
                            .as_deref()
                            .map_or_else(String::new, |d| d.get(5..16).unwrap_or(d).to_string()),
                    );
                }
                Row::new(cells)
            })
            .collect();
        let mut header: Vec<&str> = vec![s::RUNS_HEADER[0]];
        header.extend(settings.iter().copied());
        header.extend(&s::RUNS_HEADER[1..if dated { 7 } else { 6 }]);
        let header = Row::new(header).style(t.title());
        let phase_w = list
            .rows()
            .map(|e| phase(e).chars().count())
            .max()
            .unwrap_or(5);
        let most = if wide { 26 } else { 16 };
        let mut widths = vec![Constraint::Fill(1)];
        widths.extend(settings.iter().map(|k| Constraint::Length(setting_w(k))));
        widths.extend([
            Constraint::Length(4),
            Constraint::Length(6),
            Constraint::Length(phase_w.clamp(5, most) as u16),
            Constraint::Length(9),
            Constraint::Length(7),
        ]);
        if dated {
            widths.push(Constraint::Length(11));
        }
        let table = Table::new(rows, widths)
            .header(header)
            .block(block)
            .row_highlight_style(t.selected())
            .highlight_symbol("▶");
        let mut state = TableState::default().with_selected(Some(list.selected));
        frame.render_stateful_widget(table, table_area, &mut state);
    }
    // The selected run's unreadable file, with the reason, where the hint would be.
    let hint_line = match list.selected_entry().and_then(|e| e.unreadable.first()) {
        Some(problem) => Line::styled(w::cannot_read(problem, None), t.bad()),
        None => Line::styled(s::RUNS_HINT, t.dim()),
    };
    frame.render_widget(Paragraph::new(hint_line).wrap(Wrap { trim: true }), hint);
}

/// Entry `e`'s value of setting `name` ("" when its preset is unreadable).
fn setting<'a>(e: &'a RunEntry, name: &str) -> &'a str {
    (e.settings.iter())
        .find(|(k, _)| *k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// "done" for a run that reached its steps, else how far it got ("9.1k/25k").
fn step_text(e: &RunEntry) -> String {
    match (e.step, e.total_steps) {
        (Some(st), Some(tot)) if st >= tot => "done".to_string(),
        (Some(st), Some(tot)) => format!("{}/{}", short_steps(st as f64), short_steps(tot as f64)),
        (Some(st), None) => short_steps(st as f64),
        (None, _) => "–".to_string(),
    }
}

fn sort_name(sort: SortBy) -> &'static str {
    match sort {
        SortBy::Date => "date",
        SortBy::Name => "name",
        SortBy::Seed => "seed",
        SortBy::Val => "val",
        SortBy::Phase => "phase",
        SortBy::Duration => "time",
    }
}
