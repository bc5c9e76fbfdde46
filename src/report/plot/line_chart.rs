//! The paper's line figures (and a run's curves exported from the TUI) as one chart: mean
//! lines with 95 % error bars, faint unsmoothed curves, markers, a threshold, an optional right
//! axis and a legend in the emptiest corner, or under the plot when every corner would hide
//! some of the data.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{DrawResult, FONT, compact, series_color};
use crate::report::MeanCi;
use crate::report::thin::thin;

/// Series with at most this many points get a dot on each.
const MAX_DOTS: usize = 60;

/// One line of a [`LineChart`].
#[derive(Clone, Debug)]
pub struct Series {
    pub label: String,
    /// (x, mean ± CI)
    pub points: Vec<(f64, MeanCi)>,
}

/// The data of one of the paper's line figures, drawn by the report (plotters) and by the
/// TUI's sweep screen alike, so both show the same thing.
#[derive(Clone, Debug)]
pub struct LineChart {
    pub title: String,
    pub x_desc: String,
    pub y_desc: String,
    pub log_x: bool,
    pub series: Vec<Series>,
    /// Right axis: (value of the right axis at y = 1, its description).
    pub secondary: Option<(f64, String)>,
    /// Vertical dashed lines, each in the colour of the series it belongs to (D_crit per width).
    pub markers: Vec<VerticalMarker>,
    /// A horizontal dotted line at this y, e.g. the accuracy that defines D_crit.
    pub threshold: Option<f64>,
    /// The steps (or other x) shown; `None`: the points' range, padded.
    pub x_range: Option<(f64, f64)>,
    /// The y axis; `None`: 0 to 1 (the paper's figures are accuracies). A run's loss and
    /// norm, or an accuracy zoomed onto small values, give their own.
    pub y_range: Option<(f64, f64)>,
    /// Unsmoothed curves drawn thin and pale under `series` (the i-th in the colour of
    /// `series[i]`), when the series are smoothed: the TUI's smoothing exported as seen.
    pub faint: Vec<Series>,
    /// A shaded band under the lines (the TUI's compare view exports its seeds' min–max
    /// band).
    pub band: Option<BandArea>,
}

/// A shaded area in the colour of series `.0`, between a low and a high value per x:
/// `(x, low, high)`.
pub type BandArea = (usize, Vec<(f64, f64, f64)>);

/// A dashed vertical line at `x`, drawn in the colour of series `series`, with `label`
/// over its top (a run's phase events: M, O, G).
#[derive(Clone, Debug)]
pub struct VerticalMarker {
    pub x: f64,
    pub series: usize,
    pub label: Option<String>,
}

fn padded_range(xs: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
        (lo.min(x), hi.max(x))
    });
    let span = if hi > lo { hi - lo } else { lo.abs().max(1.0) };
    (lo - 0.05 * span, hi + 0.05 * span)
}

/// Where the legend goes: a corner of the plot, or a strip under it.
#[derive(Clone, Debug)]
enum LegendPlace {
    Corner(SeriesLabelPosition),
    Below,
}

/// The corner of the plot where the legend hides no point, lower right first, then upper
/// left (judged on boxes of 45 % of the width and 35 % of the height); under the plot when
/// every corner would hide one (a figure's point hidden behind its legend is a result
/// nobody sees).
fn legend_place(c: &LineChart, (x0, x1): (f64, f64), (y0, y1): (f64, f64)) -> LegendPlace {
    use SeriesLabelPosition::{LowerLeft, LowerRight, UpperLeft, UpperRight};
    let fx = |x: f64| {
        if c.log_x {
            (x.max(1.0).log10() - x0.log10()) / (x1.log10() - x0.log10())
        } else {
            (x - x0) / (x1 - x0)
        }
    };
    let points: Vec<(f64, f64)> = c
        .series
        .iter()
        .flat_map(|s| {
            s.points
                .iter()
                .map(|&(x, m)| (fx(x), (m.mean - y0) / (y1 - y0)))
        })
        .collect();
    let hidden = |right: bool, upper: bool| {
        points
            .iter()
            .filter(|&&(x, y)| {
                (if right { x > 0.55 } else { x < 0.45 })
                    && (if upper { y > 0.65 } else { y < 0.35 })
            })
            .count()
    };
    [
        (LowerRight, hidden(true, false)),
        (UpperLeft, hidden(false, true)),
        (LowerLeft, hidden(false, false)),
        (UpperRight, hidden(true, true)),
    ]
    .into_iter()
    .find(|&(_, n)| n == 0)
    .map_or(LegendPlace::Below, |(corner, _)| {
        LegendPlace::Corner(corner)
    })
}

