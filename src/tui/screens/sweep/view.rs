//! The sweep screen: the grid as a phase map that fills in as cells finish, and the selected
//! cell's curves beside it.
//!
//! ```text
//! ┌ sweep fig3 · 23/77 cells done · 2 running ─┐ cell 0007 n3000 d64 L1 m0 s0   phase GROKKING
//! │ n_train ↑  d_model →                       │┌ accuracy • train ⣿ val ─────────────────────┐
//! │          32   36   40   44   48   56   64  ││ braille chart with M / O / G event marks     │
//! │  4000  P 97 P 99 G100 G100 G 99 G100 G100  ││                                              │
//! │▶ 3000  U  2 U  3 S 41 G 98  42%    ·    ·  │└──────────────────────────────────────────────┘
//! │  2000  U  1 U  1 U  2 U  2    ·    ·    ·  │┌ parameter norm ──────────────────────────────┐
//! │                                            ││ braille chart (a sparkline when short)        │
//! │ D_crit (val ≥ 90% at 30 000 steps): d44 …  │└──────────────────────────────────────────────┘
//! │ D_mem (memorized all, at least): d32 3 000 │ memorized 1 200 · generalized 14 300 · step …
//! │ P progression  U ungrokking  G grokking …  │ why: val jumped long after train
//! └────────────────────────────────────────────┘
//! ```
//! Each block is one grid point (its seeds aggregated): the letter of the majority phase
//! (colour too, when there is colour) and the mean final val acc in %; `42%` is a point
//! still training, `·` one not started. Grids with more axes show one slice of n_layers ×
//! n_memorize at a time (`[` / `]`).

use super::figure::render_figure;
use super::words as s;
use super::{SliceEstimates, SweepScreen};
use crate::human;
use crate::report::{D_CRIT_VAL_THRESHOLD, PHASE_ORDER};
use crate::tui::state::chart_view::ChartView;
use crate::tui::state::run_state::{RunState, Status};
use crate::tui::state::sweep_disk::PointState;
use crate::tui::widgets::chart::StepAxis;
use crate::tui::widgets::format::opt_steps;
use crate::tui::widgets::look::Look;
use crate::tui::widgets::run_charts::{render_accuracy, render_norm};
use crate::tui::widgets::spark::{Spark, Sparks};
use crate::tui::widgets::theme::{Theme, phase_letter};
use crate::tui::widgets::words as w;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// The cell panel keeps at least this many columns.
const MIN_CELL_PANEL: u16 = 36;
/// Widest block of the map.
const MAX_BLOCK: u16 = 8;

/// The sweep screen in `area`: the map, and the selected cell or a figure.
pub fn render(frame: &mut Frame, area: Rect, look: Look, sw: &SweepScreen) {
    let map_w = map_width(sw, area.width);
    let [map, cell] =
        Layout::horizontal([Constraint::Length(map_w), Constraint::Fill(1)]).areas(area);
    render_map_panel(frame, map, sw, look.theme);
    match (sw.figure, sw.shown_figure()) {
        (Some(i), Some((_, chart))) => {
            render_figure(frame, cell, (i, sw.figures.len()), chart, look.theme);
        }
        _ => render_cell(frame, cell, look, sw),
    }
}

/// Narrow screens: the grid at 5 columns a block, or two fifths of the screen. Wide ones:
/// the widest blocks and room for the legend; the cell's charts get the rest.
fn map_width(sw: &SweepScreen, width: u16) -> u16 {
    let cols = sw.sweep.d_models.len() as u16;
    let needed = |block: u16| label_width(sw) + cols * block_min(sw).max(block) + 3;
    let w = if width >= 120 {
        needed(MAX_BLOCK).max(62)
    } else {
        needed(5).max(width * 2 / 5)
    };
    w.min(width.saturating_sub(MIN_CELL_PANEL))
}

/// The row labels' column: the widest n_train, a marker and a space.
fn label_width(sw: &SweepScreen) -> u16 {
    let widest = sw.sweep.n_trains.iter().map(|n| n.to_string().len()).max();
    widest.unwrap_or(1) as u16 + 3
}

/// The narrowest block that still shows its d_model header (and a gap).
fn block_min(sw: &SweepScreen) -> u16 {
    let widest = sw.sweep.d_models.iter().map(|d| d.to_string().len()).max();
    (widest.unwrap_or(1) as u16 + 1).max(3)
}

