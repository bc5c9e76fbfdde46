//! The key binding type every key table is written in, and the contexts keys go to. One
//! table per context drives the keys, the help popup and the key bar.

use super::{Action, Screen};
use ratatui::crossterm::event::KeyCode;

/// Where keys go: a screen, or the popup drawn over it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyContext {
    Screen(Screen),
    /// The run view of a run no worker of this process trains (it ended, or it was opened
    /// from disk): nothing to pause or checkpoint, so neither is offered.
    IdleRun,
    /// The compare view when no shown run has a worker of this process (runs opened from
    /// disk, or seeds that all ended).
    IdleCompare,
    Help,
    Quit,
    Log,
    /// Typing the Runs tab's filter: characters go to the filter, these keys end it.
    Filter,
    /// Enter on a grid preset: its whole sweep, or its first cell.
    StartSweep,
    /// How many steps to extend a finished run by: digits are typed, these keys act.
    Extend,
}

impl KeyContext {
    /// True for a screen (popups and the typed filter are not): screens have the global keys.
    pub fn is_screen(self) -> bool {
        matches!(
            self,
            KeyContext::Screen(_) | KeyContext::IdleRun | KeyContext::IdleCompare
        )
    }
}

/// One binding: the keys, how the key bar and help write them, the action, and the words.
#[derive(Debug)]
pub struct Binding {
    pub codes: &'static [KeyCode],
    /// The keys as written in the key bar and help: "Space", "↑↓", "+/-".
    pub key: &'static str,
    pub action: Action,
    /// The key bar's word; `None` keeps the binding to the help popup.
    pub bar: Option<&'static str>,
    pub help: &'static str,
}

pub const fn bind(
    codes: &'static [KeyCode],
    key: &'static str,
    action: Action,
    bar: Option<&'static str>,
    help: &'static str,
) -> Binding {
    Binding {
        codes,
        key,
        action,
        bar,
        help,
    }
}
