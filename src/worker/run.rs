//! The worker loop: build or restore a trainer, step, evaluate, detect, checkpoint, report.

use super::protocol::{Control, Event, Launch, RunId, RunInfo, RunSummary, Until};
use crate::analysis::{DetectorConfig, Divergence, PhaseDetector, PhaseEvent};
use crate::record::Metrics;
use crate::record::{self, RunDir, RunWriter};
use crate::train::Trainer;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread::JoinHandle;

/// A running worker: its control channel and thread.
pub struct RunHandle {
    pub id: RunId,
    control: Sender<Control>,
    thread: Option<JoinHandle<()>>,
}

impl RunHandle {
    /// Sends a control message; false when the worker has already ended.
    pub fn send(&self, c: Control) -> bool {
        self.control.send(c).is_ok()
    }

    /// A sender for control messages that can outlive this handle's borrow.
    pub fn control_sender(&self) -> Sender<Control> {
        self.control.clone()
    }

    /// Waits for the worker thread to end.
    pub fn join(mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Starts a run in a new thread. Every outcome, failure included, arrives as an `Event`.
pub fn spawn(id: RunId, launch: Launch, events: Sender<Event>) -> RunHandle {
    let (control, control_rx) = mpsc::channel();
    let thread = std::thread::Builder::new()
        .name(format!("run-{}", id.0))
        .spawn(move || execute(id, launch, &events, &control_rx))
        .expect("spawning a worker thread");
    RunHandle {
        id,
        control,
        thread: Some(thread),
    }
}

/// Runs a launch to its end on the current thread, reporting through `events`. Any error or
/// panic (on this thread or on the thread pool a step runs on) ends as `Event::Failed`, and
/// is recorded in the run's events.log when the run got that far.
pub fn execute(id: RunId, launch: Launch, events: &Sender<Event>, control: &Receiver<Control>) {
    let send = |e: Event| {
        let _ = events.send(e);
    };
    let mut writer: Option<RunWriter> = None;
    let outcome = guarded(|| {
        let mut run = prepare(launch)?;
        writer = Some(run.dir.clone());
        run.drive(id, &send, control)
    });
    let Err(error) = outcome else {
        return;
    };
    if let Some(w) = &writer {
        let _ = w.append_failure(&error);
    }
    send(Event::Failed { run: id, error });
}

/// Runs `f`, turning a panic into an error: a panic on this thread, or on a thread-pool
/// thread of a step (rayon hands it back to the thread that waits for it).
pub fn guarded<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => Err(format!("the worker panicked: {}", panic_message(&*payload))),
    }
}

/// The text of a panic's payload.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".into())
}

/// A trainer with its directory and detector, ready to step.
struct ActiveRun {
    trainer: Trainer,
    dir: RunWriter,
    detector: PhaseDetector,
    history_events: Vec<PhaseEvent>,
    start_step: u64,
    /// The step of the newest checkpoint on disk (`None`: none yet).
    checkpointed: Option<u64>,
    notes: Vec<String>,
}

fn prepare(launch: Launch) -> Result<ActiveRun, String> {
    match launch {
        Launch::New {
            preset,
            runs_root,
            dir,
        } => {
            // Before anything is created or allocated.
            crate::estimate::check_fits(&preset)?;
            let dir = match dir {
                Some(path) => RunWriter::create_at(&path, &preset),
                None => RunWriter::create_new(&runs_root, &preset),
            }?;
            start_new(dir, &preset)
        }
        Launch::Resume { dir, until } => resume(RunWriter::open(&dir)?, until),
        Launch::Claimed { claim, preset } => {
            let existing = RunDir::open(claim.dir()).ok();
            match existing {
                Some(run) if run.latest_usable().0.is_some() => {
                    resume(RunWriter::open_claimed(claim, run), Until::Preset)
                }
                _ => {
                    crate::estimate::check_fits(&preset)?;
                    start_new(RunWriter::create_claimed(claim, &preset)?, &preset)
                }
            }
        }
    }
}

fn start_new(dir: RunWriter, preset: &crate::preset::Preset) -> Result<ActiveRun, String> {
    let trainer = Trainer::new(preset)?;
    dir.write_train_pairs(&trainer.data)?;
    Ok(ActiveRun {
        trainer,
        dir,
        detector: PhaseDetector::new(DetectorConfig::default()),
        history_events: Vec::new(),
        start_step: 0,
        checkpointed: None,
        notes: Vec::new(),
    })
}

