//! How the run view's charts are looked at: a step cursor with the values there, a zoomed
//! step range, the accuracy chart zoomed onto small values (the memorization phase, where
//! val sits near chance), and the smoothing strength. The run view's state, changed by its
//! keys (`screens/run`); here because the sweep screen's cell panel and the export draw with
//! it too. The readout and the zoomed y range are worked out when it changes, not while
//! drawing.

use crate::tui::state::overlay::at;
use crate::tui::state::run_state::RunState;
use crate::tui::state::series::Series;
use crate::tui::state::smoothing::STRENGTHS;

/// A cursor move is this fraction of the visible steps.
const CURSOR_STEPS: u64 = 100;
/// `z` shows this fraction of the visible steps, around the cursor.
const ZOOM: f64 = 0.5;
/// Zooming stops at this many steps.
const MIN_SPAN: u64 = 20;

/// The values at the cursor (interpolated between evaluations; `None` where a series has
/// no value there).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Readout {
    pub step: u64,
    pub train_acc: Option<f64>,
    pub val_acc: Option<f64>,
    /// Losses themselves (not their logs).
    pub train_loss: Option<f64>,
    pub val_loss: Option<f64>,
    pub norm: Option<f64>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChartView {
    /// The run these belong to (another run shown starts afresh, keeping the smoothing).
    pub run: Option<crate::worker::RunId>,
    /// The cursor's step; `None` until ← or → is pressed.
    pub cursor: Option<u64>,
    /// The visible steps; `None`: the whole run.
    pub zoom: Option<(u64, u64)>,
    /// The accuracy chart's y axis from 0 to `y_top` instead of 0 to 100 %.
    pub y_zoom: bool,
    /// An index into [`STRENGTHS`].
    pub smoothing: usize,
    /// The values at the cursor.
    pub readout: Option<Readout>,
    /// The top of the y-zoomed accuracy chart (a little above the visible val maximum).
    pub y_top: f64,
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

    /// The visible step range of a run of `total` steps.
    pub fn range(&self, total: u64) -> (u64, u64) {
        self.zoom.unwrap_or((0, total.max(1)))
    }

    /// Moves the cursor by one step of the visible range (placing it mid-range first).
    pub fn move_cursor(&mut self, run: &RunState, right: bool) {
        let (lo, hi) = self.range(run.total_steps);
        let last = run.step.clamp(lo, hi);
        let delta = ((hi - lo) / CURSOR_STEPS).max(1);
        self.cursor = Some(match self.cursor {
            None => lo + (last - lo) / 2,
            Some(c) if right => (c + delta).min(hi),
            Some(c) => c.saturating_sub(delta).max(lo),
        });
        self.refresh(run);
    }

    /// Puts the cursor at `step` (a mouse click).
    pub fn set_cursor(&mut self, run: &RunState, step: u64) {
        let (lo, hi) = self.range(run.total_steps);
        self.cursor = Some(step.clamp(lo, hi));
        self.refresh(run);
    }

    /// Shows half the visible steps, centred on the cursor (or the middle).
    pub fn zoom_in(&mut self, run: &RunState) {
        let (lo, hi) = self.range(run.total_steps);
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
        self.refresh(run);
    }

    pub fn reset_zoom(&mut self, run: &RunState) {
        self.zoom = None;
        self.y_zoom = false;
        self.refresh(run);
    }

    pub fn toggle_y_zoom(&mut self, run: &RunState) {
        self.y_zoom = !self.y_zoom;
        self.refresh(run);
    }

    pub fn cycle_smoothing(&mut self) {
        self.smoothing = (self.smoothing + 1) % STRENGTHS.len();
    }

    pub fn strength(&self) -> f64 {
        STRENGTHS[self.smoothing]
    }

    /// Works out the readout and the y-zoomed top again (after a key or new evaluations).
    pub fn refresh(&mut self, run: &RunState) {
        self.readout = self.cursor.map(|step| {
            let x = step as f64;
            let v = |s: &Series| at(s.points(false), x);
            Readout {
                step,
                train_acc: v(&run.train_acc),
                val_acc: v(&run.val_acc),
                train_loss: v(&run.train_loss).map(|l| 10f64.powf(l)),
                val_loss: v(&run.val_loss).map(|l| 10f64.powf(l)),
                norm: v(&run.norm),
            }
        });
        let (lo, hi) = self.range(run.total_steps);
        let visible_max = run
            .val_acc
            .points(false)
            .iter()
            .filter(|p| (lo as f64..=hi as f64).contains(&p.0))
            .map(|p| p.1)
            .fold(0.0, f64::max);
        self.y_top = nice_top(visible_max * 1.25);
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

    fn run() -> RunState {
        let mut r = RunState::new(RunId(0), "r".into(), 0, 10_000);
        for i in 0..=100u64 {
            let s = (i * 100) as f64;
            r.train_acc.push(s, 1.0);
            r.val_acc.push(s, 0.01 + 0.0003 * i as f64);
            r.norm.push(s, 50.0 - i as f64 / 10.0);
            r.train_loss.push(s, -2.0);
        }
        r.step = 10_000;
        r
    }

    #[test]
    fn cursor_reads_the_values_at_its_step() {
        let r = run();
        let mut v = ChartView::default();
        v.move_cursor(&r, true);
        assert_eq!(v.cursor, Some(5_000), "first press: mid-range");
        v.move_cursor(&r, true);
        assert_eq!(v.cursor, Some(5_100));
        let out = v.readout.clone().unwrap();
        assert_eq!(out.step, 5_100);
        assert!((out.val_acc.unwrap() - (0.01 + 0.0003 * 51.0)).abs() < 1e-9);
        assert!((out.norm.unwrap() - 44.9).abs() < 1e-9);
        assert!((out.train_loss.unwrap() - 0.01).abs() < 1e-12);
        assert_eq!(out.val_loss, None);
        v.set_cursor(&r, 99_999);
        assert_eq!(v.cursor, Some(10_000), "kept inside the run");
    }

    #[test]
    fn zoom_halves_around_the_cursor_and_resets() {
        let r = run();
        let mut v = ChartView::default();
        v.set_cursor(&r, 2_000);
        v.zoom_in(&r);
        assert_eq!(v.zoom, Some((0, 5_000)), "kept inside the run at its start");
        v.set_cursor(&r, 3_000);
        v.zoom_in(&r);
        assert_eq!(v.zoom, Some((1_750, 4_250)));
        for _ in 0..20 {
            v.zoom_in(&r);
        }
        let (lo, hi) = v.zoom.unwrap();
        assert!(
            hi - lo >= MIN_SPAN && (lo..=hi).contains(&3_000),
            "{lo}..{hi}"
        );
        v.reset_zoom(&r);
        assert_eq!(v.range(10_000), (0, 10_000));
    }

    #[test]
    fn y_zoom_fits_the_visible_val_accuracy() {
        let r = run();
        let mut v = ChartView::default();
        v.toggle_y_zoom(&r);
        // val reaches 4 % at the end: the top is the next round value above 5 % of headroom.
        assert_eq!(v.y_top, 0.05);
        v.zoom = Some((0, 2_000));
        v.refresh(&r);
        assert_eq!(v.y_top, 0.02);
        assert_eq!(nice_top(3.0), 1.0);
    }
}
