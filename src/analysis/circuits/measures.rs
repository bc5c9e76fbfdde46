//! The progress measures of one evaluation, from the logits on every (a, b) and the weights.

use super::fourier::FourierBasis;
use std::fmt;

/// What the measures read: a model of (a + b) mod P as plain row-major slices.
pub struct CircuitInput<'a> {
    /// P, the modulus.
    pub modulus: usize,
    /// Logits on every input (a, b), `P² × P`: row `a·P + b`, column the class c.
    pub logits: &'a [f32],
    /// `is_train[a·P + b]`: whether (a, b) is a training example of the addition rule.
    pub is_train: &'a [bool],
    /// The number tokens' embedding rows, `P × d_model` (token t's row is `W_E[t]`).
    pub embed: &'a [f32],
    /// The unembedding, `d_model × P` (column c scores class c).
    pub unembed: &'a [f32],
    pub d_model: usize,
    /// The L2 norm of all the model's parameters together.
    pub param_norm: f32,
}

/// The progress measures of one evaluation. See the module documentation for definitions.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CircuitMeasures {
    /// The key frequencies, strongest first.
    pub key_freqs: Vec<usize>,
    /// Share of the embedding's non-constant Fourier energy held by the key frequencies.
    pub key_share: f32,
    /// Gini coefficient of the embedding's per-frequency norms (0 even, → 1 sparse).
    pub freq_gini: f32,
    /// Training loss with the logits restricted to the key frequencies' cos/sin(w(a+b))
    /// directions (plus each class's mean logit).
    pub restricted_loss: f32,
    /// Training loss with those directions removed from the logits.
    pub excluded_loss: f32,
    /// Norm of the parts of `W_E` (number rows) and `W_U` along the key frequencies.
    pub norm_key: f32,
    /// The rest of the parameter norm: `sqrt(param_norm² − norm_key²)`.
    pub norm_rest: f32,
}

/// Inputs whose sizes do not fit together.
#[derive(Clone, Debug, PartialEq)]
pub struct CircuitError(String);

impl fmt::Display for CircuitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "circuit measures: {}", self.0)
    }
}

impl std::error::Error for CircuitError {}

/// Computes every measure with `n_key` key frequencies (fewer when P/2 is smaller).
pub fn measure(input: &CircuitInput<'_>, n_key: usize) -> Result<CircuitMeasures, CircuitError> {
    check_sizes(input)?;
    let p = input.modulus;
    let basis = FourierBasis::new(p);
    let embed_energy = basis.column_energy(input.embed, input.d_model);
    let key_freqs = strongest(&embed_energy, n_key);
    let total: f64 = embed_energy.iter().sum();
    let key_energy: f64 = key_freqs.iter().map(|&w| embed_energy[w - 1]).sum();
    let key_share = if total > 0.0 { key_energy / total } else { 0.0 };
    let norms: Vec<f64> = embed_energy.iter().map(|e| e.sqrt()).collect();

    let unembed_energy = basis.row_energy(input.unembed, input.d_model);
    let norm_key_sq: f64 = key_freqs
        .iter()
        .map(|&w| embed_energy[w - 1] + unembed_energy[w - 1])
        .sum();
    let norm_sq = f64::from(input.param_norm).powi(2);

    let key_part = KeyPart::new(&basis, input.logits, &key_freqs);
    let (restricted_loss, excluded_loss) = key_part.losses(input.logits, input.is_train);
    Ok(CircuitMeasures {
        key_freqs,
        key_share: key_share as f32,
        freq_gini: gini(&norms) as f32,
        restricted_loss: restricted_loss as f32,
        excluded_loss: excluded_loss as f32,
        norm_key: norm_key_sq.sqrt() as f32,
        norm_rest: (norm_sq - norm_key_sq).max(0.0).sqrt() as f32,
    })
}

fn check_sizes(input: &CircuitInput<'_>) -> Result<(), CircuitError> {
    let (p, d) = (input.modulus, input.d_model);
    let want = |what: &str, got: usize, expected: usize| {
        if got == expected {
            Ok(())
        } else {
            Err(CircuitError(format!(
                "{what} has {got} values, expected {expected} (P = {p}, d_model = {d})"
            )))
        }
    };
    if p < 3 {
        return Err(CircuitError(format!(
            "modulus {p} has no frequencies (need P ≥ 3)"
        )));
    }
    want("logits", input.logits.len(), p * p * p)?;
    want("is_train", input.is_train.len(), p * p)?;
    want("embedding", input.embed.len(), p * d)?;
    want("unembedding", input.unembed.len(), d * p)?;
    if !input.is_train.contains(&true) {
        return Err(CircuitError(
            "no training example among the P² inputs".into(),
        ));
    }
    Ok(())
}

