//! Training: full-batch AdamW steps, evaluation, run directories and exact checkpoints.

mod checkpoint;
mod metrics;
mod optimizer;
mod run_dir;
mod trainer;

pub use checkpoint::{CheckpointError, CheckpointState};
pub use metrics::{METRICS_HEADER, Metrics};
pub use optimizer::AdamW;
pub use run_dir::{RunDir, RunDirError, write_preset};
pub use trainer::Trainer;
