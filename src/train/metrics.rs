//! One evaluation of a run, and its row in `metrics.csv`.

use serde::{Deserialize, Serialize};

/// The columns of `metrics.csv`, in order. Empty cells mean "not applicable" (no validation
/// set; not a multi-task mix).
pub const METRICS_HEADER: &str = "step,train_loss,train_acc,val_loss,val_acc,param_norm,steps_per_sec,elapsed_s,rule_train_acc,mem_train_acc";

/// What a run looks like after `step` optimizer updates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    pub step: u64,
    pub train_loss: f32,
    pub train_acc: f32,
    pub val_loss: Option<f32>,
    pub val_acc: Option<f32>,
    pub param_norm: f32,
    /// Training speed since the previous evaluation.
    pub steps_per_sec: f32,
    /// Training time so far, pauses excluded, across resumes.
    pub elapsed_secs: f64,
    /// Mixes only: train accuracy on the rule (addition) examples.
    pub rule_train_acc: Option<f32>,
    /// Mixes only: train accuracy on the random-label (memorization) examples.
    pub mem_train_acc: Option<f32>,
}

impl Metrics {
    /// The CSV row (no newline), matching `METRICS_HEADER`.
    pub fn csv_row(&self) -> String {
        let opt = |v: Option<f32>| v.map_or(String::new(), |x| x.to_string());
        format!(
            "{},{},{},{},{},{},{:.2},{:.3},{},{}",
            self.step,
            self.train_loss,
            self.train_acc,
            opt(self.val_loss),
            opt(self.val_acc),
            self.param_norm,
            self.steps_per_sec,
            self.elapsed_secs,
            opt(self.rule_train_acc),
            opt(self.mem_train_acc),
        )
    }
}
