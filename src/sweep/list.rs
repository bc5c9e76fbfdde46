//! `groktop sweep --list`: the grid's cells, where each stands, and how long the rest will
//! take on this machine.

use super::select::Selection;
use crate::preset::Preset;
use crate::record::{CellStatus, SweepDir};
use crate::{estimate, human};
use std::fmt::Write as _;

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
    let mut s = String::new();
    let show_state = sweep.exists()
        && match sweep.check_preset(preset) {
            Ok(()) => true,
            Err(e) => {
                let _ = writeln!(s, "({e}; no cell's state is shown)");
                false
            }
        };
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
        let factor = learned.factor_for(c.preset.n_params() as u64);
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