fn resume(dir: RunWriter, until: Until) -> Result<ActiveRun, String> {
    let mut preset = dir.preset()?;
    if until.total(preset.training.steps, 0) != Some(preset.training.steps)
        && let Some(sweep) = dir.sweep()
    {
        return Err(format!(
            "{}: is a cell of the sweep {}, whose cells all train the {} steps of its sweep.ron; one cell trained further would no longer be the grid's (its row and summary.csv would describe a shorter run). To train the grid longer, give a copy of its preset more steps and run that grid into a new directory (`groktop sweep LONGER.ron --out NEW_DIR`); to look further into this one run, copy it out and resume the copy (`cp -r {} runs/CELL-longer && groktop resume runs/CELL-longer --extend N`)",
            dir.path.display(),
            sweep.path.display(),
            preset.training.steps,
            dir.path.display()
        ));
    }
    crate::estimate::check_fits(&preset)?;
    let mut trainer = Trainer::new(&preset)?;
    let (checkpoint, skipped) = trainer.resume_from(&dir).map_err(|e| {
        format!(
            "{e}; start it again with `groktop run --out {}`",
            dir.path.display()
        )
    })?;
    let step = checkpoint.step;
    let mut notes: Vec<String> = skipped
        .into_iter()
        .map(|why| format!("skipped a checkpoint: {why}"))
        .collect();
    if !notes.is_empty() {
        notes.push(format!(
            "resuming from the newest intact checkpoint, step {step}"
        ));
    }
    if let Some(total) = resume_total(&dir.path, preset.training.steps, step, until)? {
        if let Until::More(n) = until {
            notes.push(format!(
                "extended by {n} steps: {total} in all (the plan was {}, the last checkpoint is at step {step})",
                preset.training.steps
            ));
        }
        preset.training.steps = total;
        trainer.preset.training.steps = total;
    }
    // What ran is now this preset (the step count may have grown).
    dir.write_preset(&preset)?;
    dir.write_metrics(&trainer.history)?;
    let mut detector = PhaseDetector::new(DetectorConfig::default());
    let mut history_events = Vec::new();
    for m in &trainer.history {
        history_events.extend(m.feed(&mut detector));
    }
    dir.write_events(&history_events)?;
    Ok(ActiveRun {
        trainer,
        dir,
        detector,
        history_events,
        start_step: step,
        checkpointed: Some(step),
        notes,
    })
}

/// The step count a run resumed at `step` trains to (`None`: its preset's, `planned`), or
/// why not. Extending adds to whichever is further, the plan or the step reached, so a
/// stopped run extended never ends before its plan.
fn resume_total(
    dir: &std::path::Path,
    planned: u64,
    step: u64,
    until: Until,
) -> Result<Option<u64>, String> {
    let at = dir.display();
    match until {
        Until::Preset => Ok(None),
        Until::Total(total) if total < step => Err(format!(
            "{at}: the run is already at step {step}; --steps {total} would go backwards"
        )),
        Until::Total(total) => Ok(Some(total)),
        Until::More(0) => Err(format!(
            "{at}: extending by 0 steps would train nothing; give at least 1"
        )),
        Until::More(n) => until.total(planned, step).map(Some).ok_or_else(|| {
            format!("{at}: extending step {step} by {n} steps overflows the step counter")
        }),
    }
}

impl ActiveRun {
    fn drive(
        &mut self,
        id: RunId,
        send: &dyn Fn(Event),
        control: &Receiver<Control>,
    ) -> Result<(), String> {
        send(Event::Started {
            run: id,
            info: Box::new(RunInfo {
                preset: self.trainer.preset.clone(),
                dir: self.dir.path.clone(),
                start_step: self.start_step,
                total_steps: self.trainer.total_steps(),
                n_params: self.trainer.model.cfg.n_params(),
                history: self.trainer.history.clone(),
                events: self.history_events.clone(),
                notes: std::mem::take(&mut self.notes),
            }),
        });
        // The evaluation an uninterrupted run makes at this step, unless the history has it.
        if self.trainer.is_eval_step()
            && self.trainer.history.last().map(|m| m.step) != Some(self.trainer.step())
        {
            self.evaluate(id, send)?;
        }
        let every = self.trainer.preset.training.checkpoint_every;
        loop {
            match self.poll_control(id, send, control)? {
                Flow::Continue => {}
                Flow::Stop { checkpoint } => {
                    if checkpoint && self.checkpointed != Some(self.trainer.step()) {
                        self.checkpoint(id, send)?;
                    }
                    return self.finish(id, send, false);
                }
            }
            if self.trainer.is_done() {
                break;
            }
            let loss = self.trainer.train_step();
            if !loss.is_finite() {
                // The loss of the weights before this update: they are those of step - 1.
                return self.diverged(self.trainer.step() - 1, "the training loss");
            }
            if self.trainer.is_eval_step() {
                self.evaluate(id, send)?;
            }
            if self.trainer.step().is_multiple_of(every) && !self.trainer.is_done() {
                self.checkpoint(id, send)?;
            }
        }
        if self.checkpointed != Some(self.trainer.step()) {
            self.checkpoint(id, send)?;
        }
        self.finish(id, send, true)
    }

