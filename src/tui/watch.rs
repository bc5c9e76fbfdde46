//! Disk watching on a thread of its own: the UI thread never stats or reads a file, on its
//! tick or on a key. The app tells the watcher what its screens show (the Runs or Sweeps
//! tab's folder, the open sweep and its selected cell, the runs it shows from disk) and what
//! to open (a sweep picked with Enter, the picker's record of past timings); the watcher
//! reads them when asked and about once a second after that, and sends back what changed as
//! [`Found`] messages, which the terminal loop hands to `App::update` as `Msg::Disk`.
//!
//! Reads stay cheap: the listings re-read only directories whose files changed
//! (`watch_listing`), the sweep only cells whose files changed (`sweep_disk`), a followed run
//! only when its files grew or its writer let go (`disk_view`). Nothing is sent when nothing
//! changed.

use super::disk_view::DiskView;
use super::run_state::RunState;
use super::sweep_disk::{CellDetail, Sweep};
use super::sweep_state::SweepScreen;
use super::watch_listing::{RunsListing, SweepsListing};
use super::watch_sweep::SweepWatch;
use crate::record::{RunEntry, SweepEntry, Timing};
use crate::worker::RunId;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How often watched files are looked at when nothing asks sooner (as the UI did before).
pub const PERIOD: Duration = Duration::from_secs(1);

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
    /// The finished runs' timings (none when the file is unreadable: estimates then come
    /// from the cost model, and say so).
    Timings(Vec<Timing>),
    /// A followed run read (again), and whether another process still trains it.
    Run {
        id: RunId,
        run: Box<RunState>,
        live: bool,
    },
}

/// The watcher thread and its two channels. Dropping it ends the thread and waits for it.
pub struct Watcher {
    requests: Option<Sender<Request>>,
    found: Receiver<Found>,
    thread: Option<JoinHandle<()>>,
}

impl Watcher {
    /// Starts the thread; it watches nothing until asked.
    pub fn spawn() -> Self {
        let (req_tx, req_rx) = mpsc::channel();
        let (found_tx, found_rx) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("groktop-watch".into())
            .spawn(move || watch(&req_rx, &found_tx))
            .expect("cannot start the disk-watching thread");
        Self {
            requests: Some(req_tx),
            found: found_rx,
            thread: Some(thread),
        }
    }

    /// Asks for `r` (ignored once the thread has ended: there is nobody left to watch).
    pub fn send(&self, r: Request) {
        if let Some(tx) = &self.requests {
            let _ = tx.send(r);
        }
    }

    /// The next message, if one is waiting (never blocks).
    pub fn try_recv(&self) -> Option<Found> {
        self.found.try_recv().ok()
    }

    /// Blocks until the watcher has carried out every earlier request and sent its results.
    /// False when the thread is gone.
    pub fn sync(&self) -> bool {
        let (tx, rx) = mpsc::channel();
        self.send(Request::Sync(tx));
        rx.recv().is_ok()
    }

    /// Ends the thread and waits for it: `Err` when it had panicked.
    pub fn stop(mut self) -> Result<(), String> {
        self.shutdown()
    }

    fn shutdown(&mut self) -> Result<(), String> {
        // The closed channel is the thread's signal to return.
        self.requests = None;
        match self.thread.take().map(JoinHandle::join) {
            Some(Err(_)) => Err("the disk-watching thread panicked".into()),
            _ => Ok(()),
        }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.shutdown();
    }
}

/// What is watched now.
#[derive(Default)]
struct Watched {
    runs: Option<RunsListing>,
    sweeps: Option<SweepsListing>,
    sweep: Option<SweepWatch>,
    follow: Vec<DiskView>,
    /// One-off reads asked for since the last poll.
    open: Option<PathBuf>,
    timings: Option<PathBuf>,
}

impl Watched {
    fn apply(&mut self, r: Request) {
        match r {
            Request::Runs(dir) => {
                let same = self.runs.as_ref().map(|l| &l.root) == dir.as_ref();
                if !same {
                    self.runs = dir.map(RunsListing::new);
                }
            }
            Request::Sweeps(dir) => {
                let same = self.sweeps.as_ref().map(|l| &l.root) == dir.as_ref();
                if !same {
                    self.sweeps = dir.map(SweepsListing::new);
                }
            }
            Request::Sweep(s) => self.sweep = s.map(|shown| SweepWatch::new(*shown)),
            Request::Cell(cell) => {
                if let Some(w) = &mut self.sweep {
                    w.select(cell);
                }
            }
            Request::Follow(views) => self.follow = views,
            Request::Open(path) => self.open = Some(path),
            Request::Timings(dir) => self.timings = Some(dir),
            Request::Rescan => {
                if let Some(l) = &mut self.runs {
                    l.forget();
                }
                if let Some(l) = &mut self.sweeps {
                    l.forget();
                }
                if let Some(w) = &mut self.sweep {
                    w.forget();
                }
            }
            Request::Sync(_) => {}
        }
    }

    /// Looks at everything watched; sends what changed. False once the app has gone.
    fn poll(&mut self, out: &Sender<Found>) -> bool {
        let mut found = Vec::new();
        if let Some(path) = self.open.take() {
            let opened = SweepScreen::open(&path).map(Box::new);
            found.push(Found::Opened(path, opened));
        }
        if let Some(dir) = self.timings.take() {
            let timings = crate::record::read_timings(&dir).unwrap_or_default();
            found.push(Found::Timings(timings));
        }
        if let Some(l) = &mut self.runs {
            found.extend(l.poll().map(Found::Runs));
        }
        if let Some(l) = &mut self.sweeps {
            found.extend(l.poll().map(Found::Sweeps));
        }
        if let Some(w) = &mut self.sweep {
            found.extend(w.poll());
        }
        for view in &mut self.follow {
            if let Some((run, live)) = view.poll() {
                found.push(Found::Run {
                    id: view.id,
                    run: Box::new(run),
                    live,
                });
            }
        }
        found.into_iter().all(|f| out.send(f).is_ok())
    }
}

/// The thread: requests are carried out as they come, each followed by a look at the
/// disk; without requests, a look every [`PERIOD`]. Returns when the app drops its end.
fn watch(requests: &Receiver<Request>, out: &Sender<Found>) {
    let mut watched = Watched::default();
    let mut next = Instant::now() + PERIOD;
    loop {
        let first = match requests.recv_timeout(next.saturating_duration_since(Instant::now())) {
            Ok(r) => Some(r),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => return,
        };
        // A burst of requests (a screen change sends several) is carried out before reading.
        let mut replies = Vec::new();
        for r in first
            .into_iter()
            .chain(std::iter::from_fn(|| requests.try_recv().ok()))
        {
            match r {
                Request::Sync(reply) => replies.push(reply),
                r => watched.apply(r),
            }
        }
        if !watched.poll(out) {
            return;
        }
        next = Instant::now() + PERIOD;
        for reply in replies {
            let _ = reply.send(());
        }
    }
}
