//! Every measure against closed-form values on a constructed model: an embedding and
//! unembedding with known Fourier energies, and logits that are an exact sum of key-frequency
//! terms, per-class means and a known remainder orthogonal to the key directions.

use super::*;
use std::f64::consts::TAU;

const P: usize = 13;
const D: usize = 5;
const KEY: [usize; 2] = [2, 5];

fn wave(w: usize, t: usize) -> f64 {
    TAU * (w * t) as f64 / P as f64
}

/// `P × D`: column 0 = 3 cos(2·), column 1 = 2 sin(5·), column 2 = 0.5 cos(3· + 0.3),
/// column 3 constant (no frequency), column 4 zero.
fn embedding() -> Vec<f32> {
    let mut m = vec![0.0f32; P * D];
    for t in 0..P {
        m[t * D] = (3.0 * wave(2, t).cos()) as f32;
        m[t * D + 1] = (2.0 * wave(5, t).sin()) as f32;
        m[t * D + 2] = (0.5 * (wave(3, t) + 0.3).cos()) as f32;
        m[t * D + 3] = 1.0;
    }
    m
}

/// `D × P`: row 0 = 1.5 cos(2·) (key), row 1 = cos(4·) (not key).
fn unembedding() -> Vec<f32> {
    let mut m = vec![0.0f32; D * P];
    for c in 0..P {
        m[c] = (1.5 * wave(2, c).cos()) as f32;
        m[P + c] = wave(4, c).cos() as f32;
    }
    m
}

fn class_mean(c: usize) -> f64 {
    0.1 * c as f64 - 0.4
}

/// The generalizing part: along cos/sin(w(a+b)) for the key frequencies only.
fn key_terms(a: usize, b: usize, c: usize) -> f64 {
    4.0 * wave(2, a + b + P - c).cos() + 2.5 * (wave(5, a + b) + 0.1 * c as f64).sin()
}

/// The rest: zero mean over (a, b) and orthogonal to every key direction.
fn remainder(a: usize, b: usize, c: usize) -> f64 {
    let c = c as f64;
    (1.0 + 0.2 * c) * wave(3, a).cos()
        + 0.7 * wave(1, a).cos() * wave(4, b).cos()
        + (0.5 - 0.1 * c) * wave(3, a + b).cos()
        + 0.3 * wave(2, a).sin() * wave(5, b).cos()
}

fn logits() -> Vec<f32> {
    let mut l = Vec::with_capacity(P * P * P);
    for a in 0..P {
        for b in 0..P {
            for c in 0..P {
                l.push((class_mean(c) + key_terms(a, b, c) + remainder(a, b, c)) as f32);
            }
        }
    }
    l
}

fn is_train() -> Vec<bool> {
    (0..P * P)
        .map(|i| !(i * 7 + i / P).is_multiple_of(4))
        .collect()
}

/// Mean training cross-entropy of logits given as a function of (a, b, c).
fn train_loss(f: impl Fn(usize, usize, usize) -> f64) -> f64 {
    let mask = is_train();
    let (mut sum, mut n) = (0.0, 0);
    for a in 0..P {
        for b in 0..P {
            if mask[a * P + b] {
                let row: Vec<f64> = (0..P).map(|c| f(a, b, c)).collect();
                sum += cross_entropy(&row, (a + b) % P);
                n += 1;
            }
        }
    }
    sum / n as f64
}

fn measured() -> CircuitMeasures {
    let (l, mask, e, u) = (logits(), is_train(), embedding(), unembedding());
    let input = CircuitInput {
        modulus: P,
        logits: &l,
        is_train: &mask,
        embed: &e,
        unembed: &u,
        d_model: D,
        param_norm: 20.0,
    };
    measure(&input, 2).unwrap()
}

fn close(got: f32, want: f64, what: &str) {
    assert!(
        (f64::from(got) - want).abs() < 1e-4 * want.abs().max(1.0),
        "{what}: got {got}, want {want}"
    );
}

#[test]
fn key_frequencies_are_the_strongest_embedding_frequencies() {
    assert_eq!(measured().key_freqs, KEY.to_vec());
}

#[test]
fn key_share_and_gini_match_the_embedding_energies() {
    // A·cos or A·sin over Z_P has energy A²·P/2, all in its own frequency.
    let half = P as f64 / 2.0;
    let energy = [0.0, 9.0 * half, 0.25 * half, 0.0, 4.0 * half, 0.0];
    let m = measured();
    close(m.key_share, 13.0 / 13.25, "key share");
    let norms: Vec<f64> = energy.iter().map(|e: &f64| e.sqrt()).collect();
    let n = norms.len() as f64;
    let abs_diffs: f64 = norms
        .iter()
        .flat_map(|x| norms.iter().map(move |y| (x - y).abs()))
        .sum();
    let sum: f64 = norms.iter().sum();
    close(m.freq_gini, abs_diffs / (2.0 * n * sum), "gini");
}

#[test]
fn restricted_loss_keeps_exactly_the_key_terms_and_class_means() {
    let want = train_loss(|a, b, c| class_mean(c) + key_terms(a, b, c));
    close(measured().restricted_loss, want, "restricted loss");
}

#[test]
fn excluded_loss_removes_exactly_the_key_terms() {
    let want = train_loss(|a, b, c| class_mean(c) + remainder(a, b, c));
    close(measured().excluded_loss, want, "excluded loss");
}

#[test]
fn parameter_norm_splits_along_the_key_frequencies() {
    let half = P as f64 / 2.0;
    // W_E: 9 (cos 2) + 4 (sin 5); W_U: 2.25 (cos 2). W_U's cos 4 and W_E's cos 3 are not key.
    let key_sq = (9.0 + 4.0 + 2.25) * half;
    let m = measured();
    close(m.norm_key, key_sq.sqrt(), "norm_key");
    close(m.norm_rest, (400.0 - key_sq).sqrt(), "norm_rest");
}

#[test]
fn gini_is_zero_when_even_and_one_minus_k_over_n_when_k_hold_all() {
    assert!(gini(&[2.0; 8]).abs() < 1e-12);
    let sparse = [0.0, 0.0, 3.0, 0.0, 3.0, 0.0, 0.0, 0.0];
    assert!((gini(&sparse) - (1.0 - 2.0 / 8.0)).abs() < 1e-12);
    assert_eq!(gini(&[0.0; 4]), 0.0);
}

#[test]
fn mismatched_sizes_are_refused_with_what_was_expected() {
    let (mask, e, u) = (is_train(), embedding(), unembedding());
    let short = vec![0.0f32; 10];
    let input = CircuitInput {
        modulus: P,
        logits: &short,
        is_train: &mask,
        embed: &e,
        unembed: &u,
        d_model: D,
        param_norm: 1.0,
    };
    let err = measure(&input, 2).unwrap_err().to_string();
    assert!(err.contains("logits has 10 values, expected 2197"), "{err}");
}
