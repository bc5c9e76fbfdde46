//! The report's plotting toolkit, on `plotters`: a figure that draws itself on any backend
//! ([`Drawing`]) is rendered as SVG and PNG by [`render`]; the paper's line charts
//! (`line_chart`) and its phase diagram (`phase_diagram`) are drawn here, from their data
//! alone, for the report's figures (`figures`), the curves of its cells (`curves`) and the
//! TUI's chart export (`stacked`). Which figures a sweep gets is not decided here.
//!
//! PNG text needs a font: `plotters` is built with its `ab_glyph` feature (pure Rust, no
//! fontconfig / system fonts) and a subset of DejaVu Sans, embedded from
//! `assets/fonts/DejaVuSans-subset.ttf`, is registered as `sans-serif` before drawing.

mod line_chart;
mod phase_diagram;

use std::error::Error;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::ReportError;

pub use line_chart::{LineChart, Series, VerticalMarker, draw_line_chart};
pub use phase_diagram::{PhaseDiagram, draw_phase_diagram};

/// The pixel size of a one-chart figure.
pub const SIZE: (u32, u32) = (960, 640);
pub const FONT: &str = "sans-serif";
static FONT_BYTES: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-subset.ttf");

pub type DrawResult = Result<(), Box<dyn Error>>;

/// Registers the embedded font once; an error here would make every text draw fail.
pub fn ensure_font() -> Result<(), String> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        plotters::style::register_font(FONT, FontStyle::Normal, FONT_BYTES).is_ok()
    });
    if ok {
        Ok(())
    } else {
        Err("the embedded font assets/fonts/DejaVuSans-subset.ttf is not a valid TTF".into())
    }
}

/// A figure that draws itself on any plotters backend at its own pixel size, so that one
/// [`render`] writes the SVG and the PNG of every figure of the report.
pub trait Drawing {
    fn size(&self) -> (u32, u32);
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult
    where
        DB::ErrorType: 'static;
}

/// Draws `figure` into `<dir>/<name>.svg` and `<dir>/<name>.png`.
pub fn render(dir: &Path, name: &str, figure: &impl Drawing) -> Result<Vec<PathBuf>, ReportError> {
    let svg = dir.join(format!("{name}.svg"));
    let png = dir.join(format!("{name}.png"));
    let plot_err = |path: &Path, e: &dyn std::fmt::Display| ReportError::Plot {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    ensure_font().map_err(|e| plot_err(&png, &e))?;
    {
        let root = SVGBackend::new(&svg, figure.size()).into_drawing_area();
        figure.draw(&root).map_err(|e| plot_err(&svg, &e))?;
        root.present().map_err(|e| plot_err(&svg, &e))?;
    }
    {
        let root = BitMapBackend::new(&png, figure.size()).into_drawing_area();
        figure.draw(&root).map_err(|e| plot_err(&png, &e))?;
        root.present().map_err(|e| plot_err(&png, &e))?;
    }
    Ok(vec![svg, png])
}

/// Distinguishable line colours, shared by the report's figures and the TUI's charts so a
/// series has the same colour in both: Okabe–Ito (colour-blind safe) first, then Tableau.
pub const SERIES_RGB: [(u8, u8, u8); 14] = [
    (0, 114, 178),
    (213, 94, 0),
    (0, 158, 115),
    (204, 121, 167),
    (230, 159, 0),
    (86, 180, 233),
    (0, 0, 0),
    (240, 228, 66),
    (148, 103, 189),
    (140, 86, 75),
    (127, 127, 127),
    (188, 189, 34),
    (23, 190, 207),
    (214, 39, 40),
];

pub fn series_color(i: usize) -> RGBColor {
    let (r, g, b) = SERIES_RGB[i % SERIES_RGB.len()];
    RGBColor(r, g, b)
}

/// Compact number: 950, 12.8k, 1.5M.
pub fn compact(v: f64) -> String {
    let a = v.abs();
    if a >= 1e9 {
        format!("{:.3}G", v / 1e9)
    } else if a >= 1e6 {
        format!("{:.3}M", v / 1e6)
    } else if a >= 1e4 {
        format!("{:.1}k", v / 1e3)
    } else {
        format!("{v:.0}")
    }
    .replace(".000", "")
    .replace(".0k", "k")
}

/// The distinct values, sorted (a grid's axis from its cells).
pub fn distinct<T: Ord + Copy>(it: impl Iterator<Item = T>) -> Vec<T> {
    let mut v: Vec<T> = it.collect();
    v.sort();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_text_is_rendered_with_the_embedded_font() {
        ensure_font().unwrap();
        let (w, h) = (200u32, 40u32);
        let mut buf = vec![255u8; (w * h * 3) as usize];
        {
            let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
            root.draw(&Text::new("Phase diagram", (5, 5), (FONT, 20).into_font()))
                .unwrap();
            root.present().unwrap();
        }
        let inked = buf.chunks(3).filter(|px| px[0] < 128).count();
        assert!(inked > 100, "only {inked} dark pixels: text not drawn");
    }

    #[test]
    fn compact_numbers() {
        assert_eq!(compact(950.0), "950");
        assert_eq!(compact(12769.0), "12.8k");
        assert_eq!(compact(20000.0), "20k");
        assert_eq!(compact(1_500_000.0), "1.500M");
        assert_eq!(compact(2_000_000.0), "2M");
    }
}
