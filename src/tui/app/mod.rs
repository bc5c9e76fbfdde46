//! The state of the whole UI and the one place that changes it: `App::update`. It routes:
//! each screen's keys go to that screen's `on_action` (`screens/<screen>`), popups to
//! `screens/popup`; what a screen asks beyond itself comes back as an intent that the app
//! carries out (`launch`: starting and opening runs; `steer`: pausing, stopping and resuming
//! them; `live`: the run and compare views; `quit`: the quit flow and the
//! exit report; `notices`: what the tab row says and the message log keeps). It reads no
//! file: after each message it tells the disk watcher (`watch`) what the screens now show
//! (`watch::watching`), and what the watcher reads comes back as `Msg::Disk` (`incoming`). The
//! app's own words (notices, the frame's) are in `words`.

mod incoming;
mod launch;
mod live;
mod notices;
mod quit;
mod steer;
pub mod words;

use super::screens::overview::{OverviewIntent, RunOverview};
use super::screens::picker::{Picker, PickerIntent};
use super::screens::popup::PopupStep;
use super::screens::runs::{RunsIntent, RunsList};
use super::screens::sweep::{self, SweepIntent, SweepScreen};
use super::screens::sweeps::{SweepList, SweepsIntent};
use super::state::chart_view::ChartView;
use super::state::overlay::Overlay;
use super::state::run_state::{RunState, Status};
use super::state::sweep_disk;
use super::widgets::theme::Theme;
use crate::preset::Preset;
use crate::tui::base::{Action, Hit, KeyContext, Screen};
use crate::tui::msg::Msg;
use crate::tui::runner::Runner;
use crate::tui::watch::disk_view::DiskView;
use crate::tui::watch::watching::{Shown, Watching};
use crate::tui::watch::{Request, Watcher};
use crate::worker::RunId;
use std::collections::BTreeSet;
use std::path::PathBuf;
use words as s;

pub use super::screens::popup::Popup;

/// A sweep this UI started (a `groktop sweep` process of its own).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SweepRun {
    pub preset: String,
    pub out: PathBuf,
    pub pid: u32,
    /// False once the process has ended.
    pub running: bool,
}

pub struct App {
    pub screen: Screen,
    pub picker: Picker,
    pub disk: RunsList,
    pub runs_dir: PathBuf,
    /// Where sweep directories are looked for (see [`App::with_sweeps_dir`]).
    pub sweeps_dir: PathBuf,
    pub sweeps: SweepList,
    /// The run directory the overview shows (`i` on the Runs tab); it stays behind the Runs
    /// tab until Esc.
    pub overview: Option<RunOverview>,
    /// The opened sweep (the sweep screen); it stays open behind the Sweeps tab until Esc.
    pub sweep: Option<SweepScreen>,
    /// A sweep being read for its map, and the screen it was asked from: it opens when read
    /// if that screen is still shown.
    pub opening: Option<(PathBuf, Screen)>,
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
    /// The unreadable files already told of (each is told once, not at every read).
    pub(super) told_unreadable: BTreeSet<String>,
    /// Where Esc goes from the live run or compare screen: where it was opened from.
    pub(super) back: Screen,
    /// The live group's per-seed outcomes in words (`stats::seed_outcomes`), kept current
    /// as its runs report.
    pub seed_outcomes: String,
    /// The live group's mean and min–max band per metric (the compare view's overlays),
    /// kept current as its runs report.
    pub overlay: Overlay,
    /// Ticks left before the notice goes.
    pub(super) notice_ticks: u32,
    /// The run view's cursor, zoom and smoothing.
    pub chart: ChartView,
    /// The compare view's, over all its runs (reset when the group changes).
    pub compare_chart: ChartView,
    /// Ring the terminal bell when a shown run reports a phase event (key `b`).
    pub bell: bool,
    /// A bell is due: the terminal loop rings it (and clears this) after drawing.
    pub(super) ring: bool,
    /// The sweep started from the picker (the newest).
    pub sweep_run: Option<SweepRun>,
    /// Runs were asked to stop; quit once none is active.
    pub quitting: bool,
    pub should_quit: bool,
    pub theme: Theme,
    pub(super) runner: Box<dyn Runner>,
    /// Reads the disk for the screens (see [`App::watcher`]).
    pub(super) watcher: Watcher,
}

