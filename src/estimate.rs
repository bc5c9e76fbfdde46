//! How long a preset takes on this machine: a cost model fitted to `groktop bench`.
//!
//! A step costs about `examples · (A + B · d² · layer_factor)` seconds: `A` is the per-example
//! work that does not grow with width (gathers, softmax, loss), `B · d²` the matrix products of
//! the last-position layer (W_O, the MLP: about 9·d² multiply-adds per example); every extra
//! layer works at all positions, about `n_ctx · 16/9` times that. Evaluations add a forward pass
//! over the training and validation sets every `eval_every` steps.

use crate::preset::{Cell, Preset, TaskKind};
use crate::record::Timing;

/// Seconds per example per step not tied to width (fitted to `scripts/bench_vs_torch.py` on
/// 2 cores, d 8..128, 3000 pairs: 0.0035, 0.0078, 0.015 and 0.037 s per step).
const PER_EXAMPLE: f64 = 1.6e-6;
/// Seconds per example per d² per step (same fit).
const PER_EXAMPLE_D2: f64 = 6.5e-10;

/// Estimated seconds for one training step of a single-run preset.
pub fn secs_per_step(p: &Preset) -> f64 {
    let examples = train_examples(p) as f64;
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
    let examples = train_examples(p) as f64;
    // An evaluation is a forward pass (about a third of a step) over train + val.
    let eval = step / 3.0 * (pairs + p.task.n_memorize as f64).max(examples) / examples.max(1.0);
    let steps = p.training.steps as f64;
    steps * step + (steps / p.training.eval_every as f64) * eval
}

/// Estimated seconds for every cell of a preset, run one after another.
pub fn preset_secs(p: &Preset) -> f64 {
    p.cells().iter().map(|c| run_secs(&c.preset)).sum()
}

/// How this machine really ran a grid's cells against the cost model, learned from the
/// grid's finished runs, by model size: a sweep runs cells several at a time beside whatever
/// else the machine does, which the quiet-machine model cannot know, and the error differs by
/// width (`double-descent-small` on the 2-core machine, two one-thread cells at a time beside
/// builds, its 21 trained cells: d_model 8–48 took 2.1–3.3× the model's figure, d_model 64
/// 4.6×, its 2-thread matrix products running on one thread).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Learned {
    /// (parameters, measured ÷ modelled seconds per step) per finished run.
    samples: Vec<(u64, f64)>,
}

impl Learned {
    /// From the `timings` that are runs of one of `cells` (same preset name, training pairs and
    /// parameter count: the cost model's inputs, so seeds of one cell count alike).
    pub fn from_timings(cells: &[Cell], timings: &[Timing]) -> Self {
        let mut learned = Self::default();
        for t in timings.iter().filter(|t| t.steps > 0) {
            let Some(cell) = cells.iter().find(|c| {
                c.preset.name == t.preset
                    && train_examples(&c.preset) == t.n_train
                    && n_params(&c.preset) as u64 == t.n_params
            }) else {
                continue;
            };
            let modelled = run_secs(&cell.preset) / cell.preset.training.steps as f64;
            learned.add(t.n_params, t.train_secs / t.steps as f64 / modelled);
        }
        learned
    }

    /// One more finished run (or run segment) of a model of `n_params` that took `ratio`
    /// times the cost model's figure.
    pub fn add(&mut self, n_params: u64, ratio: f64) {
        if ratio.is_finite() && ratio > 0.0 {
            self.samples.push((n_params, ratio));
        }
    }

    /// Finished runs learned from.
    pub fn runs(&self) -> usize {
        self.samples.len()
    }

    /// The factor for a model of `n_params`: the median over the finished runs of the nearest
    /// size (on a log scale); `None` before any run has finished.
    pub fn factor_for(&self, n_params: u64) -> Option<f64> {
        let distance = |n: u64| ((n.max(1) as f64).ln() - (n_params.max(1) as f64).ln()).abs();
        let nearest = self
            .samples
            .iter()
            .map(|&(n, _)| distance(n))
            .min_by(f64::total_cmp)?;
        let mut ratios: Vec<f64> = self
            .samples
            .iter()
            .filter(|&&(n, _)| distance(n) == nearest)
            .map(|&(_, r)| r)
            .collect();
        ratios.sort_by(f64::total_cmp);
        let mid = ratios.len() / 2;
        Some(if ratios.len() % 2 == 1 {
            ratios[mid]
        } else {
            (ratios[mid - 1] + ratios[mid]) / 2.0
        })
    }

