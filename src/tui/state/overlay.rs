//! The compare view's overlays: for each metric, every seed's curve on one chart with their
//! mean and their min–max band. The mean and band are worked out here when runs report (in
//! `App::update`), over the seeds of one setting only (`family`), on the union of their
//! evaluation steps, each seed interpolated linearly between its own points; a step counts
//! only where every seed has reached it, so a seed that stopped early ends the mean there
//! instead of leaving it to the others (a mean of the two seeds still running is not a mean
//! of three).

use crate::tui::state::family::seed_family;
use crate::tui::state::run_state::RunState;
use crate::tui::state::series::{Series, log_step};

/// The metrics the compare view overlays, one chart each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// The paper's val accuracy (twin pairs included).
    ValAcc,
    /// Val accuracy on the pairs whose swapped twin is not in training, where the runs
    /// record it: the one phases are judged on, shown in the paper's val's place.
    TwinFreeAcc,
    TrainAcc,
    /// log10 of the validation loss (the mean is then a geometric mean).
    ValLoss,
    Norm,
    /// log10 of the circuits' restricted loss (addition tasks).
    Restricted,
    /// log10 of the circuits' excluded loss.
    Excluded,
}

impl Metric {
    /// The compare view's four charts: accuracy and loss and norm, or, with the circuits
    /// shown (key `f`), the circuits' two losses in place of loss and norm. The val chart is
    /// the twin-free one when the runs record it (`twin_free`), as verdicts are judged on it.
    pub fn shown(circuits: bool, twin_free: bool) -> [Metric; 4] {
        let val = if twin_free {
            Metric::TwinFreeAcc
        } else {
            Metric::ValAcc
        };
        if circuits {
            [val, Metric::TrainAcc, Metric::Restricted, Metric::Excluded]
        } else {
            [val, Metric::TrainAcc, Metric::ValLoss, Metric::Norm]
        }
    }

    /// The series of this metric in a run as drawn at smoothing `level` (an index into the
    /// strengths; 0 and the circuits' measures: the raw series).
    pub fn smoothed(self, run: &RunState, level: usize) -> &Series {
        let sm = &run.smooth;
        let smooth = match self {
            Metric::ValAcc => sm.val_acc.at(level),
            Metric::TwinFreeAcc => sm.twin_free_val_acc.at(level),
            Metric::TrainAcc => sm.train_acc.at(level),
            Metric::ValLoss => sm.val_loss.at(level),
            Metric::Norm => sm.norm.at(level),
            Metric::Restricted | Metric::Excluded => None,
        };
        smooth.unwrap_or_else(|| self.series(run))
    }

    /// The series of this metric in a run.
    pub fn series(self, run: &RunState) -> &Series {
        match self {
            Metric::ValAcc => &run.val_acc,
            Metric::TwinFreeAcc => &run.twin_free_val_acc,
            Metric::TrainAcc => &run.train_acc,
            Metric::ValLoss => &run.val_loss,
            Metric::Norm => &run.norm,
            Metric::Restricted => &run.circuits.restricted,
            Metric::Excluded => &run.circuits.excluded,
        }
    }

    /// True when the values are log10 of a loss (drawn on decades).
    pub fn is_log(self) -> bool {
        matches!(
            self,
            Metric::ValLoss | Metric::Restricted | Metric::Excluded
        )
    }

    pub fn is_accuracy(self) -> bool {
        matches!(
            self,
            Metric::ValAcc | Metric::TwinFreeAcc | Metric::TrainAcc
        )
    }
}

/// Points against the step and, the same points, against log10 of the step.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Curve {
    linear: Vec<(f64, f64)>,
    log_x: Vec<(f64, f64)>,
}

impl Curve {
    fn push(&mut self, step: f64, v: f64) {
        self.linear.push((step, v));
        self.log_x.push((log_step(step), v));
    }

    pub fn points(&self, log_x: bool) -> &[(f64, f64)] {
        if log_x { &self.log_x } else { &self.linear }
    }

    pub fn is_empty(&self) -> bool {
        self.linear.is_empty()
    }
}

/// The seeds' mean and min–max band of one metric.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Band {
    /// Where every seed has a value.
    pub mean: Curve,
    /// Where every seed has a value, when there are at least two.
    pub lo: Curve,
    pub hi: Curve,
    /// Smallest and largest value of any seed (for the chart's range).
    pub range: Option<(f64, f64)>,
}

/// Steps on which the mean is computed at most (the union of the seeds' steps, thinned).
const MAX_GRID: usize = 600;

impl Band {
    /// The mean and band of `metric` over `runs`.
    pub fn of(metric: Metric, runs: &[&RunState]) -> Self {
        let series: Vec<&[(f64, f64)]> = runs
            .iter()
            .map(|r| metric.series(r).points(false))
            .filter(|p| !p.is_empty())
            .collect();
        let mut grid: Vec<f64> = series.iter().flat_map(|p| p.iter().map(|q| q.0)).collect();
        grid.sort_by(f64::total_cmp);
        grid.dedup();
        if grid.len() > MAX_GRID {
            let every = grid.len().div_ceil(MAX_GRID);
            let last = *grid.last().unwrap_or(&0.0);
            grid = grid.into_iter().step_by(every).collect();
            if grid.last() != Some(&last) {
                grid.push(last);
            }
        }
        let mut band = Band {
            range: runs.iter().filter_map(|r| metric.series(r).range()).fold(
                None,
                |acc: Option<(f64, f64)>, (lo, hi)| {
                    Some(acc.map_or((lo, hi), |(a, b)| (a.min(lo), b.max(hi))))
                },
            ),
            ..Band::default()
        };
        for step in grid {
            let vals: Vec<f64> = series.iter().filter_map(|p| at(p, step)).collect();
            if vals.is_empty() || vals.len() < series.len() {
                continue;
            }
            band.mean
                .push(step, vals.iter().sum::<f64>() / vals.len() as f64);
            if vals.len() >= 2 {
                let lo = vals.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = vals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                band.lo.push(step, lo);
                band.hi.push(step, hi);
            }
        }
        band
    }
}

