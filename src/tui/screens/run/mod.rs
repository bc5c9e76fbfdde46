//! The run view: one run's charts, events and status. Its state is how the charts are looked
//! at (`ChartView`, in `state/` because the compare view, the sweep screen and the export
//! draw with it too);
//! its keys move the cursor, zoom and smooth, and ask the app for what reaches beyond the
//! view (going back, extending the run, exporting its charts).

mod circuits;
pub mod export;
pub mod keys;
pub mod view;
pub mod words;

use crate::tui::base::Action;
use crate::tui::widgets::chart_keys::is_chart_key;

/// What a key on the run view asks of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunIntent {
    /// Esc: back to the seeds, or to where the run was opened.
    Back,
    /// `+` on a finished run: ask how many steps to train it further.
    AskExtend,
    /// `e`: write the charts as figures.
    Export,
    /// A chart key: the app binds the chart view to the shown run, then hands it the key
    /// (`widgets::chart_keys::on_chart`).
    Chart,
}

/// What a key means on the run view.
pub fn on_action(a: Action) -> Option<RunIntent> {
    match a {
        Action::Back => Some(RunIntent::Back),
        Action::Extend => Some(RunIntent::AskExtend),
        Action::Export => Some(RunIntent::Export),
        a if is_chart_key(a) => Some(RunIntent::Chart),
        _ => None,
    }
}
