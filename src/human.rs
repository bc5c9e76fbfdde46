//! Numbers as people read them: shared by the headless printer, the TUI and reports.

/// `0.9871` → `"98.7%"`.
pub fn pct(x: f32) -> String {
    format!("{:.1}%", x * 100.0)
}

/// An optional accuracy, `"–"` when absent.
pub fn opt_pct(x: Option<f32>) -> String {
    x.map_or_else(|| "–".to_string(), pct)
}

/// The val accuracy of a line of progress: `"98.7%"`, or with the twin-free val (the pairs
/// whose swapped twin is not in training) beside it, `"98.7% (twin-free 97.9%)"`.
pub fn val_pct(val: Option<f32>, twin_free: Option<f32>) -> String {
    match twin_free {
        Some(t) => format!("{} (twin-free {})", opt_pct(val), pct(t)),
        None => opt_pct(val),
    }
}

/// Seconds as `"42s"`, `"3m05s"`, `"2h03m"`, `"4.5 days"` or `"23.0 years"`.
pub fn duration(secs: f64) -> String {
    if !secs.is_finite() || secs < 0.0 {
        return "?".into();
    }
    let s = secs.round() as u64;
    match s {
        0..=59 => format!("{s}s"),
        60..=3599 => format!("{}m{:02}s", s / 60, s % 60),
        3600..=172_799 => format!("{}h{:02}m", s / 3600, s % 3600 / 60),
        172_800..=31_535_999 => format!("{:.1} days", secs / 86_400.0),
        _ => format!("{:.1} years", secs / 31_536_000.0),
    }
}

/// A step count with thin thousands grouping: `25000` → `"25 000"`.
pub fn steps(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Steps per second with sensible precision.
pub fn rate(x: f32) -> String {
    if x >= 100.0 {
        format!("{x:.0}/s")
    } else {
        format!("{x:.1}/s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(pct(0.98765), "98.8%");
        assert_eq!(opt_pct(None), "–");
        assert_eq!(duration(42.4), "42s");
        assert_eq!(duration(185.0), "3m05s");
        assert_eq!(duration(7380.0), "2h03m");
        assert_eq!(duration(3.0 * 86_400.0), "3.0 days");
        assert_eq!(duration(2.0 * 31_536_000.0), "2.0 years");
        assert_eq!(steps(25_000), "25 000");
        assert_eq!(steps(1_234_567), "1 234 567");
        assert_eq!(steps(999), "999");
        assert_eq!(rate(312.4), "312/s");
        assert_eq!(rate(12.34), "12.3/s");
    }
}
