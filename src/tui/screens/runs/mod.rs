//! The Runs tab's state: the run directories found on disk, in the order and under the filter
//! the user chose, which of them are marked for comparison, and which is selected. The order
//! is worked out here when something changes, never while drawing. Its keys are handled here
//! too; what reaches beyond the tab (opening runs, reading the disk) goes back to the app.

pub mod keys;
mod settings;
pub mod view;
pub mod words;

use crate::record::RunEntry;
use crate::tui::base::Action;
use settings::{Filter, differing};
use std::collections::BTreeSet;
use std::path::PathBuf;
use words as s;

/// The column the list is sorted by (`s` cycles them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortBy {
    /// Newest launch first; the seeds of one launch together, by seed.
    #[default]
    Date,
    Name,
    Seed,
    /// Highest final val accuracy first.
    Val,
    Phase,
    /// Longest training first.
    Duration,
}

impl SortBy {
    const ALL: [SortBy; 6] = [
        SortBy::Date,
        SortBy::Name,
        SortBy::Seed,
        SortBy::Val,
        SortBy::Phase,
        SortBy::Duration,
    ];

    fn next(self) -> Self {
        let i = Self::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }
}

/// The Runs tab.
#[derive(Clone, Debug, Default)]
pub struct RunsList {
    pub entries: Vec<RunEntry>,
    /// Indices into `entries`: the rows shown, in order (filtered and sorted).
    pub order: Vec<usize>,
    /// The selected row (an index into `order`).
    pub selected: usize,
    pub error: Option<String>,
    pub sort: SortBy,
    /// The sort column's order is turned round (`S`): oldest, lowest or shortest first.
    pub reversed: bool,
    /// Rows whose name contains this (case-insensitive) are shown.
    pub filter: String,
    /// `/` was pressed: typed characters go to the filter.
    pub editing_filter: bool,
    /// Directories marked (Space) for comparison; kept across rescans.
    pub marked: BTreeSet<PathBuf>,
    /// The settings whose values differ between the shown rows (seed aside: it has its own
    /// column), in the preset's order: the table's extra columns.
    pub differing: Vec<&'static str>,
}

/// A run this process trains, as the status column tells it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrainedHere {
    pub dir: PathBuf,
    pub paused: bool,
}

/// The runs this process trains and the cores they share: every run that is not paused gets
/// about an equal share of the `cores` (each computes on a pool of its own of that size).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Here {
    pub runs: Vec<TrainedHere>,
    pub cores: usize,
}

impl Here {
    /// How many of them train (are not paused).
    pub fn training(&self) -> usize {
        self.runs.iter().filter(|r| !r.paused).count()
    }

    /// The run training here in directory `dir`.
    pub fn get(&self, dir: &std::path::Path) -> Option<&TrainedHere> {
        self.runs.iter().find(|r| r.dir == dir)
    }
}

/// What a key on the Runs tab asks of the app.
#[derive(Clone, Debug, PartialEq)]
pub enum RunsIntent {
    Back,
    Rescan,
    /// Enter: resume the run, or show it read-only.
    Open(Box<RunEntry>),
    /// `c`: these runs side by side (one: its own view).
    Compare(Vec<RunEntry>),
    /// `i`: the overview of the selected run (every fact and setting).
    Inspect(PathBuf),
    /// Something to tell the person (the notice line and the message log).
    Say(String),
}

impl RunsList {
    /// The tab's keys while no filter is typed.
    pub fn on_action(&mut self, a: Action) -> Option<RunsIntent> {
        match a {
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::ToggleMark => self.toggle_mark(),
            Action::CycleSort => self.cycle_sort(),
            Action::ReverseSort => self.reverse_sort(),
            Action::Filter => self.editing_filter = true,
            Action::Rescan => return Some(RunsIntent::Rescan),
            Action::Back => return Some(RunsIntent::Back),
            Action::DiffMarked => return Some(RunsIntent::Say(self.diff_marked())),
            Action::CompareMarked => {
                let entries = self.to_compare();
                return (!entries.is_empty()).then_some(RunsIntent::Compare(entries));
            }
            Action::Inspect => {
                return self
                    .selected_entry()
                    .map(|e| RunsIntent::Inspect(e.path.clone()));
            }
            Action::Enter => {
                return self
                    .selected_entry()
                    .map(|e| RunsIntent::Open(Box::new(e.clone())));
            }
            _ => {}
        }
        None
    }

