//! Which runs of a comparison may be averaged: a mean over runs of different settings (a
//! grokking run and a progression run, or d_model 32 and 64) describes no experiment, so the
//! compare view's mean and band cover only runs whose settings are identical but the seed.

use crate::preset::Preset;
use crate::tui::state::run_state::RunState;

/// Everything that makes a run's experiment, the seed and the names left out.
fn settings(p: &Preset) -> impl PartialEq + '_ {
    (&p.task, &p.model, &p.optimizer, &p.training)
}

/// The indices of the largest set of at least two `runs` with identical settings but the
/// seed (the first such set where two are as large; runs whose preset is not known yet
/// belong to none); empty when no two runs share their settings.
pub fn seed_family(runs: &[&RunState]) -> Vec<usize> {
    let mut best: Vec<usize> = Vec::new();
    for (i, r) in runs.iter().enumerate() {
        let Some(p) = &r.preset else { continue };
        let family: Vec<usize> = (runs.iter().enumerate())
            .filter(|(_, o)| {
                o.preset
                    .as_ref()
                    .is_some_and(|q| settings(q) == settings(p))
            })
            .map(|(j, _)| j)
            .collect();
        if family.first() == Some(&i) && family.len() > best.len() {
            best = family;
        }
    }
    if best.len() < 2 { Vec::new() } else { best }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::worker::RunId;

    fn run(name: &str, seed: u64, d_model: usize) -> RunState {
        let mut p = (crate::preset::builtin_presets().into_iter())
            .find(|p| p.name == "grokking")
            .unwrap();
        p.name = name.into();
        p.seed = seed;
        p.model.d_model = d_model;
        let mut r = RunState::new(RunId(0), name.into(), seed, 100);
        r.preset = Some(p);
        r
    }

    #[test]
    fn only_runs_of_identical_settings_but_the_seed_are_one_family() {
        let (a, b, c) = (run("g", 0, 64), run("g", 1, 64), run("g", 2, 32));
        assert_eq!(seed_family(&[&a, &b, &c]), [0, 1]);
        assert_eq!(seed_family(&[&c, &a, &b]), [1, 2]);
        assert!(seed_family(&[&a, &c]).is_empty(), "no two alike");
        let unknown = RunState::new(RunId(3), "x".into(), 0, 100);
        assert!(seed_family(&[&a, &unknown]).is_empty());
        // A renamed copy with the same settings averages with them.
        let d = run("copy", 3, 64);
        assert_eq!(seed_family(&[&a, &d]), [0, 1]);
    }
}
