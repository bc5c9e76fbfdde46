//! Tasks and splits: token sequences and labels for every experiment of the paper.
//!
//! Token layout. Numbers are tokens `0..P`; `=` is token `P`. Single-task inputs are
//! `[a, b, =]` (Nanda et al.'s layout, so checkpoints load into the PyTorch reference).
//! Mixes add operator tokens `+` = `P + 1` and `−` = `P + 2` and use `[a, op, b, =]`, so
//! the two tasks' inputs never overlap.
//!
//! Everything random here is drawn from the run's seed on its own ChaCha stream, so the
//! same seed always gives the same split and labels, whatever else the run does.

mod build;
mod split;
mod twins;

pub use build::build_dataset;
pub(crate) use build::rng_for;
pub use split::{Dataset, Example, Split, TaskId};
pub use twins::twin_free_indices;

/// ChaCha stream numbers: one per purpose, so adding randomness to one never shifts another.
pub(crate) mod streams {
    pub const SPLIT: u64 = 1;
    pub const LABELS: u64 = 2;
    pub const INIT: u64 = 3;
}
