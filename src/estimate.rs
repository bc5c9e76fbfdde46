//! How long a preset takes on this machine: a cost model fitted to `groktop bench`.
//!
//! A step costs about `examples · (A + B · d² · layer_factor)` seconds: `A` is the per-example
//! work that does not grow with width (gathers, softmax, loss), `B · d²` the matrix products of
//! the last-position layer (W_O, the MLP: about 9·d² multiply-adds per example); every extra
//! layer works at all positions, about `n_ctx · 16/9` times that. Evaluations add a forward pass
//! over the training and validation sets every `eval_every` steps.

use crate::preset::Preset;

/// Seconds per example per step not tied to width (fitted to `scripts/bench_vs_torch.py` on
/// 2 cores, d 8..128, 3000 pairs: 0.0035, 0.0078, 0.015 and 0.037 s per step).
const PER_EXAMPLE: f64 = 1.6e-6;
/// Seconds per example per d² per step (same fit).
const PER_EXAMPLE_D2: f64 = 6.5e-10;

/// Estimated seconds for one training step of a single-run preset.
pub fn secs_per_step(p: &Preset) -> f64 {
    let examples = (p.resolved_n_train() + p.task.n_memorize) as f64;
    let d = p.model.d_model as f64;
    let n_ctx = if p.task.kind == crate::preset::TaskKind::AddWithMemorization {
        4.0
    } else {
        3.0
    };
    let layer_factor = 1.0 + (p.model.n_layers as f64 - 1.0) * n_ctx * 16.0 / 9.0;
    examples * (PER_EXAMPLE + PER_EXAMPLE_D2 * d * d * layer_factor)
}

/// Estimated seconds for a whole single run, evaluations included.
pub fn run_secs(p: &Preset) -> f64 {
    let step = secs_per_step(p);
    let pairs = (p.task.modulus as f64).powi(2);
    let examples = (p.resolved_n_train() + p.task.n_memorize) as f64;
    // An evaluation is a forward pass (about a third of a step) over train + val.
    let eval = step / 3.0 * (pairs + p.task.n_memorize as f64).max(examples) / examples.max(1.0);
    let steps = p.training.steps as f64;
    steps * step + (steps / p.training.eval_every as f64) * eval
}

/// Estimated seconds for every cell of a preset, run one after another.
pub fn preset_secs(p: &Preset) -> f64 {
    p.cells().iter().map(|c| run_secs(&c.preset)).sum()
}