    /// The smallest and largest factor over the sizes learned.
    pub fn range(&self) -> Option<(f64, f64)> {
        self.samples
            .iter()
            .filter_map(|&(n, _)| self.factor_for(n))
            .fold(None, |acc, f| match acc {
                None => Some((f, f)),
                Some((lo, hi)) => Some((f64::min(lo, f), f64::max(hi, f))),
            })
    }
}

/// The examples a step trains on: the rule's pairs plus the random-label pairs to memorize
/// (what a run's timing records as its `n_train`).
pub fn train_examples(p: &Preset) -> u64 {
    let pairs = u64::from(p.task.modulus).pow(2);
    p.resolved_n_train() as u64 + (p.task.n_memorize as u64).min(pairs)
}

/// How many parameters a single-run preset's model has.
pub fn n_params(p: &Preset) -> usize {
    crate::model::ModelConfig::of_preset(p).n_params()
}

/// The process itself (code, libraries, thread stacks, allocator), bytes.
const BASE_BYTES: f64 = 6.2e6;
/// Bytes per parameter: the weights, their gradients (one set per data-parallel shard),
/// AdamW's two moments, and a checkpoint's serialized copies of all three.
const PER_PARAM: f64 = 28.9;
/// Bytes per activation float of one training example (kept for the backward pass, then
/// its gradient) and of one evaluated example (dfdx's buffer cache keeps each size it met),
/// for each part of the forward pass. Fitted to `examples/peak_memory.rs` (peak RSS of
/// 2-step runs of built-in cell shapes): see [`peak_bytes`].
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

/// Bytes per float of each part of one example's forward pass (see [`peak_bytes`]).
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
pub fn peak_bytes(p: &Preset) -> Option<u64> {
    let m = &p.model;
    let d = m.d_model as u64;
    let d_mlp = d.checked_mul(m.mlp_ratio as u64)?;
    let layers = m.n_layers as u64;
    let heads = m.n_heads as u64;
    let classes = u64::from(p.task.modulus);
    let (n_ctx, vocab) = crate::data::token_sizes(p.task.kind, classes as usize);
    let (n_ctx, vocab) = (n_ctx as u64, vocab as u64);
    let per_layer = d
        .checked_mul(d)?
        .checked_mul(4)?
        .checked_add(d.checked_mul(d_mlp)?.checked_mul(2)?)?
        .checked_add(d_mlp.checked_add(d)?)?;
    let params = per_layer
        .checked_mul(layers)?
        .checked_add(vocab.checked_add(n_ctx)?.checked_mul(d)?)?
        .checked_add(d.checked_mul(classes)?)?;
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

/// The machine's total and available memory in bytes (`/proc/meminfo`), where known.
pub fn machine_memory() -> Option<(u64, u64)> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = text.lines().find(|l| l.starts_with(name))?;
        let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
        kb.checked_mul(1024)
    };
    Some((field("MemTotal:")?, field("MemAvailable:")?))
}

/// Refuses a run that cannot fit in this machine's memory, before it allocates anything,
/// with the estimate and the machine's memory.
pub fn check_fits(p: &Preset) -> Result<(), String> {
    let Some(need) = peak_bytes(p) else {
        return Err(format!(
            "preset '{}': the model's sizes overflow (d_model {}, mlp_ratio {}, n_layers {}): no machine can hold it",
            p.name, p.model.d_model, p.model.mlp_ratio, p.model.n_layers
        ));
    };
    let Some((total, available)) = machine_memory() else {
        return Ok(());
    };
    if need > total {
        return Err(format!(
            "preset '{}' needs about {} of memory (estimate), but this machine has {} ({} available): make the model or the modulus smaller",
            p.name,
            human_bytes(need),
            human_bytes(total),
            human_bytes(available)
        ));
    }
    Ok(())
}

