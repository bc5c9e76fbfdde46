//! The parameter layout: the one place that decides the order, names, shapes and init scales
//! of the model's parameters. `param_infos()` (checkpoints, optimizer state) and the
//! accessors the forward pass uses (`w_e`, `layer(l).w_q`, `w_u`, …) both come from the same
//! sequence of `push` calls, so they cannot disagree.
//!
//! Names follow the PyTorch reference (`W_E`, `W_pos`, `blocks.{l}.W_Q`, …, `W_U`) so a
//! checkpoint's tensors map onto it one to one.

use super::ModelConfig;

/// A parameter's name, logical shape and initial standard deviation.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamInfo {
    pub name: String,
    pub shape: Vec<usize>,
    pub init_std: f32,
}

impl ParamInfo {
    pub fn numel(&self) -> usize {
        self.shape.iter().product()
    }

    /// The stored 2-D shape (`[n]` is stored as `1 × n`).
    pub fn shape2(&self) -> (usize, usize) {
        match self.shape[..] {
            [n] => (1, n),
            [r, c] => (r, c),
            _ => unreachable!("parameters are vectors or matrices"),
        }
    }
}

/// Indices of one layer's parameters in storage order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct LayerIdx {
    pub w_q: usize,
    pub w_k: usize,
    pub w_v: usize,
    pub w_o: usize,
    pub w_in: usize,
    pub b_in: usize,
    pub w_out: usize,
    pub b_out: usize,
}

/// Every parameter's description, in storage order, and where each role sits in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    infos: Vec<ParamInfo>,
    pub(super) w_e: usize,
    pub(super) w_pos: usize,
    pub(super) layers: Vec<LayerIdx>,
    pub(super) w_u: usize,
}

impl Layout {
    pub fn new(cfg: &ModelConfig) -> Self {
        let (d, m) = (cfg.d_model, cfg.d_mlp);
        let s_d = 1.0 / (d as f32).sqrt();
        let s_m = 1.0 / (m as f32).sqrt();
        let mut infos = Vec::new();
        let mut push = |name: String, shape: Vec<usize>, init_std: f32| {
            infos.push(ParamInfo {
                name,
                shape,
                init_std,
            });
            infos.len() - 1
        };
        // Struct literals evaluate their fields in the order written: that order is the
        // storage order.
        let w_e = push("W_E".into(), vec![cfg.vocab, d], s_d);
        let w_pos = push("W_pos".into(), vec![cfg.n_ctx, d], s_d);
        let layers = (0..cfg.n_layers)
            .map(|l| {
                let n = |s: &str| format!("blocks.{l}.{s}");
                LayerIdx {
                    w_q: push(n("W_Q"), vec![d, d], s_d),
                    w_k: push(n("W_K"), vec![d, d], s_d),
                    w_v: push(n("W_V"), vec![d, d], s_d),
                    w_o: push(n("W_O"), vec![d, d], s_d),
                    w_in: push(n("W_in"), vec![d, m], s_d),
                    b_in: push(n("b_in"), vec![m], 0.0),
                    w_out: push(n("W_out"), vec![m, d], s_m),
                    b_out: push(n("b_out"), vec![d], 0.0),
                }
            })
            .collect();
        let w_u = push("W_U".into(), vec![d, cfg.n_classes], s_d);
        Self {
            infos,
            w_e,
            w_pos,
            layers,
            w_u,
        }
    }

    /// Every parameter's name, logical shape and init scale, in storage order.
    pub fn infos(&self) -> &[ParamInfo] {
        &self.infos
    }

    fn into_infos(self) -> Vec<ParamInfo> {
        self.infos
    }
}

impl ModelConfig {
    /// Every parameter's name, logical shape and init scale, in storage order.
    pub fn param_infos(&self) -> Vec<ParamInfo> {
        Layout::new(self).into_infos()
    }

    pub fn n_params(&self) -> usize {
        self.param_infos().iter().map(ParamInfo::numel).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accessors_point_at_their_names() {
        let cfg = ModelConfig {
            vocab: 114,
            n_ctx: 3,
            n_classes: 113,
            d_model: 8,
            n_heads: 4,
            n_layers: 2,
            d_mlp: 32,
            split_mlp: false,
        };
        let layout = Layout::new(&cfg);
        let name = |i: usize| layout.infos()[i].name.as_str();
        assert_eq!(name(layout.w_e), "W_E");
        assert_eq!(name(layout.w_pos), "W_pos");
        assert_eq!(name(layout.w_u), "W_U");
        assert_eq!(layout.w_u, layout.infos().len() - 1);
        for (l, ix) in layout.layers.iter().enumerate() {
            let roles = [
                (ix.w_q, "W_Q"),
                (ix.w_k, "W_K"),
                (ix.w_v, "W_V"),
                (ix.w_o, "W_O"),
                (ix.w_in, "W_in"),
                (ix.b_in, "b_in"),
                (ix.w_out, "W_out"),
                (ix.b_out, "b_out"),
            ];
            for (i, role) in roles {
                assert_eq!(name(i), format!("blocks.{l}.{role}"));
            }
        }
        assert_eq!(layout.infos().len(), 2 + 8 * 2 + 1);
    }
}
