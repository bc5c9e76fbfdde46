//! The state of the whole UI and the one place that changes it: `App::update`.

use super::disk_view::DiskView;
use super::keys::KeyContext;
use super::msg::{Action, Msg};
use super::picker_estimate::StartEstimate;
use super::run_state::{RunState, Status};
use super::runner::Runner;
use super::strings as s;
use super::sweep_disk;
use super::sweep_state::SweepScreen;
use super::theme::Theme;
use crate::preset::Preset;
use crate::record::{self, RunEntry, SweepEntry};
use crate::worker::{Control, Event, Launch, RunId};
use std::path::PathBuf;

/// The screens, in Tab order (the live one is Run or Compare, whichever the group needs;
/// an opened sweep shares the Sweeps tab).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Picker,
    Runs,
    Sweeps,
    Sweep,
    Run,
    Compare,
}

/// Popups drawn over the screen; they take the keys while open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Popup {
    /// This screen's keys and what the symbols mean; `scroll` counts lines from the top.
    Help { scroll: usize },
    /// The message log; `scroll` counts lines back from the newest.
    Log { scroll: usize },
    /// The quit question; `choice` indexes `strings::QUIT_CHOICES`.
    Quit { choice: usize },
}

/// The preset the picker opens on.
pub const FIRST_PRESET: &str = "grokking";
/// The most seeds the picker offers (one worker thread each).
pub const MAX_SEEDS: u32 = 16;
/// Step counts the picker's [ / ] stay within.
pub const MIN_STEPS: u64 = 100;
pub const MAX_STEPS: u64 = 10_000_000;

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
        self.estimate = self
            .run_preset(0)
            .map(|run| StartEstimate::new(&run, self.seeds, &self.timings));
    }

    /// Reads the finished runs' timings under `runs_dir` (none when unreadable: the estimate
    /// then says it comes from the cost model).
    pub fn read_timings(&mut self, runs_dir: &std::path::Path) {
        self.timings = crate::record::read_timings(runs_dir).unwrap_or_default();
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

/// The Runs tab: directories found on disk.
#[derive(Clone, Debug, Default)]
pub struct DiskList {
    pub entries: Vec<RunEntry>,
    pub selected: usize,
    pub error: Option<String>,
}

/// The Sweeps tab: sweep directories found on disk.
#[derive(Clone, Debug, Default)]
pub struct SweepList {
    pub entries: Vec<SweepEntry>,
    pub selected: usize,
    pub error: Option<String>,
}

pub struct App {
    pub screen: Screen,
    pub picker: Picker,
    pub disk: DiskList,
    pub runs_dir: PathBuf,
    /// Where sweep directories are looked for (see [`App::with_sweeps_dir`]).
    pub sweeps_dir: PathBuf,
    pub sweeps: SweepList,
    /// The opened sweep (the sweep screen); it stays open behind the Sweeps tab until Esc.
    pub sweep: Option<SweepScreen>,
    /// Every run started in this session; `RunId(i)` is `runs[i]`.
    pub runs: Vec<RunState>,
    /// The runs on the live screen (the seeds of one start, or one resumed run).
    pub group: Vec<RunId>,
    /// Runs opened from disk without a worker (read-only; followed while another process
    /// trains them).
    pub views: Vec<DiskView>,
    /// Which of `group` is selected (compare view) or shown (run view).
    pub selected: usize,
    pub log_x: bool,
    /// Run and compare views show the circuit progress measures (key `f`).
    pub show_circuits: bool,
    pub popup: Option<Popup>,
    pub notice: Option<String>,
    /// Every notice, checkpoint, phase event and verdict of the session, oldest first.
    pub log: Vec<String>,
    /// Where Esc goes from the live run or compare screen: where it was opened from.
    back: Screen,
    /// The live group's per-seed outcomes in words (`stats::seed_outcomes`), kept current
    /// as its runs report.
    pub seed_outcomes: String,
    /// Ticks left before the notice goes.
    notice_ticks: u32,
    /// Runs were asked to stop; quit once none is active.
    pub quitting: bool,
    pub should_quit: bool,
    pub theme: Theme,
    runner: Box<dyn Runner>,
}

/// How long a notice stays (ticks of ~100 ms).
const NOTICE_TICKS: u32 = 80;
/// Lines a PgUp / PgDn moves.
const PAGE: u16 = 10;

impl App {
    pub fn new(
        presets: Vec<Preset>,
        runs_dir: PathBuf,
        runner: Box<dyn Runner>,
        theme: Theme,
    ) -> Self {
        Self {
            screen: Screen::Picker,
            picker: {
                let mut p = Picker::new(presets);
                p.read_timings(&runs_dir);
                p
            },
            disk: DiskList::default(),
            sweeps_dir: sweep_disk::default_sweeps_dir(&runs_dir),
            sweeps: SweepList::default(),
            sweep: None,
            runs_dir,
            runs: Vec::new(),
            views: Vec::new(),
            group: Vec::new(),
            selected: 0,
            log_x: false,
            show_circuits: false,
            popup: None,
            notice: None,
            log: Vec::new(),
            back: Screen::Picker,
            seed_outcomes: String::new(),
            notice_ticks: 0,
            quitting: false,
            should_quit: false,
            theme,
            runner,
        }
    }

    /// Looks for sweeps in `dir` instead of the runs folder's sibling `sweeps`.
    #[must_use]
    pub fn with_sweeps_dir(mut self, dir: PathBuf) -> Self {
        self.sweeps_dir = dir;
        self
    }

    /// The only function that changes the state.
    pub fn update(&mut self, msg: Msg) {
        match msg {
            Msg::Tick => {
                self.notice_ticks = self.notice_ticks.saturating_sub(1);
                if self.notice_ticks == 0 {
                    self.notice = None;
                }
                for view in &mut self.views {
                    view.tick(&mut self.runs[view.id.0]);
                }
                // The open sweep fills in as cells finish (read at most once a second).
                if self.screen == Screen::Sweep
                    && let Some(sw) = &mut self.sweep
                {
                    sw.tick();
                }
            }
            Msg::Worker(e) => self.on_event(e),
            Msg::ClickTab(i) if self.popup.is_none() => {
                let delta = i as isize - self.tab_index() as isize;
                if delta != 0 {
                    self.cycle_screen(delta);
                }
            }
            Msg::ClickTab(_) => {}
            Msg::Scroll { up } => {
                self.update(Msg::Action(if up { Action::Up } else { Action::Down }))
            }
            Msg::Action(a) => match self.popup {
                Some(Popup::Help { .. } | Popup::Log { .. }) if a == Action::Interrupt => {
                    self.popup = None;
                    self.on_action(a);
                }
                Some(Popup::Help { scroll }) => self.on_help_popup(a, scroll),
                Some(Popup::Log { scroll }) => self.on_log_popup(a, scroll),
                Some(Popup::Quit { choice }) => self.on_quit_popup(a, choice),
                None => self.on_action(a),
            },
        }
    }

    fn on_event(&mut self, e: Event) {
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
        if self.group.contains(&id) {
            self.update_seed_outcomes();
        }
        if self.quitting && self.active_count() == 0 {
            self.should_quit = true;
        }
    }

    fn on_action(&mut self, a: Action) {
        match a {
            Action::Help => self.popup = Some(Popup::Help { scroll: 0 }),
            Action::Log => self.popup = Some(Popup::Log { scroll: 0 }),
            Action::Quit | Action::Interrupt => {
                if self.quitting {
                    return;
                }
                if self.active_count() > 0 {
                    self.popup = Some(Popup::Quit { choice: 0 });
                } else {
                    self.should_quit = true;
                }
            }
            Action::NextScreen => self.cycle_screen(1),
            Action::PrevScreen => self.cycle_screen(-1),
            Action::ToggleLogX => self.log_x = !self.log_x,
            Action::ToggleCircuits => self.show_circuits = !self.show_circuits,
            Action::TogglePause => self.toggle_pause(),
            Action::Checkpoint => self.checkpoint(),
            _ => match self.screen {
                Screen::Picker => self.on_picker(a),
                Screen::Runs => self.on_runs(a),
                Screen::Sweeps => self.on_sweeps(a),
                Screen::Sweep => self.on_sweep(a),
                Screen::Run => {
                    if a == Action::Back {
                        self.screen = if self.group.len() > 1 {
                            Screen::Compare
                        } else {
                            self.back
                        };
                    }
                }
                Screen::Compare => self.on_compare(a),
            },
        }
    }

    fn on_picker(&mut self, a: Action) {
        let p = &mut self.picker;
        match a {
            Action::Up => p.select(-1),
            Action::Down => p.select(1),
            Action::MoreSeeds => p.seeds = (p.seeds + 1).min(MAX_SEEDS),
            Action::FewerSeeds => p.seeds = p.seeds.saturating_sub(1).max(1),
            Action::HalveSteps => p.steps = (p.steps / 2).max(MIN_STEPS),
            Action::DoubleSteps => p.steps = (p.steps * 2).min(MAX_STEPS),
            Action::PageDown => p.scroll = p.scroll.saturating_add(PAGE),
            Action::PageUp => p.scroll = p.scroll.saturating_sub(PAGE),
            Action::Enter => self.start_picked(),
            _ => {}
        }
        if matches!(
            a,
            Action::MoreSeeds | Action::FewerSeeds | Action::HalveSteps | Action::DoubleSteps
        ) {
            self.picker.update_estimate();
        }
    }

    fn on_runs(&mut self, a: Action) {
        let n = self.disk.entries.len();
        match a {
            Action::Up | Action::Down if n > 0 => {
                self.disk.selected = wrap_step(self.disk.selected, n, a)
            }
            Action::Rescan => self.rescan(),
            Action::Back => self.screen = Screen::Picker,
            Action::Enter => {
                if let Some(entry) = self.disk.entries.get(self.disk.selected).cloned() {
                    // Two workers must never write one directory: show the live one instead.
                    let live = self.runs.iter().position(|r| {
                        r.status.is_active() && r.dir.as_deref() == Some(&entry.path)
                    });
                    if let Some(i) = live {
                        if let Some(k) = self.group.iter().position(|id| id.0 == i) {
                            self.selected = k;
                            self.screen = Screen::Run;
                        }
                        self.set_notice(s::ALREADY_TRAINING.to_string());
                        return;
                    }
                    // Finished, failed, or trained by another process: a read-only view.
                    let stopped_short = entry
                        .checkpoint
                        .zip(entry.total_steps)
                        .is_some_and(|(c, t)| c < t);
                    let failed = matches!(entry.phase.as_str(), "failed" | "diverged");
                    if entry.writer.is_some() || !stopped_short || failed {
                        self.open_view(&entry);
                        return;
                    }
                    self.replace_group();
                    let id = self.add_run(
                        format!("{} · {}", entry.preset, entry.name),
                        0,
                        entry.total_steps.unwrap_or(0),
                    );
                    self.runner.start(
                        id,
                        Launch::Resume {
                            dir: entry.path.clone(),
                            steps: None,
                        },
                    );
                    self.group = vec![id];
                    self.selected = 0;
                    self.screen = Screen::Run;
                    self.back = Screen::Runs;
                    self.set_notice(s::resuming(&entry.name));
                }
            }
            _ => {}
        }
    }

    fn on_sweeps(&mut self, a: Action) {
        let n = self.sweeps.entries.len();
        match a {
            Action::Up | Action::Down if n > 0 => {
                self.sweeps.selected = wrap_step(self.sweeps.selected, n, a)
            }
            Action::Rescan => self.rescan_sweeps(),
            Action::Back => self.screen = Screen::Picker,
            Action::Enter => {
                let Some(entry) = self.sweeps.entries.get(self.sweeps.selected) else {
                    return;
                };
                match SweepScreen::open(&entry.path) {
                    Ok(sw) => {
                        self.sweep = Some(sw);
                        self.screen = Screen::Sweep;
                    }
                    Err(e) => self.set_notice(e),
                }
            }
            _ => {}
        }
    }

    fn on_sweep(&mut self, a: Action) {
        if a == Action::Back {
            self.sweep = None;
            self.rescan_sweeps();
            self.screen = Screen::Sweeps;
            return;
        }
        let Some(sw) = &mut self.sweep else {
            return;
        };
        match a {
            Action::Left => sw.move_by(-1, 0),
            Action::Right => sw.move_by(1, 0),
            Action::Up => sw.move_by(0, 1),
            Action::Down => sw.move_by(0, -1),
            Action::MoreSeeds => sw.cycle_seed(1),
            Action::FewerSeeds => sw.cycle_seed(-1),
            Action::DoubleSteps => sw.cycle_slice(1),
            Action::HalveSteps => sw.cycle_slice(-1),
            Action::Rescan => sw.reload(),
            // No figure yet: say why instead of doing nothing.
            Action::NextFigure if !sw.next_figure() => self.set_notice(s::NO_FIGURE_YET.into()),
            _ => {}
        }
    }

    fn on_compare(&mut self, a: Action) {
        let n = self.group.len();
        if n == 0 {
            return;
        }
        match a {
            Action::Left | Action::Up | Action::Right | Action::Down => {
                self.selected = wrap_step(self.selected, n, a);
            }
            Action::Enter => self.screen = Screen::Run,
            Action::Back => self.screen = self.back,
            _ => {}
        }
    }

    fn on_help_popup(&mut self, a: Action, scroll: usize) {
        self.popup = match a {
            Action::Back => None,
            Action::Up => Some(Popup::Help {
                scroll: scroll.saturating_sub(1),
            }),
            Action::Down => Some(Popup::Help { scroll: scroll + 1 }),
            _ => return,
        };
    }

    fn on_log_popup(&mut self, a: Action, scroll: usize) {
        let last = self.log.len().saturating_sub(1);
        let scroll = match a {
            Action::Up => scroll + 1,
            Action::Down => scroll.saturating_sub(1),
            Action::PageUp => scroll + usize::from(PAGE),
            Action::PageDown => scroll.saturating_sub(usize::from(PAGE)),
            Action::Home => last,
            Action::End => 0,
            Action::Back => {
                self.popup = None;
                return;
            }
            _ => scroll,
        };
        self.popup = Some(Popup::Log {
            scroll: scroll.min(last),
        });
    }

    fn on_quit_popup(&mut self, a: Action, choice: usize) {
        let pick = match a {
            Action::Left | Action::Up => {
                self.popup = Some(Popup::Quit {
                    choice: (choice + 2) % 3,
                });
                return;
            }
            Action::Right | Action::Down | Action::NextScreen => {
                self.popup = Some(Popup::Quit {
                    choice: (choice + 1) % 3,
                });
                return;
            }
            Action::Enter => choice,
            Action::Checkpoint => 0,
            Action::Quit | Action::Interrupt => 1,
            Action::Back => 2,
            _ => return,
        };
        self.popup = None;
        if pick == 2 {
            return;
        }
        self.stop_and_quit(pick == 0);
    }

    /// A signal asked the program to end: every run stops with a checkpoint, then the UI quits.
    pub fn stop_all_and_quit(&mut self) {
        self.popup = None;
        self.stop_and_quit(true);
    }

    fn stop_and_quit(&mut self, checkpoint: bool) {
        for id in self.active_ids() {
            self.runner.send(id, Control::Stop { checkpoint });
        }
        self.quitting = true;
        self.set_notice(s::SAVING.to_string());
        if self.active_count() == 0 {
            self.should_quit = true;
        }
    }

    /// Starts the picked experiment: one run, or one per seed side by side.
    fn start_picked(&mut self) {
        let Some(name) = self.picker.current().map(|p| p.name.clone()) else {
            return;
        };
        self.replace_group();
        let mut ids = Vec::new();
        for k in 0..self.picker.seeds {
            let Some(preset) = self.picker.run_preset(k) else {
                return;
            };
            let id = self.add_run(
                format!("{} · seed {}", preset.name, preset.seed),
                preset.seed,
                preset.training.steps,
            );
            self.runner.start(
                id,
                Launch::New {
                    preset,
                    runs_root: self.runs_dir.clone(),
                    dir: None,
                },
            );
            ids.push(id);
        }
        self.set_notice(s::started(ids.len(), &name));
        self.back = Screen::Picker;
        self.screen = if ids.len() > 1 {
            Screen::Compare
        } else {
            Screen::Run
        };
        self.group = ids;
        self.selected = 0;
        self.update_seed_outcomes();
    }

    /// Stops the live group's active runs with a checkpoint before a new group takes the screen.
    fn replace_group(&mut self) {
        let active: Vec<RunId> = self
            .group
            .iter()
            .copied()
            .filter(|id| self.drives(*id))
            .collect();
        for &id in &active {
            self.runner.send(id, Control::Stop { checkpoint: true });
        }
        if !active.is_empty() {
            self.set_notice(s::replaced(active.len()));
        }
    }

    /// Shows a run from its files, without a worker (see [`DiskView`]).
    fn open_view(&mut self, entry: &RunEntry) {
        self.replace_group();
        let id = RunId(self.runs.len());
        let (view, run) = DiskView::open(id, entry);
        let notice = s::viewing(&entry.name, entry.writer.as_ref().map(ToString::to_string));
        self.runs.push(run);
        self.views.push(view);
        self.group = vec![id];
        self.selected = 0;
        self.screen = Screen::Run;
        self.set_notice(notice);
    }

    fn add_run(&mut self, label: String, seed: u64, total: u64) -> RunId {
        let id = RunId(self.runs.len());
        self.runs.push(RunState::new(id, label, seed, total));
        id
    }

    /// The runs a control key acts on: the shown run, or all seeds in the compare view.
    fn targets(&self) -> Vec<RunId> {
        match self.screen {
            Screen::Compare => self.group.clone(),
            Screen::Run => self.group.get(self.selected).copied().into_iter().collect(),
            Screen::Picker | Screen::Runs | Screen::Sweeps | Screen::Sweep => Vec::new(),
        }
    }

    fn toggle_pause(&mut self) {
        let ids: Vec<RunId> = self
            .targets()
            .into_iter()
            .filter(|&id| self.drives(id))
            .collect();
        if ids.is_empty() {
            return;
        }
        // Pause all unless all are already paused.
        let pause = ids.iter().any(|id| !self.runs[id.0].want_paused);
        for id in ids {
            self.runs[id.0].want_paused = pause;
            let c = if pause {
                Control::Pause
            } else {
                Control::Resume
            };
            self.runner.send(id, c);
        }
    }

    fn checkpoint(&mut self) {
        let ids: Vec<RunId> = self
            .targets()
            .into_iter()
            .filter(|&id| self.drives(id))
            .collect();
        if ids.is_empty() {
            return;
        }
        for id in ids {
            self.runner.send(id, Control::Checkpoint);
        }
        self.set_notice(s::CHECKPOINT_ASKED.to_string());
    }

    fn cycle_screen(&mut self, delta: isize) {
        let live = if self.group.len() > 1 {
            Some(Screen::Compare)
        } else if self.group.len() == 1 {
            Some(Screen::Run)
        } else {
            None
        };
        let mut order = vec![Screen::Picker, Screen::Runs, Screen::Sweeps];
        order.extend(live);
        let here = match self.screen {
            Screen::Run | Screen::Compare => 3,
            Screen::Picker => 0,
            Screen::Runs => 1,
            Screen::Sweeps | Screen::Sweep => 2,
        }
        .min(order.len() - 1);
        let next = order[(here as isize + delta).rem_euclid(order.len() as isize) as usize];
        self.screen = match next {
            Screen::Runs => {
                self.rescan();
                next
            }
            // An open sweep stays open behind its tab until Esc closes it.
            Screen::Sweeps if self.sweep.is_some() => Screen::Sweep,
            Screen::Sweeps => {
                self.rescan_sweeps();
                next
            }
            _ => next,
        };
    }

    /// Reads the sweep directories again (I/O here, in update, never in draw).
    pub fn rescan_sweeps(&mut self) {
        match record::scan_sweeps(&self.sweeps_dir) {
            Ok(entries) => {
                self.sweeps.selected = self.sweeps.selected.min(entries.len().saturating_sub(1));
                self.sweeps.entries = entries;
                self.sweeps.error = None;
            }
            Err(e) => {
                self.sweeps.error =
                    Some(s::scan_error(&self.sweeps_dir.display().to_string(), &e.0));
            }
        }
    }

    /// Reads the run directories again (I/O here, in update, never in draw).
    pub fn rescan(&mut self) {
        match record::scan_runs(&self.runs_dir) {
            Ok(entries) => {
                self.disk.selected = self.disk.selected.min(entries.len().saturating_sub(1));
                self.disk.entries = entries;
                self.disk.error = None;
            }
            Err(e) => {
                self.disk.error = Some(s::scan_error(&self.runs_dir.display().to_string(), &e.0));
            }
        }
    }

    /// Shows `text` for a few seconds in the tab row and keeps it in the message log.
    fn set_notice(&mut self, text: String) {
        self.log.push(text.clone());
        self.notice = Some(text);
        self.notice_ticks = NOTICE_TICKS;
    }

    fn active_ids(&self) -> Vec<RunId> {
        self.runs
            .iter()
            .filter(|r| self.drives(r.id))
            .map(|r| r.id)
            .collect()
    }

    /// Runs with a live worker.
    pub fn active_count(&self) -> usize {
        self.active_ids().len()
    }

    /// True when run `id` has a live worker of this process. A run followed read-only while
    /// another process trains it looks active too, but nothing here can pause, checkpoint or
    /// stop it, and quitting must not wait for it.
    fn drives(&self, id: RunId) -> bool {
        self.runs[id.0].status.is_active() && !self.views.iter().any(|v| v.id == id)
    }

    fn update_seed_outcomes(&mut self) {
        let runs: Vec<&RunState> = self.group_runs().collect();
        self.seed_outcomes = super::stats::seed_outcomes(&runs);
    }

    /// What this session ran, printed after the terminal is restored: each run's verdict
    /// and directory, and how to continue one that did not finish.
    pub fn exit_report(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for run in &self.runs {
            let Some(dir) = &run.dir else { continue };
            let dir = dir.display().to_string();
            lines.push(s::exit_run(
                &run.label,
                run.verdict_word(),
                &crate::human::steps(run.step),
                &crate::human::steps(run.total_steps),
                &dir,
            ));
            if !matches!(run.status, Status::Finished { completed: true }) {
                lines.push(s::exit_resume(&dir));
            }
        }
        lines
    }

    /// The index of the shown screen's tab.
    pub fn tab_index(&self) -> usize {
        match self.screen {
            Screen::Picker => 0,
            Screen::Runs => 1,
            Screen::Sweeps | Screen::Sweep => 2,
            Screen::Run | Screen::Compare => 3,
        }
    }

    /// Where keys go now: the open popup, else the screen.
    pub fn key_context(&self) -> KeyContext {
        match self.popup {
            Some(Popup::Help { .. }) => KeyContext::Help,
            Some(Popup::Log { .. }) => KeyContext::Log,
            Some(Popup::Quit { .. }) => KeyContext::Quit,
            None => KeyContext::Screen(self.screen),
        }
    }

    /// The run the run view shows.
    pub fn shown_run(&self) -> Option<&RunState> {
        self.group.get(self.selected).map(|id| &self.runs[id.0])
    }

    /// The runs of the live group, in order.
    pub fn group_runs(&self) -> impl Iterator<Item = &RunState> {
        self.group.iter().map(|id| &self.runs[id.0])
    }

    /// True when every active run of the group is paused.
    pub fn group_paused(&self) -> bool {
        let mut active = self
            .group_runs()
            .filter(|r| r.status.is_active())
            .peekable();
        active.peek().is_some() && active.all(|r| r.status == Status::Paused)
    }
}

/// The next selection in a wrapping list of `n > 0` items: back for Up/Left, on otherwise.
fn wrap_step(selected: usize, n: usize, a: Action) -> usize {
    match a {
        Action::Up | Action::Left => (selected + n - 1) % n,
        _ => (selected + 1) % n,
    }
}
