//! Data parallelism over the cores: one full batch split into shards whose forward and
//! backward passes run at the same time, each on its own dfdx tape.
//!
//! dfdx runs element-wise kernels on one thread and its GEMMs rarely split work at these
//! sizes, so a single graph keeps one core busy. Two half-batch graphs keep two busy. The
//! gradients are combined in a fixed order with the shard sizes as weights, so the result
//! depends on the number of shards (always `SHARDS` for batches big enough) and never on the
//! number of threads: a 1-thread pool runs the same shards one after the other and gets the
//! same bits, which keeps resumed runs exact on any machine.

use super::{Batch, Tensor2, Transformer};
use crate::data::Split;
use dfdx::prelude::*;

/// Shards per batch: one per core of the 2-core machines groktop is built for.
pub const SHARDS: usize = 2;
/// Batches smaller than this are not worth splitting.
const MIN_SHARD_EXAMPLES: usize = 256;

/// The shards of a split: contiguous, near-equal parts.
pub fn shard_batches(split: &Split, model: &Transformer) -> Vec<Batch> {
    let n = if split.len() >= MIN_SHARD_EXAMPLES * SHARDS {
        SHARDS
    } else {
        1
    };
    let per = split.len().div_ceil(n);
    (0..n)
        .map(|k| {
            let range = k * per..((k + 1) * per).min(split.len());
            Batch::new(&split.slice(range), &model.cfg, model.device())
        })
        .collect()
}

impl Transformer {
    /// Mean loss over all shards and its gradients, the shards computed in parallel on the
    /// current rayon pool.
    pub fn sharded_gradients(&self, shards: &[Batch]) -> (f32, Gradients<f32, Cpu>) {
        let one = |b: &Batch| -> (f32, Gradients<f32, Cpu>) {
            let loss = Self::loss(self.logits::<OwnedTape<f32, Cpu>>(b), b);
            (loss.array(), loss.backward())
        };
        let mut parts: Vec<(f32, Gradients<f32, Cpu>)> = match shards {
            [only] => vec![one(only)],
            [a, b] => {
                let (x, y) = rayon::join(|| one(a), || one(b));
                vec![x, y]
            }
            _ => shards.iter().map(one).collect(),
        };
        let total: usize = shards.iter().map(|b| b.size).sum();
        let weights: Vec<f32> = shards
            .iter()
            .map(|b| b.size as f32 / total as f32)
            .collect();
        let loss = parts.iter().zip(&weights).map(|((l, _), w)| l * w).sum();
        let (first, rest) = parts.split_first_mut().expect("at least one shard");
        for param in &self.params {
            combine(
                param,
                &mut first.1,
                weights[0],
                rest.iter_mut().map(|(_, g)| g).zip(&weights[1..]),
            );
        }
        (loss, std::mem::replace(&mut first.1, Gradients::leaky()))
    }
}

/// `acc[param] = w0 · acc[param] + Σ w_k · other_k[param]`, in shard order.
fn combine<'a>(
    param: &Tensor2,
    acc: &mut Gradients<f32, Cpu>,
    w0: f32,
    others: impl Iterator<Item = (&'a mut Gradients<f32, Cpu>, &'a f32)>,
) {
    let acc = acc.get_or_alloc_mut(param).expect("cpu allocation");
    acc.iter_mut().for_each(|g| *g *= w0);
    for (other, &w) in others {
        let g = other.get_or_alloc_mut(param).expect("cpu allocation");
        acc.iter_mut().zip(g.iter()).for_each(|(a, b)| *a += w * b);
    }
}
