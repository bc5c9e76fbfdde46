//! Sparklines inside a chart's box, under its step labels (the run view and the sweep
//! screen's cell at short heights): one row per series, each column covering exactly the
//! steps of the chart column above it — same left edge, same scale, zoom and log x
//! included — so a loss drop sits under the accuracy jump it goes with. The name sits in the
//! y-label gutter; the current values go in the box's bottom border ([`Sparks::split`]).

use super::axis::{StepAxis, column_offset};
use crate::tui::state::series::Series;
use crate::tui::widgets::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// One sparkline row.
pub struct Spark<'a> {
    /// Its name in the chart's y-label gutter: "loss".
    pub name: &'static str,
    /// Its name beside its current value in the bottom border, where that fits:
    /// "val loss".
    pub label: &'static str,
    /// The current value as shown: "0.208".
    pub now: String,
    /// Whether the sparkline draws the log of the values (losses): the border then says
    /// "val loss 0.208 (log scale)", so the number is not read as a log.
    pub log_scale: bool,
    pub series: &'a Series,
    pub style: Style,
}

/// What a chart's box holds under its step labels: sparkline rows (none at all heights
/// that give loss and norm charts of their own), or, where the series do not exist, why.
pub enum Sparks<'a> {
    Rows(Vec<Spark<'a>>),
    /// No rows; the bottom border says why.
    Missing(&'static str),
}

impl<'a> Sparks<'a> {
    /// No sparklines and nothing to say.
    pub fn none() -> Self {
        Sparks::Rows(Vec::new())
    }

    /// The rows, and what the bottom border says when no cursor readout takes it.
    pub fn split(self, width: u16) -> (Vec<Spark<'a>>, Option<String>) {
        match self {
            Sparks::Rows(rows) => {
                let title = values_title(&rows, width);
                (rows, title)
            }
            Sparks::Missing(why) => (Vec::new(), Some(format!(" {why} "))),
        }
    }
}

/// What the bottom border says after a log-scaled sparkline's value.
const LOG_SCALE: &str = " (log scale)";

/// The levels from the lowest (a curve at its floor still draws: a blank read as a gap) to
/// the highest.
pub const LEVELS: [&str; 8] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];

/// Draws `sparks` one per row of `rows` (the rows under a chart, its whole inner width),
/// their columns those of `graph`, the chart's plot area above them.
pub fn render(
    frame: &mut Frame,
    rows: Rect,
    graph: Rect,
    sparks: &[Spark],
    axis: &StepAxis,
    theme: &Theme,
) {
    let gutter = usize::from(graph.x.saturating_sub(rows.x));
    let buf = frame.buffer_mut();
    for (spark, y) in sparks.iter().zip(rows.top()..rows.bottom()) {
        buf.set_stringn(rows.x, y, spark.name, gutter, theme.dim());
        for (x, level) in (graph.x..).zip(levels(spark.series, graph.width, axis)) {
            if let Some(l) = level {
                buf.set_string(x, y, LEVELS[l], spark.style);
            }
        }
    }
}

/// The bottom border's text: each spark's label and current value, or, where that does not
/// fit `width` columns of border, its short name; nothing where neither fits.
fn values_title(sparks: &[Spark], width: u16) -> Option<String> {
    if sparks.is_empty() {
        return None;
    }
    let room = usize::from(width).saturating_sub(4);
    let text = |long: bool| {
        let parts: Vec<String> = sparks
            .iter()
            .map(|s| {
                let scale = if long && s.log_scale { LOG_SCALE } else { "" };
                format!("{} {}{scale}", if long { s.label } else { s.name }, s.now)
            })
            .collect();
        format!(" {} ", parts.join(" · "))
    };
    [text(true), text(false)]
        .into_iter()
        .find(|t| t.chars().count() <= room)
}

/// The level (an index into [`LEVELS`]) each of `width` chart columns shows: the series'
/// last point drawn in or left of that column (as the chart places points), scaled between
/// the series' min and max; `None` left of its first point and right of its last.
pub fn levels(series: &Series, width: u16, axis: &StepAxis) -> Vec<Option<usize>> {
    let pts = series.points(axis.log);
    let (Some((lo, hi)), Some(last)) = (series.range(), pts.last()) else {
        return vec![None; usize::from(width)];
    };
    let cols: Vec<i64> = pts
        .iter()
        .map(|p| column_offset(width, axis.bounds, p.0))
        .collect();
    let last_col = column_offset(width, axis.bounds, last.0);
    let span = (hi - lo).max(1e-12);
    let top = (LEVELS.len() - 1) as f64;
    (0..i64::from(width))
        .map(|c| {
            let i = cols.partition_point(|&k| k <= c);
            (i > 0 && c <= last_col).then(|| {
                let frac = (pts[i - 1].1 - lo) / span;
                (frac * top).round().clamp(0.0, top) as usize
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(points: &[(u64, f64)]) -> Series {
        let mut s = Series::default();
        for &(step, v) in points {
            s.push(step as f64, v);
        }
        s
    }

    /// A constant series draws its lowest level, never blank.
    #[test]
    fn a_constant_series_draws_the_lowest_level() {
        let s = series(&[(0, 2.0), (500, 2.0), (1000, 2.0)]);
        let levels = levels(&s, 20, &StepAxis::new(1000, false));
        assert!(levels.iter().all(|&l| l == Some(0)), "{levels:?}");
    }

    /// Each point's column is the column the chart draws it in, linear, log and zoomed; a run
    /// a quarter done leaves the rest blank.
    #[test]
    fn columns_are_the_charts_columns() {
        let s = series(&[(100, 0.0), (1200, 1.0), (2500, 0.5)]);
        for axis in [
            StepAxis::new(10_000, false),
            StepAxis::new(10_000, true),
            StepAxis::span(1000, 3000, false),
        ] {
            let width = 40;
            let l = levels(&s, width, &axis);
            let col = |step: u64| column_offset(width, axis.bounds, axis.x(step));
            let (first, last) = (col(100), col(2500));
            for (c, level) in l.iter().enumerate() {
                let c = c as i64;
                assert_eq!(level.is_some(), c >= first && c <= last, "{axis:?} col {c}");
            }
            let at_1200 = col(1200) as usize;
            assert_eq!(l[at_1200], Some(LEVELS.len() - 1), "{axis:?}");
        }
    }

    #[test]
    fn the_values_shorten_before_they_go() {
        let s = Series::default();
        let spark = |name, label, log_scale| Spark {
            name,
            label,
            now: "0.21".into(),
            log_scale,
            series: &s,
            style: Style::new(),
        };
        let sparks = [
            spark("loss", "val loss", true),
            spark("norm", "parameter norm", false),
        ];
        let long = values_title(&sparks, 80).unwrap();
        assert_eq!(long, " val loss 0.21 (log scale) · parameter norm 0.21 ");
        assert_eq!(
            values_title(&sparks, 30).unwrap(),
            " loss 0.21 · norm 0.21 "
        );
        assert_eq!(values_title(&sparks, 20), None);
        assert_eq!(values_title(&[], 80), None);
    }
}
