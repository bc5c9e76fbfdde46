use std::borrow::Cow;

use super::ops::{BinaryKernel, UnaryKernel};
use crate::{
    shapes::{Dtype, Shape},
    tensor::{
        cpu::{Cpu, Walk},
        unique_id, Tensor, Tensorlike,
    },
};

pub trait UnaryDerivative<E> {
    /// Whether the [UnaryDerivative::df] function can re-use the output
    /// from [UnaryDerivative::f].
    const DF_USES_FX: bool;
    /// Whether the derivative of this op can be computed without
    /// any data.
    const HAS_CONST_DF: bool;

    fn f(&self, x: &E) -> E;

    /// Receives `f(x)` if [UnaryDerivative::DF_USES_FX] is true,
    /// otherwise `x`.
    fn df(&self, x: &E) -> E;

    fn const_df(&self) -> E {
        unimplemented!()
    }
}

pub trait BinaryDerivative<E>: std::fmt::Debug {
    /// Whether the derivative of this op can be computed without
    /// any data.
    const HAS_CONST_DF: bool;
    fn f(&self, x: &E, y: &E) -> E;
    fn dfdx(&self, x: &E, y: &E) -> E;
    fn dfdy(&self, x: &E, y: &E) -> E;
    fn const_dfdx(&self) -> E {
        unimplemented!()
    }
    fn const_dfdy(&self) -> E {
        unimplemented!()
    }
}

impl<E: Dtype, Op: UnaryDerivative<E>> UnaryKernel<Op, E> for Cpu {
    const BACKWARD_WITHOUT_INP: bool = Op::DF_USES_FX;
    const BACKWARD_WITHOUT_DATA: bool = Op::HAS_CONST_DF;

    fn forward<S: Shape>(
        &self,
        op: Op,
        inp: Cow<Tensor<S, E, Self>>,
    ) -> Result<Tensor<S, E, Self>, Self::Err> {
        let mut out = match inp {
            Cow::Borrowed(inp) => {
                // groktop patch: write f(x) into a new buffer instead of copying the input's
                // buffer (Arc::make_mut) and mapping it in place; the same values.
                let mut data = self.try_alloc_overwritten(inp.data.len())?;
                for (o, x) in data.iter_mut().zip(inp.data.iter()) {
                    *o = op.f(x);
                }
                return Ok(Tensor {
                    id: unique_id(),
                    data: std::sync::Arc::new(data),
                    shape: inp.shape,
                    strides: inp.strides,
                    device: self.clone(),
                    tape: Default::default(),
                });
            }
            Cow::Owned(mut inp) => {
                // re-use the data buffer
                inp.id = unique_id();
                inp
            }
        };
        // NOTE: we can iterate over buf here because we know inp & out
        // have exact same strides due to clone.
        for x in out.buf_iter_mut() {
            *x = op.f(x);
        }
        Ok(out)
    }
    fn backward<S: Shape>(
        &self,
        op: Op,
        inp: &impl Tensorlike<S, E, Self>,
        grad_inp: &mut Self::Vec,
        out: &impl Tensorlike<S, E, Self>,
        grad_out: &Self::Vec,
    ) -> Result<(), Self::Err> {
        UnaryKernel::backward_overwrite(self, op, inp, grad_inp, out, grad_out, false)
    }

    /// groktop patch: every element of the input's gradient gets exactly one contribution
    /// here (input, output and gradients share one layout), so a fresh one is assigned.
    fn backward_overwrite<S: Shape>(
        &self,
        op: Op,
        inp: &impl Tensorlike<S, E, Self>,
        grad_inp: &mut Self::Vec,
        out: &impl Tensorlike<S, E, Self>,
        grad_out: &Self::Vec,
        fresh: bool,
    ) -> Result<(), Self::Err> {
        let g = grad_inp.as_mut_slice();
        let go = &grad_out[..g.len()];
        match (inp.data(), out.data()) {
            (None, None) => {
                let df = op.const_df();
                dense_row(fresh, g, |i| df * go[i]);
            }
            (None, Some(out)) => dense_row(fresh, g, |i| op.df(&out[i]) * go[i]),
            (Some(inp), None) => dense_row(fresh, g, |i| op.df(&inp[i]) * go[i]),
            _ => unreachable!(),
        }
        Ok(())
    }
}

