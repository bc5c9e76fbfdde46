//! The frame: the tab row, the shown screen's view, the key bar and the open popup. Every
//! function here borrows the state immutably and does no I/O; each screen draws itself
//! (`screens/<screen>/view.rs`) from its own state and a [`Look`]. Clicks are resolved here
//! too, from the same layout, into a [`Hit`].
//!
//! Every screen:
//! ```text
//! ┌──────────────────────────────────────────────────────────────────────┐
//! │ groktop  Experiments │ Runs on disk │ Sweeps on disk │ Run  notice  │ tabs, 1 row
//! ├──────────────────────────────────────────────────────────────────────┤
//! │                                                                      │
//! │ body: screens/<screen>/view.rs                                       │
//! │                                                                      │
//! ├──────────────────────────────────────────────────────────────────────┤
//! │ Space pause  c checkpoint  l log x  …                   ? help  q quit│ footer, 1 row
//! └──────────────────────────────────────────────────────────────────────┘
//! ```
//! Popups (help, quit) are drawn last, centred over the body.

use super::app::words as s;
use super::app::{App, Popup};
use super::base::{Action, Binding, Hit, Screen};
use super::keys;
use super::msg::Msg;
use super::screens::compare::view::Group;
use super::screens::{compare, overview, picker, popup, run, runs, sweep, sweeps};
use super::widgets::look::Look;
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
    let look = look(app);
    match app.screen {
        Screen::Picker => picker::view::render(frame, body, look, &app.picker),
        Screen::Runs => {
            let here = app.trained_here();
            runs::view::render(frame, body, look, &app.disk, &app.runs_dir, &here);
        }
        Screen::Overview => {
            if let Some(o) = &app.overview {
                overview::view::render(frame, body, look, o, app.disk.entry(&o.path));
            }
        }
        Screen::Sweeps => {
            let opening = app.opening.as_ref().map(|(path, _)| path.as_path());
            sweeps::view::render(frame, body, look, &app.sweeps, &app.sweeps_dir, opening);
        }
        Screen::Sweep => {
            if let Some(sw) = &app.sweep {
                sweep::view::render(frame, body, look, sw);
            }
        }
        Screen::Run => match app.shown_run() {
            Some(r) => run::view::render(frame, body, look, r, app.chart_view()),
            None => frame.render_widget(Paragraph::new(s::NO_RUN), body),
        },
        Screen::Compare => compare::view::render(frame, body, look, &group(app)),
    }
    render_footer(frame, footer, app);
    render_popup(frame, body, app, look);
}

/// What every view draws with besides its own state.
fn look(app: &App) -> Look<'_> {
    Look {
        theme: &app.theme,
        log_x: app.log_x,
        circuits: app.show_circuits,
    }
}

/// The compare view's runs and what the app keeps current about them.
fn group(app: &App) -> Group<'_> {
    Group {
        runs: app.group_runs().collect(),
        selected: app.selected,
        overlay: &app.overlay,
        outcomes: &app.seed_outcomes,
        chart: &app.compare_chart,
    }
}

/// The open popup, over the body.
fn render_popup(frame: &mut Frame, body: Rect, app: &App, look: Look) {
    use popup::view::{render_extend, render_help, render_log, render_quit, render_start_sweep};
    match &app.popup {
        Some(Popup::Help { scroll }) => {
            let own: Vec<&Binding> = keys::own(app.screen_context()).collect();
            let legend = keys::legend(app.screen);
            render_help(frame, body, look, (&own, keys::GLOBAL), &legend, *scroll);
        }
        Some(Popup::Log { scroll }) => render_log(frame, body, look, &app.log, *scroll),
        Some(Popup::Quit { choice }) => {
            let (active, sweep) = (app.active_count(), app.sweep_running());
            render_quit(frame, body, look, active, sweep, *choice);
        }
        Some(Popup::StartSweep { choice }) => {
            if let Some(p) = app.picker.current() {
                let total = app.picker.estimate.as_ref().and_then(|e| e.grid_secs);
                render_start_sweep(frame, body, look, p, &app.sweeps_dir, total, *choice);
            }
        }
        Some(Popup::Extend { text, error }) => {
            if let Some(run) = app.shown_run() {
                render_extend(frame, body, look, run, text, error.as_deref());
            }
        }
        None => {}
    }
}

