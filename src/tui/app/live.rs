//! The live screen (the run view of one run, the compare view of several): what their keys
//! ask of the app, the chart views bound to their runs, and the group's outcomes, mean and
//! band, kept current as its runs report.

use super::App;
use crate::tui::base::{Action, Screen};
use crate::tui::screens::compare::{self, CompareIntent};
use crate::tui::screens::run::{self, RunIntent};
use crate::tui::state::chart_view::ChartView;
use crate::tui::state::overlay::Overlay;
use crate::tui::state::run_state::RunState;
use crate::tui::state::stats;
use crate::tui::widgets::chart_keys::on_chart;
use crate::worker::RunId;

impl App {
    /// The run view: what its keys ask (`screens::run`); chart keys go to the chart view,
    /// bound to the shown run first.
    pub(super) fn on_run(&mut self, a: Action) {
        match run::on_action(a) {
            Some(RunIntent::Back) => {
                self.screen = if self.group.len() > 1 {
                    Screen::Compare
                } else {
                    self.back
                };
            }
            Some(RunIntent::AskExtend) => self.ask_extend(),
            Some(RunIntent::Export) => self.export_charts(),
            Some(RunIntent::Chart) => {
                if let Some(id) = self.bind_chart() {
                    let run = &self.runs[id.0];
                    on_chart(&mut self.chart, &[run], run, a);
                }
            }
            None => {}
        }
    }

    /// The compare view: what its keys ask (`screens::compare`).
    pub(super) fn on_compare(&mut self, a: Action) {
        match compare::on_action(&mut self.selected, self.group.len(), a) {
            Some(CompareIntent::Open) => self.screen = Screen::Run,
            Some(CompareIntent::Back) => self.screen = self.back,
            Some(CompareIntent::Chart) => {
                let runs: Vec<&RunState> = self.group.iter().map(|id| &self.runs[id.0]).collect();
                if let Some(&shown) = runs.get(self.selected) {
                    on_chart(&mut self.compare_chart, &runs, shown, a);
                }
            }
            Some(CompareIntent::Export) => {
                let runs: Vec<&RunState> = self.group_runs().collect();
                let written =
                    compare::export::export_compare(&runs, &self.overlay, self.show_circuits);
                self.say_exported(written);
            }
            None => {}
        }
    }

    /// Writes the shown run's charts as figures and says where (or why not).
    fn export_charts(&mut self) {
        let Some(run) = self.shown_run() else {
            return;
        };
        let written = run::export::export(run, self.chart_view(), self.show_circuits);
        self.say_exported(written);
    }

    /// The shown run, with the chart view bound to it: the cursor and zoom belong to the
    /// run they were set on, so another run shown starts afresh (keeping the smoothing).
    pub(super) fn bind_chart(&mut self) -> Option<RunId> {
        let id = *self.group.get(self.selected)?;
        if self.chart.run != Some(id) {
            self.chart = self.chart.for_run(id);
        }
        Some(id)
    }

    /// The run view's cursor and zoom when they belong to the shown run.
    pub fn chart_view(&self) -> Option<&ChartView> {
        let id = self.group.get(self.selected)?;
        (self.chart.run == Some(*id)).then_some(&self.chart)
    }

    pub(super) fn update_seed_outcomes(&mut self) {
        let runs: Vec<&RunState> = self.group.iter().map(|id| &self.runs[id.0]).collect();
        let outcomes = stats::seed_outcomes(&runs);
        let overlay = if runs.len() > 1 {
            Overlay::of_family(&runs)
        } else {
            Overlay::default()
        };
        self.compare_chart.refresh(&runs);
        self.seed_outcomes = outcomes;
        self.overlay = overlay;
    }
}
