//! The one message type of the UI: keys (already turned into actions), ticks, worker
//! events and what the disk watcher read all arrive as a `Msg`, and only `App::update` acts
//! on them.

use crate::tui::base::{Action, Hit};
use crate::tui::watch::Found;
use crate::worker::Event;

#[derive(Debug)]
pub enum Msg {
    Action(Action),
    /// About ten a second: time passes (notices expire).
    Tick,
    Worker(Event),
    /// What the disk watcher read for the screens (a listing, the open sweep, a followed run).
    Disk(Found),
    /// A left click on the tab `tab` (see `view::tab_at`).
    ClickTab(usize),
    /// The mouse wheel: as ↑ (`up`) or ↓ in whatever has the keys.
    Scroll {
        up: bool,
    },
    /// A left click in the body at (`col`, `row`), already resolved by the view's layout.
    Click(Hit),
    /// A character typed into a text field (the Runs tab's filter, the extend question).
    Type(char),
}
