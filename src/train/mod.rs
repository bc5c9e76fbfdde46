//! Training: full-batch AdamW steps, evaluation, exact checkpoints (their files: `record`).

mod checkpoint;
mod metrics;
mod optimizer;
mod trainer;

pub use metrics::Metrics;
pub use optimizer::AdamW;
pub use trainer::Trainer;
