//! Line charts stacked on one page over a shared title, as SVG and PNG: how the TUI's run
//! view exports what it shows (accuracy, loss, norm, circuits), drawn by the same code as
//! the report's line figures so an exported chart looks like one of the paper's.

use std::path::{Path, PathBuf};

use plotters::coord::Shift;
use plotters::prelude::*;

use super::plot::{DrawResult, Drawing, FONT, LineChart, draw_line_chart, render};

/// Pixel width of the page, and height of one chart on it.
const WIDTH: u32 = 960;
const CHART_HEIGHT: u32 = 380;
/// Room for the page title.
const TITLE_HEIGHT: u32 = 40;

/// Draws `charts` one under the other into `<dir>/<name>.svg` and `<dir>/<name>.png`, or
/// `<name>-2.svg`… when those exist: an export never replaces a file or writes through a
/// symlink (`record::write_new_files`). Creates `dir` when missing. Returns the written paths.
pub fn write_stacked(
    dir: &Path,
    name: &str,
    title: &str,
    charts: &[LineChart],
) -> Result<Vec<PathBuf>, String> {
    crate::record::write_new_files(dir, |tmp| {
        render(tmp, name, &Stacked { title, charts }).map_err(|e| e.to_string())
    })
}

struct Stacked<'a> {
    title: &'a str,
    charts: &'a [LineChart],
}

impl Drawing for Stacked<'_> {
    fn size(&self) -> (u32, u32) {
        (
            WIDTH,
            TITLE_HEIGHT + CHART_HEIGHT * self.charts.len().max(1) as u32,
        )
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        root.fill(&WHITE)?;
        let page = root.titled(self.title, (FONT, 22))?;
        let areas = page.split_evenly((self.charts.len().max(1), 1));
        for (chart, area) in self.charts.iter().zip(&areas) {
            draw_line_chart(area, chart)?;
        }
        Ok(())
    }
}
