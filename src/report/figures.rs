//! The paper's figures, drawn from an aggregated sweep as SVG and PNG with `plotters`.
//!
//! PNG text needs a font: `plotters` is built with its `ab_glyph` feature (pure Rust, no
//! fontconfig / system fonts) and a subset of DejaVu Sans, embedded from
//! `assets/fonts/DejaVuSans-subset.ttf`, is registered as `sans-serif` before drawing.

use std::error::Error;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::curves;
use super::thin::thin;
use crate::human;
use crate::record::{RecordError, SUMMARY, SweepDir};

use super::{
    CellStats, D_CRIT_VAL_THRESHOLD, MeanCi, Phase, ReportError, SPREAD_LEGEND, TaskKind,
    aggregate, estimate_d_crit, estimate_d_mem, read_summary,
};

/// Base names of the figures [`write_figures`] can draw (each as `<name>.svg` and
/// `<name>.png`; figures of a task other than the sweep's main one get a `-<task>` suffix,
/// and a `-L<n_layers>` suffix is added when the sweep has several depths).
pub const FIGURE_NAMES: [&str; 5] = [
    "phase-diagram",
    "double-descent",
    "val-vs-data",
    "memorization-capacity",
    "emergence",
];

/// Figures drawn from the cells' metrics over time (Figs. 5 and 9, and the circuit progress
/// measures where the cells recorded them), for sweep directories (with `sweep.ron` and
/// `cells/`) of at most [`curves::MAX_CURVE_CELLS`] finished cells.
pub const CURVE_FIGURE_NAMES: [&str; 3] = ["accuracy-curves", "norm-curves", "circuit-curves"];

const SIZE: (u32, u32) = (960, 640);
/// Series with at most this many points get a dot on each.
const MAX_DOTS: usize = 60;
pub(super) const FONT: &str = "sans-serif";
static FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-subset.ttf");

pub(super) type DrawResult = Result<(), Box<dyn Error>>;

/// Registers the embedded font once; an error here would make every text draw fail.
pub(super) fn ensure_font() -> Result<(), String> {
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

/// Reads `<sweep_dir>/summary.csv`, aggregates it and draws every figure the data supports
/// (a figure needs at least two distinct values on its x axis; others are skipped silently)
/// as SVG and PNG next to `summary.csv`. Returns the written paths.
///
/// * `phase-diagram` (Fig. 1, measured): mod-add cells coloured by majority phase over
///   (d_model, n_train), with the estimated D_crit and D_mem curves
///   ([`estimate_d_crit`], [`estimate_d_mem`]).
/// * `double-descent` (Figs. 6, 7): mean final val acc ± 95 % CI against d_model, one line per
///   n_train.
/// * `val-vs-data` (Fig. 3): mean final val acc against n_train, one line per d_model.
/// * `memorization-capacity` (Fig. 4): random-labels, mean final train acc ± CI against
///   d_model; right axis in pairs memorized (acc × n_train, the size of the labelled set).
/// * `emergence` (Figs. 8, 10): add-with-memorization, each run's best val acc on addition,
///   of the best and of the median seed, against n_params (log scale), two lines per n_memorize.
///
/// The first three are drawn for mod-add and, with a `-mod-add-square` suffix, for
/// mod-add-square (Fig. 7).
pub fn write_figures(sweep_dir: impl AsRef<Path>) -> Result<Vec<PathBuf>, ReportError> {
    let dir = sweep_dir.as_ref();
    let rows = read_summary(dir.join("summary.csv"))?;
    let stats = aggregate(&rows);
    let mut figures = build_figures(&stats);
    // A bare summary.csv (no sweep.ron, no cells) gets the summary figures only.
    if SweepDir::new(dir).exists() && (1..=curves::MAX_CURVE_CELLS).contains(&rows.len()) {
        let panels = curves::panels(&rows, |row| {
            curves::read_history(&cell_dir_of(dir, row.cell)?)
        })?;
        let [accuracy, norm, circuits] = CURVE_FIGURE_NAMES;
        if curves::have_circuits(&panels) {
            figures.push((circuits.into(), Figure::Circuits(panels.clone())));
        }
        figures.push((accuracy.into(), Figure::Accuracy(panels.clone())));
        figures.push((norm.into(), Figure::Norm(panels)));
    }
    let mut written = Vec::new();
    for (name, figure) in figures {
        written.extend(render(dir, &name, &figure)?);
    }
    Ok(written)
}

/// The directory of grid cell `index` of the sweep in `dir`.
fn cell_dir_of(dir: &Path, index: u64) -> Result<PathBuf, ReportError> {
    let sweep = SweepDir::new(dir);
    let cell = sweep
        .preset()?
        .cells()
        .into_iter()
        .find(|c| c.index as u64 == index)
        .ok_or_else(|| {
            RecordError::at(
                &dir.join(SUMMARY),
                format!("cell {index} is not in the sweep's grid"),
            )
        })?;
    Ok(sweep.cell_dir(&cell))
}

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
}

