//! Short number formats for axes and narrow columns (the long forms are in `crate::human`).

/// `25000` → `"25k"`, `12500` → `"12.5k"`, `1200000` → `"1.2M"`.
pub fn short_steps(n: f64) -> String {
    let n = n.max(0.0);
    let (v, unit) = if n >= 1e6 {
        (n / 1e6, "M")
    } else if n >= 1e3 {
        (n / 1e3, "k")
    } else {
        (n, "")
    };
    let s = if (v - v.round()).abs() < 0.05 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    };
    format!("{s}{unit}")
}

/// A power of ten as a tick label: `-3` → `"1e-3"`, `0` → `"1"`, `-1` → `"0.1"`.
pub fn decade(exp: i32) -> String {
    match exp {
        -1 => "0.1".into(),
        0 => "1".into(),
        1 => "10".into(),
        2 => "100".into(),
        _ => format!("1e{exp}"),
    }
}

/// An optional step, `"–"` when absent.
pub fn opt_steps(s: Option<u64>) -> String {
    s.map_or_else(|| "–".into(), crate::human::steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(short_steps(25_000.0), "25k");
        assert_eq!(short_steps(12_500.0), "12.5k");
        assert_eq!(short_steps(999.0), "999");
        assert_eq!(short_steps(1_200_000.0), "1.2M");
        assert_eq!(decade(-3), "1e-3");
        assert_eq!(decade(0), "1");
        assert_eq!(opt_steps(None), "–");
    }
}
