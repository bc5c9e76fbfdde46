//! The popups' keys: help, the message log, the quit and start-a-sweep questions (their own
//! keys, then the choice keys), and the extend question.

use crate::tui::base::{Action, Binding, DOWN_KEYS, UP_KEYS, bind};
use ratatui::crossterm::event::KeyCode::{
    Backspace, Char, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

/// The help popup's keys.
pub const HELP: &[Binding] = &[
    bind(UP_KEYS, "↑", Action::Up, "scroll up").bar_as("↑↓", "scroll"),
    bind(DOWN_KEYS, "↓", Action::Down, "scroll down"),
    bind(
        &[Esc, Char('?'), Enter, Char('q')],
        "Esc",
        Action::Back,
        "close this help",
    )
    .bar("close"),
];

/// The message log's keys.
pub const LOG: &[Binding] = &[
    bind(UP_KEYS, "↑", Action::Up, "older messages").bar_as("↑↓", "scroll"),
    bind(DOWN_KEYS, "↓", Action::Down, "newer messages"),
    bind(&[PageUp], "PgUp", Action::PageUp, "a page older").bar_as("PgUp/PgDn", "page"),
    bind(&[PageDown], "PgDn", Action::PageDown, "a page newer"),
    bind(&[Home], "Home", Action::Home, "the oldest message").bar_as("Home/End", "oldest/newest"),
    bind(&[End], "End", Action::End, "the newest message"),
    bind(
        &[Esc, Char('m'), Char('q')],
        "Esc",
        Action::Back,
        "close the log",
    )
    .bar("close"),
];

/// The quit question's own keys (before [`CHOICE`]).
pub const QUIT: &[Binding] = &[
    bind(
        &[Char('c')],
        "c",
        Action::Checkpoint,
        "checkpoint every run, then quit",
    )
    .bar("checkpoint and quit"),
    bind(
        &[Char('q')],
        "q",
        Action::Quit,
        "quit now (runs keep their last checkpoint)",
    )
    .bar("quit"),
    bind(&[Esc], "Esc", Action::Back, "keep training").bar("cancel"),
];

/// The keys of a popup that offers choices (quit, start a sweep), after its own.
pub const CHOICE: &[Binding] = &[
    bind(&[Left, Up], "←", Action::Left, "previous choice").bar_as("←→", "choose"),
    bind(&[Right, Down, Tab], "→", Action::Right, "next choice"),
    bind(
        &[Enter],
        "Enter",
        Action::Enter,
        "do the highlighted choice",
    )
    .bar("confirm"),
];

/// The start-a-sweep question's own keys (before [`CHOICE`]).
pub const START_SWEEP: &[Binding] = &[
    bind(
        &[Char('s')],
        "s",
        Action::StartSweep,
        "run every cell into sweeps/<preset> and follow it on the map",
    )
    .bar("whole sweep"),
    bind(
        &[Char('1')],
        "1",
        Action::StartFirstCell,
        "run the grid's first cell only, as a single run",
    )
    .bar("first cell"),
    bind(&[Esc], "Esc", Action::Back, "start nothing").bar("cancel"),
];

/// The extend question's keys (digits are typed).
pub const EXTEND: &[Binding] = &[
    bind(
        &[Enter],
        "Enter",
        Action::Enter,
        "train the typed number of steps more",
    )
    .bar("train further"),
    bind(
        &[Backspace],
        "Backspace",
        Action::DeleteChar,
        "delete the last digit",
    )
    .bar("delete"),
    bind(&[Esc], "Esc", Action::Back, "train nothing more").bar("cancel"),
];
