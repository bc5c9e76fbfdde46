//! The run view's keys: steering (a run trained here), extending (a run trained nowhere),
//! and the chart keys every run has.

use crate::tui::base::{Action, Binding, bind};
use crate::tui::widgets::chart_keys::{BELL, LOG_X};
use ratatui::crossterm::event::KeyCode::{Char, Esc, Left, Right};

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
    bind(
        &[Left, Char('h')],
        "←",
        Action::Left,
        "step cursor left: values at that step under the accuracy chart",
    )
    .bar_as("←→", "cursor"),
    bind(&[Right], "→", Action::Right, "step cursor right"),
    bind(
        &[Char('e')],
        "e",
        Action::Export,
        "these charts, as seen (zoom, smoothing), as SVG + PNG in export/",
    )
    .bar("export"),
    bind(
        &[Char('z')],
        "z",
        Action::ZoomIn,
        "zoom the steps in around the cursor",
    )
    .bar_as("z/Z", "zoom"),
    bind(
        &[Char('Z')],
        "Z",
        Action::ZoomReset,
        "the whole run again (step and y zoom off)",
    ),
    bind(
        &[Char('y')],
        "y",
        Action::ToggleYZoom,
        "accuracy axis onto small values (val near chance) ↔ 0–100 %",
    )
    .bar("y zoom"),
    bind(
        &[Char('s')],
        "s",
        Action::CycleSmoothing,
        "smoothing: off, 0.6, 0.9, 0.97 (debiased EMA; raw curve faint)",
    )
    .bar("smooth"),
    bind(
        &[Char('n')],
        "n",
        Action::NextEvent,
        "step cursor onto the next phase event (M, O, G)",
    ),
    bind(
        &[Char('N')],
        "N",
        Action::PrevEvent,
        "step cursor onto the previous phase event",
    ),
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
