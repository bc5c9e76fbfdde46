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

mod list;
mod row;
mod runner;
mod select;
mod slurm;

pub use list::{list, status_text};
pub use row::summary_row;
pub use runner::{Options, Outcome, Plan, cell_label, run};
pub use select::{Selection, Shard};
pub use slurm::{CPUS_PER_TASK, LOGS, SCRIPT, script_text, slurm_time, write_script};

/// `--jobs` when not given: one single-threaded cell per core (see the measurements above).
/// A lone cell (`--cell K`, a Slurm array task) still gets every core.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
