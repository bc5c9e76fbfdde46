//! Running the selected cells of a sweep: a queue of cells, `jobs` worker threads that each
//! own a rayon pool of `threads` threads (dfdx's matmul sizes its work by
//! `rayon::current_num_threads()`, so a cell trained inside `pool.install` uses exactly that
//! pool, and which claims each cell and writes its row while it holds the claim), and the
//! main thread that receives every worker's events, rebuilds `summary.csv` and draws the
//! progress line.

use super::row::summary_row;
use super::select::Selection;
use crate::preset::{Cell, Preset};
use crate::record::{self, CellStatus, SweepDir};
use crate::worker::{self, Control, Event, Launch, RunId, RunSummary};
use crate::{estimate, human, interrupt};
use std::collections::{BTreeMap, VecDeque};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What `groktop sweep` was asked to do.
#[derive(Clone, Debug)]
pub struct Options {
    pub out: PathBuf,
    /// Cells trained at once (see [`super::default_jobs`]).
    pub jobs: usize,
    pub selection: Selection,
}

/// How a sweep invocation ended.
#[derive(Clone, Debug, Default)]
pub struct Outcome {
    /// Selected cells that had finished before this invocation (skipped).
    pub skipped: usize,
    /// Cells finished by this invocation.
    pub finished: usize,
    /// Cells stopped by Ctrl-C with a checkpoint (continued by the next invocation).
    pub stopped: usize,
    /// Cells another process sharing the directory was running (or finished first).
    pub elsewhere: usize,
    /// `cell: error` for each cell that failed.
    pub failed: Vec<String>,
    /// Rows in `summary.csv` afterwards (all cells of the sweep, not only the selected).
    pub summary_rows: usize,
}

/// How many cells run at once and how many threads each gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    pub jobs: usize,
    pub threads: usize,
}

impl Plan {
    /// `jobs` cells at once (never more than there are cells to run), sharing the cores.
    pub fn new(jobs: usize, cells_to_run: usize) -> Plan {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let jobs = jobs.clamp(1, cells_to_run.max(1));
        Plan {
            jobs,
            threads: (cores / jobs).max(1),
        }
    }
}

/// The label of a cell in lines and lists: `0007 n3000 d64 L1 m0 s2`.
pub fn cell_label(c: &Cell) -> String {
    let a = c.axes;
    format!(
        "{:04} n{} d{} L{} m{} s{}",
        c.index, a.n_train, a.d_model, a.n_layers, a.n_memorize, a.seed
    )
}

/// Runs the selected cells of `preset` into `opts.out`, skipping finished cells and resuming
/// interrupted ones. Ctrl-C stops running cells with a checkpoint and starts no new one.
pub fn run(preset: &Preset, opts: &Options) -> Result<Outcome, String> {
    let cells = opts.selection.apply(preset.cells(), &preset.name)?;
    let sweep = SweepDir::new(&opts.out);
    sweep.prepare(preset)?;
    for line in sweep.mismatched_cells(&cells) {
        crate::stderrln!("groktop sweep: warning: {line}");
    }
    let mut outcome = Outcome::default();
    let mut todo: Vec<(Cell, f64)> = Vec::new();
    let mut resuming = 0;
    for cell in cells.iter() {
        let est = estimate::run_secs(&cell.preset);
        match sweep.cell_status(cell) {
            CellStatus::Finished => outcome.skipped += 1,
            CellStatus::Running { .. } => outcome.elsewhere += 1,
            CellStatus::Stopped { step } => {
                resuming += 1;
                let total = cell.preset.training.steps.max(1);
                let left = total.saturating_sub(step) as f64 / total as f64;
                todo.push((cell.clone(), est * left));
            }
            CellStatus::NotStarted { .. } | CellStatus::Failed { .. } => {
                todo.push((cell.clone(), est))
            }
        }
    }
    let plan = Plan::new(opts.jobs, todo.len());
    crate::stderrln!(
        "groktop sweep {}: {} of {} cells selected; {} finished before, {} to run ({} resumed){} as {} at once × {} thread{} → {}",
        preset.name,
        cells.len(),
        preset.cells().len(),
        outcome.skipped,
        todo.len(),
        resuming,
        match outcome.elsewhere {
            0 => String::new(),
            n => format!(", {n} running in another process"),
        },
        plan.jobs,
        plan.threads,
        if plan.threads == 1 { "" } else { "s" },
        sweep.path.display()
    );
    if !todo.is_empty() {
        // Cells that finished here before (this sweep's `timings.csv`) calibrate the ETA from
        // the start.
        let timings = record::read_timings(&sweep.path).unwrap_or_default();
        let learned = estimate::Learned::from_timings(&preset.cells(), &timings);
        run_cells(&sweep, todo, plan, cells.len(), learned, &mut outcome);
    }
    outcome.summary_rows = sweep.regenerate_summary()?;
    Ok(outcome)
}