/// A dashed vertical line at `x`, drawn in the colour of series `series`, with `label`
/// over its top (a run's phase events: M, O, G).
#[derive(Clone, Debug)]
pub struct VerticalMarker {
    pub x: f64,
    pub series: usize,
    pub label: Option<String>,
}

/// The line figures (Figs. 3, 4, 6, 7, 8) that `stats` supports, by file base name, in the
/// report's order. The phase diagram (Fig. 1) is not among them: the TUI draws it as its map.
pub fn line_charts(stats: &[CellStats]) -> Vec<(String, LineChart)> {
    build_figures(stats)
        .into_iter()
        .filter_map(|(name, f)| match f {
            Figure::Line(chart) => Some((name, chart)),
            _ => None,
        })
        .collect()
}

struct PhaseDiagram {
    title: String,
    /// (d_model, n_train, majority phase)
    cells: Vec<(u64, u64, Phase)>,
    d_crit: Vec<(u64, f64)>,
    d_mem: Vec<(u64, f64)>,
}

enum Figure {
    Line(LineChart),
    Phases(PhaseDiagram),
    /// Each seed's train and val accuracy through training (Fig. 5).
    Accuracy(Vec<curves::Panel>),
    /// Each seed's parameter norm through its transition (Fig. 9).
    Norm(Vec<curves::Panel>),
    /// Each seed's restricted and excluded loss (the two circuits, issue 12).
    Circuits(Vec<curves::Panel>),
}

/// A figure that draws itself on any plotters backend at its own pixel size, so that one
/// [`render`] writes the SVG and the PNG of every figure of the report.
pub(super) trait Drawing {
    fn size(&self) -> (u32, u32);
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult
    where
        DB::ErrorType: 'static;
}

impl Drawing for Figure {
    /// Pixel size: curve figures grow with their number of panel rows.
    fn size(&self) -> (u32, u32) {
        match self {
            Figure::Line(_) | Figure::Phases(_) => SIZE,
            Figure::Accuracy(p) => (SIZE.0 * 3 / 2, curves::height_for(curves::accuracy_rows(p))),
            Figure::Norm(p) | Figure::Circuits(p) => {
                (SIZE.0 * 3 / 2, curves::height_for(curves::norm_rows(p)))
            }
        }
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        root.fill(&WHITE)?;
        match self {
            Figure::Line(c) => draw_line_chart(root, c),
            Figure::Phases(p) => draw_phase_diagram(root, p),
            Figure::Accuracy(p) => curves::draw_accuracy(root, p),
            Figure::Norm(p) => curves::draw_norm(root, p),
            Figure::Circuits(p) => curves::draw_circuits(root, p),
        }
    }
}

fn distinct<T: Ord + Copy>(it: impl Iterator<Item = T>) -> Vec<T> {
    let mut v: Vec<T> = it.collect();
    v.sort();
    v.dedup();
    v
}

