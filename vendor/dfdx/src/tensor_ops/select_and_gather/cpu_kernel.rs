#![allow(clippy::needless_range_loop)]

use crate::shapes::{Axes, Dtype, RemoveDimTo, ReplaceDimTo, Shape, Unit};
use crate::tensor::{
    cpu::{index_to_i, LendingIterator, NdIndex},
    Cpu, Storage, Tensor, ZerosTensor,
};

/// groktop patch: the row-copy fast path of gather (axis 0, 1-D indices) and select (the
/// indices cover every axis before the selected one) on dense tensors. Returns the length of
/// the contiguous block each index moves and, per index in memory order, the offset of its
/// block in the input; output block `p` starts at `p * inner`. `None` when the layout does
/// not fit, and the general path runs.
fn dense_blocks<Src: Shape, Idx: Shape, E: Unit>(
    inp: &Tensor<Src, E, Cpu>,
    idx: &Tensor<Idx, usize, Cpu>,
    ax: usize,
    select: bool,
) -> Option<(usize, std::vec::Vec<usize>)> {
    let fits = if select {
        <Idx as Shape>::NUM_DIMS == ax
    } else {
        ax == 0 && <Idx as Shape>::NUM_DIMS == 1
    };
    if !fits || inp.strides != inp.shape.strides() || idx.strides != idx.shape.strides() {
        return None;
    }
    let len = inp.shape.concrete()[ax];
    let inner = inp.strides[ax];
    let offsets = idx
        .data
        .iter()
        .enumerate()
        .map(|(p, &i)| {
            assert!(i < len, "Index out of bounds: index={i} axis length={len}");
            if select {
                (p * len + i) * inner
            } else {
                i * inner
            }
        })
        .collect();
    Some((inner, offsets))
}

impl<E: Dtype> super::ReplaceDimKernel<E> for Cpu {
    fn forward<Src: Shape, Dst: Shape, Idx: Shape>(
        &self,
        inp: &Tensor<Src, E, Self>,
        idx: &Tensor<Idx, usize, Self>,
    ) -> Result<Tensor<Dst, E, Self>, Self::Err>
    where
        Src: ReplaceDimTo<Dst, Idx>,
    {
        let ax = Src::Ax::as_array()[0] as usize;
        assert!(<Idx as Shape>::NUM_DIMS >= ax);

        let offset = <Idx as Shape>::NUM_DIMS - ax;

        if let Some((inner, offsets)) = dense_blocks(inp, idx, ax, false) {
            let mut out = self.try_overwritten_like(&inp.shape.replace(idx.shape))?;
            let o = std::sync::Arc::get_mut(&mut out.data).unwrap();
            for (out_block, &at) in o.chunks_exact_mut(inner).zip(&offsets) {
                out_block.copy_from_slice(&inp.data[at..at + inner]);
            }
            return Ok(out);
        }
        let mut out = self.try_zeros_like(&inp.shape.replace(idx.shape))?;
        let mut out_iter = out.iter_mut_with_index();
        while let Some((x, i_replaced)) = out_iter.next() {
            let mut i_idx: <Idx as Shape>::Concrete = Default::default();
            let mut i_inp: Src::Concrete = Default::default();

            // # Construct the `idx` indices
            // the indices into `idx` will always share the same "head"
            // as the indices for `out`.
            for j in 0..<Idx as Shape>::NUM_DIMS {
                i_idx[j] = i_replaced[j];
            }

            // # Construct the `inp` indices
            for j in 0..Src::NUM_DIMS {
                i_inp[j] = match j.cmp(&ax) {
                    std::cmp::Ordering::Less => i_replaced[j],
                    std::cmp::Ordering::Equal => idx[i_idx],
                    std::cmp::Ordering::Greater => i_replaced[j - 1 + offset],
                };
            }
            *x = inp[i_inp];
        }
        Ok(out)
    }

