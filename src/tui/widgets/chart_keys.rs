//! The chart keys that mean the same on every screen with step charts (run, compare, sweep):
//! written once so their keys, help and key-bar words cannot drift apart, and what the
//! cursor, zoom and smoothing keys do to a [`ChartView`], for one run or several.

use crate::tui::base::{Action, Binding, bind};
use crate::tui::state::chart_view::ChartView;
use crate::tui::state::run_state::RunState;
use ratatui::crossterm::event::KeyCode::{Char, Left, Right};

/// `l`: the step axis linear ↔ log.
pub const LOG_X: Binding = bind(
    &[Char('l')],
    "l",
    Action::ToggleLogX,
    "step axis: linear ↔ log",
)
.bar("log x");

/// `b`: ring the terminal bell at each phase event.
pub const BELL: Binding = bind(
    &[Char('b')],
    "b",
    Action::ToggleBell,
    "terminal bell on each phase event: on ↔ off (off at start)",
);

/// `←`: the step cursor one move left (onto an evaluated step).
pub const CURSOR_LEFT: Binding = bind(
    &[Left, Char('h')],
    "←",
    Action::Left,
    "step cursor left: every value evaluated at that step",
)
.bar_as("←→", "cursor");

/// `→`: the step cursor one move right.
pub const CURSOR_RIGHT: Binding = bind(&[Right], "→", Action::Right, "step cursor right");

/// `z`: zoom the steps in around the cursor.
pub const ZOOM_IN: Binding = bind(
    &[Char('z')],
    "z",
    Action::ZoomIn,
    "zoom the steps in around the cursor",
)
.bar_as("z/Z", "zoom");

/// `Z`: the whole run again.
pub const ZOOM_RESET: Binding = bind(
    &[Char('Z')],
    "Z",
    Action::ZoomReset,
    "the whole run again (step and y zoom off)",
);

/// `y`: the accuracy chart's y axis onto small values, or back to 0–100 %.
pub const Y_ZOOM: Binding = bind(
    &[Char('y')],
    "y",
    Action::ToggleYZoom,
    "accuracy axis onto small values (val near chance) ↔ 0–100 %",
);

/// `s`: the next smoothing strength.
pub const SMOOTH: Binding = bind(
    &[Char('s')],
    "s",
    Action::CycleSmoothing,
    "smoothing: off, 0.6, 0.9, 0.97 (debiased EMA; raw curve faint)",
)
.bar("smooth");

/// `n`: the cursor onto the next phase event.
pub const NEXT_EVENT: Binding = bind(
    &[Char('n')],
    "n",
    Action::NextEvent,
    "step cursor onto the next phase event (M, O, G, P, F, ↑, ↓)",
);

/// `N`: the cursor onto the previous phase event.
pub const PREV_EVENT: Binding = bind(
    &[Char('N')],
    "N",
    Action::PrevEvent,
    "step cursor onto the previous phase event",
);

/// True for a key of the chart view ([`on_chart`] handles it).
pub fn is_chart_key(a: Action) -> bool {
    matches!(
        a,
        Action::Left
            | Action::Right
            | Action::ZoomIn
            | Action::ZoomReset
            | Action::ToggleYZoom
            | Action::CycleSmoothing
            | Action::NextEvent
            | Action::PrevEvent
    )
}

/// A chart key on the chart view of `runs` (the run view's one run, or the compare view's),
/// `shown` the run whose phase events `n` and `N` step through.
pub fn on_chart(chart: &mut ChartView, runs: &[&RunState], shown: &RunState, a: Action) {
    match a {
        Action::Left => chart.move_cursor(runs, false),
        Action::Right => chart.move_cursor(runs, true),
        Action::ZoomIn => chart.zoom_in(runs),
        Action::ZoomReset => chart.reset_zoom(runs),
        Action::ToggleYZoom => chart.toggle_y_zoom(runs),
        Action::CycleSmoothing => chart.cycle_smoothing(),
        Action::NextEvent => to_event(chart, runs, shown, true),
        Action::PrevEvent => to_event(chart, runs, shown, false),
        _ => {}
    }
}

/// `n` / `N`: the cursor onto the first phase event after it (`forward`) or the last before
/// it; without a cursor yet, onto the first or the last event (within a zoom, as clicks).
fn to_event(chart: &mut ChartView, runs: &[&RunState], shown: &RunState, forward: bool) {
    let steps = shown.events.iter().map(|e| e.step);
    let target = match (chart.cursor, forward) {
        (Some(c), true) => steps.filter(|&s| s > c).min(),
        (Some(c), false) => steps.filter(|&s| s < c).max(),
        (None, true) => steps.min(),
        (None, false) => steps.max(),
    };
    if let Some(step) = target {
        chart.set_cursor(runs, step);
    }
}
