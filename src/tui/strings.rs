//! Every user-facing word of the TUI, in one place (so wording stays consistent and can be
//! reviewed or translated at once). Formatting helpers for numbers live in `format.rs`.

pub const APP: &str = "groktop";
pub const TAB_PRESETS: &str = "Experiments";
pub const TAB_RUNS: &str = "Runs on disk";
pub const TAB_SWEEPS: &str = "Sweeps on disk";
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

pub fn grid_note(cells: usize, name: &str) -> String {
    format!(
        "⊞ a grid of {cells} runs: Enter asks whether to run the whole sweep into \
         sweeps/{name} (as `groktop sweep {name}`, resumable) and follow it on its map, or only \
         its first cell (the configuration shown above)."
    )
}
pub const SWEEP_TITLE: &str = " start a grid ";
pub const SWEEP_CHOICES: [&str; 3] = ["[s] whole sweep", "[1] first cell only", "[Esc] cancel"];
pub fn sweep_question(name: &str, cells: usize, out: &str) -> String {
    format!(
        "{name} is a grid of {cells} runs. The whole \
         sweep runs into {out} as `groktop sweep {name}` does, in a process of its own: finished \
         cells are kept, stopped ones resume, and the map follows it. The picker's seeds and \
         steps do not apply to a sweep."
    )
}
pub fn sweep_started(name: &str, pid: u32, out: &str) -> String {
    format!("sweep {name} running as pid {pid} → {out} (its progress: sweep.log there)")
}
pub fn sweep_busy(name: &str, pid: u32) -> String {
    format!("the sweep {name} started here (pid {pid}) is still running")
}
pub fn sweep_ended(name: &str, log: &str) -> String {
    format!("sweep {name} ended; how it went: {log}")
}
pub fn exit_sweep(name: &str, dir: &str) -> String {
    format!(
        "sweep {name} in {dir}: continue it with `groktop sweep {name}` (or Enter on it in the picker); `groktop report {dir}` summarizes it"
    )
}

