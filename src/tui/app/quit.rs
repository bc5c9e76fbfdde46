//! The quit flow: the question while runs train, stopping them (with or without a
//! checkpoint) and the sweep started here, quitting once they have stopped, and the report
//! printed after the terminal is restored.

use super::words as s;
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

    /// What this session ran, printed after the terminal is restored: each run's verdict
    /// and directory, and how to continue one that did not finish.
    pub fn exit_report(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(r) = &self.sweep_run {
            lines.push(s::exit_sweep(&r.preset, &r.out.display().to_string()));
        }
        for run in &self.runs {
            let Some(dir) = &run.dir else { continue };
            let dir = dir.display().to_string();
            lines.push(s::exit_run(
                &run.label,
                run.verdict_word(),
                &crate::human::steps(run.step),
                &crate::human::steps(run.total_steps),
                &dir,
            ));
            if !matches!(run.status, Status::Finished { completed: true }) {
                lines.push(s::exit_resume(&dir));
            }
        }
        lines
    }
}
