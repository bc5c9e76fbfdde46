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

/// `text` broken at spaces into lines at most `width` columns wide (a word longer than
/// `width` is cut into pieces), so that long messages wrap instead of being clipped. A
/// number's digit groups stay together ("25 000" never ends a line at "25").
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in number_words(text) {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let used = line.chars().count();
            let sep = usize::from(used > 0);
            if used + sep + word.len() <= width {
                if sep == 1 {
                    line.push(' ');
                }
                line.extend(word.iter());
                break;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            let rest = word.split_off(width);
            lines.push(word.iter().collect());
            word = rest;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The words of `text`, with a number's space-separated digit groups joined into one word.
fn number_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for w in text.split_whitespace() {
        let group = w.len() >= 3
            && w.chars().take(3).all(|c| c.is_ascii_digit())
            && !w.chars().nth(3).is_some_and(|c| c.is_ascii_digit());
        match words.last_mut() {
            Some(prev) if group && prev.ends_with(|c: char| c.is_ascii_digit()) => {
                prev.push(' ');
                prev.push_str(w);
            }
            _ => words.push(w.to_string()),
        }
    }
    words
}

/// An optional step, `"–"` when absent.
pub fn opt_steps(s: Option<u64>) -> String {
    s.map_or_else(|| "–".into(), crate::human::steps)
}

/// A loss as the readouts write it: three decimals, or in scientific notation below 0.01,
/// where three decimals would read 0.000 (a memorized run's train loss is 1e-5).
pub fn loss(v: f64) -> String {
    if v != 0.0 && v.abs() < 0.01 {
        format!("{v:.1e}")
    } else {
        format!("{v:.3}")
    }
}

/// An optional loss, `"–"` when absent.
pub fn opt_loss(v: Option<f64>) -> String {
    v.map_or_else(|| "–".into(), loss)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_losses_in_scientific_notation() {
        assert_eq!(loss(24.1638), "24.164");
        assert_eq!(loss(0.052), "0.052");
        assert_eq!(loss(0.000_012_3), "1.2e-5");
        assert_eq!(loss(0.0), "0.000");
        assert_eq!(opt_loss(None), "–");
    }

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

    #[test]
    fn wraps_at_spaces_and_cuts_long_words() {
        assert_eq!(
            wrap_words("val rose from 2 % to 14 %", 10),
            ["val rose", "from 2 %", "to 14 %"]
        );
        assert_eq!(wrap_words("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap_words("", 4), [""]);
        assert_eq!(wrap_words("by step 25 000.", 10), ["by step", "25 000."]);
    }
}
