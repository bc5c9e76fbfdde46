//! A run's circuit progress measures as the screen keeps them: bounded series of the
//! restricted and excluded loss (log10), the embedding's key-frequency share and Gini, and
//! the newest key frequencies.

use crate::record::Metrics;
use crate::tui::state::series::Series;

/// The circuit measures of one run over its evaluations (empty for tasks without them).
#[derive(Clone, Debug, Default)]
pub struct CircuitSeries {
    /// log10 of the restricted loss (key frequencies only).
    pub restricted: Series,
    /// log10 of the excluded loss (key frequencies removed).
    pub excluded: Series,
    pub key_share: Series,
    pub gini: Series,
    /// The newest evaluation's key frequencies, strongest first.
    pub key_freqs: Vec<usize>,
}

impl CircuitSeries {
    /// Adds an evaluation's measures, if it has them.
    pub fn push(&mut self, m: &Metrics) {
        let Some(c) = m.circuits() else {
            return;
        };
        let x = m.step as f64;
        let log = |v: f32| f64::from(v).max(1e-9).log10();
        self.restricted.push(x, log(c.restricted_loss));
        self.excluded.push(x, log(c.excluded_loss));
        self.key_share.push(x, f64::from(c.key_share));
        self.gini.push(x, f64::from(c.freq_gini));
        self.key_freqs.clone_from(&c.key_freqs);
    }

    /// True when the run has no circuit measures (yet, or at all).
    pub fn is_empty(&self) -> bool {
        self.restricted.is_empty()
    }

    /// The log10 range covering both losses.
    pub fn loss_range(&self) -> Option<(f64, f64)> {
        match (self.restricted.range(), self.excluded.range()) {
            (Some(a), Some(b)) => Some((a.0.min(b.0), a.1.max(b.1))),
            (a, b) => a.or(b),
        }
    }
}
