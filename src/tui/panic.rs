//! Panics while the terminal is in raw mode / the alternate screen.
//!
//! A panic on the UI thread restores the terminal first, then prints as usual. A panic in a
//! worker thread (named `run-<id>` by `worker::spawn`) must not tear the terminal down under
//! a UI that keeps running, nor print into the alternate screen: its message is kept here
//! and the UI turns it into that run's `Failed` event.

use crate::worker::{Event, RunId};
use std::panic::PanicHookInfo;
use std::sync::Mutex;
use std::thread::ThreadId;

type Hook = Box<dyn Fn(&PanicHookInfo<'_>) + Sync + Send + 'static>;

static WORKER_PANICS: Mutex<Vec<(RunId, String)>> = Mutex::new(Vec::new());

/// Installs the hook for the UI running on the current thread.
pub fn install() {
    let ui: ThreadId = std::thread::current().id();
    let previous: Hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let this = std::thread::current();
        let run = this
            .name()
            .and_then(|n| n.strip_prefix("run-"))
            .and_then(|n| n.parse().ok());
        match run {
            Some(id) if this.id() != ui => {
                let message = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "panic".into());
                let at = info
                    .location()
                    .map_or_else(String::new, |l| format!(" at {l}"));
                WORKER_PANICS
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((RunId(id), format!("worker panicked: {message}{at}")));
            }
            _ => {
                ratatui::restore();
                previous(info);
            }
        }
    }));
}

/// Puts back the default hook (the UI has restored the terminal itself).
pub fn uninstall() {
    let _ = std::panic::take_hook();
}

/// Worker panics since the last call, as `Failed` events.
pub fn drain() -> Vec<Event> {
    WORKER_PANICS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .drain(..)
        .map(|(run, error)| Event::Failed { run, error })
        .collect()
}