    /// The keys while the filter is typed: Enter keeps it, Esc clears it, Ctrl-C ends the
    /// typing and is handed on (true).
    pub fn on_filter(&mut self, a: Action) -> bool {
        match a {
            Action::DeleteChar => self.pop_filter(),
            Action::Enter => self.editing_filter = false,
            Action::Back => self.clear_filter(),
            Action::Interrupt => {
                self.editing_filter = false;
                return true;
            }
            _ => {}
        }
        false
    }

    /// New entries from a scan; the selection stays on the same directory where it can.
    pub fn set_entries(&mut self, entries: Vec<RunEntry>) {
        let keep = self.selected_entry().map(|e| e.path.clone());
        self.entries = entries;
        self.error = None;
        self.marked
            .retain(|p| self.entries.iter().any(|e| &e.path == p));
        self.reorder(keep);
    }

    /// The listed entry of run directory `path`, if it is still listed.
    pub fn entry(&self, path: &std::path::Path) -> Option<&RunEntry> {
        self.entries.iter().find(|e| e.path == path)
    }

    /// The entry on the selected row.
    pub fn selected_entry(&self) -> Option<&RunEntry> {
        self.order.get(self.selected).map(|&i| &self.entries[i])
    }

    /// The shown rows' entries, in order.
    pub fn rows(&self) -> impl Iterator<Item = &RunEntry> {
        self.order.iter().map(|&i| &self.entries[i])
    }

    pub fn move_by(&mut self, delta: isize) {
        let n = self.order.len();
        if n > 0 {
            self.selected = (self.selected as isize + delta).rem_euclid(n as isize) as usize;
        }
    }

    /// Selects row `row` of the shown list (a mouse click); false when there is none.
    pub fn select_row(&mut self, row: usize) -> bool {
        let ok = row < self.order.len();
        if ok {
            self.selected = row;
        }
        ok
    }

    pub fn cycle_sort(&mut self) {
        self.sort = self.sort.next();
        let keep = self.selected_entry().map(|e| e.path.clone());
        self.reorder(keep);
    }

    /// Turns the sort column's order round, keeping the selected run selected.
    pub fn reverse_sort(&mut self) {
        self.reversed = !self.reversed;
        let keep = self.selected_entry().map(|e| e.path.clone());
        self.reorder(keep);
    }

    /// Marks the selected run for comparison, or unmarks it, and moves down a row.
    pub fn toggle_mark(&mut self) {
        let Some(path) = self.selected_entry().map(|e| e.path.clone()) else {
            return;
        };
        if !self.marked.remove(&path) {
            self.marked.insert(path);
        }
        if self.selected + 1 < self.order.len() {
            self.selected += 1;
        }
    }

    pub fn is_marked(&self, e: &RunEntry) -> bool {
        self.marked.contains(&e.path)
    }

    /// What `c` compares: the marked runs; with none marked, every seed of the selected
    /// run's launch. In the list's order.
    pub fn to_compare(&self) -> Vec<RunEntry> {
        let chosen: Vec<RunEntry> = if self.marked.is_empty() {
            let Some(launch) = self.selected_entry().map(|e| e.launch.clone()) else {
                return Vec::new();
            };
            self.entries
                .iter()
                .filter(|e| e.launch == launch)
                .cloned()
                .collect()
        } else {
            self.entries
                .iter()
                .filter(|e| self.marked.contains(&e.path))
                .cloned()
                .collect()
        };
        let mut chosen = chosen;
        chosen.sort_by_key(|e| (e.launch.clone(), e.seed));
        chosen
    }