/// Decides which figures the data supports and prepares their data.
fn build_figures(stats: &[CellStats]) -> Vec<(String, Figure)> {
    let mut out = Vec::new();
    for task in TaskKind::ALL {
        let of_task: Vec<&CellStats> = stats.iter().filter(|c| c.key.task == task).collect();
        if of_task.is_empty() {
            continue;
        }
        let depths = distinct(of_task.iter().map(|c| c.key.n_layers));
        for &layers in &depths {
            let cells: Vec<&CellStats> = of_task
                .iter()
                .copied()
                .filter(|c| c.key.n_layers == layers)
                .collect();
            let mut suffix = String::new();
            if task == TaskKind::ModAddSquare {
                suffix.push_str(&format!("-{task}"));
            }
            if depths.len() > 1 {
                suffix.push_str(&format!("-L{layers}"));
            }
            let depth_note = if layers == 1 {
                "1 layer".to_string()
            } else {
                format!("{layers} layers")
            };
            match task {
                TaskKind::ModAdd | TaskKind::ModAddSquare => {
                    let rule = if task == TaskKind::ModAdd {
                        "(a+b) mod P"
                    } else {
                        "(a+b)² mod P"
                    };
                    add_generalization_figures(&mut out, &cells, rule, &depth_note, &suffix);
                }
                TaskKind::RandomLabels => {
                    if let Some(f) = memorization_capacity(&cells, &depth_note) {
                        out.push((format!("memorization-capacity{suffix}"), f));
                    }
                }
                TaskKind::AddWithMemorization => {}
            }
        }
        if task == TaskKind::AddWithMemorization
            && let Some(f) = emergence(&of_task)
        {
            out.push(("emergence".to_string(), f));
        }
    }
    out
}

fn add_generalization_figures(
    out: &mut Vec<(String, Figure)>,
    cells: &[&CellStats],
    rule: &str,
    depth: &str,
    suffix: &str,
) {
    let with_val: Vec<&CellStats> = cells
        .iter()
        .copied()
        .filter(|c| c.final_val_acc.is_some())
        .collect();
    let d_models = distinct(cells.iter().map(|c| c.key.d_model));
    let n_trains = distinct(cells.iter().map(|c| c.key.n_train));
    // D_crit, D_mem and every phase depend on how long the runs trained (a late grokker is
    // ungrokking at a shorter horizon), so each of these figures says it.
    let depth = format!("{depth}, {}", horizon(cells));

    if d_models.len() >= 2 {
        out.push((
            format!("phase-diagram{suffix}"),
            Figure::Phases(PhaseDiagram {
                title: format!("Phase diagram, {rule}, {depth} (majority phase over seeds)"),
                cells: cells
                    .iter()
                    .map(|c| (c.key.d_model, c.key.n_train, c.majority_phase))
                    .collect(),
                d_crit: estimate_d_crit(cells),
                d_mem: estimate_d_mem(cells),
            }),
        ));
    }
    // One line per group of cells, from the judged metric or (faint) the paper's val.
    let series_of = |metric: &dyn Fn(&CellStats) -> Option<MeanCi>,
                     group: &dyn Fn(&CellStats) -> u64,
                     x: &dyn Fn(&CellStats) -> f64,
                     label: &dyn Fn(u64) -> String| {
        distinct(with_val.iter().map(|c| group(c)))
            .into_iter()
            .map(|g| {
                let mut points: Vec<(f64, MeanCi)> = with_val
                    .iter()
                    .filter(|c| group(c) == g)
                    .filter_map(|c| Some((x(c), metric(c)?)))
                    .collect();
                points.sort_by(|a, b| a.0.total_cmp(&b.0));
                Series {
                    label: label(g),
                    points,
                }
            })
            .collect::<Vec<_>>()
    };
    let series_by = |group: &dyn Fn(&CellStats) -> u64,
                     x: &dyn Fn(&CellStats) -> f64,
                     label: &dyn Fn(u64) -> String| {
        series_of(&|c| c.final_val_acc, group, x, label)
    };
    let paper_by = |group: &dyn Fn(&CellStats) -> u64, x: &dyn Fn(&CellStats) -> f64| {
        paper_lines(series_of(&|c| c.paper_final_val_acc, group, x, &|_| {
            String::new()
        }))
    };
    let twin_free = has_paper_val(&with_val);
    let y_desc = val_axis(twin_free, "final");
    if distinct(with_val.iter().map(|c| c.key.d_model)).len() >= 2 {
        out.push((
            format!("double-descent{suffix}"),
            Figure::Line(LineChart {
                title: format!("Double descent in model size, {rule}, {depth}"),
                x_desc: format!("model size d_model{}", pale_note(twin_free)),
                y_desc: y_desc.clone(),
                log_x: false,
                series: series_by(&|c| c.key.n_train, &|c| c.key.d_model as f64, &|n| {
                    format!("D_train = {n}")
                }),
                secondary: None,
                markers: Vec::new(),
                threshold: None,
                x_range: None,
                y_range: None,
                faint: paper_by(&|c| c.key.n_train, &|c| c.key.d_model as f64),
            }),
        ));
    }
    if distinct(with_val.iter().map(|c| c.key.n_train)).len() >= 2 && n_trains.len() >= 2 {
        let d_crit = estimate_d_crit(cells);
        let crit_of = |d: u64| d_crit.iter().find(|&&(m, _)| m == d).map(|&(_, x)| x);
        let series = series_by(
            &|c| c.key.d_model,
            &|c| c.key.n_train as f64,
            &|d| match crit_of(d) {
                Some(x) => format!("d_model = {d} (D_crit ≈ {})", compact(x.round())),
                None => format!("d_model = {d} (D_crit beyond the grid)"),
            },
        );
        let widths = distinct(with_val.iter().map(|c| c.key.d_model));
        let markers = widths
            .iter()
            .enumerate()
            .filter_map(|(i, &d)| {
                crit_of(d).map(|x| VerticalMarker {
                    x,
                    series: i,
                    label: None,
                })
            })
            .collect();
        out.push((
            format!("val-vs-data{suffix}"),
            Figure::Line(LineChart {
                title: format!("Validation accuracy vs training-set size, {rule}, {depth}"),
                x_desc: format!(
                    "training-set size D_train (dashed: D_crit, where the mean crosses {:.0} %){}",
                    D_CRIT_VAL_THRESHOLD * 100.0,
                    pale_note(twin_free)
                ),
                y_desc,
                log_x: false,
                series,
                secondary: None,
                markers,
                threshold: Some(D_CRIT_VAL_THRESHOLD),
                x_range: None,
                y_range: None,
                faint: paper_by(&|c| c.key.d_model, &|c| c.key.n_train as f64),
            }),
        ));
    }
}

