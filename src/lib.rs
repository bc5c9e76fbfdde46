//! groktop: watch a small transformer grok.
//!
//! The engine (`data`, `model`, `train`, `analysis`) knows nothing of terminals; the front
//! ends (`headless`, `tui`) see runs only through the `worker` event stream.

pub mod analysis;
pub mod bench;
pub mod cli;
pub mod commands;
pub mod data;
pub mod estimate;
pub mod headless;
pub mod human;
pub mod interrupt;
pub mod model;
pub mod output;
pub mod preset;
pub mod record;
pub mod report;
pub mod sweep;
pub mod train;
pub mod tui;
pub mod worker;
