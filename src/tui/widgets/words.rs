//! Words more than one screen draws (status words, shared chart titles), so they read the
//! same everywhere. A screen's own words live in its folder's `words.rs`.

pub const NORM: &str = "parameter norm";
pub const PHASE: &str = "phase";
pub const STARTING: &str = "STARTING";
pub const READING: &str = "READING…";
pub const RUNNING: &str = "RUNNING";
pub const PAUSED: &str = "PAUSED";
pub const DONE: &str = "DONE";
pub const STOPPED: &str = "STOPPED";
pub const FAILED: &str = "FAILED";
/// A run shown from files that could not be read (which say why, beside it).
pub const UNREADABLE: &str = "UNREADABLE";
/// One such file of the run in `dir`: `problem` is `path: reason`, the path shown inside
/// the run's directory (the header names the run; a whole path would not fit a panel).
pub fn cannot_read(problem: &str, dir: Option<&std::path::Path>) -> String {
    let inside = dir
        .and_then(|d| problem.strip_prefix(&format!("{}/", d.display())))
        .unwrap_or(problem);
    format!("✗ cannot read {inside}")
}
pub const MEMORIZED: &str = "mem";
pub const GENERALIZED: &str = "gen";
pub fn failed(label: &str, error: &str) -> String {
    format!("{label} failed: {error}")
}
pub fn status_line(step: &str, total: &str, rate: &str, elapsed: &str, eta: &str) -> String {
    format!("step {step} / {total} · {rate} · elapsed {elapsed} · ETA {eta}")
}
pub const ACCURACY: &str = "accuracy";
pub const LOSS: &str = "loss (log10)";
pub const LOSS_SHORT: &str = "loss";
pub const MEMORIZE: &str = "mem";
pub const NORM_SHORT: &str = "norm";
/// Mixes: train accuracy on the rule (addition) and on the random-label half.
pub const RULE: &str = "rule";
pub const SMOOTHED: &str = "smoothed";
pub const STEP: &str = "step";
/// The mean of the runs alike but the seed, in a compare export's legend.
pub const MEAN: &str = "mean";
pub const TRAIN: &str = "train";
pub const VAL: &str = "val";
/// Val accuracy on the pairs whose swapped twin is not in training: what phases are judged on.
pub const TWIN_FREE: &str = "twin-free";
pub const ZOOM_STEPS: &str = "steps";

// The exported figures (run and compare views; `NORM` and `ACCURACY` too).
pub const TRAIN_ACCURACY: &str = "train accuracy";
pub const VAL_ACCURACY: &str = "val accuracy";
/// The compare view's val chart where the runs record the twin-free val.
pub const TWIN_FREE_ACCURACY: &str = "twin-free val accuracy";
pub const TRAIN_LOSS: &str = "train loss";
pub const VAL_LOSS: &str = "val loss";
pub const LOG_LOSS: &str = "log10 loss";
pub const L2_NORM: &str = "L2 norm";
pub const CIRCUITS: &str = "circuits";
pub const RESTRICTED_LOSS: &str = "restricted loss (key frequencies only)";
pub const EXCLUDED_LOSS: &str = "excluded loss (key frequencies removed)";

/// A legend entry of the help popup: a symbol as a screen draws it, and what it means there.
/// Each screen's `words.rs` lists its own (`LEGEND`), so the help explains what that screen
/// shows and nothing it does not.
pub type Symbol = (&'static str, &'static str);

/// The letters a step chart draws at the top of a phase event's line (the detector's rules).
pub const EVENT_MARKS: &[Symbol] = &[
    ("M", "memorized: train accuracy reached 99 %"),
    (
        "O",
        "generalization onset: val (smoothed) rose 10 points above its floor",
    ),
    ("G", "generalized: val accuracy reached 95 %"),
    ("P", "plateau: val flat part-way up (semi-grokking)"),
    (
        "F",
        "circuit forming: the generalizing circuit's restricted loss falls (addition)",
    ),
    ("↑ ↓", "parameter norm rose / fell 10 % since onset"),
];

/// The step axis's marks.
pub const AXIS_MARKS: &[Symbol] = &[("┬", "x-axis tick, exactly at its step")];

/// The status line's right end.
pub const STATUS_MARKS: &[Symbol] = &[("▶ ‖ ✔", "running · paused · done (the status line)")];
