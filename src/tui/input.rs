//! Terminal input on its own thread, and noticing when the terminal goes away.
//!
//! Once its terminal is closed, crossterm's reader retries a read of 0 bytes without waiting
//! and never returns, so the UI loop must not call it: a thread blocks in `event::read` and
//! sends what it reads, and the UI loop waits on that channel with its tick as timeout. A
//! closed terminal (tmux kill-session, a dropped ssh connection, a closed window) does not
//! always come with a SIGHUP, so the loop also asks the kernel, with a zero-timeout poll(2),
//! whether the terminal has hung up.

use ratatui::crossterm::event::{self, Event as TermEvent};
use std::sync::mpsc::{self, Receiver};

/// What the input thread sends.
pub enum Input {
    Event(TermEvent),
    /// Reading failed; the thread has ended.
    Failed(String),
}

/// Starts the input thread; it ends when reading fails or the receiver is dropped (or,
/// stuck in crossterm on a closed terminal, with the process).
pub fn spawn() -> Result<Receiver<Input>, String> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("terminal input".into())
        .spawn(move || {
            loop {
                let sent = match event::read() {
                    Ok(e) => tx.send(Input::Event(e)),
                    Err(e) => {
                        let _ = tx.send(Input::Failed(e.to_string()));
                        return;
                    }
                };
                if sent.is_err() {
                    return;
                }
            }
        })
        .map_err(|e| format!("cannot start the terminal input thread: {e}"))?;
    Ok(rx)
}

/// Watches the terminal the UI was started in for a hang-up.
pub struct HangupWatch {
    /// The first of stdin and stdout that was a terminal at start (a hung-up terminal no
    /// longer answers `isatty`, so this is decided once, while it does).
    fd: Option<libc::c_int>,
}

impl HangupWatch {
    pub fn new() -> Self {
        // SAFETY: isatty only inspects the descriptor.
        let fd = [libc::STDIN_FILENO, libc::STDOUT_FILENO]
            .into_iter()
            .find(|&fd| unsafe { libc::isatty(fd) } == 1);
        Self { fd }
    }

    /// True once the terminal has hung up (or its descriptor became invalid).
    pub fn hung_up(&self) -> bool {
        let Some(fd) = self.fd else {
            return false;
        };
        let mut p = libc::pollfd {
            fd,
            events: 0,
            revents: 0,
        };
        // SAFETY: one valid pollfd, zero timeout: the call only reports the descriptor's state.
        let n = unsafe { libc::poll(&mut p, 1, 0) };
        n > 0 && p.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
    }
}
