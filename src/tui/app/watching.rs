//! What the app tells the disk watcher (`watch`): derived from the state after each message,
//! and compared with what it was before, so the watcher hears only of what changed (a screen
//! shown or hidden, a sweep to open, the map's selection, the runs shown from disk).

use super::App;
use crate::tui::base::Screen;
use crate::tui::screens::sweep::SweepScreen;
use crate::tui::watch::{Request, SweepShown};
use crate::worker::RunId;
use std::path::PathBuf;

/// What the disk watcher is told to look at, derived from the state after each message:
/// when it changes, the watcher hears of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Watching {
    picker: bool,
    runs: bool,
    sweeps: bool,
    opening: Option<PathBuf>,
    /// The sweep whose map is on screen.
    sweep: Option<PathBuf>,
    cell: Option<usize>,
    /// The live group and how many runs are shown from their files.
    group: Vec<RunId>,
    views: usize,
}

impl App {
    /// What the disk watcher should look at now.
    pub(super) fn watching(&self) -> Watching {
        let app = self;
        let sweep = app.sweep.as_ref().filter(|_| app.screen == Screen::Sweep);
        Watching {
            picker: app.screen == Screen::Picker,
            opening: app.opening.as_ref().map(|(p, _)| p.clone()),
            runs: app.screen == Screen::Runs,
            sweeps: app.screen == Screen::Sweeps,
            sweep: sweep.map(|sw| sw.sweep.path.clone()),
            cell: sweep.and_then(SweepScreen::selected_cell),
            group: app.group.clone(),
            views: app.views.len(),
        }
    }

    /// Tells the disk watcher what changed between `was` and `now`.
    pub(super) fn tell_watcher(&self, was: &Watching, now: &Watching) {
        let app = self;
        let w = &app.watcher;
        // Back on the picker: runs finished meanwhile sharpen its estimates.
        if now.picker && !was.picker {
            w.send(Request::Timings(app.runs_dir.clone()));
        }
        if let Some(path) = now.opening.as_ref().filter(|_| now.opening != was.opening) {
            w.send(Request::Open(path.clone()));
        }
        if now.runs != was.runs {
            w.send(Request::Runs(now.runs.then(|| app.runs_dir.clone())));
        }
        if now.sweeps != was.sweeps {
            w.send(Request::Sweeps(now.sweeps.then(|| app.sweeps_dir.clone())));
        }
        if now.sweep != was.sweep {
            let shown = app
                .sweep
                .as_ref()
                .filter(|_| now.sweep.is_some())
                .map(|sw| {
                    Box::new(SweepShown {
                        sweep: sw.sweep.clone(),
                        cell: now.cell,
                        detail: sw.detail.clone(),
                    })
                });
            w.send(Request::Sweep(shown));
        } else if now.cell != was.cell {
            w.send(Request::Cell(now.cell));
        }
        if (&now.group, now.views) != (&was.group, was.views) {
            let follow = app
                .views
                .iter()
                .filter(|v| app.group.contains(&v.id))
                .cloned()
                .collect();
            w.send(Request::Follow(follow));
        }
    }
}
