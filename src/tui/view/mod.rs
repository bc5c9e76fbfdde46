//! Drawing. Every function here borrows the state immutably and does no I/O; one function per
//! panel.
//!
//! Every screen:
//! ```text
//! ┌──────────────────────────────────────────────────────────────────────┐
//! │ groktop  Experiments │ Runs on disk │ Sweeps on disk │ Run  notice  │ tabs, 1 row
//! ├──────────────────────────────────────────────────────────────────────┤
//! │                                                                      │
//! │ body: picker.rs | runs.rs | sweeps.rs | sweep.rs | run.rs | compare.rs │
//! │                                                                      │
//! ├──────────────────────────────────────────────────────────────────────┤
//! │ Space pause  c checkpoint  l log x  …                   ? help  q quit│ footer, 1 row
//! └──────────────────────────────────────────────────────────────────────┘
//! ```
//! Popups (help, quit) are drawn last, centred over the body.

mod chart;
mod circuits;
mod compare;
mod picker;
mod popup;
mod run;
mod runs;
mod status;
mod sweep;
mod sweeps;

use super::app::{App, Popup, Screen};
use super::keys;
use super::strings as s;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Tabs, Wrap};

/// Below this the screen only asks for more room.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// Draws the whole UI.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        frame.render_widget(Paragraph::new(s::TOO_SMALL).wrap(Wrap { trim: true }), area);
        return;
    }
    let [tabs, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    render_tabs(frame, tabs, app);
    match app.screen {
        Screen::Picker => picker::render(frame, body, app),
        Screen::Runs => runs::render(frame, body, app),
        Screen::Sweeps => sweeps::render(frame, body, app),
        Screen::Sweep => sweep::render(frame, body, app),
        Screen::Run => match app.shown_run() {
            Some(r) => run::render(frame, body, app, r),
            None => frame.render_widget(Paragraph::new(s::NO_RUN), body),
        },
        Screen::Compare => compare::render(frame, body, app),
    }
    render_footer(frame, footer, app);
    match app.popup {
        Some(Popup::Help) => popup::render_help(frame, body, app),
        Some(Popup::Quit { choice }) => popup::render_quit(frame, body, app, choice),
        None => {}
    }
}

/// The screen tabs and, right-aligned, the newest notice.
fn render_tabs(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let live = if app.group.len() > 1 {
        s::TAB_COMPARE
    } else {
        s::TAB_RUN
    };
    let mut titles = vec![s::TAB_PRESETS, s::TAB_RUNS, s::TAB_SWEEPS];
    if !app.group.is_empty() {
        titles.push(live);
    }
    let selected = match app.screen {
        Screen::Picker => 0,
        Screen::Runs => 1,
        Screen::Sweeps | Screen::Sweep => 2,
        Screen::Run | Screen::Compare => 3,
    };
    let notice_width = app.notice.as_ref().map_or(0, |n| {
        (n.chars().count() as u16 + 1).min(area.width.saturating_sub(52))
    });
    let [name, tabs, notice] = Layout::horizontal([
        Constraint::Length(s::APP.len() as u16 + 1),
        Constraint::Fill(1),
        Constraint::Length(notice_width),
    ])
    .areas(area);
    frame.render_widget(Span::styled(s::APP, t.title()), name);
    frame.render_widget(
        Tabs::new(titles)
            .select(selected)
            .highlight_style(t.selected())
            .padding(" ", " ")
            .divider("│"),
        tabs,
    );
    if let Some(n) = &app.notice {
        // Too long: keep the start (what happened), cut the end.
        let text = if n.chars().count() as u16 + 1 > notice.width {
            let keep = notice.width.saturating_sub(2) as usize;
            format!("{}…", n.chars().take(keep).collect::<String>())
        } else {
            n.clone()
        };
        frame.render_widget(
            Line::from(Span::styled(text, t.dim())).right_aligned(),
            notice,
        );
    }
}

/// The keys of this screen, as many as fit.
fn render_footer(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let mut spans = Vec::new();
    let mut width = 0usize;
    for (key, word) in keys::footer(app.screen) {
        let w = key.chars().count() + word.chars().count() + 3;
        if width + w > area.width as usize {
            break;
        }
        width += w;
        spans.push(Span::styled(*key, t.key()));
        spans.push(Span::raw(format!(" {word}  ")));
    }
    frame.render_widget(Line::from(spans), area);
}

/// A rectangle of at most `w`×`h` centred in `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}
