//! A run's charts as the run view and the sweep screen's cell panel draw them: accuracy (with
//! the cursor's readout and how the charts are looked at in its title, and sparklines under
//! it at short heights), loss and norm, each raw or smoothed.

use super::chart::{Line2, Plot, StepAxis, ValueAxis, render_plot};
use super::spark::Sparks;
use super::theme::{Theme, marker_glyph};
use super::words as s;
use crate::human;
use crate::tui::state::chart_view::{ChartView, Readout};
use crate::tui::state::run_state::RunState;
use crate::tui::state::series::Series;
use crate::tui::widgets::format::opt_loss;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

/// A block title with the legend in it: `accuracy  • train  ⣿ val  (now 99.1% / 12.0%)`.
fn legend_title<'a>(
    name: &'a str,
    parts: &[(&'a str, ratatui::style::Style, &'a str)],
) -> Line<'a> {
    let mut spans = vec![Span::raw(format!(" {name} "))];
    for (label, style, glyph) in parts {
        spans.push(Span::styled(format!(" {glyph} "), *style));
        spans.push(Span::raw(format!("{label} ")));
    }
    Line::from(spans)
}

/// The accuracy chart of `run`, with `sparks` in its box under the step labels (their
/// current values in the bottom border while no cursor readout takes it).
pub fn render_accuracy<'a>(
    frame: &mut Frame,
    area: Rect,
    run: &'a RunState,
    axis: &StepAxis,
    chart: &ChartView,
    sparks: Sparks<'a>,
    t: &Theme,
) {
    let (sparks, under) = sparks.split(area.width);
    let now = run.last.as_ref().map_or_else(String::new, |m| {
        let mut text = format!(
            " {} {} · {} {} ",
            s::TRAIN,
            human::pct(m.train_acc),
            s::VAL,
            human::opt_pct(m.val_acc)
        );
        if let Some(v) = m.twin_free_val_acc {
            text.push_str(&format!("· {} {} ", s::TWIN_FREE, human::pct(v)));
        }
        // Mixes: the two halves of the training set, as numbers (lines only in colour).
        for (name, v) in [(s::RULE, m.rule_train_acc), (s::MEMORIZE, m.mem_train_acc)] {
            if let Some(v) = v {
                text.push_str(&format!("· {name} {} ", human::pct(v)));
            }
        }
        text
    });
    let mut legend = vec![
        (s::TRAIN, t.train(), marker_glyph(t.train_marker())),
        (s::VAL, t.val(), marker_glyph(Marker::Braille)),
    ];
    // The twin-free val is what phases are judged on: drawn with or without colour (bold
    // beside the dim paper's val when there is none).
    if !run.twin_free_val_acc.is_empty() {
        legend.push((s::TWIN_FREE, t.twin_free(), marker_glyph(Marker::Braille)));
    }
    if t.color && !run.rule_acc.is_empty() {
        legend.push((s::RULE, t.rule(), marker_glyph(Marker::Braille)));
        legend.push((s::MEMORIZE, t.memorize(), marker_glyph(Marker::Braille)));
    }
    let legend = legend_title(s::ACCURACY, &legend);
    // The top right: how the charts are looked at (smoothing, zoom), then the current
    // numbers where they fit; narrow panels (the sweep screen's) keep the legend only.
    let room = (area.width as usize).saturating_sub(legend.width() + 2);
    let modes = modes_text(chart);
    // (A space between the border's dashes and the numbers, a dot between modes and numbers.)
    let both = if modes.is_empty() {
        now.clone()
    } else {
        format!("{} ·{now}", modes.trim_end())
    };
    let top_right = if both.chars().count() <= room {
        both
    } else if modes.chars().count() <= room {
        modes
    } else {
        String::new()
    };
    let mut block = Block::bordered()
        .title(legend)
        .title(Line::from(top_right).right_aligned());
    if let Some(r) = chart.readout() {
        block = block.title_bottom(Line::styled(readout_text(r), t.cursor()).right_aligned());
    } else if let Some(under) = under {
        block = block.title_bottom(under);
    }
    let level = chart.smoothing;
    let mut lines = curve(
        &run.train_acc,
        run.smooth.train_acc.at(level),
        t.train(),
        t.train_marker(),
        axis,
        t,
    );
    lines.extend(curve(
        &run.val_acc,
        run.smooth.val_acc.at(level),
        t.val(),
        Marker::Braille,
        axis,
        t,
    ));
    lines.push(Line2 {
        points: run.twin_free_val_acc.points(axis.log),
        style: t.twin_free(),
        marker: Marker::Braille,
    });
    // The two halves of a mixed training set: lines only in colour (numbers in the title).
    if t.color {
        for (series, style) in [(&run.rule_acc, t.rule()), (&run.mem_acc, t.memorize())] {
            lines.push(Line2 {
                points: series.points(axis.log),
                style,
                marker: Marker::Braille,
            });
        }
    }
    let plot = Plot {
        block,
        lines,
        y: accuracy_axis(chart),
        events: &run.events,
        marks: true,
        band: None,
        cursor: chart.cursor.map(|c| axis.x(c)),
        sparks,
    };
    render_plot(frame, area, plot, axis, t);
}