/// `1.5 GB`, `820 MB`.
pub fn human_bytes(b: u64) -> String {
    let b = b as f64;
    if b >= 1e9 {
        format!("{:.1} GB", b / 1e9)
    } else {
        format!("{:.0} MB", b / 1e6)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin(name: &str) -> Preset {
        crate::preset::builtin_presets()
            .into_iter()
            .find(|p| p.name == name)
            .unwrap()
    }

    /// A timing of `cell` that took `factor` times the cost model's figure.
    fn timing_of(cell: &Cell, factor: f64) -> Timing {
        let p = &cell.preset;
        Timing {
            preset: p.name.clone(),
            n_params: n_params(p) as u64,
            n_train: train_examples(p),
            steps: p.training.steps / 2,
            train_secs: run_secs(p) / 2.0 * factor,
            threads: 1,
            finished_unix: 0,
        }
    }

    #[test]
    fn the_learned_factor_is_the_median_of_the_nearest_size() {
        let cells = builtin("double-descent-small").cells();
        assert_eq!(Learned::from_timings(&cells, &[]).factor_for(1000), None);
        // cells 0 and 1: d_model 8 (two seeds); cell 10: d_model 64.
        let seen = [
            timing_of(&cells[0], 1.2),
            timing_of(&cells[1], 1.4),
            timing_of(&cells[0], 2.0),
            timing_of(&cells[10], 4.6),
        ];
        let l = Learned::from_timings(&cells, &seen);
        assert_eq!(l.runs(), 4);
        let size = |i: usize| n_params(&cells[i].preset) as u64;
        assert!((l.factor_for(size(0)).unwrap() - 1.4).abs() < 1e-9, "{l:?}");
        assert!(
            (l.factor_for(size(10)).unwrap() - 4.6).abs() < 1e-9,
            "{l:?}"
        );
        // d_model 16 is nearer d_model 8 than 64 in parameters (log scale).
        assert!((l.factor_for(size(2)).unwrap() - 1.4).abs() < 1e-9, "{l:?}");
        let (lo, hi) = l.range().unwrap();
        assert!((lo - 1.4).abs() < 1e-9 && (hi - 4.6).abs() < 1e-9);
        let even = Learned::from_timings(&cells, &seen[..2]);
        assert!((even.factor_for(size(0)).unwrap() - 1.3).abs() < 1e-9);
        // Runs of another grid, or of a cell size this grid does not have, teach nothing.
        let other = builtin("phase-diagram-quick").cells();
        let mut foreign = timing_of(&other[0], 5.0);
        assert_eq!(Learned::from_timings(&cells, &[foreign.clone()]).runs(), 0);
        foreign.preset = cells[0].preset.name.clone();
        foreign.n_params += 1;
        assert_eq!(Learned::from_timings(&cells, &[foreign]).runs(), 0);
    }

    #[test]
    /// A run of a mix task records the random-label pairs among its training examples.
    fn train_examples_count_the_pairs_to_memorize() {
        let cells = builtin("emergence-small").cells();
        let p = &cells
            .iter()
            .find(|c| c.preset.task.n_memorize > 0)
            .unwrap()
            .preset;
        assert_eq!(
            train_examples(p),
            crate::data::build_dataset(p).train.examples.len() as u64
        );
    }

    #[test]
    /// No built-in cell is refused on a 48 GB machine: the largest, `emergence`'s GPU-scale
    /// 8-layer d_model 1024 cells with 6 000 pairs to memorize, are estimated at 41.7 GB (a
    /// d_model 256 one measured 7.1 GB; activations grow with the width).
    fn every_builtin_preset_fits_a_48_gb_machine() {
        for p in crate::preset::builtin_presets() {
            for c in p.cells() {
                let need = peak_bytes(&c.preset).unwrap();
                assert!(
                    need < 48_000_000_000,
                    "{} cell {}: {}",
                    p.name,
                    c.index,
                    human_bytes(need)
                );
            }
        }
    }
}
