//! A split turned into device tensors once, so every training step reuses them.

use super::{ModelConfig, Tensor2};
use crate::data::{Split, TaskId};
use dfdx::prelude::*;

/// Inputs, labels and per-example constants of one full batch.
#[derive(Clone, Debug)]
pub struct Batch {
    pub size: usize,
    /// Per example and position, the row `pos · vocab + token` of the embedding table,
    /// `size * n_ctx` entries.
    pub(super) table_idx: Tensor<(usize,), usize, Cpu>,
    /// The table row of each example's last position, `size` entries.
    pub(super) last_table_idx: Tensor<(usize,), usize, Cpu>,
    /// The last position for every example (what `select` reads the query row with).
    pub(super) last: Tensor<(usize,), usize, Cpu>,
    /// Split-MLP mask, `size × d_mlp`: 1 on the units the example's task may use.
    pub(super) mlp_mask: Option<Tensor2>,
    /// Labels on the host, for the loss and accuracy.
    pub labels_host: Vec<usize>,
    /// Task of each example, for per-task accuracy.
    pub tasks: Vec<TaskId>,
}

impl Batch {
    pub fn new(split: &Split, cfg: &ModelConfig, dev: &Cpu) -> Self {
        let size = split.len();
        let mlp_mask = cfg.split_mlp.then(|| {
            let half = cfg.d_mlp / 2;
            let mut mask = vec![0.0f32; size * cfg.d_mlp];
            for (i, e) in split.examples.iter().enumerate() {
                let range = if e.task == TaskId::Rule {
                    0..half
                } else {
                    half..cfg.d_mlp
                };
                mask[i * cfg.d_mlp..(i + 1) * cfg.d_mlp][range].fill(1.0);
            }
            dev.tensor_from_vec(mask, (size, cfg.d_mlp))
        });
        let n = cfg.n_ctx;
        let table_idx: Vec<usize> = split
            .tokens
            .iter()
            .enumerate()
            .map(|(i, &tok)| (i % n) * cfg.vocab + tok)
            .collect();
        Self {
            size,
            table_idx: dev.tensor_from_vec(table_idx.clone(), (table_idx.len(),)),
            last_table_idx: dev.tensor_from_vec(
                table_idx.iter().skip(n - 1).step_by(n).copied().collect(),
                (size,),
            ),
            last: dev.tensor_from_vec(vec![cfg.n_ctx - 1; size], (size,)),
            mlp_mask,
            labels_host: split.labels.clone(),
            tasks: split.examples.iter().map(|e| e.task).collect(),
        }
    }
}
