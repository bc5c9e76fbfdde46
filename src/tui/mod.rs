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
//! Files: `app` (the state and `update`, routing each screen's keys to the screen's own
//! module: `picker`, `runs_list`, `sweep_list`, `sweep_state`, `chart_view`; popups to
//! `popup`), `launch` (starting, opening and steering runs), `quit` (the quit flow and exit
//! report), `incoming` (worker events and the tick), `msg` (the message type), `keys` (key map, help, footer),
//! `runner` (starting and steering workers), `run_state` (one run from its events),
//! `series` (bounded plot series), `stats` (summaries across seeds), `overlay` (the compare
//! view's mean and band per metric), `runs_list` (the Runs tab: order, filter, marks),
//! `chart_view` (the run view's cursor, zoom and smoothing), `smoothing` (debiased EMA),
//! `disk_view` (a run read from its files), `watch` (the disk-watching thread:
//! `watch_listing` the Runs and Sweeps tabs, `watch_sweep` the open sweep), `export` (the run view's charts as SVG/PNG), `export_compare` (the compare view's), `sweep_disk` (sweep directories read from disk), `sweep_state` (the sweep
//! screen's grid and selection), `strings` (every user-facing word), `theme` (styles,
//! NO_COLOR), `format` (short numbers), `view/` (one render function per panel).

pub mod app;
pub mod base;
pub mod chart_view;
pub mod circuit_series;
pub mod disk_view;
pub mod export;
pub mod export_compare;
pub mod format;
mod incoming;
mod input;
pub mod keys;
mod launch;
pub mod msg;
pub mod overlay;
pub mod panic;
pub mod picker;
pub mod picker_estimate;
pub mod popup;
mod quit;
pub mod run_state;
pub mod runner;
pub mod runs_list;
pub mod series;
pub mod smoothing;
pub mod stats;
pub mod strings;
pub mod sweep_disk;
pub mod sweep_list;
pub mod sweep_state;
pub mod theme;
pub mod view;
pub mod watch;
mod watch_listing;
mod watch_sweep;
mod watching;

pub use app::{App, Popup};
pub use base::{Action, Binding, Hit, KeyContext, Screen};
pub use msg::Msg;
pub use runner::{Recorder, Runner, Workers};
pub use theme::Theme;

use input::{HangupWatch, Input};
use ratatui::crossterm::event::Event as TermEvent;
use std::io::Write;
use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How often the screen is redrawn without input (and notices age).
const TICK: Duration = Duration::from_millis(100);

/// Restores the terminal however `run` ends (the panic hook covers panics).
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        restore_terminal();
        panic::uninstall();
    }
}

/// Mouse reports off, then ratatui's restore (raw mode off, main screen), and the cursor
/// shown again (ratatui's restore leaves it as the UI left it: hidden).
pub fn restore_terminal() {
    use ratatui::crossterm::{cursor::Show, event::DisableMouseCapture, execute};
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    let _ = execute!(std::io::stdout(), Show);
}

/// Raw mode and the alternate screen, with our panic hook (not ratatui's, which would also
/// restore the terminal when a worker thread panics).
fn open_terminal() -> std::io::Result<ratatui::DefaultTerminal> {
    use ratatui::crossterm::{execute, terminal};
    panic::install();
    terminal::enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        terminal::EnterAlternateScreen,
        ratatui::crossterm::event::EnableMouseCapture
    )?;
    ratatui::Terminal::new(ratatui::prelude::CrosstermBackend::new(std::io::stdout()))
}

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
    let restore = Restore;
    let mut terminal = open_terminal().map_err(|e| format!("cannot open the terminal: {e}"))?;
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
