//! The model's sizes, resolved from a preset and its dataset.

use crate::data::Dataset;
use crate::preset::ModelSpec;

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
}