/// A cell in progress, as the main thread sees it.
struct Running {
    label: String,
    n_params: usize,
    start_step: u64,
    step: u64,
    total: u64,
    since: Instant,
    est_secs: f64,
}

fn run_cells(
    sweep: &SweepDir,
    todo: Vec<(Cell, f64)>,
    plan: Plan,
    selected: usize,
    learned: estimate::Learned,
    outcome: &mut Outcome,
) {
    let by_index: BTreeMap<usize, (Cell, f64)> = todo
        .iter()
        .map(|(c, e)| (c.index, (c.clone(), *e)))
        .collect();
    let queue: Arc<Mutex<VecDeque<Cell>>> =
        Arc::new(Mutex::new(todo.into_iter().map(|(c, _)| c).collect()));
    let stop = Arc::new(AtomicBool::new(false));
    let elsewhere = Arc::new(AtomicUsize::new(0));
    // A signal: the handler also "stops" this sentinel, which tells us to start no new cell.
    let (sentinel, ctrl_c) = mpsc::channel();
    interrupt::stop_on_signal(sentinel);

    let (events_tx, events) = mpsc::channel();
    let workers: Vec<_> = (0..plan.jobs)
        .map(|k| {
            let (queue, stop, events_tx, sweep, elsewhere) = (
                queue.clone(),
                stop.clone(),
                events_tx.clone(),
                sweep.clone(),
                elsewhere.clone(),
            );
            std::thread::Builder::new()
                .name(format!("sweep-{k}"))
                .spawn(move || {
                    let shared = Shared {
                        queue: &queue,
                        sweep: &sweep,
                        events: &events_tx,
                        stop: &stop,
                        elsewhere: &elsewhere,
                    };
                    worker_loop(&shared, plan.threads)
                })
                .expect("spawning a sweep worker")
        })
        .collect();
    drop(events_tx);

    let mut progress = Progress::new(selected, outcome.skipped, plan, learned);
    progress.pending = by_index
        .iter()
        .map(|(&i, (c, e))| (i, (c.preset.n_params() as u64, *e)))
        .collect();
    let mut running: BTreeMap<usize, Running> = BTreeMap::new();
    loop {
        if ctrl_c.try_recv().is_ok() {
            stop.store(true, Ordering::SeqCst);
        }
        let event = match events.recv_timeout(Duration::from_millis(250)) {
            Ok(e) => e,
            Err(RecvTimeoutError::Timeout) => {
                progress.draw(&running, false);
                continue;
            }
            Err(RecvTimeoutError::Disconnected) => break,
        };
        let index = event.run().0;
        let Some((cell, est)) = by_index.get(&index) else {
            continue;
        };
        match event {
            Event::Started { info, .. } => {
                progress.pending.remove(&index);
                for note in &info.notes {
                    progress.line(&format!("  ! cell {}: {note}", cell_label(cell)));
                }
                if info.start_step > 0 {
                    progress.line(&format!(
                        "  ↻ cell {}: resuming from step {}",
                        cell_label(cell),
                        human::steps(info.start_step)
                    ));
                }
                running.insert(
                    index,
                    Running {
                        label: format!("{:04}", cell.index),
                        n_params: info.n_params,
                        start_step: info.start_step,
                        step: info.start_step,
                        total: info.total_steps,
                        since: Instant::now(),
                        est_secs: *est,
                    },
                );
            }
            Event::Metrics { metrics, .. } => {
                if let Some(r) = running.get_mut(&index) {
                    r.step = metrics.step;
                }
            }
            Event::Finished { summary, .. } => {
                let r = running.remove(&index);
                if summary.completed {
                    // The worker wrote the cell's row before reporting it finished.
                    match sweep.regenerate_summary().map(|_| ()) {
                        Ok(()) => {
                            outcome.finished += 1;
                            if let Some(r) = &r {
                                progress.learned.add(
                                    r.n_params as u64,
                                    r.since.elapsed().as_secs_f64() / r.est_secs,
                                );
                            }
                            progress.done += 1;
                            progress.line(&finished_line(cell, &summary, r.as_ref()));
                        }
                        Err(e) => {
                            progress.line(&format!("  ✗ cell {}: {e}", cell_label(cell)));
                            outcome.failed.push(format!("{}: {e}", cell_label(cell)));
                        }
                    }
                } else {
                    outcome.stopped += 1;
                    progress.line(&format!(
                        "  ■ cell {}: stopped at step {} with a checkpoint; run the sweep again to continue",
                        cell_label(cell),
                        human::steps(summary.step)
                    ));
                }
            }
            Event::Failed { error, .. } => {
                running.remove(&index);
                progress.line(&format!("  ✗ cell {}: {error}", cell_label(cell)));
                outcome
                    .failed
                    .push(format!("{}: {error}", cell_label(cell)));
            }
            _ => {}
        }
        progress.draw(&running, false);
    }
    progress.draw(&running, true);
    progress.close();
    for w in workers {
        let _ = w.join();
    }
    outcome.elsewhere += elsewhere.load(Ordering::SeqCst);
}

