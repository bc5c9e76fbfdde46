//! The one message type of the UI: keys (already turned into actions), ticks and worker
//! events all arrive as a `Msg`, and only `App::update` acts on them.

use crate::worker::Event;

/// What a key means. The key tables (`keys.rs`) are the only place that knows the keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Left,
    Right,
    Enter,
    /// Esc: close a popup, or go back to where the screen was opened from.
    Back,
    PageUp,
    PageDown,
    Home,
    End,
    NextScreen,
    PrevScreen,
    TogglePause,
    Checkpoint,
    Quit,
    /// Ctrl-C: the same question as `q`.
    Interrupt,
    Help,
    /// Open the message log.
    Log,
    ToggleLogX,
    /// Show the circuit progress measures instead of loss and norm.
    ToggleCircuits,
    /// Sweep screen: the next of the paper's figures instead of the cell's curves.
    NextFigure,
    MoreSeeds,
    FewerSeeds,
    HalveSteps,
    DoubleSteps,
    Rescan,
}

#[derive(Debug)]
pub enum Msg {
    Action(Action),
    /// About ten a second: time passes (notices expire).
    Tick,
    Worker(Event),
    /// A left click on the tab `tab` (see `view::tab_at`).
    ClickTab(usize),
    /// The mouse wheel: as ↑ (`up`) or ↓ in whatever has the keys.
    Scroll {
        up: bool,
    },
}
