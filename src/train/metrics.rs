//! One evaluation of a run, and its row in `metrics.csv`.

use crate::analysis::circuits::CircuitMeasures;
use serde::{Deserialize, Serialize};

/// The columns of `metrics.csv`, in order. Empty cells mean "not applicable" (no validation
/// set; not a multi-task mix; a task whose rule is not addition for the circuit columns).
pub const METRICS_HEADER: &str = "step,train_loss,train_acc,val_loss,val_acc,param_norm,steps_per_sec,elapsed_s,rule_train_acc,mem_train_acc,restricted_loss,excluded_loss,key_freqs,key_share,freq_gini,norm_key,norm_rest";

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
    /// Addition tasks only: the circuit progress measures (`analysis::circuits`).
    /// Checkpoints written before they existed load with `None`.
    #[serde(default)]
    pub circuits: Option<CircuitMeasures>,
}

impl Metrics {
    /// The CSV row (no newline), matching `METRICS_HEADER`.
    pub fn csv_row(&self) -> String {
        let opt = |v: Option<f32>| v.map_or(String::new(), |x| x.to_string());
        format!(
            "{},{},{},{},{},{},{:.2},{:.3},{},{},{}",
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
            circuit_cells(self.circuits.as_ref()),
        )
    }
}

/// The circuit columns of a row: seven cells, all empty when there are no measures. Key
/// frequencies are one cell, space-separated, strongest first.
fn circuit_cells(c: Option<&CircuitMeasures>) -> String {
    let Some(c) = c else {
        return ",,,,,,".to_string();
    };
    let freqs: Vec<String> = c.key_freqs.iter().map(ToString::to_string).collect();
    format!(
        "{},{},{},{},{},{},{}",
        c.restricted_loss,
        c.excluded_loss,
        freqs.join(" "),
        c.key_share,
        c.freq_gini,
        c.norm_key,
        c.norm_rest
    )
}

/// The circuit measures of a `metrics.csv` row, given a lookup of its cells by column name;
/// `None` when any circuit cell is missing, empty or unreadable (older files have no such
/// columns; non-addition tasks leave them empty).
pub fn circuits_from_cells<'a>(cell: impl Fn(&str) -> Option<&'a str>) -> Option<CircuitMeasures> {
    let num = |name: &str| -> Option<f32> { cell(name)?.trim().parse().ok() };
    let key_freqs = cell("key_freqs")?
        .split_whitespace()
        .map(|w| w.parse().ok())
        .collect::<Option<Vec<usize>>>()?;
    if key_freqs.is_empty() {
        return None;
    }
    Some(CircuitMeasures {
        key_freqs,
        key_share: num("key_share")?,
        freq_gini: num("freq_gini")?,
        restricted_loss: num("restricted_loss")?,
        excluded_loss: num("excluded_loss")?,
        norm_key: num("norm_key")?,
        norm_rest: num("norm_rest")?,
    })
}

/// The rows of a metrics.csv (columns by header name; unreadable rows are skipped).
pub fn parse_metrics(text: &str) -> Vec<Metrics> {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let Some(header) = lines.next() else {
        return Vec::new();
    };
    let names: Vec<&str> = header.split(',').map(str::trim).collect();
    let col = |name: &str| names.iter().position(|n| *n == name);
    let [step, tl, ta, vl, va, norm, rate, el, rule, mem] = [
        "step",
        "train_loss",
        "train_acc",
        "val_loss",
        "val_acc",
        "param_norm",
        "steps_per_sec",
        "elapsed_s",
        "rule_train_acc",
        "mem_train_acc",
    ]
    .map(col);
    lines
        .filter_map(|line| {
            let f: Vec<&str> = line.split(',').map(str::trim).collect();
            let opt = |i: Option<usize>| -> Option<f32> { f.get(i?)?.parse().ok() };
            Some(Metrics {
                step: f.get(step?)?.parse().ok()?,
                train_loss: opt(tl).unwrap_or(f32::NAN),
                train_acc: opt(ta)?,
                val_loss: opt(vl),
                val_acc: opt(va),
                param_norm: opt(norm).unwrap_or(f32::NAN),
                steps_per_sec: opt(rate).unwrap_or(0.0),
                elapsed_secs: el.and_then(|i| f.get(i)?.parse().ok()).unwrap_or(0.0),
                rule_train_acc: opt(rule),
                mem_train_acc: opt(mem),
                circuits: circuits_from_cells(|name| {
                    f.get(names.iter().position(|n| *n == name)?).copied()
                }),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells_of<'a>(header: &'a str, row: &'a str) -> impl Fn(&str) -> Option<&'a str> {
        move |name: &str| {
            let i = header.split(',').position(|h| h == name)?;
            row.split(',').nth(i)
        }
    }

    fn metrics(circuits: Option<CircuitMeasures>) -> Metrics {
        Metrics {
            step: 50,
            train_loss: 1.5,
            train_acc: 0.5,
            val_loss: None,
            val_acc: None,
            param_norm: 30.0,
            steps_per_sec: 10.0,
            elapsed_secs: 1.0,
            rule_train_acc: None,
            mem_train_acc: None,
            circuits,
        }
    }

    #[test]
    fn circuit_columns_round_trip_through_a_row() {
        let c = CircuitMeasures {
            key_freqs: vec![14, 3, 41],
            key_share: 0.625,
            freq_gini: 0.5,
            restricted_loss: 0.125,
            excluded_loss: 4.75,
            norm_key: 12.5,
            norm_rest: 20.25,
        };
        let row = metrics(Some(c.clone())).csv_row();
        assert_eq!(row.split(',').count(), METRICS_HEADER.split(',').count());
        assert_eq!(circuits_from_cells(cells_of(METRICS_HEADER, &row)), Some(c));
    }

    #[test]
    fn rows_without_measures_and_old_files_read_as_none() {
        let row = metrics(None).csv_row();
        assert_eq!(circuits_from_cells(cells_of(METRICS_HEADER, &row)), None);
        let old_header = "step,train_loss,train_acc,val_loss,val_acc,param_norm";
        let old_row = "10,1.5,0.25,2.0,0.1,3.5";
        assert_eq!(circuits_from_cells(cells_of(old_header, old_row)), None);
    }
}