/// The run length the cells were judged at: `30 000 steps`, or `8 000-30 000 steps` when they
/// differ.
fn horizon(cells: &[&CellStats]) -> String {
    let lo = cells.iter().map(|c| c.steps).min().unwrap_or(0);
    let hi = cells.iter().map(|c| c.steps).max().unwrap_or(0);
    if lo == hi {
        format!("{} steps", human::steps(hi))
    } else {
        format!("{}-{} steps", human::steps(lo), human::steps(hi))
    }
}

fn memorization_capacity(cells: &[&CellStats], depth: &str) -> Option<Figure> {
    if distinct(cells.iter().map(|c| c.key.d_model)).len() < 2 {
        return None;
    }
    let sizes = distinct(cells.iter().map(|c| c.key.n_train));
    let series = sizes
        .iter()
        .map(|&n| {
            let mut points: Vec<(f64, MeanCi)> = cells
                .iter()
                .filter(|c| c.key.n_train == n)
                .map(|c| (c.n_params as f64, c.final_train_acc))
                .collect();
            points.sort_by(|a, b| a.0.total_cmp(&b.0));
            Series {
                label: format!("{n} randomly labelled pairs"),
                points,
            }
        })
        .collect();
    // One set size (the usual case: all P² = 12769 pairs): a right axis in pairs memorized.
    let secondary = (sizes.len() == 1).then(|| {
        (
            sizes[0] as f64,
            format!("pairs memorized (accuracy × {})", sizes[0]),
        )
    });
    Some(Figure::Line(LineChart {
        title: format!("Memorization capacity (random labels), {depth}"),
        x_desc: "parameters (log scale)".into(),
        y_desc: format!("final train accuracy on all pairs (mean; {SPREAD_LEGEND})"),
        log_x: true,
        series,
        secondary,
        markers: Vec::new(),
        threshold: None,
        x_range: None,
        y_range: None,
        faint: Vec::new(),
    }))
}

fn emergence(cells: &[&CellStats]) -> Option<Figure> {
    let series = emergence_series(cells, "");
    let points = distinct(
        series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.0 as u64)),
    );
    if points.len() < 2 {
        return None;
    }
    let mut chart = emergence_chart(
        "Emergence: addition learned alongside random-label memorization".into(),
        series,
        has_paper_val(cells),
    );
    if let Figure::Line(c) = &mut chart {
        c.faint = paper_lines(emergence_lines(cells, "", ", best seed", &|c| {
            c.paper_best_val_acc.map(|m| MeanCi::single(m.max))
        }));
    }
    Some(chart)
}

