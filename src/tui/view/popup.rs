//! Popups: every key, and the quit question.

use super::super::app::App;
use super::super::keys;
use super::super::strings as s;
use super::centered;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

pub fn render_help(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let key_w = keys::HELP
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let mut lines: Vec<Line> = keys::HELP
        .iter()
        .map(|(k, what)| {
            Line::from(vec![
                Span::styled(format!(" {k:<key_w$}  "), t.key()),
                Span::raw(*what),
            ])
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::styled(format!(" {}", s::HELP_CLOSE), t.dim()));
    let w = lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 3;
    let rect = centered(area, w, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .title(s::HELP_TITLE)
                .border_style(t.border_focus()),
        ),
        rect,
    );
}

pub fn render_quit(frame: &mut Frame, area: Rect, app: &App, choice: usize) {
    let t = &app.theme;
    let mut choices = Vec::new();
    for (i, c) in s::QUIT_CHOICES.iter().enumerate() {
        let style = if i == choice { t.selected() } else { t.key() };
        choices.push(Span::styled(format!(" {c} "), style));
        choices.push(Span::raw(" "));
    }
    let lines = vec![
        Line::default(),
        Line::from(format!("  {}", s::quit_question(app.active_count()))),
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
