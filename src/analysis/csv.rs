//! Reading a run's metrics CSV back into [`Observation`]s.
//!
//! Format: comma separated, first non-blank line is the header, no quoting.
//! Columns are found by header name (case-insensitive, surrounding whitespace
//! ignored), so their order does not matter and unknown columns are skipped.
//! Required: `step`, `train_acc`, `param_norm`. Optional: `val_acc` (a missing
//! column, an empty cell, `nan`, `none` or `null` mean "no validation value").
//! Numbers may be written `0.9965`, `1e-3`, ...; `step` must be a non-negative
//! whole number (`1000` or `1e3`). Blank lines (and a trailing newline) are skipped.

use super::types::Observation;
use std::fmt;
use std::path::Path;

/// Why a metrics CSV could not be read. Displays as one line naming the file,
/// and where known the line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvError {
    /// The file (or the name given to [`parse_metrics_csv`]).
    pub source_name: String,
    /// 1-based line number, when the problem is on one line.
    pub line: Option<usize>,
    /// Column name, when the problem is in one cell.
    pub column: Option<String>,
    pub message: String,
}

impl CsvError {
    fn new(source_name: &str, line: Option<usize>, column: Option<&str>, message: String) -> Self {
        CsvError {
            source_name: source_name.to_string(),
            line,
            column: column.map(str::to_string),
            message,
        }
    }
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.source_name)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(col) = &self.column {
            write!(f, ", column {col}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for CsvError {}

/// Reads and parses a metrics CSV file (see the module docs for the format).
pub fn read_metrics_csv(path: &Path) -> Result<Vec<Observation>, CsvError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| CsvError::new(&name, None, None, format!("cannot read file: {e}")))?;
    parse_metrics_csv(&text, &name)
}

/// Parses metrics CSV text; `source_name` is used in error messages only.
pub fn parse_metrics_csv(text: &str, source_name: &str) -> Result<Vec<Observation>, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty());

    let Some((header_line, header)) = lines.next() else {
        return Err(CsvError::new(
            source_name,
            None,
            None,
            "empty file, expected a header line such as 'step,train_acc,val_acc,param_norm'"
                .to_string(),
        ));
    };
    let names: Vec<String> = header
        .split(',')
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let find = |col: &str| names.iter().position(|n| n == col);
    let required = |col: &str| {
        find(col).ok_or_else(|| {
            CsvError::new(
                source_name,
                Some(header_line),
                None,
                format!(
                    "header lacks required column '{col}' (found: {})",
                    names.join(", ")
                ),
            )
        })
    };
    let i_step = required("step")?;
    let i_train = required("train_acc")?;
    let i_norm = required("param_norm")?;
    let i_val = find("val_acc");

    let mut out = Vec::new();
    for (line_no, line) in lines {
        let mut cells: Vec<&str> = line.split(',').map(str::trim).collect();
        // Tolerate trailing empty cells (e.g. a trailing comma).
        while cells.len() > names.len() && cells.last() == Some(&"") {
            cells.pop();
        }
        if cells.len() != names.len() {
            return Err(CsvError::new(
                source_name,
                Some(line_no),
                None,
                format!(
                    "expected {} fields as in the header, found {}",
                    names.len(),
                    cells.len()
                ),
            ));
        }
        let bad = |col: &str, what: &str| {
            let cell = cells[names.iter().position(|n| n == col).unwrap()];
            CsvError::new(
                source_name,
                Some(line_no),
                Some(col),
                format!("cannot parse '{cell}' as {what}"),
            )
        };
        let step =
            parse_step(cells[i_step]).ok_or_else(|| bad("step", "a non-negative whole number"))?;
        let train_acc =
            parse_finite(cells[i_train]).ok_or_else(|| bad("train_acc", "a finite number"))?;
        let param_norm =
            parse_finite(cells[i_norm]).ok_or_else(|| bad("param_norm", "a finite number"))?;
        let val_acc = match i_val {
            None => None,
            Some(i) => {
                let cell = cells[i];
                if is_missing(cell) {
                    None
                } else {
                    Some(parse_finite(cell).ok_or_else(|| bad("val_acc", "a number or empty"))?)
                }
            }
        };
        out.push(Observation {
            step,
            train_acc,
            val_acc,
            param_norm,
        });
    }
    Ok(out)
}

fn is_missing(cell: &str) -> bool {
    cell.is_empty()
        || cell.eq_ignore_ascii_case("nan")
        || cell.eq_ignore_ascii_case("none")
        || cell.eq_ignore_ascii_case("null")
}

fn parse_finite(cell: &str) -> Option<f32> {
    cell.parse::<f32>().ok().filter(|x| x.is_finite())
}

