//! The terminal UI: pick an experiment, watch it learn, see the moment it groks.
//!
//! Shaped like ratatui's event-driven template: keys, ticks and worker events all become one
//! `Msg`; only `App::update` changes state; `view::draw` borrows the state immutably and does
//! no I/O. The UI sees runs only through `worker::Event`s and steers them only with
//! `worker::Control` (through a `Runner`, so tests can record instead of train).
//!
//! ```text
//! crossterm key ─► keys::action (the screen's table) ─► Msg::Action ─┐
//! tick (100 ms) ─────────────────► Msg::Tick ───┼─► App::update ─► view::draw (10/s)
//! worker thread ─► Event ────────► Msg::Worker ─┤        │   │
//! watch thread ──► Found ────────► Msg::Disk ───┘        │   │
//!        ▲      ▲                                        │   │
//!        │      └─────────── Request (what is shown) ◄───┘   │
//!        └──────────── Control (Runner::send) ◄──────────────┘
//! ```
//!
//! Layers, lowest first (each imports only those below; `docs/architecture.md` says which
//! folder owns what): `base` (Action, Screen, Hit, the key binding type), `state` (run data),
//! `widgets` (shared drawing), `screens/<screen>` (state, keys, words and view of one screen),
//! `watch` (the disk-watching thread), `msg`, `keys` (the table in force), `app` (the state
//! and `update`), `view` (the frame), and this file, the terminal loop (`terminal`: opening
//! and restoring it; `input`: the key reader; `runner`: starting and steering workers).

pub mod app;
pub mod base;
mod input;
pub mod keys;
pub mod msg;
pub mod runner;
pub mod screens;
pub mod state;
pub mod terminal;
pub mod view;
pub mod watch;
pub mod widgets;

pub use app::{App, Popup};
pub use base::{Action, Binding, Hit, KeyContext, Screen};
pub use msg::Msg;
pub use runner::{Recorder, Runner, Workers};
pub use widgets::theme::Theme;

use input::{HangupWatch, Input};
use ratatui::crossterm::event::Event as TermEvent;
use std::io::Write;
use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How often the screen is redrawn without input (and notices age).
const TICK: Duration = Duration::from_millis(100);

/// Runs the TUI until the user quits. Training continues in worker threads; quitting stops
/// them (with a checkpoint when asked) and waits for them.
pub fn run(runs_dir: &Path) -> Result<(), String> {
    let (tx, rx) = mpsc::channel();
    let mut app = App::new(
        crate::preset::builtin_presets(),
        runs_dir.to_path_buf(),
        Box::new(Workers::new(tx)),
        Theme::from_env(),
    );
    crate::interrupt::watch_quietly();
    let restore = terminal::Restore;
    let mut terminal = terminal::open().map_err(|e| format!("cannot open the terminal: {e}"))?;
    let hangup = HangupWatch::new();
    let input = input::spawn()?;
    let mut terminal_gone = false;
    let mut last_tick = Instant::now();
    let result = loop {
        if !terminal_gone && let Err(e) = terminal.draw(|f| view::draw(f, &app)) {
            break Err(format!("drawing failed: {e}"));
        }
        if app.take_ring() && !terminal_gone {
            use std::io::Write;
            let mut out = std::io::stdout();
            let _ = out.write_all(b"\x07").and_then(|()| out.flush());
        }
        let timeout = TICK.saturating_sub(last_tick.elapsed());
        match input.recv_timeout(timeout) {
            Ok(Input::Event(TermEvent::Key(k))) => {
                let ctx = app.key_context();
                if let Some(a) = keys::action(ctx, k) {
                    app.update(Msg::Action(a));
                } else if let Some(c) = keys::typed(ctx, k) {
                    app.update(Msg::Type(c));
                }
            }
            Ok(Input::Event(TermEvent::Mouse(m))) => {
                if let Some(msg) = mouse_msg(&app, m) {
                    app.update(msg);
                }
            }
            Ok(Input::Event(_)) => {} // resize and others: the next draw adapts
            Err(RecvTimeoutError::Timeout) => {}
            Ok(Input::Failed(_)) | Err(RecvTimeoutError::Disconnected) if hangup.hung_up() => {}
            Ok(Input::Failed(e)) => break Err(format!("reading the terminal failed: {e}")),
            Err(RecvTimeoutError::Disconnected) => break Err("the terminal input ended".into()),
        }
        while let Ok(e) = rx.try_recv() {
            app.update(Msg::Worker(e));
        }
        while let Some(f) = app.watcher().try_recv() {
            app.update(Msg::Disk(f));
        }
        terminal_gone = terminal_gone || hangup.hung_up();
        // SIGTERM or SIGHUP (`kill`, Slurm), or a terminal that went away: stop the runs with
        // a checkpoint and quit, restoring the terminal on the way out where there is one.
        if (terminal_gone || crate::interrupt::requested()) && !app.quitting {
            app.stop_all_and_quit();
        }
        if last_tick.elapsed() >= TICK {
            app.update(Msg::Tick);
            last_tick = Instant::now();
        }
        if app.should_quit {
            break Ok(());
        }
    };
    // Dropping the app stops (with a checkpoint) and joins any worker still running.
    let report = app.exit_report();
    drop(app);
    drop(restore);
    // With the terminal gone there is nowhere to print: not an error.
    let mut out = std::io::stdout();
    for line in report {
        let _ = writeln!(out, "{line}");
    }
    result
}

/// What a mouse event means: a click on a tab opens it, on a row or a map cell selects it,
/// on the run view's charts moves the step cursor; the wheel scrolls like ↑ / ↓.
fn mouse_msg(app: &App, m: ratatui::crossterm::event::MouseEvent) -> Option<Msg> {
    use ratatui::crossterm::event::{MouseButton, MouseEventKind};
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => {
            let (w, h) = ratatui::crossterm::terminal::size().ok()?;
            view::click(app, w, h, m.column, m.row)
        }
        MouseEventKind::ScrollUp => Some(Msg::Scroll { up: true }),
        MouseEventKind::ScrollDown => Some(Msg::Scroll { up: false }),
        _ => None,
    }
}
