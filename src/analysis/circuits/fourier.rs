//! The real Fourier basis over Z_P and the energy of a matrix per frequency.
//!
//! Frequencies are `w = 1..=P/2`. Frequency `w` owns the unit vectors
//! `c_w[t] = cos(2πwt/P) / ‖·‖` and `s_w[t] = sin(2πwt/P) / ‖·‖` (for even P the
//! Nyquist frequency `P/2` has no sine). With the constant vector they form an orthonormal
//! basis of R^P, as in Nanda et al.'s `make_fourier_basis`.

use std::f64::consts::TAU;

/// The unit cosine and sine vectors of every frequency of Z_P.
pub struct FourierBasis {
    pub p: usize,
    /// `cos[w - 1]`: the unit cosine vector of frequency `w` (length P).
    cos: Vec<Vec<f64>>,
    /// `sin[w - 1]`: the unit sine vector, or `None` where the sine vanishes (Nyquist).
    sin: Vec<Option<Vec<f64>>>,
}

impl FourierBasis {
    pub fn new(p: usize) -> Self {
        let wave = |w: usize, f: fn(f64) -> f64| -> Option<Vec<f64>> {
            let v: Vec<f64> = (0..p).map(|t| f(TAU * (w * t) as f64 / p as f64)).collect();
            let norm = v.iter().map(|x| x * x).sum::<f64>().sqrt();
            (norm > 1e-9).then(|| v.iter().map(|x| x / norm).collect())
        };
        let freqs = 1..=p / 2;
        Self {
            p,
            cos: freqs
                .clone()
                .map(|w| wave(w, f64::cos).expect("cos(2πwt/P) is never all zero for 0 < w ≤ P/2"))
                .collect(),
            sin: freqs.map(|w| wave(w, f64::sin)).collect(),
        }
    }

    /// How many frequencies there are (`P / 2`).
    pub fn n_freqs(&self) -> usize {
        self.cos.len()
    }

    /// The unit cosine vector of frequency `w` (1-based).
    pub fn cos(&self, w: usize) -> &[f64] {
        &self.cos[w - 1]
    }

    /// The unit sine vector of frequency `w`, if it does not vanish.
    pub fn sin(&self, w: usize) -> Option<&[f64]> {
        self.sin[w - 1].as_deref()
    }

    /// Squared norm of the part of a P-vector (`x[t] = values[t * stride + offset]`) that
    /// lies in frequency `w`'s span.
    fn energy_of(&self, w: usize, values: &[f32], stride: usize, offset: usize) -> f64 {
        let dot = |u: &[f64]| -> f64 {
            u.iter()
                .enumerate()
                .map(|(t, ut)| ut * f64::from(values[t * stride + offset]))
                .sum()
        };
        let c = dot(self.cos(w));
        let s = self.sin(w).map_or(0.0, dot);
        c * c + s * s
    }

    /// Energy per frequency of a `P × cols` row-major matrix, each column read as a
    /// function of the row index `t ∈ Z_P`: entry `w - 1` is `Σ_j ‖proj_w(M[:, j])‖²`.
    pub fn column_energy(&self, m: &[f32], cols: usize) -> Vec<f64> {
        (1..=self.n_freqs())
            .map(|w| (0..cols).map(|j| self.energy_of(w, m, cols, j)).sum())
            .collect()
    }

    /// Energy per frequency of a `rows × P` row-major matrix, each row read as a function
    /// of the column index `t ∈ Z_P`.
    pub fn row_energy(&self, m: &[f32], rows: usize) -> Vec<f64> {
        (1..=self.n_freqs())
            .map(|w| {
                (0..rows)
                    .map(|i| self.energy_of(w, &m[i * self.p..], 1, 0))
                    .sum()
            })
            .collect()
    }
}
