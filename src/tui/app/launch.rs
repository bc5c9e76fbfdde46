//! Starting, opening and steering runs for the app: the picked experiment's seeds, a grid's
//! sweep, a run from the Runs tab (resumed, or shown read-only), several runs side by side;
//! pause and checkpoint of the shown ones; stopping the process that trains a sweep. The one
//! place that talks to the runner.

use super::words as s;
use crate::preset::Preset;
use crate::record::{self, RunEntry};
use crate::sweep::cell_label;
use crate::tui::app::{App, SweepRun};
use crate::tui::base::Screen;
use crate::tui::screens::picker::MIN_STEPS;
use crate::tui::screens::popup::Popup;
use crate::tui::screens::sweeps::StopStep;
use crate::tui::screens::sweeps::words as sw;
use crate::tui::state::run_state::{RunState, Status};
use crate::tui::watch::Request;
use crate::tui::watch::disk_view::{DiskView, Known};
use crate::worker::{Launch, RunId, Until};
use std::path::PathBuf;

impl App {
    /// Starts the picked experiment: one run, or one per seed side by side. Runs already
    /// training here train on beside it.
    pub(super) fn start_picked(&mut self) {
        let Some(name) = self.picker.current().map(|p| p.name.clone()) else {
            return;
        };
        let presets: Vec<Preset> = (0..self.picker.seeds)
            .map_while(|k| self.picker.run_preset(k))
            .collect();
        // Several seeds: one directory each, named by its seed, reserved together.
        let mut dirs: Vec<Option<PathBuf>> = vec![None; presets.len()];
        if presets.len() > 1 {
            let seeds: Vec<u64> = presets.iter().map(|p| p.seed).collect();
            match record::reserve_seed_dirs(&self.runs_dir, &name, &seeds) {
                Ok(paths) => dirs = paths.into_iter().map(Some).collect(),
                Err(e) => {
                    self.set_notice(e.0);
                    return;
                }
            }
        }
        let mut ids = Vec::new();
        for (preset, dir) in presets.into_iter().zip(dirs) {
            let id = self.add_run(
                format!("{} · seed {}", preset.name, preset.seed),
                preset.seed,
                preset.training.steps,
            );
            self.runner.start(
                id,
                Launch::New {
                    preset,
                    runs_root: self.runs_dir.clone(),
                    dir,
                },
            );
            ids.push(id);
        }
        let notice = s::started(ids.len(), &name);
        self.show_group(ids, Screen::Picker, notice);
    }

    /// Puts `ids` on the live screen (the run view for one, the compare view for several),
    /// Esc leading back to `back`, and says `notice`. The runs shown before are left alone:
    /// a run trains on until it ends or a key stops it, whatever the screens show, and the
    /// notice says how many train on out of sight (the Runs tab lists them).
    fn show_group(&mut self, ids: Vec<RunId>, back: Screen, notice: String) {
        let out_of_sight = (self.group.iter())
            .filter(|id| !ids.contains(id) && self.drives(**id))
            .count();
        self.screen = if ids.len() > 1 {
            Screen::Compare
        } else {
            Screen::Run
        };
        if self.group != ids {
            self.compare_chart = self.compare_chart.for_run_set();
        }
        self.group = ids;
        self.selected = 0;
        self.back = back;
        self.set_notice(s::with_training_on(notice, out_of_sight));
        self.update_seed_outcomes();
    }

    /// The run this process trains in directory `path`, if any: opening that directory shows
    /// it live instead of reading its files (two workers must never write one directory).
    fn live_id(&self, path: &std::path::Path) -> Option<RunId> {
        (self.runs.iter())
            .find(|r| self.drives(r.id) && r.dir.as_deref() == Some(path))
            .map(|r| r.id)
    }

    /// A run for `entry`: the one training here in its directory, else a new read-only view
    /// of its files (see [`DiskView`]) named `label`.
    fn run_for(&mut self, entry: &RunEntry, label: String) -> RunId {
        let known = Known {
            seed: entry.seed.unwrap_or(0),
            total_steps: entry.total_steps.unwrap_or(0),
        };
        self.run_for_dir(&entry.path, known, label)
    }

    /// The same for a run directory of which only what its preset says is known.
    fn run_for_dir(&mut self, dir: &std::path::Path, known: Known, label: String) -> RunId {
        if let Some(id) = self.live_id(dir) {
            return id;
        }
        let id = RunId(self.runs.len());
        let (view, run) = DiskView::open(id, dir, known, label);
        self.runs.push(run);
        self.views.push(view);
        id
    }

