//! The output layer's loss, mean cross-entropy of the logits, fused into one pass per row.
//!
//! dfdx spells it `logits.log_softmax::<Axis<1>>().select(labels).mean().negate()`: ten kernels,
//! each a pass over the `batch × n_classes` logits (most of the bytes a small model moves), and
//! as many backward kernels. Here one pass per row computes the loss, and one backward op on
//! dfdx's tape writes the gradient with respect to the logits, so the rest of the backward pass
//! (from the unembedding matmul on) stays dfdx's.
//!
//! Every floating-point operation is the one dfdx 0.13's CPU kernels perform, in the same order,
//! so the results are the same bits (`fused_loss_matches_dfdx_bit_for_bit` checks it):
//! - forward: `m = max` folded from −∞ with `f32::max`; `tm = x − m`; `e = exp(tm)`;
//!   `s = 0 + e₀ + e₁ + …` in column order; `lse = ln(s)`; the label's `tm − lse`, summed from 0
//!   in row order, times 1 (the sum's scale), times `1/B` (`mean`), negated;
//! - backward, for an upstream gradient `g` of the loss: `g_mean = 0 + (−1)·g`,
//!   `g_sel = 0 + (0 + (1/B)·g_mean)·1`; per row, the label cell `0 + g_sel` flows into the
//!   subtraction's right side as `g_lse = 0 + (−1)·cell` (the other cells add −0, which changes
//!   nothing), `ln` gives `g_s = 0 + recip(s)·g_lse`, `sum` gives `g_e = 0 + g_s`, and the logit
//!   gradient receives first the subtraction's left side `1·cell` (0 off the label), then
//!   `exp`'s `e·g_e`.

use super::{Batch, T2, Transformer};
use dfdx::prelude::*;

impl Transformer {
    /// Mean cross-entropy of the logits against the batch labels.
    // `(-1.0) * x` is what dfdx's negate and subtraction backward kernels compute; kept literal.
    #[allow(clippy::neg_multiply)]
    pub fn loss<T: Tape<f32, Cpu>>(logits: T2<T>, batch: &Batch) -> Tensor<(), f32, Cpu, T> {
        let (logits, mut tape) = logits.split_tape();
        let (rows, classes) = *logits.shape();
        let x = logits.as_slice();
        let labels = &batch.labels_host;
        let keep = T::OWNS_TAPE;
        let mut exps = Vec::with_capacity(if keep { x.len() } else { 0 });
        let mut sums = Vec::with_capacity(if keep { rows } else { 0 });
        let mut scratch = vec![0.0; if keep { 0 } else { classes }];
        let mut total = 0.0f32;
        for (row, &label) in x.chunks_exact(classes).zip(labels) {
            let max = row_max(row);
            let row_exps = if keep {
                exps.resize(exps.len() + classes, 0.0);
                let start = exps.len() - classes;
                &mut exps[start..]
            } else {
                &mut scratch[..]
            };
            let mut s = 0.0f32;
            for (e, &v) in row_exps.iter_mut().zip(row) {
                *e = (v - max).exp();
                s += *e;
            }
            total += (row[label] - max) - s.ln();
            if keep {
                sums.push(s);
            }
        }
        let inv = (1.0 / rows as f64) as f32;
        let value = -((total * 1.0) * inv);
        let loss = logits.device().tensor(value);
        let (loss_ghost, logits_ghost) = (loss.ghost(), logits.ghost());
        let labels = labels.clone();
        tape.add_backward_op(move |grads| {
            let g = grads.get_or_alloc_mut(&loss_ghost)?[0];
            let g_mean = 0.0 + (-1.0) * g;
            let g_sel = 0.0 + (0.0 + inv * g_mean) * 1.0;
            let grad = grads.get_or_alloc_mut(&logits_ghost)?;
            let rows = grad
                .chunks_exact_mut(classes)
                .zip(exps.chunks_exact(classes));
            for ((grad, e), (&s, &label)) in rows.zip(sums.iter().zip(&labels)) {
                let cell = 0.0 + g_sel;
                let g_lse = 0.0 + (-1.0) * cell;
                let g_e = 0.0 + (0.0 + s.recip() * g_lse);
                // Off the label the subtraction adds `1·0`; the label's cell, done after the
                // loop from its old value, keeps the loop free of branches (and vectorized).
                let g_label = grad[label];
                for (g, &e) in grad.iter_mut().zip(e) {
                    *g = (*g + 1.0 * 0.0) + e * g_e;
                }
                grad[label] = (g_label + 1.0 * cell) + e[label] * g_e;
            }
            Ok(())
        });
        loss.put_tape(tape)
    }
}

