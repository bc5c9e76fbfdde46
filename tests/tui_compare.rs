//! Comparing runs: a multi-seed launch names its directories by seed; the Runs tab marks,
//! sorts and filters; the compare view overlays every run on one chart per metric with the
//! mean and the min–max band, one run highlighted and the others dim.

mod tui_support;

use groktop::analysis::Phase;
use groktop::tui::{Action, App, Msg, Screen, Theme};
use groktop::worker::Launch;
use ratatui::style::Color;
use std::path::Path;
use tui_support::*;

fn disk_app(root: &Path) -> App {
    finished_run(root, "grokking-20261129-100000-s0", 0, -3000.0);
    finished_run(root, "grokking-20261129-100000-s1", 1, 1000.0);
    finished_run(root, "other-20261128-090000", 7, 5000.0);
    let (mut app, _) = app(root);
    press(&mut app, Action::NextScreen);
    assert_eq!(app.screen, Screen::Runs);
    app
}

fn shown_names(app: &App) -> Vec<String> {
    app.disk.rows().map(|e| e.name.clone()).collect()
}

#[test]
fn a_multi_seed_launch_names_each_directory_by_its_seed() {
    let root = temp_dir("seed-names");
    let (mut app, rec) = app(&root);
    press(&mut app, Action::MoreSeeds);
    press(&mut app, Action::MoreSeeds);
    press(&mut app, Action::Enter);
    assert_eq!(app.screen, Screen::Compare);
    let started = rec.started();
    assert_eq!(started.len(), 3);
    let mut launches = Vec::new();
    for (_, launch) in &started {
        let Launch::New { preset, dir, .. } = launch else {
            panic!("{launch:?}")
        };
        let dir = dir.as_ref().expect("a directory per seed");
        assert!(dir.is_dir(), "{} reserved", dir.display());
        let name = groktop::record::parse_run_name(&dir.file_name().unwrap().to_string_lossy());
        assert_eq!(name.seed, Some(preset.seed), "{}", dir.display());
        assert!(name.started.is_some());
        launches.push(name.launch);
    }
    launches.dedup();
    assert_eq!(launches.len(), 1, "one launch: {launches:?}");
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn runs_tab_shows_seed_val_phase_time_date_and_groups_a_launch() {
    let root = temp_dir("runs-columns");
    let app = disk_app(&root);
    assert_eq!(
        shown_names(&app),
        [
            "grokking-20261129-100000-s0",
            "grokking-20261129-100000-s1",
            "other-20261128-090000"
        ]
    );
    for (w, h) in [(80, 24), (200, 50)] {
        let text = render(&app, w, h);
        for want in [
            "seed",
            "val",
            "phase",
            "time",
            "started",
            "└ seed 1",
            "grokking",
            "done",
            "11-29 10:00",
            "sorted by date",
        ] {
            assert!(text.contains(want), "{w}x{h}: missing {want:?}\n{text}");
        }
    }
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn runs_tab_sorts_and_filters_by_typed_name() {
    let root = temp_dir("runs-sort");
    let mut app = disk_app(&root);
    press(&mut app, Action::CycleSort); // name
    press(&mut app, Action::CycleSort); // seed
    assert_eq!(shown_names(&app)[2], "other-20261128-090000");
    press(&mut app, Action::CycleSort); // val: the seed generalizing earliest first
    assert_eq!(shown_names(&app)[0], "grokking-20261129-100000-s0");
    assert!(render(&app, 80, 24).contains("sorted by val"));
    press(&mut app, Action::Filter);
    for c in "OTH".chars() {
        app.update(Msg::Type(c));
    }
    // Typed letters go to the filter, not to their keys (q would quit, s would sort).
    app.update(Msg::Type('q'));
    press(&mut app, Action::DeleteChar);
    assert_eq!(shown_names(&app), ["other-20261128-090000"]);
    assert!(render(&app, 80, 24).contains("filter: OTH▏"));
    press(&mut app, Action::Enter);
    assert!(!app.disk.editing_filter);
    assert!(!app.should_quit);
    press(&mut app, Action::Filter);
    press(&mut app, Action::Back);
    assert_eq!(shown_names(&app).len(), 3, "Esc clears the filter");
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn marked_runs_open_read_only_in_the_compare_view() {
    let root = temp_dir("runs-compare");
    let mut app = disk_app(&root);
    // Mark the first launch's seed 0 and the other run (Space moves down a row).
    press(&mut app, Action::ToggleMark);
    press(&mut app, Action::Down);
    press(&mut app, Action::ToggleMark);
    assert!(render(&app, 80, 24).contains("2 marked"));
    press(&mut app, Action::CompareMarked);
    assert_eq!(app.screen, Screen::Compare);
    assert_eq!(app.group.len(), 2);
    assert_eq!(app.views.len(), 2, "read-only: no workers");
    let seeds: Vec<u64> = app.group_runs().map(|r| r.seed).collect();
    assert_eq!(seeds, [0, 7]);
    for (w, h) in [(80, 24), (200, 50)] {
        let text = render(&app, w, h);
        for want in [
            "val accuracy",
            "train accuracy",
            "val loss (log10)",
            "parameter norm",
            "▶ seed 0 GROKKING",
            "seed 7 GROKKING",
            "• mean",
            "min–max",
        ] {
            assert!(text.contains(want), "{w}x{h}: missing {want:?}\n{text}");
        }
    }
    // Nothing marked: c compares the selected run's launch (its two seeds).
    press(&mut app, Action::Back);
    assert_eq!(app.screen, Screen::Runs);
    app.disk.marked.clear();
    while app.disk.selected != 0 {
        press(&mut app, Action::Up);
    }
    press(&mut app, Action::CompareMarked);
    let seeds: Vec<u64> = app.group_runs().map(|r| r.seed).collect();
    assert_eq!(seeds, [0, 1]);
    std::fs::remove_dir_all(&root).unwrap();
}

/// Three live seeds: their band is drawn (stippled), the highlighted seed in its colour,
/// the others dim, and ←/→ move the highlight.
#[test]
fn every_seed_on_one_chart_with_mean_band_and_a_highlight() {
    let mut app = live_seeds(3, |i| -3000.0 + 4000.0 * i as f64);
    app.theme = Theme { color: true };
    let band = app
        .overlay
        .band(groktop::tui::state::overlay::Metric::ValAcc)
        .unwrap();
    assert!(!band.lo.is_empty(), "three seeds make a band");
    let buf = render_buffer(&app, 120, 40);
    let (mut bright, mut dim, mut stipple) = (0, 0, 0);
    // The val accuracy chart: the top-left quarter below the three text rows.
    for y in 6..20 {
        for x in 6..58 {
            let cell = &buf[(x, y)];
            let braille = cell
                .symbol()
                .chars()
                .all(|c| ('\u{2801}'..='\u{28ff}').contains(&c));
            if !braille || cell.symbol() == " " {
                continue;
            }
            match cell.fg {
                Color::Yellow => bright += 1,
                Color::DarkGray => dim += 1,
                _ => {}
            }
            if [
                "⡪", "⢕", "⠪", "⡂", "⢔", "⠢", "⡢", "⠕", "⠊", "⠑", "⡐", "⢐", "⢑",
            ]
            .contains(&cell.symbol())
                && cell.fg == Color::DarkGray
            {
                stipple += 1;
            }
        }
    }
    assert!(
        bright > 10,
        "the highlighted seed in the val colour: {bright}"
    );
    assert!(dim > 10, "the other seeds and the band dim: {dim}");
    assert!(stipple > 5, "the band stippled: {stipple}");
    let text = render(&app, 120, 40);
    assert!(text.contains("seed 0: mem 1 700 · gen 11 300"), "{text}");
    press(&mut app, Action::Down);
    let text = render(&app, 120, 40);
    assert!(text.contains("▶ seed 1"), "{text}");
    assert!(text.contains("seed 1: mem 1 700 · gen 15 300"), "{text}");
}

/// Three live seeds: ←/→ put one step cursor on every chart, on an evaluated step, and each
/// chart reads every run's value there; z zooms, s smooths, as in the run view.
#[test]
fn the_compare_view_has_the_run_views_cursor_zoom_and_smoothing() {
    let mut app = live_seeds(3, |i| 4000.0 * i as f64);
    press(&mut app, Action::Right);
    assert_eq!(app.compare_chart.cursor, Some(8_000), "mid-data");
    press(&mut app, Action::Right);
    assert_eq!(
        app.compare_chart.cursor,
        Some(8_300),
        "the next evaluation 250 on"
    );
    assert_eq!(app.compare_chart.readouts.len(), 3);
    let pct = |s: f64| groktop::human::pct(metrics(8_300, s).val_acc.unwrap());
    for (w, h) in [(80, 24), (200, 50)] {
        let text = render(&app, w, h);
        // At 80 columns "s0" stands for "seed 0".
        let seed0 = if w < 200 { "s0" } else { "seed 0" };
        let want = format!("step 8 300: {seed0} {}", pct(0.0));
        assert!(text.contains(&want), "{w}x{h}: {want}\n{text}");
        if w >= 200 {
            let all = format!("{want} · seed 1 {} · seed 2 {}", pct(4000.0), pct(8000.0));
            assert!(text.contains(&all), "{all}\n{text}");
        }
    }
    press(&mut app, Action::ZoomIn);
    assert_eq!(app.compare_chart.zoom, Some((2_050, 14_550)));
    press(&mut app, Action::CycleSmoothing);
    let text = render(&app, 200, 50);
    assert!(text.contains("smoothed 0.6"), "{text}");
    assert!(text.contains("2 050–14 550"), "{text}");
    press(&mut app, Action::ZoomReset);
    assert_eq!(app.compare_chart.zoom, None);
}

/// Two seeds of one setting and a run of another (d_model 32): the mean and band are over
/// the two alike only, and the legend says so; labels tell apart runs sharing a seed.
#[test]
fn the_mean_is_over_runs_of_identical_settings_but_the_seed() {
    let root = temp_dir("compare-family");
    finished_run(&root, "grokking-20261129-100000-s0", 0, 0.0);
    finished_run(&root, "grokking-20261129-100000-s1", 1, 300.0);
    let mut other = preset(0);
    other.model.d_model = 32;
    let w = groktop::record::RunWriter::create_at(&root.join("grokking-20261130-090000"), &other)
        .unwrap();
    let rows: Vec<_> = (0..=250).map(|i| metrics(i * 100, 900.0)).collect();
    w.write_metrics(&rows).unwrap();
    w.append_final(Phase::Grokking, "val rose late").unwrap();
    drop(w);
    let (mut app, _) = app(&root);
    press(&mut app, Action::NextScreen);
    for i in 0..3 {
        app.disk.selected = i;
        press(&mut app, Action::ToggleMark);
    }
    press(&mut app, Action::CompareMarked);
    assert_eq!(app.screen, Screen::Compare);
    let names: Vec<u64> = app
        .group_runs()
        .map(|r| r.preset.as_ref().unwrap().model.d_model as u64)
        .collect();
    let alike: Vec<usize> = (0..3).filter(|&i| names[i] == 64).collect();
    assert_eq!(app.overlay.members, alike);
    let text = render(&app, 200, 50);
    assert!(
        text.contains("min–max of the 2 runs alike but the seed"),
        "{text}"
    );
    assert!(text.contains("grokking · seed 0 · 11-30 09:00"), "{text}");
    assert!(text.contains("grokking · seed 0 · 11-29 10:00"), "{text}");
    std::fs::remove_dir_all(&root).unwrap();
}

/// A run without a verdict yet shows how far it got as a milestone's name in the phase
/// column, not its event's sentence cut mid-word.
#[test]
fn the_phase_column_names_a_milestone_not_a_cut_sentence() {
    use groktop::analysis::{EventKind, PhaseEvent};
    let root = temp_dir("phase-column");
    let w =
        groktop::record::RunWriter::create_at(&root.join("grokking-going"), &preset(0)).unwrap();
    let rows: Vec<_> = (0..=60).map(|i| metrics(i * 100, 0.0)).collect();
    w.write_metrics(&rows).unwrap();
    let onset = PhaseEvent {
        step: 5_000,
        kind: EventKind::GeneralizationOnset,
        message: "val accuracy rose from 5 % to 11 % while train accuracy was 100 %".into(),
    };
    w.write_events(&[onset]).unwrap();
    drop(w);
    let (mut app, _) = app(&root);
    press(&mut app, Action::NextScreen);
    assert_eq!(app.disk.entries[0].phase, "onset");
    for (w, h) in [(80, 24), (200, 50)] {
        let text = render(&app, w, h);
        let row = text.lines().find(|l| l.contains("grokking-going")).unwrap();
        assert!(row.contains(" onset "), "{w}x{h}: {row}");
        assert!(!text.contains("val accuracy rose"), "{text}");
    }
    std::fs::remove_dir_all(&root).unwrap();
}

/// Runs of different settings: the Runs tab shows the settings that differ as columns (at
/// 80 columns in the start date's room), filters on `d_model=32`, and `d` says how two
/// marked runs differ.
#[test]
fn the_runs_tab_shows_filters_and_diffs_the_settings_that_differ() {
    let root = temp_dir("runs-settings");
    finished_run(&root, "grokking-20261129-100000-s0", 0, 0.0);
    let mut other = preset(1);
    other.model.d_model = 32;
    let w = groktop::record::RunWriter::create_at(&root.join("grokking-20261130-090000"), &other)
        .unwrap();
    w.write_metrics(&[metrics(0, 0.0)]).unwrap();
    drop(w);
    let (mut app, _) = app(&root);
    press(&mut app, Action::NextScreen);
    for (w, h) in [(80, 24), (200, 50)] {
        let text = render(&app, w, h);
        let header = text.lines().find(|l| l.contains("directory")).unwrap();
        assert!(header.contains("d_model"), "{w}x{h}: {header}");
        assert_eq!(header.contains("started"), w >= 120, "{w}x{h}: {header}");
        let row = text.lines().find(|l| l.contains("-s0")).unwrap();
        assert!(row.contains(" 64 "), "{w}x{h}: {row}\n{text}");
    }
    press(&mut app, Action::Filter);
    for c in "d_model=32".chars() {
        app.update(Msg::Type(c));
    }
    press(&mut app, Action::Enter);
    let shown: Vec<String> = app.disk.rows().map(|e| e.name.clone()).collect();
    assert_eq!(shown, ["grokking-20261130-090000"]);
    press(&mut app, Action::Filter);
    press(&mut app, Action::Back);
    for i in 0..2 {
        app.disk.selected = i;
        press(&mut app, Action::ToggleMark);
    }
    press(&mut app, Action::DiffMarked);
    let notice = app.log.last().unwrap();
    assert!(
        notice.contains("d_model 32 → 64") || notice.contains("d_model 64 → 32"),
        "{notice}"
    );
    assert!(notice.contains("seed"), "{notice}");
    std::fs::remove_dir_all(&root).unwrap();
}

/// A click on any of the compare view's charts puts the step cursor there, on an evaluated
/// step, and the charts read every run's value at it (as ←/→ and the run view's clicks do).
#[test]
fn a_click_on_a_compare_chart_moves_the_cursor_to_an_evaluated_step() {
    let mut app = live_seeds(2, |_| 0.0);
    assert_eq!(app.screen, Screen::Compare);
    assert_eq!(app.compare_chart.cursor, None);
    let (w, h) = (120, 40);
    let screen = render(&app, w, h);
    // The parameter norm chart (bottom right): a click in the middle of its graph.
    let row = screen
        .lines()
        .position(|l| l.contains("parameter norm"))
        .unwrap() as u16
        + 4;
    let click = groktop::tui::view::click(&app, w, h, 95, row).expect("a step on the graph");
    app.update(click);
    let step = app.compare_chart.cursor.expect("the click set the cursor");
    assert_eq!(step % 100, 0, "{step} is not an evaluated step (every 100)");
    assert!(
        (8_000..16_000).contains(&step),
        "{step}: right half of a 16 000-step axis"
    );
    let screen = render(&app, w, h);
    assert!(
        screen.contains(&format!("step {}", groktop::human::steps(step))),
        "{screen}"
    );
    // A click on the legend rows above the charts moves nothing.
    assert!(groktop::tui::view::click(&app, w, h, 10, 1).is_none());
}

/// Runs that record the twin-free val show it in the val chart's place (verdicts are judged
/// on it): a symmetric memorizer's 25 % paper's val must not read as partial generalization.
#[test]
fn the_val_chart_is_the_twin_free_one_where_the_runs_record_it() {
    use groktop::analysis::Classification;
    use groktop::tui::state::overlay::Metric;
    use groktop::worker::{Event, RunId};
    let (mut app, _) = app(&temp_dir("runs"));
    press(&mut app, Action::MoreSeeds);
    press(&mut app, Action::Enter);
    for i in 0..2 {
        app.update(Msg::Worker(started(RunId(i), i as u64)));
        for step in (0..=4_000).step_by(100) {
            let mut m = metrics(step, 0.0);
            m.val_acc = Some(0.25);
            m.twin_free_val_acc = Some(0.01);
            app.update(Msg::Worker(Event::Metrics {
                run: RunId(i),
                metrics: m,
                classification: Classification {
                    phase: Phase::Undecided,
                    reason: "memorized".into(),
                },
            }));
        }
    }
    assert_eq!(app.screen, Screen::Compare);
    let text = render(&app, 120, 40);
    assert!(text.contains("┌ twin-free val accuracy"), "{text}");
    assert!(!text.contains("┌ val accuracy"), "{text}");
    assert!(text.contains("twin-free val 1.0% / 1.0%"), "{text}");
    assert!(text.contains("twin-free val 1.0% · step 4 000"), "{text}");
    let band = app.overlay.band(Metric::TwinFreeAcc).unwrap();
    let (lo, hi) = band.range.unwrap();
    assert!(
        (lo - 0.01).abs() < 1e-6 && (hi - 0.01).abs() < 1e-6,
        "{lo}..{hi}"
    );
}