pub fn render_loss(
    frame: &mut Frame,
    area: Rect,
    run: &RunState,
    axis: &StepAxis,
    chart: &ChartView,
    t: &Theme,
) {
    let range = match (run.train_loss.range(), run.val_loss.range()) {
        (Some(a), Some(b)) => Some((a.0.min(b.0), a.1.max(b.1))),
        (a, b) => a.or(b),
    };
    let title = legend_title(
        s::LOSS,
        &[
            (s::TRAIN, t.train(), marker_glyph(t.train_marker())),
            (s::VAL, t.val(), marker_glyph(Marker::Braille)),
        ],
    );
    let level = chart.smoothing;
    let mut lines = curve(
        &run.train_loss,
        run.smooth.train_loss.at(level),
        t.train(),
        t.train_marker(),
        axis,
        t,
    );
    lines.extend(curve(
        &run.val_loss,
        run.smooth.val_loss.at(level),
        t.val(),
        Marker::Braille,
        axis,
        t,
    ));
    let plot = Plot {
        block: Block::bordered().title(title),
        lines,
        y: ValueAxis::log_decades(range),
        events: &run.events,
        marks: false,
        band: None,
        cursor: chart.cursor.map(|c| axis.x(c)),
        sparks: Vec::new(),
    };
    render_plot(frame, area, plot, axis, t);
}

pub fn render_norm(
    frame: &mut Frame,
    area: Rect,
    run: &RunState,
    axis: &StepAxis,
    chart: &ChartView,
    t: &Theme,
) {
    let now = run
        .last
        .as_ref()
        .map_or_else(String::new, |m| format!("{:.1} ", m.param_norm));
    let plot = Plot {
        block: Block::bordered()
            .title(format!(" {} ", s::NORM))
            .title(Line::from(now).right_aligned()),
        lines: curve(
            &run.norm,
            run.smooth.norm.at(chart.smoothing),
            t.norm(),
            Marker::Braille,
            axis,
            t,
        ),
        y: ValueAxis::linear(run.norm.range()),
        events: &run.events,
        marks: false,
        band: None,
        cursor: chart.cursor.map(|c| axis.x(c)),
        sparks: Vec::new(),
    };
    render_plot(frame, area, plot, axis, t);
}

/// The accuracy chart's y axis: 0–100 %, or 0 to the y zoom's top.
pub fn accuracy_axis(chart: &ChartView) -> ValueAxis {
    if chart.y_zoom {
        ValueAxis::accuracy_to(chart.y_top)
    } else {
        ValueAxis::accuracy()
    }
}

/// A curve as drawn: the raw one, or, when smoothed, the raw one faint under the smoothed.
fn curve<'a>(
    raw: &'a Series,
    smooth: Option<&'a Series>,
    style: Style,
    marker: Marker,
    axis: &StepAxis,
    t: &Theme,
) -> Vec<Line2<'a>> {
    match smooth {
        Some(sm) => vec![
            Line2 {
                points: raw.points(axis.log),
                style: t.band(),
                marker,
            },
            Line2 {
                points: sm.points(axis.log),
                style,
                marker,
            },
        ],
        None => vec![Line2 {
            points: raw.points(axis.log),
            style,
            marker,
        }],
    }
}

/// The cursor's values: `step 6 300 · train 100% · val 98.0% · loss 0.001/0.052 · norm 38.2`.
fn readout_text(r: &Readout) -> String {
    let pct = |v: Option<f64>| v.map_or_else(|| "–".into(), |v| human::pct(v as f32));
    let loss = opt_loss;
    format!(
        " {} {} · {} {} · {} {} · {} {}/{} · {} {} ",
        s::STEP,
        human::steps(r.step),
        s::TRAIN,
        pct(r.train_acc),
        s::VAL,
        pct(r.val_acc),
        s::LOSS_SHORT,
        loss(r.train_loss),
        loss(r.val_loss),
        s::NORM_SHORT,
        r.norm.map_or_else(|| "–".into(), |v| format!("{v:.1}"))
    )
}

/// What changes how the charts chart, when anything does: smoothing, step zoom, y zoom.
pub fn modes_text(chart: &ChartView) -> String {
    let mut parts = Vec::new();
    if chart.smoothing > 0 {
        parts.push(format!("{} {}", s::SMOOTHED, chart.strength()));
    }
    if let Some((lo, hi)) = chart.zoom {
        parts.push(format!(
            "{} {}–{}",
            s::ZOOM_STEPS,
            human::steps(lo),
            human::steps(hi)
        ));
    }
    if chart.y_zoom {
        parts.push(format!("y 0–{}", human::pct(chart.y_top as f32)));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" {} ", parts.join(" · "))
    }
}
