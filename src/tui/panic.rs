//! Panics while the terminal is in raw mode / the alternate screen.
//!
//! A panic on the UI thread restores the terminal first, then prints as usual. A panic on any
//! other thread (a worker, or the thread pool a training step runs on) must not tear the
//! terminal down under a UI that keeps running, nor print into the alternate screen: it is
//! left silent here, and the worker's boundary (`worker::execute`) turns it into that run's
//! `Failed` event, which the UI shows.

use std::panic::PanicHookInfo;
use std::thread::ThreadId;

type Hook = Box<dyn Fn(&PanicHookInfo<'_>) + Sync + Send + 'static>;

/// Installs the hook for the UI running on the current thread.
pub fn install() {
    let ui: ThreadId = std::thread::current().id();
    let previous: Hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == ui {
            super::restore_terminal();
            previous(info);
        }
    }));
}

/// Puts back the default hook (the UI has restored the terminal itself).
pub fn uninstall() {
    let _ = std::panic::take_hook();
}
