//! The model against first principles: a finite-difference gradient check for every parameter
//! tensor, and the optimised forward pass (embedding tables, last-position-only layer, head
//! matrices) against a plain, position-by-position reference written from the model's
//! definition.

use dfdx::prelude::*;
use groktop::data::build_dataset;
use groktop::model::{Batch, ModelConfig, Transformer};
use groktop::preset::Preset;

fn tiny(kind: &str, extra: &str, model: &str) -> Preset {
    let text = format!(
        "(name: \"t\", title: \"t\", figure: \"x\", description: \"\", paper_reports: \"\",
          task: (kind: {kind}, modulus: 5, {extra}), model: ({model}))"
    );
    Preset::parse(&text, "test.ron").unwrap()
}

fn setup(p: &Preset) -> (Transformer, Batch) {
    let dev = Cpu::default();
    let data = build_dataset(p);
    let cfg = ModelConfig::new(&p.model, &data);
    let model = Transformer::new(cfg, 7, &dev);
    let batch = Batch::new(&data.train, &model.cfg, &dev);
    (model, batch)
}

/// Plain reference: every position, causal softmax attention, ReLU MLP, f64 arithmetic.
fn reference_logits(model: &Transformer, tokens: &[usize], masks: Option<&[f32]>) -> Vec<f64> {
    let c = &model.cfg;
    let (n, d, h, m) = (c.n_ctx, c.d_model, c.n_heads, c.d_mlp);
    let dh = d / h;
    let w: Vec<Vec<f64>> = model
        .params()
        .iter()
        .map(|t| t.as_vec().iter().map(|&x| f64::from(x)).collect())
        .collect();
    let matvec = |x: &[f64], mat: &[f64], cols: usize| -> Vec<f64> {
        (0..cols)
            .map(|j| {
                x.iter()
                    .enumerate()
                    .map(|(i, xi)| xi * mat[i * cols + j])
                    .sum()
            })
            .collect()
    };
    let examples = tokens.len() / n;
    let mut out = Vec::new();
    for e in 0..examples {
        let mut x: Vec<Vec<f64>> = (0..n)
            .map(|p| {
                (0..d)
                    .map(|i| w[0][tokens[e * n + p] * d + i] + w[1][p * d + i])
                    .collect()
            })
            .collect();
        for l in 0..c.n_layers {
            let base = 2 + 8 * l;
            let q: Vec<Vec<f64>> = x.iter().map(|r| matvec(r, &w[base], d)).collect();
            let k: Vec<Vec<f64>> = x.iter().map(|r| matvec(r, &w[base + 1], d)).collect();
            let v: Vec<Vec<f64>> = x.iter().map(|r| matvec(r, &w[base + 2], d)).collect();
            let mut next = x.clone();
            for i in 0..n {
                let mut z = vec![0.0; d];
                for head in 0..h {
                    let r = head * dh..(head + 1) * dh;
                    let s: Vec<f64> = (0..=i)
                        .map(|j| {
                            r.clone().map(|u| q[i][u] * k[j][u]).sum::<f64>() / (dh as f64).sqrt()
                        })
                        .collect();
                    let mx = s.iter().cloned().fold(f64::MIN, f64::max);
                    let ex: Vec<f64> = s.iter().map(|x| (x - mx).exp()).collect();
                    let tot: f64 = ex.iter().sum();
                    for (j, a) in ex.iter().enumerate() {
                        for u in r.clone() {
                            z[u] += a / tot * v[j][u];
                        }
                    }
                }
                let o = matvec(&z, &w[base + 3], d);
                let hres: Vec<f64> = (0..d).map(|u| x[i][u] + o[u]).collect();
                let mut hid: Vec<f64> = matvec(&hres, &w[base + 4], m)
                    .iter()
                    .zip(&w[base + 5])
                    .map(|(a, b)| (a + b).max(0.0))
                    .collect();
                if let (Some(mask), true) = (masks, l == c.n_layers - 1) {
                    for (u, hv) in hid.iter_mut().enumerate() {
                        *hv *= f64::from(mask[e * m + u]);
                    }
                }
                let mo = matvec(&hid, &w[base + 6], d);
                next[i] = (0..d).map(|u| hres[u] + mo[u] + w[base + 7][u]).collect();
            }
            x = next;
        }
        out.extend(matvec(&x[n - 1], w.last().unwrap(), c.n_classes));
    }
    out
}

