//! `summary.csv` and each cell's `summary-row.csv`: one row per finished sweep cell, in the
//! columns of [`SUMMARY_COLUMNS`], written and read with the `csv` crate (quoting included).
//!
//! The reader finds columns by header name (any order, unknown columns ignored, blank lines
//! skipped) and checks every value: accuracies in [0, 1]; only `final_val_acc`,
//! `best_val_acc`, `memorized_step` and `generalized_step` may be empty. Errors read
//! `<file>:<line>: column `<name>`: <problem>`.

use super::{RecordError, atomic};
use crate::analysis::Phase;
use crate::preset::TaskKind;
use std::path::Path;
use std::str::FromStr;

/// The columns `summary.csv` must have (in any order; further columns are ignored).
pub const SUMMARY_COLUMNS: [&str; 16] = [
    "cell",
    "preset",
    "task",
    "n_train",
    "d_model",
    "n_layers",
    "n_memorize",
    "seed",
    "n_params",
    "steps",
    "final_train_acc",
    "final_val_acc",
    "best_val_acc",
    "phase",
    "memorized_step",
    "generalized_step",
];

/// Columns written after [`SUMMARY_COLUMNS`] and read when present: files written before they
/// existed read with them empty.
pub const TWIN_FREE_COLUMNS: [&str; 2] = ["final_twin_free_val_acc", "best_twin_free_val_acc"];

/// One finished grid cell (one seed) of a sweep.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryRow {
    pub cell: u64,
    pub preset: String,
    pub task: TaskKind,
    pub n_train: u64,
    pub d_model: u64,
    pub n_layers: u64,
    pub n_memorize: u64,
    pub seed: u64,
    pub n_params: u64,
    pub steps: u64,
    pub final_train_acc: f64,
    /// `None` when the task has no validation set (random-labels).
    pub final_val_acc: Option<f64>,
    pub best_val_acc: Option<f64>,
    pub phase: Phase,
    /// First step with train acc ≈ 1, `None` if never reached.
    pub memorized_step: Option<u64>,
    /// First step with val acc ≈ 1, `None` if never reached.
    pub generalized_step: Option<u64>,
    /// Val accuracy on the pairs whose swapped twin is not in training (`data::twins`), at the
    /// end and at its best; `None` for runs recorded before the metric existed.
    pub final_twin_free_val_acc: Option<f64>,
    pub best_twin_free_val_acc: Option<f64>,
}

impl SummaryRow {
    /// The accuracy the phases are judged on: twin-free where recorded, else the paper's val.
    pub fn judged_final_val_acc(&self) -> Option<f64> {
        self.final_twin_free_val_acc.or(self.final_val_acc)
    }

    /// Best over the run of [`Self::judged_final_val_acc`]'s metric.
    pub fn judged_best_val_acc(&self) -> Option<f64> {
        self.best_twin_free_val_acc.or(self.best_val_acc)
    }

    /// The fields in [`SUMMARY_COLUMNS`] then [`TWIN_FREE_COLUMNS`] order; empty for "none".
    fn fields(&self) -> [String; SUMMARY_COLUMNS.len() + TWIN_FREE_COLUMNS.len()] {
        let opt_f = |v: Option<f64>| v.map_or(String::new(), |x| x.to_string());
        let opt_u = |v: Option<u64>| v.map_or(String::new(), |x| x.to_string());
        [
            self.cell.to_string(),
            self.preset.clone(),
            self.task.slug().to_string(),
            self.n_train.to_string(),
            self.d_model.to_string(),
            self.n_layers.to_string(),
            self.n_memorize.to_string(),
            self.seed.to_string(),
            self.n_params.to_string(),
            self.steps.to_string(),
            self.final_train_acc.to_string(),
            opt_f(self.final_val_acc),
            opt_f(self.best_val_acc),
            self.phase.label().to_string(),
            opt_u(self.memorized_step),
            opt_u(self.generalized_step),
            opt_f(self.final_twin_free_val_acc),
            opt_f(self.best_twin_free_val_acc),
        ]
    }
}

/// The CSV text of a header and these rows.
pub fn summary_text(rows: &[SummaryRow]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let write = |w: &mut csv::Writer<Vec<u8>>| -> csv::Result<()> {
        w.write_record(SUMMARY_COLUMNS.iter().chain(&TWIN_FREE_COLUMNS))?;
        for r in rows {
            w.write_record(r.fields())?;
        }
        w.flush()?;
        Ok(())
    };
    write(&mut w).expect("writing CSV to memory");
    String::from_utf8(w.into_inner().expect("flushing to memory")).expect("UTF-8 fields")
}

/// Writes `rows` (with the header) to `path`, atomically.
pub(crate) fn write_summary(path: &Path, rows: &[SummaryRow]) -> Result<(), RecordError> {
    atomic::write_atomic(path, summary_text(rows).as_bytes())
}

