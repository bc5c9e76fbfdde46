//! The open sweep as the watcher follows it: its cells read again when their files change
//! (`Sweep::refresh`) and the selected cell's curves when the selection moves or its files
//! grow, each sent only when it changed.

use crate::tui::state::sweep_disk::{CellDetail, Sweep};
use crate::tui::watch::{Found, SweepShown};

pub struct SweepWatch {
    sweep: Sweep,
    /// The selected cell.
    cell: Option<usize>,
    /// The selected cell's curves as last sent.
    detail: Option<CellDetail>,
    /// Send the sweep at the next poll even when no cell changed.
    resend: bool,
}

impl SweepWatch {
    /// Follows the sweep from the state the app shows (nothing read twice).
    pub fn new(shown: SweepShown) -> Self {
        Self {
            sweep: shown.sweep,
            cell: shown.cell,
            detail: shown.detail,
            resend: false,
        }
    }

    pub fn select(&mut self, cell: Option<usize>) {
        self.cell = cell;
    }

    /// The sweep and the selected cell sent at the next poll, changed or not.
    pub fn forget(&mut self) {
        self.sweep.forget();
        self.resend = true;
        self.detail = None;
    }

    /// What changed since the last poll.
    pub fn poll(&mut self) -> Vec<Found> {
        let mut out = Vec::new();
        if self.sweep.refresh() || std::mem::take(&mut self.resend) {
            out.push(Found::Sweep(Box::new(self.sweep.clone())));
        }
        let stale = match (&self.detail, self.cell) {
            (_, None) => false,
            (Some(d), Some(i)) => d.index != i || d.stale(&self.sweep),
            (None, Some(_)) => true,
        };
        if stale && let Some(i) = self.cell {
            let d = CellDetail::read(&self.sweep, i);
            out.push(Found::Cell(self.sweep.path.clone(), Box::new(d.clone())));
            self.detail = Some(d);
        }
        out
    }
}
