//! The Sweeps tab: the sweep directories found on disk, the selected one, and its keys.

pub mod keys;
pub mod view;
pub mod words;

use crate::record::{Holder, SweepEntry};
use crate::tui::base::Action;
use std::path::PathBuf;

#[derive(Clone, Debug, Default)]
pub struct SweepList {
    pub entries: Vec<SweepEntry>,
    pub selected: usize,
    pub error: Option<String>,
    /// The sweep whose process `x` was pressed for once: a second `x` on it stops it.
    armed: Option<PathBuf>,
}

/// What a key on the Sweeps tab asks of the app (the tab itself only moves its selection).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SweepsIntent {
    Back,
    Rescan,
    /// Open this sweep's map.
    Open(PathBuf),
    /// `x`: a step towards stopping the process that trains a sweep.
    Stop(StopStep),
}

/// Where `x` stands: asked once, confirmed, or pressed on a sweep nothing trains.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StopStep {
    /// Say what a second `x` will do to the process training the sweep `name`.
    Ask { name: String, trainer: Holder },
    /// Stop the process training the sweep `name` (SIGTERM).
    Confirmed { name: String, trainer: Holder },
    /// The sweep `name`, which no live process trains.
    NotTrained(String),
}

impl SweepList {
    pub fn on_action(&mut self, a: Action) -> Option<SweepsIntent> {
        let n = self.entries.len();
        let armed = self.armed.take();
        match a {
            Action::Stop => {
                let e = self.entries.get(self.selected)?;
                let name = e.name.clone();
                let Some(trainer) = e.trainer.clone() else {
                    return Some(SweepsIntent::Stop(StopStep::NotTrained(name)));
                };
                if armed.as_ref() == Some(&e.path) {
                    return Some(SweepsIntent::Stop(StopStep::Confirmed { name, trainer }));
                }
                self.armed = Some(e.path.clone());
                return Some(SweepsIntent::Stop(StopStep::Ask { name, trainer }));
            }
            Action::Up | Action::Down if n > 0 => self.selected = a.wrap(self.selected, n),
            Action::Rescan => return Some(SweepsIntent::Rescan),
            Action::Back => return Some(SweepsIntent::Back),
            Action::Enter => {
                return self
                    .entries
                    .get(self.selected)
                    .map(|e| SweepsIntent::Open(e.path.clone()));
            }
            _ => {}
        }
        None
    }

    /// The directories read again (`Err`: why not, naming the folder).
    pub fn set_scan(&mut self, scan: Result<Vec<SweepEntry>, String>) {
        match scan {
            Ok(entries) => {
                self.selected = self.selected.min(entries.len().saturating_sub(1));
                self.entries = entries;
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
    }
}
