//! How a step chart is looked at: a step cursor with the values there, a zoomed step range,
//! the accuracy chart zoomed onto small values (the memorization phase, where val sits near
//! chance), and the smoothing strength. One type for the run view (one run) and the compare
//! view (several runs on shared axes), changed by the chart keys (`chart_keys.rs`); here
//! because the sweep screen's cell panel and the exports draw with it too. The cursor stops
//! only on evaluated steps inside the data (a value between two evaluations was never
//! measured); the readout and the zoomed y range are worked out when it changes, not while
//! drawing.

use crate::tui::state::run_state::RunState;
use crate::tui::state::series::Series;
use crate::tui::state::smoothing::STRENGTHS;

/// A cursor move is at least this fraction of the visible steps (and at least one
/// evaluation).
const CURSOR_STEPS: u64 = 100;
/// `z` shows this fraction of the visible steps, around the cursor.
const ZOOM: f64 = 0.5;
/// Zooming stops at this many steps.
const MIN_SPAN: u64 = 20;

/// One run's values at the cursor, as evaluated there (`None` where a series has no value
/// at that step: that run was not evaluated there, or not on that measure).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Readout {
    pub step: u64,
    pub train_acc: Option<f64>,
    pub val_acc: Option<f64>,
    pub twin_free_val_acc: Option<f64>,
    /// Losses themselves (not their logs).
    pub train_loss: Option<f64>,
    pub val_loss: Option<f64>,
    pub norm: Option<f64>,
}

impl Readout {
    /// `run`'s values evaluated at exactly `step`.
    fn of(run: &RunState, step: u64) -> Self {
        let v = |s: &Series| exact(s.points(false), step as f64);
        Readout {
            step,
            train_acc: v(&run.train_acc),
            val_acc: v(&run.val_acc),
            twin_free_val_acc: v(&run.twin_free_val_acc),
            train_loss: v(&run.train_loss).map(|l| 10f64.powf(l)),
            val_loss: v(&run.val_loss).map(|l| 10f64.powf(l)),
            norm: v(&run.norm),
        }
    }
}

