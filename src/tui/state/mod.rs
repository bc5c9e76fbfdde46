//! Run data the screens draw from, kept current by `App::update`: one run from its events
//! (`run_state`) in bounded series (`series`) with debiased smoothing (`smoothing`) and the
//! circuits' measures (`circuit_series`); summaries across seeds (`stats`) and the compare
//! view's mean and band per metric (`overlay`) over the runs that may be averaged
//! (`family`), and what it calls each run (`labels`); how the run charts are looked at (cursor,
//! zoom, smoothing: `chart_view`); a sweep's cells as read from disk (`sweep_disk`).

pub mod chart_view;
pub mod circuit_series;
pub mod family;
pub mod labels;
pub mod overlay;
pub mod run_state;
pub mod series;
pub mod smoothing;
pub mod stats;
pub mod sweep_disk;
