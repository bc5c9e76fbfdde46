//! Everything a run and a sweep leave on disk: the only module that knows file names and
//! formats. The rest of groktop asks it to write (through a [`RunWriter`], which holds the
//! run's lock) and to read (typed reads of a [`RunDir`] or a [`SweepDir`]).
//!
//! * `run_dir`: a run's directory, its paths, creating and reopening it ([`RunWriter`]).
//! * `run_names`: how run directories are named (seeds of one launch: `-s<seed>`).
//! * `lock`: one writer per directory; [`holder`] says who trains a run now.
//! * `metrics`: `metrics.csv`, written and read by one typed reader.
//! * `events`: `events.log` (phase events by stable names, the verdict, a failure).
//! * `checkpoints`: `checkpoints/step-<N>/`, their state, the newest usable one.
//! * `sweep_dir`: a sweep's directory, cell claims, [`CellStatus`], `summary.csv`.
//! * `adopt`: a grown sweep takes another sweep's finished cells of the same settings;
//!   `adopt_source` checks each such cell, trusting nothing in it.
//! * `regular`: reading files others made: regular files only, never through a symlink,
//!   bounded.
//! * `summary`: the summary rows (`csv` crate).
//! * `listing`: the run and sweep directories under a folder (the TUI's tabs).
//! * `timings`: how long finished runs took here, for estimates.
//! * `new_files`: files created under a free name, never replaced or written through a
//!   symlink (the TUI's exports).
//! * `atomic`: atomic writes and the clean-up of killed writers' temporaries.

mod adopt;
mod adopt_source;
mod atomic;
mod checkpoints;
mod error;
mod evaluation;
mod events;
mod listing;
mod lock;
mod metrics;
mod new_files;
mod regular;
mod run_dir;
mod run_names;
mod summary;
mod sweep_dir;
mod timings;

pub use adopt::Adoption;
pub use atomic::write_atomic;
pub use checkpoints::{
    Checkpoint, CheckpointState, FORMAT_VERSION, MODEL_FILE, OPTIMIZER_FILE, STATE_FILE,
};
pub use error::RecordError;
pub use evaluation::Metrics;
pub use events::{EventsLog, parse_events, read_events};
pub use listing::{RunEntry, SweepEntry, readable, run_dirs, run_entry, scan_sweeps};
pub use lock::{DirLock, Holder, LOCK_FILE, holder, hostname};
pub use metrics::{MetricsTable, header as metrics_header, read_metrics, read_metrics_live};
pub use new_files::write_new_files;
pub use run_dir::{
    CELL_ROW, CHECKPOINTS_DIR, Claim, EVENTS_FILE, EXPORT_DIR, METRICS_FILE, PRESET_FILE, RunDir,
    RunStamp, RunWriter, TRAIN_PAIRS_FILE, claim,
};
pub use run_names::{RunName, parse_run_name, reserve_seed_dirs};
pub use summary::{SUMMARY_COLUMNS, SummaryRow, parse_summary, read_summary, summary_text};
pub use sweep_dir::{CELLS, CellStatus, SUMMARY, SWEEP_LOG, SWEEP_PRESET, SweepDir};
pub use timings::{TIMINGS_FILE, Timing, append_timing, read_timings, timings_home, timings_path};
