//! How long a preset takes on this machine: a cost model fitted to `groktop bench`.
//!
//! A step costs about `examples · (A + B · d² · layer_factor)` seconds: `A` is the per-example
//! work that does not grow with width (gathers, softmax, loss), `B · d²` the matrix products of
//! the last-position layer (W_O, the MLP: about 9·d² multiply-adds per example); every extra
//! layer works at all positions, about `n_ctx · 16/9` times that. Evaluations add a forward pass
//! over the training and validation sets every `eval_every` steps.

use crate::preset::{Cell, Preset};
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
    let n_ctx = p.task.kind.token_sizes(p.task.modulus as usize).0 as f64;
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
                    && c.preset.n_params() as u64 == t.n_params
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
    let Some(need) = p.peak_bytes() else {
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
            n_params: p.n_params() as u64,
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
        // cells 0 and 1: d_model 8 (two seeds); cell 15: d_model 64 (2 600 pairs, seed 0).
        let seen = [
            timing_of(&cells[0], 1.2),
            timing_of(&cells[1], 1.4),
            timing_of(&cells[0], 2.0),
            timing_of(&cells[15], 4.6),
        ];
        let l = Learned::from_timings(&cells, &seen);
        assert_eq!(l.runs(), 4);
        let size = |i: usize| cells[i].preset.n_params() as u64;
        assert!((l.factor_for(size(0)).unwrap() - 1.4).abs() < 1e-9, "{l:?}");
        assert!(
            (l.factor_for(size(15)).unwrap() - 4.6).abs() < 1e-9,
            "{l:?}"
        );
        // d_model 16 is nearer d_model 8 than 64 in parameters (log scale).
        assert!((l.factor_for(size(3)).unwrap() - 1.4).abs() < 1e-9, "{l:?}");
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
                let need = c.preset.peak_bytes().unwrap();
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
