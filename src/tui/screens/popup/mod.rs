//! The popups drawn over a screen and their keys: while one is open it takes the keys, and
//! what it decides (a choice made) goes back to the app as a [`PopupStep`].

pub mod keys;
pub mod view;
pub mod words;

use crate::tui::base::Action;
use words as s;

/// Lines a PgUp / PgDn moves the log.
const PAGE: usize = 10;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Popup {
    /// This screen's keys and what the symbols mean; `scroll` counts lines from the top.
    Help { scroll: usize },
    /// The message log; `scroll` counts lines back from the newest.
    Log { scroll: usize },
    /// The quit question; `choice` indexes `words::QUIT_CHOICES`.
    Quit { choice: usize },
    /// Enter on a grid preset: its whole sweep, or its first cell only; `choice` indexes
    /// `words::SWEEP_CHOICES`.
    StartSweep { choice: usize },
    /// How many steps to train a finished run further: the typed `text` (a default to
    /// start), and why the last Enter refused it.
    Extend { text: String, error: Option<String> },
}

/// What a key did to the open popup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PopupStep {
    /// It stays open, as this.
    Stay(Popup),
    /// It closes; nothing else happens.
    Close,
    /// A question closes with choice `k` (an index into its choices).
    Chose(usize),
    /// The extend question closes with this many steps.
    Steps(u64),
}

impl Popup {
    /// The popup's keys; `log_len` is the number of messages in the log.
    pub fn on_action(&self, a: Action, log_len: usize) -> PopupStep {
        match self {
            Popup::Help { scroll } => match a {
                Action::Back => PopupStep::Close,
                Action::Up => PopupStep::Stay(Popup::Help {
                    scroll: scroll.saturating_sub(1),
                }),
                Action::Down => PopupStep::Stay(Popup::Help { scroll: scroll + 1 }),
                _ => PopupStep::Stay(self.clone()),
            },
            Popup::Log { scroll } => {
                let last = log_len.saturating_sub(1);
                let scroll = *scroll;
                let scroll = match a {
                    Action::Back => return PopupStep::Close,
                    Action::Up => scroll + 1,
                    Action::Down => scroll.saturating_sub(1),
                    Action::PageUp => scroll + PAGE,
                    Action::PageDown => scroll.saturating_sub(PAGE),
                    Action::Home => last,
                    Action::End => 0,
                    _ => scroll,
                };
                PopupStep::Stay(Popup::Log {
                    scroll: scroll.min(last),
                })
            }
            Popup::Quit { choice } => choose(
                *choice,
                a,
                s::QUIT_CHOICES.len(),
                |c| Popup::Quit { choice: c },
                |a| match a {
                    Action::Checkpoint => Some(0),
                    Action::Quit | Action::Interrupt => Some(1),
                    Action::Back => Some(2),
                    _ => None,
                },
            ),
            Popup::StartSweep { choice } => choose(
                *choice,
                a,
                s::SWEEP_CHOICES.len(),
                |c| Popup::StartSweep { choice: c },
                |a| match a {
                    Action::StartSweep => Some(0),
                    Action::StartFirstCell => Some(1),
                    Action::Back => Some(2),
                    _ => None,
                },
            ),
            Popup::Extend { text, .. } => match a {
                Action::Back => PopupStep::Close,
                Action::DeleteChar => {
                    let mut text = text.clone();
                    text.pop();
                    PopupStep::Stay(Popup::Extend { text, error: None })
                }
                Action::Enter => match parse_steps(text) {
                    Ok(n) => PopupStep::Steps(n),
                    Err(e) => PopupStep::Stay(Popup::Extend {
                        text: text.clone(),
                        error: Some(e),
                    }),
                },
                _ => PopupStep::Stay(self.clone()),
            },
        }
    }
}

/// A question of `n` choices: arrows (and Tab) move the highlight, Enter takes it, and the
/// question's own keys (`direct`) take their choice at once.
fn choose(
    choice: usize,
    a: Action,
    n: usize,
    at: impl Fn(usize) -> Popup,
    direct: impl Fn(Action) -> Option<usize>,
) -> PopupStep {
    match a {
        Action::Left | Action::Up => PopupStep::Stay(at((choice + n - 1) % n)),
        Action::Right | Action::Down | Action::NextScreen => PopupStep::Stay(at((choice + 1) % n)),
        Action::Enter => PopupStep::Chose(choice),
        _ => direct(a).map_or(PopupStep::Stay(at(choice)), PopupStep::Chose),
    }
}

impl Popup {
    /// A character typed into the popup's text field (the extend question's step count).
    pub fn on_type(&mut self, c: char) {
        if let Popup::Extend { text, error } = self {
            text.push(c);
            *error = None;
        }
    }
}

/// The extend question's answer: a whole number of steps above 0, or why not, naming what
/// was typed.
fn parse_steps(text: &str) -> Result<u64, String> {
    let t = text.trim();
    match t.parse::<u64>() {
        Ok(0) => Err(s::extend_zero(t)),
        Ok(n) => Ok(n),
        Err(_) if t.is_empty() => Err(s::EXTEND_EMPTY.to_string()),
        Err(_) => Err(s::extend_not_a_number(t)),
    }
}