fn split_mask(model: &Transformer, p: &Preset) -> Option<Vec<f32>> {
    let data = build_dataset(p);
    model.cfg.split_mlp.then(|| {
        let m = model.cfg.d_mlp;
        data.train
            .examples
            .iter()
            .flat_map(|e| {
                (0..m)
                    .map(move |u| f32::from((u < m / 2) == (e.task == groktop::data::TaskId::Rule)))
            })
            .collect()
    })
}

fn check_forward(p: &Preset) {
    let (model, batch) = setup(p);
    let data = build_dataset(p);
    let ours = model.logits_vec(&batch);
    let mask = split_mask(&model, p);
    let reference = reference_logits(&model, &data.train.tokens, mask.as_deref());
    assert_eq!(ours.len(), reference.len());
    for (a, b) in ours.iter().zip(&reference) {
        assert!(
            (f64::from(*a) - b).abs() < 1e-4,
            "logit {a} vs reference {b}"
        );
    }
}

#[test]
fn forward_matches_reference_one_layer() {
    check_forward(&tiny("ModAdd", "n_train: 12", "d_model: 8, n_heads: 4"));
}

#[test]
fn forward_matches_reference_three_layers() {
    check_forward(&tiny(
        "ModAdd",
        "n_train: 12",
        "d_model: 8, n_heads: 2, n_layers: 3",
    ));
}

#[test]
fn forward_matches_reference_split_mlp_mix() {
    check_forward(&tiny(
        "AddWithMemorization",
        "n_train: 8, n_memorize: 6",
        "d_model: 8, split_mlp: true, n_layers: 2",
    ));
}

fn gradient_check(p: &Preset) {
    let (mut model, batch) = setup(p);
    let (_, grads) = model.loss_and_grads(&batch);
    let data = build_dataset(p);
    let mask = split_mask(&model, p);
    // The loss in f64 through the reference, so the difference quotient is not f32 noise.
    let loss_at = |model: &Transformer| -> f64 {
        let logits = reference_logits(model, &data.train.tokens, mask.as_deref());
        let k = model.cfg.n_classes;
        let mut total = 0.0;
        for (row, &y) in logits.chunks(k).zip(&batch.labels_host) {
            let mx = row.iter().cloned().fold(f64::MIN, f64::max);
            let lse = row.iter().map(|&x| (x - mx).exp()).sum::<f64>().ln() + mx;
            total += lse - row[y];
        }
        total / batch.size as f64
    };
    for (i, info) in model.infos().to_vec().iter().enumerate() {
        let original = model.params()[i].as_vec();
        // Up to 6 entries per tensor, spread over it.
        let stride = (original.len() / 6).max(1);
        for j in (0..original.len()).step_by(stride).take(6) {
            // Small steps: ReLU kinks within a larger step bend the difference quotient.
            let eps = 1e-5f32;
            let mut plus = original.clone();
            plus[j] += eps;
            model.set_param(i, &plus);
            let lp = loss_at(&model);
            let mut minus = original.clone();
            minus[j] -= eps;
            model.set_param(i, &minus);
            let lm = loss_at(&model);
            model.set_param(i, &original);
            let numeric = (lp - lm) / f64::from(plus[j] - minus[j]);
            let analytic = f64::from(grads[i][j]);
            let tol = 2e-3 + 2e-2 * numeric.abs().max(analytic.abs());
            assert!(
                (numeric - analytic).abs() < tol,
                "{}[{j}]: analytic {analytic:.6} vs numeric {numeric:.6}",
                info.name
            );
        }
    }
}

#[test]
fn gradients_match_finite_differences_one_layer() {
    gradient_check(&tiny("ModAdd", "n_train: 15", "d_model: 8, n_heads: 4"));
}

#[test]
fn gradients_match_finite_differences_two_layers_split_mlp() {
    gradient_check(&tiny(
        "AddWithMemorization",
        "n_train: 10, n_memorize: 8",
        "d_model: 8, n_heads: 2, n_layers: 2, split_mlp: true",
    ));
}
