//! Disk watching on a thread of its own: the UI thread never stats or reads a file, on its
//! tick or on a key. The app tells the watcher what its screens show (`watching`: only what
//! changed) (the Runs or Sweeps
//! tab's folder, the open sweep and its selected cell, the runs it shows from disk) and what
//! to open (a sweep picked with Enter, the picker's record of past timings); the watcher
//! reads them when asked and about once a second after that, and sends back what changed as
//! [`Found`] messages (the protocol: `protocol.rs`), which the terminal loop hands to `App::update` as `Msg::Disk`.
//!
//! Reads stay cheap: the listings re-read only directories whose files changed
//! (`listing`), the sweep only cells whose files changed (`sweep`, through `state::sweep_disk`), a followed run
//! only when its files grew or its writer let go (`disk_view`). Nothing is sent when nothing
//! changed.

pub mod disk_view;
mod listing;
mod protocol;
mod sweep;
pub mod watching;

pub use protocol::{Found, Request, SweepShown};

use crate::tui::screens::sweep::SweepScreen;
use disk_view::DiskView;
use listing::{RunsListing, SweepsListing};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use sweep::SweepWatch;

/// How often watched files are looked at when nothing asks sooner (as the UI did before).
pub const PERIOD: Duration = Duration::from_secs(1);

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
            let timings = crate::record::read_timings(&dir).map_err(|e| e.0);
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
