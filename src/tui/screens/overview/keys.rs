//! The run overview's keys.

use crate::tui::base::{Action, Binding, DOWN_KEYS, UP_KEYS, bind};
use ratatui::crossterm::event::KeyCode::{Enter, Esc};

/// The run overview's keys.
pub const KEYS: &[Binding] = &[
    bind(
        &[Enter],
        "Enter",
        Action::Enter,
        "open the run (resume it, or view a finished one)",
    )
    .bar("open"),
    bind(UP_KEYS, "↑", Action::Up, "scroll up").bar_as("↑↓", "scroll"),
    bind(DOWN_KEYS, "↓", Action::Down, "scroll down"),
    bind(&[Esc], "Esc", Action::Back, "back to the runs").bar("back"),
];
