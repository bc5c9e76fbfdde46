//! The model's parameters: initialisation, access by role, copies between devices.
//!
//! Biases are stored as `1 × n` matrices so that every parameter has the same tensor type;
//! their logical (saved) shape is `[n]`. Where each parameter sits is `Layout`'s business.

use super::heads::HeadMatrices;
use super::layout::LayerIdx;
use super::{Batch, Layout, ModelConfig, ParamInfo, Tensor2};
use crate::data::streams;
use dfdx::prelude::*;
use rand_distr::{Distribution, StandardNormal};

/// The model: a config, its layout and its parameters in the layout's order.
#[derive(Clone, Debug)]
pub struct Transformer {
    pub cfg: ModelConfig,
    pub(super) dev: Cpu,
    pub(super) layout: Layout,
    pub(super) params: Vec<Tensor2>,
    pub(super) heads: HeadMatrices,
}

impl Transformer {
    /// A freshly initialised model: N(0, std²) weights from the seed's init stream, zero biases.
    pub fn new(cfg: ModelConfig, seed: u64, dev: &Cpu) -> Self {
        let mut rng = crate::data::rng_for(seed, streams::INIT);
        let layout = Layout::new(&cfg);
        let params = layout
            .infos()
            .iter()
            .map(|info| {
                let values: Vec<f32> = (0..info.numel())
                    .map(|_| {
                        let z: f32 = StandardNormal.sample(&mut rng);
                        z * info.init_std
                    })
                    .collect();
                dev.tensor_from_vec(values, info.shape2())
            })
            .collect();
        let heads = HeadMatrices::new(dev, cfg.d_model, cfg.n_heads);
        Self {
            cfg,
            dev: dev.clone(),
            layout,
            params,
            heads,
        }
    }

    pub fn infos(&self) -> &[ParamInfo] {
        self.layout.infos()
    }

    pub fn params(&self) -> &[Tensor2] {
        &self.params
    }

    pub fn params_mut(&mut self) -> &mut [Tensor2] {
        &mut self.params
    }

    pub fn device(&self) -> &Cpu {
        &self.dev
    }

    /// Layer `l`'s parameter indices.
    pub(super) fn layer(&self, l: usize) -> &LayerIdx {
        &self.layout.layers[l]
    }

    /// The token embedding `W_E` (`vocab × d_model`).
    pub fn w_e(&self) -> &Tensor2 {
        &self.params[self.layout.w_e]
    }

    /// The unembedding `W_U` (`d_model × n_classes`).
    pub fn w_u(&self) -> &Tensor2 {
        &self.params[self.layout.w_u]
    }

    /// A parameter with a fresh tape of type `T`, so its gradient is recorded.
    pub(super) fn p<T: Tape<f32, Cpu>>(&self, i: usize) -> Tensor<(usize, usize), f32, Cpu, T> {
        self.params[i].retaped::<T>()
    }

    /// L2 norm of all parameters together.
    pub fn param_norm(&self) -> f32 {
        let sq: f64 = self
            .params
            .iter()
            .map(|t| {
                t.as_vec()
                    .iter()
                    .map(|&x| f64::from(x) * f64::from(x))
                    .sum::<f64>()
            })
            .sum();
        sq.sqrt() as f32
    }

    /// Loss and every parameter's gradient (in `params` order) on a batch, as plain vectors.
    /// For gradient checks and tools; training updates from dfdx's gradients directly.
    pub fn loss_and_grads(&self, batch: &Batch) -> (f32, Vec<Vec<f32>>) {
        let logits = self.logits::<OwnedTape<f32, Cpu>>(batch);
        let loss = Self::loss(logits, batch);
        let value = loss.array();
        let mut grads = loss.backward();
        let out = self
            .params
            .iter()
            .map(|p| grads.get_or_alloc_mut(p).expect("cpu allocation").to_vec())
            .collect();
        (value, out)
    }

    /// Logits of a batch as a flat row-major vector (no gradients recorded).
    pub fn logits_vec(&self, batch: &Batch) -> Vec<f32> {
        self.logits::<NoneTape>(batch).as_vec()
    }

    /// A copy of this model whose tensors live on `dev` (for a data-parallel shard).
    pub fn replica_on(&self, dev: &Cpu) -> Self {
        Self {
            cfg: self.cfg.clone(),
            dev: dev.clone(),
            layout: self.layout.clone(),
            params: (self.params.iter())
                .map(|t| dev.tensor_from_vec(t.as_vec(), *t.shape()))
                .collect(),
            heads: self.heads.on(dev),
        }
    }

    /// Overwrites every parameter with `other`'s values (same config).
    pub fn copy_params_from(&mut self, other: &Transformer) {
        for (mine, theirs) in self.params.iter_mut().zip(&other.params) {
            mine.copy_from(theirs.as_slice());
        }
    }

    /// Overwrites one parameter's values (same length as its `numel`).
    pub fn set_param(&mut self, i: usize, values: &[f32]) {
        self.params[i].copy_from(values);
    }
}
