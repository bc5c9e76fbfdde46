//! The status bar: where the run(s) stand, in one row.
//!
//! ```text
//! step 12 300 / 25 000 · 34.1/s · elapsed 6m01s · ETA 6m20s   ━━━━━━━━───── 49%   ‖ PAUSED
//! ```

use super::words as s;
use crate::human;
use crate::tui::state::run_state::{RunState, Status};
use crate::tui::widgets::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::LineGauge;

/// One row for one run, or for a group (slowest step, mean rate, longest ETA).
pub fn render(frame: &mut Frame, area: Rect, runs: &[&RunState], theme: &Theme) {
    if runs.is_empty() {
        return;
    }
    let step = runs.iter().map(|r| r.step).min().unwrap_or(0);
    let total = runs.iter().map(|r| r.total_steps).max().unwrap_or(0);
    let rates: Vec<f32> = runs.iter().filter_map(|r| r.rate()).collect();
    let rate = if rates.is_empty() {
        "–".to_string()
    } else {
        let mean = rates.iter().sum::<f32>() / rates.len() as f32;
        if runs.len() > 1 {
            format!("{}×{}", runs.len(), human::rate(mean))
        } else {
            human::rate(mean)
        }
    };
    let elapsed = runs.iter().map(|r| r.elapsed()).fold(0.0, f64::max);
    let (word, style) = state_word(runs, theme);
    let eta = if runs.iter().any(|r| r.status.is_active()) {
        runs.iter()
            .filter_map(|r| r.eta())
            .reduce(f64::max)
            .map_or_else(|| "?".into(), human::duration)
    } else {
        "–".into()
    };
    let text = s::status_line(
        &human::steps(step),
        &human::steps(total),
        &rate,
        &human::duration(elapsed),
        &eta,
    );
    let progress = if total == 0 {
        0.0
    } else {
        (step as f64 / total as f64).clamp(0.0, 1.0)
    };
    let text_w = text.chars().count() as u16 + 2;
    let word_w = word.chars().count() as u16 + 2;
    let gauge_w = area.width.saturating_sub(text_w + word_w).min(40);
    let [left, gauge, right] = Layout::horizontal([
        Constraint::Length(text_w),
        Constraint::Length(gauge_w),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(Line::from(text), left);
    if gauge_w >= 8 {
        frame.render_widget(
            LineGauge::default()
                .ratio(progress)
                .label(format!("{:>3.0}%", progress * 100.0))
                .filled_style(theme.gauge())
                .unfilled_style(theme.dim()),
            gauge,
        );
    }
    frame.render_widget(
        Line::from(Span::styled(format!(" {word} "), style)).right_aligned(),
        right,
    );
}

/// The state of the run(s) as a word that reads without colour.
fn state_word(runs: &[&RunState], t: &Theme) -> (String, Style) {
    if let Some(r) = runs.iter().find(|r| matches!(r.status, Status::Failed(_))) {
        let _ = r;
        return (s::FAILED.into(), t.bad());
    }
    if runs.iter().any(|r| !r.unreadable.is_empty()) {
        return (s::UNREADABLE.into(), t.bad());
    }
    if runs.iter().any(|r| r.status == Status::Reading) {
        return (s::READING.into(), t.dim());
    }
    let active: Vec<&&RunState> = runs.iter().filter(|r| r.status.is_active()).collect();
    if active.is_empty() {
        let all_done = runs
            .iter()
            .all(|r| r.status == Status::Finished { completed: true });
        return if all_done {
            (format!("✔ {}", s::DONE), t.good())
        } else {
            (s::STOPPED.into(), t.title())
        };
    }
    if active.iter().all(|r| r.status == Status::Paused) {
        return (format!("‖ {}", s::PAUSED), t.paused());
    }
    if active.iter().any(|r| r.status == Status::Starting) {
        return (s::STARTING.into(), t.dim());
    }
    if active.iter().any(|r| r.status == Status::Paused) {
        let n = active.iter().filter(|r| r.status == Status::Paused).count();
        return (format!("‖ {n} {}", s::PAUSED), t.paused());
    }
    (format!("▶ {}", s::RUNNING), t.good())
}