/// What the sweep's worker threads share.
struct Shared<'a> {
    queue: &'a Mutex<VecDeque<Cell>>,
    sweep: &'a SweepDir,
    events: &'a Sender<Event>,
    /// A signal came: start no new cell.
    stop: &'a AtomicBool,
    /// Cells found claimed or finished by another process.
    elsewhere: &'a AtomicUsize,
}

/// One worker thread: take cells off the queue until it is empty or a signal came. Each cell
/// is claimed first (its directory's lock), so a cell that another process sharing the sweep
/// directory runs, or has just finished, is left to it.
fn worker_loop(shared: &Shared<'_>, threads: usize) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(move |i| format!("sweep-rayon-{i}"))
        .build();
    loop {
        if shared.stop.load(Ordering::SeqCst) {
            return;
        }
        let next = shared
            .queue
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .pop_front();
        let Some(cell) = next else {
            return;
        };
        let id = RunId(cell.index);
        let claim = match shared.sweep.claim(&cell) {
            Ok(claim) => claim,
            Err(_) if record::holder(&shared.sweep.cell_dir(&cell)).is_some() => {
                shared.elsewhere.fetch_add(1, Ordering::SeqCst);
                continue;
            }
            Err(e) => {
                let _ = shared.events.send(Event::Failed {
                    run: id,
                    error: e.0,
                });
                continue;
            }
        };
        if shared.sweep.recorded_status(&cell) == CellStatus::Finished {
            shared.elsewhere.fetch_add(1, Ordering::SeqCst);
            continue;
        }
        // Held until the cell's row is written, after its run has ended.
        let held = claim.clone();
        let launch = Launch::Claimed {
            claim,
            preset: cell.preset.clone(),
        };
        let (control, control_rx) = mpsc::channel();
        interrupt::stop_on_signal(control.clone());
        if shared.stop.load(Ordering::SeqCst) {
            // A signal came between taking the cell and registering: stop at once.
            let _ = control.send(Control::Stop { checkpoint: true });
        }
        let (tx, rx) = mpsc::channel();
        let job = move || worker::execute(id, launch, &tx, &control_rx);
        match &pool {
            Ok(pool) => pool.spawn(job),
            // No pool (cannot spawn threads): the global pool still trains correctly.
            Err(_) => rayon::spawn(job),
        }
        let mut n_params = 0;
        for event in rx {
            let event = match event {
                Event::Started { ref info, .. } => {
                    n_params = info.n_params;
                    event
                }
                Event::Finished { run, summary } if summary.completed => {
                    let row = summary_row(&cell, n_params, &summary);
                    match shared.sweep.write_cell_row(&cell, &row) {
                        Ok(()) => Event::Finished { run, summary },
                        Err(e) => Event::Failed { run, error: e.0 },
                    }
                }
                other => other,
            };
            let _ = shared.events.send(event);
        }
        drop(held);
    }
}

fn finished_line(cell: &Cell, s: &RunSummary, r: Option<&Running>) -> String {
    let (train, val) = s.last.as_ref().map_or((0.0, "–".into()), |m| {
        (m.train_acc, human::val_pct(m.val_acc, m.twin_free_val_acc))
    });
    format!(
        "  ✓ cell {}: {:<13} train {} val {} best {}  {} params  {}",
        cell_label(cell),
        s.classification.phase.label(),
        human::pct(train),
        val,
        human::val_pct(s.best_val_acc, s.best_twin_free_val_acc),
        r.map_or(0, |r| r.n_params),
        r.map_or_else(
            || "-".into(),
            |r| human::duration(r.since.elapsed().as_secs_f64())
        ),
    )
}

/// The progress line on stderr: rewritten in place on a terminal, printed every
/// [`LOG_EVERY`] in a log file.
struct Progress {
    total: usize,
    done: usize,
    jobs: usize,
    tty: bool,
    open_line: bool,
    last_draw: Option<Instant>,
    /// (parameters, estimated seconds by the cost model) of the cells not started yet.
    pending: BTreeMap<usize, (u64, f64)>,
    /// Measured ÷ estimated time of the cells finished here, by model size.
    learned: estimate::Learned,
    /// The factor before any cell of a size near a given one has finished.
    default_factor: f64,
}

