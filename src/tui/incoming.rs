//! What reaches the app without a key: worker events (a run's progress, checkpoints, phase
//! events, its end) and the tick (notices age, runs followed on disk and the open sweep are
//! read again when due).

use super::app::{App, Screen};
use super::strings as s;
use crate::worker::Event;

impl App {
    /// Time passes: notices age, followed runs and the open sweep are read again when due.
    pub(super) fn tick(&mut self) {
        self.check_sweep_run();
        self.notice_ticks = self.notice_ticks.saturating_sub(1);
        if self.notice_ticks == 0 {
            self.notice = None;
        }
        let mut reread = false;
        for view in &mut self.views {
            reread |= view.tick(&mut self.runs[view.id.0]) && self.group.contains(&view.id);
        }
        if reread {
            self.update_seed_outcomes();
            if let Some(run) = self.chart.run.and_then(|id| self.runs.get(id.0)) {
                self.chart.refresh(run);
            }
        }
        // The open sweep fills in as cells finish (read at most once a second).
        if self.screen == Screen::Sweep
            && let Some(sw) = &mut self.sweep
        {
            sw.tick();
        }
    }

    pub(super) fn on_event(&mut self, e: Event) {
        let id = e.run();
        let Some(run) = self.runs.get_mut(id.0) else {
            return;
        };
        match &e {
            Event::Checkpointed { step, path, .. } => {
                let text = s::checkpointed(
                    &run.label,
                    &crate::human::steps(*step),
                    &path.display().to_string(),
                );
                self.set_notice(text);
            }
            Event::Failed { error, .. } => {
                let text = s::failed(&run.label, error);
                self.set_notice(text);
            }
            Event::Phase { event, .. } => {
                let text =
                    s::phase_event(&run.label, &crate::human::steps(event.step), &event.message);
                self.log.push(text);
                self.ring |= self.bell && self.group.contains(&id);
            }
            Event::Finished { summary, .. } => {
                let c = &summary.classification;
                let text = s::finished(&run.label, c.phase.label(), &c.reason);
                self.log.push(text);
            }
            // A damaged checkpoint skipped on resume, and which one was used instead.
            Event::Started { info, .. } if !info.notes.is_empty() => {
                self.set_notice(info.notes.join("; "));
            }
            _ => {}
        }
        let run = &mut self.runs[id.0];
        run.apply(e);
        if self.chart.run == Some(id) {
            self.chart.refresh(&self.runs[id.0]);
        }
        if self.group.contains(&id) {
            self.update_seed_outcomes();
        }
        if self.quitting && self.active_count() == 0 && !self.sweep_running() {
            self.should_quit = true;
        }
    }
}