/// The `n` frequencies (1-based) with the largest energy, largest first; ties go to the
/// lower frequency so the choice is deterministic.
fn strongest(energy: &[f64], n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (1..=energy.len()).collect();
    order.sort_by(|&a, &b| energy[b - 1].total_cmp(&energy[a - 1]).then(a.cmp(&b)));
    order.truncate(n);
    order
}

/// Gini coefficient of non-negative values: mean absolute difference over twice the mean.
pub fn gini(values: &[f64]) -> f64 {
    let n = values.len() as f64;
    let sum: f64 = values.iter().sum();
    if values.is_empty() || sum <= 0.0 {
        return 0.0;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let weighted: f64 = sorted
        .iter()
        .enumerate()
        .map(|(i, x)| (i as f64 + 1.0) * x)
        .sum();
    2.0 * weighted / (n * sum) - (n + 1.0) / n
}

/// The logits' component along the key frequencies' cos/sin(w(a+b)) directions and each
/// class's mean logit. Both depend on (a, b) only through s = (a + b) mod P.
struct KeyPart {
    p: usize,
    /// `along[s·P + c]`: the summed projections onto the key directions at s, class c.
    along: Vec<f64>,
    /// `mean[c]`: the mean logit of class c over all P² inputs.
    mean: Vec<f64>,
}

impl KeyPart {
    fn new(basis: &FourierBasis, logits: &[f32], key_freqs: &[usize]) -> Self {
        let p = basis.p;
        // by_sum[s·P + c] = Σ over (a, b) with a + b ≡ s of logit c.
        let mut by_sum = vec![0.0f64; p * p];
        for a in 0..p {
            for b in 0..p {
                let s = (a + b) % p;
                let row = &logits[(a * p + b) * p..][..p];
                for (acc, &x) in by_sum[s * p..][..p].iter_mut().zip(row) {
                    *acc += f64::from(x);
                }
            }
        }
        let mut mean = vec![0.0f64; p];
        for s in 0..p {
            for c in 0..p {
                mean[c] += by_sum[s * p + c] / (p * p) as f64;
            }
        }
        // The unit vector of R^{P²} along cos(w(a+b)) is u[a, b] = cos_w[(a+b) mod P] / √P
        // (cos_w the unit vector of R^P); likewise for sin.
        let scale = 1.0 / (p as f64).sqrt();
        let mut along = vec![0.0f64; p * p];
        for &w in key_freqs {
            let directions = [Some(basis.cos(w)), basis.sin(w)];
            for u in directions.into_iter().flatten() {
                for c in 0..p {
                    let coef: f64 = (0..p).map(|s| u[s] * scale * by_sum[s * p + c]).sum();
                    for s in 0..p {
                        along[s * p + c] += coef * u[s] * scale;
                    }
                }
            }
        }
        Self { p, along, mean }
    }

    /// Mean cross-entropy over the training inputs of the restricted logits (mean + along)
    /// and of the excluded logits (logits − along), labels (a + b) mod P.
    fn losses(&self, logits: &[f32], is_train: &[bool]) -> (f64, f64) {
        let p = self.p;
        let (mut restricted, mut excluded, mut n) = (0.0, 0.0, 0usize);
        let mut row_r = vec![0.0f64; p];
        let mut row_e = vec![0.0f64; p];
        for a in 0..p {
            for b in 0..p {
                if !is_train[a * p + b] {
                    continue;
                }
                let s = (a + b) % p;
                let along = &self.along[s * p..][..p];
                let row = &logits[(a * p + b) * p..][..p];
                for c in 0..p {
                    row_r[c] = self.mean[c] + along[c];
                    row_e[c] = f64::from(row[c]) - along[c];
                }
                restricted += cross_entropy(&row_r, s);
                excluded += cross_entropy(&row_e, s);
                n += 1;
            }
        }
        (restricted / n as f64, excluded / n as f64)
    }
}

/// −log softmax(row)[label], computed stably in f64.
pub fn cross_entropy(row: &[f64], label: usize) -> f64 {
    let max = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let log_sum = row.iter().map(|x| (x - max).exp()).sum::<f64>().ln() + max;
    log_sum - row[label]
}
