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

use super::super::app::App;
use super::super::strings as s;
use crate::preset::Preset;
use crate::{estimate, human};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let list_w = (area.width / 3).clamp(24, 40);
    let [list, detail] =
        Layout::horizontal([Constraint::Length(list_w), Constraint::Fill(1)]).areas(area);
    render_list(frame, list, app);
    match app.picker.current() {
        Some(p) => {
            let [about, start] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(5)]).areas(detail);
            render_detail(frame, about, app, p);
            render_start(frame, start, app, p);
        }
        None => frame.render_widget(Paragraph::new(s::NO_PRESETS), detail),
    }
}

/// The presets with a header line per figure number.
fn render_list(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let mut items = Vec::new();
    let mut selected_row = 0;
    let mut group = String::new();
    for (i, p) in app.picker.presets.iter().enumerate() {
        let number: String = p.figure.chars().take_while(char::is_ascii_digit).collect();
        if number != group {
            items.push(ListItem::new(Line::styled(
                format!("{} {number}", s::FIGURE),
                t.title(),
            )));
            group = number;
        }
        if i == app.picker.selected {
            selected_row = items.len();
        }
        let mark = if i == app.picker.selected { "▶" } else { " " };
        let grid = if p.sweep.is_some() { " ⊞" } else { "" };
        items.push(ListItem::new(Line::from(vec![
            Span::raw(format!("{mark} {:<4}", p.figure)),
            Span::raw(p.name.clone()),
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
fn render_detail(frame: &mut Frame, area: Rect, app: &App, p: &Preset) {
    let t = &app.theme;
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
    let o = &p.optimizer;
    let config = s::config_line(
        p.task.kind.slug(),
        p.task.modulus,
        &nb(&human::steps(p.resolved_n_train() as u64)),
        p.model.d_model,
        p.model.n_layers,
        o.lr,
        o.weight_decay,
        &nb(&human::steps(p.training.steps)),
    );
    let mut lines = vec![
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
    let title = Line::from(vec![
        Span::styled(format!(" {} ", p.name), t.title()),
        Span::raw(format!("— fig {} — {} ", p.figure, p.title)),
    ]);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(title)),
        area,
    );
}

/// The choices before starting: seeds, steps, and the estimated time.
fn render_start(frame: &mut Frame, area: Rect, app: &App, p: &Preset) {
    let t = &app.theme;
    let picker = &app.picker;
    let per_run = picker.run_preset(0).map_or(0.0, |r| estimate::run_secs(&r));
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
    let seeds = f64::from(picker.seeds);
    // Concurrent seeds share the cores.
    let wall = per_run * (seeds / cores).max(1.0);
    let mut lines = vec![Line::from(vec![
        Span::raw(s::SEEDS),
        Span::styled(format!("{:>2}", picker.seeds), t.title()),
        Span::styled(s::SEEDS_KEYS, t.dim()),
        Span::raw(s::STEPS),
        Span::styled(nb(&human::steps(picker.steps)), t.title()),
        Span::styled(s::STEPS_KEYS, t.dim()),
        Span::raw(s::estimate(
            &human::duration(per_run),
            &human::duration(wall),
        )),
    ])];
    lines.push(if p.sweep.is_some() {
        Line::styled(s::grid_note(p.cells().len(), &p.name), t.dim())
    } else if picker.seeds > 1 {
        Line::styled(s::start_many(picker.seeds), t.dim())
    } else {
        Line::styled(s::START_ONE, t.dim())
    });
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::bordered().title(s::START)),
        area,
    );
}

/// Spaces that wrapping must not break (inside numbers like `25 000`).
fn nb(s: &str) -> String {
    s.replace(' ', "\u{a0}")
}
