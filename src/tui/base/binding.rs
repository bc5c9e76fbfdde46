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
    /// Every context: each screen's, the variants of the run and compare views, the popups'.
    pub fn all() -> Vec<KeyContext> {
        let mut all: Vec<KeyContext> = Screen::ALL.iter().map(|&s| KeyContext::Screen(s)).collect();
        all.extend([
            KeyContext::IdleRun,
            KeyContext::IdleCompare,
            KeyContext::Help,
            KeyContext::Quit,
            KeyContext::Log,
            KeyContext::Filter,
            KeyContext::StartSweep,
            KeyContext::Extend,
        ]);
        all
    }

    /// True for a screen (popups and the typed filter are not): screens have the global keys.
    pub fn is_screen(self) -> bool {
        matches!(
            self,
            KeyContext::Screen(_) | KeyContext::IdleRun | KeyContext::IdleCompare
        )
    }
}

/// The usual keys for up and down: the arrows and vi's `k` / `j`.
pub const UP_KEYS: &[KeyCode] = &[KeyCode::Up, KeyCode::Char('k')];
pub const DOWN_KEYS: &[KeyCode] = &[KeyCode::Down, KeyCode::Char('j')];

/// One binding: the keys, how help writes them, the action, its help text and its place in
/// the key bar.
#[derive(Debug)]
pub struct Binding {
    pub codes: &'static [KeyCode],
    /// The first of `codes` as the help popup writes it: "Space", "↑", "+".
    pub key: &'static str,
    pub action: Action,
    pub help: &'static str,
    /// Its entry in the key bar; `None` keeps the binding to the help popup.
    pub bar: Option<BarEntry>,
}

/// A binding's entry in the key bar: the keys it writes (its own, or its own with partners
/// that stay off the bar, as "+/-" for `+` and `-`) and a word.
#[derive(Debug)]
pub struct BarEntry {
    pub keys: &'static str,
    pub word: &'static str,
}

/// A binding shown in the help popup only (see [`Binding::bar`] and [`Binding::bar_as`]).
pub const fn bind(
    codes: &'static [KeyCode],
    key: &'static str,
    action: Action,
    help: &'static str,
) -> Binding {
    Binding {
        codes,
        key,
        action,
        help,
        bar: None,
    }
}

impl Binding {
    /// In the key bar too, as its key and `word`.
    pub const fn bar(self, word: &'static str) -> Self {
        let keys = self.key;
        self.bar_as(keys, word)
    }

    /// In the key bar too, as `keys` (this binding's key and its partners') and `word`.
    pub const fn bar_as(mut self, keys: &'static str, word: &'static str) -> Self {
        self.bar = Some(BarEntry { keys, word });
        self
    }
}
