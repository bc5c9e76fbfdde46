//! The run view's step cursor (keys and mouse) with its readout, step zoom, y zoom onto small
//! values, and smoothing with the raw curve kept faint: at 80×24 and 200×50.

mod tui_support;

use groktop::analysis::Phase;
use groktop::tui::Hit;
use groktop::tui::view::click;
use groktop::tui::{Action, App, Msg, Screen, Theme};
use groktop::worker::RunId;
use ratatui::style::{Color, Modifier};
use tui_support::*;

const SIZES: [(u16, u16); 2] = [(80, 24), (200, 50)];

/// One run of 25 000 steps at step 16 000 (memorized ~1 500, generalized ~14 300).
fn run_app() -> App {
    let (mut app, _) = app(&temp_dir("runs"));
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    feed(&mut app, RunId(0), 16_000, 0.0, Phase::Grokking);
    for _ in 0..100 {
        app.update(Msg::Tick);
    }
    assert_eq!(app.screen, Screen::Run);
    app
}

#[test]
fn the_cursor_reads_every_series_at_its_step() {
    let mut app = run_app();
    press(&mut app, Action::Right);
    // First press: the middle of what has run (16 000 of 25 000 steps shown).
    assert_eq!(app.chart.cursor, Some(8_000));
    press(&mut app, Action::Right);
    press(&mut app, Action::Left);
    press(&mut app, Action::Left);
    assert_eq!(
        app.chart.cursor,
        Some(7_700),
        "moves by 1/100 of the visible steps, onto the next evaluation (every 100)"
    );
    let m = metrics(7_700, 0.0);
    let r = app.chart.readout().cloned().unwrap();
    assert!((r.val_acc.unwrap() - f64::from(m.val_acc.unwrap())).abs() < 1e-3);
    assert!((r.norm.unwrap() - f64::from(m.param_norm)).abs() < 1e-3);
    for (w, h) in SIZES {
        let text = render(&app, w, h);
        assert!(
            text.contains("step 7 700 · train 100.0% · val"),
            "{w}x{h}\n{text}"
        );
        if w >= 120 {
            // 0.001: in scientific notation, not "0.001" or "0.000".
            assert!(text.contains("· loss 1.0e-3/"), "{w}x{h}\n{text}");
            assert!(
                text.contains(&format!("norm {:.1}", m.param_norm)),
                "{text}"
            );
        }
    }
}

#[test]
fn z_zooms_around_the_cursor_and_shift_z_resets() {
    let mut app = run_app();
    press(&mut app, Action::Right);
    press(&mut app, Action::ZoomIn);
    assert_eq!(app.chart.zoom, Some((1_750, 14_250)));
    for (w, h) in SIZES {
        let text = render(&app, w, h);
        assert!(text.contains("steps 1 750–14 250"), "{w}x{h}\n{text}");
        // Ticks inside the zoomed range only.
        assert!(!text.contains(" 20k"), "{w}x{h}\n{text}");
    }
    press(&mut app, Action::ZoomReset);
    assert_eq!(app.chart.zoom, None);
    assert!(render(&app, 200, 50).contains("20k"));
}

#[test]
fn y_zoom_shows_val_near_chance() {
    let mut app = run_app();
    press(&mut app, Action::Right);
    // Before the jump val sits near 1 %: zoom the steps onto the memorization phase.
    for _ in 0..30 {
        press(&mut app, Action::Left);
    }
    press(&mut app, Action::ZoomIn);
    press(&mut app, Action::ZoomIn);
    press(&mut app, Action::ToggleYZoom);
    let top = app.chart.y_top;
    assert!(top <= 0.05, "y top {top}");
    for (w, h) in SIZES {
        let text = render(&app, w, h);
        let label = format!("y 0–{}", groktop::human::pct(top as f32));
        assert!(text.contains(&label), "{w}x{h}: {label}\n{text}");
        assert!(!text.contains("100%│"), "{w}x{h}\n{text}");
    }
}