    pub fn push_filter(&mut self, c: char) {
        self.filter.push(c);
        self.reorder(None);
    }

    pub fn pop_filter(&mut self) {
        self.filter.pop();
        self.reorder(None);
    }

    pub fn clear_filter(&mut self) {
        self.filter.clear();
        self.editing_filter = false;
        self.reorder(None);
    }

    /// True when row `row` belongs to the same launch as the row above it (drawn as one
    /// group while the list is in date order).
    pub fn continues_launch(&self, row: usize) -> bool {
        self.sort == SortBy::Date
            && row > 0
            && self.entries[self.order[row]].launch == self.entries[self.order[row - 1]].launch
    }

    /// `d`: how the two marked runs' settings differ, in words.
    fn diff_marked(&self) -> String {
        let marked: Vec<&RunEntry> = (self.entries.iter())
            .filter(|e| self.marked.contains(&e.path))
            .collect();
        let [a, b] = marked[..] else {
            return s::DIFF_NEEDS_TWO.to_string();
        };
        let changes: Vec<String> = (a.settings.iter())
            .filter_map(|(k, va)| {
                let vb = b.settings.iter().find(|(kb, _)| kb == k).map(|(_, v)| v)?;
                (va != vb).then(|| s::setting_change(k, va, vb))
            })
            .collect();
        s::diff(&a.short_name, &b.short_name, &changes)
    }

