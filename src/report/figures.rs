//! The paper's figures: which ones an aggregated sweep supports and their data, drawn as SVG
//! and PNG with the plotting toolkit (`plot`).

use std::path::{Path, PathBuf};

use plotters::coord::Shift;
use plotters::prelude::*;

use super::curves;
use super::plot::{
    DrawResult, Drawing, LineChart, PhaseDiagram, SIZE, Series, VerticalMarker, compact, distinct,
    draw_line_chart, draw_phase_diagram, render,
};
use crate::human;
use crate::record::{RecordError, SUMMARY, SweepDir};

use super::{
    CellStats, D_CRIT_VAL_THRESHOLD, MeanCi, ReportError, SPREAD_LEGEND, TaskKind, aggregate,
    estimate_d_crit, estimate_d_mem, read_summary,
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
                band: None,
            }),
        ));
    }
    if distinct(with_val.iter().map(|c| c.key.n_train)).len() >= 2 && n_trains.len() >= 2 {
        let d_crit = estimate_d_crit(cells);
        let crit_of = |d: u64| d_crit.iter().find(|c| c.d_model == d);
        let series = series_by(
            &|c| c.key.d_model,
            &|c| c.key.n_train as f64,
            &|d| match crit_of(d) {
                Some(c) => format!("d_model = {d} (D_crit {})", c.text(|x| compact(x.round()))),
                None => format!("d_model = {d} (D_crit beyond the grid)"),
            },
        );
        let widths = distinct(with_val.iter().map(|c| c.key.d_model));
        let markers = widths
            .iter()
            .enumerate()
            .filter_map(|(i, &d)| {
                crit_of(d).map(|c| VerticalMarker {
                    x: c.n_train,
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
                band: None,
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
        band: None,
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
    let faint = paper_lines(emergence_lines(cells, "", ", best seed", &|c| {
        c.paper_best_val_acc.map(|m| MeanCi::single(m.max))
    }));
    Some(emergence_chart(
        "Emergence: addition learned alongside random-label memorization".into(),
        series,
        has_paper_val(cells),
        faint,
    ))
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

/// `faint`: the paper's-val lines drawn pale under `series`; the x title mentions them only
/// when there are some.
fn emergence_chart(
    title: String,
    series: Vec<Series>,
    twin_free: bool,
    faint: Vec<Series>,
) -> Figure {
    Figure::Line(LineChart {
        title,
        x_desc: format!(
            "parameters (log scale){}",
            pale_note(twin_free && !faint.is_empty())
        ),
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
        faint,
        band: None,
    })
}

/// `groktop report DIR --against OTHER`: the emergence figure of two sweeps on one chart,
/// each line named by its sweep's preset (Fig. 10: the split MLP against the shared one),
/// written to `<DIR>/compare-<OTHER's directory name>.svg` and `.png`. Only the memorization
/// sizes both sweeps ran are drawn (a line of the other's without a partner compares nothing
/// and hid the pairs that do); where they share none, every line is.
pub fn write_comparison(dir: &Path, other: &Path) -> Result<Vec<PathBuf>, ReportError> {
    let mut sweeps = Vec::new();
    for d in [dir, other] {
        let rows = read_summary(d.join(SUMMARY))?;
        let name = rows.first().map_or_else(String::new, |r| r.preset.clone());
        let stats: Vec<CellStats> = aggregate(&rows)
            .into_iter()
            .filter(|c| c.key.task == TaskKind::AddWithMemorization)
            .collect();
        if emergence_series(&stats.iter().collect::<Vec<_>>(), "").is_empty() {
            return Err(RecordError::at(
                &d.join(SUMMARY),
                "no finished add-with-memorization cell: the comparison draws the emergence \
                 figure (Figs. 8 and 10) of two such sweeps",
            )
            .into());
        }
        sweeps.push((name, stats));
    }
    let sizes = |stats: &[CellStats]| distinct(stats.iter().map(|c| c.key.n_memorize));
    let others = sizes(&sweeps[1].1);
    let shared: Vec<u64> = sizes(&sweeps[0].1)
        .into_iter()
        .filter(|m| others.contains(m))
        .collect();
    let mut series = Vec::new();
    let mut twin_free = false;
    for (name, stats) in &sweeps {
        let cells: Vec<&CellStats> = stats
            .iter()
            .filter(|c| shared.is_empty() || shared.contains(&c.key.n_memorize))
            .collect();
        twin_free |= has_paper_val(&cells);
        series.extend(emergence_series(&cells, &format!("{name}: ")));
    }
    let title = format!("Emergence: {} against {}", sweeps[0].0, sweeps[1].0);
    let other_name = other
        .file_name()
        .map_or_else(|| "other".into(), |n| n.to_string_lossy().into_owned());
    render(
        dir,
        &format!("compare-{other_name}"),
        // No pale paper's-val lines: beside two sweeps' lines they would double a crowded chart.
        &emergence_chart(title, series, twin_free, Vec::new()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::stats::tests::{row, synthetic_grid};
    use crate::report::{Phase, SummaryRow};

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
}