/// The screen tabs and, right-aligned, the newest notice.
fn render_tabs(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let titles = tab_titles(app, area.width);
    let selected = (titles.iter())
        .position(|(i, _)| *i == app.tab_index())
        .unwrap_or(0);
    // The tabs keep their room; the notice gets what is left (whole in the message log).
    let tabs_width = tabs_width(&titles);
    let [name, tabs, notice] = Layout::horizontal([
        Constraint::Length(s::APP.len() as u16 + 1),
        Constraint::Length(tabs_width),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(Span::styled(s::APP, t.title()), name);
    frame.render_widget(
        Tabs::new(titles.into_iter().map(|(_, t)| t))
            .select(selected)
            .highlight_style(t.selected())
            .padding(" ", " ")
            .divider("│"),
        tabs,
    );
    if let Some(n) = &app.notice {
        // Too long: keep the start (what happened) and point to the log, which has it whole.
        let text = if n.chars().count() as u16 + 1 > notice.width {
            let more = s::NOTICE_MORE.chars().count();
            let keep = (notice.width as usize).saturating_sub(more + 1);
            format!(
                "{}{}",
                n.chars().take(keep).collect::<String>(),
                s::NOTICE_MORE
            )
        } else {
            n.clone()
        };
        frame.render_widget(
            Line::from(Span::styled(text, t.dim())).right_aligned(),
            notice,
        );
    }
}

/// The tabs the row shows, as (tab index, title): every tab whole; while a notice needs
/// more of the row than that leaves, every tab by its short name, or, narrower still, only
/// the shown tab, whichever first lets the notice fit whole (so that an exported file's name
/// can be read at 80 columns); when none does, every tab whole (the notice is cut and points
/// to the log).
fn tab_titles(app: &App, width: u16) -> Vec<(usize, String)> {
    let mut tabs = vec![s::TAB_PRESETS, s::TAB_RUNS, s::TAB_SWEEPS];
    if !app.group.is_empty() {
        tabs.push(if app.group.len() > 1 {
            s::TAB_COMPARE
        } else {
            s::TAB_RUN
        });
    }
    let named = |short: bool| -> Vec<(usize, String)> {
        let name = |(full, brief): (&str, &str)| if short { brief } else { full }.to_string();
        tabs.iter().map(|&t| name(t)).enumerate().collect()
    };
    let full = named(false);
    let needs = app
        .notice
        .as_ref()
        .map_or(0, |n| n.chars().count() as u16 + 1);
    let room = |titles: &[(usize, String)]| {
        width.saturating_sub(s::APP.len() as u16 + 1 + tabs_width(titles))
    };
    if needs <= room(&full) {
        return full;
    }
    let shown = app.tab_index();
    let only_shown: Vec<(usize, String)> =
        full.iter().filter(|(i, _)| *i == shown).cloned().collect();
    [named(true), only_shown]
        .into_iter()
        .find(|titles| needs <= room(titles))
        .unwrap_or(full)
}

/// The columns tabs titled `titles` take: " title " each and a divider after.
fn tabs_width(titles: &[(usize, String)]) -> u16 {
    titles
        .iter()
        .map(|(_, t)| t.chars().count() as u16 + 3)
        .sum()
}

/// The tab under column `col` of a `width`-column tab row, as `render_tabs` lays them out:
/// the app's name and a space, then " title " per tab with a divider between.
pub fn tab_at(app: &App, width: u16, col: u16) -> Option<usize> {
    let mut x = s::APP.len() as u16 + 1;
    for (i, title) in tab_titles(app, width) {
        let w = title.chars().count() as u16 + 2;
        if (x..x + w).contains(&col) {
            return Some(i);
        }
        x += w + 1;
    }
    None
}

/// What a left click at (`col`, `row`) on a `width`×`height` terminal means.
pub fn click(app: &App, width: u16, height: u16, col: u16, row: u16) -> Option<Msg> {
    if width < MIN_WIDTH || height < MIN_HEIGHT || app.popup.is_some() {
        return None;
    }
    if row == 0 {
        return tab_at(app, width, col).map(Msg::ClickTab);
    }
    let body = Rect::new(0, 1, width, height.saturating_sub(2));
    let look = look(app);
    let hit = match app.screen {
        Screen::Run => {
            let shown = app.shown_run()?;
            run::view::step_at(body, look, shown, app.chart_view(), col, row).map(Hit::Step)
        }
        Screen::Compare => compare::view::step_at(body, look, &group(app), col, row).map(Hit::Step),
        Screen::Runs => runs::view::row_at(body, &app.disk, row).map(Hit::RunsRow),
        Screen::Sweep => {
            let sw = app.sweep.as_ref()?;
            sweep::view::cell_at(body, look, sw, col, row).map(|(c, r)| Hit::SweepCell(c, r))
        }
        _ => None,
    }?;
    Some(Msg::Click(hit))
}

/// The key bar, from the key table in force: this screen's keys on the left (as many as
/// fit), the global ones (log, help, quit) always on the right.
fn render_footer(frame: &mut Frame, area: Rect, app: &App) {
    let t = &app.theme;
    let ctx = app.key_context();
    let global: Vec<(&str, &str)> = if ctx.is_screen() {
        keys::GLOBAL
            .iter()
            .filter_map(|b| b.bar.as_ref().map(|e| (e.keys, e.word)))
            .collect()
    } else {
        Vec::new()
    };
    let own: Vec<(&str, &str)> = keys::own(ctx)
        .filter(|b| does_something(app, b.action))
        .filter_map(|b| {
            b.bar
                .as_ref()
                .map(|e| (e.keys, bar_word(app, b.action, e.word)))
        })
        .collect();
    let spans_of = |pairs: &[(&str, &str)]| -> (Vec<Span<'static>>, usize) {
        let mut spans = Vec::new();
        let mut width = 0;
        for (key, word) in pairs {
            width += key.chars().count() + word.chars().count() + 3;
            spans.push(Span::styled(key.to_string(), t.key()));
            spans.push(Span::raw(format!(" {word}  ")));
        }
        (spans, width)
    };
    let (right, right_w) = spans_of(&global);
    let room = (area.width as usize).saturating_sub(right_w);
    let fitting: Vec<(&str, &str)> = own
        .iter()
        .scan(0, |used, &(k, w)| {
            *used += k.chars().count() + w.chars().count() + 3;
            (*used <= room).then_some((k, w))
        })
        .collect();
    let (left, _) = spans_of(&fitting);
    let [l, r] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_w as u16)]).areas(area);
    frame.render_widget(Line::from(left), l);
    frame.render_widget(Line::from(right), r);
}

/// False for a key that would do nothing visible here but say so, kept off the key bar (the
/// help still lists it): `[` `]` on a grid with no axis beyond the map's two.
fn does_something(app: &App, action: Action) -> bool {
    match action {
        Action::DoubleSteps | Action::HalveSteps if app.screen == Screen::Sweep => app
            .sweep
            .as_ref()
            .is_none_or(|sw| sw.sweep.slices.len() > 1),
        _ => true,
    }
}

/// A key bar word that follows the state: Space says "resume" while the runs are paused.
pub fn bar_word(app: &App, action: Action, word: &'static str) -> &'static str {
    match action {
        Action::TogglePause if app.group_paused() => {
            if app.screen == Screen::Compare {
                s::RESUME_ALL
            } else {
                s::RESUME
            }
        }
        _ => word,
    }
}