    fn backward<Src: Shape, Dst: Shape, Idx: Shape>(
        &self,
        inp: &Tensor<Src, E, Self>,
        grad_inp: &mut <Self as Storage<E>>::Vec,
        idx: &Tensor<Idx, usize, Self>,
        out: &Tensor<Dst, E, Self>,
        grad_out: &<Self as Storage<E>>::Vec,
    ) -> Result<(), Self::Err>
    where
        Src: ReplaceDimTo<Dst, Idx>,
    {
        let ax = Src::Ax::as_array()[0] as usize;

        // NOTE: this is the same exact indexing logic as forward
        let offset = <Idx as Shape>::NUM_DIMS - ax;

        if let Some((inner, offsets)) = dense_blocks(inp, idx, ax, false) {
            for (go, &at) in grad_out.chunks_exact(inner).zip(&offsets) {
                for (g, &go) in grad_inp[at..at + inner].iter_mut().zip(go) {
                    *g += go;
                }
            }
            return Ok(());
        }
        let mut out_idx = NdIndex::new(out.shape, out.strides);
        while let Some((i_out, i_replaced)) = out_idx.next_with_idx() {
            let mut i_idx: <Idx as Shape>::Concrete = Default::default();
            let mut i_inp: Src::Concrete = Default::default();
            for j in 0..<Idx as Shape>::NUM_DIMS {
                i_idx[j] = i_replaced[j];
            }
            for j in 0..Src::NUM_DIMS {
                i_inp[j] = match j.cmp(&ax) {
                    std::cmp::Ordering::Less => i_replaced[j],
                    std::cmp::Ordering::Equal => idx[i_idx],
                    std::cmp::Ordering::Greater => i_replaced[j - 1 + offset],
                };
            }
            grad_inp[index_to_i(&inp.shape, &inp.strides, i_inp)] += grad_out[i_out];
        }
        Ok(())
    }
}

impl<E: Dtype> super::RemoveDimKernel<E> for Cpu {
    fn forward<Src: Shape, Dst: Shape, Idx: Shape>(
        &self,
        inp: &Tensor<Src, E, Self>,
        idx: &Tensor<Idx, usize, Self>,
    ) -> Result<Tensor<Dst, E, Self>, Self::Err>
    where
        Src: RemoveDimTo<Dst, Idx>,
    {
        let ax = Src::Ax::as_array()[0] as usize;

        if let Some((inner, offsets)) = dense_blocks(inp, idx, ax, true) {
            let mut out = self.try_overwritten_like(&inp.shape.remove(idx.shape))?;
            let o = std::sync::Arc::get_mut(&mut out.data).unwrap();
            for (out_block, &at) in o.chunks_exact_mut(inner).zip(&offsets) {
                out_block.copy_from_slice(&inp.data[at..at + inner]);
            }
            return Ok(out);
        }
        let mut out = self.try_zeros_like(&inp.shape.remove(idx.shape))?;
        let mut out_iter = out.iter_mut_with_index();
        while let Some((x, i_replaced)) = out_iter.next() {
            let mut i_idx: <Idx as Shape>::Concrete = Default::default();
            let mut i_inp: Src::Concrete = Default::default();

            // # Construct the `idx` indices
            // the indices into `idx` will always share the same "head"
            // as the indices for `out`.
            for j in 0..<Idx as Shape>::NUM_DIMS {
                i_idx[j] = i_replaced[j];
            }

            // # Construct the `inp` indices
            for j in 0..Src::NUM_DIMS {
                i_inp[j] = match j.cmp(&ax) {
                    std::cmp::Ordering::Less => i_replaced[j],
                    std::cmp::Ordering::Equal => idx[i_idx],
                    std::cmp::Ordering::Greater => i_replaced[j - 1],
                };
            }
            *x = inp[i_inp];
        }
        Ok(out)
    }

    fn backward<Src: Shape, Dst: Shape, Idx: Shape>(
        &self,
        inp: &Tensor<Src, E, Self>,
        grad_inp: &mut <Self as Storage<E>>::Vec,
        idx: &Tensor<Idx, usize, Self>,
        out: &Tensor<Dst, E, Self>,
        grad_out: &<Self as Storage<E>>::Vec,
    ) -> Result<(), Self::Err>
    where
        Src: RemoveDimTo<Dst, Idx>,
    {
        let ax = Src::Ax::as_array()[0] as usize;

        if let Some((inner, offsets)) = dense_blocks(inp, idx, ax, true) {
            for (go, &at) in grad_out.chunks_exact(inner).zip(&offsets) {
                for (g, &go) in grad_inp[at..at + inner].iter_mut().zip(go) {
                    *g += go;
                }
            }
            return Ok(());
        }
        let mut out_idx = NdIndex::new(out.shape, out.strides);
        while let Some((i_out, i_replaced)) = out_idx.next_with_idx() {
            let mut i_idx: <Idx as Shape>::Concrete = Default::default();
            let mut i_inp: Src::Concrete = Default::default();
            for j in 0..<Idx as Shape>::NUM_DIMS {
                i_idx[j] = i_replaced[j];
            }
            for j in 0..Src::NUM_DIMS {
                i_inp[j] = match j.cmp(&ax) {
                    std::cmp::Ordering::Less => i_replaced[j],
                    std::cmp::Ordering::Equal => idx[i_idx],
                    std::cmp::Ordering::Greater => i_replaced[j - 1],
                };
            }
            grad_inp[index_to_i(&inp.shape, &inp.strides, i_inp)] += grad_out[i_out];
        }
        Ok(())
    }
}
