//! `metrics.csv`: one row per evaluation, columns named after [`Metrics`]' fields (serde),
//! written and read here only.
//!
//! The one reader serves the program's own files, other tools' CSVs (`groktop analyze`: by
//! column name, case and surrounding spaces ignored, unknown columns skipped; `step`,
//! `train_acc` and `param_norm` required) and files a live run is still appending to
//! ([`read_metrics_live`] ignores a last line without its newline). Rows must have strictly
//! increasing steps and accuracies in [0, 1]; losses and norms may be NaN or infinite (a
//! diverged run writes them, and they must read back).

use super::Metrics;
use super::{RecordError, atomic};
use std::path::Path;

/// The rows of a metrics file and the columns it had.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MetricsTable {
    pub rows: Vec<Metrics>,
    /// Header names, lowercased (a column a file lacks reads as its field's default).
    pub columns: Vec<String>,
}

impl MetricsTable {
    pub fn has(&self, column: &str) -> bool {
        self.columns.iter().any(|c| c == column)
    }
}

/// The header line (no newline), from the fields of [`Metrics`].
pub fn header() -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    // A struct always serializes; the writer writes to memory.
    w.serialize(Metrics::default()).expect("serializing a row");
    let bytes = w.into_inner().expect("flushing to memory");
    let text = String::from_utf8_lossy(&bytes).into_owned();
    text.lines().next().unwrap_or_default().to_string()
}

/// Rows as CSV text, without the header.
pub(super) fn rows_text(rows: &[Metrics]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    for m in rows {
        w.serialize(m).expect("serializing a row");
    }
    w.into_inner().expect("flushing to memory")
}

/// Replaces the file with exactly these rows.
pub(crate) fn write_all(path: &Path, rows: &[Metrics]) -> Result<(), RecordError> {
    let mut text = format!("{}\n", header()).into_bytes();
    text.extend(rows_text(rows));
    atomic::write_atomic(path, &text)
}

/// Appends one row.
pub(crate) fn append(path: &Path, m: &Metrics) -> Result<(), RecordError> {
    atomic::append(path, &rows_text(std::slice::from_ref(m)))
}

/// The most a metrics file may hold: 10⁶ evaluations of every column are about 300 MB.
const METRICS_BYTES: u64 = 1 << 30;

/// Reads a whole metrics file (see the module docs): a regular file of at most
/// [`METRICS_BYTES`], so a FIFO or a symlink put in its place is an error, not a hang.
pub fn read_metrics(path: &Path) -> Result<MetricsTable, RecordError> {
    let text = super::regular::read_regular_text(path, METRICS_BYTES)?;
    parse(&text, path)
}

/// Reads a metrics file that a live run may be appending to: an unfinished last line is
/// left for the next read.
pub fn read_metrics_live(path: &Path) -> Result<MetricsTable, RecordError> {
    let text = super::regular::read_regular_text(path, METRICS_BYTES)?;
    let complete = text.rfind('\n').map_or("", |i| &text[..=i]);
    parse(complete, path)
}

/// Parses metrics CSV text; `path` names the source in errors.
pub fn parse(text: &str, path: &Path) -> Result<MetricsTable, RecordError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| RecordError::at(path, format!("cannot read the header: {e}")))?
        .clone();
    let columns: Vec<String> = headers.iter().map(str::to_ascii_lowercase).collect();
    if columns.iter().all(|c| c.is_empty()) {
        return Err(RecordError::at(
            path,
            "empty file, expected a header line such as 'step,train_acc,val_acc,param_norm'",
        ));
    }
    for required in ["step", "train_acc", "param_norm"] {
        if !columns.iter().any(|c| c == required) {
            return Err(RecordError::at(
                path,
                format!(
                    "line 1: the header lacks the column '{required}' (found: {})",
                    columns.join(", ")
                ),
            ));
        }
    }
    reader.set_headers(csv::StringRecord::from(columns.clone()));
    let mut rows: Vec<Metrics> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| RecordError::at(path, describe(&e, &columns)))?;
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(str::is_empty) {
            continue;
        }
        let m: Metrics = record
            .deserialize(Some(&csv::StringRecord::from(columns.clone())))
            .map_err(|e| RecordError::at(path, describe(&e, &columns)))?;
        check_row(&m, rows.last(), line).map_err(|msg| RecordError::at(path, msg))?;
        rows.push(m);
    }
    Ok(MetricsTable { rows, columns })
}

