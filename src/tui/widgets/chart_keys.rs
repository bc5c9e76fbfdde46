//! The chart keys that mean the same on every screen with step charts (run, compare, sweep):
//! written once so their keys, help and key-bar words cannot drift apart.

use crate::tui::base::{Action, Binding, bind};
use ratatui::crossterm::event::KeyCode::Char;

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