/// The value of a step-sorted series at exactly `step`; `None` where it has no point there.
fn exact(points: &[(f64, f64)], step: f64) -> Option<f64> {
    let i = points.partition_point(|p| p.0 < step);
    points.get(i).filter(|p| p.0 == step).map(|p| p.1)
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChartView {
    /// The run these belong to in the run view (another run shown starts afresh, keeping
    /// the smoothing); the compare view's is reset when its runs change.
    pub run: Option<crate::worker::RunId>,
    /// The cursor's step, an evaluated one; `None` until ← or → is pressed.
    pub cursor: Option<u64>,
    /// The visible steps; `None`: the whole run.
    pub zoom: Option<(u64, u64)>,
    /// The accuracy chart's y axis from 0 to `y_top` instead of 0 to 100 %.
    pub y_zoom: bool,
    /// An index into [`STRENGTHS`].
    pub smoothing: usize,
    /// Each run's values at the cursor, in the order of the runs.
    pub readouts: Vec<Readout>,
    /// The top of the y-zoomed accuracy chart (a little above the visible val maximum).
    pub y_top: f64,
}

/// The steps every chart of `runs` spans: the longest run's.
pub fn total_of(runs: &[&RunState]) -> u64 {
    runs.iter().map(|r| r.total_steps).max().unwrap_or(0)
}

/// The steps at which any of `runs` was evaluated (and is drawn), ascending.
fn evaluated(runs: &[&RunState]) -> Vec<u64> {
    let mut steps: Vec<u64> = (runs.iter())
        .flat_map(|r| r.train_acc.points(false).iter().map(|p| p.0 as u64))
        .collect();
    steps.sort_unstable();
    steps.dedup();
    steps
}

impl ChartView {
    /// A fresh view of run `id`, keeping the smoothing strength (the cursor and zoom belong to
    /// the run they were set on).
    pub fn for_run(&self, id: crate::worker::RunId) -> Self {
        Self {
            run: Some(id),
            smoothing: self.smoothing,
            ..Self::default()
        }
    }

    /// A fresh view of another set of runs (the compare view's), keeping the smoothing.
    pub fn for_run_set(&self) -> Self {
        Self {
            smoothing: self.smoothing,
            ..Self::default()
        }
    }

    /// The shown run's values at the cursor (the run view's one run, the compare view's first).
    pub fn readout(&self) -> Option<&Readout> {
        self.readouts.first()
    }

    /// The visible step range of runs `total` steps long.
    pub fn range(&self, total: u64) -> (u64, u64) {
        self.zoom.unwrap_or((0, total.max(1)))
    }

    /// The evaluated steps inside the visible range.
    fn stops(&self, runs: &[&RunState]) -> Vec<u64> {
        let (lo, hi) = self.range(total_of(runs));
        let mut steps = evaluated(runs);
        steps.retain(|s| (lo..=hi).contains(s));
        steps
    }

    /// Moves the cursor by a hundredth of the visible range, onto the next evaluated step
    /// that far or farther (at least the next one); the first press puts it on the evaluated
    /// step nearest the middle of the data shown. It never leaves the data.
    pub fn move_cursor(&mut self, runs: &[&RunState], right: bool) {
        let stops = self.stops(runs);
        let (Some(&first), Some(&last)) = (stops.first(), stops.last()) else {
            return;
        };
        let (lo, hi) = self.range(total_of(runs));
        let delta = ((hi - lo) / CURSOR_STEPS).max(1);
        self.cursor = Some(match self.cursor {
            None => nearest(&stops, first + (last - first) / 2),
            Some(c) if right => (stops.iter().copied())
                .find(|&s| s >= c + delta)
                .unwrap_or(last),
            Some(c) => (stops.iter().rev().copied())
                .find(|&s| s + delta <= c)
                .unwrap_or(first),
        });
        self.refresh(runs);
    }

    /// Puts the cursor on the evaluated step nearest `step` (a mouse click).
    pub fn set_cursor(&mut self, runs: &[&RunState], step: u64) {
        let stops = self.stops(runs);
        if !stops.is_empty() {
            self.cursor = Some(nearest(&stops, step));
        }
        self.refresh(runs);
    }

    /// Shows half the visible steps, centred on the cursor (or the middle).
    pub fn zoom_in(&mut self, runs: &[&RunState]) {
        let (lo, hi) = self.range(total_of(runs));
        let span = hi - lo;
        if span <= MIN_SPAN {
            return;
        }
        let half = ((span as f64 * ZOOM) / 2.0)
            .round()
            .max(MIN_SPAN as f64 / 2.0) as u64;
        let centre = self.cursor.unwrap_or(lo + span / 2).clamp(lo, hi);
        let new_lo = centre.saturating_sub(half).max(lo);
        let new_hi = (new_lo + 2 * half).min(hi);
        self.zoom = Some((new_hi.saturating_sub(2 * half).max(lo), new_hi));
        self.refresh(runs);
    }

    pub fn reset_zoom(&mut self, runs: &[&RunState]) {
        self.zoom = None;
        self.y_zoom = false;
        self.refresh(runs);
    }

    pub fn toggle_y_zoom(&mut self, runs: &[&RunState]) {
        self.y_zoom = !self.y_zoom;
        self.refresh(runs);
    }

    pub fn cycle_smoothing(&mut self) {
        self.smoothing = (self.smoothing + 1) % STRENGTHS.len();
    }

    pub fn strength(&self) -> f64 {
        STRENGTHS[self.smoothing]
    }

    /// Works out the readouts and the y-zoomed top again (after a key or new evaluations).
    pub fn refresh(&mut self, runs: &[&RunState]) {
        self.readouts = match self.cursor {
            Some(step) => runs.iter().map(|r| Readout::of(r, step)).collect(),
            None => Vec::new(),
        };
        let (lo, hi) = self.range(total_of(runs));
        let visible_max = (runs.iter())
            .flat_map(|r| r.val_acc.points(false))
            .filter(|p| (lo as f64..=hi as f64).contains(&p.0))
            .map(|p| p.1)
            .fold(0.0, f64::max);
        self.y_top = nice_top(visible_max * 1.25);
    }
}

/// The step of `stops` (ascending, not empty) nearest `step`.
fn nearest(stops: &[u64], step: u64) -> u64 {
    let i = stops.partition_point(|&s| s < step);
    let after = stops.get(i).copied();
    let before = i.checked_sub(1).map(|j| stops[j]);
    match (before, after) {
        (Some(b), Some(a)) if step - b <= a - step => b,
        (_, Some(a)) => a,
        (Some(b), None) => b,
        (None, None) => step,
    }
}

/// The smallest of 1 %, 2 %, 5 %, 10 %, 20 %, 50 %, 100 % at or above `v`.
fn nice_top(v: f64) -> f64 {
    [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0]
        .into_iter()
        .find(|&t| t >= v)
        .unwrap_or(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::worker::RunId;

    /// Evaluated every 100 steps to 10 000 (of 20 000 planned).
    fn run() -> RunState {
        let mut r = RunState::new(RunId(0), "r".into(), 0, 20_000);
        for i in 0..=100u64 {
            let s = (i * 100) as f64;
            r.train_acc.push(s, 1.0);
            r.val_acc.push(s, 0.01 + 0.0003 * i as f64);
            r.norm.push(s, 50.0 - i as f64 / 10.0);
            r.train_loss.push(s, -5.0);
        }
        r.step = 10_000;
        r
    }

    #[test]
    fn cursor_reads_the_values_evaluated_at_its_step() {
        let r = run();
        let mut v = ChartView::default();
        v.move_cursor(&[&r], true);
        assert_eq!(v.cursor, Some(5_000), "first press: mid-data");
        v.move_cursor(&[&r], true);
        assert_eq!(
            v.cursor,
            Some(5_200),
            "a hundredth of 20 000, on an evaluation"
        );
        let out = v.readout().unwrap().clone();
        assert_eq!(out.step, 5_200);
        assert!((out.val_acc.unwrap() - (0.01 + 0.0003 * 52.0)).abs() < 1e-9);
        assert!((out.norm.unwrap() - 44.8).abs() < 1e-9);
        assert!((out.train_loss.unwrap() - 1e-5).abs() < 1e-12);
        assert_eq!(out.val_loss, None);
    }

    #[test]
    fn cursor_snaps_to_evaluations_and_stays_inside_the_data() {
        let r = run();
        let mut v = ChartView::default();
        v.set_cursor(&[&r], 1_775);
        assert_eq!(v.cursor, Some(1_800), "the nearest evaluation");
        v.set_cursor(&[&r], 19_999);
        assert_eq!(
            v.cursor,
            Some(10_000),
            "the last evaluation, not past the data"
        );
        assert!(v.readout().unwrap().val_acc.is_some());
        v.move_cursor(&[&r], true);
        assert_eq!(v.cursor, Some(10_000));
        v.set_cursor(&[&r], 0);
        v.move_cursor(&[&r], false);
        assert_eq!(v.cursor, Some(0));
    }

    #[test]
    fn several_runs_read_at_one_step_each_where_it_was_evaluated() {
        let a = run();
        let mut b = RunState::new(RunId(1), "b".into(), 1, 20_000);
        for i in 0..=10u64 {
            b.train_acc.push((i * 250) as f64, 0.5);
            b.val_acc.push((i * 250) as f64, 0.2);
        }
        let mut v = ChartView::default();
        v.set_cursor(&[&a, &b], 2_250);
        assert_eq!(v.cursor, Some(2_250), "b's evaluation");
        assert_eq!(v.readouts.len(), 2);
        assert_eq!(v.readouts[0].val_acc, None, "a was not evaluated at 2 250");
        assert_eq!(v.readouts[1].val_acc, Some(0.2));
    }

    #[test]
    fn zoom_halves_around_the_cursor_and_resets() {
        let r = run();
        let r = [&r];
        let mut v = ChartView::default();
        v.set_cursor(&r, 2_000);
        v.zoom_in(&r);
        assert_eq!(
            v.zoom,
            Some((0, 10_000)),
            "kept inside the run at its start"
        );
        v.set_cursor(&r, 3_000);
        v.zoom_in(&r);
        assert_eq!(v.zoom, Some((500, 5_500)));
        for _ in 0..20 {
            v.zoom_in(&r);
        }
        let (lo, hi) = v.zoom.unwrap();
        assert!(
            hi - lo >= MIN_SPAN && (lo..=hi).contains(&3_000),
            "{lo}..{hi}"
        );
        v.reset_zoom(&r);
        assert_eq!(v.range(20_000), (0, 20_000));
    }

    #[test]
    fn y_zoom_fits_the_visible_val_accuracy() {
        let r = run();
        let mut v = ChartView::default();
        v.toggle_y_zoom(&[&r]);
        // val reaches 4 % at the end: the top is the next round value above 5 % of headroom.
        assert_eq!(v.y_top, 0.05);
        v.zoom = Some((0, 2_000));
        v.refresh(&[&r]);
        assert_eq!(v.y_top, 0.02);
        assert_eq!(nice_top(3.0), 1.0);
    }
}