fn parse_step(cell: &str) -> Option<u64> {
    if let Ok(s) = cell.parse::<u64>() {
        return Some(s);
    }
    let x = cell.parse::<f64>().ok()?;
    (x.is_finite() && x >= 0.0 && x.fract() == 0.0 && x <= u64::MAX as f64).then_some(x as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plain_file() {
        let text = "step,train_acc,val_acc,param_norm\n0,0.01,0.009,50.0\n100, 0.9965 ,1e-3,49.5\n";
        let obs = parse_metrics_csv(text, "m.csv").unwrap();
        assert_eq!(
            obs,
            vec![
                Observation {
                    step: 0,
                    train_acc: 0.01,
                    val_acc: Some(0.009),
                    param_norm: 50.0
                },
                Observation {
                    step: 100,
                    train_acc: 0.9965,
                    val_acc: Some(0.001),
                    param_norm: 49.5
                },
            ]
        );
    }

    #[test]
    fn header_order_shuffled_and_extra_columns_ignored() {
        let text = "  param_norm , lr, val_acc,step,train_loss,train_acc \n\
                    17.5,0.001,0.02,200,4.7,0.3\n\
                    \n\
                    18.0,0.001,,300,4.1,0.35\n\
                    18.5,0.001,NaN,400,3.9,0.4\n\n";
        let obs = parse_metrics_csv(text, "m.csv").unwrap();
        assert_eq!(obs.len(), 3);
        assert_eq!(
            obs[0],
            Observation {
                step: 200,
                train_acc: 0.3,
                val_acc: Some(0.02),
                param_norm: 17.5
            }
        );
        assert_eq!(obs[1].val_acc, None);
        assert_eq!(obs[1].step, 300);
        assert_eq!(obs[2].val_acc, None);
        assert_eq!(obs[2].param_norm, 18.5);
    }

    #[test]
    fn missing_val_column_means_no_val() {
        let text = "step,train_acc,param_norm\r\n1e3,0.5,20\r\n2000,0.75,21\r\n";
        let obs = parse_metrics_csv(text, "m.csv").unwrap();
        assert_eq!(obs.len(), 2);
        assert_eq!(obs[0].step, 1000);
        assert!(obs.iter().all(|o| o.val_acc.is_none()));
    }

    #[test]
    fn bad_number_names_line_and_column() {
        let text = "step,train_acc,val_acc,param_norm\n0,0.1,0.0,50\n100,0.2x,0.0,50\n";
        let err = parse_metrics_csv(text, "runs/a.csv").unwrap_err();
        assert_eq!(err.line, Some(3));
        assert_eq!(err.column.as_deref(), Some("train_acc"));
        let msg = err.to_string();
        assert!(msg.contains("runs/a.csv"), "{msg}");
        assert!(msg.contains("line 3"), "{msg}");
        assert!(msg.contains("train_acc"), "{msg}");
        assert!(msg.contains("'0.2x'"), "{msg}");
        assert!(!msg.contains('\n'));

        let err = parse_metrics_csv("step,train_acc,val_acc,param_norm\n-5,0.1,0.0,50\n", "x")
            .unwrap_err();
        assert_eq!((err.line, err.column.as_deref()), (Some(2), Some("step")));
        let err = parse_metrics_csv("step,train_acc,val_acc,param_norm\n5,0.1,abc,50\n", "x")
            .unwrap_err();
        assert_eq!(err.column.as_deref(), Some("val_acc"));
        let err = parse_metrics_csv("step,train_acc,val_acc,param_norm\n5,0.1,0.2,inf\n", "x")
            .unwrap_err();
        assert_eq!(err.column.as_deref(), Some("param_norm"));
    }

    #[test]
    fn missing_required_column_is_named() {
        let err = parse_metrics_csv("step,val_acc,param_norm\n0,0.1,50\n", "m.csv").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("'train_acc'"), "{msg}");
        assert!(msg.starts_with("m.csv"), "{msg}");
        let err = parse_metrics_csv("step,train_acc,val_acc\n0,0.1,0.1\n", "m.csv").unwrap_err();
        assert!(err.to_string().contains("'param_norm'"));
    }

    #[test]
    fn wrong_field_count_and_empty_file() {
        let err = parse_metrics_csv("step,train_acc,param_norm\n0,0.1\n", "m.csv").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.to_string().contains("expected 3 fields"));
        // A trailing comma is tolerated.
        assert_eq!(
            parse_metrics_csv("step,train_acc,param_norm\n0,0.1,3,\n", "m")
                .unwrap()
                .len(),
            1
        );
        let err = parse_metrics_csv("\n\n", "m.csv").unwrap_err();
        assert!(err.to_string().contains("empty file"));
    }

    #[test]
    fn read_file_and_missing_file() {
        let dir = std::env::temp_dir().join(format!("groktop-csv-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("metrics.csv");
        std::fs::write(&path, "step,train_acc,val_acc,param_norm\n0,0.5,,10\n").unwrap();
        let obs = read_metrics_csv(&path).unwrap();
        assert_eq!(obs.len(), 1);
        std::fs::remove_file(&path).unwrap();
        let err = read_metrics_csv(&path).unwrap_err();
        assert!(err.to_string().contains("metrics.csv"));
        assert!(err.to_string().contains("cannot read file"));
        let _ = std::fs::remove_dir(&dir);
    }
}
