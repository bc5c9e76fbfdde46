//! The experiment picker: presets grouped by figure, and what the selected one will run.
//!
//! ```text
//! ┌ experiments ─────────────┐┌ grokking — Grokking: memorize first… ────────────┐
//! │ Figure 2                 ││ description, wrapped                             │
//! │ ▶ 2c  grokking           ││ The paper reports: …                             │
//! │   2d  semi-grokking      ││ Changed from the paper: …                        │
//! │ Figure 3                 ││ Configuration: task · P · n_train · d · lr · wd  │
//! │   3   dcrit-sweep        │├ start ───────────────────────────────────────────┤
//! │                          ││ seeds 1 (+/-) · steps 25 000 ([ ]) · est. 12m05s │
//! └──────────────────────────┘└──────────────────────────────────────────────────┘
//! ```

use super::Picker;
use super::words as s;
use crate::human;
use crate::preset::Preset;
use crate::tui::widgets::look::Look;
use crate::tui::widgets::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

/// The picker in `area`.
pub fn render(frame: &mut Frame, area: Rect, look: Look, picker: &Picker) {
    let t = look.theme;
    // Wide enough for "▶ 2c  " and the longest name and its ⊞, within 40 % of the screen.
    let longest = picker
        .presets
        .iter()
        .map(|p| p.name.chars().count() as u16)
        .max()
        .unwrap_or(0);
    let list_w = (longest + 11).min(area.width * 2 / 5).max(24);
    let [list, detail] =
        Layout::horizontal([Constraint::Length(list_w), Constraint::Fill(1)]).areas(area);
    render_list(frame, list, picker, t);
    match picker.current() {
        Some(p) => {
            let start = start_panel(picker, t, p);
            // As tall as its wrapped text and borders, up to half the column.
            let rows = (start.line_count(detail.width) as u16).min(detail.height / 2);
            let [about, start_area] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(rows)]).areas(detail);
            render_detail(frame, about, picker, t, p);
            frame.render_widget(start, start_area);
        }
        None => frame.render_widget(Paragraph::new(s::NO_PRESETS), detail),
    }
}

/// The presets with a header line per figure number.
fn render_list(frame: &mut Frame, area: Rect, picker: &Picker, t: &Theme) {
    let mut items = Vec::new();
    let mut selected_row = 0;
    let mut group = String::new();
    for (i, p) in picker.presets.iter().enumerate() {
        let number: String = p.figure.chars().take_while(char::is_ascii_digit).collect();
        if number != group {
            items.push(ListItem::new(Line::styled(
                format!("{} {number}", s::FIGURE),
                t.title(),
            )));
            group = number;
        }
        if i == picker.selected {
            selected_row = items.len();
        }
        let mark = if i == picker.selected { "▶" } else { " " };
        let grid = if p.sweep.is_some() { " ⊞" } else { "" };
        // A name too long for a narrow list ends in "…" (the detail's title has it whole).
        let room = (area.width as usize).saturating_sub(9 + grid.chars().count());
        let name = if p.name.chars().count() > room {
            let cut: String = p.name.chars().take(room.saturating_sub(1)).collect();
            format!("{cut}…")
        } else {
            p.name.clone()
        };
        items.push(ListItem::new(Line::from(vec![
            Span::raw(format!("{mark} {:<4}", p.figure)),
            Span::raw(name),
            Span::styled(grid, t.dim()),
        ])));
    }
    let mut state = ListState::default().with_selected(Some(selected_row));
    frame.render_stateful_widget(
        List::new(items)
            .block(Block::bordered().title(s::PICKER_LIST))
            .highlight_style(t.selected()),
        area,
        &mut state,
    );
}

