//! The run overview: everything known about one run directory on one page (where it is, how
//! far it got, its phase, who trains it, every setting), opened with `i` from the Runs tab.
//! The Runs table shows only the settings that differ between its rows; this is the page to
//! read when the question is "what exactly was this run?". It holds only which run it shows:
//! the entry itself is looked up in the Runs tab's list at each draw, so the page follows the
//! run as the watcher rereads it, and says so when the directory is gone.

pub mod keys;
pub mod view;
pub mod words;

use crate::tui::base::Action;
use std::path::{Path, PathBuf};

/// The overview's state: the run directory it shows, and how far it is scrolled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunOverview {
    pub path: PathBuf,
    pub scroll: u16,
}

/// What a key on the overview asks of the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OverviewIntent {
    /// Esc: back to the Runs tab.
    Back,
    /// Enter: open the run, as Enter on its row of the Runs tab does.
    Open(PathBuf),
}

impl RunOverview {
    pub fn new(path: &Path) -> Self {
        Self {
            path: path.to_path_buf(),
            scroll: 0,
        }
    }

    /// What a key means on the overview.
    pub fn on_action(&mut self, a: Action) -> Option<OverviewIntent> {
        match a {
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => self.scroll = self.scroll.saturating_add(1),
            Action::Back => return Some(OverviewIntent::Back),
            Action::Enter => return Some(OverviewIntent::Open(self.path.clone())),
            _ => {}
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_scroll_go_back_and_open_the_run_shown() {
        let mut o = RunOverview::new(Path::new("runs/a"));
        assert_eq!(o.on_action(Action::Up), None);
        assert_eq!(o.scroll, 0);
        o.on_action(Action::Down);
        o.on_action(Action::Down);
        assert_eq!(o.scroll, 2);
        assert_eq!(o.on_action(Action::Back), Some(OverviewIntent::Back));
        assert_eq!(
            o.on_action(Action::Enter),
            Some(OverviewIntent::Open(PathBuf::from("runs/a")))
        );
    }
}
