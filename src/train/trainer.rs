//! The step loop's state: data, model, optimizer and the history of evaluations.

use super::AdamW;
use super::circuits::circuit_measures;
use super::scoring;
use crate::data::{Dataset, TaskId, build_dataset};
use crate::model::{Batch, ModelConfig, Shards, Transformer};
use crate::preset::Preset;
use crate::record::Metrics;
use dfdx::prelude::*;
use std::sync::Arc;
use std::time::Instant;

/// Everything one run needs to take a step or evaluate itself.
pub struct Trainer {
    pub preset: Preset,
    pub data: Dataset,
    pub model: Transformer,
    pub opt: AdamW,
    /// The whole training set, for evaluation.
    train_batch: Batch,
    /// The training set in shards, for parallel steps.
    train_shards: Shards,
    val_batch: Option<Batch>,
    /// Every evaluation so far, oldest first.
    pub history: Vec<Metrics>,
    /// Training time before this session (from a checkpoint).
    elapsed_before: f64,
    /// Wall clock of the current session's training, excluding pauses.
    session_secs: f64,
    last_eval: Option<(u64, Instant)>,
    /// Where a `Subnormals::Flush` run computes (see `denormals`); `None`: the caller's pool.
    flush_pool: Option<Arc<rayon::ThreadPool>>,
}

/// Loss and accuracy of a batch, from its logits.
struct Scored {
    /// The logits, `examples × n_classes` row-major (the circuit measures read them).
    logits: Vec<f32>,
    loss: f32,
    acc: f32,
    rule_acc: Option<f32>,
    mem_acc: Option<f32>,
    /// Val only: loss and accuracy on the twin-free pairs (`data::twins`).
    twin_free: Option<(f32, f32)>,
}

impl Trainer {
    /// A fresh run of a single-run preset, or why it cannot compute as the preset says (a
    /// `subnormals: Flush` pool that cannot start its threads).
    pub fn new(preset: &Preset) -> Result<Self, String> {
        let flush_pool = super::denormals::dedicated_pool(preset.training.subnormals)?;
        let dev = Cpu::default();
        dev.enable_cache();
        let data = build_dataset(preset);
        let cfg = ModelConfig::new(&preset.model, &data);
        let model = Transformer::new(cfg, preset.seed, &dev);
        let opt = AdamW::new(&preset.optimizer, &model);
        let train_batch = Batch::new(&data.train, &model.cfg, &dev);
        let train_shards = Shards::new(&data.train, &model);
        let val_batch = data.val.as_ref().map(|v| Batch::new(v, &model.cfg, &dev));
        Ok(Self {
            preset: preset.clone(),
            data,
            model,
            opt,
            train_batch,
            train_shards,
            val_batch,
            history: Vec::new(),
            elapsed_before: 0.0,
            session_secs: 0.0,
            last_eval: None,
            flush_pool,
        })
    }

    /// How many data-parallel shards each step splits the training set into.
    pub fn shard_count(&self) -> usize {
        self.train_shards.count()
    }

    /// Updates applied so far.
    pub fn step(&self) -> u64 {
        self.opt.steps()
    }

    pub fn total_steps(&self) -> u64 {
        self.preset.training.steps
    }

    pub fn is_done(&self) -> bool {
        self.step() >= self.total_steps()
    }

    /// True when the current step should be evaluated (and the first and last steps always).
    pub fn is_eval_step(&self) -> bool {
        let s = self.step();
        s.is_multiple_of(self.preset.training.eval_every) || s == self.total_steps()
    }

    /// One full-batch AdamW update. Returns the training loss before the update.
    pub fn train_step(&mut self) -> f32 {
        match self.flush_pool.clone() {
            Some(pool) => pool.install(|| self.train_step_here()),
            None => self.train_step_here(),
        }
    }

    fn train_step_here(&mut self) -> f32 {
        let started = Instant::now();
        let (value, mut grads) = self.train_shards.gradients(&self.model, Transformer::loss);
        self.opt.update(&mut self.model, &mut grads);
        self.session_secs += started.elapsed().as_secs_f64();
        value
    }

    /// Evaluates the model as it is now, appends the result to the history and returns it.
    pub fn evaluate(&mut self) -> Metrics {
        match self.flush_pool.clone() {
            Some(pool) => pool.install(|| self.evaluate_here()),
            None => self.evaluate_here(),
        }
    }

