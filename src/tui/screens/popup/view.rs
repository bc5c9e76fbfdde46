//! Popups: the keys and symbols, the message log, and the quit question.

use super::words as s;
use crate::preset::Preset;
use crate::tui::base::Binding;
use crate::tui::state::run_state::RunState;
use crate::tui::widgets::format::wrap_words;
use crate::tui::widgets::layout::centered;
use crate::tui::widgets::look::Look;
use crate::tui::widgets::words::Symbol;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use std::path::Path;

/// This screen's keys (from the key table that drives them), the global keys, and what the
/// symbols this screen draws mean (its `legend`), each meaning wrapped under itself where
/// the popup is narrow; scrolls when the body is short.
pub fn render_help(
    frame: &mut Frame,
    area: Rect,
    look: Look,
    (own, global): (&[&Binding], &[Binding]),
    legend: &[Symbol],
    scroll: usize,
) {
    let t = look.theme;
    let key_w = own
        .iter()
        .copied()
        .chain(global)
        .map(|b| b.key.chars().count())
        .chain(legend.iter().map(|(k, _)| k.chars().count()))
        .max()
        .unwrap_or(0);
    let pairs: Vec<(&str, &str)> = own.iter().map(|b| (b.key, b.help)).collect();
    let globals: Vec<(&str, &str)> = global.iter().map(|b| (b.key, b.help)).collect();
    let lead = key_w + 3;
    let longest = (pairs.iter().chain(&globals).chain(legend))
        .map(|(_, what)| lead + what.chars().count())
        .max()
        .unwrap_or(0);
    // Borders and a column of margin; a meaning too long for the popup wraps under itself.
    let w = (longest as u16 + 3).min(area.width);
    let room = usize::from(w.saturating_sub(3)).saturating_sub(lead).max(1);
    let rows = |(k, what): &(&str, &str)| -> Vec<Line<'static>> {
        wrap_words(what, room)
            .into_iter()
            .enumerate()
            .map(|(i, part)| {
                let key = if i == 0 { *k } else { "" };
                Line::from(vec![
                    Span::styled(format!(" {key:<key_w$}  "), t.key()),
                    Span::raw(part),
                ])
            })
            .collect()
    };
    let title = |text: &str| Line::styled(format!(" {text}"), t.title());
    let mut lines = vec![title(s::HELP_SCREEN_KEYS)];
    lines.extend(pairs.iter().flat_map(rows));
    lines.push(title(s::HELP_GLOBAL_KEYS));
    lines.extend(globals.iter().flat_map(rows));
    lines.extend(rows(&s::HELP_CTRL_C));
    // A screen that draws no symbols (the run overview) has no legend heading.
    if !legend.is_empty() {
        lines.push(title(s::HELP_LEGEND));
        lines.extend(legend.iter().flat_map(rows));
    }
    let rect = centered(area, w, lines.len() as u16 + 2);
    let visible = rect.height.saturating_sub(2) as usize;
    let scroll = scroll.min(lines.len().saturating_sub(visible));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).scroll((scroll as u16, 0)).block(
            Block::bordered()
                .title(s::HELP_TITLE)
                .title_bottom(Line::from(format!(" {} ", s::HELP_CLOSE)).right_aligned())
                .border_style(t.border_focus()),
        ),
        rect,
    );
}

