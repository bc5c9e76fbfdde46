//! The compare view's words: the overlaid charts' titles, the seed legend and numbers.

use crate::tui::widgets::words::VAL;

pub const VAL_LOSS: &str = "val loss (log10)";
pub const RESTRICTED_LOSS: &str = "restricted loss (log10)";
pub const EXCLUDED_LOSS: &str = "excluded loss (log10)";
pub const MEAN_BAND_LEGEND: &str = "• mean  ⢕ min–max";
pub fn seed(seed: u64) -> String {
    format!("seed {seed}")
}
pub fn panel_numbers(val: &str, step: &str) -> String {
    format!("{VAL} {val} · step {step}")
}
