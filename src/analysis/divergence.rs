//! The verdict of a run that diverged: once the training loss or the parameter norm is NaN
//! or infinite, every later step is too, so there is nothing left to classify. The worker
//! stops such a run; `groktop analyze` reads a diverged run's metrics.csv the same way.

use super::types::{Classification, Phase};

/// Where and how a run diverged.
#[derive(Clone, Debug, PartialEq)]
pub struct Divergence {
    pub step: u64,
    /// What became non-finite: "the training loss", "the parameter norm".
    pub what: &'static str,
}

impl Divergence {
    /// The run's verdict: diverged, saying where.
    pub fn classification(&self) -> Classification {
        Classification {
            phase: Phase::Diverged,
            reason: format!(
                "{} became non-finite at step {}; a smaller learning rate or weight decay may help",
                self.what, self.step
            ),
        }
    }
}
