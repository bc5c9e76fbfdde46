//! Parameters: their names, shapes, initialisation and access in one fixed order.
//!
//! Names follow the PyTorch reference (`W_E`, `W_pos`, `blocks.{l}.W_Q`, …, `W_U`) so a
//! checkpoint's tensors map onto it one to one. Biases are stored as `1 × n` matrices so that
//! every parameter has the same tensor type; their logical (saved) shape is `[n]`.

use super::Tensor2;
use super::attention::{head_expand_matrix, head_sum_matrix};
use crate::data::{Dataset, streams};
use crate::preset::ModelSpec;
use dfdx::prelude::*;
use rand_distr::{Distribution, StandardNormal};

/// Sizes of a model, resolved from a preset and its dataset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelConfig {
    pub vocab: usize,
    pub n_ctx: usize,
    pub n_classes: usize,
    pub d_model: usize,
    pub n_heads: usize,
    pub n_layers: usize,
    pub d_mlp: usize,
    /// Appendix B: the first half of the MLP units serves the rule task, the second half
    /// the memorization task.
    pub split_mlp: bool,
}

impl ModelConfig {
    pub fn new(spec: &ModelSpec, data: &Dataset) -> Self {
        Self {
            vocab: data.vocab,
            n_ctx: data.n_ctx,
            n_classes: data.n_classes,
            d_model: spec.d_model,
            n_heads: spec.n_heads,
            n_layers: spec.n_layers,
            d_mlp: spec.d_model * spec.mlp_ratio,
            split_mlp: spec.split_mlp,
        }
    }

    pub fn d_head(&self) -> usize {
        self.d_model / self.n_heads
    }

    /// Every parameter's name, logical shape and init scale, in storage order.
    pub fn param_infos(&self) -> Vec<ParamInfo> {
        let (d, m) = (self.d_model, self.d_mlp);
        let s_d = 1.0 / (d as f32).sqrt();
        let s_m = 1.0 / (m as f32).sqrt();
        let mut out = vec![
            ParamInfo::new("W_E".into(), vec![self.vocab, d], s_d),
            ParamInfo::new("W_pos".into(), vec![self.n_ctx, d], s_d),
        ];
        for l in 0..self.n_layers {
            let n = |s: &str| format!("blocks.{l}.{s}");
            out.extend([
                ParamInfo::new(n("W_Q"), vec![d, d], s_d),
                ParamInfo::new(n("W_K"), vec![d, d], s_d),
                ParamInfo::new(n("W_V"), vec![d, d], s_d),
                ParamInfo::new(n("W_O"), vec![d, d], s_d),
                ParamInfo::new(n("W_in"), vec![d, m], s_d),
                ParamInfo::new(n("b_in"), vec![m], 0.0),
                ParamInfo::new(n("W_out"), vec![m, d], s_m),
                ParamInfo::new(n("b_out"), vec![d], 0.0),
            ]);
        }
        out.push(ParamInfo::new("W_U".into(), vec![d, self.n_classes], s_d));
        out
    }

    pub fn n_params(&self) -> usize {
        self.param_infos().iter().map(|p| p.numel()).sum()
    }
}

/// A parameter's name, logical shape and initial standard deviation.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamInfo {
    pub name: String,
    pub shape: Vec<usize>,
    pub init_std: f32,
}

impl ParamInfo {
    fn new(name: String, shape: Vec<usize>, init_std: f32) -> Self {
        Self {
            name,
            shape,
            init_std,
        }
    }

    pub fn numel(&self) -> usize {
        self.shape.iter().product()
    }

    /// The stored 2-D shape (`[n]` is stored as `1 × n`).
    pub fn shape2(&self) -> (usize, usize) {
        match self.shape[..] {
            [n] => (1, n),
            [r, c] => (r, c),
            _ => unreachable!("parameters are vectors or matrices"),
        }
    }
}

/// Parameter indices of one layer within `Transformer::params`.
pub(super) struct LayerIdx {
    pub w_q: usize,
    pub w_k: usize,
    pub w_v: usize,
    pub w_o: usize,
    pub w_in: usize,
    pub b_in: usize,
    pub w_out: usize,
    pub b_out: usize,
}

/// The model: a config and its parameters in `param_infos` order.
#[derive(Clone, Debug)]
pub struct Transformer {
    pub cfg: ModelConfig,
    pub(super) dev: Cpu,
    pub(super) infos: Vec<ParamInfo>,
    pub(super) params: Vec<Tensor2>,
    /// Constant 0/1 matrices that sum a product per head and expand weights per head
    /// (see `attention`).
    pub(super) head_sum: Tensor2,
    pub(super) head_expand: Tensor2,
}

pub(super) const W_E: usize = 0;
pub(super) const W_POS: usize = 1;

impl Transformer {
    /// A freshly initialised model: N(0, std²) weights from the seed's init stream, zero biases.
    pub fn new(cfg: ModelConfig, seed: u64, dev: &Cpu) -> Self {
        let mut rng = crate::data::rng_for(seed, streams::INIT);
        let infos = cfg.param_infos();
        let params = infos
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
        let (d, h) = (cfg.d_model, cfg.n_heads);
        let head_sum = head_sum_matrix(dev, d, h, 1.0 / (cfg.d_head() as f32).sqrt());
        let head_expand = head_expand_matrix(dev, d, h);
        Self {
            cfg,
            dev: dev.clone(),
            infos,
            params,
            head_sum,
            head_expand,
        }
    }

    pub fn infos(&self) -> &[ParamInfo] {
        &self.infos
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

    pub(super) fn layer(&self, l: usize) -> LayerIdx {
        let base = 2 + 8 * l;
        LayerIdx {
            w_q: base,
            w_k: base + 1,
            w_v: base + 2,
            w_o: base + 3,
            w_in: base + 4,
            b_in: base + 5,
            w_out: base + 6,
            b_out: base + 7,
        }
    }

    pub(super) fn w_u(&self) -> usize {
        self.params.len() - 1
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
}

impl Transformer {
    /// Loss and every parameter's gradient (in `params` order) on a batch, as plain vectors.
    /// For gradient checks and tools; training updates from dfdx's gradients directly.
    pub fn loss_and_grads(&self, batch: &super::Batch) -> (f32, Vec<Vec<f32>>) {
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
    pub fn logits_vec(&self, batch: &super::Batch) -> Vec<f32> {
        self.logits::<NoneTape>(batch).as_vec()
    }

    /// A copy of this model whose tensors live on `dev` (for a data-parallel shard).
    pub fn replica_on(&self, dev: &Cpu) -> Self {
        let on_dev = |t: &Tensor2| dev.tensor_from_vec(t.as_vec(), *t.shape());
        Self {
            cfg: self.cfg.clone(),
            dev: dev.clone(),
            infos: self.infos.clone(),
            params: self.params.iter().map(on_dev).collect(),
            head_sum: on_dev(&self.head_sum),
            head_expand: on_dev(&self.head_expand),
        }
    }

    /// Overwrites every parameter with `other`'s values (same config).
    pub fn copy_params_from(&mut self, other: &Transformer) {
        for (mine, theirs) in self.params.iter_mut().zip(&other.params) {
            mine.copy_from(&theirs.as_vec());
        }
    }

    /// Overwrites one parameter's values (same length as its `numel`).
    pub fn set_param(&mut self, i: usize, values: &[f32]) {
        self.params[i].copy_from(values);
    }
}
