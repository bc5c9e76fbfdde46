//! The quit flow: the question while runs train, stopping them (with or without a
//! checkpoint) and the sweep started here, quitting once they have stopped, and the report
//! printed after the terminal is restored.

use super::words as s;
use crate::analysis::Phase;
use crate::record;
use crate::tui::app::App;
use crate::tui::screens::popup::Popup;
use crate::tui::state::run_state::Status;
use crate::worker::Control;

impl App {
    /// `q` or Ctrl-C: quits at once when nothing trains, else asks how.
    pub(super) fn ask_quit(&mut self) {
        if self.quitting {
            return;
        }
        if self.active_count() > 0 || self.sweep_running() {
            self.popup = Some(Popup::Quit { choice: 0 });
        } else {
            self.should_quit = true;
        }
    }

    /// The quit question's answer `k` (an index into `words::QUIT_CHOICES`): checkpoint
    /// and quit, quit, or cancel.
    pub(super) fn quit_chosen(&mut self, k: usize) {
        if k < 2 {
            self.stop_and_quit(k == 0);
        }
    }

    /// Notices when the sweep process ended (finished, stopped or failed: its log says).
    pub(super) fn check_sweep_run(&mut self) {
        let Some(r) = self.sweep_run.as_mut().filter(|r| r.running) else {
            return;
        };
        if self.runner.sweep_alive() {
            return;
        }
        r.running = false;
        let r = r.clone();
        let log = r.out.join(record::SWEEP_LOG);
        self.set_notice(s::sweep_ended(&r.preset, &log.display().to_string()));
        // Its last cells' ends are read now, not a second later.
        self.watcher().send(crate::tui::watch::Request::Rescan);
        if self.quitting && self.active_count() == 0 {
            self.should_quit = true;
        }
    }

    /// A signal asked the program to end: every run stops with a checkpoint, then the UI quits.
    pub fn stop_all_and_quit(&mut self) {
        self.popup = None;
        self.stop_and_quit(true);
    }

    fn stop_and_quit(&mut self, checkpoint: bool) {
        for id in self.active_ids() {
            self.runner.send(id, Control::Stop { checkpoint });
        }
        // A sweep always stops with a checkpoint (as after Ctrl-C); quitting waits for it.
        if self.sweep_running() {
            self.runner.stop_sweep();
        }
        self.quitting = true;
        self.set_notice(s::SAVING.to_string());
        if self.active_count() == 0 && !self.sweep_running() {
            self.should_quit = true;
        }
    }

    /// How many of the sweep in `dir`'s cells had finished when last read, out of how many:
    /// from its map if it is open, else from the Sweeps tab (`None` when neither read it).
    fn sweep_cells_done(&self, dir: &std::path::Path) -> Option<(usize, usize)> {
        if let Some(sw) = self.sweep.as_ref().filter(|sw| sw.sweep.path == dir) {
            return Some((sw.sweep.counts().0, sw.sweep.cells.len()));
        }
        let entry = self.sweeps.entries.iter().find(|e| e.path == dir)?;
        Some((entry.done, entry.cells))
    }

    /// What this session ran, printed after the terminal is restored: one line per run
    /// directory trained here, in the order first trained, with its latest state (a run
    /// resumed or extended has several `RunState`s over the session; the last one is
    /// current), and how to continue it when it did not finish. Runs only looked at are
    /// left out.
    pub fn exit_report(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(r) = &self.sweep_run {
            let dir = r.out.display().to_string();
            lines.push(match self.sweep_cells_done(&r.out) {
                Some((done, cells)) if done == cells => s::exit_sweep_done(&dir, cells),
                _ => s::exit_sweep(&r.preset, &dir),
            });
        }
        let looked_at = |id| self.views.iter().any(|v| v.id == id);
        let mut dirs: Vec<&std::path::Path> = Vec::new();
        for run in self.runs.iter().filter(|r| !looked_at(r.id)) {
            if let Some(dir) = run.dir.as_deref().filter(|d| !dirs.contains(d)) {
                dirs.push(dir);
            }
        }
        for dir in dirs {
            let Some(run) = self.runs.iter().rfind(|r| r.dir.as_deref() == Some(dir)) else {
                continue;
            };
            let completed = run.status == (Status::Finished { completed: true });
            let stopped = run.status == (Status::Finished { completed: false });
            let verdict = if run.phase == Phase::Undecided && stopped {
                s::EXIT_PROVISIONAL
            } else {
                run.verdict_word()
            };
            lines.push(s::exit_run(
                &run.label,
                verdict,
                &crate::human::steps(run.step),
                &crate::human::steps(run.total_steps),
                &dir.display().to_string(),
                !completed,
            ));
        }
        lines
    }
}
