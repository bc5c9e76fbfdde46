//! The Experiments tab: the preset list, the seeds and steps to start with, and its keys.

pub mod estimate;
pub mod keys;
pub mod view;
pub mod words;

use crate::preset::Preset;
use crate::tui::base::Action;
use crate::tui::screens::picker::estimate::StartEstimate;

/// The preset the picker opens on.
pub const FIRST_PRESET: &str = "grokking";
/// The most seeds the picker offers (one worker thread each).
pub const MAX_SEEDS: u32 = 16;
/// Step counts the picker's [ / ] stay within.
pub const MIN_STEPS: u64 = 100;
pub const MAX_STEPS: u64 = 10_000_000;
/// Lines a PgUp / PgDn moves the description.
const PAGE: u16 = 10;

/// The experiment list and what will be started.
#[derive(Clone, Debug)]
pub struct Picker {
    /// Built-in presets in display order: grouped by figure.
    pub presets: Vec<Preset>,
    pub selected: usize,
    pub seeds: u32,
    pub steps: u64,
    /// Lines the description is scrolled down (PgDn / PgUp).
    pub scroll: u16,
    /// Finished runs' timings on this machine (read at start and on rescans).
    pub timings: Vec<crate::record::Timing>,
    /// How long the current choice will take (recomputed when the choice changes).
    pub estimate: Option<StartEstimate>,
}

/// What Enter on the picker asks of the app (starting runs is the app's business: it owns
/// the runner and the live group).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickerIntent {
    /// Start the picked preset's seeds (a grid: its first cell).
    Start,
    /// A grid: ask whether to run its whole sweep or its first cell.
    AskSweep,
}

impl Picker {
    /// Opens on the `grokking` preset (figure 2c, one run): what a newcomer came to see.
    pub fn new(mut presets: Vec<Preset>) -> Self {
        presets.sort_by_key(|p| figure_key(&p.figure));
        let selected = presets
            .iter()
            .position(|p| p.name == FIRST_PRESET)
            .unwrap_or(0);
        let mut p = Self {
            presets,
            selected,
            seeds: 1,
            steps: 0,
            scroll: 0,
            timings: Vec::new(),
            estimate: None,
        };
        p.reset_choices();
        p
    }

    /// The picker's keys: choices change here, Enter is handed to the app.
    pub fn on_action(&mut self, a: Action) -> Option<PickerIntent> {
        match a {
            Action::Up => self.select(-1),
            Action::Down => self.select(1),
            Action::MoreSeeds => self.seeds = (self.seeds + 1).min(MAX_SEEDS),
            Action::FewerSeeds => self.seeds = self.seeds.saturating_sub(1).max(1),
            Action::HalveSteps => self.steps = (self.steps / 2).max(MIN_STEPS),
            Action::DoubleSteps => self.steps = (self.steps * 2).min(MAX_STEPS),
            Action::PageDown => self.scroll = self.scroll.saturating_add(PAGE),
            Action::PageUp => self.scroll = self.scroll.saturating_sub(PAGE),
            Action::Enter if self.current().is_some_and(|p| p.sweep.is_some()) => {
                return Some(PickerIntent::AskSweep);
            }
            Action::Enter => return Some(PickerIntent::Start),
            _ => {}
        }
        if matches!(
            a,
            Action::MoreSeeds | Action::FewerSeeds | Action::HalveSteps | Action::DoubleSteps
        ) {
            self.update_estimate();
        }
        None
    }

    pub fn current(&self) -> Option<&Preset> {
        self.presets.get(self.selected)
    }

    /// The single run the picker would start for seed offset `k` (grids: their first cell);
    /// `None` past the largest seed.
    pub fn run_preset(&self, k: u32) -> Option<Preset> {
        let p = self.current()?;
        let seed = p.seed.checked_add(u64::from(k))?;
        let mut run = p.cells().remove(0).preset.with_seed(seed);
        run.training.steps = self.steps;
        Some(run)
    }

    /// The preset's own seeds and steps; a grid's seeds belong to its sweep, so one here.
    fn reset_choices(&mut self) {
        if let Some((seeds, steps)) = self.current().map(|p| {
            let seeds = if p.sweep.is_some() { 1 } else { p.seeds };
            (seeds, p.training.steps)
        }) {
            self.seeds = seeds.clamp(1, MAX_SEEDS);
            self.steps = steps;
        }
        self.update_estimate();
    }

    /// Recomputes the start estimate for the current choice.
    pub fn update_estimate(&mut self) {
        let grid = self.current().filter(|p| p.sweep.is_some());
        self.estimate = self
            .run_preset(0)
            .map(|run| StartEstimate::new(&run, self.seeds, &self.timings, grid));
    }

    /// The finished runs' timings as the disk watcher read them.
    pub fn set_timings(&mut self, timings: Vec<crate::record::Timing>) {
        self.timings = timings;
        self.update_estimate();
    }

    fn select(&mut self, delta: isize) {
        if self.presets.is_empty() {
            return;
        }
        let n = self.presets.len() as isize;
        self.selected = (self.selected as isize + delta).rem_euclid(n) as usize;
        self.scroll = 0;
        self.reset_choices();
    }
}

/// `"2c"` → `(2, "c")`: figures sort by number, then letter.
fn figure_key(f: &str) -> (u32, String) {
    let digits: String = f.chars().take_while(char::is_ascii_digit).collect();
    (
        digits.parse().unwrap_or(u32::MAX),
        f[digits.len()..].to_string(),
    )
}