/// The height of the strip under the plot that holds `n` legend entries, two to a row.
fn strip_height(n: usize) -> u32 {
    n.div_ceil(2) as u32 * 22 + 12
}

/// The legend under the plot: each series' line sample and label in two columns, filled
/// down first so the series' order reads down each column.
fn draw_legend_below<DB: DrawingBackend>(
    strip: &DrawingArea<DB, Shift>,
    c: &LineChart,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let (width, _) = strip.dim_in_pixel();
    let column = (width as i32 - 100) / 2;
    let rows = c.series.len().div_ceil(2).max(1);
    for (i, s) in c.series.iter().enumerate() {
        let x = 84 + (i / rows) as i32 * column;
        let y = 10 + (i % rows) as i32 * 22;
        let color = series_color(i);
        strip.draw(&PathElement::new(
            vec![(x, y + 8), (x + 24, y + 8)],
            color.stroke_width(2),
        ))?;
        strip.draw(&Text::new(s.label.clone(), (x + 32, y), (FONT, 14)))?;
    }
    Ok(())
}

/// A series' (x, mean) points, for drawing its line.
fn means(points: &[(f64, MeanCi)]) -> Vec<(f64, f64)> {
    points.iter().map(|&(x, m)| (x, m.mean)).collect()
}

/// The opacity of a chart's faint (unsmoothed) curves.
const FAINT: f64 = 0.3;

