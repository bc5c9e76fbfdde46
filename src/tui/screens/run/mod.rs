//! The run view: one run's charts, events and status. Its state is how the charts are looked
//! at ([`ChartView`], in `state/` because the sweep screen and the export draw with it too);
//! its keys move the cursor, zoom and smooth, and ask the app for what reaches beyond the
//! view (going back, extending the run, exporting its charts).

mod circuits;
pub mod export;
pub mod keys;
pub mod view;
pub mod words;

use crate::tui::base::Action;
use crate::tui::state::chart_view::ChartView;
use crate::tui::state::run_state::RunState;

/// What a key on the run view asks of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunIntent {
    /// Esc: back to the seeds, or to where the run was opened.
    Back,
    /// `+` on a finished run: ask how many steps to train it further.
    AskExtend,
    /// `e`: write the charts as figures.
    Export,
    /// A chart key: the app binds the chart view to the shown run, then calls [`on_chart`].
    Chart,
}

/// What a key means on the run view.
pub fn on_action(a: Action) -> Option<RunIntent> {
    match a {
        Action::Back => Some(RunIntent::Back),
        Action::Extend => Some(RunIntent::AskExtend),
        Action::Export => Some(RunIntent::Export),
        Action::Left
        | Action::Right
        | Action::ZoomIn
        | Action::ZoomReset
        | Action::ToggleYZoom
        | Action::CycleSmoothing
        | Action::NextEvent
        | Action::PrevEvent => Some(RunIntent::Chart),
        _ => None,
    }
}

/// A chart key on the shown `run`'s chart view.
pub fn on_chart(chart: &mut ChartView, run: &RunState, a: Action) {
    match a {
        Action::Left => chart.move_cursor(run, false),
        Action::Right => chart.move_cursor(run, true),
        Action::ZoomIn => chart.zoom_in(run),
        Action::ZoomReset => chart.reset_zoom(run),
        Action::ToggleYZoom => chart.toggle_y_zoom(run),
        Action::CycleSmoothing => chart.cycle_smoothing(),
        Action::NextEvent => to_event(chart, run, true),
        Action::PrevEvent => to_event(chart, run, false),
        _ => {}
    }
}

/// `n` / `N`: the cursor onto the first phase event after it (`forward`) or the last before
/// it; without a cursor yet, onto the first or the last event (within a zoom, as clicks).
fn to_event(chart: &mut ChartView, run: &RunState, forward: bool) {
    let steps = run.events.iter().map(|e| e.step);
    let target = match (chart.cursor, forward) {
        (Some(c), true) => steps.filter(|&s| s > c).min(),
        (Some(c), false) => steps.filter(|&s| s < c).max(),
        (None, true) => steps.min(),
        (None, false) => steps.max(),
    };
    if let Some(step) = target {
        chart.set_cursor(run, step);
    }
}
