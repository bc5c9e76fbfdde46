//! The compare view's words: the overlaid charts' titles, the seed legend and numbers.

use crate::tui::widgets::words::{AXIS_MARKS, EVENT_MARKS, STATUS_MARKS, Symbol, TWIN_FREE, VAL};

/// What the compare view's symbols mean (the help popup's legend on this screen).
pub const LEGEND: &[&[Symbol]] = &[LINES, EVENT_MARKS, AXIS_MARKS, STATUS_MARKS];
const LINES: &[Symbol] = &[
    (
        "•",
        "the mean of the runs alike but the seed (not train: each chart is one metric)",
    ),
    ("⢕", "the min–max band of those runs"),
    (
        "⣿",
        "each run's line, the highlighted one bright, the others dim",
    ),
    (
        "▶",
        "the highlighted run (↑ ↓), whose events the charts mark",
    ),
    ("│", "step cursor (← →): every run's value there"),
];

pub const VAL_LOSS: &str = "val loss (log10)";
pub const RESTRICTED_LOSS: &str = "restricted loss (log10)";
pub const EXCLUDED_LOSS: &str = "excluded loss (log10)";
/// What the mean and band are, and over which runs: all shown, some (those of identical
/// settings but the seed), or none.
pub fn mean_band_legend(members: usize, runs: usize) -> String {
    match members {
        0 => "no mean: no two runs have the same settings but the seed".to_string(),
        m if m == runs => "• mean  ⢕ min–max".to_string(),
        m => format!("• mean  ⢕ min–max of the {m} runs alike but the seed"),
    }
}
pub fn seed(seed: u64) -> String {
    format!("seed {seed}")
}
/// The selected run's judged val and step; `twin_free` when that val is the twin-free one.
pub fn panel_numbers(val: &str, twin_free: bool, step: &str) -> String {
    let name = if twin_free {
        format!("{TWIN_FREE} {VAL}")
    } else {
        VAL.to_string()
    };
    format!("{name} {val} · step {step}")
}