pub fn draw_line_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &LineChart,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let (x0, x1) = if let Some(range) = c.x_range {
        range
    } else if c.log_x {
        // pad in log space
        let (l0, l1) = padded_range(
            c.series
                .iter()
                .flat_map(|s| s.points.iter().map(|p| p.0.max(1.0).log10())),
        );
        (10f64.powf(l0), 10f64.powf(l1))
    } else {
        padded_range(c.series.iter().flat_map(|s| s.points.iter().map(|p| p.0)))
    };
    let (y0, y1) = c.y_range.unwrap_or((0.0, 1.0));
    let place = legend_place(c, (x0, x1), (y0, y1));
    let (plot_area, strip) = match &place {
        LegendPlace::Below => {
            let (_, height) = root.dim_in_pixel();
            let split = height.saturating_sub(strip_height(c.series.len()));
            let (top, bottom) = root.split_vertically(split);
            (top, Some(bottom))
        }
        LegendPlace::Corner(_) => (root.clone(), None),
    };
    let builder = |right_area: u32| {
        let mut b = ChartBuilder::on(&plot_area);
        b.caption(&c.title, (FONT, 22))
            .margin(16)
            .x_label_area_size(50)
            .y_label_area_size(70)
            .right_y_label_area_size(right_area);
        b
    };
    let x_fmt = |v: &f64| compact(*v);
    // Macros, because the chart with a secondary axis has a different type; the secondary
    // coordinate must be attached before the primary mesh is drawn, or the primary labels
    // are drawn on the right-hand axis too.
    macro_rules! mesh_series_legend {
        ($chart:expr) => {{
            $chart
                .configure_mesh()
                .x_desc(c.x_desc.as_str())
                .y_desc(c.y_desc.as_str())
                .x_label_formatter(&x_fmt)
                .y_label_formatter(&|v| format!("{v:.1}"))
                .x_labels(if c.log_x { 4 } else { 10 })
                .y_labels(11)
                .label_style((FONT, 14))
                .axis_desc_style((FONT, 16))
                .light_line_style(RGBColor(235, 235, 235))
                .draw()?;
            if let Some((i, band)) = &c.band {
                // Highs left to right, then lows back: one closed area.
                let mut area: Vec<(f64, f64)> = band.iter().map(|&(x, _, hi)| (x, hi)).collect();
                area.extend(band.iter().rev().map(|&(x, lo, _)| (x, lo)));
                $chart.draw_series(std::iter::once(Polygon::new(
                    area,
                    series_color(*i).mix(0.18).filled(),
                )))?;
            }
            for (i, s) in c.faint.iter().enumerate() {
                $chart.draw_series(LineSeries::new(
                    thin(&means(&s.points)),
                    series_color(i).mix(FAINT).stroke_width(1),
                ))?;
            }
            for (i, s) in c.series.iter().enumerate() {
                let color = series_color(i);
                $chart.draw_series(s.points.iter().filter_map(|&(x, m)| {
                    let (lo, hi) = m.bar01()?;
                    Some(ErrorBar::new_vertical(
                        x,
                        lo,
                        m.mean,
                        hi,
                        color.stroke_width(1),
                        8,
                    ))
                }))?;
                $chart
                    .draw_series(LineSeries::new(
                        thin(&means(&s.points)),
                        color.stroke_width(2),
                    ))?
                    .label(s.label.as_str())
                    .legend(move |(x, y)| {
                        PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2))
                    });
                // A sweep's few cells are marked; a run's hundreds of evaluations read as a line.
                if s.points.len() <= MAX_DOTS {
                    $chart.draw_series(
                        s.points
                            .iter()
                            .map(|&(x, m)| Circle::new((x, m.mean), 3, color.filled())),
                    )?;
                }
            }
            for m in &c.markers {
                let color = series_color(m.series);
                $chart.draw_series(DashedLineSeries::new(
                    [(m.x, y0), (m.x, y1)],
                    8,
                    5,
                    color.stroke_width(2),
                ))?;
                if let Some(label) = &m.label {
                    $chart.draw_series(std::iter::once(Text::new(
                        label.clone(),
                        (m.x, y1),
                        (FONT, 14).into_font().color(&color),
                    )))?;
                }
            }
            if let Some(y) = c.threshold {
                $chart.draw_series(DashedLineSeries::new(
                    [(x0, y), (x1, y)],
                    2,
                    4,
                    RGBColor(120, 120, 120).stroke_width(1),
                ))?;
            }
            if let LegendPlace::Corner(corner) = &place {
                $chart
                    .configure_series_labels()
                    .position(corner.clone())
                    .background_style(WHITE.mix(0.85))
                    .border_style(RGBColor(160, 160, 160))
                    .label_font((FONT, 14))
                    .draw()?;
            }
        }};
    }
    macro_rules! right_axis {
        ($chart:expr, $desc:expr) => {
            $chart
                .configure_secondary_axes()
                .y_desc($desc.as_str())
                .y_labels(11)
                .y_label_formatter(&|v| compact(*v))
                .label_style((FONT, 14))
                .axis_desc_style((FONT, 16))
                .draw()?
        };
    }
    match (&c.secondary, c.log_x) {
        (Some((scale, desc)), false) => {
            let chart = builder(80).build_cartesian_2d(x0..x1, y0..y1)?;
            let mut chart = chart.set_secondary_coord(x0..x1, 0f64..*scale);
            right_axis!(chart, desc);
            mesh_series_legend!(chart);
        }
        (Some((scale, desc)), true) => {
            let chart = builder(80).build_cartesian_2d((x0..x1).log_scale(), y0..y1)?;
            let mut chart = chart.set_secondary_coord((x0..x1).log_scale(), 0f64..*scale);
            right_axis!(chart, desc);
            mesh_series_legend!(chart);
        }
        (None, false) => {
            let mut chart = builder(0).build_cartesian_2d(x0..x1, y0..y1)?;
            mesh_series_legend!(chart);
        }
        (None, true) => {
            let mut chart = builder(0).build_cartesian_2d((x0..x1).log_scale(), y0..y1)?;
            mesh_series_legend!(chart);
        }
    }
    if let Some(strip) = strip {
        draw_legend_below(&strip, c)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_legend_goes_to_the_emptiest_corner() {
        let at = |points: &[(f64, f64)]| LineChart {
            title: String::new(),
            x_desc: String::new(),
            y_desc: String::new(),
            log_x: false,
            series: vec![Series {
                label: "s".into(),
                points: points
                    .iter()
                    .map(|&(x, mean)| (x, MeanCi::single(mean)))
                    .collect(),
            }],
            secondary: None,
            markers: Vec::new(),
            threshold: None,
            x_range: None,
            y_range: None,
            faint: Vec::new(),
            band: None,
        };
        // Points low on the right: the default corner would hide them.
        let low_right = at(&[(9.0, 0.1), (10.0, 0.05), (0.0, 0.9)]);
        assert!(matches!(
            legend_place(&low_right, (0.0, 10.0), (0.0, 1.0)),
            LegendPlace::Corner(SeriesLabelPosition::LowerLeft)
        ));
        // Nothing low on the right: the default.
        let rising = at(&[(0.0, 0.1), (5.0, 0.5), (10.0, 1.0)]);
        assert!(matches!(
            legend_place(&rising, (0.0, 10.0), (0.0, 1.0)),
            LegendPlace::Corner(SeriesLabelPosition::LowerRight)
        ));
        // A point in every corner: the legend goes under the plot, hiding none.
        let corners = at(&[(0.5, 0.1), (0.5, 0.9), (9.5, 0.1), (9.5, 0.9)]);
        assert!(matches!(
            legend_place(&corners, (0.0, 10.0), (0.0, 1.0)),
            LegendPlace::Below
        ));
    }
}