/// The bordered map panel: slice, map, the D_crit / D_mem estimates and the legend.
fn render_map_panel(frame: &mut Frame, area: Rect, sw: &SweepScreen, t: &Theme) {
    let (done, running) = sw.sweep.counts();
    let block = Block::bordered().title(format!(" {} ", sw.sweep.name));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut head = vec![Line::from(s::sweep_counts(
        done,
        running,
        sw.sweep.cells.len(),
    ))];
    if let Some(e) = &sw.sweep.error {
        head.push(Line::styled(e.clone(), t.bad()));
    }
    if sw.sweep.slices.len() > 1 {
        let (layers, mem, _, _) = sw.key();
        head.push(Line::styled(
            s::sweep_slice(layers, mem, sw.slice + 1, sw.sweep.slices.len()),
            t.title(),
        ));
    }
    head.push(Line::styled(s::MAP_AXES, t.dim()));
    let notes = notes(sw, t);
    let g = map_geometry(inner, sw, head.len() as u16, &notes);
    frame.render_widget(Paragraph::new(head), g.head);
    render_map(frame, g.map, sw, g.row_h, t);
    frame.render_widget(Paragraph::new(notes).wrap(Wrap { trim: true }), g.notes);
}

/// Where the map panel's parts go.
struct MapGeometry {
    head: Rect,
    map: Rect,
    notes: Rect,
    /// Rows per grid point.
    row_h: u16,
}

