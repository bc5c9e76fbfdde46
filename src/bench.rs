//! `groktop bench`: seconds per training step and peak memory, per model width.
//!
//! Each width runs in its own child process (`groktop bench --dims D --child`) so that the
//! peak resident memory reported (VmHWM) belongs to that width alone.

use crate::model::Batch;
use crate::preset::{Preset, TaskKind, TaskSpec, TrainingSpec};
use crate::train::{Trainer, circuit_measures};
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
    /// Peak resident memory of the process while training, in MiB (0 when unknown): read
    /// before the circuit measures are timed, whose evaluation over all P² pairs needs more
    /// (a run's own peak, evaluation included, is what `estimate` predicts before it starts).
    pub peak_mib: f64,
    /// Median seconds to compute the circuit progress measures from an evaluation's logits
    /// (the extra work an evaluation does for them; the logits themselves it computes anyway).
    pub circuits_secs: f64,
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
        measured: String::new(),
        expected_phase: None,
        task: TaskSpec {
            kind: TaskKind::ModAdd,
            modulus: 113,
            n_train: Some(n_train),
            train_fraction: None,
            n_memorize: 0,
            split: crate::preset::SplitKind::Random,
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
    let mut trainer = Trainer::new(&bench_preset(d_model, n_train))
        .expect("the bench preset computes in Keep mode: no pool to build");
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
    let peak_mib = peak_rss_mib();
    let circuits_secs = time_circuit_measures(&trainer);
    BenchResult {
        d_model,
        n_train,
        median_secs: pick(0.5),
        p10_secs: pick(0.1),
        p90_secs: pick(0.9),
        peak_mib,
        circuits_secs,
    }
}

/// Median of a few timings of the circuit measures on the trainer's current logits.
fn time_circuit_measures(trainer: &Trainer) -> f64 {
    let (data, model) = (&trainer.data, &trainer.model);
    let dev = model.device();
    let train = model.logits_vec(&Batch::new(&data.train, &model.cfg, dev));
    let val = data
        .val
        .as_ref()
        .map(|v| model.logits_vec(&Batch::new(v, &model.cfg, dev)));
    let norm = model.param_norm();
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            let kind = trainer.preset.task.kind;
            std::hint::black_box(circuit_measures(
                kind,
                data,
                model,
                &train,
                val.as_deref(),
                norm,
            ));
            t.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
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

/// `--child`: time one width and print one `key=value` line for the parent to read.
pub fn print_child(d_model: usize, n_train: usize, steps: usize) {
    let r = bench_width(d_model, n_train, 5, steps);
    crate::stdoutln!(
        "d_model={} n_train={} median_s={:.6} p10_s={:.6} p90_s={:.6} peak_mib={:.1} circuits_s={:.6}",
        r.d_model,
        r.n_train,
        r.median_secs,
        r.p10_secs,
        r.p90_secs,
        r.peak_mib,
        r.circuits_secs
    );
}

/// Parses a `print_child` line.
fn parse_child(line: &str) -> Option<BenchResult> {
    let get = |key: &str| -> Option<f64> {
        line.split_whitespace()
            .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('=')?.parse().ok())
    };
    Some(BenchResult {
        d_model: get("d_model")? as usize,
        n_train: get("n_train")? as usize,
        median_secs: get("median_s")?,
        p10_secs: get("p10_s")?,
        p90_secs: get("p90_s")?,
        peak_mib: get("peak_mib")?,
        circuits_secs: get("circuits_s")?,
    })
}

/// Times each width in a child process of this binary and prints a table.
pub fn print_table(dims: &[usize], n_train: usize, steps: usize) -> Result<(), String> {
    let exe =
        std::env::current_exe().map_err(|e| format!("cannot find the groktop binary: {e}"))?;
    crate::stdoutln!(
        "groktop bench: full-batch AdamW steps on {n_train} pairs of (a+b) mod 113, {steps} timed steps each"
    );
    crate::stdoutln!(
        "| d_model | s/step (median) | p10 | p90 | steps/s | peak memory | circuit measures per evaluation |"
    );
    crate::stdoutln!("|---|---|---|---|---|---|---|");
    for &d in dims {
        let out = std::process::Command::new(&exe)
            .args([
                "bench",
                "--child",
                "--dims",
                &d.to_string(),
                "--n-train",
                &n_train.to_string(),
            ])
            .args(["--steps", &steps.to_string()])
            .output()
            .map_err(|e| format!("cannot run the benchmark child: {e}"))?;
        let text = String::from_utf8_lossy(&out.stdout);
        let r = text.lines().find_map(parse_child).ok_or_else(|| {
            format!(
                "benchmark child for d_model {d} failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            )
        })?;
        crate::stdoutln!(
            "| {} | {:.4} | {:.4} | {:.4} | {:.1} | {:.0} MiB | {:.4} s ({:.2} steps) |",
            r.d_model,
            r.median_secs,
            r.p10_secs,
            r.p90_secs,
            1.0 / r.median_secs,
            r.peak_mib,
            r.circuits_secs,
            r.circuits_secs / r.median_secs
        );
    }
    Ok(())
}
