//! What the app and the disk watcher say to each other: the app's [`Request`]s (what its
//! screens show, what to open), the watcher's [`Found`] answers.

use super::disk_view::DiskView;
use crate::record::{RunEntry, SweepEntry, Timing};
use crate::tui::screens::sweep::SweepScreen;
use crate::tui::state::run_state::RunState;
use crate::tui::state::sweep_disk::{CellDetail, Sweep};
use crate::worker::RunId;
use std::path::PathBuf;
use std::sync::mpsc::Sender;

/// What the app asks the watcher to look at (each replaces the previous of its kind).
#[derive(Debug)]
pub enum Request {
    /// The run directories under this folder while the Runs tab shows them; `None`: hidden.
    Runs(Option<PathBuf>),
    /// The sweep directories under this folder while the Sweeps tab shows them.
    Sweeps(Option<PathBuf>),
    /// The sweep whose map is shown, as the app last read it; `None`: closed or hidden.
    Sweep(Option<Box<SweepShown>>),
    /// The map's selection moved to this cell.
    Cell(Option<usize>),
    /// The runs shown from their files: each is read once, and again while another process
    /// trains it.
    Follow(Vec<DiskView>),
    /// Read the sweep in this folder for its map (answered by [`Found::Opened`]).
    Open(PathBuf),
    /// Read the timings of finished runs kept in this runs folder (answered by
    /// [`Found::Timings`]).
    Timings(PathBuf),
    /// Read everything watched again now, changed or not (`r`, a sweep process that ended).
    Rescan,
    /// Answered once every earlier request is carried out and its results sent (tests use it
    /// to wait for the watcher without sleeping).
    Sync(Sender<()>),
}

/// The open sweep as the app shows it when its map comes on screen.
#[derive(Debug)]
pub struct SweepShown {
    pub sweep: Sweep,
    /// The selected cell.
    pub cell: Option<usize>,
    /// The curves shown (of the selected cell, or of the one before while they are read).
    pub detail: Option<CellDetail>,
}

/// What the watcher read, sent only when it differs from what was last sent.
#[derive(Debug)]
pub enum Found {
    Runs(Result<Vec<RunEntry>, String>),
    Sweeps(Result<Vec<SweepEntry>, String>),
    /// The open sweep's cells, read again.
    Sweep(Box<Sweep>),
    /// The selected cell's curves.
    Cell(PathBuf, Box<CellDetail>),
    /// The sweep asked for by [`Request::Open`], or why it cannot be shown.
    Opened(PathBuf, Result<Box<SweepScreen>, String>),
    /// The finished runs' timings, or why they cannot be read (estimates then come from
    /// the cost model, and say so).
    Timings(Result<Vec<Timing>, String>),
    /// A followed run read (again), and whether another process still trains it.
    Run {
        id: RunId,
        run: Box<RunState>,
        live: bool,
    },
}
