//! The Sweeps tab's keys.

use crate::tui::base::{Action, Binding, DOWN_KEYS, UP_KEYS, bind};
use ratatui::crossterm::event::KeyCode::{Char, Enter, Esc};

/// The Sweeps tab's keys.
pub const KEYS: &[Binding] = &[
    bind(
        &[Enter],
        "Enter",
        Action::Enter,
        "open the sweep's phase map",
    )
    .bar("open"),
    bind(
        &[Char('r')],
        "r",
        Action::Rescan,
        "read the sweep directories again",
    )
    .bar("rescan"),
    bind(
        &[Char('x')],
        "x",
        Action::Stop,
        "stop the process training the sweep (press twice; it checkpoints, then exits)",
    )
    .bar("stop"),
    bind(UP_KEYS, "↑", Action::Up, "previous sweep").bar_as("↑↓", "select"),
    bind(DOWN_KEYS, "↓", Action::Down, "next sweep"),
    bind(&[Esc], "Esc", Action::Back, "back to the experiments"),
];
