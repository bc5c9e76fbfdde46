//! Shared drawing: the braille chart and its axes (`chart`, `axis`), a run's charts as the run
//! view and the sweep screen draw them (`run_charts`), sparklines on a chart's columns
//! (`spark`), the status line (`status`), layout
//! helpers (`layout`), the look every view gets (`look`: theme and axis mode), styles
//! (`theme`), short numbers (`format`), the words several screens share (`words`), and what
//! the exported figures share (`export`).

pub mod axis;
pub mod chart;
pub mod chart_keys;
pub mod export;
pub mod format;
pub mod layout;
pub mod look;
pub mod run_charts;
pub mod spark;
pub mod status;
pub mod theme;
pub mod words;
