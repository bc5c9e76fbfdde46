//! The run view's keys: steering (a run trained here), extending (a run trained nowhere),
//! and the chart keys every run has.

use crate::tui::base::{Action, Binding, bind};
use crate::tui::widgets::chart_keys::{
    BELL, CURSOR_LEFT, CURSOR_RIGHT, LOG_X, NEXT_EVENT, PREV_EVENT, SMOOTH, Y_ZOOM, ZOOM_IN,
    ZOOM_RESET,
};
use ratatui::crossterm::event::KeyCode::{Char, Esc};

/// The run view's keys for a run this process trains (before [`KEYS`]).
pub const STEER: &[Binding] = &[
    bind(
        &[Char(' ')],
        "Space",
        Action::TogglePause,
        "pause or resume the run",
    )
    .bar("pause"),
    bind(
        &[Char('c')],
        "c",
        Action::Checkpoint,
        "write a checkpoint now",
    )
    .bar("checkpoint"),
    bind(
        &[Char('x')],
        "x",
        Action::Stop,
        "stop the run, with a checkpoint (r resumes it)",
    ),
];

/// The run view's keys for any run.
pub const KEYS: &[Binding] = &[
    LOG_X,
    bind(
        &[Char('f')],
        "f",
        Action::ToggleCircuits,
        "circuits (addition): restricted / excluded loss, key frequencies",
    ),
    CURSOR_LEFT,
    CURSOR_RIGHT,
    bind(
        &[Char('e')],
        "e",
        Action::Export,
        "these charts, as seen (zoom, smoothing), as SVG + PNG in export/",
    )
    .bar("export"),
    ZOOM_IN,
    ZOOM_RESET,
    Y_ZOOM,
    SMOOTH,
    NEXT_EVENT,
    PREV_EVENT,
    BELL,
    bind(
        &[Esc],
        "Esc",
        Action::Back,
        "back to the seeds, or to where the run was opened",
    )
    .bar("back"),
];

/// The run view's keys for a run that trains nowhere (before [`KEYS`]).
pub const IDLE: &[Binding] = &[
    bind(
        &[Char('+'), Char('=')],
        "+",
        Action::Extend,
        "a finished run: train it further (asks how many steps), in its own directory",
    )
    .bar("extend"),
    bind(
        &[Char('r')],
        "r",
        Action::ResumeStopped,
        "a stopped run: resume it from its checkpoint to its end",
    ),
];
