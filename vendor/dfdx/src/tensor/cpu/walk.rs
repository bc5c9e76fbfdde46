//! groktop patch: a row-major walk over a shape for several operands at once, in the same
//! element order as [super::NdIndex], but one call per innermost row instead of per element.
//!
//! Dimensions of length 1 are dropped and adjacent dimensions that are laid out one after the
//! other in every operand are merged, so a dense tensor is one long row. Element order (and so
//! the order of any accumulation into a repeated index) is exactly NdIndex's.

/// The most dimensions a dfdx shape has.
const MAX_DIMS: usize = 8;

/// Lengths and per-operand strides of the dimensions left after dropping and merging.
pub(crate) struct Walk<const K: usize> {
    lens: [usize; MAX_DIMS],
    strides: [[usize; K]; MAX_DIMS],
    n: usize,
}

impl<const K: usize> Walk<K> {
    /// A walk over `shape` where operand `k` has strides `strides[k]`.
    pub(crate) fn new(shape: &[usize], strides: [&[usize]; K]) -> Self {
        let mut w = Self {
            lens: [1; MAX_DIMS],
            strides: [[0; K]; MAX_DIMS],
            n: 0,
        };
        for (d, &len) in shape.iter().enumerate() {
            if len == 1 {
                continue;
            }
            let s: [usize; K] = std::array::from_fn(|k| strides[k][d]);
            if w.n > 0 {
                let p = w.n - 1;
                if (0..K).all(|k| w.strides[p][k] == s[k] * len) {
                    w.lens[p] *= len;
                    w.strides[p] = s;
                    continue;
                }
            }
            w.lens[w.n] = len;
            w.strides[w.n] = s;
            w.n += 1;
        }
        w
    }

    /// Calls `row(offsets, len, inner_strides)` for every innermost row, in row-major order:
    /// the row's elements are at `offsets[k] + i * inner_strides[k]` for `i < len`.
    #[inline(always)]
    pub(crate) fn rows(&self, mut row: impl FnMut([usize; K], usize, [usize; K])) {
        if self.n == 0 {
            row([0; K], 1, [0; K]);
            return;
        }
        let inner = self.n - 1;
        let (len, inner_strides) = (self.lens[inner], self.strides[inner]);
        let mut idx = [0usize; MAX_DIMS];
        let mut base = [0usize; K];
        loop {
            row(base, len, inner_strides);
            let mut d = inner;
            loop {
                if d == 0 {
                    return;
                }
                d -= 1;
                idx[d] += 1;
                for k in 0..K {
                    base[k] += self.strides[d][k];
                }
                if idx[d] < self.lens[d] {
                    break;
                }
                for k in 0..K {
                    base[k] -= self.strides[d][k] * self.lens[d];
                }
                idx[d] = 0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shapes::Shape;
    use crate::tensor::cpu::NdIndex;

    /// Every element's offsets, in walk order, against NdIndex's order.
    fn check(shape: [usize; 4], a: [usize; 4], b: [usize; 4]) {
        let s = (shape[0], shape[1], shape[2], shape[3]);
        let mut ia = NdIndex::new(s, a);
        let mut ib = NdIndex::new(s, b);
        let mut expected = Vec::new();
        while let (Some(x), Some(y)) = (ia.next(), ib.next()) {
            expected.push([x, y]);
        }
        let mut got = Vec::new();
        Walk::new(&shape, [&a, &b]).rows(|base, len, st| {
            for i in 0..len {
                got.push([base[0] + i * st[0], base[1] + i * st[1]]);
            }
        });
        assert_eq!(got, expected, "shape {shape:?} strides {a:?} {b:?}");
    }

    #[test]
    fn walk_matches_nd_index() {
        let dense = |s: [usize; 4]| (s[0], s[1], s[2], s[3]).strides();
        for shape in [[2, 3, 4, 5], [5, 1, 3, 4], [1, 1, 1, 1], [3, 1, 1, 7], [4, 2, 1, 1]] {
            let d = dense(shape);
            check(shape, d, d);
            check(shape, d, [d[0], 0, d[2], d[3]]);
            check(shape, [0, d[1], 0, d[3]], d);
            check(shape, [d[0], d[1], d[2], 0], [0, 0, 0, 1]);
            check(shape, [1, shape[0], shape[0] * shape[1], shape[0] * shape[1] * shape[2]], d);
        }
    }
}
