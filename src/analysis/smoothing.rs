//! The one smoothing every series of the detector and its circuit watch goes through.

/// The median of the last `k` finite values (NaN when there are none): the smoothing of every
/// series the detector and its circuit watch follow.
pub(super) fn median_tail(xs: &[f32], k: usize) -> f32 {
    let start = xs.len().saturating_sub(k.max(1));
    let mut w: Vec<f32> = xs[start..]
        .iter()
        .copied()
        .filter(|x| x.is_finite())
        .collect();
    if w.is_empty() {
        return f32::NAN;
    }
    w.sort_by(f32::total_cmp);
    let n = w.len();
    if n % 2 == 1 {
        w[n / 2]
    } else {
        0.5 * (w[n / 2 - 1] + w[n / 2])
    }
}
