//! A preset's sizes, counted from its own fields before anything is built: the model's token
//! sizes and parameters, and the peak memory of a run. They sit here, below the model, the
//! data and the cost model that use them, because validation needs them too (a grid whose
//! sizes overflow is refused) and the preset must not import what imports it.

use super::schema::{Preset, TaskKind};

impl TaskKind {
    /// Sequence length and token vocabulary of this task with modulus `p`: `a b =`, and for
    /// the addition-with-memorization mix a task token first (two more ids).
    pub fn token_sizes(self, p: usize) -> (usize, usize) {
        if self == TaskKind::AddWithMemorization {
            (4, p + 3)
        } else {
            (3, p + 1)
        }
    }
}

/// The process itself (code, libraries, thread stacks, allocator), bytes.
const BASE_BYTES: f64 = 6.2e6;
/// Bytes per parameter: the weights, their gradients (one set per data-parallel shard),
/// AdamW's two moments, and a checkpoint's serialized copies of all three.
const PER_PARAM: f64 = 28.9;
/// Bytes per activation float of one training example (kept for the backward pass, then
/// its gradient) and of one evaluated example (dfdx's buffer cache keeps each size it met),
/// for each part of the forward pass. Fitted to `examples/peak_memory.rs` (peak RSS of
/// 2-step runs of built-in cell shapes): see [`Preset::peak_bytes`].
const TRAIN: Activations = Activations {
    logits: 10.8,
    last_layer: 8.09,
    full_layers: 6.43,
    multi_layer: 40.1,
};
const EVAL: Activations = Activations {
    logits: 8.51,
    last_layer: 3.21,
    full_layers: 0.521,
    multi_layer: 14.2,
};
/// Bytes per MLP unit of each example, trained or evaluated, for a split MLP's masks.
const SPLIT_MASK: f64 = 3.34;

/// Bytes per float of each part of one example's forward pass (see [`Preset::peak_bytes`]).
struct Activations {
    /// The logits and the loss's softmax over them, per class.
    logits: f64,
    /// The last layer, which works at the last position only (plus its keys and values at
    /// every position): per float of `7·d + 2·d_mlp + 2·n_ctx·d`.
    last_layer: f64,
    /// Every other layer, at every position: per float of `n_ctx·(9·d + 2·d_mlp + 2·heads·n_ctx)`.
    full_layers: f64,
    /// What a deeper model adds once, the residual stream at every position: per float of
    /// `n_ctx·d` when there is more than one layer.
    multi_layer: f64,
}

impl Preset {
    /// How many parameters a single-run preset's model has (`usize::MAX` when its sizes
    /// overflow, which validation refuses).
    pub fn n_params(&self) -> usize {
        self.param_count()
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(usize::MAX)
    }

    /// The model's parameters, `None` when they overflow: per layer the four d × d attention
    /// matrices, the MLP's two d × d_mlp matrices and biases; the token and position
    /// embeddings; the unembedding (`model::Layout` lays out the same list).
    fn param_count(&self) -> Option<u64> {
        let m = &self.model;
        let d = m.d_model as u64;
        let d_mlp = d.checked_mul(m.mlp_ratio as u64)?;
        let classes = u64::from(self.task.modulus);
        let (n_ctx, vocab) = self.task.kind.token_sizes(classes as usize);
        let per_layer = d
            .checked_mul(d)?
            .checked_mul(4)?
            .checked_add(d.checked_mul(d_mlp)?.checked_mul(2)?)?
            .checked_add(d_mlp.checked_add(d)?)?;
        per_layer
            .checked_mul(m.n_layers as u64)?
            .checked_add((vocab as u64).checked_add(n_ctx as u64)?.checked_mul(d)?)?
            .checked_add(d.checked_mul(classes)?)
    }

    /// Estimated peak memory (resident set) of a single run in bytes, or `None` when the sizes
    /// overflow (which no machine could hold). Counted from the preset alone, before anything is
    /// allocated: the process, the parameters with everything kept per parameter, the training
    /// pass's activations and their gradients, an evaluation's forward pass over every pair, and
    /// the circuit measures' grid of every (a, b)'s logits, P³ floats, for a rule of addition.
    /// The activations' bytes per float are fitted to the peak RSS of short runs
    /// (`cargo run --example peak_memory`): within 5.1 % of each of 190 built-in cell shapes
    /// from 13 MB to 7.1 GB (d_model 4 to 512, 1 to 8 layers, split MLPs, P 59 and 113) and of
    /// P = 300 and P = 500 runs; `tests/memory_estimate.rs` checks the figures it keeps. The
    /// old count, without the circuit grid and with one term per layer, was 36 % under for
    /// 2-layer models.
    pub fn peak_bytes(&self) -> Option<u64> {
        let p = self;
        let m = &p.model;
        let d = m.d_model as u64;
        let d_mlp = d.checked_mul(m.mlp_ratio as u64)?;
        let layers = m.n_layers as u64;
        let heads = m.n_heads as u64;
        let classes = u64::from(p.task.modulus);
        let n_ctx = p.task.kind.token_sizes(classes as usize).0 as u64;
        let params = p.param_count()?;
        let pairs = classes.checked_mul(classes)?;
        let train = (p.resolved_n_train() as u64).checked_add(p.task.n_memorize as u64)?;
        let eval = pairs.checked_add(p.task.n_memorize as u64)?.max(train);
        let last_layer = d
            .checked_mul(7)?
            .checked_add(d_mlp.checked_mul(2)?)?
            .checked_add(n_ctx.checked_mul(d)?.checked_mul(2)?)?;
        let full_layers = d
            .checked_mul(9)?
            .checked_add(d_mlp.checked_mul(2)?)?
            .checked_add(heads.checked_mul(n_ctx)?.checked_mul(2)?)?
            .checked_mul(n_ctx)?
            .checked_mul(layers.saturating_sub(1))?;
        let multi_layer = if layers > 1 { n_ctx.checked_mul(d)? } else { 0 };
        let split_mask = if m.split_mlp {
            d_mlp.checked_mul(layers)?
        } else {
            0
        };
        let circuits = if matches!(
            p.task.kind,
            TaskKind::ModAdd | TaskKind::AddWithMemorization
        ) {
            pairs.checked_mul(classes)?
        } else {
            0
        };
        let pass = |a: &Activations, examples: u64| {
            examples as f64
                * (a.logits * classes as f64
                    + a.last_layer * last_layer as f64
                    + a.full_layers * full_layers as f64
                    + a.multi_layer * multi_layer as f64)
        };
        let bytes = BASE_BYTES
            + PER_PARAM * params as f64
            + pass(&TRAIN, train)
            + pass(&EVAL, eval)
            + SPLIT_MASK * (train + eval) as f64 * split_mask as f64
            + 4.0 * circuits as f64;
        (bytes < u64::MAX as f64).then_some(bytes as u64)
    }
}