/// Accuracies in [0, 1]; steps strictly increasing.
fn check_row(m: &Metrics, previous: Option<&Metrics>, line: u64) -> Result<(), String> {
    let accuracies = [
        ("train_acc", Some(m.train_acc)),
        ("val_acc", m.val_acc),
        ("rule_train_acc", m.rule_train_acc),
        ("mem_train_acc", m.mem_train_acc),
    ];
    for (column, value) in accuracies {
        if let Some(v) = value
            && !(0.0..=1.0).contains(&v)
        {
            return Err(format!(
                "line {line}, column {column}: {v} is not an accuracy (expected a fraction in [0, 1])"
            ));
        }
    }
    if let Some(p) = previous
        && m.step <= p.step
    {
        let what = if m.step == p.step {
            "repeats"
        } else {
            "comes after"
        };
        return Err(format!(
            "line {line}, column step: step {} {what} step {} (steps must increase; two writers may have shared this file)",
            m.step, p.step
        ));
    }
    Ok(())
}

/// A csv error as "line N, column C: …" where those are known.
fn describe(e: &csv::Error, columns: &[String]) -> String {
    let line = e.position().map(|p| format!("line {}", p.line()));
    match e.kind() {
        csv::ErrorKind::Deserialize { err, .. } => {
            let column = err
                .field()
                .and_then(|i| columns.get(i as usize))
                .map(|c| format!("column {c}"));
            let place: Vec<String> = [line, column].into_iter().flatten().collect();
            format!("{}: {}", place.join(", "), err.kind())
        }
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!(
            "{}: {len} fields, but the header has {expected_len}",
            line.unwrap_or_default()
        ),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<MetricsTable, RecordError> {
        parse(text, Path::new("runs/a/metrics.csv"))
    }

    fn row(step: u64) -> Metrics {
        Metrics {
            step,
            train_loss: 1.5,
            train_acc: 0.25,
            param_norm: 3.5,
            val_acc: Some(0.5),
            ..Metrics::default()
        }
    }

    #[test]
    fn round_trips_rows_with_nan_and_empty_cells() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("metrics.csv");
        let mut rows = [row(0), row(10)];
        rows[1].train_loss = f32::NAN;
        rows[1].param_norm = f32::INFINITY;
        rows[1].val_acc = None;
        write_all(&path, &rows[..1]).unwrap();
        append(&path, &rows[1]).unwrap();
        let back = read_metrics(&path).unwrap();
        assert_eq!(back.rows[0], rows[0]);
        assert!(back.rows[1].train_loss.is_nan());
        assert_eq!(back.rows[1].param_norm, f32::INFINITY);
        assert_eq!(back.rows[1].val_acc, None);
        assert!(back.has("train_loss"));
    }

    #[test]
    fn other_tools_files_by_column_name() {
        let t = p("  Param_Norm , lr, val_acc,step,train_acc \n17.5,0.001,0.02,200,0.3\n\n18.0,0.001,,300,0.35\n").unwrap();
        assert_eq!(t.rows.len(), 2);
        assert_eq!((t.rows[0].step, t.rows[0].param_norm), (200, 17.5));
        assert_eq!(t.rows[1].val_acc, None);
        assert!(!t.has("train_loss"));
    }

    #[test]
    fn errors_name_file_line_and_column() {
        let e = p("step,train_acc,param_norm\n0,0.1,5\n10,0.2x,5\n")
            .unwrap_err()
            .0;
        assert!(
            e.starts_with("runs/a/metrics.csv: line 3, column train_acc"),
            "{e}"
        );
        let e = p("step,train_acc,param_norm\n0,5.0,5\n").unwrap_err().0;
        assert!(
            e.contains("line 2, column train_acc: 5 is not an accuracy"),
            "{e}"
        );
        let e = p("step,train_acc,param_norm\n10,0.1,5\n10,0.1,5\n")
            .unwrap_err()
            .0;
        assert!(
            e.contains("line 3, column step: step 10 repeats step 10"),
            "{e}"
        );
        let e = p("step,train_acc,param_norm\n10,0.1,5\n5,0.1,5\n")
            .unwrap_err()
            .0;
        assert!(e.contains("step 5 comes after step 10"), "{e}");
        let e = p("step,val_acc\n0,0.1\n").unwrap_err().0;
        assert!(e.contains("lacks the column 'train_acc'"), "{e}");
        let e = p("step,train_acc,param_norm\n0,0.1\n").unwrap_err().0;
        assert!(e.contains("line 2: 2 fields, but the header has 3"), "{e}");
        let e = p("step,train_acc,param_norm\n-5,0.1,3\n").unwrap_err().0;
        assert!(e.contains("column step"), "{e}");
        assert!(p("").unwrap_err().0.contains("empty file"));
    }

    #[test]
    fn live_reads_leave_an_unfinished_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("metrics.csv");
        std::fs::write(
            &path,
            format!("{}\n0,1,0.5,,,3,0,0,,,,,,,,,,,\n10,1,0.", header()),
        )
        .unwrap();
        assert_eq!(read_metrics_live(&path).unwrap().rows.len(), 1);
    }
}