#[test]
fn smoothing_cycles_and_keeps_the_raw_curve_faint() {
    let mut app = run_app();
    app.theme = Theme { color: true };
    let faint_cells = |app: &App| {
        let buf = render_buffer(app, 120, 40);
        (2..20)
            .flat_map(|y| (6..70).map(move |x| (x, y)))
            .filter(|&(x, y)| {
                let c = &buf[(x, y)];
                c.fg == Color::DarkGray && c.symbol() != " " && c.symbol() != "│"
            })
            .count()
    };
    let before = faint_cells(&app);
    let mut seen = Vec::new();
    for _ in 0..4 {
        press(&mut app, Action::CycleSmoothing);
        seen.push(app.chart.strength());
    }
    assert_eq!(seen, [0.6, 0.9, 0.97, 0.0]);
    press(&mut app, Action::CycleSmoothing);
    press(&mut app, Action::CycleSmoothing);
    assert!(render(&app, 80, 24).contains("smoothed 0.9"));
    assert!(render(&app, 200, 50).contains("smoothed 0.9"));
    assert!(
        faint_cells(&app) > before + 10,
        "the raw curves drawn faint under the smoothed"
    );
}

#[test]
fn a_click_on_the_charts_puts_the_cursor_at_that_step() {
    let mut app = run_app();
    for (w, h) in SIZES {
        // The accuracy chart's graph spans columns from after the y labels to the right
        // border; a click a third of the way along lands near a third of 25 000 steps.
        let col = w / 3;
        let (row, msg) = (3..h - 3)
            .find_map(|row| click(&app, w, h, col, row).map(|m| (row, m)))
            .expect("a row of the chart");
        let Msg::Click(Hit::Step(step)) = msg else {
            panic!("{msg:?}")
        };
        assert!((5_000..12_000).contains(&step), "{w}x{h}: step {step}");
        app.update(msg);
        // On the evaluation nearest the click (every 100 steps), never between two.
        let snapped = (step + 50) / 100 * 100;
        assert_eq!(app.chart.cursor, Some(snapped));
        let text = render(&app, w, h);
        assert!(
            text.contains(&format!("step {}", groktop::human::steps(snapped))),
            "{text}"
        );
        // The cursor is drawn in the column clicked (or its neighbour, where snapping
        // crossed into it), and in one column only.
        let buf = render_buffer(&app, w, h);
        let bold = |x: u16| buf[(x, row)].modifier.contains(Modifier::BOLD);
        let drawn: Vec<u16> = (col - 2..=col + 2).filter(|&x| bold(x)).collect();
        assert_eq!(drawn.len(), 1, "{w}x{h}: {drawn:?}\n{text}");
        assert!(drawn[0].abs_diff(col) <= 1, "{w}x{h}: {drawn:?} for {col}");
    }
    // Clicks off the charts do nothing.
    assert!(click(&app, 80, 24, 1, 23).is_none());
}

/// `n` / `N` put the cursor on the next / previous phase event, with its readout.
#[test]
fn n_and_shift_n_step_the_cursor_through_the_phase_events() {
    let mut app = run_app();
    let events: Vec<u64> = app.runs[0].events.iter().map(|e| e.step).collect();
    assert!(events.len() >= 2, "{events:?}");
    for &step in &events {
        press(&mut app, Action::NextEvent);
        assert_eq!(app.chart.cursor, Some(step));
        assert_eq!(app.chart.readout().map(|r| r.step), Some(step));
    }
    press(&mut app, Action::NextEvent);
    assert_eq!(
        app.chart.cursor,
        events.last().copied(),
        "stays on the last"
    );
    press(&mut app, Action::PrevEvent);
    assert_eq!(app.chart.cursor, Some(events[events.len() - 2]));
}

/// The screen's rows as characters (one per cell).
fn rows(text: &str) -> Vec<Vec<char>> {
    text.lines().map(|l| l.chars().collect()).collect()
}

/// The columns of a row that hold one of `glyphs`.
fn columns_of(row: &[char], glyphs: &str) -> Vec<usize> {
    (0..row.len())
        .filter(|&x| glyphs.contains(row[x]))
        .collect()
}

/// The `┬` under the step label `label` (labels are centred on their tick).
fn tick_under(rows: &[Vec<char>], label: &str) -> usize {
    let len = label.chars().count();
    for (y, row) in rows.iter().enumerate().skip(1) {
        let text: String = row.iter().collect();
        let Some(byte) = text.find(&format!(" {label}")) else {
            continue;
        };
        let at = text[..byte].chars().count() + 1;
        if let Some(&x) = columns_of(&rows[y - 1], "┬")
            .iter()
            .find(|&&x| (at..at + len).contains(&x))
        {
            return x;
        }
    }
    panic!("no tick labelled {label}");
}