/// Taller blocks (up to 3 rows) when the map, legend and estimates still fit.
fn map_geometry(inner: Rect, sw: &SweepScreen, head_rows: u16, notes: &[Line]) -> MapGeometry {
    let n_rows = sw.sweep.n_trains.len().max(1) as u16;
    let notes_h = wrapped_height(notes, inner.width);
    let spare = inner.height.saturating_sub(head_rows + 2 + notes_h);
    let row_h = (spare / n_rows).clamp(1, 3);
    let [head, map, _, notes] = Layout::vertical([
        Constraint::Length(head_rows),
        Constraint::Max(1 + n_rows * row_h),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    MapGeometry {
        head,
        map,
        notes,
        row_h,
    }
}

/// The rows of the map panel above the map (counts, error, slice, axes).
fn head_rows(sw: &SweepScreen) -> u16 {
    2 + u16::from(sw.sweep.error.is_some()) + u16::from(sw.sweep.slices.len() > 1)
}

/// The grid point (column, row) under a click at (`col`, `row`) on the sweep screen drawn in
/// `area`.
pub fn cell_at(
    area: Rect,
    look: Look,
    sw: &SweepScreen,
    col: u16,
    row: u16,
) -> Option<(usize, usize)> {
    let map_w = map_width(sw, area.width);
    let [panel, _] =
        Layout::horizontal([Constraint::Length(map_w), Constraint::Fill(1)]).areas(area);
    let inner = Block::bordered().inner(panel);
    let g = map_geometry(inner, sw, head_rows(sw), &notes(sw, look.theme));
    let m = MapPlacement::new(g.map, sw, g.row_h)?;
    if row <= g.map.y || row >= g.map.bottom() || col < g.map.x + m.label_w {
        return None;
    }
    let k = m.first_col + usize::from((col - g.map.x - m.label_w) / m.block_w);
    let shown = m.first_row + usize::from((row - g.map.y - 1) / g.row_h);
    let n = sw.sweep.n_trains.len();
    let visible = k < m.first_col + m.cols && shown < m.first_row + m.rows;
    (visible && k < sw.sweep.d_models.len() && shown < n).then(|| (k, n - 1 - shown))
}

/// How the map's blocks are placed in its area: block width, and which columns and rows
/// are in view (they scroll to keep the selection in view).
struct MapPlacement {
    label_w: u16,
    block_w: u16,
    cols: usize,
    first_col: usize,
    rows: usize,
    first_row: usize,
}

impl MapPlacement {
    fn new(area: Rect, sw: &SweepScreen, row_h: u16) -> Option<Self> {
        let label_w = label_width(sw);
        let (ds, ns) = (&sw.sweep.d_models, &sw.sweep.n_trains);
        if area.height < 2 || area.width <= label_w || ds.is_empty() || ns.is_empty() {
            return None;
        }
        let block_w = ((area.width - label_w) / ds.len() as u16).clamp(block_min(sw), MAX_BLOCK);
        let cols = (((area.width - label_w) / block_w) as usize).max(1);
        let rows = ((area.height - 1) / row_h).max(1) as usize;
        // Display order: largest n_train first.
        let shown_row = ns.len() - 1 - sw.row;
        Some(Self {
            label_w,
            block_w,
            cols,
            first_col: (sw.col + 1).saturating_sub(cols),
            rows,
            first_row: (shown_row + 1).saturating_sub(rows),
        })
    }
}

/// About how many rows `lines` take wrapped at `width` (one more for word breaks).
fn wrapped_height(lines: &[Line], width: u16) -> u16 {
    let w = usize::from(width.max(1));
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(w).max(1)).sum();
    rows as u16 + 1
}

/// The heat map: d_model across, n_train up (largest at the top), one block per grid point,
/// `row_h` rows tall. Rows and columns scroll to keep the selection in view.
fn render_map(frame: &mut Frame, area: Rect, sw: &SweepScreen, row_h: u16, t: &Theme) {
    let (ds, ns) = (&sw.sweep.d_models, &sw.sweep.n_trains);
    let Some(MapPlacement {
        label_w,
        block_w,
        cols,
        first_col,
        rows,
        first_row,
    }) = MapPlacement::new(area, sw, row_h)
    else {
        return;
    };
    let buf = frame.buffer_mut();
    let cw = block_w as usize - 1;
    for (k, d) in ds.iter().enumerate().skip(first_col).take(cols) {
        let x = area.x + label_w + (k - first_col) as u16 * block_w;
        let style = if k == sw.col { t.title() } else { t.dim() };
        buf.set_string(x, area.y, format!("{d:>cw$}"), style);
    }
    if first_col > 0 {
        buf.set_string(area.x + label_w - 1, area.y, "‹", t.dim());
    }
    if first_col + cols < ds.len() {
        buf.set_string(area.right() - 1, area.y, "›", t.dim());
    }
    let blank = " ".repeat(cw);
    for (shown, r) in (0..ns.len()).rev().enumerate().skip(first_row).take(rows) {
        let top = area.y + 1 + (shown - first_row) as u16 * row_h;
        let mid = top + row_h / 2;
        let marker = if r == sw.row { "▶" } else { " " };
        let lw = label_w as usize - 2;
        buf.set_string(area.x, mid, format!("{marker}{:>lw$}", ns[r]), t.title());
        for (k, &d) in ds.iter().enumerate().skip(first_col).take(cols) {
            let x = area.x + label_w + (k - first_col) as u16 * block_w;
            let (text, mut style) = block_text(sw.point(d, ns[r]), cw, t);
            if k == sw.col && r == sw.row {
                style = style.add_modifier(Modifier::REVERSED | Modifier::BOLD);
            }
            for y in top..top + row_h {
                let line = if y == mid {
                    text.as_str()
                } else {
                    blank.as_str()
                };
                buf.set_string(x, y, line, style);
            }
        }
    }
}

/// One block's text (`cw` wide) and style.
fn block_text(point: Option<&PointState>, cw: usize, t: &Theme) -> (String, Style) {
    match point {
        None | Some(PointState::Pending) => (format!("{:>cw$}", "·"), t.dim()),
        Some(PointState::Running { pct }) => {
            let text = if cw >= 4 {
                format!("{pct}%")
            } else {
                pct.to_string()
            };
            (format!("{text:>cw$}"), t.dim())
        }
        Some(PointState::Done(c)) => {
            let letter = phase_letter(c.majority_phase);
            let text = if cw >= 4 {
                // A grid with no validation set (random labels) shows what was memorized.
                let acc = c.final_val_acc.unwrap_or(c.final_train_acc);
                let val = format!("{:.0}", acc.mean * 100.0);
                format!("{:>cw$}", format!("{letter}{val:>3}"))
            } else {
                format!("{letter:>cw$}")
            };
            let style = if t.color {
                t.phase_cell(c.majority_phase)
            } else {
                t.title()
            };
            (text, style)
        }
    }
}

/// Under the map: the D_crit / D_mem estimates of the shown slice, then the legend, so a short
/// terminal cuts the legend (the help popup has it too) and keeps the estimates.
fn notes(sw: &SweepScreen, t: &Theme) -> Vec<Line<'static>> {
    let mut legend = Vec::new();
    for p in PHASE_ORDER {
        let style = if t.color { t.phase_cell(p) } else { t.title() };
        legend.push(Span::styled(phase_letter(p), style));
        // No-break spaces keep each letter with its word when the legend wraps.
        legend.push(Span::raw(format!("\u{a0}{}  ", p.label())));
    }
    legend.push(Span::styled("·", t.dim()));
    legend.push(Span::raw(format!(
        "\u{a0}{}  ",
        s::LEGEND_PENDING.replace(' ', "\u{a0}")
    )));
    legend.push(Span::styled("42%", t.dim()));
    legend.push(Span::raw(format!("\u{a0}{}", s::LEGEND_RUNNING)));
    let none = SliceEstimates::default();
    let estimates = sw.estimates.get(sw.slice).unwrap_or(&none);
    let size = |n: f64| human::steps(n.round() as u64).replace(' ', "\u{a0}");
    // "d32 3 703 · d48 3 000", each width's entry kept on one line by no-break spaces.
    let list = |parts: Vec<(u64, String)>| {
        if parts.is_empty() {
            return s::NO_ESTIMATE.to_string();
        }
        let parts: Vec<String> = (parts.iter())
            .map(|(d, n)| format!("d{d}\u{a0}{n}"))
            .collect();
        parts.join(" · ")
    };
    let points = |points: &[(u64, f64)]| list(points.iter().map(|&(d, n)| (d, size(n))).collect());
    let d_crit = (estimates.d_crit.iter())
        .map(|c| (c.d_model, c.text(size).replace(' ', "\u{a0}")))
        .collect();
    if estimates.train_only {
        return vec![
            Line::from(s::capacity(&points(&estimates.capacity))),
            Line::from(legend),
            Line::styled(s::LEGEND_NUMBER_TRAIN, t.dim()),
        ];
    }
    vec![
        Line::from(s::d_crit(
            D_CRIT_VAL_THRESHOLD * 100.0,
            &human::steps(sw.sweep.preset.training.steps).replace(' ', "\u{a0}"),
            &list(d_crit),
        )),
        Line::from(s::d_mem(&points(&estimates.d_mem))),
        Line::from(legend),
        Line::styled(s::LEGEND_NUMBER, t.dim()),
    ]
}

