//! The phase diagram (the paper's Fig. 1): grid cells coloured by their majority phase over
//! (d_model, n_train), with the D_crit and D_mem curves and a legend strip.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{DrawResult, FONT, SIZE, compact, distinct};
use crate::report::{DCrit, PHASE_ORDER, Phase};

/// The data of a phase diagram.
pub struct PhaseDiagram {
    pub title: String,
    /// (d_model, n_train, majority phase)
    pub cells: Vec<(u64, u64, Phase)>,
    pub d_crit: Vec<DCrit>,
    pub d_mem: Vec<(u64, f64)>,
}

fn phase_color(p: Phase) -> RGBColor {
    match p {
        Phase::Progression => RGBColor(230, 145, 56),
        Phase::Ungrokking => RGBColor(204, 65, 37),
        Phase::Grokking => RGBColor(106, 168, 79),
        Phase::SemiGrokking => RGBColor(241, 194, 50),
        Phase::Comprehension => RGBColor(61, 133, 198),
        Phase::Undecided => RGBColor(190, 190, 190),
        Phase::Diverged => RGBColor(120, 40, 140),
    }
}

/// Cell edges for grid values: halfway to the neighbours, mirrored at the ends.
fn edges(values: &[u64]) -> Vec<(f64, f64)> {
    let v: Vec<f64> = values.iter().map(|&x| x as f64).collect();
    (0..v.len())
        .map(|i| {
            let left_gap = if i > 0 {
                (v[i] - v[i - 1]) / 2.0
            } else if v.len() > 1 {
                (v[1] - v[0]) / 2.0
            } else {
                (v[0] * 0.05).max(0.5)
            };
            let right_gap = if i + 1 < v.len() {
                (v[i + 1] - v[i]) / 2.0
            } else {
                left_gap
            };
            (v[i] - left_gap, v[i] + right_gap)
        })
        .collect()
}

pub fn draw_phase_diagram<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    p: &PhaseDiagram,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let (plot_area, legend_area) = root.split_horizontally(SIZE.0 - 190);
    let xs = distinct(p.cells.iter().map(|c| c.0));
    let ys = distinct(p.cells.iter().map(|c| c.1));
    let (xe, ye) = (edges(&xs), edges(&ys));
    let (x0, x1) = (xe[0].0, xe[xe.len() - 1].1);
    let (y0, y1) = (ye[0].0, ye[ye.len() - 1].1);
    let mut chart = ChartBuilder::on(&plot_area)
        .caption(&p.title, (FONT, 20))
        .margin(16)
        .x_label_area_size(50)
        .y_label_area_size(70)
        .build_cartesian_2d(x0..x1, y0..y1)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_desc("model size d_model")
        .y_desc("training-set size D_train")
        .x_label_formatter(&|v| compact(*v))
        .y_label_formatter(&|v| compact(*v))
        .label_style((FONT, 14))
        .axis_desc_style((FONT, 16))
        .draw()?;
    let present: Vec<Phase> = PHASE_ORDER
        .into_iter()
        .filter(|&ph| p.cells.iter().any(|c| c.2 == ph))
        .collect();
    for &(d, n, phase) in &p.cells {
        let (l, r) = xe[xs.binary_search(&d).expect("from xs")];
        let (b, t) = ye[ys.binary_search(&n).expect("from ys")];
        let (ix, iy) = ((r - l) * 0.04, (t - b) * 0.04);
        chart.draw_series(std::iter::once(Rectangle::new(
            [(l + ix, b + iy), (r - ix, t - iy)],
            phase_color(phase).filled(),
        )))?;
    }
    let curve = |pts: &[(u64, f64)]| -> Vec<(f64, f64)> {
        pts.iter()
            .map(|&(d, n)| (d as f64, n.clamp(y0, y1)))
            .collect()
    };
    let crit_points: Vec<(u64, f64)> = p.d_crit.iter().map(|c| (c.d_model, c.n_train)).collect();
    let crit = curve(&crit_points);
    let mem = curve(&p.d_mem);
    let crit_style = BLACK.stroke_width(3);
    let mem_style = RGBColor(40, 40, 200).stroke_width(3);
    chart.draw_series(LineSeries::new(crit.clone(), crit_style))?;
    // A point where the smallest grid size already generalizes is only an upper bound: hollow.
    chart.draw_series(crit.iter().zip(&p.d_crit).map(|(&pt, c)| {
        let style = if c.at_most {
            BLACK.stroke_width(2)
        } else {
            BLACK.filled()
        };
        Circle::new(pt, 5, style)
    }))?;
    chart.draw_series(DashedLineSeries::new(mem.clone(), 10, 6, mem_style))?;
    chart.draw_series(
        mem.iter()
            .map(|&pt| TriangleMarker::new(pt, 6, RGBColor(40, 40, 200).filled())),
    )?;

    // Legend in its own strip on the right.
    let text = (FONT, 15).into_font().color(&BLACK);
    let mut y = 60;
    legend_area.draw(&Text::new("majority phase", (10, y), text.clone()))?;
    y += 26;
    for phase in present {
        legend_area.draw(&Rectangle::new(
            [(10, y), (32, y + 16)],
            phase_color(phase).filled(),
        ))?;
        legend_area.draw(&Text::new(phase.label(), (40, y), text.clone()))?;
        y += 26;
    }
    y += 14;
    legend_area.draw(&PathElement::new(
        vec![(10, y + 8), (32, y + 8)],
        crit_style,
    ))?;
    legend_area.draw(&Text::new("D_crit (val ≥ 0.9)", (40, y), text.clone()))?;
    if p.d_crit.iter().any(|c| c.at_most) {
        y += 22;
        legend_area.draw(&Circle::new((21, y + 8), 5, BLACK.stroke_width(2)))?;
        legend_area.draw(&Text::new(
            "at most (smallest size run)",
            (40, y),
            text.clone(),
        ))?;
    }
    y += 26;
    legend_area.draw(&PathElement::new(vec![(10, y + 8), (32, y + 8)], mem_style))?;
    legend_area.draw(&Text::new("D_mem (train ≈ 1)", (40, y), text.clone()))?;
    Ok(())
}