impl<E: Dtype, Op: BinaryDerivative<E>> BinaryKernel<Op, E> for Cpu {
    const BACKWARD_WITHOUT_DATA: bool = Op::HAS_CONST_DF;
    fn forward<S: Shape>(
        &self,
        op: Op,
        lhs: Cow<Tensor<S, E, Self>>,
        rhs: Cow<Tensor<S, E, Self>>,
    ) -> Result<Tensor<S, E, Self>, Self::Err> {
        match (lhs, rhs) {
            (Cow::Borrowed(lhs), Cow::Borrowed(rhs)) => {
                // groktop patch: row-wise walk, output not zero-filled first.
                let mut out = self.try_overwritten_like(&lhs.shape)?;
                let out_strides = out.strides;
                let (l, r) = (lhs.data.as_slice(), rhs.data.as_slice());
                let o = std::sync::Arc::get_mut(&mut out.data).unwrap().as_mut_slice();
                let dims = lhs.shape.concrete();
                Walk::new(
                    dims.as_ref(),
                    [out_strides.as_ref(), lhs.strides.as_ref(), rhs.strides.as_ref()],
                )
                .rows(|[io, il, ir], len, [so, sl, sr]| {
                    debug_assert_eq!(so, 1);
                    let o = &mut o[io..io + len];
                    match (sl, sr) {
                        (1, 1) => {
                            let (l, r) = (&l[il..il + len], &r[ir..ir + len]);
                            for i in 0..len {
                                o[i] = op.f(&l[i], &r[i]);
                            }
                        }
                        (1, 0) => {
                            let (l, r) = (&l[il..il + len], &r[ir]);
                            for i in 0..len {
                                o[i] = op.f(&l[i], r);
                            }
                        }
                        (0, 1) => {
                            let (l, r) = (&l[il], &r[ir..ir + len]);
                            for i in 0..len {
                                o[i] = op.f(l, &r[i]);
                            }
                        }
                        _ => {
                            for i in 0..len {
                                o[i] = op.f(&l[il + i * sl], &r[ir + i * sr]);
                            }
                        }
                    }
                });
                Ok(out)
            }
            (Cow::Owned(mut lhs), Cow::Owned(mut rhs)) => {
                let lhs_valid = lhs.strides == lhs.shape.strides();
                let rhs_valid = rhs.strides == rhs.shape.strides();
                if lhs_valid || rhs_valid {
                    let lhs_count = std::sync::Arc::strong_count(&lhs.data);
                    let rhs_count = std::sync::Arc::strong_count(&rhs.data);
                    // groktop patch: row-wise walks instead of one NdIndex step per element.
                    let dims = lhs.shape.concrete();
                    if rhs_valid && (rhs_count == 1 || !lhs_valid || lhs_count != 1) {
                        rhs.id = unique_id();
                        let l = lhs.data.as_slice();
                        let r = std::sync::Arc::make_mut(&mut rhs.data).as_mut_slice();
                        Walk::new(dims.as_ref(), [rhs.strides.as_ref(), lhs.strides.as_ref()])
                            .rows(|[ir, il], len, [sr, sl]| {
                                debug_assert_eq!(sr, 1);
                                let r = &mut r[ir..ir + len];
                                if sl == 1 {
                                    let l = &l[il..il + len];
                                    for i in 0..len {
                                        r[i] = op.f(&l[i], &r[i]);
                                    }
                                } else {
                                    for i in 0..len {
                                        r[i] = op.f(&l[il + i * sl], &r[i]);
                                    }
                                }
                            });
                        Ok(rhs)
                    } else {
                        lhs.id = unique_id();
                        let r = rhs.data.as_slice();
                        let l = std::sync::Arc::make_mut(&mut lhs.data).as_mut_slice();
                        Walk::new(dims.as_ref(), [lhs.strides.as_ref(), rhs.strides.as_ref()])
                            .rows(|[il, ir], len, [sl, sr]| {
                                debug_assert_eq!(sl, 1);
                                let l = &mut l[il..il + len];
                                if sr == 1 {
                                    let r = &r[ir..ir + len];
                                    for i in 0..len {
                                        l[i] = op.f(&l[i], &r[i]);
                                    }
                                } else {
                                    for i in 0..len {
                                        l[i] = op.f(&l[i], &r[ir + i * sr]);
                                    }
                                }
                            });
                        Ok(lhs)
                    }
                } else {
                    <Self as BinaryKernel<Op, E>>::forward(
                        self,
                        op,
                        Cow::Borrowed(&lhs),
                        Cow::Borrowed(&rhs),
                    )
                }
            }
            _ => unreachable!(),
        }
    }
    fn backward<S: Shape>(
        &self,
        op: Op,
        lhs: &impl Tensorlike<S, E, Self>,
        grad_lhs: &mut Self::Vec,
        rhs: &impl Tensorlike<S, E, Self>,
        grad_rhs: &mut Self::Vec,
        grad_out: &Self::Vec,
    ) -> Result<(), Self::Err> {
        BinaryKernel::backward_overwrite(self, op, lhs, grad_lhs, rhs, grad_rhs, grad_out, [false; 2])
    }

