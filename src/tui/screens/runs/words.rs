//! The Runs tab's words: its table, hints and order line.

use crate::tui::widgets::words::Symbol;

/// What the Runs tab's symbols mean (the help popup's legend on this screen).
pub const LEGEND: &[&[Symbol]] = &[&[
    ("▶", "the selected run"),
    (
        "●",
        "a marked run (Space), for c compare, d diff, p pause, x stop",
    ),
    (
        "└",
        "a run of the same launch as the row above: another seed",
    ),
    (
        "onset",
        "phase column, a run with no verdict yet: how far it got (memorized, onset, generalized)",
    ),
]];

pub const RUNS_TITLE: &str = " run directories ";
pub const RUNS_HEADER: [&str; 7] = [
    "directory",
    "seed",
    "val",
    "phase",
    "step",
    "time",
    "started",
];
pub const RUNS_EMPTY: &str = "no runs yet under";
pub const RUNS_HINT: &str = "Enter resumes a stopped run from its checkpoint or opens a finished one read-only · Space marks runs, c compares them (none marked: the selected run's seeds) · p pauses, x stops the runs training here";
/// The column the Runs tab is sorted by, and the filter, in its title.
pub fn runs_order(
    sort: &str,
    reversed: bool,
    filter: &str,
    editing: bool,
    marked: usize,
) -> String {
    let mut t = format!("sorted by {sort}");
    if reversed {
        t.push_str(", reversed");
    }
    if editing {
        t.push_str(&format!(" · filter: {filter}▏"));
    } else if !filter.is_empty() {
        t.push_str(&format!(" · filter: {filter}"));
    }
    if marked > 0 {
        t.push_str(&format!(" · {marked} marked"));
    }
    format!(" {t} ")
}
/// A run of the same launch as the row above it: only its seed.
pub fn same_launch(seed: Option<u64>) -> String {
    seed.map_or_else(|| "  └".to_string(), |s| format!("  └ seed {s}"))
}
pub const RUNS_NO_MATCH: &str = "no run matches the filter (Esc clears it)";
/// The status of a run this process trains: paused, or training on its share of the cores
/// (the `training` runs that are not paused share the `cores`: each has a pool of its own
/// that size, and the OS gives each about 1/n of them, as measured for two runs).
pub fn status_here(paused: bool, training: usize, cores: usize, wide: bool) -> String {
    match (paused, training, wide) {
        (true, _, _) => "paused here".to_string(),
        (false, 0 | 1, false) => "training".to_string(),
        (false, 0 | 1, true) => format!("training · {cores} cores"),
        (false, n, false) => format!("training 1/{n}"),
        (false, n, true) => format!("training · 1/{n} of {cores} cores"),
    }
}
/// The order line with how the runs training here share the cores.
pub fn with_sharing(order: &str, training: usize, cores: usize) -> String {
    let runs = if training == 1 { "run" } else { "runs" };
    format!("{order}· {training} {runs} training here share {cores} cores ")
}
pub const DIFF_NEEDS_TWO: &str = "mark two runs (Space), then d shows how their settings differ";
/// One setting's change between two runs: "d_model 64 → 32".
pub fn setting_change(name: &str, from: &str, to: &str) -> String {
    format!("{name} {from} → {to}")
}
/// How run `a`'s settings differ from run `b`'s.
pub fn diff(a: &str, b: &str, changes: &[String]) -> String {
    if changes.is_empty() {
        format!("{a} and {b}: the same settings")
    } else {
        format!("{a} → {b}: {}", changes.join(" · "))
    }
}
