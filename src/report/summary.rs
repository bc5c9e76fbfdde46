//! Reading a sweep's `summary.csv`.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use super::{Phase, ReportError, TaskKind};

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
}

/// Reads `summary.csv` (see [`parse_summary`]).
pub fn read_summary(path: impl AsRef<Path>) -> Result<Vec<SummaryRow>, ReportError> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|source| ReportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_summary(&text, path)
}

/// Parses the text of a `summary.csv`; `path` only names the file in errors.
///
/// Columns are found by header name, unknown columns are ignored, blank lines are skipped.
/// Fields may be double-quoted (RFC 4180 style, `""` for a quote; no line breaks inside).
/// Accuracies must lie in [0, 1]. Only `final_val_acc`, `best_val_acc`, `memorized_step` and
/// `generalized_step` may be empty.
pub fn parse_summary(text: &str, path: &Path) -> Result<Vec<SummaryRow>, ReportError> {
    let err = |line: usize, column: &str, message: String| ReportError::Parse {
        path: PathBuf::from(path),
        line,
        column: column.to_string(),
        message,
    };
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
    let (header_no, header_line) = lines
        .by_ref()
        .find(|(_, l)| !l.trim().is_empty())
        .ok_or_else(|| err(1, "*", "empty file, expected a header line".into()))?;
    let header: Vec<String> = split_csv_line(header_line)
        .map_err(|m| err(header_no, "*", m))?
        .into_iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut index = [0usize; SUMMARY_COLUMNS.len()];
    for (k, name) in SUMMARY_COLUMNS.iter().enumerate() {
        index[k] = header.iter().position(|h| h == name).ok_or_else(|| {
            err(
                header_no,
                name,
                format!("missing from the header ({})", header.join(",")),
            )
        })?;
    }

    let mut rows = Vec::new();
    for (line_no, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let fields = split_csv_line(line).map_err(|m| err(line_no, "*", m))?;
        if fields.len() != header.len() {
            return Err(err(
                line_no,
                "*",
                format!(
                    "{} fields, but the header has {}",
                    fields.len(),
                    header.len()
                ),
            ));
        }
        let get = |k: usize| fields[index[k]].trim();
        let col = |k: usize| SUMMARY_COLUMNS[k];
        let req = |k: usize| -> Result<&str, ReportError> {
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
        let int = |k: usize| -> Result<u64, ReportError> {
            let v = req(k)?;
            v.parse::<u64>().map_err(|e| {
                err(
                    line_no,
                    col(k),
                    format!("{v:?} is not a non-negative integer ({e})"),
                )
            })
        };
        let opt_int = |k: usize| -> Result<Option<u64>, ReportError> {
            if get(k).is_empty() {
                Ok(None)
            } else {
                int(k).map(Some)
            }
        };
        let acc = |k: usize| -> Result<f64, ReportError> {
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
        let opt_acc = |k: usize| -> Result<Option<f64>, ReportError> {
            if get(k).is_empty() {
                Ok(None)
            } else {
                acc(k).map(Some)
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
        });
    }
    Ok(rows)
}

/// Splits one CSV line into fields; supports double-quoted fields with `""` escapes.
fn split_csv_line(line: &str) -> Result<Vec<String>, String> {
    let line = line.strip_suffix('\r').unwrap_or(line);
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut chars = line.chars().peekable();
    let mut in_quotes = false;
    let mut was_quoted = false;
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cur.push('"');
                }
                '"' => in_quotes = false,
                _ => cur.push(c),
            }
        } else {
            match c {
                ',' => {
                    fields.push(std::mem::take(&mut cur));
                    was_quoted = false;
                }
                '"' if cur.trim().is_empty() && !was_quoted => {
                    cur.clear();
                    in_quotes = true;
                    was_quoted = true;
                }
                '"' => return Err("stray '\"' inside an unquoted field".into()),
                _ => cur.push(c),
            }
        }
    }
    if in_quotes {
        return Err("unterminated quoted field".into());
    }
    fields.push(cur);
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "cell,preset,task,n_train,d_model,n_layers,n_memorize,seed,n_params,steps,final_train_acc,final_val_acc,best_val_acc,phase,memorized_step,generalized_step";

    fn p(text: &str) -> Result<Vec<SummaryRow>, ReportError> {
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
        let e = p(&text).unwrap_err();
        match &e {
            ReportError::Parse { line, column, .. } => {
                assert_eq!(*line, 3);
                assert_eq!(column, "d_model");
            }
            other => panic!("wrong error {other:?}"),
        }
        let msg = e.to_string();
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
    fn read_summary_reports_missing_file() {
        let e = read_summary("/nonexistent/summary.csv").unwrap_err();
        assert!(matches!(e, ReportError::Io { .. }));
        assert!(e.to_string().starts_with("/nonexistent/summary.csv"));
    }
}