/// The paper's-val lines drawn faint under the judged ones; none when no cell has both
/// (the judged metric is then the paper's own).
fn paper_lines(series: Vec<Series>) -> Vec<Series> {
    if series.iter().all(|s| s.points.is_empty()) {
        Vec::new()
    } else {
        series
    }
}

/// Whether any cell's val is twin-free, with the paper's val recorded beside it.
fn has_paper_val(cells: &[&CellStats]) -> bool {
    cells.iter().any(|c| c.paper_final_val_acc.is_some())
}

/// A val axis's title: which val metric it shows (`which`: "final" or "best").
fn val_axis(twin_free: bool, which: &str) -> String {
    if twin_free {
        format!("{which} twin-free val (mean; {SPREAD_LEGEND})")
    } else {
        format!("{which} validation accuracy (mean; {SPREAD_LEGEND})")
    }
}

/// What the x axis's title adds when the pale lines show the paper's val (the y axis has no
/// room for it).
fn pale_note(twin_free: bool) -> &'static str {
    if twin_free {
        "; pale: the paper's val, twin pairs included"
    } else {
        ""
    }
}

/// Two lines per memorization size, the best val accuracy on addition that each run reached,
/// against parameters: over the seeds, the best one (the paper's statistic) and the median one
/// (whether the best is a lucky seed).
fn emergence_series(cells: &[&CellStats], label_prefix: &str) -> Vec<Series> {
    let best = emergence_lines(cells, label_prefix, ", best seed", &|c| {
        c.best_val_acc.map(|m| MeanCi::single(m.max))
    });
    let median = emergence_lines(cells, label_prefix, ", median seed", &|c| {
        c.median_best_val_acc.map(MeanCi::single)
    });
    best.into_iter().chain(median).collect()
}

/// One line per memorization size of one statistic over seeds (`metric`), named
/// `<label_prefix><m> memorization examples<label_suffix>`.
fn emergence_lines(
    cells: &[&CellStats],
    label_prefix: &str,
    label_suffix: &str,
    metric: &dyn Fn(&CellStats) -> Option<MeanCi>,
) -> Vec<Series> {
    let with_val: Vec<&CellStats> = cells
        .iter()
        .copied()
        .filter(|c| c.best_val_acc.is_some() && c.n_params > 0)
        .collect();
    distinct(with_val.iter().map(|c| c.key.n_memorize))
        .into_iter()
        .map(|m| {
            let mut points: Vec<(f64, MeanCi)> = with_val
                .iter()
                .filter(|c| c.key.n_memorize == m)
                .filter_map(|c| Some((c.n_params as f64, metric(c)?)))
                .collect();
            points.sort_by(|a, b| a.0.total_cmp(&b.0));
            Series {
                label: format!("{label_prefix}{m} memorization examples{label_suffix}"),
                points,
            }
        })
        .collect()
}

fn emergence_chart(title: String, series: Vec<Series>, twin_free: bool) -> Figure {
    Figure::Line(LineChart {
        title,
        x_desc: format!("parameters (log scale){}", pale_note(twin_free)),
        y_desc: if twin_free {
            "each run's best twin-free val on addition: best and median seed".into()
        } else {
            "each run's best val accuracy on addition: best and median seed".into()
        },
        log_x: true,
        series,
        secondary: None,
        markers: Vec::new(),
        threshold: None,
        x_range: None,
        y_range: None,
        faint: Vec::new(),
    })
}

