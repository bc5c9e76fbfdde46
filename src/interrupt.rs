//! Ctrl-C, SIGTERM and SIGHUP (what `scancel`, Slurm's time limit and a closing terminal
//! send), and a closed output pipe (`output`): every registered worker is asked to stop with a checkpoint, so an interrupted run
//! can be resumed exactly, and [`requested`] turns true so that a front end winds down (the
//! TUI restores the terminal). The handler is installed once per process; workers register
//! as they start.

use crate::worker::Control;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Mutex, OnceLock};

static WORKERS: OnceLock<Mutex<Vec<Sender<Control>>>> = OnceLock::new();
static REQUESTED: AtomicBool = AtomicBool::new(false);

/// Installs the handler (once). `announce`: say on stderr that runs are being stopped (not
/// for the TUI, whose screen stderr would scribble on).
fn workers(announce: bool) -> &'static Mutex<Vec<Sender<Control>>> {
    WORKERS.get_or_init(|| {
        let _ = ctrlc::set_handler(move || stop_all(announce));
        Mutex::new(Vec::new())
    })
}

/// What a signal does, and what a closed output pipe does too (`output`): every registered
/// worker is stopped with a checkpoint and [`requested`] turns true, so no new run starts.
pub fn stop_all(announce: bool) {
    REQUESTED.store(true, Ordering::SeqCst);
    let Some(list) = WORKERS.get() else { return };
    let mut list = list.lock().unwrap_or_else(|e| e.into_inner());
    if announce && !list.is_empty() {
        // Not through `output`: a failed write there comes back here.
        let _ = writeln!(
            std::io::stderr(),
            "\ngroktop: interrupted; stopping with a checkpoint…"
        );
    }
    for s in list.drain(..) {
        let _ = s.send(Control::Stop { checkpoint: true });
    }
}

/// Registers a worker's control channel to be stopped on a signal (installs the handler
/// first). A signal that came before registration stops the worker at once.
pub fn stop_on_signal(sender: Sender<Control>) {
    let mut list = workers(true).lock().unwrap_or_else(|e| e.into_inner());
    if REQUESTED.load(Ordering::SeqCst) {
        let _ = sender.send(Control::Stop { checkpoint: true });
    } else {
        list.push(sender);
    }
}

/// Installs the handler without announcing (the TUI polls [`requested`]).
pub fn watch_quietly() {
    let _ = workers(false);
}

/// True once Ctrl-C, SIGTERM or SIGHUP arrived.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}
