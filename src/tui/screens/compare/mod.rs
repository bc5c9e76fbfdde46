//! The compare view: several runs (the seeds of one start, or runs marked in the Runs tab)
//! overlaid on shared charts. Its state is which run is highlighted (the app's `selected`,
//! shared with the run view it opens), and the group's mean and band and outcomes, which the
//! app keeps current as the runs report.

pub mod export;
pub mod keys;
pub mod view;
pub mod words;

use crate::tui::base::Action;
use crate::tui::widgets::chart_keys::is_chart_key;

/// What a key on the compare view asks of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareIntent {
    /// Enter: the highlighted run's full view.
    Open,
    /// Esc: back to where the runs were opened.
    Back,
    /// `e`: write every run's charts overlaid as figures.
    Export,
    /// A chart key: the app hands it to the compare view's chart view, over all its runs
    /// (`widgets::chart_keys::on_chart`).
    Chart,
}

/// A key on the compare view of `n` runs, `selected` the highlighted one: ↑↓ move the
/// highlight, ←→ the step cursor (as in the run view); nothing happens while no run is shown.
pub fn on_action(selected: &mut usize, n: usize, a: Action) -> Option<CompareIntent> {
    if n == 0 {
        return None;
    }
    match a {
        Action::Up | Action::Down => {
            *selected = a.wrap(*selected, n);
            None
        }
        a if is_chart_key(a) => Some(CompareIntent::Chart),
        Action::Export => Some(CompareIntent::Export),
        Action::Enter => Some(CompareIntent::Open),
        Action::Back => Some(CompareIntent::Back),
        _ => None,
    }
}
