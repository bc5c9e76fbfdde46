//! Summaries across seeds: how many grokked, the median grokking step, and the mean final
//! validation accuracy with a 95 % confidence interval from Student's t.

/// Two-sided 95 % critical values of Student's t for 1..=30 degrees of freedom.
const T95: [f64; 30] = [
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
    2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
    2.052, 2.048, 2.045, 2.042,
];

/// The 95 % two-sided t critical value for `df` degrees of freedom.
pub fn t95(df: usize) -> f64 {
    match df {
        0 => f64::NAN,
        1..=30 => T95[df - 1],
        31..=60 => 2.000,
        61..=120 => 1.980,
        _ => 1.960,
    }
}

/// Mean and half-width of the 95 % confidence interval (None for fewer than 2 values: no
/// interval; the half-width is then NaN).
pub fn mean_ci95(xs: &[f64]) -> Option<(f64, f64)> {
    if xs.is_empty() {
        return None;
    }
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    if xs.len() < 2 {
        return Some((mean, f64::NAN));
    }
    let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0);
    Some((mean, t95(xs.len() - 1) * (var / n).sqrt()))
}

/// The median (the mean of the middle two for an even count).
pub fn median(xs: &[u64]) -> Option<f64> {
    if xs.is_empty() {
        return None;
    }
    let mut v = xs.to_vec();
    v.sort_unstable();
    let m = v.len() / 2;
    Some(if v.len() % 2 == 1 {
        v[m] as f64
    } else {
        (v[m - 1] as f64 + v[m] as f64) / 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ci_matches_hand_computation() {
        // mean 0.9, sd 0.1, n 3: half-width 4.303 · 0.1 / sqrt(3) = 0.24843
        let (m, h) = mean_ci95(&[0.8, 0.9, 1.0]).unwrap();
        assert!((m - 0.9).abs() < 1e-12);
        assert!((h - 0.248_434).abs() < 1e-5, "{h}");
        assert!(mean_ci95(&[0.5]).unwrap().1.is_nan());
        assert_eq!(mean_ci95(&[]), None);
    }

    #[test]
    fn medians() {
        assert_eq!(median(&[3, 1, 2]), Some(2.0));
        assert_eq!(median(&[4, 1, 2, 3]), Some(2.5));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn t_table() {
        assert_eq!(t95(2), 4.303);
        assert_eq!(t95(1000), 1.960);
    }
}
