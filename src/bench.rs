//! `groktop bench`: seconds per training step and peak memory, per model width.
//!
//! Each width runs in its own child process (`groktop bench --dims D --child`) so that the
//! peak resident memory reported (VmHWM) belongs to that width alone.

use crate::preset::{Preset, TaskKind, TaskSpec, TrainingSpec};
use crate::train::Trainer;
use std::time::Instant;

/// Timing of one width.
#[derive(Clone, Debug, PartialEq)]
pub struct BenchResult {
    pub d_model: usize,
    pub n_train: usize,
    /// Median seconds per full-batch training step.
    pub median_secs: f64,
    pub p10_secs: f64,
    pub p90_secs: f64,
    /// Peak resident memory of the process, in MiB (0 when unknown).
    pub peak_mib: f64,
}

/// The paper's grokking model at another width, on `n_train` pairs of (a+b) mod 113.
pub fn bench_preset(d_model: usize, n_train: usize) -> Preset {
    Preset {
        name: format!("bench-d{d_model}"),
        title: "benchmark".into(),
        figure: String::new(),
        description: String::new(),
        paper_reports: String::new(),
        changes_from_paper: String::new(),
        expected_phase: None,
        task: TaskSpec {
            kind: TaskKind::ModAdd,
            modulus: 113,
            n_train: Some(n_train),
            train_fraction: None,
            n_memorize: 0,
        },
        model: crate::preset::ModelSpec {
            d_model,
            ..Default::default()
        },
        optimizer: Default::default(),
        training: TrainingSpec::default(),
        seed: 0,
        seeds: 1,
        sweep: None,
    }
}

/// Times `steps` training steps after `warmup` untimed ones, in this process.
pub fn bench_width(d_model: usize, n_train: usize, warmup: usize, steps: usize) -> BenchResult {
    let mut trainer = Trainer::new(&bench_preset(d_model, n_train));
    for _ in 0..warmup {
        trainer.train_step();
    }
    let mut times: Vec<f64> = (0..steps)
        .map(|_| {
            let t = Instant::now();
            trainer.train_step();
            t.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let pick = |q: f64| times[((q * times.len() as f64) as usize).min(times.len() - 1)];
    BenchResult {
        d_model,
        n_train,
        median_secs: pick(0.5),
        p10_secs: pick(0.1),
        p90_secs: pick(0.9),
        peak_mib: peak_rss_mib(),
    }
}

/// Peak resident set size of this process (Linux `VmHWM`), in MiB.
pub fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}
