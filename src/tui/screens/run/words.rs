//! The run view's words: chart titles, the readout under the charts, the header details and
//! the circuits panel.

use crate::tui::widgets::words::{AXIS_MARKS, EVENT_MARKS, STATUS_MARKS, Symbol};

/// What the run view's symbols mean (the help popup's legend on this screen).
pub const LEGEND: &[&[Symbol]] = &[LINES, EVENT_MARKS, AXIS_MARKS, STATUS_MARKS, VERDICT];
const LINES: &[Symbol] = &[
    ("•", "train accuracy and loss: dots"),
    (
        "⣿",
        "val accuracy and loss, the norm: lines (in colour also twin-free val, a mix's halves)",
    ),
    (
        "▁▂▃▄▅▆▇█",
        "loss and norm (f: circuits) on the chart's step columns; values in the bottom edge",
    ),
];
const VERDICT: &[Symbol] = &[
    (
        "▸",
        "the verdict and why; provisional: still waiting, and for what",
    ),
    (
        "│",
        "step cursor (← →, a click): its values in the box's bottom edge",
    ),
];

pub const EVENTS: &str = " phase events ";
pub const NO_EVENTS: &str = "none yet";
pub const WAITING: &str = "starting…";
pub const TRAIN_LOSS_SPARK: &str = "train loss";
pub const VAL_LOSS_SPARK: &str = "val loss";
/// The verdict row: `▸ provisional: memorized at 250 · no onset yet · …` or `▸ grokking: …`.
pub fn verdict(word: &str, reason: &str) -> String {
    format!("▸ {word}: {reason}")
}
pub fn memorized_generalized(mem: &str, gen_step: &str) -> String {
    format!("memorized {mem} · generalized {gen_step}")
}
pub fn header_details(
    figure: &str,
    task: &str,
    modulus: u32,
    n_train: &str,
    d_model: usize,
    layers: usize,
    params: &str,
) -> [String; 5] {
    [
        format!("fig {figure}"),
        format!("{task} P {modulus}"),
        format!("n_train {n_train}"),
        format!(
            "d {d_model} × {layers} layer{}",
            if layers == 1 { "" } else { "s" }
        ),
        format!("{params} params"),
    ]
}
pub const CIRCUIT_LOSS: &str = "log loss";
pub const RESTRICTED: &str = "restricted";
pub const EXCLUDED: &str = "excluded";
pub const SPARSITY: &str = "sparsity";
pub const KEY_SHARE: &str = "key share";
pub const GINI: &str = "Gini";
pub const RESTRICTED_SPARK: &str = "restricted";
/// The sparklines' names in the accuracy chart's y-label gutter (five columns).
pub const RESTRICTED_SHORT: &str = "restr";
pub const EXCLUDED_SHORT: &str = "excl";
pub const EXCLUDED_SPARK: &str = "excluded";
/// The same in a chart's bottom border.
pub const NO_CIRCUITS_SHORT: &str = "no circuit measures: addition only";
pub const NO_CIRCUITS: &str =
    "no circuit measures: they exist for (a+b) mod P and the addition part of a mix";
/// `key freqs 14 35 41 · Gini 0.62`
pub fn key_freqs(freqs: &[usize], gini: Option<f64>) -> String {
    let list: Vec<String> = freqs.iter().map(ToString::to_string).collect();
    let gini = gini.map_or_else(String::new, |g| format!(" · Gini {g:.2}"));
    format!("key freqs {}{gini}", list.join(" "))
}
