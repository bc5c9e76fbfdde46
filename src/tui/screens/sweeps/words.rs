//! The Sweeps tab's words: its table and hints.

use crate::tui::widgets::words::Symbol;

/// What the Sweeps tab's symbols mean (the help popup's legend on this screen).
pub const LEGEND: &[&[Symbol]] = &[&[(
    "▶",
    "the selected sweep; before an experiment, the process that trains it now",
)]];

pub const SWEEPS_TITLE: &str = " sweep directories ";
pub const SWEEPS_HEADER: [&str; 4] = ["directory", "fig", "experiment", "cells done"];
pub const SWEEPS_EMPTY: &str = "no sweeps yet under";
pub const SWEEPS_HINT: &str = "Enter opens the sweep's phase map, which fills in while `groktop sweep` runs (in another terminal, or on a cluster writing here); r rescans.";
pub fn reading_sweep(path: &str) -> String {
    format!("Reading the sweep in {path} …")
}
/// The experiment column of a sweep that a live process trains.
pub fn trained_by(what: &str, trainer: &str) -> String {
    format!("▶ {trainer} · {what}")
}
/// The experiment column of a sweep whose directory is not named after its preset.
pub fn named(preset: &str, title: &str) -> String {
    format!("{preset}: {title}")
}
pub fn ask_stop(name: &str, trainer: &str) -> String {
    format!("sweep {name} is trained by {trainer}: x again stops it (it checkpoints, then exits)")
}
pub fn stopping(name: &str, trainer: &str) -> String {
    format!("sent SIGTERM to {trainer}: sweep {name} checkpoints its cells and stops")
}
pub fn not_trained(name: &str) -> String {
    format!("no process trains sweep {name} now")
}
pub fn cells_done(done: usize, total: usize) -> String {
    format!("{done} / {total}")
}