// Runs on disk
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
pub const RUNS_HINT: &str = "Enter resumes a stopped run from its checkpoint or opens a finished one read-only · Space marks runs, c compares them (none marked: the selected run's seeds)";
/// The column the Runs tab is sorted by, and the filter, in its title.
pub fn runs_order(sort: &str, filter: &str, editing: bool, marked: usize) -> String {
    let mut t = format!("sorted by {sort}");
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
pub const RUNS_NO_MATCH: &str = "no run name contains the filter (Esc clears it)";

// Sweeps on disk
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

// Sweep screen
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
pub fn d_crit(threshold_pct: f64, list: &str) -> String {
    format!("D_crit (val ≥ {threshold_pct:.0}%): {list}")
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
pub const NO_FIGURE_YET: &str =
    "no figure yet: each needs finished cells at two values of its x axis";
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

// Run view
pub const ACCURACY: &str = "accuracy";
pub const LOSS: &str = "loss (log10)";
pub const NORM: &str = "parameter norm";
pub const EVENTS: &str = " phase events ";
pub const NO_EVENTS: &str = "none yet";
pub const TRAIN: &str = "train";
pub const STEP: &str = "step";
pub const ZOOM_STEPS: &str = "steps";
pub const LOSS_SHORT: &str = "loss";
pub const NORM_SHORT: &str = "norm";
pub const SMOOTHED: &str = "smoothed";
pub const VAL: &str = "val";
/// Val accuracy on the pairs whose swapped twin is not in training: what phases are judged on.
pub const TWIN_FREE: &str = "twin-free";
/// Mixes: train accuracy on the rule (addition) and on the random-label half.
pub const RULE: &str = "rule";
pub const MEMORIZE: &str = "mem";
pub const PHASE: &str = "phase";
/// The verdict of a live run that still waits for something (it says what).
pub const PROVISIONAL: &str = "provisional";
pub const WAITING: &str = "starting…";
pub const NO_RUN: &str = "No run yet: pick an experiment (Tab) and press Enter.";

// Status words (text, so that they read without colour)
pub const STARTING: &str = "STARTING";
pub const READING: &str = "READING…";
pub const RUNNING: &str = "RUNNING";
pub const PAUSED: &str = "PAUSED";
pub const DONE: &str = "DONE";
pub const STOPPED: &str = "STOPPED";
pub const FAILED: &str = "FAILED";

// Compare
pub const MEMORIZED: &str = "mem";
pub const GENERALIZED: &str = "gen";

// Popups
pub const HELP_TITLE: &str = " keys and symbols ";
pub const HELP_CLOSE: &str = "Esc or ? closes · ↑↓ scroll";
pub const HELP_SCREEN_KEYS: &str = "This screen";
pub const HELP_GLOBAL_KEYS: &str = "Everywhere";
pub const HELP_LEGEND: &str = "Symbols";
/// What every mark, glyph and word on the screens means: (symbol, meaning).
pub const LEGEND: &[(&str, &str)] = &[
    ("• ⣿", "train (dots) · val (line), with or without colour"),
    ("M", "memorized: train accuracy reached 99 %"),
    (
        "O",
        "generalization onset: val rose 10 points above its floor",
    ),
    ("G", "generalized: val accuracy reached 95 %"),
    ("P", "plateau: val flat part-way up (semi-grokking)"),
    ("↑ ↓", "parameter norm rose / fell 10 % since onset"),
    ("┬", "x-axis tick, exactly at its step"),
    (
        "⊞",
        "a grid of runs (a sweep): Enter runs its first cell here",
    ),
    (
        "provisional",
        "a live verdict still waiting; the row under the title says for what",
    ),
    (
        "P U G S C ?",
        "sweep map: progression, ungrokking, grokking, semi-grokking, comprehension, undecided",
    ),
    ("·", "sweep map: cell not started"),
];
pub const RESUME: &str = "resume";
pub const RESUME_ALL: &str = "resume all";
/// After quitting: one line per run of the session, and how to continue an unfinished one.
pub fn exit_run(label: &str, verdict: &str, step: &str, total: &str, dir: &str) -> String {
    format!("{label}: {verdict} at step {step} / {total} → {dir}")
}
pub fn exit_resume(dir: &str) -> String {
    format!("  continue it with: groktop resume {dir}")
}
pub const LOG_TITLE: &str = " message log ";
pub const LOG_EMPTY: &str =
    "nothing yet: notices, checkpoints, phase events and verdicts collect here";
pub fn log_position(from: usize, to: usize, n: usize) -> String {
    format!(" {from}–{to} of {n} ")
}
pub const NOTICE_MORE: &str = "… (m log)";
pub const QUIT_TITLE: &str = " quit groktop? ";
pub const QUIT_CHOICES: [&str; 3] = ["[c] checkpoint and quit", "[q] quit", "[Esc] cancel"];
pub const SAVING: &str = "stopping runs…";

pub fn quit_question(active: usize, sweep: bool) -> String {
    let runs = match active {
        0 => String::new(),
        1 => "A run is still training.".to_string(),
        n => format!("{n} runs are still training."),
    };
    if sweep {
        format!("{runs} The sweep started here stops with checkpoints (it resumes).")
            .trim_start()
            .to_string()
    } else {
        runs
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
pub const ALREADY_TRAINING: &str = "that run is training in this session already";
pub const CHECKPOINT_ASKED: &str = "writing a checkpoint…";
pub fn checkpointed(label: &str, step: &str, path: &str) -> String {
    format!("{label}: checkpoint at step {step} → {path}")
}
pub fn phase_event(label: &str, step: &str, message: &str) -> String {
    format!("{label} · step {step}: {message}")
}
pub fn finished(label: &str, phase: &str, reason: &str) -> String {
    format!("{label} ended: {phase} — {reason}")
}
pub fn failed(label: &str, error: &str) -> String {
    format!("{label} failed: {error}")
}
/// A run opened read-only: finished, or followed while `writer` trains it.
pub fn viewing(dir: &str, writer: Option<String>) -> String {
    match writer {
        Some(w) => format!("following {dir} (read-only: {w} trains it)"),
        None => format!("viewing {dir} (read-only)"),
    }
}
pub fn bell(on: bool) -> &'static str {
    if on {
        "bell on: the terminal rings at each phase event"
    } else {
        "bell off"
    }
}
pub fn comparing(n: usize) -> String {
    format!("comparing {n} runs from disk (read-only)")
}
pub fn resuming(dir: &str) -> String {
    format!("resuming {dir}")
}

// Exporting the run view's charts
/// Where exported charts went, whole, for the message log (the tab row's notice is the
/// SVG's file name alone: at 80 columns the row has room for little else).
pub fn exported_to(svg: &str) -> String {
    format!("charts → {svg} (and .png)")
}
pub fn export_failed(why: &str) -> String {
    format!("cannot export the charts: {why}")
}

// Extending a finished run
pub const EXTEND_TITLE: &str = " train further ";
pub fn extend_question(label: &str, step: &str, dir: &str) -> String {
    format!(
        "{label} finished at step {step}. How many steps more? It resumes from its last \
         checkpoint in {dir}, its metrics and events continue there, and the verdict is made \
         again at the new end (as `groktop resume --extend N`)."
    )
}
pub const EXTEND_EMPTY: &str = "type how many steps to add";
pub fn extend_zero(typed: &str) -> String {
    format!("'{typed}': extending by 0 steps would train nothing")
}
pub fn extend_not_a_number(typed: &str) -> String {
    format!("'{typed}' is not a whole number of steps")
}
pub fn extending(label: &str, more: &str, total: &str) -> String {
    format!("extending {label} by {more} steps, to {total}")
}
pub fn cannot_extend(label: &str, why: &str) -> String {
    format!("{label} cannot be extended: {why}")
}
pub const EXTEND_FOLLOWED: &str = "another process is training it";
pub const EXTEND_UNFINISHED: &str =
    "it did not finish (Enter on the Runs tab resumes it to its own end)";
pub const EXTEND_NO_DIR: &str = "it has no run directory";
pub fn scan_error(dir: &str, e: &str) -> String {
    format!("cannot read {dir}: {e}")
}

// Status bar
pub fn status_line(step: &str, total: &str, rate: &str, elapsed: &str, eta: &str) -> String {
    format!("step {step} / {total} · {rate} · elapsed {elapsed} · ETA {eta}")
}

// Run view details
pub const TRAIN_LOSS_SPARK: &str = "train loss (log)";
pub const VAL_LOSS_SPARK: &str = "val loss (log)";
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

// Compare view
pub const VAL_ACCURACY: &str = "val accuracy";
pub const TRAIN_ACCURACY: &str = "train accuracy";
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

// Picker details
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

// The circuits panel (key `f`).
pub const CIRCUIT_LOSS: &str = "log loss";
pub const RESTRICTED: &str = "restricted";
pub const EXCLUDED: &str = "excluded";
pub const SPARSITY: &str = "sparsity";
pub const KEY_SHARE: &str = "key share";
pub const GINI: &str = "Gini";
pub const RESTRICTED_SPARK: &str = "restricted (log)";
pub const EXCLUDED_SPARK: &str = "excluded (log)";
pub const NO_CIRCUITS: &str =
    "no circuit measures: they exist for (a+b) mod P and the addition part of a mix";

/// `key freqs 14 35 41 · Gini 0.62`
pub fn key_freqs(freqs: &[usize], gini: Option<f64>) -> String {
    let list: Vec<String> = freqs.iter().map(ToString::to_string).collect();
    let gini = gini.map_or_else(String::new, |g| format!(" · Gini {g:.2}"));
    format!("key freqs {}{gini}", list.join(" "))
}

/// The sweep screen's figure header: which figure of how many, and the key to the next.
pub fn figure_position(i: usize, n: usize) -> String {
    format!("figure {i}/{n} · g next")
}
pub const FIGURE_MARKERS: &str = "┆ D_crit of the line in that colour";
pub fn figure_threshold(y: f64) -> String {
    format!("┄ {:.0}% val accuracy", y * 100.0)
}
