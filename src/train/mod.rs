//! Training: full-batch AdamW steps, evaluation, exact checkpoints (their files: `record`).

mod checkpoint;
mod circuits;
mod denormals;
mod optimizer;
mod scoring;
mod trainer;

pub use circuits::{N_KEY_FREQS, circuit_measures};
pub use optimizer::AdamW;
pub use trainer::Trainer;