/// Reads a `summary.csv` or a `summary-row.csv` (see the module docs).
pub fn read_summary(path: impl AsRef<Path>) -> Result<Vec<SummaryRow>, RecordError> {
    let path = path.as_ref();
    let text = super::regular::read_regular_text(path, 256 << 20)?;
    parse_summary(&text, path)
}

/// Parses the text of a `summary.csv`; `path` only names the file in errors.
pub fn parse_summary(text: &str, path: &Path) -> Result<Vec<SummaryRow>, RecordError> {
    let err = |line: u64, column: &str, message: String| {
        RecordError(format!(
            "{}:{line}: column `{column}`: {message}",
            path.display()
        ))
    };
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| err(1, "*", e.to_string()))?
        .iter()
        .map(str::to_string)
        .collect();
    if header.iter().all(String::is_empty) {
        return Err(err(1, "*", "empty file, expected a header line".into()));
    }
    let mut index = [0usize; SUMMARY_COLUMNS.len()];
    for (k, name) in SUMMARY_COLUMNS.iter().enumerate() {
        index[k] = header.iter().position(|h| h == name).ok_or_else(|| {
            err(
                1,
                name,
                format!("missing from the header ({})", header.join(",")),
            )
        })?;
    }
    let twin_free_index = TWIN_FREE_COLUMNS.map(|name| header.iter().position(|h| h == name));
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            err(line, "*", e.to_string())
        })?;
        let line_no = record.position().map_or(0, |p| p.line());
        if record.iter().all(str::is_empty) {
            continue;
        }
        if record.len() != header.len() {
            return Err(err(
                line_no,
                "*",
                format!(
                    "{} fields, but the header has {}",
                    record.len(),
                    header.len()
                ),
            ));
        }
        let get = |k: usize| record.get(index[k]).unwrap_or("");
        let col = |k: usize| SUMMARY_COLUMNS[k];
        let req = |k: usize| -> Result<&str, RecordError> {
            let v = get(k);
            if v.is_empty() {
                Err(err(
                    line_no,
                    col(k),
                    "empty, but a value is required".into(),
                ))
            } else {
                Ok(v)
            }
        };
        let int = |k: usize| -> Result<u64, RecordError> {
            let v = req(k)?;
            v.parse::<u64>().map_err(|e| {
                err(
                    line_no,
                    col(k),
                    format!("{v:?} is not a non-negative integer ({e})"),
                )
            })
        };
        let opt_int = |k: usize| -> Result<Option<u64>, RecordError> {
            if get(k).is_empty() {
                Ok(None)
            } else {
                int(k).map(Some)
            }
        };
        let acc = |k: usize| -> Result<f64, RecordError> {
            let v = req(k)?;
            let x = v
                .parse::<f64>()
                .map_err(|e| err(line_no, col(k), format!("{v:?} is not a number ({e})")))?;
            if !(0.0..=1.0).contains(&x) {
                return Err(err(
                    line_no,
                    col(k),
                    format!("{v} is not an accuracy in [0, 1]"),
                ));
            }
            Ok(x)
        };
        let opt_acc = |k: usize| -> Result<Option<f64>, RecordError> {
            if get(k).is_empty() {
                Ok(None)
            } else {
                acc(k).map(Some)
            }
        };
        let twin_free = |k: usize| -> Result<Option<f64>, RecordError> {
            let Some(i) = twin_free_index[k] else {
                return Ok(None);
            };
            let v = record.get(i).unwrap_or("");
            if v.is_empty() {
                return Ok(None);
            }
            match v.parse::<f64>() {
                Ok(x) if (0.0..=1.0).contains(&x) => Ok(Some(x)),
                _ => Err(err(
                    line_no,
                    TWIN_FREE_COLUMNS[k],
                    format!("{v:?} is not an accuracy in [0, 1]"),
                )),
            }
        };
        rows.push(SummaryRow {
            cell: int(0)?,
            preset: req(1)?.to_string(),
            task: TaskKind::from_str(req(2)?).map_err(|m| err(line_no, col(2), m))?,
            n_train: int(3)?,
            d_model: int(4)?,
            n_layers: int(5)?,
            n_memorize: int(6)?,
            seed: int(7)?,
            n_params: int(8)?,
            steps: int(9)?,
            final_train_acc: acc(10)?,
            final_val_acc: opt_acc(11)?,
            best_val_acc: opt_acc(12)?,
            phase: Phase::from_str(req(13)?).map_err(|m| err(line_no, col(13), m.to_string()))?,
            memorized_step: opt_int(14)?,
            generalized_step: opt_int(15)?,
            final_twin_free_val_acc: twin_free(0)?,
            best_twin_free_val_acc: twin_free(1)?,
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "cell,preset,task,n_train,d_model,n_layers,n_memorize,seed,n_params,steps,final_train_acc,final_val_acc,best_val_acc,phase,memorized_step,generalized_step";

    fn p(text: &str) -> Result<Vec<SummaryRow>, RecordError> {
        parse_summary(text, Path::new("sweep/summary.csv"))
    }

    #[test]
    fn parses_rows_with_empty_optional_cells() {
        let text = format!(
            "{HEADER}\n\
             0,fig3,mod-add,3000,64,1,0,1,230000,20000,1.0,0.98,0.99,grokking,1800,17500\n\
             \n\
             1,fig4,random-labels,12769,32,1,0,0,60000,20000,0.75,,,undecided,,\n"
        );
        let rows = p(&text).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].task, TaskKind::ModAdd);
        assert_eq!(rows[0].phase, Phase::Grokking);
        assert_eq!(rows[0].n_train, 3000);
        assert_eq!(rows[0].final_val_acc, Some(0.98));
        assert_eq!(rows[0].generalized_step, Some(17500));
        assert_eq!(rows[1].task, TaskKind::RandomLabels);
        assert_eq!(rows[1].final_train_acc, 0.75);
        assert_eq!(rows[1].final_val_acc, None);
        assert_eq!(rows[1].best_val_acc, None);
        assert_eq!(rows[1].memorized_step, None);
        assert_eq!(rows[1].generalized_step, None);
    }

    #[test]
    fn columns_by_name_in_any_order_and_unknown_ignored() {
        let text = "extra,phase,generalized_step,memorized_step,best_val_acc,final_val_acc,final_train_acc,steps,n_params,seed,n_memorize,n_layers,d_model,n_train,task,preset,cell\n\
                    \"x, y\",semi-grokking,,900,0.5,0.4,1,100,5000,3,0,1,32,2600,mod-add-square,\"fig \"\"7\"\"\",12\r\n";
        let rows = p(text).unwrap();
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!(r.cell, 12);
        assert_eq!(r.preset, "fig \"7\"");
        assert_eq!(r.task, TaskKind::ModAddSquare);
        assert_eq!(r.phase, Phase::SemiGrokking);
        assert_eq!((r.n_train, r.d_model, r.seed), (2600, 32, 3));
        assert_eq!(r.final_val_acc, Some(0.4));
        assert_eq!(r.memorized_step, Some(900));
    }

    #[test]
    fn bad_value_names_file_line_and_column() {
        let text = format!(
            "{HEADER}\n\
             0,fig3,mod-add,3000,64,1,0,1,230000,20000,1.0,0.98,0.99,grokking,1800,17500\n\
             1,fig3,mod-add,3000,six-four,1,0,2,230000,20000,1.0,0.98,0.99,grokking,1800,17500\n"
        );
        let msg = p(&text).unwrap_err().to_string();
        assert!(
            msg.starts_with("sweep/summary.csv:3: column `d_model`"),
            "{msg}"
        );
        assert!(msg.contains("six-four"), "{msg}");
    }

    #[test]
    fn rejects_missing_column_empty_required_bad_phase_and_out_of_range_acc() {
        let no_phase = HEADER.replace(",phase", "");
        let e = p(&format!("{no_phase}\n")).unwrap_err().to_string();
        assert!(e.contains(":1: column `phase`"), "{e}");

        let e = p(&format!(
            "{HEADER}\n0,p,mod-add,3000,64,1,0,1,1,1,,0.5,0.5,grokking,,\n"
        ))
        .unwrap_err()
        .to_string();
        assert!(e.contains(":2: column `final_train_acc`: empty"), "{e}");

        let e = p(&format!(
            "{HEADER}\n0,p,mod-add,3000,64,1,0,1,1,1,1,0.5,0.5,groking,,\n"
        ))
        .unwrap_err()
        .to_string();
        assert!(e.contains("column `phase`: unknown phase 'groking'"), "{e}");

        let e = p(&format!(
            "{HEADER}\n0,p,mod-add,3000,64,1,0,1,1,1,1,1.5,0.5,grokking,,\n"
        ))
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("column `final_val_acc`: 1.5 is not an accuracy"),
            "{e}"
        );

        let e = p(&format!("{HEADER}\n0,p,mod-add\n"))
            .unwrap_err()
            .to_string();
        assert!(e.contains(":2: column `*`: 3 fields"), "{e}");
    }

    #[test]
    fn written_rows_read_back() {
        let rows = p(&format!(
            "{HEADER}\n3,\"a, \"\"b\"\"\",mod-add,10,8,1,0,2,99,50,0.5,,0.25,undecided,,\n"
        ))
        .unwrap();
        assert_eq!(rows[0].preset, "a, \"b\"");
        assert_eq!(p(&summary_text(&rows)).unwrap(), rows);
    }

    #[test]
    fn read_summary_reports_missing_file() {
        let e = read_summary("/nonexistent/summary.csv").unwrap_err();
        assert!(e.to_string().starts_with("/nonexistent/summary.csv"));
    }
}
