//! Steering the runs this process trains: pause, resume, checkpoint and stop act on the runs
//! the person chose (the shown run, every run of the compare view, or the Runs tab's marked
//! rows, else its selected row), and `r` resumes every stopped run shown. Which screen is
//! open never steers a run by itself: views come and go, the runs train on.

use super::words as s;
use crate::tui::app::App;
use crate::tui::base::Screen;
use crate::tui::screens::runs::{Here, TrainedHere};
use crate::tui::state::run_state::{RunState, Status};
use crate::worker::{Control, Launch, RunId, Until};
use std::path::PathBuf;

impl App {
    /// The runs a control key acts on: the shown run, all runs of the compare view, or on the
    /// Runs tab the marked rows (none marked: the selected row) that have a run here.
    pub(super) fn targets(&self) -> Vec<RunId> {
        match self.screen {
            Screen::Compare => self.group.clone(),
            Screen::Run => self.group.get(self.selected).copied().into_iter().collect(),
            Screen::Runs => {
                let chosen: Vec<PathBuf> = if self.disk.marked.is_empty() {
                    (self.disk.selected_entry().iter())
                        .map(|e| e.path.clone())
                        .collect()
                } else {
                    self.disk.marked.iter().cloned().collect()
                };
                (self.runs.iter())
                    .filter(|r| r.dir.as_ref().is_some_and(|d| chosen.contains(d)))
                    .map(|r| r.id)
                    .collect()
            }
            // Every other screen steers nothing: a screen that should, says so above.
            _ => Vec::new(),
        }
    }

    /// The [`Self::targets`] that a worker of this process trains (pause, checkpoint and
    /// stop reach only those).
    fn driven_targets(&self) -> Vec<RunId> {
        (self.targets().into_iter())
            .filter(|&id| self.drives(id))
            .collect()
    }

    pub(super) fn toggle_pause(&mut self) {
        let ids = self.driven_targets();
        if ids.is_empty() {
            return;
        }
        // Pause all unless all are already paused.
        let pause = ids.iter().any(|id| !self.runs[id.0].want_paused);
        for id in ids {
            self.runs[id.0].want_paused = pause;
            let c = if pause {
                Control::Pause
            } else {
                Control::Resume
            };
            self.runner.send(id, c);
        }
    }

    pub(super) fn checkpoint(&mut self) {
        let ids = self.driven_targets();
        if ids.is_empty() {
            return;
        }
        for id in ids {
            self.runner.send(id, Control::Checkpoint);
        }
        self.set_notice(s::CHECKPOINT_ASKED.to_string());
    }

    /// `x`: the chosen runs stop with a checkpoint (Enter on the Runs tab, or `r` in the
    /// compare view, resumes them).
    pub(super) fn stop_chosen(&mut self) {
        let ids = self.driven_targets();
        if ids.is_empty() {
            return;
        }
        for &id in &ids {
            self.runner.send(id, Control::Stop { checkpoint: true });
        }
        self.set_notice(s::stopping(ids.len()));
    }

    /// `r`: every chosen run that stopped before its end (with a checkpoint to go on from,
    /// and no one training it) trains on to its end, under its id, in its directory; a run
    /// shown from its files stops being read-only.
    pub(super) fn resume_stopped(&mut self) {
        let ids: Vec<RunId> = (self.targets().into_iter())
            .filter(|&id| self.resumable(&self.runs[id.0]))
            .collect();
        if ids.is_empty() {
            self.set_notice(s::NOTHING_TO_RESUME.to_string());
            return;
        }
        for &id in &ids {
            let old = &self.runs[id.0];
            let Some(dir) = old.dir.clone() else { continue };
            let mut run = RunState::new(id, old.label.clone(), old.seed, old.total_steps);
            run.dir = Some(dir.clone());
            self.runs[id.0] = run;
            self.views.retain(|v| v.id != id);
            if self.chart.run == Some(id) {
                self.chart.run = None;
            }
            let until = Until::Preset;
            self.runner.start(id, Launch::Resume { dir, until });
        }
        self.set_notice(s::resuming_all(ids.len()));
        self.update_seed_outcomes();
    }

    /// True for a run that stopped short of its end with a checkpoint, that no process
    /// trains now (not here, and not followed live from another).
    fn resumable(&self, run: &RunState) -> bool {
        let stopped = run.status == Status::Finished { completed: false };
        let short = run.checkpoint.is_some_and(|c| c < run.total_steps);
        let followed = self.views.iter().any(|v| v.id == run.id && v.live);
        let dir = run.dir.as_deref();
        let elsewhere = (self.runs.iter()).any(|o| {
            o.id != run.id && self.drives(o.id) && o.dir.as_deref() == dir && dir.is_some()
        });
        stopped && short && !followed && !elsewhere && dir.is_some()
    }

    /// The runs this process trains and the cores they share, for the Runs tab's status
    /// column. Each run computes on a pool of its own as large as the machine's (a `Flush`
    /// run's threads carry its flag), so the OS shares the cores among the runs that train:
    /// evenly (two grokking runs on 2 cores: 15.3 steps/s each, against 31.4 alone).
    pub fn trained_here(&self) -> Here {
        let runs = (self.runs.iter())
            .filter(|r| self.drives(r.id))
            .filter_map(|r| {
                let dir = r.dir.clone()?;
                let paused = r.want_paused || r.status == Status::Paused;
                Some(TrainedHere { dir, paused })
            })
            .collect();
        Here {
            runs,
            cores: rayon::current_num_threads(),
        }
    }
}
