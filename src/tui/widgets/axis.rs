//! The step axis shared by every chart: its bounds (steps, or log10 of steps) and the ticks
//! drawn under it. Ticks are round steps chosen for the width they are drawn in, and each is
//! drawn at the very column where that step's points are drawn (see `chart::render_plot`),
//! so a phase marker at step 6 300 sits between the 5k and 7.5k ticks, never under one.

use crate::tui::state::series::log_step;

/// Where the steps of a chart are laid out.
#[derive(Clone, Debug, PartialEq)]
pub struct StepAxis {
    pub log: bool,
    /// In axis units: steps, or log10(steps) on a log axis.
    pub bounds: [f64; 2],
}

/// One tick: its position in axis units and its label.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub x: f64,
    pub label: String,
}

/// Blank columns between neighbouring tick labels (fewer makes the row hard to read).
const GAP: f64 = 3.0;

impl StepAxis {
    /// The whole run, from step 0 to `total`.
    pub fn new(total: u64, log: bool) -> Self {
        Self::span(0, total, log)
    }

    /// Steps `lo..=hi` (a zoomed view); `hi` is at least `lo + 1`.
    pub fn span(lo: u64, hi: u64, log: bool) -> Self {
        let hi = hi.max(lo + 1);
        let bounds = if log {
            let (a, b) = (log_step(lo as f64), log_step(hi as f64));
            [a, if b > a { b } else { a + 1.0 }]
        } else {
            [lo as f64, hi as f64]
        };
        Self { log, bounds }
    }

    /// The axis coordinate of a step.
    pub fn x(&self, step: u64) -> f64 {
        if self.log {
            log_step(step as f64)
        } else {
            step as f64
        }
    }

    /// The ticks for a graph `cols` columns wide: the densest round steps whose labels,
    /// centred on their columns, leave `GAP` blank columns between them.
    pub fn ticks(&self, cols: u16) -> Vec<Tick> {
        let cols = f64::from(cols.max(1));
        if self.log {
            self.log_ticks(cols)
        } else {
            self.linear_ticks(cols)
        }
    }

    fn linear_ticks(&self, cols: f64) -> Vec<Tick> {
        let [lo, hi] = self.bounds;
        let span = hi - lo;
        let mut unit = 10f64.powi((span / 20.0).max(1.0).log10().floor() as i32);
        loop {
            for mult in [1.0, 2.0, 2.5, 5.0] {
                let step = unit * mult;
                let ticks = multiples(lo, hi, step)
                    .map(|v| Tick {
                        x: v,
                        label: tick_label(v),
                    })
                    .collect::<Vec<_>>();
                if fits(&ticks, step / span * cols) {
                    return ticks;
                }
            }
            unit *= 10.0;
            if unit > span * 10.0 {
                return Vec::new();
            }
        }
    }

    /// Decades; with room, 2× and 5× between them; without, every other decade.
    fn log_ticks(&self, cols: f64) -> Vec<Tick> {
        let [lo, hi] = self.bounds;
        let per_decade = cols / (hi - lo);
        let first = lo.floor() as i32;
        let last = hi.ceil() as i32;
        let at = |mults: &[f64], every: i32| -> Vec<Tick> {
            (first..=last)
                .filter(|e| e.rem_euclid(every) == 0)
                .flat_map(|e| mults.iter().map(move |m| m * 10f64.powi(e)))
                .map(|v| (v.log10(), v))
                .filter(|&(x, _)| x >= lo - 1e-9 && x <= hi + 1e-9)
                .map(|(x, v)| Tick {
                    x,
                    label: tick_label(v),
                })
                .collect()
        };
        let fits_log = |ticks: &[Tick]| {
            ticks
                .windows(2)
                .all(|w| (w[1].x - w[0].x) * per_decade >= half_widths(&w[0], &w[1]) + GAP)
        };
        for (mults, every) in [(&[1.0, 2.0, 5.0][..], 1), (&[1.0][..], 1), (&[1.0][..], 2)] {
            let ticks = at(mults, every);
            if fits_log(&ticks) {
                return ticks;
            }
        }
        at(&[1.0], 3)
    }
}

