//! The forward pass and the loss, generic over the tape so training (`OwnedTape`) and
//! evaluation (`NoneTape`) share one definition.
//!
//! Two ways of computing less, both exact:
//! - Layer 0 reads the embedding directly, and an embedding row depends only on (position,
//!   token). So layer 0's queries, keys and values are computed once per table entry
//!   (`n_ctx · vocab` rows, a few hundred) and gathered per example, instead of once per
//!   example and position (thousands of rows).
//! - In the last layer only the last position reaches the loss: one query per example.

use super::{Batch, T2, Transformer};
use dfdx::prelude::*;

impl Transformer {
    /// Logits at the last position, `batch.size × n_classes`.
    pub fn logits<T: Tape<f32, Cpu> + Merge<NoneTape>>(&self, batch: &Batch) -> T2<T> {
        let c = &self.cfg;
        let (b, n, d) = (batch.size, c.n_ctx, c.d_model);
        let table = self.embedding_table::<T>();
        let l0 = self.layer(0);
        let project = |w: usize, idx: &Tensor<(usize,), usize, Cpu>| -> T2<T> {
            table
                .retaped::<T>()
                .matmul(self.p::<T>(w))
                .gather(idx.clone())
        };
        let k = project(l0.w_k, &batch.table_idx);
        let v = project(l0.w_v, &batch.table_idx);
        let resid = if c.n_layers == 1 {
            let q = project(l0.w_q, &batch.last_table_idx);
            let x_last: T2<T> = table.gather(batch.last_table_idx.clone());
            self.block_tail(0, x_last, q, k, v, b, 1, batch)
        } else {
            let q = project(l0.w_q, &batch.table_idx);
            let x: T2<T> = table.gather(batch.table_idx.clone());
            let mut x = self.block_tail(0, x, q, k, v, b, n, batch);
            for l in 1..c.n_layers {
                let ix = self.layer(l);
                let k = x.retaped::<T>().matmul(self.p::<T>(ix.w_k));
                let v = x.retaped::<T>().matmul(self.p::<T>(ix.w_v));
                let last = l == c.n_layers - 1;
                let x_q: T2<T> = if last {
                    x.reshape_like(&(b, n, d)).select(batch.last.clone())
                } else {
                    x
                };
                let q = x_q.retaped::<T>().matmul(self.p::<T>(ix.w_q));
                x = self.block_tail(l, x_q, q, k, v, b, if last { 1 } else { n }, batch);
            }
            x
        };
        resid.matmul(self.p::<T>(self.layout.w_u))
    }

    /// Every (position, token) embedding: row `pos · vocab + token` is `W_E[token] + W_pos[pos]`.
    fn embedding_table<T: Tape<f32, Cpu> + Merge<NoneTape>>(&self) -> T2<T> {
        let (n, v, d) = (self.cfg.n_ctx, self.cfg.vocab, self.cfg.d_model);
        let tok = self
            .p::<T>(self.layout.w_e)
            .broadcast_like::<_, Axis<0>>(&(n, v, d));
        let pos = self
            .p::<T>(self.layout.w_pos)
            .broadcast_like::<_, Axis<1>>(&(n, v, d));
        (tok + pos).reshape_like(&(n * v, d))
    }

    /// The rest of a layer once its inputs are projected: attention of `nq` query rows per
    /// example (`x_q`, `q`: `(b·nq) × d`) over all positions (`k`, `v`: `(b·n_ctx) × d`),
    /// output projection, residual, MLP, residual. Returns `(b·nq) × d`.
    #[allow(clippy::too_many_arguments)]
    fn block_tail<T: Tape<f32, Cpu> + Merge<NoneTape>>(
        &self,
        l: usize,
        x_q: T2<T>,
        q: T2<T>,
        k: T2<T>,
        v: T2<T>,
        b: usize,
        nq: usize,
        batch: &Batch,
    ) -> T2<T> {
        let ix = self.layer(l);
        let z = self.attention(q, k, v, b, nq);
        let h = x_q + z.matmul(self.p::<T>(ix.w_o));
        let mask = if l == self.cfg.n_layers - 1 {
            batch.mlp_mask.as_ref()
        } else {
            None
        };
        let mlp = self.mlp(l, h.retaped::<T>(), mask);
        h + mlp
    }
}
