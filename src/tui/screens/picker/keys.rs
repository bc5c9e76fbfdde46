//! The picker's keys: one table drives the keys, the help popup and the key bar.

use crate::tui::base::{Action, Binding, DOWN_KEYS, UP_KEYS, bind};
use ratatui::crossterm::event::KeyCode::{Char, Enter, PageDown, PageUp};

/// The picker's keys.
pub const KEYS: &[Binding] = &[
    bind(
        &[Enter],
        "Enter",
        Action::Enter,
        "start the experiment (a grid asks: its whole sweep, or its first cell)",
    )
    .bar("start"),
    bind(
        &[Char('+'), Char('=')],
        "+",
        Action::MoreSeeds,
        "one seed more",
    )
    .bar_as("+/-", "seeds"),
    bind(
        &[Char('-'), Char('_')],
        "-",
        Action::FewerSeeds,
        "one seed fewer",
    ),
    bind(&[Char(']')], "]", Action::DoubleSteps, "double the steps").bar_as("[/]", "steps"),
    bind(&[Char('[')], "[", Action::HalveSteps, "halve the steps"),
    bind(UP_KEYS, "↑", Action::Up, "previous experiment").bar_as("↑↓", "select"),
    bind(DOWN_KEYS, "↓", Action::Down, "next experiment"),
    bind(
        &[PageDown],
        "PgDn",
        Action::PageDown,
        "scroll the description down",
    )
    .bar_as("PgDn/PgUp", "scroll"),
    bind(
        &[PageUp],
        "PgUp",
        Action::PageUp,
        "scroll the description up",
    ),
];
