//! The sweep screen's words: the map, its legend and notes, the cell panel and the figures.

use crate::tui::widgets::words::{AXIS_MARKS, EVENT_MARKS, Symbol};

/// What the sweep screen's symbols mean (the help popup's legend on this screen): the map's,
/// the selected cell's charts', and the figures'.
pub const LEGEND: &[&[Symbol]] = &[MAP, CELL, EVENT_MARKS, AXIS_MARKS];
const MAP: &[Symbol] = &[
    (
        "P U G S C ? !",
        "map: progression, ungrokking, grokking, semi-grokking, comprehension, undecided, diverged",
    ),
    (
        "G100",
        "map: the phase of most seeds and their mean final val acc %",
    ),
    ("42%", "map: a point still training, how far its seeds are"),
    ("·", "map: cell not started"),
    ("▶", "map: the selected cell's row"),
    ("↑ →", "map: n_train grows upwards, d_model to the right"),
    (
        "≈ ≤",
        "D_crit: where the mean crosses 90 % between two sizes · at most the smallest size run",
    ),
];
const CELL: &[Symbol] = &[
    (
        "•",
        "cell: train accuracy (dots); figures: the line drawn in dots",
    ),
    (
        "⣿",
        "cell: val accuracy (a line); figures: the lines drawn as braille",
    ),
    (
        "▁▂▃▄▅▆▇█",
        "cell, short screens: the norm as a sparkline on the chart's step columns",
    ),
    ("✔ ■ ✗", "cell: done · stopped · failed"),
];

pub fn sweep_counts(done: usize, running: usize, total: usize) -> String {
    format!("{done}/{total} cells done · {running} running")
}
/// The shown slice of the other axes, in the cell labels' notation (L = n_layers,
/// m = n_memorize).
pub fn sweep_slice(layers: usize, mem: usize, i: usize, n: usize) -> String {
    format!("L{layers} m{mem} · slice {i}/{n} ([ ])")
}
/// The map's axis caption: rows grow upwards, columns to the right (the paper's figure 1).
pub const MAP_AXES: &str = "n_train ↑  d_model →";
pub const LEGEND_PENDING: &str = "not started";
pub const LEGEND_RUNNING: &str = "running";
pub const LEGEND_NUMBER: &str = "letter: phase of most seeds; number: mean final val acc %";
/// The same for a grid with no validation set (random labels: memorization only).
pub const LEGEND_NUMBER_TRAIN: &str =
    "letter: phase of most seeds; number: mean final train acc % (no validation set)";
pub const NO_ESTIMATE: &str = "–";
/// D_crit depends on how long the cells train (a late grokker is at chance at a shorter
/// horizon), so the line says the run length it was judged at.
pub fn d_crit(threshold_pct: f64, steps: &str, list: &str) -> String {
    format!("D_crit (val ≥ {threshold_pct:.0}% at {steps} steps): {list}")
}
pub fn d_mem(list: &str) -> String {
    format!("D_mem (memorized all, at least): {list}")
}
/// Memorization capacity of a random-labels grid: pairs held at the end, per width.
pub fn capacity(list: &str) -> String {
    format!("capacity (train acc × pairs): {list}")
}
pub fn cell_title(label: &str, seed_i: usize, seeds: usize) -> String {
    if seeds > 1 {
        format!("cell {label} (seed {seed_i}/{seeds}, +/-)")
    } else {
        format!("cell {label}")
    }
}
pub const NO_OTHER_AXIS: &str =
    "this grid has no axis beyond the map's two: [ and ] have no other slice to show";
pub const NO_FIGURE_YET: &str =
    "no figure yet: each needs finished cells at two values of its x axis";
pub const NO_SEED_STARTED: &str = "no seed of this cell has started: nothing to compare yet";
pub const CELL_PENDING: &str = "not started yet: the map fills in as cells run";
pub const CELL_RUNNING: &str = "RUNNING";
pub const CELL_NOT_STARTED: &str = "· NOT STARTED";
pub const CELL_STOPPED_EARLY: &str = "■ STOPPED before its first checkpoint (starts over)";
pub fn cell_stopped(checkpoint: &str) -> String {
    format!("■ STOPPED (resumes from step {checkpoint} with the sweep)")
}
pub const CELL_FAILED: &str = "✗ FAILED";
pub fn cell_progress(step: &str, total: &str, pct: u64) -> String {
    format!("step {step} / {total} · {pct}%")
}
pub fn why(reason: &str) -> String {
    format!("why: {reason}")
}
/// The sweep screen's figure header: which figure of how many, and the key to the next.
pub fn figure_position(i: usize, n: usize) -> String {
    format!("figure {i}/{n} · g next")
}
/// A figure's secondary axis: what 100 % stands for.
pub fn figure_secondary(at_one: f64, what: &str) -> String {
    format!("100% = {at_one:.0} {what}")
}
/// An axis title too long for the box's edge, above (y) or below (x) the box.
pub fn figure_y_axis(y: &str) -> String {
    format!("y: {y}")
}
pub fn figure_x_axis(x: &str) -> String {
    format!("x: {x}")
}
pub const FIGURE_MARKERS: &str = "• up and down: D_crit of the line in that colour";
pub fn figure_threshold(y: f64) -> String {
    format!("• across: {:.0}% val accuracy", y * 100.0)
}
