//! How long the picked start will take, and how sure that is: from finished runs of the
//! same preset on this machine when there are any (`record::read_timings`, kept beside the
//! runs), else from the fitted cost model, which says that it is untested here. Seeds started
//! together share the machine's cores (each run already uses all of them), so three seeds
//! take three times as long as one. Computed when the choice changes, never while drawing.

use crate::estimate;
use crate::preset::Preset;
use crate::record::Timing;

/// The estimate the start panel shows.
#[derive(Clone, Debug, PartialEq)]
pub struct StartEstimate {
    pub per_run_secs: f64,
    pub all_secs: f64,
    /// Finished runs of this preset measured here (0: the cost model alone).
    pub measured_runs: usize,
    /// Largest relative deviation of a measured run's speed from their mean.
    pub spread: f64,
    /// A grid: its whole sweep's cells one after another, as the cost model has them (the
    /// per-run figures are its first cell's, which Enter can start alone).
    pub grid_secs: Option<f64>,
}

impl StartEstimate {
    /// `run` is what one seed will run; `seeds` of them start together; `grid` is the preset
    /// picked when it is a grid.
    pub fn new(run: &Preset, seeds: u32, timings: &[Timing], grid: Option<&Preset>) -> Self {
        let same: Vec<f64> = timings
            .iter()
            .filter(|t| t.preset == run.name && t.n_train == estimate::train_examples(run))
            .filter(|t| t.steps > 0 && t.train_secs > 0.0)
            .map(|t| t.train_secs / t.steps as f64)
            .collect();
        let (per_step, spread) = if same.is_empty() {
            (None, 0.0)
        } else {
            let mean = same.iter().sum::<f64>() / same.len() as f64;
            let spread = same
                .iter()
                .map(|s| (s / mean - 1.0).abs())
                .fold(0.0, f64::max);
            (Some(mean), spread)
        };
        let per_run_secs = match per_step {
            Some(s) => s * run.training.steps as f64,
            None => estimate::run_secs(run),
        };
        Self {
            per_run_secs,
            all_secs: per_run_secs * f64::from(seeds.max(1)),
            measured_runs: same.len(),
            spread,
            grid_secs: grid.map(estimate::preset_secs),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timing(preset: &Preset, secs: f64) -> Timing {
        Timing {
            preset: preset.name.clone(),
            n_params: 0,
            n_train: estimate::train_examples(preset),
            steps: preset.training.steps,
            train_secs: secs,
            threads: 2,
            finished_unix: 0,
        }
    }

    #[test]
    fn learns_from_finished_runs_and_seeds_share_the_cores() {
        let p = crate::preset::builtin_presets()
            .into_iter()
            .find(|p| p.name == "grokking")
            .unwrap();
        let model = StartEstimate::new(&p, 3, &[], None);
        assert_eq!(model.measured_runs, 0);
        assert!((model.all_secs - 3.0 * model.per_run_secs).abs() < 1e-9);
        // Two runs here took 339 s and 361 s: one run is their mean, three take three times.
        let seen = [timing(&p, 339.0), timing(&p, 361.0)];
        let e = StartEstimate::new(&p, 3, &seen, None);
        assert_eq!(e.measured_runs, 2);
        assert!((e.per_run_secs - 350.0).abs() < 1e-6, "{e:?}");
        assert!((e.all_secs - 1050.0).abs() < 1e-6);
        assert!((e.spread - 11.0 / 350.0).abs() < 1e-9);
        // Twice the steps: twice the time.
        let mut longer = p.clone();
        longer.training.steps *= 2;
        let e = StartEstimate::new(&longer, 1, &seen, None);
        assert!((e.per_run_secs - 700.0).abs() < 1e-6);
    }

    #[test]
    fn a_grid_has_the_total_of_its_cells() {
        let grid = crate::preset::builtin_presets()
            .into_iter()
            .find(|p| p.sweep.is_some())
            .unwrap();
        let first = grid.cells().remove(0).preset;
        let e = StartEstimate::new(&first, 1, &[], Some(&grid));
        let total = e.grid_secs.unwrap();
        assert!((total - estimate::preset_secs(&grid)).abs() < 1e-9);
        assert!(
            total > 2.0 * e.all_secs,
            "{total} vs one cell's {}",
            e.all_secs
        );
    }
}
