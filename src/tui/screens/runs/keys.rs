//! The Runs tab's keys, and those of its filter while it is typed.

use crate::tui::base::{Action, Binding, DOWN_KEYS, UP_KEYS, bind};
use ratatui::crossterm::event::KeyCode::{Backspace, Char, Enter, Esc};

/// The Runs tab's keys.
pub const KEYS: &[Binding] = &[
    bind(
        &[Enter],
        "Enter",
        Action::Enter,
        "open the run (resume it, or view a finished one)",
    )
    .bar("open"),
    bind(
        &[Char('i')],
        "i",
        Action::Inspect,
        "the run's overview: directory, progress, phase, every setting",
    )
    .bar("overview"),
    bind(
        &[Char('r')],
        "r",
        Action::Rescan,
        "read the run directories again",
    )
    .bar("rescan"),
    bind(
        &[Char(' ')],
        "Space",
        Action::ToggleMark,
        "mark or unmark the run for comparison, and move to the next row",
    )
    .bar("mark"),
    bind(
        &[Char('c')],
        "c",
        Action::CompareMarked,
        "compare the marked runs on shared charts (none marked: the selected run's seeds)",
    )
    .bar("compare"),
    bind(
        &[Char('d')],
        "d",
        Action::DiffMarked,
        "how the two marked runs' settings differ (in the message line and log)",
    )
    .bar("diff"),
    bind(
        &[Char('s')],
        "s",
        Action::CycleSort,
        "sort by the next column: date, name, seed, val, phase, time",
    )
    .bar("sort"),
    bind(
        &[Char('S')],
        "S",
        Action::ReverseSort,
        "turn the sort order round (oldest, lowest val, shortest first)",
    ),
    bind(
        &[Char('/')],
        "/",
        Action::Filter,
        "filter: words of the name, or settings as name=value (d_model=64 lr=0.003)",
    )
    .bar("filter"),
    bind(
        &[Char('p')],
        "p",
        Action::TogglePause,
        "pause or resume the marked runs (none marked: the selected one) training here",
    ),
    bind(
        &[Char('x')],
        "x",
        Action::Stop,
        "stop the marked runs (none marked: the selected one) training here, with a checkpoint",
    ),
    bind(UP_KEYS, "↑", Action::Up, "previous run").bar_as("↑↓", "select"),
    bind(DOWN_KEYS, "↓", Action::Down, "next run"),
    bind(&[Esc], "Esc", Action::Back, "back to the experiments"),
];

/// While the filter is typed: characters go to it, these keys end it.
pub const FILTER: &[Binding] = &[
    bind(
        &[Enter],
        "Enter",
        Action::Enter,
        "stop typing and keep the filter",
    )
    .bar("keep filter"),
    bind(
        &[Backspace],
        "Backspace",
        Action::DeleteChar,
        "delete the last character",
    )
    .bar("delete"),
    bind(
        &[Esc],
        "Esc",
        Action::Back,
        "clear the filter and show every run",
    )
    .bar("clear"),
];
