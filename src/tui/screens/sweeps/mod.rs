//! The Sweeps tab: the sweep directories found on disk, the selected one, and its keys.

pub mod keys;
pub mod view;
pub mod words;

use crate::record::SweepEntry;
use crate::tui::base::Action;
use std::path::PathBuf;

#[derive(Clone, Debug, Default)]
pub struct SweepList {
    pub entries: Vec<SweepEntry>,
    pub selected: usize,
    pub error: Option<String>,
}

/// What a key on the Sweeps tab asks of the app (the tab itself only moves its selection).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SweepsIntent {
    Back,
    Rescan,
    /// Open this sweep's map.
    Open(PathBuf),
}

impl SweepList {
    pub fn on_action(&mut self, a: Action) -> Option<SweepsIntent> {
        let n = self.entries.len();
        match a {
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
