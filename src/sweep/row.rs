//! A finished cell's summary row, from its cell and how its run ended.

use crate::preset::Cell;
use crate::record::SummaryRow;
use crate::worker::RunSummary;

/// An accuracy as the engine prints it (the f32's shortest decimal), widened for the report.
fn widen(x: f32) -> f64 {
    x.to_string().parse().unwrap_or(f64::from(x))
}

/// The row of a finished cell. `None`: no validation set, or a step that never came.
pub fn summary_row(cell: &Cell, n_params: usize, s: &RunSummary) -> SummaryRow {
    let a = cell.axes;
    let p = &cell.preset;
    SummaryRow {
        cell: cell.index as u64,
        preset: p.name.clone(),
        task: p.task.kind,
        n_train: a.n_train as u64,
        d_model: a.d_model as u64,
        n_layers: a.n_layers as u64,
        n_memorize: a.n_memorize as u64,
        seed: a.seed,
        n_params: n_params as u64,
        steps: s.last.as_ref().map_or(p.training.steps, |m| m.step),
        final_train_acc: widen(s.last.as_ref().map_or(0.0, |m| m.train_acc)),
        final_val_acc: s.last.as_ref().and_then(|m| m.val_acc).map(widen),
        best_val_acc: s.best_val_acc.map(widen),
        phase: s.classification.phase,
        memorized_step: s.memorized_step,
        generalized_step: s.generalized_step,
        final_twin_free_val_acc: s.last.as_ref().and_then(|m| m.twin_free_val_acc).map(widen),
        best_twin_free_val_acc: s.best_twin_free_val_acc.map(widen),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn accuracies_keep_their_printed_decimals() {
        assert_eq!(super::widen(0.98), 0.98);
    }
}
