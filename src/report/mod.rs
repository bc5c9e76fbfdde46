//! Reports over a finished (or partly finished) sweep: read its `summary.csv`, aggregate the
//! seeds of each grid cell, print a text table and draw the paper's figures.
//!
//! * [`read_summary`] / [`parse_summary`]: one [`SummaryRow`] per finished grid cell.
//! * [`aggregate`]: one [`CellStats`] per cell-without-seed (mean and Student-t 95 % CI).
//! * [`estimate_d_crit`] / [`estimate_d_mem`]: the two curves of the paper's phase diagram.
//! * [`render_text_report`]: plain-text table for the CLI.
//! * [`write_figures`]: SVG + PNG figures next to `summary.csv`.
//! * [`write_stacked`]: line charts on one page (the TUI's chart export).
//! * `plot`: the plotting toolkit (rendering, line charts, the phase diagram) they all draw with.
//! * `thin`: long curves cut to a few points per pixel column before they are drawn.

mod circuits_figure;
mod curves;
mod figures;
mod plot;
mod stacked;
mod stats;
mod thin;

use std::path::PathBuf;

pub use crate::record::{SUMMARY_COLUMNS, SummaryRow, parse_summary, read_summary};
pub use circuits_figure::write_circuits_figure;
pub use figures::{CURVE_FIGURE_NAMES, FIGURE_NAMES, line_charts, write_comparison, write_figures};
pub use plot::{LineChart, SERIES_RGB, Series, VerticalMarker};
pub use stacked::write_stacked;
pub use stats::{
    CellKey, CellStats, D_CRIT_VAL_THRESHOLD, DCrit, MIN_SEEDS_FOR_CI, MeanCi, SPREAD_LEGEND,
    aggregate, estimate_d_crit, estimate_d_mem, mean_ci95, render_text_report, t_quantile_975,
};

/// The task column: the preset's own task kind (parsed from its slug, `"mod-add"`, …).
pub use crate::preset::TaskKind;

/// The phase column: the analysis module's classification (parsed from its label).
pub use crate::analysis::Phase;

/// Every phase in the report's order: the tie-break order for [`CellStats::majority_phase`]
/// and the order of legends and phase counts (undecided last).
pub const PHASE_ORDER: [Phase; 7] = [
    Phase::Progression,
    Phase::Ungrokking,
    Phase::Grokking,
    Phase::SemiGrokking,
    Phase::Comprehension,
    Phase::Undecided,
    Phase::Diverged,
];

/// Phases in which the model fitted its whole training set (train acc ≈ 1) before or
/// without generalizing, i.e. the data size was within its memorization capacity.
pub fn memorized_all(p: Phase) -> bool {
    matches!(p, Phase::Ungrokking | Phase::Grokking | Phase::SemiGrokking)
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// `summary.csv` missing or unreadable (the message names the file, line and column).
    #[error(transparent)]
    Record(#[from] crate::record::RecordError),
    #[error("figure {}: {message}", path.display())]
    Plot { path: PathBuf, message: String },
}
