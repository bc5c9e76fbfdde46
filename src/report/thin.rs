//! Curves thinned to what a figure can show. A run of a million evaluations would otherwise
//! put a million points into each line of its SVG (88 MB for one report): no figure is wider
//! than a couple of thousand pixels, so each pixel column keeps its first, lowest, highest and
//! last point, in step order. The drawn line covers exactly the same range in every column,
//! spikes included, as the full curve would.

/// Pixel columns a curve is thinned to: wider than any figure groktop draws.
pub const COLUMNS: usize = 1000;

/// `points` (sorted by x) with at most four per pixel column of `COLUMNS` across their x
/// range; a curve that small already is returned whole.
pub fn thin(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    if points.len() <= 4 * COLUMNS {
        return points.to_vec();
    }
    let (x0, x1) = (points[0].0, points[points.len() - 1].0);
    let span = (x1 - x0).max(f64::MIN_POSITIVE);
    let column = |x: f64| (((x - x0) / span * COLUMNS as f64) as usize).min(COLUMNS - 1);
    let mut out = Vec::with_capacity(4 * COLUMNS);
    let mut start = 0;
    while start < points.len() {
        let col = column(points[start].0);
        let end = start + points[start..].partition_point(|p| column(p.0) == col);
        let run = &points[start..end];
        let lowest = (0..run.len()).min_by(|&a, &b| run[a].1.total_cmp(&run[b].1));
        let highest = (0..run.len()).max_by(|&a, &b| run[a].1.total_cmp(&run[b].1));
        let mut keep = [Some(0), lowest, highest, Some(run.len() - 1)];
        keep.sort_unstable();
        let mut last = None;
        for i in keep.into_iter().flatten() {
            if last != Some(i) {
                out.push(run[i]);
                last = Some(i);
            }
        }
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_curve_keeps_each_columns_extremes_in_order() {
        let n = 1_000_000;
        let mut points: Vec<(f64, f64)> = (0..n).map(|i| (i as f64, (i % 7) as f64)).collect();
        points[123_456].1 = 100.0; // a spike
        points[654_321].1 = -5.0; // a dip
        let thinned = thin(&points);
        assert!(thinned.len() <= 4 * COLUMNS, "{}", thinned.len());
        assert!(thinned.windows(2).all(|w| w[0].0 < w[1].0), "x order kept");
        assert!(thinned.contains(&(123_456.0, 100.0)));
        assert!(thinned.contains(&(654_321.0, -5.0)));
        assert_eq!(thinned.first(), points.first());
        assert_eq!(thinned.last(), points.last());
        let short: Vec<(f64, f64)> = points[..100].to_vec();
        assert_eq!(thin(&short), short);
    }
}