/// The value of a step-sorted series at `step`, interpolated linearly; `None` outside it.
pub fn at(points: &[(f64, f64)], step: f64) -> Option<f64> {
    let (first, last) = (points.first()?, points.last()?);
    if step < first.0 || step > last.0 {
        return None;
    }
    let i = points.partition_point(|p| p.0 < step);
    let b = points[i];
    if b.0 == step || i == 0 {
        return Some(b.1);
    }
    let a = points[i - 1];
    Some(a.1 + (b.1 - a.1) * (step - a.0) / (b.0 - a.0))
}

/// The bands of the metrics the compare view shows.
#[derive(Clone, Debug, Default)]
pub struct Overlay {
    pub bands: Vec<(Metric, Band)>,
    /// Which of the runs the mean and band are over (indices; empty: none is drawn).
    pub members: Vec<usize>,
}

impl Overlay {
    /// Every metric's band over the runs of `runs` that may be averaged (see
    /// [`seed_family`]); none when no two may.
    pub fn of_family(runs: &[&RunState]) -> Self {
        let members = seed_family(runs);
        if members.is_empty() {
            return Self::default();
        }
        let family: Vec<&RunState> = members.iter().map(|&i| runs[i]).collect();
        Self {
            members,
            ..Self::of(&family)
        }
    }

    /// Every metric's band over `runs` (all seven: `f` switches charts without a recompute).
    pub fn of(runs: &[&RunState]) -> Self {
        let all = [
            Metric::ValAcc,
            Metric::TwinFreeAcc,
            Metric::TrainAcc,
            Metric::ValLoss,
            Metric::Norm,
            Metric::Restricted,
            Metric::Excluded,
        ];
        Self {
            bands: all.iter().map(|&m| (m, Band::of(m, runs))).collect(),
            members: (0..runs.len()).collect(),
        }
    }

    pub fn band(&self, metric: Metric) -> Option<&Band> {
        self.bands
            .iter()
            .find(|(m, _)| *m == metric)
            .map(|(_, b)| b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::worker::RunId;

    fn run(points: &[(u64, f32)]) -> RunState {
        let mut r = RunState::new(RunId(0), "r".into(), 0, 1000);
        for &(step, v) in points {
            r.val_acc.push(step as f64, f64::from(v));
        }
        r
    }

    #[test]
    fn interpolates_inside_and_nothing_outside() {
        let p = [(0.0, 0.0), (10.0, 1.0), (20.0, 3.0)];
        assert_eq!(at(&p, 5.0), Some(0.5));
        assert_eq!(at(&p, 15.0), Some(2.0));
        assert_eq!(at(&p, 20.0), Some(3.0));
        assert_eq!(at(&p, 0.0), Some(0.0));
        assert_eq!(at(&p, 21.0), None);
        assert_eq!(at(&[], 1.0), None);
    }

    #[test]
    fn mean_and_band_over_seeds_of_different_lengths() {
        let a = run(&[(0, 0.0), (100, 0.2), (200, 0.4)]);
        let b = run(&[(0, 0.2), (100, 0.6)]);
        let c = run(&[(50, 0.5), (100, 1.0), (200, 1.0)]);
        let band = Band::of(Metric::ValAcc, &[&a, &b, &c]);
        let mean = band.mean.points(false);
        // Steps 50 and 100 of the union 0, 50, 100, 200: where every seed has a value (c
        // starts at 50, b stops at 100).
        assert_eq!(mean.iter().map(|p| p.0).collect::<Vec<_>>(), [50.0, 100.0]);
        // Step 50: a 0.1, b 0.4 (interpolated), c 0.5.
        assert!((mean[0].1 - (0.1 + 0.4 + 0.5) / 3.0).abs() < 1e-6);
        assert!((mean[1].1 - 0.6).abs() < 1e-6);
        let (lo, hi) = (band.lo.points(false), band.hi.points(false));
        assert!((lo[1].1 - 0.2).abs() < 1e-6 && (hi[1].1 - 1.0).abs() < 1e-6);
        let r = band.range.unwrap();
        assert!(r.0.abs() < 1e-6 && (r.1 - 1.0).abs() < 1e-6);
        // Log x: the same values against log10(step).
        assert!((band.mean.points(true)[1].0 - 2.0).abs() < 1e-12);
    }

    #[test]
    fn one_seed_has_a_mean_but_no_band() {
        let a = run(&[(0, 0.0), (100, 0.2)]);
        let band = Band::of(Metric::ValAcc, &[&a]);
        assert_eq!(band.mean.points(false).len(), 2);
        assert!(band.lo.is_empty() && band.hi.is_empty());
    }
}