    /// Shows a run: live when it trains here, else from its files, read-only.
    pub(super) fn open_view(&mut self, entry: &RunEntry) {
        let notice = if self.live_id(&entry.path).is_some() {
            s::ALREADY_TRAINING.to_string()
        } else {
            s::viewing(&entry.name, entry.writer.as_ref().map(ToString::to_string))
        };
        let id = self.run_for(entry, format!("{} · {}", entry.preset, entry.name));
        self.show_group(vec![id], Screen::Runs, notice);
    }

    /// Shows several runs side by side in the compare view: those training here live, the
    /// others from their files (read-only, followed while another process trains them).
    /// Nothing is paused or stopped by looking.
    pub(super) fn open_compare(&mut self, entries: &[RunEntry]) {
        let ids: Vec<RunId> = (entries.iter())
            .map(|e| self.run_for(e, e.name.clone()))
            .collect();
        let notice = s::comparing(ids.len());
        self.show_group(ids, Screen::Runs, notice);
    }

    /// `c` on the sweep screen: cells of the open sweep (a grid point's seeds) side by side,
    /// read from their directories, Esc back to the map. Nothing is read here: each view
    /// starts from what the cell's preset says and the disk watcher reads it.
    pub(super) fn compare_sweep_seeds(&mut self, cells: &[usize]) {
        let Some(sw) = self.sweep.as_ref() else {
            return;
        };
        let runs: Vec<_> = (cells.iter())
            .filter_map(|&i| Some((sw.sweep.cells.get(i)?, sw.sweep.cell_dir(i))))
            .map(|(cell, dir)| {
                let known = Known {
                    seed: cell.preset.seed,
                    total_steps: cell.preset.training.steps,
                };
                (
                    dir,
                    known,
                    format!("{} · {}", sw.sweep.name, cell_label(cell)),
                )
            })
            .collect();
        let ids: Vec<RunId> = (runs.into_iter())
            .map(|(dir, known, label)| self.run_for_dir(&dir, known, label))
            .collect();
        let notice = s::comparing(ids.len());
        self.show_group(ids, Screen::Sweep, notice);
    }

    /// Enter on the Runs tab: a run this session trains is shown, a stopped one resumes, any
    /// other (finished, failed, trained by another process) is shown read-only.
    pub(super) fn open_entry(&mut self, entry: &RunEntry) {
        if let Some(id) = self.live_id(&entry.path) {
            match self.group.iter().position(|&g| g == id) {
                Some(k) => {
                    self.selected = k;
                    self.screen = Screen::Run;
                    self.set_notice(s::ALREADY_TRAINING.to_string());
                }
                None => self.open_view(entry),
            }
            return;
        }
        let stopped_short = entry
            .checkpoint
            .zip(entry.total_steps)
            .is_some_and(|(c, t)| c < t);
        let failed = matches!(entry.phase.as_str(), "failed" | "diverged");
        if entry.writer.is_some() || !stopped_short || failed {
            self.open_view(entry);
            return;
        }
        let id = self.add_run(
            format!("{} · {}", entry.preset, entry.name),
            entry.seed.unwrap_or(0),
            entry.total_steps.unwrap_or(0),
        );
        // Known at once, so that a second Enter shows this run instead of starting another.
        self.runs[id.0].dir = Some(entry.path.clone());
        self.runner.start(
            id,
            Launch::Resume {
                dir: entry.path.clone(),
                until: Until::Preset,
            },
        );
        self.show_group(vec![id], Screen::Runs, s::resuming(&entry.name));
    }

    /// Runs the picked grid's whole sweep into `<sweeps>/<preset>` as `groktop sweep` would
    /// (finished cells are kept, stopped ones resume), and opens its map to follow it.
    pub(super) fn start_sweep(&mut self) {
        let Some(preset) = self.picker.current().cloned() else {
            return;
        };
        if let Some(r) = self.sweep_run.as_ref().filter(|r| r.running) {
            self.set_notice(s::sweep_busy(&r.preset, r.pid));
            return;
        }
        let out = self.sweeps_dir.join(&preset.name);
        // The directory and its sweep.ron first, so that the map can open at once (and a
        // directory holding another preset is refused here, before a process starts).
        if let Err(e) = record::SweepDir::new(&out).prepare(&preset) {
            self.set_notice(e.0);
            return;
        }
        match self.runner.start_sweep(&preset.name, &out) {
            Ok(pid) => {
                self.set_notice(s::sweep_started(
                    &preset.name,
                    pid,
                    &out.display().to_string(),
                ));
                self.sweep_run = Some(SweepRun {
                    preset: preset.name.clone(),
                    out: out.clone(),
                    pid,
                    running: true,
                });
                self.open_sweep(&out);
            }
            Err(e) => self.set_notice(e),
        }
    }