/// `lo..=hi` in steps of `step`, starting at the first multiple of `step` at or above `lo`.
fn multiples(lo: f64, hi: f64, step: f64) -> impl Iterator<Item = f64> {
    let first = (lo / step).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    (first..=last).map(move |i| i as f64 * step)
}

/// Whether labels `spacing` columns apart leave a gap between them.
fn fits(ticks: &[Tick], spacing: f64) -> bool {
    ticks
        .windows(2)
        .all(|w| spacing >= half_widths(&w[0], &w[1]) + GAP)
}

/// The columns two neighbouring centred labels take between their tick columns.
fn half_widths(a: &Tick, b: &Tick) -> f64 {
    let w = |t: &Tick| t.label.chars().count() as f64;
    w(a) / 2.0 + w(b) / 2.0
}

/// An exact short label: `7500` → `"7.5k"`, `1250` → `"1.25k"`, `2000000` → `"2M"`.
pub fn tick_label(v: f64) -> String {
    let (scaled, unit) = if v >= 1e6 {
        (v / 1e6, "M")
    } else if v >= 1e3 {
        (v / 1e3, "k")
    } else {
        (v, "")
    };
    let text = format!("{scaled:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}{unit}")
}

/// The column, counted from the graph's left edge, where a graph `width` columns wide over
/// `[lo, hi]` draws `value`: negative left of the graph, `width` or more right of it (what
/// sparklines under the chart need to line up with it).
pub fn column_offset(width: u16, [lo, hi]: [f64; 2], value: f64) -> i64 {
    let dots = f64::from(width) * 2.0 - 1.0;
    let dot = ((value - lo) * dots / (hi - lo).max(f64::MIN_POSITIVE)).round() as i64;
    dot.div_euclid(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(t: &[Tick]) -> Vec<&str> {
        t.iter().map(|t| t.label.as_str()).collect()
    }

    #[test]
    fn linear_ticks_are_round_and_fit_the_width() {
        let a = StepAxis::new(10_000, false);
        assert_eq!(
            labels(&a.ticks(100)),
            [
                "0", "1k", "2k", "3k", "4k", "5k", "6k", "7k", "8k", "9k", "10k"
            ]
        );
        assert_eq!(labels(&a.ticks(40)), ["0", "2k", "4k", "6k", "8k", "10k"]);
        assert_eq!(labels(&a.ticks(26)), ["0", "2.5k", "5k", "7.5k", "10k"]);
        assert_eq!(labels(&a.ticks(20)), ["0", "5k", "10k"]);
        // Not a round total: the ticks stop at the last round step below it.
        let b = StepAxis::new(8_300, false);
        assert_eq!(labels(&b.ticks(40)), ["0", "2k", "4k", "6k", "8k"]);
    }

    #[test]
    fn zoomed_ticks_start_at_the_first_round_step() {
        let a = StepAxis::span(3_100, 4_000, false);
        assert_eq!(labels(&a.ticks(60)), ["3.2k", "3.4k", "3.6k", "3.8k", "4k"]);
    }

    #[test]
    fn log_ticks_are_decades_with_room_for_twos_and_fives() {
        let a = StepAxis::new(10_000, true);
        assert_eq!(labels(&a.ticks(30)), ["1", "10", "100", "1k", "10k"]);
        assert_eq!(
            labels(&a.ticks(120)),
            [
                "1", "2", "5", "10", "20", "50", "100", "200", "500", "1k", "2k", "5k", "10k"
            ]
        );
        assert!((a.ticks(30)[3].x - 3.0).abs() < 1e-12);
    }

    #[test]
    fn exact_labels() {
        assert_eq!(tick_label(7_500.0), "7.5k");
        assert_eq!(tick_label(1_250.0), "1.25k");
        assert_eq!(tick_label(0.0), "0");
        assert_eq!(tick_label(2_000_000.0), "2M");
    }
}
