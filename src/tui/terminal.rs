//! The terminal: opening it (raw mode, the alternate screen, mouse reports), restoring it
//! however the UI ends, and panics while it is open.
//!
//! A panic on the UI thread restores the terminal first, then prints as usual. A panic on any
//! other thread (a worker, or the thread pool a training step runs on) must not tear the
//! terminal down under a UI that keeps running, nor print into the alternate screen: it is
//! left silent here, and the worker's boundary (`worker::execute`) turns it into that run's
//! `Failed` event, which the UI shows.

use std::panic::PanicHookInfo;
use std::thread::ThreadId;

/// Restores the terminal however `run` ends (the panic hook covers panics).
pub struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        restore_terminal();
        uninstall();
    }
}

/// Mouse reports off, then ratatui's restore (raw mode off, main screen), and the cursor
/// shown again (ratatui's restore leaves it as the UI left it: hidden).
fn restore_terminal() {
    use ratatui::crossterm::{cursor::Show, event::DisableMouseCapture, execute};
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    let _ = execute!(std::io::stdout(), Show);
}

/// Raw mode and the alternate screen, with our panic hook (not ratatui's, which would also
/// restore the terminal when a worker thread panics).
pub fn open() -> std::io::Result<ratatui::DefaultTerminal> {
    use ratatui::crossterm::{execute, terminal};
    install();
    terminal::enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        terminal::EnterAlternateScreen,
        ratatui::crossterm::event::EnableMouseCapture
    )?;
    ratatui::Terminal::new(ratatui::prelude::CrosstermBackend::new(std::io::stdout()))
}

type Hook = Box<dyn Fn(&PanicHookInfo<'_>) + Sync + Send + 'static>;

/// Installs the hook for the UI running on the current thread.
pub fn install() {
    let ui: ThreadId = std::thread::current().id();
    let previous: Hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == ui {
            restore_terminal();
            previous(info);
        }
    }));
}

/// Puts back the default hook (the UI has restored the terminal itself).
pub fn uninstall() {
    let _ = std::panic::take_hook();
}