    /// Handles pending control messages; while paused, blocks until resumed or stopped.
    fn poll_control(
        &mut self,
        id: RunId,
        send: &dyn Fn(Event),
        control: &Receiver<Control>,
    ) -> Result<Flow, String> {
        let mut paused = false;
        loop {
            let message = if paused {
                match control.recv() {
                    Ok(m) => m,
                    // Nobody can resume us any more: stop cleanly with a checkpoint.
                    Err(_) => return Ok(Flow::Stop { checkpoint: true }),
                }
            } else {
                match control.try_recv() {
                    Ok(m) => m,
                    Err(TryRecvError::Empty | TryRecvError::Disconnected) => {
                        return Ok(Flow::Continue);
                    }
                }
            };
            match message {
                Control::Pause if !paused => {
                    paused = true;
                    send(Event::Paused {
                        run: id,
                        step: self.trainer.step(),
                    });
                }
                Control::Resume if paused => {
                    paused = false;
                    self.trainer.mark_resumed();
                    send(Event::Resumed {
                        run: id,
                        step: self.trainer.step(),
                    });
                }
                Control::Checkpoint => self.checkpoint(id, send)?,
                Control::Stop { checkpoint } => return Ok(Flow::Stop { checkpoint }),
                Control::Pause | Control::Resume => {}
            }
        }
    }

    fn evaluate(&mut self, id: RunId, send: &dyn Fn(Event)) -> Result<(), String> {
        let m = self.trainer.evaluate();
        self.dir.append_metrics(&m)?;
        if let Some(what) = m.non_finite() {
            return self.diverged(m.step, what);
        }
        for e in m.feed(&mut self.detector) {
            self.dir.append_event(&e)?;
            send(Event::Phase { run: id, event: e });
        }
        send(Event::Metrics {
            run: id,
            metrics: m,
            classification: self.detector.live(self.trainer.total_steps()),
        });
        Ok(())
    }

    /// Ends a run whose loss or norm went non-finite, naming the last finite checkpoint.
    fn diverged(&mut self, step: u64, what: &'static str) -> Result<(), String> {
        let verdict = Divergence { step, what }.classification();
        self.dir.append_final(verdict.phase, &verdict.reason)?;
        let resume_from = match self.checkpointed {
            Some(s) => format!(
                "the last finite checkpoint is step {s} ({})",
                self.dir
                    .checkpoints_path()
                    .join(format!("step-{s}"))
                    .display()
            ),
            None => "no checkpoint was written before it".to_string(),
        };
        Err(format!(
            "diverged: {what} became NaN or infinite at step {step}; training stopped and {resume_from}; a smaller learning rate or weight decay may help"
        ))
    }

    fn checkpoint(&mut self, id: RunId, send: &dyn Fn(Event)) -> Result<(), String> {
        let norm = self.trainer.model.param_norm();
        if !norm.is_finite() {
            return self.diverged(self.trainer.step(), "the parameter norm");
        }
        let path = self.trainer.save_checkpoint(&self.dir)?;
        self.checkpointed = Some(self.trainer.step());
        send(Event::Checkpointed {
            run: id,
            step: self.trainer.step(),
            path,
        });
        Ok(())
    }

    fn finish(&mut self, id: RunId, send: &dyn Fn(Event), completed: bool) -> Result<(), String> {
        let completed = completed && self.trainer.is_done();
        // Only a run that reached its planned end gets a final verdict; a stopped one keeps
        // the provisional verdict it had, since resuming it may still change it.
        let classification = if completed {
            let verdict = self.detector.classify();
            self.dir.append_final(verdict.phase, &verdict.reason)?;
            // Only a whole run, trained from step 0 to its end in one go, says how long such
            // a run takes: a resumed segment or an extension counted as one made the picker
            // say "from 2 finished runs" after one.
            if self.start_step == 0 {
                self.record_timing();
            }
            verdict
        } else {
            let live = self.detector.live(self.trainer.total_steps());
            self.dir.append_stopped(
                self.trainer.step(),
                &format!("provisional: {}", live.reason),
            )?;
            live
        };
        let best = |acc: fn(&Metrics) -> Option<f32>| {
            self.trainer.history.iter().filter_map(acc).reduce(f32::max)
        };
        send(Event::Finished {
            run: id,
            summary: Box::new(RunSummary {
                dir: self.dir.path.clone(),
                step: self.trainer.step(),
                last: self.trainer.history.last().cloned(),
                best_val_acc: best(|m| m.val_acc),
                best_twin_free_val_acc: best(|m| m.twin_free_val_acc),
                classification,
                memorized_step: self.detector.memorized_step(),
                generalized_step: self.detector.generalized_step(),
                completed,
            }),
        });
        Ok(())
    }

    /// How long this run took, beside the runs, for estimates (best effort: a run's result
    /// does not depend on it).
    fn record_timing(&self) {
        let t = &self.trainer;
        let timing = record::Timing {
            preset: t.preset.name.clone(),
            n_params: t.model.cfg.n_params() as u64,
            n_train: t.data.train.examples.len() as u64,
            steps: t.step().saturating_sub(self.start_step),
            train_secs: t.session_secs(),
            threads: rayon::current_num_threads() as u64,
            finished_unix: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        };
        let _ = record::append_timing(&record::timings_home(&self.dir.path), &timing);
    }
}

enum Flow {
    Continue,
    Stop { checkpoint: bool },
}