    fn reorder(&mut self, keep: Option<PathBuf>) {
        let filter = Filter::parse(&self.filter);
        let mut order: Vec<usize> = (0..self.entries.len())
            .filter(|&i| filter.matches(&self.entries[i]))
            .collect();
        let e = &self.entries;
        // The sort column decides, reversed with `S`; ties keep a launch's seeds in order.
        let primary = |a: usize, b: usize| match self.sort {
            SortBy::Date => (&e[b].started, &e[b].launch).cmp(&(&e[a].started, &e[a].launch)),
            SortBy::Name => e[a].name.cmp(&e[b].name),
            SortBy::Seed => e[a].seed.cmp(&e[b].seed),
            SortBy::Val => {
                let v = |i: usize| e[i].val_acc.unwrap_or(f32::NEG_INFINITY);
                v(b).total_cmp(&v(a))
            }
            SortBy::Phase => e[a].phase.cmp(&e[b].phase),
            SortBy::Duration => {
                let d = |i: usize| e[i].train_secs.unwrap_or(-1.0);
                d(b).total_cmp(&d(a))
            }
        };
        let reversed = self.reversed;
        order.sort_by(|&a, &b| {
            let first = primary(a, b);
            let first = if reversed { first.reverse() } else { first };
            first.then_with(|| (e[a].seed, &e[a].name).cmp(&(e[b].seed, &e[b].name)))
        });
        self.order = order;
        self.differing = differing(&self.rows().collect::<Vec<_>>());
        self.selected = keep
            .and_then(|p| self.rows().position(|e| e.path == p))
            .unwrap_or(self.selected)
            .min(self.order.len().saturating_sub(1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, seed: u64, val: f32, secs: f64) -> RunEntry {
        let parsed = crate::record::parse_run_name(name);
        RunEntry {
            path: PathBuf::from(format!("runs/{name}")),
            name: name.into(),
            preset: "grokking".into(),
            total_steps: Some(1000),
            step: Some(1000),
            phase: "grokking".into(),
            checkpoint: None,
            writer: None,
            seed: Some(seed),
            val_acc: Some(val),
            train_secs: Some(secs),
            launch: parsed.launch,
            started: parsed.started,
            short_name: parsed.short,
            unreadable: Vec::new(),
            settings: vec![
                (
                    "d_model",
                    if name.starts_with("old") { "32" } else { "64" }.into(),
                ),
                ("seed", seed.to_string()),
            ],
        }
    }

    fn list() -> RunsList {
        let mut l = RunsList::default();
        l.set_entries(vec![
            entry("grokking-20261129-100000-s1", 1, 0.5, 30.0),
            entry("old-20261128-100000", 0, 0.9, 10.0),
            entry("grokking-20261129-100000-s0", 0, 0.2, 20.0),
        ]);
        l
    }

    fn names(l: &RunsList) -> Vec<&str> {
        l.rows().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn date_order_keeps_a_launch_together_by_seed() {
        let l = list();
        assert_eq!(
            names(&l),
            [
                "grokking-20261129-100000-s0",
                "grokking-20261129-100000-s1",
                "old-20261128-100000"
            ]
        );
        assert!(l.continues_launch(1));
        assert!(!l.continues_launch(2));
    }

    #[test]
    fn sort_cycles_and_keeps_the_selection() {
        let mut l = list();
        l.move_by(2); // old-…
        l.cycle_sort(); // name
        l.cycle_sort(); // seed
        l.cycle_sort(); // val
        assert_eq!(l.sort, SortBy::Val);
        assert_eq!(names(&l)[0], "old-20261128-100000");
        assert_eq!(l.selected_entry().unwrap().name, "old-20261128-100000");
        l.cycle_sort(); // phase
        l.cycle_sort(); // duration
        assert_eq!(names(&l)[0], "grokking-20261129-100000-s1");
        l.cycle_sort();
        assert_eq!(l.sort, SortBy::Date);
    }

    #[test]
    fn reversing_the_sort_turns_the_launches_round_and_keeps_seeds_in_order() {
        let mut l = list();
        l.move_by(1); // grokking s1
        l.reverse_sort();
        assert_eq!(
            names(&l),
            [
                "old-20261128-100000",
                "grokking-20261129-100000-s0",
                "grokking-20261129-100000-s1"
            ]
        );
        assert_eq!(l.selected_entry().unwrap().seed, Some(1));
        assert!(l.continues_launch(2));
        l.cycle_sort(); // name, still reversed
        assert_eq!(names(&l)[0], "old-20261128-100000");
        l.reverse_sort();
        assert_eq!(names(&l)[0], "grokking-20261129-100000-s0");
    }

    #[test]
    fn filter_marks_and_what_c_compares() {
        let mut l = list();
        // Nothing marked: the selected run's whole launch.
        let launch: Vec<_> = l.to_compare().iter().map(|e| e.seed).collect();
        assert_eq!(launch, [Some(0), Some(1)]);
        for c in "OLD".chars() {
            l.push_filter(c);
        }
        assert_eq!(names(&l), ["old-20261128-100000"]);
        l.toggle_mark();
        l.clear_filter();
        assert_eq!(l.order.len(), 3);
        l.selected = 0;
        l.toggle_mark();
        let marked: Vec<_> = l.to_compare().into_iter().map(|e| e.name).collect();
        assert_eq!(
            marked,
            ["grokking-20261129-100000-s0", "old-20261128-100000"]
        );
        // A rescan that loses a directory forgets its mark.
        l.set_entries(l.entries[..2].to_vec());
        assert_eq!(l.marked.len(), 1);
    }

    #[test]
    fn settings_that_differ_become_columns_a_filter_and_a_diff() {
        let mut l = list();
        assert_eq!(l.differing, ["d_model"], "seed has its own column");
        for c in "d_model=32".chars() {
            l.push_filter(c);
        }
        assert_eq!(names(&l), ["old-20261128-100000"]);
        assert!(l.differing.is_empty(), "one row: nothing differs");
        l.clear_filter();
        for c in "grokking d_model=64".chars() {
            l.push_filter(c);
        }
        assert_eq!(names(&l).len(), 2);
        l.clear_filter();
        assert_eq!(
            l.on_action(Action::DiffMarked),
            Some(RunsIntent::Say(s::DIFF_NEEDS_TWO.into()))
        );
        l.selected = 1;
        l.toggle_mark();
        l.toggle_mark();
        let Some(RunsIntent::Say(text)) = l.on_action(Action::DiffMarked) else {
            panic!()
        };
        assert_eq!(text, "grokking-s1 → old: d_model 64 → 32 · seed 1 → 0");
    }
}
