//! The compare view's keys: steering every seed (while some train here), and the rest.

use crate::tui::base::{Action, Binding, bind};
use crate::tui::widgets::chart_keys::{BELL, LOG_X};
use ratatui::crossterm::event::KeyCode::{Char, Enter, Esc, Left, Right};

/// The compare view's keys while some shown run trains here (before [`KEYS`]).
pub const STEER: &[Binding] = &[
    bind(
        &[Char(' ')],
        "Space",
        Action::TogglePause,
        "pause or resume every seed",
    )
    .bar("pause all"),
    bind(
        &[Char('c')],
        "c",
        Action::Checkpoint,
        "a checkpoint of every seed now",
    )
    .bar("checkpoint"),
    bind(
        &[Char('x')],
        "x",
        Action::Stop,
        "stop every run shown with a checkpoint (r resumes them)",
    ),
];

/// The compare view's keys for any runs.
pub const KEYS: &[Binding] = &[
    bind(
        &[Left, Char('h')],
        "←",
        Action::Left,
        "highlight the previous run (the others dim)",
    )
    .bar_as("←→", "select"),
    bind(&[Right], "→", Action::Right, "highlight the next run"),
    bind(
        &[Enter],
        "Enter",
        Action::Enter,
        "the highlighted run's full view",
    )
    .bar("open"),
    bind(
        &[Char('e')],
        "e",
        Action::Export,
        "every run's charts overlaid as SVG + PNG in their folder's export/",
    )
    .bar("export"),
    bind(
        &[Char('r')],
        "r",
        Action::ResumeStopped,
        "resume every stopped run shown from its checkpoint, to its end",
    )
    .bar("resume"),
    LOG_X,
    bind(
        &[Char('f')],
        "f",
        Action::ToggleCircuits,
        "each seed's restricted / excluded loss (addition)",
    ),
    BELL,
    bind(&[Esc], "Esc", Action::Back, "back to the experiments"),
];
