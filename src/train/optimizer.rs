//! AdamW whose state we own, so checkpoints can hold it and resume exactly.
//!
//! dfdx's `Adam` needs compile-time shapes and keeps its moments private; here the moments
//! live beside the model and each tensor is updated with dfdx's own per-tensor kernel
//! (`AdamConfig::try_update`, decoupled weight decay = AdamW). The learning rate warms up
//! linearly: step t (1-based) uses `lr · min(1, t / warmup_steps)`.

use crate::model::Transformer;
use crate::preset::OptimizerSpec;
use dfdx::optim::{AdamConfig, WeightDecay};
use dfdx::prelude::*;

type DevVec = <Cpu as Storage<f32>>::Vec;

/// First and second moments for every parameter, plus the step count.
pub struct AdamW {
    spec: OptimizerSpec,
    pub(crate) moment1: Vec<DevVec>,
    pub(crate) moment2: Vec<DevVec>,
    /// Updates applied so far.
    pub(crate) t: u64,
}

impl AdamW {
    pub fn new(spec: &OptimizerSpec, model: &Transformer) -> Self {
        let dev = model.device();
        let zeros = || -> Vec<DevVec> {
            model
                .infos()
                .iter()
                .map(|i| dev.try_alloc_len(i.numel()).expect("cpu allocation"))
                .collect()
        };
        Self {
            spec: spec.clone(),
            moment1: zeros(),
            moment2: zeros(),
            t: 0,
        }
    }

    /// The learning rate of update number `t` (1-based).
    pub fn lr_at(&self, t: u64) -> f64 {
        let warm = self.spec.warmup_steps;
        if warm == 0 {
            self.spec.lr
        } else {
            self.spec.lr * (t as f64 / warm as f64).min(1.0)
        }
    }

    /// Applies one update from `grads` to every parameter of `model`.
    pub fn update(&mut self, model: &mut Transformer, grads: &mut Gradients<f32, Cpu>) {
        self.t += 1;
        let cfg = AdamConfig {
            lr: self.lr_at(self.t),
            betas: [self.spec.beta1, self.spec.beta2],
            eps: self.spec.eps,
            weight_decay: Some(WeightDecay::Decoupled(self.spec.weight_decay)),
        };
        let t = i32::try_from(self.t).unwrap_or(i32::MAX);
        for (i, param) in model.params_mut().iter_mut().enumerate() {
            let grad = grads.get_or_alloc_mut(param).expect("cpu allocation");
            cfg.try_update(t, param, &mut self.moment1[i], &mut self.moment2[i], grad)
                .expect("cpu kernel");
        }
    }

    pub fn steps(&self) -> u64 {
        self.t
    }
}
