//! The engine's speed-ups change no bits.
//!
//! - The fused output layer (`Transformer::loss`) against dfdx's own composition
//!   `log_softmax → select → mean → negate`, kept here as the reference: a few hundred
//!   two-shard training steps give the same losses and the same weights, bit for bit.
//! - A golden check against the engine as it was before the speed-ups (dfdx 0.13 unpatched,
//!   unfused loss): the `grokking` preset's numbers after 100 steps, written down from that
//!   build's `metrics.csv` and checkpoint. If any float operation's order changes, this fails,
//!   and with it the promise that committed figure runs can be reproduced.

use dfdx::prelude::*;
use groktop::bench::bench_preset;
use groktop::data::build_dataset;
use groktop::model::{Batch, ModelConfig, Shards, Transformer};
use groktop::preset::Preset;
use groktop::train::{AdamW, Trainer};

type T2 = Tensor<(usize, usize), f32, Cpu, OwnedTape<f32, Cpu>>;

/// dfdx's own cross-entropy, the way the engine computed it before the fused output layer.
fn dfdx_loss(logits: T2, batch: &Batch) -> Tensor<(), f32, Cpu, OwnedTape<f32, Cpu>> {
    let labels = (logits.device()).tensor_from_vec(batch.labels_host.clone(), (batch.size,));
    logits
        .log_softmax::<Axis<1>>()
        .select(labels)
        .mean()
        .negate()
}

/// The loss bits of every step and the final weights' bits.
type Trace = (Vec<u32>, Vec<Vec<u32>>);

fn train(preset: &Preset, steps: usize, fused: bool) -> Trace {
    let data = build_dataset(preset);
    let dev = Cpu::default();
    dev.enable_cache();
    let mut model = Transformer::new(ModelConfig::new(&preset.model, &data), preset.seed, &dev);
    let mut opt = AdamW::new(&preset.optimizer, &model);
    let mut shards = Shards::new(&data.train, &model);
    assert_eq!(shards.count(), 2, "the comparison should cover two shards");
    let losses = (0..steps)
        .map(|_| {
            let (loss, mut grads) = if fused {
                shards.gradients(&model, Transformer::loss)
            } else {
                shards.gradients(&model, dfdx_loss)
            };
            opt.update(&mut model, &mut grads);
            loss.to_bits()
        })
        .collect();
    let weights = (model.params().iter())
        .map(|p| p.as_vec().iter().map(|x| x.to_bits()).collect())
        .collect();
    (losses, weights)
}

#[test]
fn fused_output_layer_trains_the_same_bits_as_dfdx_cross_entropy() {
    let mut preset = bench_preset(8, 600);
    preset.optimizer.lr = 3e-3;
    let fused = train(&preset, 300, true);
    let reference = train(&preset, 300, false);
    assert_eq!(fused.0, reference.0, "per-step losses differ");
    assert!(fused.1 == reference.1, "weights after 300 steps differ");
}

/// A polynomial hash (base 31, mod 2⁶⁴) of every weight's bits, parameters in name order:
/// the same sum is easily recomputed from a checkpoint's `model.safetensors` in Python.
fn fingerprint(model: &Transformer) -> u64 {
    let mut named: Vec<_> = model.infos().iter().zip(model.params()).collect();
    named.sort_by(|a, b| a.0.name.cmp(&b.0.name));
    named
        .iter()
        .flat_map(|(_, p)| p.as_vec())
        .fold(0u64, |h, x| {
            h.wrapping_mul(31).wrapping_add(u64::from(x.to_bits()))
        })
}

#[test]
fn grokking_preset_matches_the_pre_speed_up_engine_bit_for_bit() {
    let preset = Preset::find("grokking").expect("built-in preset");
    let mut trainer = Trainer::new(&preset).unwrap();
    for _ in 0..100 {
        trainer.train_step();
    }
    let m = trainer.evaluate();
    // From `groktop run grokking --steps 100` with the engine before the speed-ups
    // (metrics.csv row 100 and checkpoints/step-100/model.safetensors).
    assert_eq!(m.train_loss.to_bits(), 0.843_508_06_f32.to_bits());
    assert_eq!(m.val_loss.map(f32::to_bits), Some(12.335_612_f32.to_bits()));
    assert_eq!(m.param_norm.to_bits(), 44.180_43_f32.to_bits());
    assert_eq!(fingerprint(&trainer.model), 0x99e5_4a5f_e6a6_7c8e);
}

/// Half the smallest normal f32 as every thread of `pool` computes it now.
fn halves_on(pool: &rayon::ThreadPool) -> Vec<f32> {
    pool.install(|| {
        rayon::broadcast(|_| std::hint::black_box(f32::MIN_POSITIVE) * std::hint::black_box(0.5))
    })
}

/// A `Flush` run computes on threads of its own: the pool it was started from keeps IEEE
/// arithmetic (another run there, or a sweep's next cell, is unaffected). While its numbers
/// stay in the normal range it trains to the same bits as `Keep`.
#[test]
fn a_flush_run_leaves_its_callers_threads_alone_and_matches_keep_on_normal_numbers() {
    use groktop::preset::Subnormals;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap();
    let mut preset = bench_preset(8, 600);
    let mut losses = Vec::new();
    for mode in [Subnormals::Flush, Subnormals::Keep] {
        preset.training.subnormals = mode;
        let mut trainer = pool.install(|| Trainer::new(&preset).unwrap());
        let run: Vec<u32> = (0..50)
            .map(|_| pool.install(|| trainer.train_step()).to_bits())
            .collect();
        losses.push(run);
        assert_eq!(
            halves_on(&pool),
            vec![f32::MIN_POSITIVE / 2.0; 2],
            "{mode:?}"
        );
    }
    assert_eq!(losses[0], losses[1]);
}
