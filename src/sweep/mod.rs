//! `groktop sweep`: every cell of a preset's grid, run into one sweep directory.
//!
//! The sweep directory's layout is `record::sweep_dir`'s (plus `slurm-array.sh`,
//! `slurm-logs/` with --slurm, and `*.svg`, `*.png` after `groktop report`).
//!
//! * Resumable: a cell is finished when its run reached its total steps and its
//!   `summary-row.csv` exists; re-running skips it. A cell with a checkpoint short of that is
//!   resumed from it; Ctrl-C stops running cells with a checkpoint.
//! * Shareable: each cell is claimed (its run directory's lock) before it runs, so any number
//!   of processes may work in one directory at once, each cell trained exactly once: plain
//!   `groktop sweep`s share the grid, `--cell K` (one cell; what each Slurm array task runs)
//!   and `--shard i/n` (cells with `index % n == i`) split it up front.
//!
//! # Two single-threaded cells or one two-threaded cell?
//!
//! Two at once, one thread each: that is the default `--jobs` (one cell per core). Measured on
//! this 2-core machine with `scripts/bench-sweep-jobs.sh` (two cells of one width: mod-add
//! P = 113, 3000 training pairs, 300 full-batch steps, one evaluation; debug build with
//! optimised deps). The machine was shared with other people's builds and training (load
//! average 9–12 on 2 cores), so wall times swing by ±40 % between identical tries; CPU
//! seconds (user + sys) are stable:
//!
//! | d_model | 2 cells × 1 thread at once     | 1 cell × 2 threads, one after the other |
//! |---------|--------------------------------|-----------------------------------------|
//! | 8       | wall 6.5, 6.4 s; CPU 6.3, 6.3 s | wall 7.4, 10.5 s; CPU 6.7, 6.7 s        |
//! | 64      | wall 71.6, 63.2 s; CPU 40.1, 38.4 s | wall 73.2, 43.3 s; CPU 40.2, 36.2 s |
//!
//! The deciding figure is where a two-threaded cell spends its CPU time (per-thread
//! `/proc/<pid>/task/*/stat` of one 300-step cell with `--jobs 1`): at d_model 64 the thread
//! that drives training used 17.3 s and the second rayon thread 1.2 s (7 %); at d_model 8 the
//! second thread used 0.0 s (dfdx's matmuls there are too small to split). Most of a step is
//! element-wise and backward work on one thread, so a lone cell leaves the second core ~93 %
//! idle, while the same work as two one-thread cells keeps both cores busy: on an unloaded
//! 2-core machine two one-thread cells finish about 1.9× sooner. (On this loaded machine the
//! other users filled the idle core, which is why the wall times above are close.)
//!
//! These figures predate the data-parallel step (`model::shards`): a lone cell now splits its
//! batch over both cores, so one two-threaded cell also keeps both busy. Two one-thread cells
//! remain the default: they need no synchronisation within a step, and a sweep's results do
//! not depend on the choice (the shard count is fixed, so a cell's numbers are the same bits
//! with one thread or two).

mod row;
mod runner;
mod select;
mod slurm;

pub use row::summary_row;
pub use runner::{Options, Outcome, Plan, cell_label, run};
pub use select::{Selection, Shard};
pub use slurm::{CPUS_PER_TASK, LOGS, SCRIPT, script_text, slurm_time, write_script};

use crate::preset::Preset;
use crate::record::{CellStatus, SweepDir};
use crate::{estimate, human};
use std::fmt::Write as _;

