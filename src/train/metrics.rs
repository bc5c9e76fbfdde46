//! One evaluation of a run: a row of `metrics.csv` (written and read by `record::metrics`,
//! columns named after the fields) and an entry of a checkpoint's history.
//!
//! To add a column, add a field: an `Option` (empty where it does not apply) with
//! `#[serde(default)]`, at the end, so that older files and checkpoints still read.

use serde::{Deserialize, Serialize};

/// What a run looks like after `step` optimizer updates.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    pub step: u64,
    /// NaN when read from a file without this column (other tools' CSVs).
    #[serde(default = "not_recorded")]
    pub train_loss: f32,
    pub train_acc: f32,
    pub val_loss: Option<f32>,
    pub val_acc: Option<f32>,
    pub param_norm: f32,
    /// Training speed since the previous evaluation (written to 0.01).
    #[serde(default, serialize_with = "hundredths")]
    pub steps_per_sec: f32,
    /// Training time so far, pauses excluded, across resumes (`elapsed_s` in metrics.csv;
    /// checkpoints before that name say `elapsed_secs`).
    #[serde(
        default,
        rename = "elapsed_s",
        alias = "elapsed_secs",
        serialize_with = "milliseconds"
    )]
    pub elapsed_secs: f64,
    /// Mixes only: train accuracy on the rule (addition) examples.
    #[serde(default)]
    pub rule_train_acc: Option<f32>,
    /// Mixes only: train accuracy on the random-label (memorization) examples.
    #[serde(default)]
    pub mem_train_acc: Option<f32>,
}

fn not_recorded() -> f32 {
    f32::NAN
}

/// Timing columns are measurements, not results: written to a readable precision.
fn hundredths<S: serde::Serializer>(x: &f32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((f64::from(*x) * 100.0).round() / 100.0)
}

fn milliseconds<S: serde::Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((x * 1000.0).round() / 1000.0)
}

impl Metrics {
    /// What went non-finite first, if anything did: the training loss or the parameter norm
    /// (once either is NaN or infinite, every later step is too: the run has diverged).
    pub fn non_finite(&self) -> Option<&'static str> {
        if !self.train_loss.is_finite() {
            Some("the training loss")
        } else if !self.param_norm.is_finite() {
            Some("the parameter norm")
        } else {
            None
        }
    }
}