/// The message log: every notice, checkpoint, phase event and verdict, wrapped whole,
/// newest at the bottom; `scroll` entries back from the newest.
pub fn render_log(frame: &mut Frame, area: Rect, look: Look, log: &[String], scroll: usize) {
    let t = look.theme;
    let rect = centered(
        area,
        area.width.saturating_sub(4),
        area.height.saturating_sub(2),
    );
    let block = Block::bordered()
        .title(s::LOG_TITLE)
        .border_style(t.border_focus());
    let inner = block.inner(rect);
    let width = inner.width.saturating_sub(2) as usize;
    let n = log.len();
    let end = n - scroll.min(n.saturating_sub(1));
    let mut lines: Vec<Line> = Vec::new();
    let mut first = end;
    // Whole entries, newest first, until the view is full.
    for entry in log[..end].iter().rev() {
        let parts = wrap_words(entry, width);
        if !lines.is_empty() && lines.len() + parts.len() > inner.height as usize {
            break;
        }
        first -= 1;
        let rows = parts.into_iter().enumerate().map(|(i, part)| {
            let lead = if i == 0 { "• " } else { "  " };
            Line::from(format!("{lead}{part}"))
        });
        lines.splice(0..0, rows);
    }
    if lines.is_empty() {
        lines.push(Line::styled(s::LOG_EMPTY, t.dim()));
    }
    let block = block.title_bottom(Line::from(s::log_position(first + 1, end, n)).right_aligned());
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

/// Enter on grid preset `p`: what its whole sweep (into `sweeps_dir`) would do, and the three
/// choices.
pub fn render_start_sweep(
    frame: &mut Frame,
    area: Rect,
    look: Look,
    p: &Preset,
    sweeps_dir: &Path,
    total_secs: Option<f64>,
    choice: usize,
) {
    let t = look.theme;
    let out = sweeps_dir.join(&p.name).display().to_string();
    let total = total_secs.map(crate::human::duration).unwrap_or_default();
    let question = s::sweep_question(&p.name, p.cells().len(), &out, &total);
    let w = area.width.saturating_sub(4).min(76);
    let mut lines: Vec<Line> = vec![Line::default()];
    lines.extend(
        wrap_words(&question, w.saturating_sub(4) as usize)
            .into_iter()
            .map(|l| Line::from(format!("  {l}"))),
    );
    lines.push(Line::default());
    let mut choices = Vec::new();
    for (i, c) in s::SWEEP_CHOICES.iter().enumerate() {
        let style = if i == choice { t.selected() } else { t.key() };
        choices.push(Span::styled(format!(" {c} "), style));
        choices.push(Span::raw(" "));
    }
    lines.push(Line::from(choices).centered());
    let rect = centered(area, w, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .title(s::SWEEP_TITLE)
                .border_style(t.border_focus()),
        ),
        rect,
    );
}

/// The extend question for `run`: what will happen, the step count being typed, and why the
/// last Enter refused it.
pub fn render_extend(
    frame: &mut Frame,
    area: Rect,
    look: Look,
    run: &RunState,
    text: &str,
    error: Option<&str>,
) {
    let t = look.theme;
    let dir = run
        .dir
        .as_ref()
        .map(|d| d.display().to_string())
        .unwrap_or_default();
    let question = s::extend_question(&run.label, &crate::human::steps(run.step), &dir);
    let w = area.width.saturating_sub(4).min(76);
    let wrap = |text: &str| -> Vec<Line<'static>> {
        wrap_words(text, w.saturating_sub(4) as usize)
            .into_iter()
            .map(|l| Line::from(format!("  {l}")))
            .collect()
    };
    let mut lines: Vec<Line> = vec![Line::default()];
    lines.extend(wrap(&question));
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::raw("  steps more: "),
        Span::styled(format!("{text}▏"), t.selected()),
    ]));
    if let Some(e) = error {
        lines.extend(wrap(e).into_iter().map(|l| l.style(t.bad())));
    }
    let rect = centered(area, w, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .title(s::EXTEND_TITLE)
                .border_style(t.border_focus()),
        ),
        rect,
    );
}

/// The quit question while `active` runs train here (and the sweep started here runs, when
/// `sweep_running`).
pub fn render_quit(
    frame: &mut Frame,
    area: Rect,
    look: Look,
    active: usize,
    sweep_running: bool,
    choice: usize,
) {
    let t = look.theme;
    let mut choices = Vec::new();
    for (i, c) in s::QUIT_CHOICES.iter().enumerate() {
        let style = if i == choice { t.selected() } else { t.key() };
        choices.push(Span::styled(format!(" {c} "), style));
        choices.push(Span::raw(" "));
    }
    let lines = vec![
        Line::default(),
        Line::from(format!("  {}", s::quit_question(active, sweep_running))),
        Line::default(),
        Line::from(choices).centered(),
    ];
    let w = lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 4;
    let rect = centered(area, w, 6);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .title(s::QUIT_TITLE)
                .border_style(t.border_focus()),
        ),
        rect,
    );
}
