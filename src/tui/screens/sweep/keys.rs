//! The sweep screen's keys: the map's selection, seeds and slices, the figures.

use crate::tui::base::{Action, Binding, DOWN_KEYS, UP_KEYS, bind};
use crate::tui::widgets::chart_keys::LOG_X;
use ratatui::crossterm::event::KeyCode::{Char, Esc, Left, Right};

/// The sweep screen's keys.
pub const KEYS: &[Binding] = &[
    bind(
        &[Left, Char('h')],
        "←",
        Action::Left,
        "cell to the left (smaller d_model)",
    )
    .bar_as("←↑↓→", "cell"),
    bind(
        &[Right],
        "→",
        Action::Right,
        "cell to the right (larger d_model)",
    ),
    bind(UP_KEYS, "↑", Action::Up, "cell above (more training data)"),
    bind(
        DOWN_KEYS,
        "↓",
        Action::Down,
        "cell below (less training data)",
    ),
    bind(
        &[Char('+'), Char('=')],
        "+",
        Action::MoreSeeds,
        "the cell's next seed",
    )
    .bar_as("+/-", "seed"),
    bind(
        &[Char('-'), Char('_')],
        "-",
        Action::FewerSeeds,
        "the cell's previous seed",
    ),
    bind(
        &[Char(']')],
        "]",
        Action::DoubleSteps,
        "next slice of the other axes (layers, n_memorize)",
    )
    .bar_as("[/]", "axes"),
    bind(
        &[Char('[')],
        "[",
        Action::HalveSteps,
        "previous slice of the other axes",
    ),
    bind(
        &[Char('g')],
        "g",
        Action::NextFigure,
        "the paper's figures from the finished cells, one per press, then the cell again",
    )
    .bar("figures"),
    bind(
        &[Char('c')],
        "c",
        Action::CompareMarked,
        "the selected cell's seeds side by side in the compare view (Esc comes back here)",
    )
    .bar("compare"),
    bind(
        &[Char('r')],
        "r",
        Action::Rescan,
        "read the sweep directory now",
    )
    .bar("read"),
    LOG_X,
    bind(&[Esc], "Esc", Action::Back, "back to the list of sweeps").bar("back"),
];
