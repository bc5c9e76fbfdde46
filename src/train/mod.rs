//! Training: full-batch AdamW steps, evaluation, run directories and exact checkpoints.

mod checkpoint;
mod circuits;
mod metrics;
mod optimizer;
mod run_dir;
mod trainer;

pub use checkpoint::{CheckpointError, CheckpointState};
pub use circuits::{N_KEY_FREQS, circuit_measures};
pub use metrics::{METRICS_HEADER, Metrics, circuits_from_cells, parse_metrics};
pub use optimizer::AdamW;
pub use run_dir::{RunDir, RunDirError, write_preset};
pub use trainer::Trainer;
