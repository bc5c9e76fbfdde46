//! The ReLU MLP with biases, optionally split between the tasks of a mix (appendix B).

use super::{T2, Tensor2, Transformer};
use dfdx::prelude::*;

impl Transformer {
    /// `W_out · relu(W_in · x + b_in) + b_out` on rows of the residual stream. With a mask
    /// (`rows × d_mlp`, 0/1), each row only uses the hidden units its task owns.
    pub(super) fn mlp<T: Tape<f32, Cpu> + Merge<NoneTape>>(
        &self,
        l: usize,
        x: T2<T>,
        mask: Option<&Tensor2>,
    ) -> T2<T> {
        let rows = x.shape().0;
        let ix = self.layer(l);
        let mut hidden = (x.matmul(self.p::<T>(ix.w_in)) + self.bias::<T>(ix.b_in, rows)).relu();
        if let Some(mask) = mask {
            hidden = hidden * mask.clone();
        }
        hidden.matmul(self.p::<T>(ix.w_out)) + self.bias::<T>(ix.b_out, rows)
    }

    /// A bias stored `1 × n`, as an `n` vector broadcast to `rows × n`.
    fn bias<T: Tape<f32, Cpu>>(&self, i: usize, rows: usize) -> T2<T> {
        let n = self.params[i].shape().1;
        self.p::<T>(i)
            .reshape_like(&(n,))
            .broadcast_like::<_, Axis<0>>(&(rows, n))
    }
}
