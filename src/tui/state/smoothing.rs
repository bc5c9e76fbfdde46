//! Smoothing of noisy curves: a debiased exponential moving average (TensorBoard's), kept
//! for each strength as the samples arrive, so that changing the strength redraws at once
//! and the smoothed curve covers every sample, not only the ones a bounded series kept.
//!
//! With strength β the smoothed value after samples x₁…x_t is
//! `Σ β^(t-i)(1-β) x_i / Σ β^(t-i)(1-β)`: dividing by the weights' sum removes the pull
//! towards zero that a plain EMA started at 0 has over its first samples.

use crate::tui::state::series::Series;

/// The strengths `s` cycles through (0: the raw curve only).
pub const STRENGTHS: [f64; 4] = [0.0, 0.6, 0.9, 0.97];

/// A debiased EMA of strength `beta`.
#[derive(Clone, Debug)]
pub struct Ema {
    beta: f64,
    sum: f64,
    weight: f64,
}

impl Ema {
    pub fn new(beta: f64) -> Self {
        Self {
            beta,
            sum: 0.0,
            weight: 0.0,
        }
    }

    /// Adds a sample; returns the smoothed value.
    pub fn push(&mut self, x: f64) -> f64 {
        self.sum = self.beta * self.sum + (1.0 - self.beta) * x;
        self.weight = self.beta * self.weight + (1.0 - self.beta);
        self.sum / self.weight
    }
}

/// One curve smoothed at every non-zero strength of [`STRENGTHS`].
#[derive(Clone, Debug)]
pub struct Smoothed {
    emas: Vec<Ema>,
    series: Vec<Series>,
}

impl Default for Smoothed {
    fn default() -> Self {
        let betas = &STRENGTHS[1..];
        Self {
            emas: betas.iter().map(|&b| Ema::new(b)).collect(),
            series: betas.iter().map(|_| Series::default()).collect(),
        }
    }
}

impl Smoothed {
    pub fn push(&mut self, step: f64, x: f64) {
        if !x.is_finite() {
            return;
        }
        for (ema, s) in self.emas.iter_mut().zip(&mut self.series) {
            s.push(step, ema.push(x));
        }
    }

    /// The curve at strength index `level` (an index into [`STRENGTHS`]); `None` at 0.
    pub fn at(&self, level: usize) -> Option<&Series> {
        level.checked_sub(1).and_then(|i| self.series.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debiased_from_the_first_sample() {
        let mut e = Ema::new(0.9);
        // A constant is its own average from the first sample on (a plain EMA would say 0.1).
        assert!((e.push(1.0) - 1.0).abs() < 1e-12);
        assert!((e.push(1.0) - 1.0).abs() < 1e-12);
        let mut e = Ema::new(0.5);
        e.push(0.0);
        // (0.5·0.5·0 + 0.5·2) / (0.5·0.5 + 0.5) = 1 / 0.75
        assert!((e.push(2.0) - 1.0 / 0.75).abs() < 1e-12);
    }

    #[test]
    fn smoothing_damps_noise_and_level_zero_is_raw() {
        let mut s = Smoothed::default();
        for i in 0..400 {
            let noise = if i % 2 == 0 { 0.2 } else { -0.2 };
            s.push(i as f64, 0.5 + noise);
        }
        assert!(s.at(0).is_none());
        let last = |level: usize| s.at(level).unwrap().last().unwrap();
        // Stronger smoothing lands closer to the mean 0.5.
        let errs: Vec<f64> = (1..4).map(|l| (last(l) - 0.5).abs()).collect();
        assert!(errs[0] > errs[1] && errs[1] > errs[2], "{errs:?}");
        assert!(errs[2] < 0.01, "{errs:?}");
    }
}
