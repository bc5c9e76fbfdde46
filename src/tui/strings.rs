//! Every user-facing word of the TUI, in one place (so wording stays consistent and can be
//! reviewed or translated at once). Formatting helpers for numbers live in `format.rs`.

pub const APP: &str = "groktop";
pub const TAB_PRESETS: &str = "Experiments";
pub const TAB_RUNS: &str = "Runs on disk";
pub const TAB_RUN: &str = "Run";
pub const TAB_COMPARE: &str = "Compare seeds";

pub const TOO_SMALL: &str =
    "groktop needs at least 60×16 (80×24 recommended): enlarge the terminal";

// Picker
pub const PICKER_LIST: &str = " experiments ";
pub const FIGURE: &str = "Figure";
pub const PAPER_REPORTS: &str = "The paper reports";
pub const CHANGES: &str = "Changed from the paper";
pub const NO_CHANGES: &str = "nothing: the paper's settings";
pub const CONFIG: &str = "Configuration";
pub const START: &str = " start ";
pub const NO_PRESETS: &str = "no built-in presets";

pub fn grid_note(cells: usize, name: &str) -> String {
    format!(
        "Grid of {cells} runs: Enter starts its first cell only (shown above); \
         for the whole grid use `groktop sweep {name}`."
    )
}

// Runs on disk
pub const RUNS_TITLE: &str = " run directories ";
pub const RUNS_HEADER: [&str; 5] = ["directory", "preset", "step", "phase", "checkpoint"];
pub const RUNS_EMPTY: &str = "no runs yet under";
pub const RUNS_HINT: &str = "Enter resumes the selected run from its last checkpoint (a finished run opens for inspection); r rescans.";
pub const NO_CHECKPOINT: &str = "none";

// Run view
pub const ACCURACY: &str = "accuracy";
pub const LOSS: &str = "loss (log10)";
pub const NORM: &str = "parameter norm";
pub const EVENTS: &str = " phase events ";
pub const NO_EVENTS: &str = "none yet";
pub const TRAIN: &str = "train";
pub const VAL: &str = "val";
pub const PHASE: &str = "phase";
pub const WAITING: &str = "starting…";
pub const NO_RUN: &str = "No run yet: pick an experiment (Tab) and press Enter.";

// Status words (text, so that they read without colour)
pub const STARTING: &str = "STARTING";
pub const RUNNING: &str = "RUNNING";
pub const PAUSED: &str = "PAUSED";
pub const DONE: &str = "DONE";
pub const STOPPED: &str = "STOPPED";
pub const FAILED: &str = "FAILED";

// Compare
pub const MEMORIZED: &str = "mem";
pub const GENERALIZED: &str = "gen";

// Popups
pub const HELP_TITLE: &str = " keys ";
pub const HELP_CLOSE: &str = "Esc or ? closes";
pub const QUIT_TITLE: &str = " quit groktop? ";
pub const QUIT_CHOICES: [&str; 3] = ["[c] checkpoint and quit", "[q] quit", "[Esc] cancel"];
pub const SAVING: &str = "stopping runs…";

pub fn quit_question(active: usize) -> String {
    if active == 1 {
        "A run is still training.".to_string()
    } else {
        format!("{active} runs are still training.")
    }
}

// Notices
pub fn started(n: usize, name: &str) -> String {
    if n == 1 {
        format!("started {name}")
    } else {
        format!("started {n} seeds of {name}")
    }
}
pub fn replaced(n: usize) -> String {
    format!("stopped {n} earlier run(s) with a checkpoint (resume them from Runs on disk)")
}
pub const CHECKPOINT_ASKED: &str = "writing a checkpoint…";
pub fn checkpointed(step: &str, path: &str) -> String {
    format!("checkpoint at step {step} → {path}")
}
pub fn failed(label: &str, error: &str) -> String {
    format!("{label} failed: {error}")
}
pub fn resuming(dir: &str) -> String {
    format!("resuming {dir}")
}
pub fn scan_error(dir: &str, e: &str) -> String {
    format!("cannot read {dir}: {e}")
}