/// What the experiment is, what the paper found, what we changed, and its configuration.
fn render_detail(frame: &mut Frame, area: Rect, picker: &Picker, t: &Theme, p: &Preset) {
    let changes = if p.changes_from_paper.trim().is_empty() {
        s::NO_CHANGES
    } else {
        p.changes_from_paper.as_str()
    };
    let measured = if p.measured.trim().is_empty() {
        s::NOT_YET_MEASURED
    } else {
        p.measured.as_str()
    };
    // Exactly what Enter starts: a grid's first cell, with the steps chosen with [ ].
    let run = picker.run_preset(0);
    let r = run.as_ref().unwrap_or(p);
    let config = s::config_line(
        r.task.kind.slug(),
        r.task.modulus,
        &nb(&human::steps(r.resolved_n_train() as u64)),
        r.model.d_model,
        r.model.n_layers,
        r.optimizer.lr,
        r.optimizer.weight_decay,
        &nb(&human::steps(r.training.steps)),
    );
    let mut lines = vec![
        Line::styled(format!("{} (figure {})", p.title, p.figure), t.title()),
        Line::default(),
        Line::from(p.description.as_str()),
        Line::default(),
        Line::from(vec![
            Span::styled(format!("{}: ", s::PAPER_REPORTS), t.title()),
            Span::raw(p.paper_reports.as_str()),
        ]),
        Line::default(),
        Line::from(vec![
            Span::styled(format!("{}: ", s::MEASURED), t.title()),
            Span::raw(measured),
        ]),
        Line::default(),
        Line::from(vec![
            Span::styled(format!("{}: ", s::CHANGES), t.title()),
            Span::raw(changes),
        ]),
        Line::default(),
        Line::from(vec![
            Span::styled(format!("{}: ", s::CONFIG), t.title()),
            Span::raw(config),
        ]),
    ];
    if let Some(sw) = &p.sweep {
        let axes = [
            ("n_train", &sw.n_train),
            ("d_model", &sw.d_model),
            ("layers", &sw.n_layers),
            ("n_memorize", &sw.n_memorize),
        ];
        let grid: Vec<String> = axes
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(n, v)| format!("{n} {v:?}"))
            .collect();
        lines.push(Line::from(s::grid_axes(&grid.join(" × "), p.seeds)));
    }
    let block = Block::bordered().title(Span::styled(format!(" {} ", p.name), t.title()));
    let inner = block.inner(area);
    let para = Paragraph::new(lines).wrap(Wrap { trim: true });
    // Long text scrolls (PgDn / PgUp) and says that there is more.
    let total = para.line_count(inner.width) as u16;
    let scroll = picker.scroll.min(total.saturating_sub(inner.height));
    let block = if total > inner.height {
        block.title_bottom(
            Line::styled(
                s::scroll_hint(scroll + 1, (scroll + inner.height).min(total), total),
                t.dim(),
            )
            .right_aligned(),
        )
    } else {
        block
    };
    frame.render_widget(para.scroll((scroll, 0)).block(block), area);
}

/// The choices before starting: seeds, steps, and the estimated time.
fn start_panel<'a>(picker: &Picker, t: &Theme, p: &Preset) -> Paragraph<'a> {
    let estimate = picker.estimate.as_ref().map_or_else(String::new, |e| {
        let basis = if e.measured_runs == 0 {
            s::ESTIMATE_MODEL.to_string()
        } else {
            s::estimate_measured(e.measured_runs, &human::pct(e.spread as f32))
        };
        s::estimate(
            &human::duration(e.per_run_secs),
            &human::duration(e.all_secs),
            &basis,
        )
    });
    let mut lines = vec![Line::from(vec![
        Span::raw(s::SEEDS),
        Span::styled(format!("{:>2}", picker.seeds), t.title()),
        Span::styled(s::SEEDS_KEYS, t.dim()),
        Span::raw(s::STEPS),
        Span::styled(nb(&human::steps(picker.steps)), t.title()),
        Span::styled(s::STEPS_KEYS, t.dim()),
        Span::raw(estimate),
    ])];
    let grid_total = picker.estimate.as_ref().and_then(|e| e.grid_secs);
    lines.push(if p.sweep.is_some() {
        let total = grid_total.map(human::duration).unwrap_or_default();
        Line::styled(s::grid_note(p.cells().len(), &p.name, &total), t.dim())
    } else if picker.seeds > 1 {
        Line::styled(s::start_many(picker.seeds), t.dim())
    } else {
        Line::styled(s::START_ONE, t.dim())
    });
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .block(Block::bordered().title(s::START))
}

/// Spaces that wrapping must not break (inside numbers like `25 000`).
fn nb(s: &str) -> String {
    s.replace(' ', "\u{a0}")
}
