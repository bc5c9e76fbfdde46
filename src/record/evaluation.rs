//! One evaluation of a run: a row of `metrics.csv` (written and read by `record::metrics`,
//! columns named after the fields) and an entry of a checkpoint's history. Plain data, kept
//! in `record` beside the files it is written to; the trainer fills it in.
//!
//! To add a column, add a field: an `Option` (empty where it does not apply) with
//! `#[serde(default)]`, at the end, so that older files and checkpoints still read.

use crate::analysis::circuits::CircuitMeasures;
use crate::analysis::{Classification, DetectorConfig, Observation, PhaseDetector, PhaseEvent};
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
    /// Addition tasks only, the circuit progress measures (`analysis::circuits`; read them
    /// together with [`Metrics::circuits`]): training loss on the key frequencies alone ...
    #[serde(default)]
    pub restricted_loss: Option<f32>,
    /// ... training loss without them ...
    #[serde(default)]
    pub excluded_loss: Option<f32>,
    /// ... the key frequencies, strongest first (one cell, space-separated) ...
    #[serde(default, with = "freq_list")]
    pub key_freqs: Option<Vec<usize>>,
    /// ... their share of the embedding's Fourier energy, the Gini coefficient of the
    /// per-frequency norms, and the parameter norm split along them.
    #[serde(default)]
    pub key_share: Option<f32>,
    #[serde(default)]
    pub freq_gini: Option<f32>,
    #[serde(default)]
    pub norm_key: Option<f32>,
    #[serde(default)]
    pub norm_rest: Option<f32>,
    /// Val loss on the twin-free pairs only: those whose swapped twin (b, a) is not in
    /// training (`data::twins`). Every task with a val set has it; `val_loss` beside it is
    /// the paper's metric, which a symmetric memorizer partly passes.
    #[serde(default)]
    pub twin_free_val_loss: Option<f32>,
    /// Val accuracy on the twin-free pairs: what the phase detector judges.
    #[serde(default)]
    pub twin_free_val_acc: Option<f32>,
}

/// Key frequencies as one CSV cell: `"3 32 48"`; empty for none.
mod freq_list {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<Vec<usize>>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(freqs) => {
                let words: Vec<String> = freqs.iter().map(ToString::to_string).collect();
                s.serialize_some(&words.join(" "))
            }
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<usize>>, D::Error> {
        let Some(text) = Option::<String>::deserialize(d)? else {
            return Ok(None);
        };
        if text.trim().is_empty() {
            return Ok(None);
        }
        text.split_whitespace()
            .map(|w| {
                w.parse().map_err(|_| {
                    serde::de::Error::custom(format!(
                        "key_freqs: '{w}' is not a frequency (expected whole numbers separated by spaces)"
                    ))
                })
            })
            .collect::<Result<Vec<usize>, _>>()
            .map(Some)
    }
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
    /// What the phase detector sees of this evaluation: the twin-free val accuracy where the
    /// run has it (the paper's val beside it, for the verdict's note), else the val accuracy.
    pub fn observation(&self) -> Observation {
        Observation {
            step: self.step,
            train_acc: self.train_acc,
            val_acc: self.twin_free_val_acc.or(self.val_acc),
            leaky_val_acc: self.twin_free_val_acc.and(self.val_acc),
            param_norm: self.param_norm,
        }
    }

    /// Feeds this evaluation, circuit measures included, to `detector`; returns its new
    /// events. The one way the worker, `analyze` and the report replay a run.
    pub fn feed(&self, detector: &mut PhaseDetector) -> Vec<PhaseEvent> {
        let mut events = detector.observe(self.observation());
        if let (Some(r), Some(e)) = (self.restricted_loss, self.excluded_loss) {
            events.extend(detector.observe_circuits(r, e));
        }
        events
    }

    /// Replays a recorded run through a fresh detector, circuit measures included: its events
    /// and final verdict, exactly as the live worker would have found them.
    pub fn replay(history: &[Metrics]) -> (Vec<PhaseEvent>, Classification) {
        let mut detector = PhaseDetector::new(DetectorConfig::default());
        for m in history {
            m.feed(&mut detector);
        }
        (detector.events().to_vec(), detector.classify())
    }

    /// The circuit progress measures, when this evaluation has all of them.
    pub fn circuits(&self) -> Option<CircuitMeasures> {
        Some(CircuitMeasures {
            key_freqs: self.key_freqs.clone()?,
            key_share: self.key_share?,
            freq_gini: self.freq_gini?,
            restricted_loss: self.restricted_loss?,
            excluded_loss: self.excluded_loss?,
            norm_key: self.norm_key?,
            norm_rest: self.norm_rest?,
        })
    }

    /// Sets (or clears) every circuit column.
    pub fn set_circuits(&mut self, c: Option<CircuitMeasures>) {
        self.restricted_loss = c.as_ref().map(|c| c.restricted_loss);
        self.excluded_loss = c.as_ref().map(|c| c.excluded_loss);
        self.key_share = c.as_ref().map(|c| c.key_share);
        self.freq_gini = c.as_ref().map(|c| c.freq_gini);
        self.norm_key = c.as_ref().map(|c| c.norm_key);
        self.norm_rest = c.as_ref().map(|c| c.norm_rest);
        self.key_freqs = c.map(|c| c.key_freqs);
    }

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

#[cfg(test)]
mod circuit_column_tests {
    use crate::analysis::circuits::CircuitMeasures;
    use crate::record::{metrics_header, read_metrics};

    fn read(text: &str) -> Vec<super::Metrics> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("metrics.csv");
        std::fs::write(&path, text).unwrap();
        read_metrics(&path).unwrap().rows
    }

    #[test]
    fn circuit_columns_read_back_and_old_files_read_without_them() {
        let header = metrics_header();
        let cells = |circuits: &str| {
            header
                .split(',')
                .map(|c| match c {
                    "step" => "50",
                    "train_acc" | "param_norm" | "train_loss" | "steps_per_sec" | "elapsed_s" => {
                        "0.5"
                    }
                    "restricted_loss" | "excluded_loss" | "key_share" | "freq_gini"
                    | "norm_key" | "norm_rest"
                        if circuits.is_empty() =>
                    {
                        ""
                    }
                    "restricted_loss" => "0.125",
                    "excluded_loss" => "4.75",
                    "key_share" => "0.625",
                    "freq_gini" => "0.5",
                    "norm_key" => "12.5",
                    "norm_rest" => "20.25",
                    "key_freqs" => circuits,
                    _ => "",
                })
                .collect::<Vec<_>>()
                .join(",")
        };
        let rows = read(&format!("{header}\n{}\n", cells("14 3 41")));
        assert_eq!(
            rows[0].circuits(),
            Some(CircuitMeasures {
                key_freqs: vec![14, 3, 41],
                key_share: 0.625,
                freq_gini: 0.5,
                restricted_loss: 0.125,
                excluded_loss: 4.75,
                norm_key: 12.5,
                norm_rest: 20.25,
            })
        );
        assert_eq!(
            read(&format!("{header}\n{}\n", cells("")))[0].circuits(),
            None
        );
        let old = read(
            "step,train_loss,train_acc,val_loss,val_acc,param_norm\n10,1.5,0.25,2.0,0.1,3.5\n",
        );
        assert_eq!(old[0].circuits(), None);
        assert_eq!(old[0].key_freqs, None);
    }
}
