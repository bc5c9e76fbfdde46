//! The constant 0/1 matrices that let attention sum a product per head and expand weights
//! back to the width with two GEMMs (see `attention`).

use super::Tensor2;
use dfdx::prelude::*;

/// `sum` (`d × h`, entry (i, j) = `scale` when unit i belongs to head j) and its 0/1
/// transpose `expand` (`h × d`).
#[derive(Clone, Debug)]
pub(super) struct HeadMatrices {
    pub sum: Tensor2,
    pub expand: Tensor2,
}

impl HeadMatrices {
    /// For width `d` in `h` heads; `sum` is pre-scaled by 1/√d_head.
    pub fn new(dev: &Cpu, d: usize, h: usize) -> Self {
        let dh = d / h;
        let scale = 1.0 / (dh as f32).sqrt();
        let sum = (0..d * h)
            .map(|k| if (k / h) / dh == k % h { scale } else { 0.0 })
            .collect();
        let expand = (0..h * d)
            .map(|k| if (k % d) / dh == k / d { 1.0 } else { 0.0 })
            .collect();
        Self {
            sum: dev.tensor_from_vec(sum, (d, h)),
            expand: dev.tensor_from_vec(expand, (h, d)),
        }
    }

    /// The same matrices on another device.
    pub fn on(&self, dev: &Cpu) -> Self {
        let copy = |t: &Tensor2| dev.tensor_from_vec(t.as_vec(), *t.shape());
        Self {
            sum: copy(&self.sum),
            expand: copy(&self.expand),
        }
    }
}