const SPARK: &str = "▁▂▃▄▅▆▇█";

/// Short screens draw loss and norm as sparklines in the accuracy chart's box, each column
/// on the steps of the chart column above it: the first at step 0's tick, the last at the
/// newest step's (10 000, a tick at both sizes), linear and log; zoomed, they fill the plot.
#[test]
fn sparklines_share_the_charts_step_columns() {
    let (mut app, _) = app(&temp_dir("runs"));
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    feed(&mut app, RunId(0), 10_000, 0.0, Phase::Grokking);
    for log_x in [false, true] {
        if log_x {
            press(&mut app, Action::ToggleLogX);
        }
        for (w, h) in [(80, 24), (100, 30)] {
            let text = render(&app, w, h);
            let rows = rows(&text);
            let (first, last) = if log_x { ("1", "10k") } else { ("0", "10k") };
            for name in ["loss", "norm"] {
                let row = rows
                    .iter()
                    .find(|r| {
                        r.iter()
                            .collect::<String>()
                            .starts_with(&format!("│{name}"))
                    })
                    .unwrap_or_else(|| panic!("{w}x{h}: no {name} row\n{text}"));
                let drawn = columns_of(row, SPARK);
                assert_eq!(drawn[0], tick_under(&rows, first), "{w}x{h} {name}\n{text}");
                assert_eq!(
                    *drawn.last().unwrap(),
                    tick_under(&rows, last),
                    "{w}x{h} {name} log {log_x}\n{text}"
                );
                assert_eq!(drawn.len(), drawn.last().unwrap() - drawn[0] + 1, "no gaps");
            }
            assert!(text.contains("└ val loss "), "{w}x{h}\n{text}");
            assert!(
                text.contains(" (log scale) · parameter norm "),
                "{w}x{h}\n{text}"
            );
        }
    }
    press(&mut app, Action::ToggleLogX);
    press(&mut app, Action::Right);
    press(&mut app, Action::ZoomIn);
    let text = render(&app, 80, 24);
    let rows = rows(&text);
    let plot = columns_of(&rows[5], "│")[1] + 1;
    let loss = rows.iter().find(|r| r.starts_with(&['│', 'l'])).unwrap();
    assert_eq!(columns_of(loss, SPARK)[0], plot, "zoomed\n{text}");
}

/// The step cursor runs down through the sparklines, which are read at its step too.
#[test]
fn the_cursor_runs_through_the_sparklines() {
    let mut app = run_app();
    press(&mut app, Action::Right);
    let text = render(&app, 80, 24);
    let buf = render_buffer(&app, 80, 24);
    let rows = rows(&text);
    let cursor = |y: usize| -> Vec<usize> {
        (0..80)
            .filter(|&x| buf[(x as u16, y as u16)].modifier.contains(Modifier::BOLD))
            .collect()
    };
    let top = rows
        .iter()
        .position(|r| r.starts_with(&['│', '1']))
        .unwrap();
    let chart_col = cursor(top);
    assert_eq!(chart_col.len(), 1, "{text}");
    for name in ['l', 'n'] {
        let y = rows
            .iter()
            .position(|r| r.starts_with(&['│', name]))
            .unwrap();
        assert_eq!(cursor(y), chart_col, "{name}\n{text}");
    }
}

/// A loss that never moves draws its lowest level, not blanks that read as a cut curve.
#[test]
fn a_constant_sparkline_draws_its_lowest_level() {
    use groktop::analysis::Classification;
    use groktop::worker::Event;
    let (mut app, _) = app(&temp_dir("runs"));
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    for step in (0..=5_000).step_by(100) {
        let mut m = metrics(step, 0.0);
        m.val_loss = Some(4.0);
        app.update(Msg::Worker(Event::Metrics {
            run: RunId(0),
            metrics: m,
            classification: Classification {
                phase: Phase::Undecided,
                reason: String::new(),
            },
        }));
    }
    let text = render(&app, 80, 24);
    let row = rows(&text)
        .into_iter()
        .find(|r| r.starts_with(&['│', 'l']))
        .unwrap();
    let drawn = columns_of(&row, SPARK);
    assert!(drawn.len() > 10, "{text}");
    assert!(drawn.iter().all(|&x| row[x] == '▁'), "{text}");
    assert_eq!(drawn.len(), drawn.last().unwrap() - drawn[0] + 1, "no gaps");
}