impl App {
    pub fn new(
        presets: Vec<Preset>,
        runs_dir: PathBuf,
        runner: Box<dyn Runner>,
        theme: Theme,
    ) -> Self {
        let watcher = Watcher::spawn();
        // The picker shows first: its estimates learn from the runs finished here.
        watcher.send(Request::Timings(runs_dir.clone()));
        Self {
            screen: Screen::Picker,
            picker: Picker::new(presets),
            disk: RunsList::default(),
            sweeps_dir: sweep_disk::default_sweeps_dir(&runs_dir),
            sweeps: SweepList::default(),
            overview: None,
            sweep: None,
            opening: None,
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
            told_unreadable: BTreeSet::new(),
            back: Screen::Picker,
            seed_outcomes: String::new(),
            overlay: Overlay::default(),
            notice_ticks: 0,
            chart: ChartView::default(),
            compare_chart: ChartView::default(),
            bell: false,
            ring: false,
            sweep_run: None,
            quitting: false,
            should_quit: false,
            theme,
            runner,
            watcher,
        }
    }

    /// The disk watcher: the terminal loop takes its messages (`try_recv`) into
    /// [`App::update`] as `Msg::Disk`.
    pub fn watcher(&self) -> &Watcher {
        &self.watcher
    }

    /// Looks for sweeps in `dir` instead of the runs folder's sibling `sweeps`.
    #[must_use]
    pub fn with_sweeps_dir(mut self, dir: PathBuf) -> Self {
        self.sweeps_dir = dir;
        self
    }

    /// The only function that changes the state. It never reads the disk; when what the
    /// screens show changed, the disk watcher is told.
    pub fn update(&mut self, msg: Msg) {
        let before = Watching::of(&self.shown());
        self.route(msg);
        let shown = self.shown();
        let after = Watching::of(&shown);
        if after != before {
            after.tell(&before, &shown, &self.watcher);
        }
    }

