//! Runs in worker threads. A front end starts a run with a `Launch`, steers it with
//! `Control` messages and watches it through `Event`s; the worker owns the trainer, the run
//! directory and the phase detector. The TUI and the headless printer are two consumers of
//! the very same stream.

mod protocol;
mod run;

pub use protocol::{Control, Event, Launch, RunId, RunInfo, RunSummary, Until};
pub use run::{RunHandle, execute, guarded, spawn};
