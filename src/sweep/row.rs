//! A finished cell's line of `summary.csv` (the columns `report::read_summary` reads).

use crate::preset::Cell;
use crate::worker::RunSummary;

/// The header of `summary.csv`, exactly.
pub const SUMMARY_HEADER: &str = "cell,preset,task,n_train,d_model,n_layers,n_memorize,seed,n_params,steps,final_train_acc,final_val_acc,best_val_acc,phase,memorized_step,generalized_step";

/// The row of a finished cell (no newline). Empty fields: no validation set, or a step that
/// never came.
pub fn summary_row(cell: &Cell, n_params: usize, s: &RunSummary) -> String {
    let a = cell.axes;
    let p = &cell.preset;
    let opt_f = |v: Option<f32>| v.map_or(String::new(), |x| x.to_string());
    let opt_u = |v: Option<u64>| v.map_or(String::new(), |x| x.to_string());
    let steps = s.last.as_ref().map_or(p.training.steps, |m| m.step);
    [
        cell.index.to_string(),
        csv_field(&p.name),
        p.task.kind.slug().to_string(),
        a.n_train.to_string(),
        a.d_model.to_string(),
        a.n_layers.to_string(),
        a.n_memorize.to_string(),
        a.seed.to_string(),
        n_params.to_string(),
        steps.to_string(),
        s.last.as_ref().map_or(0.0, |m| m.train_acc).to_string(),
        opt_f(s.last.as_ref().and_then(|m| m.val_acc)),
        opt_f(s.best_val_acc),
        s.classification.phase.label().to_string(),
        opt_u(s.memorized_step),
        opt_u(s.generalized_step),
    ]
    .join(",")
}

/// The cell index at the start of a row.
pub(crate) fn row_cell_index(line: &str) -> Option<usize> {
    line.split(',').next()?.trim().parse().ok()
}

/// Quotes a field that holds a comma, quote or line break (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_matches_the_report_reader() {
        assert_eq!(SUMMARY_HEADER, crate::report::SUMMARY_COLUMNS.join(","));
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(row_cell_index("12,x"), Some(12));
    }
}
