//! The picker's words: its panels' titles and the start panel's lines.

use crate::tui::widgets::words::Symbol;

/// What the picker's symbols mean (the help popup's legend on this screen).
pub const LEGEND: &[&[Symbol]] = &[&[
    ("▶", "the selected experiment, described on the right"),
    (
        "⊞",
        "a grid of runs (a sweep): Enter asks whether to run its whole sweep or its first cell",
    ),
    (
        "…",
        "a name cut short (the right panel's title has it whole)",
    ),
]];

pub const PICKER_LIST: &str = " experiments ";
pub const FIGURE: &str = "Figure";
pub const PAPER_REPORTS: &str = "The paper reports";
pub const CHANGES: &str = "Changed from the paper";
pub const NO_CHANGES: &str = "nothing: the paper's settings";
pub const MEASURED: &str = "Measured here";
/// Shown for a preset whose `measured` field is empty: no finished run here says what it shows.
pub const NOT_YET_MEASURED: &str = "not yet measured";
pub const CONFIG: &str = "Configuration";
pub const START: &str = " start ";
pub const NO_PRESETS: &str = "no built-in presets";
/// The picker's detail when its text is longer than the panel.
pub fn scroll_hint(from: u16, to: u16, n: u16) -> String {
    format!(" lines {from}–{to} of {n} · PgDn/PgUp ")
}
/// A grid's note: its size and its whole sweep's time (`total`), and what Enter offers; the
/// estimate above it is one cell's.
pub fn grid_note(cells: usize, name: &str, total: &str) -> String {
    format!(
        "⊞ a grid of {cells} runs, about {total} in all one after another (cost model; the \
         estimate above is its first cell's): Enter asks whether to run the whole sweep into \
         sweeps/{name} (as `groktop sweep {name}`, resumable) and follow it on its map, or only \
         its first cell (the configuration shown above)."
    )
}
#[allow(clippy::too_many_arguments)]
pub fn config_line(
    task: &str,
    modulus: u32,
    n_train: &str,
    d_model: usize,
    layers: usize,
    lr: f64,
    wd: f64,
    steps: &str,
) -> String {
    format!(
        "task {task} · P {modulus} · n_train {n_train} · d_model {d_model} · layers {layers} · lr {lr} · wd {wd} · steps {steps}"
    )
}
pub fn grid_axes(axes: &str, seeds: u32) -> String {
    format!("grid: {axes} × {seeds} seeds")
}
pub const SEEDS: &str = "seeds ";
pub const SEEDS_KEYS: &str = " (+/-)";
pub const STEPS: &str = "   steps ";
pub const STEPS_KEYS: &str = " ([ ])";
/// Non-breaking spaces keep the estimate on one line when wrapped.
pub fn estimate(per_run: &str, all: &str, basis: &str) -> String {
    format!("   est.\u{a0}{per_run}\u{a0}per\u{a0}run, {all}\u{a0}in\u{a0}all ({basis})")
}
/// Where an estimate comes from when no run of the preset has finished here.
pub const ESTIMATE_MODEL: &str = "cost model, no finished run here yet: may be off 2-4x";
pub fn estimate_measured(runs: usize, spread: &str) -> String {
    let s = if runs == 1 { "" } else { "s" };
    format!("from {runs} finished run{s} here, within {spread}")
}
pub const START_ONE: &str = "Enter starts the run";
pub fn start_many(n: u32) -> String {
    format!("Enter starts {n} seeds side by side (one worker each)")
}
