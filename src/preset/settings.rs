//! A run's settings as a table lists them: one named value per setting that makes the
//! experiment (what the Runs tab shows in a column where runs differ, filters on with
//! `d_model=64`, and compares between two runs).

use super::Preset;

impl Preset {
    /// Every setting that changes what trains, by the name the preset file uses, in the
    /// file's order (task, model, optimizer, training, seed).
    pub fn named_settings(&self) -> Vec<(&'static str, String)> {
        let (t, m, o, r) = (&self.task, &self.model, &self.optimizer, &self.training);
        vec![
            ("task", t.kind.slug().to_string()),
            ("modulus", t.modulus.to_string()),
            ("n_train", self.resolved_n_train().to_string()),
            ("n_memorize", t.n_memorize.to_string()),
            ("split", format!("{:?}", t.split).to_lowercase()),
            ("d_model", m.d_model.to_string()),
            ("n_layers", m.n_layers.to_string()),
            ("n_heads", m.n_heads.to_string()),
            ("mlp_ratio", m.mlp_ratio.to_string()),
            ("split_mlp", m.split_mlp.to_string()),
            ("lr", o.lr.to_string()),
            ("weight_decay", o.weight_decay.to_string()),
            ("warmup_steps", o.warmup_steps.to_string()),
            ("steps", r.steps.to_string()),
            ("eval_every", r.eval_every.to_string()),
            ("seed", self.seed.to_string()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use crate::preset::builtin_presets;

    #[test]
    fn settings_name_the_values_that_make_the_run() {
        let mut p = (builtin_presets().into_iter())
            .find(|p| p.name == "grokking")
            .unwrap();
        p.model.d_model = 32;
        let s = p.named_settings();
        let get = |k: &str| s.iter().find(|(n, _)| *n == k).map(|(_, v)| v.as_str());
        assert_eq!(get("d_model"), Some("32"));
        assert_eq!(get("task"), Some("mod-add"));
        assert_eq!(get("lr"), Some("0.003"));
        assert_eq!(get("seed"), Some("0"));
    }
}
