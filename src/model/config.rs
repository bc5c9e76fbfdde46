//! The model's sizes, resolved from a preset and its dataset.

use crate::data::Dataset;
use crate::preset::{ModelSpec, Preset};

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

    /// The sizes `preset`'s model will have, without building its dataset (they depend on
    /// the task's kind and modulus only).
    pub fn of_preset(preset: &Preset) -> Self {
        let p = preset.task.modulus as usize;
        let (n_ctx, vocab) = preset.task.kind.token_sizes(p);
        let spec = &preset.model;
        Self {
            vocab,
            n_ctx,
            n_classes: p,
            d_model: spec.d_model,
            n_heads: spec.n_heads,
            n_layers: spec.n_layers,
            d_mlp: spec.d_model * spec.mlp_ratio,
            split_mlp: spec.split_mlp,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_from_the_preset_are_those_of_its_dataset() {
        for p in crate::preset::builtin_presets() {
            let run = p.cells().swap_remove(0).preset;
            let built = ModelConfig::new(&run.model, &crate::data::build_dataset(&run));
            assert_eq!(ModelConfig::of_preset(&run), built, "{}", p.name);
        }
    }

    #[test]
    fn the_preset_counts_the_parameters_the_model_lays_out() {
        for p in crate::preset::builtin_presets() {
            for c in p.cells() {
                let laid_out = ModelConfig::of_preset(&c.preset).n_params();
                assert_eq!(c.preset.n_params(), laid_out, "{} cell {}", p.name, c.index);
            }
        }
    }
}
