//! Data parallelism over the cores: one full batch split into shards whose forward and
//! backward passes run at the same time, each on its own dfdx tape.
//!
//! dfdx runs element-wise kernels on one thread and its GEMMs rarely split work at these
//! sizes, so a single graph keeps one core busy. Two half-batch graphs keep two busy.
//!
//! Each shard after the first trains a replica of the model on a device of its own: dfdx's
//! buffer cache is not safe to pop from two threads at once (it checks for a buffer under a
//! read lock and takes it under a write lock), so no two shards may share a device. Replicas
//! copy the model's parameters before every step.
//!
//! The gradients are combined in a fixed order with the shard sizes as weights, so the result
//! depends on the number of shards (always `SHARDS` for batches big enough) and never on the
//! number of threads: a 1-thread pool runs the same shards one after the other and gets the
//! same bits, which keeps resumed runs exact on any machine.

use super::{Batch, Tensor2, Transformer};
use crate::data::Split;
use dfdx::prelude::*;

/// A training loss: logits on a tape and their batch to a scalar on the same tape.
pub type LossFn = fn(
    Tensor<(usize, usize), f32, Cpu, OwnedTape<f32, Cpu>>,
    &Batch,
) -> Tensor<(), f32, Cpu, OwnedTape<f32, Cpu>>;

/// Shards per batch: one per core of the 2-core machines groktop is built for.
pub const SHARDS: usize = 2;
/// Batches smaller than this are not worth splitting.
const MIN_SHARD_EXAMPLES: usize = 256;

/// A training set in shards, with a model replica for every shard after the first.
pub struct Shards {
    batches: Vec<Batch>,
    /// `replicas[k]` trains shard `k + 1`; shard 0 trains the model itself.
    replicas: Vec<Transformer>,
}

impl Shards {
    /// Contiguous, near-equal shards of `split` for `model`.
    pub fn new(split: &Split, model: &Transformer) -> Self {
        let n = if split.len() >= MIN_SHARD_EXAMPLES * SHARDS {
            SHARDS
        } else {
            1
        };
        let per = split.len().div_ceil(n);
        let replicas: Vec<Transformer> = (1..n)
            .map(|_| {
                let dev = Cpu::default();
                dev.enable_cache();
                model.replica_on(&dev)
            })
            .collect();
        let batches = (0..n)
            .map(|k| {
                let range = k * per..((k + 1) * per).min(split.len());
                let owner = if k == 0 { model } else { &replicas[k - 1] };
                Batch::new(&split.slice(range), &owner.cfg, owner.device())
            })
            .collect();
        Self { batches, replicas }
    }

    /// How many shards the batch is split into. The gradients' summation order, and so the
    /// trained numbers, depend on it: checkpoints record it.
    pub fn count(&self) -> usize {
        self.batches.len()
    }

    /// Mean loss over all shards and its gradients, keyed by `model`'s parameters, for the
    /// loss function `loss` (training passes `Transformer::loss`; tests pass references to
    /// compare with). The shards run in parallel on the current rayon pool.
    pub fn gradients(&mut self, model: &Transformer, loss: LossFn) -> (f32, Gradients<f32, Cpu>) {
        for r in &mut self.replicas {
            r.copy_params_from(model);
        }
        let one = |m: &Transformer, b: &Batch| -> (f32, Gradients<f32, Cpu>) {
            let loss = loss(m.logits::<OwnedTape<f32, Cpu>>(b), b);
            (loss.array(), loss.backward())
        };
        let models: Vec<&Transformer> = std::iter::once(model).chain(&self.replicas).collect();
        let mut parts: Vec<(f32, Gradients<f32, Cpu>)> = match (&models[..], &self.batches[..]) {
            ([m], [b]) => vec![one(m, b)],
            ([m0, m1], [b0, b1]) => {
                let (x, y) = rayon::join(|| one(m0, b0), || one(m1, b1));
                vec![x, y]
            }
            _ => models
                .iter()
                .zip(&self.batches)
                .map(|(m, b)| one(m, b))
                .collect(),
        };
        let total: usize = self.batches.iter().map(|b| b.size).sum();
        let weights: Vec<f32> = self
            .batches
            .iter()
            .map(|b| b.size as f32 / total as f32)
            .collect();
        let loss = parts.iter().zip(&weights).map(|((l, _), w)| l * w).sum();
        let (first, rest) = parts.split_first_mut().expect("at least one shard");
        for (i, param) in model.params().iter().enumerate() {
            let others = rest.iter_mut().zip(&self.replicas).zip(&weights[1..]);
            combine(
                param,
                &mut first.1,
                weights[0],
                others.map(|(((_, g), r), w)| (g, &r.params()[i], *w)),
            );
        }
        (loss, std::mem::replace(&mut first.1, Gradients::leaky()))
    }
}

/// `acc[param] = w0 · acc[param] + Σ w_k · grads_k[replica_param_k]`, in shard order.
fn combine<'a>(
    param: &Tensor2,
    acc: &mut Gradients<f32, Cpu>,
    w0: f32,
    others: impl Iterator<Item = (&'a mut Gradients<f32, Cpu>, &'a Tensor2, f32)>,
) {
    let acc = acc.get_or_alloc_mut(param).expect("cpu allocation");
    acc.iter_mut().for_each(|g| *g *= w0);
    for (grads, replica_param, w) in others {
        let g = grads
            .get_or_alloc_mut(replica_param)
            .expect("cpu allocation");
        acc.iter_mut().zip(g.iter()).for_each(|(a, b)| *a += w * b);
    }
}
