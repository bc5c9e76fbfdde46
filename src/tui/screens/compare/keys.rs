//! The compare view's keys: steering every seed (while some train here), and the rest.

use crate::tui::base::{Action, Binding, bind};
use crate::tui::widgets::chart_keys::{
    BELL, CURSOR_LEFT, CURSOR_RIGHT, LOG_X, NEXT_EVENT, PREV_EVENT, SMOOTH, Y_ZOOM, ZOOM_IN,
    ZOOM_RESET,
};
use ratatui::crossterm::event::KeyCode::{Char, Down, Enter, Esc, Up};

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

/// The compare view's keys for any runs: the run view's chart keys, on every run at once.
pub const KEYS: &[Binding] = &[
    bind(
        &[Up, Char('k')],
        "↑",
        Action::Up,
        "highlight the previous run (the others dim)",
    )
    .bar_as("↑↓", "select"),
    bind(
        &[Down, Char('j')],
        "↓",
        Action::Down,
        "highlight the next run",
    ),
    bind(
        &[Enter],
        "Enter",
        Action::Enter,
        "the highlighted run's full view",
    )
    .bar("open"),
    bind(
        &[Char('r')],
        "r",
        Action::ResumeStopped,
        "resume every stopped run shown from its checkpoint, to its end",
    )
    .bar("resume"),
    CURSOR_LEFT,
    CURSOR_RIGHT,
    bind(
        &[Char('e')],
        "e",
        Action::Export,
        "every run's charts overlaid, with mean and band, as SVG + PNG in export/",
    )
    .bar("export"),
    ZOOM_IN,
    ZOOM_RESET,
    Y_ZOOM,
    SMOOTH,
    NEXT_EVENT,
    PREV_EVENT,
    LOG_X,
    bind(
        &[Char('f')],
        "f",
        Action::ToggleCircuits,
        "each seed's restricted / excluded loss (addition)",
    ),
    BELL,
    bind(
        &[Esc],
        "Esc",
        Action::Back,
        "back to where the runs were opened",
    ),
];