    /// groktop patch: an operand laid out like the output gets exactly one contribution per
    /// gradient element here, so a fresh gradient of it is assigned (`=`, the same value as
    /// `0 + x`) instead of zero-filled and accumulated. A fresh gradient of a broadcast operand
    /// is zero-filled first, as before.
    fn backward_overwrite<S: Shape>(
        &self,
        op: Op,
        lhs: &impl Tensorlike<S, E, Self>,
        grad_lhs: &mut Self::Vec,
        rhs: &impl Tensorlike<S, E, Self>,
        grad_rhs: &mut Self::Vec,
        grad_out: &Self::Vec,
        fresh: [bool; 2],
    ) -> Result<(), Self::Err> {
        let dims = lhs.shape().concrete();
        let out_strides = lhs.shape().strides();
        let numel = lhs.shape().num_elements();
        let (ls, rs) = (lhs.strides(), rhs.strides());
        let set_l = fresh[0] && ls == out_strides && grad_lhs.len() == numel;
        let set_r = fresh[1] && rs == out_strides && grad_rhs.len() == numel;
        let (gl, gr) = (grad_lhs.as_mut_slice(), grad_rhs.as_mut_slice());
        if fresh[0] && !set_l {
            gl.fill(E::default());
        }
        if fresh[1] && !set_r {
            gr.fill(E::default());
        }
        // groktop patch: row-wise walks in NdIndex's element order (so accumulations into
        // a broadcast input's gradient happen in the same order), dense rows as slices.
        let walk = Walk::new(dims.as_ref(), [out_strides.as_ref(), ls.as_ref(), rs.as_ref()]);
        match (lhs.data(), rhs.data()) {
            (Some(lhs_buf), Some(rhs_buf)) => {
                walk.rows(|[io, il, ir], len, [so, sl, sr]| {
                    debug_assert_eq!(so, 1);
                    let go = &grad_out[io..io + len];
                    if sl == 1 && sr == 1 {
                        let (l, r) = (&lhs_buf[il..il + len], &rhs_buf[ir..ir + len]);
                        let dl = |i: usize| op.dfdx(&l[i], &r[i]) * go[i];
                        let dr = |i: usize| op.dfdy(&l[i], &r[i]) * go[i];
                        dense_row(set_l, &mut gl[il..il + len], dl);
                        dense_row(set_r, &mut gr[ir..ir + len], dr);
                    } else {
                        for i in 0..len {
                            let (li, ri) = (il + i * sl, ir + i * sr);
                            let (l, r) = (&lhs_buf[li], &rhs_buf[ri]);
                            put(set_l, &mut gl[li], op.dfdx(l, r) * go[i]);
                            put(set_r, &mut gr[ri], op.dfdy(l, r) * go[i]);
                        }
                    }
                });
            }
            (None, None) => {
                assert!(Op::HAS_CONST_DF);
                let dx = op.const_dfdx();
                let dy = op.const_dfdy();
                walk.rows(|[io, il, ir], len, [so, sl, sr]| {
                    debug_assert_eq!(so, 1);
                    let go = &grad_out[io..io + len];
                    if sl == 1 && sr == 1 {
                        dense_row(set_l, &mut gl[il..il + len], |i| dx * go[i]);
                        dense_row(set_r, &mut gr[ir..ir + len], |i| dy * go[i]);
                    } else {
                        for i in 0..len {
                            put(set_l, &mut gl[il + i * sl], dx * go[i]);
                            put(set_r, &mut gr[ir + i * sr], dy * go[i]);
                        }
                    }
                });
            }
            _ => unreachable!(),
        }
        Ok(())
    }
}

/// groktop patch: `g[i] = d(i)` for a fresh gradient (`set`), else `g[i] += d(i)`.
#[inline(always)]
fn dense_row<E: Dtype>(set: bool, g: &mut [E], d: impl Fn(usize) -> E) {
    if set {
        for i in 0..g.len() {
            g[i] = d(i);
        }
    } else {
        for i in 0..g.len() {
            g[i] += d(i);
        }
    }
}

/// groktop patch: one element of [dense_row].
#[inline(always)]
fn put<E: Dtype>(set: bool, g: &mut E, d: E) {
    if set {
        *g = d;
    } else {
        *g += d;
    }
}

