//! The worker loop: build or restore a trainer, step, evaluate, detect, checkpoint, report.

use super::protocol::{Control, Event, Launch, RunId, RunInfo, RunSummary};
use crate::analysis::{DetectorConfig, Observation, PhaseDetector, PhaseEvent};
use crate::train::{Metrics, RunDir, Trainer};
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

/// One line of `events.log` for a phase event.
pub fn event_line(e: &PhaseEvent) -> String {
    format!("step {}\t{:?}\t{}", e.step, e.kind, e.message)
}

/// Runs a launch to its end on the current thread, reporting through `events`.
pub fn execute(id: RunId, launch: Launch, events: &Sender<Event>, control: &Receiver<Control>) {
    let send = |e: Event| {
        let _ = events.send(e);
    };
    match prepare(launch) {
        Ok(mut run) => {
            if let Err(error) = run.drive(id, &send, control) {
                send(Event::Failed { run: id, error });
            }
        }
        Err(error) => send(Event::Failed { run: id, error }),
    }
}

/// A trainer with its directory and detector, ready to step.
struct ActiveRun {
    trainer: Trainer,
    dir: RunDir,
    detector: PhaseDetector,
    history_events: Vec<PhaseEvent>,
    start_step: u64,
}

fn prepare(launch: Launch) -> Result<ActiveRun, String> {
    match launch {
        Launch::New {
            preset,
            runs_root,
            dir,
        } => {
            let dir = match dir {
                Some(path) => RunDir::create_at(&path, &preset),
                None => RunDir::create_new(&runs_root, &preset),
            }
            .map_err(|e| e.to_string())?;
            let trainer = Trainer::new(&preset);
            dir.write_train_pairs(&trainer.data)
                .map_err(|e| e.to_string())?;
            let detector = PhaseDetector::new(DetectorConfig::default());
            Ok(ActiveRun {
                trainer,
                dir,
                detector,
                history_events: Vec::new(),
                start_step: 0,
            })
        }
        Launch::Resume { dir, steps } => {
            let dir = RunDir::open(&dir).map_err(|e| e.to_string())?;
            let mut preset = dir.preset().map_err(|e| e.to_string())?;
            let (step, ckpt) = dir.latest_checkpoint().ok_or_else(|| {
                format!(
                    "{}: no checkpoint to resume from (checkpoints/ is empty)",
                    dir.path.display()
                )
            })?;
            if let Some(total) = steps {
                if total < step {
                    return Err(format!(
                        "{}: the run is already at step {step}; --steps {total} would go backwards",
                        dir.path.display()
                    ));
                }
                preset.training.steps = total;
            }
            let mut trainer = Trainer::new(&preset);
            trainer.load_checkpoint(&ckpt).map_err(|e| e.to_string())?;
            // What ran is now this preset (the step count may have grown).
            crate::train::write_preset(&dir, &preset).map_err(|e| e.to_string())?;
            dir.write_metrics(&trainer.history)
                .map_err(|e| e.to_string())?;
            let mut detector = PhaseDetector::new(DetectorConfig::default());
            let mut history_events = Vec::new();
            for m in &trainer.history {
                history_events.extend(observe(&mut detector, m));
            }
            let lines: Vec<String> = history_events.iter().map(event_line).collect();
            dir.write_events(&lines).map_err(|e| e.to_string())?;
            Ok(ActiveRun {
                trainer,
                dir,
                detector,
                history_events,
                start_step: step,
            })
        }
    }
}

/// Feeds an evaluation, circuit measures included, to the detector; returns its new events.
pub(crate) fn observe(detector: &mut PhaseDetector, m: &Metrics) -> Vec<PhaseEvent> {
    let mut events = detector.observe(observation(m));
    if let Some(c) = &m.circuits {
        events.extend(detector.observe_circuits(c.restricted_loss, c.excluded_loss));
    }
    events
}

/// What the detector sees of an evaluation.
pub(crate) fn observation(m: &Metrics) -> Observation {
    Observation {
        step: m.step,
        train_acc: m.train_acc,
        val_acc: m.val_acc,
        param_norm: m.param_norm,
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
            }),
        });
        if self.trainer.history.last().map(|m| m.step) != Some(self.trainer.step()) {
            self.evaluate(id, send)?;
        }
        let every = self.trainer.preset.training.checkpoint_every;
        let mut last_checkpoint = self.trainer.step();
        loop {
            match self.poll_control(id, send, control)? {
                Flow::Continue => {}
                Flow::Stop { checkpoint } => {
                    if checkpoint && last_checkpoint != self.trainer.step() {
                        self.checkpoint(id, send)?;
                    }
                    return self.finish(id, send, false);
                }
            }
            if self.trainer.is_done() {
                break;
            }
            self.trainer.train_step();
            if self.trainer.is_eval_step() {
                self.evaluate(id, send)?;
            }
            if self.trainer.step().is_multiple_of(every) && !self.trainer.is_done() {
                self.checkpoint(id, send)?;
                last_checkpoint = self.trainer.step();
            }
        }
        if last_checkpoint != self.trainer.step() {
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
        self.dir.append_metrics(&m).map_err(|e| e.to_string())?;
        for e in observe(&mut self.detector, &m) {
            self.dir
                .append_event(&event_line(&e))
                .map_err(|e| e.to_string())?;
            send(Event::Phase { run: id, event: e });
        }
        send(Event::Metrics {
            run: id,
            metrics: m,
            classification: self.detector.classify(),
        });
        Ok(())
    }

    fn checkpoint(&mut self, id: RunId, send: &dyn Fn(Event)) -> Result<(), String> {
        let path = self
            .trainer
            .save_checkpoint(&self.dir)
            .map_err(|e| e.to_string())?;
        send(Event::Checkpointed {
            run: id,
            step: self.trainer.step(),
            path,
        });
        Ok(())
    }

    fn finish(&mut self, id: RunId, send: &dyn Fn(Event), completed: bool) -> Result<(), String> {
        let classification = self.detector.classify();
        let line = format!("final\t{}\t{}", classification.phase, classification.reason);
        self.dir.append_event(&line).map_err(|e| e.to_string())?;
        let best_val_acc = self
            .trainer
            .history
            .iter()
            .filter_map(|m| m.val_acc)
            .reduce(f32::max);
        send(Event::Finished {
            run: id,
            summary: Box::new(RunSummary {
                dir: self.dir.path.clone(),
                last: self.trainer.history.last().cloned(),
                best_val_acc,
                classification,
                memorized_step: self.detector.memorized_step(),
                generalized_step: self.detector.generalized_step(),
                completed: completed && self.trainer.is_done(),
            }),
        });
        Ok(())
    }
}

enum Flow {
    Continue,
    Stop { checkpoint: bool },
}