/// The largest value of `row`, the same number as `row.iter().fold(−∞, f32::max)` (dfdx's
/// order) from eight running maxima that the compiler vectorizes: the maximum is exact and
/// `f32::max` skips NaN either way. Only the sign of a zero maximum depends on the order (x86's
/// `maxss` keeps its second operand when both are zeros), so such a row is folded in order.
fn row_max(row: &[f32]) -> f32 {
    let fold = |values: &[f32], start: f32| values.iter().fold(start, |m, &v| m.max(v));
    let mut lanes = [f32::NEG_INFINITY; 8];
    let chunks = row.chunks_exact(8);
    let tail = chunks.remainder();
    for chunk in chunks {
        for (m, &v) in lanes.iter_mut().zip(chunk) {
            *m = m.max(v);
        }
    }
    let max = fold(tail, fold(&lanes, f32::NEG_INFINITY));
    if max == 0.0 {
        fold(row, f32::NEG_INFINITY)
    } else {
        max
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ModelConfig;
    use crate::preset::ModelSpec;

    /// dfdx's own composition, kept here as the reference the fused loss must equal.
    fn dfdx_loss<T: Tape<f32, Cpu>>(logits: T2<T>, batch: &Batch) -> Tensor<(), f32, Cpu, T> {
        let labels = (logits.device()).tensor_from_vec(batch.labels_host.clone(), (batch.size,));
        logits
            .log_softmax::<Axis<1>>()
            .select(labels)
            .mean()
            .negate()
    }

    fn model_and_batch(d_model: usize, n_train: usize) -> (Transformer, Batch) {
        let preset = crate::bench::bench_preset(d_model, n_train);
        let data = crate::data::build_dataset(&preset);
        let spec = ModelSpec {
            d_model,
            ..Default::default()
        };
        let cfg = ModelConfig::new(&spec, &data);
        let dev = Cpu::default();
        let model = Transformer::new(cfg, 3, &dev);
        let batch = Batch::new(&data.train, &model.cfg, &dev);
        (model, batch)
    }

    fn bits(v: &[f32]) -> Vec<u32> {
        v.iter().map(|x| x.to_bits()).collect()
    }

    #[test]
    fn row_max_is_the_in_order_fold_bit_for_bit() {
        let in_order = |r: &[f32]| r.iter().fold(f32::NEG_INFINITY, |m, &v| m.max(v));
        let mut rows: Vec<Vec<f32>> = (1..40)
            .map(|n| {
                (0..n)
                    .map(|i| ((i * 37 % 23) as f32 - 11.0) * 0.37)
                    .collect()
            })
            .collect();
        rows.push(vec![
            -1.0, 0.0, -0.0, -2.0, 0.0, -0.0, -3.0, -0.0, -4.0, 0.0,
        ]);
        rows.push(vec![-0.0; 17]);
        rows.push(vec![
            f32::NAN,
            -3.0,
            2.0,
            f32::NAN,
            1.0,
            0.5,
            7.0,
            -1.0,
            3.0,
        ]);
        rows.push(vec![f32::NAN; 9]);
        for r in &rows {
            assert_eq!(row_max(r).to_bits(), in_order(r).to_bits(), "{r:?}");
        }
    }

    #[test]
    fn fused_loss_matches_dfdx_bit_for_bit() {
        for (d, n) in [(8, 300), (32, 517)] {
            let (model, batch) = model_and_batch(d, n);
            let run = |fused: bool| {
                let logits = model.logits::<OwnedTape<f32, Cpu>>(&batch);
                let loss = if fused {
                    Transformer::loss(logits, &batch)
                } else {
                    dfdx_loss(logits, &batch)
                };
                let value = loss.array();
                let mut grads = loss.backward();
                let g: Vec<Vec<u32>> = model
                    .params
                    .iter()
                    .map(|p| bits(grads.get_or_alloc_mut(p).unwrap()))
                    .collect();
                (value.to_bits(), g)
            };
            assert_eq!(run(true), run(false), "d_model {d}, {n} examples");
            let fused = Transformer::loss(model.logits::<NoneTape>(&batch), &batch).array();
            let reference = dfdx_loss(model.logits::<NoneTape>(&batch), &batch).array();
            assert_eq!(fused.to_bits(), reference.to_bits());
        }
    }
}