const LOG_EVERY: Duration = Duration::from_secs(10);
const TTY_EVERY: Duration = Duration::from_millis(200);

impl Progress {
    fn new(total: usize, done: usize, plan: Plan, learned: estimate::Learned) -> Self {
        Self {
            total,
            done,
            jobs: plan.jobs,
            tty: std::io::stderr().is_terminal(),
            open_line: false,
            last_draw: None,
            pending: BTreeMap::new(),
            learned,
            // The cost model was fitted on 2 threads; a 1-thread cell takes longer.
            default_factor: (2.0 / plan.threads as f64).clamp(1.0, 2.0),
        }
    }

    fn eta_secs(&self, running: &BTreeMap<usize, Running>) -> f64 {
        let factor = |n_params: u64| {
            self.learned
                .factor_for(n_params)
                .unwrap_or(self.default_factor)
        };
        let pending: f64 = self.pending.values().map(|&(n, e)| e * factor(n)).sum();
        let in_flight: f64 = running
            .values()
            .map(|r| {
                let span = r.total.saturating_sub(r.start_step).max(1) as f64;
                let left = (1.0 - (r.step - r.start_step) as f64 / span).max(0.0);
                r.est_secs * left * factor(r.n_params as u64)
            })
            .sum();
        (pending + in_flight) / self.jobs as f64
    }

    fn text(&self, running: &BTreeMap<usize, Running>) -> String {
        const WIDTH: usize = 20;
        let filled = (self.done * WIDTH).checked_div(self.total).unwrap_or(0);
        let bar: String = "█".repeat(filled) + &"░".repeat(WIDTH - filled);
        let cells: Vec<String> = running
            .values()
            .map(|r| {
                format!(
                    "{} {}%",
                    r.label,
                    (100 * r.step).checked_div(r.total).unwrap_or(0)
                )
            })
            .collect();
        format!(
            "[{bar}] {}/{} cells  running: {}  ETA {}",
            self.done,
            self.total,
            if cells.is_empty() {
                "-".to_string()
            } else {
                cells.join(", ")
            },
            human::duration(self.eta_secs(running))
        )
    }

    fn draw(&mut self, running: &BTreeMap<usize, Running>, force: bool) {
        let every = if self.tty { TTY_EVERY } else { LOG_EVERY };
        if !force && self.last_draw.is_some_and(|t| t.elapsed() < every) {
            return;
        }
        self.last_draw = Some(Instant::now());
        let text = self.text(running);
        if self.tty {
            crate::stderr!("\r\x1b[2K{text}");
            self.open_line = true;
        } else {
            crate::stderrln!("{text}");
        }
    }

    fn line(&mut self, text: &str) {
        self.finish_line();
        crate::stderrln!("{text}");
    }

    /// Clears the progress line so that a line of its own can be printed.
    fn finish_line(&mut self) {
        if self.open_line {
            crate::stderr!("\r\x1b[2K");
            self.open_line = false;
        }
    }

    /// Leaves the last progress line on screen.
    fn close(&mut self) {
        if self.open_line {
            crate::stderrln!();
            self.open_line = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each cell's remaining time is scaled by what cells of its own size took here: a wide
    /// model's slowness does not inflate the small ones' estimate, nor the other way round.
    #[test]
    fn the_eta_scales_each_cell_by_its_sizes_learned_factor() {
        let plan = Plan {
            jobs: 2,
            threads: 1,
        };
        let mut learned = estimate::Learned::default();
        learned.add(1_000, 1.0);
        learned.add(60_000, 4.0);
        let mut p = Progress::new(4, 0, plan, learned);
        p.pending = BTreeMap::from([(0, (1_000, 100.0)), (1, (60_000, 100.0))]);
        let half_done = Running {
            label: "0002".into(),
            n_params: 50_000,
            start_step: 0,
            step: 500,
            total: 1000,
            since: Instant::now(),
            est_secs: 40.0,
        };
        let running = BTreeMap::from([(2, half_done)]);
        // (100 · 1 + 100 · 4 + 40 · ½ · 4) / 2 jobs
        assert!((p.eta_secs(&running) - 290.0).abs() < 1e-9);
        // Before anything finished: one-thread cells take twice the 2-thread model.
        let mut fresh = Progress::new(4, 0, plan, estimate::Learned::default());
        fresh.pending = p.pending.clone();
        assert!((fresh.eta_secs(&BTreeMap::new()) - 200.0).abs() < 1e-9);
    }
}