/// `--jobs` when not given: one single-threaded cell per core (see the measurements above).
/// A lone cell (`--cell K`, a Slurm array task) still gets every core.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `--list`: one line per selected cell (index, axes, estimated time, and its state when the
/// sweep directory exists and holds this preset), then what is left and how long it will take.
/// Once cells of the sweep have finished, estimates learn from their `timings.csv`
/// ([`estimate::Learned`]); `jobs` cells are assumed to run at once.
pub fn list(
    preset: &Preset,
    selection: Selection,
    sweep: &SweepDir,
    jobs: usize,
) -> Result<String, String> {
    let cells = selection.apply(preset.cells(), &preset.name)?;
    let show_state = sweep.exists() && sweep.check_preset(preset).is_ok();
    let mut s = String::new();
    let learned = if show_state {
        match crate::record::read_timings(&sweep.path) {
            Ok(timings) => estimate::Learned::from_timings(&preset.cells(), &timings),
            Err(e) => {
                let _ = writeln!(s, "({e}; estimates from the cost model alone)");
                estimate::Learned::default()
            }
        }
    } else {
        estimate::Learned::default()
    };
    let _ = writeln!(
        s,
        "{:>5} {:>8} {:>7} {:>6} {:>6} {:>5} {:>9}  STATE",
        "CELL", "N_TRAIN", "D_MODEL", "LAYERS", "N_MEM", "SEED", "EST.TIME"
    );
    let (mut total, mut left_secs, mut left, mut finished) = (0.0, 0.0, 0, 0);
    for c in &cells {
        let factor = learned.factor_for(estimate::n_params(&c.preset) as u64);
        let est = estimate::run_secs(&c.preset) * factor.unwrap_or(1.0);
        total += est;
        let state = if show_state {
            let status = sweep.cell_status(c);
            let done_steps = match status {
                CellStatus::Finished => None,
                CellStatus::Stopped { step }
                | CellStatus::Running {
                    step: Some(step), ..
                } => Some(step),
                _ => Some(0),
            };
            match done_steps {
                None => finished += 1,
                Some(step) => {
                    left += 1;
                    let steps = c.preset.training.steps.max(1);
                    left_secs += est * (1.0 - step.min(steps) as f64 / steps as f64);
                }
            }
            status_text(&status)
        } else {
            "-".to_string()
        };
        let a = c.axes;
        let _ = writeln!(
            s,
            "{:>5} {:>8} {:>7} {:>6} {:>6} {:>5} {:>9}  {state}",
            c.index,
            a.n_train,
            a.d_model,
            a.n_layers,
            a.n_memorize,
            a.seed,
            human::duration(est)
        );
    }
    let of = format!("{} of {} cells", cells.len(), preset.cells().len());
    let learned_words = |l: &estimate::Learned| {
        let (lo, hi) = l.range().unwrap_or((1.0, 1.0));
        let factor = if hi - lo < 0.05 {
            format!("{lo:.1}× the quiet-machine cost model")
        } else {
            format!("{lo:.1}–{hi:.1}× the quiet-machine cost model, by model size")
        };
        format!(
            "learned from {} finished {} here: {factor}",
            l.runs(),
            if l.runs() == 1 { "cell" } else { "cells" }
        )
    };
    let _ = if !show_state {
        writeln!(
            s,
            "{of}, {} one after another (cost model: 2 threads on a quiet machine)",
            human::duration(total)
        )
    } else if learned.runs() == 0 {
        writeln!(
            s,
            "{of}: {finished} finished, {left} to go, {} one after another (cost model: 2 threads on a quiet machine; no finished cell's timing here to learn from)",
            human::duration(left_secs)
        )
    } else if left == 0 {
        writeln!(
            s,
            "{of}: all {finished} finished ({})",
            learned_words(&learned)
        )
    } else {
        let at_once = jobs.clamp(1, left);
        writeln!(
            s,
            "{of}: {finished} finished, {left} to go, about {} with {at_once} at a time ({})",
            human::duration(left_secs / at_once as f64),
            learned_words(&learned)
        )
    };
    Ok(s)
}

/// A cell's status in words, as `--list` prints it.
pub fn status_text(s: &CellStatus) -> String {
    match s {
        CellStatus::NotStarted { lost: None } => "not started".into(),
        CellStatus::NotStarted { lost: Some(step) } => format!(
            "stopped at step {} before its first checkpoint: starts over",
            human::steps(*step)
        ),
        CellStatus::Running { by, step } => match step {
            Some(step) => format!("running at step {} ({by})", human::steps(*step)),
            None => format!("running ({by})"),
        },
        CellStatus::Stopped { step } => format!("stopped at step {}", human::steps(*step)),
        CellStatus::Finished => "finished".into(),
        CellStatus::Failed { error } => format!("failed: {error}"),
    }
}
