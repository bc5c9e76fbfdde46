//! Expanding a preset into its cells: the concrete runs of a grid, in a fixed order so that
//! a cell index means the same run on every machine (`--cell K`, Slurm array tasks).

use super::schema::{Preset, TaskKind};

/// The values a grid varies, resolved for one run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CellAxes {
    pub n_train: usize,
    pub d_model: usize,
    pub n_layers: usize,
    pub n_memorize: usize,
    pub seed: u64,
}

/// One concrete run of a preset.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// Position in the preset's grid, stable across machines.
    pub index: usize,
    pub axes: CellAxes,
    /// The preset resolved for this run alone: no sweep, one seed, every axis fixed.
    pub preset: Preset,
}

impl CellAxes {
    /// Every combination of the preset's axes and seeds; the seed varies fastest.
    pub(crate) fn all(p: &Preset) -> Vec<CellAxes> {
        let sweep = p.sweep.clone().unwrap_or_default();
        let or = |v: Vec<usize>, fallback: usize| if v.is_empty() { vec![fallback] } else { v };
        let n_train = or(sweep.n_train, p.resolved_n_train());
        let d_model = or(sweep.d_model, p.model.d_model);
        let n_layers = or(sweep.n_layers, p.model.n_layers);
        let n_memorize = or(sweep.n_memorize, p.task.n_memorize);
        let mut out = Vec::new();
        for &n_train in &n_train {
            for &d_model in &d_model {
                for &n_layers in &n_layers {
                    for &n_memorize in &n_memorize {
                        for s in 0..u64::from(p.seeds) {
                            let seed = p.seed + s;
                            out.push(CellAxes {
                                n_train,
                                d_model,
                                n_layers,
                                n_memorize,
                                seed,
                            });
                        }
                    }
                }
            }
        }
        out
    }
}

impl Preset {
    /// The number of training pairs the task spec asks for.
    pub fn resolved_n_train(&self) -> usize {
        let pairs = (self.task.modulus as usize).pow(2);
        match (self.task.train_fraction, self.task.n_train) {
            (Some(f), _) => ((f * pairs as f64).round() as usize).max(1),
            (None, Some(n)) => n,
            (None, None) if self.task.kind == TaskKind::RandomLabels => pairs,
            (None, None) => 0,
        }
    }

    /// Every run this preset describes, in grid order.
    pub fn cells(&self) -> Vec<Cell> {
        CellAxes::all(self)
            .into_iter()
            .enumerate()
            .map(|(index, axes)| Cell {
                index,
                axes,
                preset: self.single_run(axes),
            })
            .collect()
    }

    /// The preset for one run with the given axes.
    pub fn single_run(&self, axes: CellAxes) -> Preset {
        let mut p = self.clone();
        p.task.n_train = Some(axes.n_train);
        p.task.train_fraction = None;
        p.task.n_memorize = axes.n_memorize;
        p.model.d_model = axes.d_model;
        p.model.n_layers = axes.n_layers;
        p.seed = axes.seed;
        p.seeds = 1;
        p.sweep = None;
        p
    }

    /// The preset's first run with another seed (for `--seed`).
    pub fn with_seed(&self, seed: u64) -> Preset {
        let mut p = self.clone();
        p.seed = seed;
        p
    }
}
