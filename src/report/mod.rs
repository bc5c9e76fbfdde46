//! Reports over a finished (or partly finished) sweep: read its `summary.csv`, aggregate the
//! seeds of each grid cell, print a text table and draw the paper's figures.
//!
//! * [`read_summary`] / [`parse_summary`]: one [`SummaryRow`] per finished grid cell.
//! * [`aggregate`]: one [`CellStats`] per cell-without-seed (mean and Student-t 95 % CI).
//! * [`estimate_d_crit`] / [`estimate_d_mem`]: the two curves of the paper's phase diagram.
//! * [`render_text_report`]: plain-text table for the CLI.
//! * [`write_figures`]: SVG + PNG figures next to `summary.csv`.

mod figures;
mod stats;
mod summary;

use std::path::PathBuf;

pub use figures::{FIGURE_NAMES, write_figures};
pub use stats::{
    CellKey, CellStats, MeanCi, aggregate, estimate_d_crit, estimate_d_mem, mean_ci95,
    render_text_report, t_quantile_975,
};
pub use summary::{SUMMARY_COLUMNS, SummaryRow, parse_summary, read_summary};

/// Which task a sweep cell trained on (the `task` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Task {
    /// (a + b) mod P
    ModAdd,
    /// (a + b)² mod P (Fig. 7)
    ModAddSquare,
    /// random labels on all pairs: memorization capacity (Fig. 4)
    RandomLabels,
    /// addition mixed with random-label "subtraction" examples (Figs. 8, 10)
    AddWithMemorization,
}

impl Task {
    pub const ALL: [Task; 4] = [
        Task::ModAdd,
        Task::ModAddSquare,
        Task::RandomLabels,
        Task::AddWithMemorization,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Task::ModAdd => "mod-add",
            Task::ModAddSquare => "mod-add-square",
            Task::RandomLabels => "random-labels",
            Task::AddWithMemorization => "add-with-memorization",
        }
    }
}

impl std::fmt::Display for Task {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Task {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Task::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "unknown task {s:?} (expected one of {})",
                    Task::ALL.map(Task::as_str).join(", ")
                )
            })
    }
}

/// The training dynamic a run showed (the `phase` column), as classified by the sweep runner.
/// The order of the variants is the tie-break order for [`CellStats::majority_phase`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    Progression,
    Ungrokking,
    Grokking,
    SemiGrokking,
    /// train and val rise together without a memorization stage
    Comprehension,
    /// the run ended before its dynamic could be told
    Undecided,
}

impl Phase {
    pub const ALL: [Phase; 6] = [
        Phase::Progression,
        Phase::Ungrokking,
        Phase::Grokking,
        Phase::SemiGrokking,
        Phase::Comprehension,
        Phase::Undecided,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Progression => "progression",
            Phase::Ungrokking => "ungrokking",
            Phase::Grokking => "grokking",
            Phase::SemiGrokking => "semi-grokking",
            Phase::Comprehension => "comprehension",
            Phase::Undecided => "undecided",
        }
    }

    /// Phases in which the model fitted its whole training set (train acc ≈ 1) before or
    /// without generalizing, i.e. the data size was within its memorization capacity.
    pub fn memorized_all(self) -> bool {
        matches!(
            self,
            Phase::Ungrokking | Phase::Grokking | Phase::SemiGrokking
        )
    }
}

impl std::fmt::Display for Phase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Phase {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Phase::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "unknown phase {s:?} (expected one of {})",
                    Phase::ALL.map(Phase::as_str).join(", ")
                )
            })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A header or value that cannot be used; `line` is 1-based (the header is line 1).
    #[error("{}:{line}: column `{column}`: {message}", path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        column: String,
        message: String,
    },
    #[error("figure {}: {message}", path.display())]
    Plot { path: PathBuf, message: String },
}
