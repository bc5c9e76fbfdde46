//! What reaches the app without a key: worker events (a run's progress, checkpoints, phase
//! events, its end), what the disk watcher read (listings, a sweep opened and the open sweep,
//! runs shown from disk, the picker's timings) and the tick (notices age, a sweep process's
//! end is noticed). None of it reads a file.

use super::words as s;
use crate::tui::app::App;
use crate::tui::base::Screen;
use crate::tui::watch::Found;
use crate::tui::widgets::words as w;
use crate::worker::Event;

impl App {
    /// Time passes: notices age, a sweep started here is checked for its end.
    pub(super) fn tick(&mut self) {
        self.check_sweep_run();
        self.notice_ticks = self.notice_ticks.saturating_sub(1);
        if self.notice_ticks == 0 {
            self.notice = None;
        }
    }

    /// What the disk watcher read; anything about a screen or run no longer shown is dropped.
    pub(super) fn on_found(&mut self, f: Found) {
        match f {
            Found::Runs(Ok(entries)) => {
                self.tell_unreadable(entries.iter().flat_map(|e| &e.unreadable));
                self.disk.set_entries(entries);
            }
            Found::Runs(Err(e)) => self.disk.error = Some(e),
            Found::Sweeps(scan) => self.sweeps.set_scan(scan),
            Found::Sweep(sweep) => {
                self.tell_unreadable(sweep.unreadable());
                if let Some(sw) = self.sweep.as_mut().filter(|sw| sw.sweep.path == sweep.path) {
                    sw.set_sweep(*sweep);
                }
            }
            Found::Cell(path, detail) => {
                self.tell_unreadable(&detail.run.unreadable);
                if let Some(sw) = self.sweep.as_mut().filter(|sw| sw.sweep.path == path) {
                    sw.set_detail(*detail);
                }
            }
            Found::Opened(path, opened) => {
                let asked = self.opening.take_if(|(p, _)| *p == path);
                match (asked, opened) {
                    (Some((_, from)), Ok(sw)) if from == self.screen => {
                        self.tell_unreadable(sw.sweep.unreadable());
                        self.sweep = Some(*sw);
                        self.screen = Screen::Sweep;
                    }
                    (Some(_), Err(e)) => self.set_notice(e),
                    // Asked from a screen no longer shown, or superseded: not forced on the
                    // person (the sweep is on the Sweeps tab).
                    _ => {}
                }
            }
            Found::Timings(Ok(timings)) => self.picker.set_timings(timings),
            Found::Timings(Err(e)) => {
                self.tell_unreadable([&e]);
                self.picker.set_timings(Vec::new());
            }
            Found::Run { id, run, live } => {
                let Some(view) = self.views.iter_mut().find(|v| v.id == id) else {
                    return;
                };
                view.live = live;
                view.read = true;
                self.tell_unreadable(&run.unreadable);
                self.runs[id.0] = *run;
                if self.group.contains(&id) {
                    self.update_seed_outcomes();
                }
                if self.chart.run == Some(id) {
                    self.chart.refresh(&[&self.runs[id.0]]);
                }
            }
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
            Event::Failed { error, .. } if run.before_extend.is_some() => {
                let text = s::extend_failed(&run.label, error);
                self.set_notice(text);
            }
            Event::Failed { error, .. } => {
                let text = w::failed(&run.label, error);
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
            self.chart.refresh(&[&self.runs[id.0]]);
        }
        if self.group.contains(&id) {
            self.update_seed_outcomes();
        }
        if self.quitting && self.active_count() == 0 && !self.sweep_running() {
            self.should_quit = true;
        }
    }
}