/// The selected cell: its name and phase, accuracy and norm charts, and its verdict.
fn render_cell(frame: &mut Frame, area: Rect, look: Look, sw: &SweepScreen) {
    let t = look.theme;
    let Some(d) = &sw.detail else {
        return;
    };
    let run = &d.run;
    let details_text = Paragraph::new(detail_lines(run, t)).wrap(Wrap { trim: true });
    // Wrapped whole under the charts (the verdict's reason too), at most half the panel.
    let details_h = (details_text.line_count(area.width) as u16).min(area.height / 2);
    let [header, body, details] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(details_h),
    ])
    .areas(area);
    let title = s::cell_title(&run.label, sw.seed + 1, sw.sweep.seeds.len());
    frame.render_widget(Span::styled(title, t.title()), header);
    if run.last.is_none() && run.unreadable.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(s::CELL_PENDING, t.dim())).wrap(Wrap { trim: true }),
            body,
        );
        return;
    }
    let axis = StepAxis::new(run.total_steps, look.log_x);
    let view = ChartView::default();
    if body.height >= 24 {
        let [acc, norm] =
            Layout::vertical([Constraint::Percentage(60), Constraint::Fill(1)]).areas(body);
        render_accuracy(frame, acc, run, &axis, &view, Sparks::none(), t);
        render_norm(frame, norm, run, &axis, &view, t);
    } else {
        // The norm as a sparkline in the accuracy box, on its step columns.
        let norm = Spark {
            name: w::NORM_SHORT,
            label: w::NORM,
            now: run
                .last
                .as_ref()
                .map_or_else(|| "–".into(), |m| format!("{:.1}", m.param_norm)),
            series: &run.norm,
            style: t.norm(),
            log_scale: false,
        };
        render_accuracy(frame, body, run, &axis, &view, Sparks::Rows(vec![norm]), t);
    }
    frame.render_widget(details_text, details);
}

/// The cell's phase and milestones, its progress, and why the detector says so.
fn detail_lines(run: &RunState, t: &Theme) -> Vec<Line<'static>> {
    let pct = (run.progress() * 100.0).floor() as u64;
    // Running means a live writer; a cell without one is stopped (resumed by the next sweep
    // from its checkpoint, or started over when it had none) or not started.
    let state = match &run.status {
        _ if !run.unreadable.is_empty() => w::UNREADABLE.to_string(),
        Status::Finished { completed: true } => format!("✔ {}", w::DONE),
        Status::Finished { completed: false } => match run.checkpoint {
            Some(step) => s::cell_stopped(&human::steps(step)),
            None if run.step > 0 => s::CELL_STOPPED_EARLY.to_string(),
            None => s::CELL_NOT_STARTED.to_string(),
        },
        Status::Failed(_) => s::CELL_FAILED.to_string(),
        _ => s::CELL_RUNNING.to_string(),
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{} ", w::PHASE), t.dim()),
            Span::styled(run.phase.label().to_uppercase(), t.phase(run.phase)),
            Span::raw(format!(
                " · {} {} · {} {}",
                w::MEMORIZED,
                opt_steps(run.memorized_step),
                w::GENERALIZED,
                opt_steps(run.generalized_step)
            )),
        ]),
        Line::from(vec![
            Span::raw(s::cell_progress(
                &human::steps(run.step),
                &human::steps(run.total_steps),
                pct,
            )),
            Span::raw(" · "),
            Span::styled(state, t.title()),
        ]),
    ];
    if !run.reason.is_empty() {
        lines.push(Line::styled(s::why(&run.reason), t.dim()));
    }
    for problem in &run.unreadable {
        lines.push(Line::styled(
            w::cannot_read(problem, run.dir.as_deref()),
            t.bad(),
        ));
    }
    lines
}
