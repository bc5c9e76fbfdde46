//! The Sweeps tab's words: its table and hints.

pub const SWEEPS_TITLE: &str = " sweep directories ";
pub const SWEEPS_HEADER: [&str; 3] = ["directory", "preset", "cells done"];
pub const SWEEPS_EMPTY: &str = "no sweeps yet under";
pub const SWEEPS_HINT: &str = "Enter opens the sweep's phase map, which fills in while `groktop sweep` runs (in another terminal, or on a cluster writing here); r rescans.";
pub fn reading_sweep(path: &str) -> String {
    format!("Reading the sweep in {path} …")
}
pub fn cells_done(done: usize, total: usize) -> String {
    format!("{done} / {total}")
}
