//! Ctrl-C for headless runs and sweeps: every registered worker is asked to stop with a
//! checkpoint, so an interrupted run can be resumed exactly. The handler is installed once
//! per process; workers register as they start.

use crate::worker::Control;
use std::sync::mpsc::Sender;
use std::sync::{Mutex, OnceLock};

static WORKERS: OnceLock<Mutex<Vec<Sender<Control>>>> = OnceLock::new();

/// Registers a worker's control channel to be stopped on Ctrl-C (installs the handler first).
pub fn stop_on_ctrl_c(sender: Sender<Control>) {
    let workers = WORKERS.get_or_init(|| {
        let _ = ctrlc::set_handler(|| {
            eprintln!("\ngroktop: interrupted; stopping with a checkpoint…");
            if let Some(list) = WORKERS.get() {
                for s in list.lock().unwrap_or_else(|e| e.into_inner()).drain(..) {
                    let _ = s.send(Control::Stop { checkpoint: true });
                }
            }
        });
        Mutex::new(Vec::new())
    });
    let mut list = workers.lock().unwrap_or_else(|e| e.into_inner());
    list.push(sender);
}