    fn evaluate_here(&mut self) -> Metrics {
        let step = self.step();
        let train = self.score(&self.train_batch, None);
        let val = self
            .val_batch
            .as_ref()
            .map(|b| self.score(b, self.data.twin_free.as_deref()));
        let now = Instant::now();
        let steps_per_sec = match self.last_eval {
            Some((s, t)) if step > s => {
                (step - s) as f32 / now.duration_since(t).as_secs_f32().max(1e-9)
            }
            _ => self.history.last().map_or(0.0, |m| m.steps_per_sec),
        };
        self.last_eval = Some((step, now));
        let param_norm = self.model.param_norm();
        let circuits = circuit_measures(
            self.preset.task.kind,
            &self.data,
            &self.model,
            &train.logits,
            val.as_ref().map(|v| v.logits.as_slice()),
            param_norm,
        );
        let mut m = Metrics {
            step,
            train_loss: train.loss,
            train_acc: train.acc,
            val_loss: val.as_ref().map(|v| v.loss),
            val_acc: val.as_ref().map(|v| v.acc),
            param_norm,
            steps_per_sec,
            elapsed_secs: self.elapsed_secs(),
            rule_train_acc: train.rule_acc,
            mem_train_acc: train.mem_acc,
            twin_free_val_loss: val.as_ref().and_then(|v| v.twin_free.map(|t| t.0)),
            twin_free_val_acc: val.as_ref().and_then(|v| v.twin_free.map(|t| t.1)),
            ..Metrics::default()
        };
        m.set_circuits(circuits);
        self.history.retain(|h| h.step < step);
        self.history.push(m.clone());
        m
    }

    /// Training time so far, across resumes, pauses excluded.
    pub fn elapsed_secs(&self) -> f64 {
        self.elapsed_before + self.session_secs
    }

    /// Training time of this session only (since it was built or restored).
    pub fn session_secs(&self) -> f64 {
        self.session_secs
    }

    /// Forgets the wall-clock reference so a pause does not count as slow training.
    pub fn mark_resumed(&mut self) {
        self.last_eval = self.last_eval.map(|(s, _)| (s, Instant::now()));
    }

    /// Loss and accuracy of `batch`, and of its examples at `twin_free` when given.
    fn score(&self, batch: &Batch, twin_free: Option<&[usize]>) -> Scored {
        let logits = self.model.logits::<NoneTape>(batch);
        let values = logits.as_vec();
        let loss = Transformer::loss(logits, batch).array();
        let k = self.model.cfg.n_classes;
        let correct = scoring::correct(&values, &batch.labels_host, k);
        let twin_free = twin_free.and_then(|idx| {
            let loss = scoring::mean_loss_at(&values, &batch.labels_host, k, idx)?;
            Some((loss, scoring::accuracy_at(&correct, idx)?))
        });
        let acc_of = |task: Option<TaskId>| -> Option<f32> {
            let (mut hit, mut n) = (0usize, 0usize);
            for (c, t) in correct.iter().zip(&batch.tasks) {
                if task.is_none_or(|want| *t == want) {
                    n += 1;
                    hit += usize::from(*c);
                }
            }
            (n > 0).then(|| hit as f32 / n as f32)
        };
        let per_task = self.data.is_mix;
        Scored {
            twin_free,
            logits: values,
            loss,
            acc: acc_of(None).unwrap_or(0.0),
            rule_acc: if per_task {
                acc_of(Some(TaskId::Rule))
            } else {
                None
            },
            mem_acc: if per_task {
                acc_of(Some(TaskId::Memorize))
            } else {
                None
            },
        }
    }

    pub(super) fn restore(&mut self, step: u64, history: Vec<Metrics>, elapsed: f64) {
        self.opt.t = step;
        self.history = history;
        self.elapsed_before = elapsed;
        self.session_secs = 0.0;
        self.last_eval = None;
    }
}

#[cfg(all(test, target_arch = "x86_64"))]
mod tests {
    use super::*;
    use crate::preset::Subnormals;

    /// A `Flush` run's steps and evaluations run on its own pool, every thread of it flushing.
    #[test]
    fn a_flush_run_computes_on_flushing_threads() {
        let mut preset = crate::bench::bench_preset(8, 600);
        preset.training.subnormals = Subnormals::Flush;
        let trainer = Trainer::new(&preset).unwrap();
        let pool = trainer.flush_pool.as_ref().expect("a pool of its own");
        let modes =
            pool.install(|| rayon::broadcast(|_| super::super::denormals::mode_of_this_thread()));
        assert!(modes.iter().all(|&m| m == Subnormals::Flush), "{modes:?}");
        preset.training.subnormals = Subnormals::Keep;
        assert!(Trainer::new(&preset).unwrap().flush_pool.is_none());
    }
}
