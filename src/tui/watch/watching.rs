//! What the app tells the disk watcher: derived from what the screens show after each
//! message ([`Shown`], borrowed from the app's state) and compared with what it was before,
//! so the watcher hears only of what changed (a screen shown or hidden, a sweep to open, the
//! map's selection, the runs shown from disk). It knows the app only through [`Shown`]: the
//! app uses it, never the other way round.

use super::disk_view::DiskView;
use super::{Request, SweepShown, Watcher};
use crate::tui::base::Screen;
use crate::tui::screens::sweep::SweepScreen;
use crate::worker::RunId;
use std::path::{Path, PathBuf};

/// What the screens show now, as far as the watcher cares.
pub struct Shown<'a> {
    pub screen: Screen,
    /// A sweep being read for its map.
    pub opening: Option<&'a Path>,
    /// The opened sweep (its map is on screen when `screen` is the sweep screen).
    pub sweep: Option<&'a SweepScreen>,
    /// The live group.
    pub group: &'a [RunId],
    /// The runs shown from their files.
    pub views: &'a [DiskView],
    pub runs_dir: &'a Path,
    pub sweeps_dir: &'a Path,
}

/// What the disk watcher is told to look at, derived from [`Shown`] after each message:
/// when it changes, the watcher hears of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Watching {
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

impl Watching {
    /// What the disk watcher should look at while the screens show `shown`.
    pub fn of(shown: &Shown) -> Self {
        let sweep = shown.sweep.filter(|_| shown.screen == Screen::Sweep);
        Self {
            picker: shown.screen == Screen::Picker,
            opening: shown.opening.map(Path::to_path_buf),
            runs: matches!(shown.screen, Screen::Runs | Screen::Overview),
            sweeps: shown.screen == Screen::Sweeps,
            sweep: sweep.map(|sw| sw.sweep.path.clone()),
            cell: sweep.and_then(SweepScreen::selected_cell),
            group: shown.group.to_vec(),
            views: shown.views.len(),
        }
    }

    /// Tells `w` what changed from `was` to `self` (derived from `shown`).
    pub fn tell(&self, was: &Watching, shown: &Shown, w: &Watcher) {
        let now = self;
        // Back on the picker: runs finished meanwhile sharpen its estimates.
        if now.picker && !was.picker {
            w.send(Request::Timings(shown.runs_dir.to_path_buf()));
        }
        if let Some(path) = now.opening.as_ref().filter(|_| now.opening != was.opening) {
            w.send(Request::Open(path.clone()));
        }
        if now.runs != was.runs {
            w.send(Request::Runs(
                now.runs.then(|| shown.runs_dir.to_path_buf()),
            ));
        }
        if now.sweeps != was.sweeps {
            w.send(Request::Sweeps(
                now.sweeps.then(|| shown.sweeps_dir.to_path_buf()),
            ));
        }
        if now.sweep != was.sweep {
            let shown = shown.sweep.filter(|_| now.sweep.is_some()).map(|sw| {
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
            let follow = shown
                .views
                .iter()
                .filter(|v| shown.group.contains(&v.id))
                .cloned()
                .collect();
            w.send(Request::Follow(follow));
        }
    }
}