    pub(super) fn add_run(&mut self, label: String, seed: u64, total: u64) -> RunId {
        let id = RunId(self.runs.len());
        self.runs.push(RunState::new(id, label, seed, total));
        id
    }

    pub(super) fn active_ids(&self) -> Vec<RunId> {
        self.runs
            .iter()
            .filter(|r| self.drives(r.id))
            .map(|r| r.id)
            .collect()
    }

    /// True while the sweep started here runs.
    pub fn sweep_running(&self) -> bool {
        self.sweep_run.as_ref().is_some_and(|r| r.running)
    }

    /// Runs with a live worker.
    pub fn active_count(&self) -> usize {
        self.active_ids().len()
    }

    /// True when run `id` has a live worker of this process. A run followed read-only while
    /// another process trains it looks active too, but nothing here can pause, checkpoint or
    /// stop it, and quitting must not wait for it.
    pub(super) fn drives(&self, id: RunId) -> bool {
        self.runs[id.0].status.is_active() && !self.views.iter().any(|v| v.id == id)
    }

    /// `+` on a finished run's view: asks how many steps more, starting from half its
    /// length (at least the picker's smallest step count); says why when it cannot grow.
    pub(super) fn ask_extend(&mut self) {
        let Some(run) = self.shown_run() else {
            return;
        };
        let followed = self.views.iter().any(|v| v.id == run.id && v.live);
        let why = if followed || self.drives(run.id) {
            Some(s::EXTEND_FOLLOWED)
        } else if run.dir.is_none() {
            Some(s::EXTEND_NO_DIR)
        } else if run.status != (Status::Finished { completed: true }) {
            Some(s::EXTEND_UNFINISHED)
        } else {
            None
        };
        if let Some(why) = why {
            let text = s::cannot_extend(&run.label, why);
            self.set_notice(text);
            return;
        }
        let default = (run.total_steps / 2).max(MIN_STEPS);
        self.popup = Some(Popup::Extend {
            text: default.to_string(),
            error: None,
        });
    }

    /// Trains the shown (finished) run `more` steps further under its id, in its directory:
    /// a run opened from disk stops being read-only, and its charts start again from the
    /// history the worker sends.
    pub(super) fn extend(&mut self, more: u64) {
        let Some(&id) = self.group.get(self.selected) else {
            return;
        };
        let old = &self.runs[id.0];
        let Some(dir) = old.dir.clone() else {
            return;
        };
        let total = Until::More(more)
            .total(old.total_steps, old.step)
            .unwrap_or(u64::MAX);
        let text = s::extending(
            &old.label,
            &crate::human::steps(more),
            &crate::human::steps(total),
        );
        let mut run = RunState::new(id, old.label.clone(), old.seed, total);
        run.dir = Some(dir.clone());
        let before = std::mem::replace(&mut self.runs[id.0], run);
        self.runs[id.0].before_extend = Some(Box::new(before));
        self.views.retain(|v| v.id != id);
        self.chart.run = None;
        self.runner.start(
            id,
            Launch::Resume {
                dir,
                until: Until::More(more),
            },
        );
        self.set_notice(text);
        self.update_seed_outcomes();
    }

    /// `x` on the Sweeps tab: the first says what a second will do, the second sends
    /// SIGTERM to the process training the sweep (whoever started it: a sweep whose TUI was
    /// killed trains on, and this is how it stops), then reads the tab again.
    pub(super) fn stop_sweep_process(&mut self, step: StopStep) {
        let text = match step {
            StopStep::Ask { name, trainer } => sw::ask_stop(&name, &trainer.to_string()),
            StopStep::Confirmed { name, trainer } => match trainer.terminate() {
                Ok(()) => {
                    self.watcher.send(Request::Rescan);
                    sw::stopping(&name, &trainer.to_string())
                }
                Err(e) => e,
            },
            StopStep::NotTrained(name) => sw::not_trained(&name),
        };
        self.set_notice(text);
    }
}