/// `groktop report DIR --against OTHER`: the emergence figure of two sweeps on one chart,
/// each line named by its sweep's preset (Fig. 10: the split MLP against the shared one),
/// written to `<DIR>/compare-<OTHER's directory name>.svg` and `.png`.
pub fn write_comparison(dir: &Path, other: &Path) -> Result<Vec<PathBuf>, ReportError> {
    let mut series = Vec::new();
    let mut names = Vec::new();
    let mut twin_free = false;
    for d in [dir, other] {
        let rows = read_summary(d.join(SUMMARY))?;
        let stats = aggregate(&rows);
        let cells: Vec<&CellStats> = stats
            .iter()
            .filter(|c| c.key.task == TaskKind::AddWithMemorization)
            .collect();
        let name = rows.first().map_or_else(String::new, |r| r.preset.clone());
        twin_free |= has_paper_val(&cells);
        let of_dir = emergence_series(&cells, &format!("{name}: "));
        if of_dir.is_empty() {
            return Err(RecordError::at(
                &d.join(SUMMARY),
                "no finished add-with-memorization cell: the comparison draws the emergence \
                 figure (Figs. 8 and 10) of two such sweeps",
            )
            .into());
        }
        series.extend(of_dir);
        names.push(name);
    }
    let title = format!("Emergence: {} against {}", names[0], names[1]);
    let other_name = other
        .file_name()
        .map_or_else(|| "other".into(), |n| n.to_string_lossy().into_owned());
    render(
        dir,
        &format!("compare-{other_name}"),
        &emergence_chart(title, series, twin_free),
    )
}

