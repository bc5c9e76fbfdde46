//! Plain data types shared by the detector and its users.

use std::fmt;
use std::str::FromStr;

/// One evaluation of a run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Observation {
    pub step: u64,
    pub train_acc: f32,
    /// `None` when the run has no validation set (or this evaluation skipped it).
    pub val_acc: Option<f32>,
    /// The paper's val accuracy, twin pairs included, when `val_acc` is the twin-free one
    /// (`data::twins`); the detector judges `val_acc` and only notes where this disagrees.
    pub leaky_val_acc: Option<f32>,
    pub param_norm: f32,
}

/// What a [`PhaseEvent`] reports. Each kind fires at most once per run, except
/// [`EventKind::Plateau`], which fires once per distinct plateau level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum EventKind {
    Memorized,
    GeneralizationOnset,
    Generalized,
    Plateau,
    NormRising,
    NormFalling,
    /// The circuit progress measures show the generalizing circuit taking over
    /// (`analysis::circuit_watch`); a leading indicator, addition tasks only.
    CircuitForming,
}

impl EventKind {
    pub const ALL: [EventKind; 7] = [
        EventKind::Memorized,
        EventKind::GeneralizationOnset,
        EventKind::Generalized,
        EventKind::Plateau,
        EventKind::NormRising,
        EventKind::NormFalling,
        EventKind::CircuitForming,
    ];

    /// Short lowercase name, e.g. `"generalization onset"`.
    pub fn label(self) -> &'static str {
        match self {
            EventKind::Memorized => "memorized",
            EventKind::GeneralizationOnset => "generalization onset",
            EventKind::Generalized => "generalized",
            EventKind::Plateau => "plateau",
            EventKind::NormRising => "norm rising",
            EventKind::NormFalling => "norm falling",
            EventKind::CircuitForming => "circuit forming",
        }
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Something the detector noticed. `step` is the first evaluation of the run of
/// evaluations that confirmed it (so it can be a few evaluations before the
/// observation that made the detector report it).
#[derive(Clone, Debug, PartialEq)]
pub struct PhaseEvent {
    pub step: u64,
    pub kind: EventKind,
    /// One human line, e.g. "train accuracy reached 99.6 %".
    pub message: String,
}

/// The training dynamic of a run (the paper's four zones, plus two honest extras).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Phase {
    /// Too early, not enough data, no validation set, or a transition in progress.
    Undecided,
    /// Generalization began while train accuracy was still moderate (partial memorization first).
    Progression,
    /// Train accuracy ~100 %, val stays at its baseline long after memorization.
    Ungrokking,
    /// Train accuracy ~100 % first; much later val jumps to ~100 %.
    Grokking,
    /// Train accuracy ~100 % first; later val rises only part-way and plateaus.
    SemiGrokking,
    /// Train and val accuracy rise together, with no memorization gap.
    Comprehension,
    /// The training loss or the parameter norm became NaN or infinite: training stopped.
    Diverged,
}

impl Phase {
    pub const ALL: [Phase; 7] = [
        Phase::Undecided,
        Phase::Progression,
        Phase::Ungrokking,
        Phase::Grokking,
        Phase::SemiGrokking,
        Phase::Comprehension,
        Phase::Diverged,
    ];

    /// Lowercase words: "undecided", "progression", "ungrokking", "grokking",
    /// "semi-grokking", "comprehension", "diverged".
    pub fn label(self) -> &'static str {
        match self {
            Phase::Undecided => "undecided",
            Phase::Progression => "progression",
            Phase::Ungrokking => "ungrokking",
            Phase::Grokking => "grokking",
            Phase::SemiGrokking => "semi-grokking",
            Phase::Comprehension => "comprehension",
            Phase::Diverged => "diverged",
        }
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Error of [`Phase::from_str`]: the text names no phase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsePhaseError(pub String);

impl fmt::Display for ParsePhaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown phase '{}' (expected one of: undecided, progression, ungrokking, grokking, semi-grokking, comprehension, diverged)",
            self.0
        )
    }
}

impl std::error::Error for ParsePhaseError {}

impl FromStr for Phase {
    type Err = ParsePhaseError;

