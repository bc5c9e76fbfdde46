//! Multi-head attention over the few positions of a modular-arithmetic prompt.
//!
//! With one query and 3–4 keys per head, batched matmuls would be tens of thousands of tiny
//! GEMM calls. Instead the per-head dot products are an element-wise product over the whole
//! width followed by one GEMM with a constant 0/1 "head sum" matrix (`d × h`, pre-scaled by
//! 1/√d_head), and the weighted sum of values expands the weights back to the width with its
//! transpose. Everything stays a few large, contiguous passes.

use super::{T2, Transformer};
use dfdx::prelude::*;

impl Transformer {
    /// Concatenated heads, `(b·nq) × d`, before the output projection. Queries are the last
    /// `nq` positions; with `nq > 1` the mask is causal.
    pub(super) fn attention<T: Tape<f32, Cpu> + Merge<NoneTape>>(
        &self,
        q: T2<T>,
        k: T2<T>,
        v: T2<T>,
        b: usize,
        nq: usize,
    ) -> T2<T> {
        let (n, h, d) = (self.cfg.n_ctx, self.cfg.n_heads, self.cfg.d_model);
        let full = (b, nq, n, d);
        let q = q
            .reshape_like(&(b, nq, d))
            .broadcast_like::<_, Axis<2>>(&full);
        let k = k
            .reshape_like(&(b, n, d))
            .broadcast_like::<_, Axis<1>>(&full);
        let scores = (q * k)
            .reshape_like(&(b * nq * n, d))
            .matmul(self.heads.sum.clone());
        let scores = scores.reshape_like(&(b, nq, n, h));
        let scores = if nq > 1 {
            scores
                + self
                    .causal_mask(nq)
                    .broadcast_like::<_, Axes2<0, 3>>(&(b, nq, n, h))
        } else {
            scores
        };
        let weights = scores
            .softmax::<Axis<2>>()
            .reshape_like(&(b * nq * n, h))
            .matmul(self.heads.expand.clone());
        let v = v
            .reshape_like(&(b, n, d))
            .broadcast_like::<_, Axis<1>>(&full);
        let z = (weights.reshape_like(&full) * v).sum::<_, Axis<2>>();
        z.reshape_like(&(b * nq, d))
    }

    /// `nq × n_ctx` additive mask for the last `nq` query positions: 0 where the query may see
    /// the key, a large negative number after it.
    fn causal_mask(&self, nq: usize) -> Tensor<(usize, usize), f32, Cpu> {
        let n = self.cfg.n_ctx;
        let values = (0..nq * n)
            .map(|k| {
                let (i, j) = (n - nq + k / n, k % n);
                if j <= i { 0.0 } else { -1e9 }
            })
            .collect();
        self.dev.tensor_from_vec(values, (nq, n))
    }
}