/// Draws `figure` into `<dir>/<name>.svg` and `<dir>/<name>.png`.
pub(super) fn render(
    dir: &Path,
    name: &str,
    figure: &impl Drawing,
) -> Result<Vec<PathBuf>, ReportError> {
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

pub(super) fn series_color(i: usize) -> RGBColor {
    let (r, g, b) = SERIES_RGB[i % SERIES_RGB.len()];
    RGBColor(r, g, b)
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

/// Compact number: 950, 12.8k, 1.5M.
pub(super) fn compact(v: f64) -> String {
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

fn padded_range(xs: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
        (lo.min(x), hi.max(x))
    });
    let span = if hi > lo { hi - lo } else { lo.abs().max(1.0) };
    (lo - 0.05 * span, hi + 0.05 * span)
}

/// The corner of the plot where the legend hides the fewest points (lower right on a tie,
/// then upper left), judged on boxes of 45 % of the width and 35 % of the height.
fn legend_corner(c: &LineChart, (x0, x1): (f64, f64), (y0, y1): (f64, f64)) -> SeriesLabelPosition {
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
    .min_by_key(|&(_, n)| n)
    .map_or(LowerRight, |(corner, _)| corner)
}

/// A series' (x, mean) points, for drawing its line.
fn means(points: &[(f64, MeanCi)]) -> Vec<(f64, f64)> {
    points.iter().map(|&(x, m)| (x, m.mean)).collect()
}

/// The opacity of a chart's faint (unsmoothed) curves.
const FAINT: f64 = 0.3;

pub(super) fn draw_line_chart<DB: DrawingBackend>(
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
    let builder = |right_area: u32| {
        let mut b = ChartBuilder::on(root);
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
            $chart
                .configure_series_labels()
                .position(legend_corner(c, (x0, x1), (y0, y1)))
                .background_style(WHITE.mix(0.85))
                .border_style(RGBColor(160, 160, 160))
                .label_font((FONT, 14))
                .draw()?;
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
    Ok(())
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

fn draw_phase_diagram<DB: DrawingBackend>(
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
    let present: Vec<Phase> = super::PHASE_ORDER
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
    let crit = curve(&p.d_crit);
    let mem = curve(&p.d_mem);
    let crit_style = BLACK.stroke_width(3);
    let mem_style = RGBColor(40, 40, 200).stroke_width(3);
    chart.draw_series(LineSeries::new(crit.clone(), crit_style))?;
    chart.draw_series(crit.iter().map(|&pt| Circle::new(pt, 5, BLACK.filled())))?;
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
    y += 26;
    legend_area.draw(&PathElement::new(vec![(10, y + 8), (32, y + 8)], mem_style))?;
    legend_area.draw(&Text::new("D_mem (train ≈ 1)", (40, y), text.clone()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::SummaryRow;
    use crate::report::stats::tests::{row, synthetic_grid};

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
        };
        // Points low on the right: the default corner would hide them.
        let low_right = at(&[(9.0, 0.1), (10.0, 0.05), (0.0, 0.9)]);
        assert!(matches!(
            legend_corner(&low_right, (0.0, 10.0), (0.0, 1.0)),
            SeriesLabelPosition::LowerLeft
        ));
        // Nothing low on the right: the default.
        let rising = at(&[(0.0, 0.1), (5.0, 0.5), (10.0, 1.0)]);
        assert!(matches!(
            legend_corner(&rising, (0.0, 10.0), (0.0, 1.0)),
            SeriesLabelPosition::LowerRight
        ));
    }

    #[test]
    fn the_emergence_figure_draws_the_best_and_the_median_seed_not_the_mean() {
        // Three seeds of one width reach 0.02, 0.10 and 0.90: the paper plots the best (0.90),
        // the median (0.10) says the best is one seed; the mean (0.34) describes no run.
        let rows: Vec<SummaryRow> = [(16u64, [0.02, 0.10, 0.90]), (64, [0.95, 0.97, 0.99])]
            .iter()
            .flat_map(|&(d, vals)| {
                vals.into_iter().enumerate().map(move |(seed, v)| {
                    let mut r = row(
                        TaskKind::AddWithMemorization,
                        d,
                        1600,
                        seed as u64,
                        1.0,
                        Some(v),
                        Phase::Undecided,
                    );
                    r.n_memorize = 400;
                    r.n_params = d * d * 12;
                    r.best_val_acc = Some(v);
                    r
                })
            })
            .collect();
        let stats = aggregate(&rows);
        let cells: Vec<&CellStats> = stats.iter().collect();
        let series = emergence_series(&cells, "");
        let at = |label: &str| -> Vec<f64> {
            let s = series.iter().find(|s| s.label == label).expect(label);
            s.points.iter().map(|p| p.1.mean).collect()
        };
        assert_eq!(at("400 memorization examples, best seed"), vec![0.90, 0.99]);
        assert_eq!(
            at("400 memorization examples, median seed"),
            vec![0.10, 0.97]
        );
        assert_eq!(series.len(), 2);
    }

    #[test]
    fn the_generalization_figures_state_the_run_length_they_judge_at() {
        let mut rows = synthetic_grid();
        for r in &mut rows {
            r.steps = 30000;
        }
        let figures = build_figures(&aggregate(&rows));
        let find = |name: &str| &figures.iter().find(|(n, _)| n == name).expect(name).1;
        let Figure::Line(val_vs_data) = find("val-vs-data") else {
            panic!("val-vs-data is a line chart")
        };
        assert!(
            val_vs_data.title.ends_with(", 30 000 steps"),
            "{}",
            val_vs_data.title
        );
        let Figure::Phases(phases) = find("phase-diagram") else {
            panic!("phase-diagram is a phase diagram")
        };
        assert!(phases.title.contains(", 30 000 steps"), "{}", phases.title);
        // Every seed of one cell stopped at 8 000 (a cell's length is its longest seed's).
        let (d, n) = (rows[0].d_model, rows[0].n_train);
        for r in rows.iter_mut().filter(|r| r.d_model == d && r.n_train == n) {
            r.steps = 8000;
        }
        let figures = build_figures(&aggregate(&rows));
        let (_, Figure::Line(dd)) = figures.iter().find(|(n, _)| n == "double-descent").unwrap()
        else {
            panic!("double-descent is a line chart")
        };
        assert!(dd.title.ends_with(", 8 000-30 000 steps"), "{}", dd.title);
    }

    fn to_csv(rows: &[SummaryRow]) -> String {
        let o = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
        let oi = |v: Option<u64>| v.map(|x| x.to_string()).unwrap_or_default();
        let mut s = crate::report::SUMMARY_COLUMNS.join(",");
        s.push('\n');
        for (i, r) in rows.iter().enumerate() {
            s.push_str(&format!(
                "{i},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
                r.preset,
                r.task,
                r.n_train,
                r.d_model,
                r.n_layers,
                r.n_memorize,
                r.seed,
                r.n_params,
                r.steps,
                r.final_train_acc,
                o(r.final_val_acc),
                o(r.best_val_acc),
                r.phase,
                oi(r.memorized_step),
                oi(r.generalized_step),
            ));
        }
        s
    }

    fn full_sweep() -> Vec<SummaryRow> {
        let mut rows = synthetic_grid();
        for d in [8u64, 16, 32, 64] {
            for seed in 0..3 {
                let acc = (d as f64 / 80.0 + seed as f64 * 0.01).min(1.0);
                rows.push(row(
                    TaskKind::RandomLabels,
                    d,
                    12769,
                    seed,
                    acc,
                    None,
                    Phase::Undecided,
                ));
            }
        }
        for (layers, d) in [(1u64, 64u64), (2, 128), (4, 256)] {
            for m in [3000u64, 6000] {
                for seed in 0..2 {
                    let mut r = row(
                        TaskKind::AddWithMemorization,
                        d,
                        3000,
                        seed,
                        1.0,
                        Some(if d >= 256 { 0.9 } else { 0.05 }),
                        Phase::Progression,
                    );
                    r.n_layers = layers;
                    r.n_memorize = m;
                    r.n_params = layers * d * d * 12;
                    rows.push(r);
                }
            }
        }
        rows
    }

    fn check_outputs(paths: &[PathBuf]) {
        for p in paths {
            let bytes = std::fs::read(p).unwrap();
            assert!(
                bytes.len() > 1000,
                "{} is only {} bytes",
                p.display(),
                bytes.len()
            );
            match p.extension().and_then(|e| e.to_str()) {
                Some("png") => {
                    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{}", p.display());
                    // IHDR: width and height as drawn
                    assert_eq!(&bytes[12..16], b"IHDR");
                    assert_eq!(
                        u32::from_be_bytes(bytes[16..20].try_into().unwrap()),
                        SIZE.0
                    );
                    assert_eq!(
                        u32::from_be_bytes(bytes[20..24].try_into().unwrap()),
                        SIZE.1
                    );
                }
                Some("svg") => {
                    let text = String::from_utf8(bytes).unwrap();
                    assert!(text.contains("<svg"), "{}", p.display());
                    assert!(text.contains("<text"), "{} has no text", p.display());
                }
                other => panic!("unexpected output {other:?}"),
            }
        }
    }

    #[test]
    fn writes_every_supported_figure_as_svg_and_png() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("summary.csv"), to_csv(&full_sweep())).unwrap();
        let paths = write_figures(dir.path()).unwrap();
        if let Ok(keep) = std::env::var("GROKTOP_KEEP_FIGURES") {
            // for looking at the figures: copy them out of the temp dir
            std::fs::create_dir_all(&keep).unwrap();
            for p in &paths {
                std::fs::copy(p, Path::new(&keep).join(p.file_name().unwrap())).unwrap();
            }
        }
        let mut names: Vec<String> = paths
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let mut expected: Vec<String> = FIGURE_NAMES
            .iter()
            .flat_map(|n| [format!("{n}.png"), format!("{n}.svg")])
            .collect();
        expected.sort();
        assert_eq!(names, expected);
        for p in &paths {
            assert_eq!(p.parent().unwrap(), dir.path());
        }
        check_outputs(&paths);
        let svg = std::fs::read_to_string(dir.path().join("phase-diagram.svg")).unwrap();
        for phase in [
            "ungrokking",
            "grokking",
            "semi-grokking",
            "progression",
            "D_crit",
        ] {
            assert!(svg.contains(phase), "legend lacks {phase}");
        }
        let svg = std::fs::read_to_string(dir.path().join("memorization-capacity.svg")).unwrap();
        assert!(svg.contains("pairs memorized"), "no secondary axis");
    }

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
    fn skips_figures_without_two_x_values() {
        let dir = tempfile::tempdir().unwrap();
        // one d_model, several n_train: only val-vs-data is possible
        let rows: Vec<SummaryRow> = [2000u64, 3000, 4000]
            .iter()
            .map(|&n| {
                row(
                    TaskKind::ModAdd,
                    32,
                    n,
                    0,
                    1.0,
                    Some(n as f64 / 5000.0),
                    Phase::Grokking,
                )
            })
            .collect();
        std::fs::write(dir.path().join("summary.csv"), to_csv(&rows)).unwrap();
        let paths = write_figures(dir.path()).unwrap();
        let names: Vec<_> = paths
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["val-vs-data.svg", "val-vs-data.png"]);
        check_outputs(&paths);
    }

    #[test]
    fn missing_summary_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            write_figures(dir.path()),
            Err(ReportError::Record(_))
        ));
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