    /// Inverse of `Display`; also accepts any case and `_` or space for `-`
    /// (`"Semi_Grokking"`, `"semi grokking"`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm: String = s
            .trim()
            .chars()
            .map(|c| match c {
                '_' | ' ' => '-',
                c => c.to_ascii_lowercase(),
            })
            .collect();
        Phase::ALL
            .into_iter()
            .find(|p| p.label() == norm || p.label().replace('-', "") == norm)
            .ok_or_else(|| ParsePhaseError(s.to_string()))
    }
}

/// The detector's answer for the run so far.
#[derive(Clone, Debug, PartialEq)]
pub struct Classification {
    pub phase: Phase,
    /// One line, e.g. "val rose from 2 % to 99 % between steps 9 800 and 14 200,
    /// 8 600 steps after memorization; norm fell 31 %".
    pub reason: String,
}

/// Human formatting used in messages and reasons.
pub(crate) mod fmt_human {
    /// Step with a space every three digits: `9800` -> `"9 800"`.
    pub fn step(s: u64) -> String {
        let digits = s.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(' ');
            }
            out.push(c);
        }
        out
    }

    /// Accuracy (0..1) as a percentage: `0.02` -> `"2 %"`, `0.9963` -> `"99.6 %"`,
    /// `0.004` -> `"0.4 %"`. One decimal only where rounding would mislead
    /// (just under 100 % or just over 0 %).
    pub fn pct(x: f32) -> String {
        if !x.is_finite() {
            return "? %".to_string();
        }
        let p = x * 100.0;
        let s = if (p > 0.0 && p < 1.0) || (99.0..100.0).contains(&p) {
            let s = format!("{p:.1}");
            s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
        } else {
            format!("{:.0}", p)
        };
        format!("{s} %")
    }

    /// A relative change as words: `-0.31` -> `"fell 31 %"`, `0.82` -> `"rose 82 %"`,
    /// small changes -> `"stayed flat (+2 %)"`.
    pub fn change(frac: f32, flat_below: f32) -> String {
        if !frac.is_finite() {
            return "changed by an unknown amount".to_string();
        }
        let p = (frac * 100.0).round();
        if frac.abs() < flat_below {
            format!("stayed flat ({}{} %)", if p >= 0.0 { "+" } else { "" }, p)
        } else if frac > 0.0 {
            format!("rose {} %", p)
        } else {
            format!("fell {} %", -p)
        }
    }

    /// A norm value with sensible precision: `31.04` -> `"31.0"`.
    pub fn norm(x: f32) -> String {
        if x.abs() >= 100.0 {
            format!("{x:.0}")
        } else {
            format!("{x:.1}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phase_display_fromstr_roundtrip() {
        for p in Phase::ALL {
            assert_eq!(p.to_string(), p.label());
            assert_eq!(p.label().parse::<Phase>().unwrap(), p);
        }
        assert_eq!("semi-grokking".parse::<Phase>(), Ok(Phase::SemiGrokking));
        assert_eq!("Semi_Grokking".parse::<Phase>(), Ok(Phase::SemiGrokking));
        assert_eq!("semigrokking".parse::<Phase>(), Ok(Phase::SemiGrokking));
        assert_eq!(" GROKKING ".parse::<Phase>(), Ok(Phase::Grokking));
        let err = "grok".parse::<Phase>().unwrap_err();
        assert!(err.to_string().contains("'grok'"));
    }

    #[test]
    fn human_formatting() {
        use fmt_human::*;
        assert_eq!(step(0), "0");
        assert_eq!(step(999), "999");
        assert_eq!(step(9800), "9 800");
        assert_eq!(step(1234567), "1 234 567");
        assert_eq!(pct(0.02), "2 %");
        assert_eq!(pct(0.996), "99.6 %");
        assert_eq!(pct(1.0), "100 %");
        assert_eq!(pct(0.004), "0.4 %");
        assert_eq!(pct(0.0), "0 %");
        assert_eq!(change(-0.31, 0.1), "fell 31 %");
        assert_eq!(change(0.82, 0.1), "rose 82 %");
        assert_eq!(change(0.02, 0.1), "stayed flat (+2 %)");
        assert_eq!(norm(31.04), "31.0");
    }
}