    /// What the screens show, for the disk watcher.
    fn shown(&self) -> Shown<'_> {
        Shown {
            screen: self.screen,
            opening: self.opening.as_ref().map(|(p, _)| p.as_path()),
            sweep: self.sweep.as_ref(),
            group: &self.group,
            views: &self.views,
            runs_dir: &self.runs_dir,
            sweeps_dir: &self.sweeps_dir,
        }
    }

    fn route(&mut self, msg: Msg) {
        match msg {
            Msg::Tick => self.tick(),
            Msg::Worker(e) => self.on_event(e),
            Msg::Disk(f) => self.on_found(f),
            Msg::ClickTab(i) if self.popup.is_none() => {
                let delta = i as isize - self.tab_index() as isize;
                if delta != 0 {
                    self.cycle_screen(delta);
                }
            }
            Msg::ClickTab(_) => {}
            Msg::Click(hit) => self.on_click(hit),
            Msg::Scroll { up } => {
                self.update(Msg::Action(if up { Action::Up } else { Action::Down }))
            }
            Msg::Type(c) => match (self.key_context(), &mut self.popup) {
                (KeyContext::Filter, _) => self.disk.push_filter(c),
                (KeyContext::Extend, Some(p)) => p.on_type(c),
                _ => {}
            },
            Msg::Action(a) if self.key_context() == KeyContext::Filter => {
                if self.disk.on_filter(a) {
                    self.on_action(a);
                }
            }
            Msg::Action(a) => match self.popup.clone() {
                Some(p) => self.on_popup(p, a),
                None => self.on_action(a),
            },
        }
    }

    /// A key while popup `p` is open: the popup decides; a question's choice is carried out.
    fn on_popup(&mut self, p: Popup, a: Action) {
        // Ctrl-C over help, the log or the extend question: they close and the quit
        // question comes.
        let question = matches!(p, Popup::Quit { .. } | Popup::StartSweep { .. });
        if a == Action::Interrupt && !question {
            self.popup = None;
            self.on_action(a);
            return;
        }
        match p.on_action(a, self.log.len()) {
            PopupStep::Stay(p) => self.popup = Some(p),
            PopupStep::Close => self.popup = None,
            PopupStep::Steps(n) => {
                self.popup = None;
                self.extend(n);
            }
            PopupStep::Chose(k) => {
                self.popup = None;
                match p {
                    Popup::Quit { .. } => self.quit_chosen(k),
                    Popup::StartSweep { .. } => match k {
                        0 => self.start_sweep(),
                        1 => self.start_picked(),
                        _ => {}
                    },
                    Popup::Help { .. } | Popup::Log { .. } | Popup::Extend { .. } => {}
                }
            }
        }
    }

    /// The keys every screen shares, then the screen's own.
    fn on_action(&mut self, a: Action) {
        match a {
            Action::Help => self.popup = Some(Popup::Help { scroll: 0 }),
            Action::Log => self.popup = Some(Popup::Log { scroll: 0 }),
            Action::Quit | Action::Interrupt => self.ask_quit(),
            Action::NextScreen => self.cycle_screen(1),
            Action::PrevScreen => self.cycle_screen(-1),
            Action::ToggleLogX => self.log_x = !self.log_x,
            Action::ToggleCircuits => self.show_circuits = !self.show_circuits,
            Action::ToggleBell => {
                self.bell = !self.bell;
                self.set_notice(s::bell(self.bell).to_string());
            }
            Action::TogglePause => self.toggle_pause(),
            Action::Checkpoint => self.checkpoint(),
            // The Sweeps tab's x stops a sweep process: its own key, below.
            Action::Stop if self.screen != Screen::Sweeps => self.stop_chosen(),
            Action::ResumeStopped => self.resume_stopped(),
            _ => match self.screen {
                Screen::Picker => match self.picker.on_action(a) {
                    Some(PickerIntent::AskSweep) => {
                        self.popup = Some(Popup::StartSweep { choice: 0 });
                    }
                    Some(PickerIntent::Start) => self.start_picked(),
                    None => {}
                },
                Screen::Runs => match self.disk.on_action(a) {
                    Some(RunsIntent::Back) => self.screen = Screen::Picker,
                    Some(RunsIntent::Rescan) => self.watcher.send(Request::Rescan),
                    Some(RunsIntent::Open(entry)) => self.open_entry(&entry),
                    Some(RunsIntent::Compare(entries)) if entries.len() == 1 => {
                        self.open_view(&entries[0]);
                    }
                    Some(RunsIntent::Compare(entries)) => self.open_compare(&entries),
                    Some(RunsIntent::Say(text)) => self.set_notice(text),
                    Some(RunsIntent::Inspect(path)) => {
                        self.overview = Some(RunOverview::new(&path));
                        self.screen = Screen::Overview;
                    }
                    None => {}
                },
                Screen::Overview => match self.overview.as_mut().and_then(|o| o.on_action(a)) {
                    Some(OverviewIntent::Back) => self.screen = Screen::Runs,
                    Some(OverviewIntent::Open(path)) => {
                        if let Some(entry) = self.disk.entry(&path).cloned() {
                            self.open_entry(&entry);
                        }
                    }
                    None => {}
                },
                Screen::Sweeps => match self.sweeps.on_action(a) {
                    Some(SweepsIntent::Back) => self.screen = Screen::Picker,
                    Some(SweepsIntent::Rescan) => self.watcher.send(Request::Rescan),
                    Some(SweepsIntent::Open(path)) => self.open_sweep(&path),
                    Some(SweepsIntent::Stop(step)) => self.stop_sweep_process(step),
                    None => {}
                },
                Screen::Sweep => match self.sweep.as_mut().and_then(|sw| sw.on_action(a)) {
                    Some(SweepIntent::Back) => {
                        self.sweep = None;
                        self.screen = Screen::Sweeps;
                    }
                    Some(SweepIntent::NoFigure) => {
                        self.set_notice(sweep::words::NO_FIGURE_YET.into())
                    }
                    Some(SweepIntent::NoOtherAxis) => {
                        self.set_notice(sweep::words::NO_OTHER_AXIS.into())
                    }
                    Some(SweepIntent::Rescan) => self.watcher.send(Request::Rescan),
                    Some(SweepIntent::CompareSeeds(cells)) => self.compare_sweep_seeds(&cells),
                    Some(SweepIntent::NoSeedStarted) => {
                        self.set_notice(sweep::words::NO_SEED_STARTED.into())
                    }
                    None => {}
                },
                Screen::Run => self.on_run(a),
                Screen::Compare => self.on_compare(a),
            },
        }
    }

    /// A click the view resolved: the run view's cursor to a step, a row or a cell selected.
    fn on_click(&mut self, hit: Hit) {
        if self.popup.is_some() {
            return;
        }
        match (self.screen, hit) {
            (Screen::Run, Hit::Step(step)) => {
                if let Some(id) = self.bind_chart() {
                    self.chart.set_cursor(&[&self.runs[id.0]], step);
                }
            }
            (Screen::Compare, Hit::Step(step)) => {
                let runs: Vec<&RunState> = self.group.iter().map(|id| &self.runs[id.0]).collect();
                self.compare_chart.set_cursor(&runs, step);
            }
            (Screen::Runs, Hit::RunsRow(i)) => {
                self.disk.select_row(i);
            }
            (Screen::Sweep, Hit::SweepCell(col, row)) => {
                if let Some(sw) = &mut self.sweep {
                    sw.select(col, row);
                }
            }
            _ => {}
        }
    }

    /// Opens the sweep at `path` on its map once the disk watcher has read it.
    pub(super) fn open_sweep(&mut self, path: &std::path::Path) {
        self.opening = Some((path.to_path_buf(), self.screen));
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
        let here = self.tab_index().min(order.len() - 1);
        let next = order[(here as isize + delta).rem_euclid(order.len() as isize) as usize];
        self.screen = match next {
            // An open sweep stays open behind its tab until Esc closes it.
            Screen::Sweeps if self.sweep.is_some() => Screen::Sweep,
            _ => next,
        };
    }

    /// The index of the shown screen's tab.
    pub fn tab_index(&self) -> usize {
        self.screen.tab()
    }

    /// Where keys go now: the open popup, else the screen.
    pub fn key_context(&self) -> KeyContext {
        match &self.popup {
            Some(Popup::Extend { .. }) => KeyContext::Extend,
            Some(Popup::Help { .. }) => KeyContext::Help,
            Some(Popup::Log { .. }) => KeyContext::Log,
            Some(Popup::Quit { .. }) => KeyContext::Quit,
            Some(Popup::StartSweep { .. }) => KeyContext::StartSweep,
            None if self.screen == Screen::Runs && self.disk.editing_filter => KeyContext::Filter,
            None => self.screen_context(),
        }
    }

    /// The shown screen's keys, whatever popup is over it: the run and compare views lose
    /// pause and checkpoint when nothing they show trains here.
    pub fn screen_context(&self) -> KeyContext {
        let idle = || !self.targets().into_iter().any(|id| self.drives(id));
        match self.screen {
            Screen::Run if idle() => KeyContext::IdleRun,
            Screen::Compare if idle() => KeyContext::IdleCompare,
            screen => KeyContext::Screen(screen),
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
