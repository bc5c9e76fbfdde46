//! `e` in the run view writes its charts (accuracy, loss, norm) through the report's figure
//! code into `<run dir>/export/` as SVG and PNG (an SVG writes each text on a line of its
//! own, so a marker letter is `\nM\n`), over the zoomed steps when a zoom is set,
//! and says where in a notice; `e` in the compare view writes every run's charts overlaid.

mod tui_support;

use groktop::analysis::{EventKind, Phase};
use groktop::tui::{Action, Msg, Screen};
use groktop::worker::RunId;
use tui_support::*;

#[test]
fn export_writes_the_run_views_charts_as_svg_and_png() {
    let root = temp_dir("export");
    let (mut app, _) = app(&root);
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    let dir = root.join("grokking-seed0");
    std::fs::create_dir_all(&dir).unwrap();
    app.runs[0].dir = Some(dir.clone());
    feed(&mut app, RunId(0), 20_000, 0.0, Phase::Grokking);
    // Marks the run view draws beside M, O and G: an export shows them too.
    for (step, kind) in [
        (9_000, EventKind::CircuitForming),
        (15_000, EventKind::NormFalling),
    ] {
        app.update(Msg::Worker(phase_event(RunId(0), step, kind, "x")));
    }

    press(&mut app, Action::Export);
    let svg = dir.join("export/grokking-seed0-step20000.svg");
    let png = svg.with_extension("png");
    assert_eq!(app.notice.as_deref(), Some("grokking-seed0-step20000.svg"));
    let log = app.log.last().unwrap();
    assert!(log.contains(&svg.display().to_string()), "{log}");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg"), "{}", &text[..80]);
    for want in [
        "grokking · seed 0 · step 20 000",
        "accuracy",
        "train accuracy",
        "val accuracy",
        "log10 loss",
        "train loss",
        "val loss",
        "parameter norm",
        "\nM\n",
        "\nO\n",
        "\nG\n",
        "\nF\n",
        "\n↓\n",
    ] {
        assert!(text.contains(want), "the SVG lacks {want:?}");
    }
    assert!(
        !text.contains("restricted loss"),
        "circuits only when f shows them"
    );
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");

    // The same export again never replaces the first, and a symlink planted where the next
    // one would go is not written through.
    let outside = root.join("outside.png");
    std::fs::write(&outside, "keep").unwrap();
    std::os::unix::fs::symlink(&outside, dir.join("export/grokking-seed0-step20000-2.png"))
        .unwrap();
    press(&mut app, Action::Export);
    assert_eq!(std::fs::read_to_string(&svg).unwrap(), text);
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep");
    assert!(dir.join("export/grokking-seed0-step20000-3.svg").is_file());
    assert!(!dir.join("export/grokking-seed0-step20000-2.svg").exists());

    // Zoomed in around a cursor before the onset (12 800): the file says which steps, and events
    // outside them are not marked.
    for _ in 0..30 {
        press(&mut app, Action::Left);
    }
    for _ in 0..2 {
        press(&mut app, Action::ZoomIn);
    }
    let (lo, hi) = app.chart.zoom.unwrap();
    assert!(hi < 12_800, "{lo}..{hi}");
    press(&mut app, Action::Export);
    let zoomed = dir.join(format!(
        "export/grokking-seed0-step20000-steps{lo}-{hi}.svg"
    ));
    let text = std::fs::read_to_string(&zoomed).unwrap();
    assert!(text.contains(&format!(
        "steps {}–{}",
        groktop::human::steps(lo),
        groktop::human::steps(hi)
    )));
    assert!(text.contains("\nM\n") && !text.contains("\nG\n"));
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn export_without_a_run_directory_says_why() {
    let root = temp_dir("export-nodir");
    let (mut app, _) = app(&root);
    press(&mut app, Action::Enter);
    press(&mut app, Action::Export);
    let notice = app.notice.clone().unwrap();
    assert!(
        notice.contains("cannot export") && notice.contains("no run directory"),
        "{notice}"
    );
    let _ = std::fs::remove_dir_all(&root);
}

/// A run deleted while its view is open: `e` creates nothing where it was, and says so.
#[test]
fn export_of_a_deleted_run_creates_nothing_and_says_the_run_is_gone() {
    let root = temp_dir("export-gone");
    finished_run(&root, "grokking-a", 0, 0.0);
    let (mut app, _) = app(&root);
    press(&mut app, Action::NextScreen);
    press(&mut app, Action::Enter);
    assert_eq!(app.screen, Screen::Run);
    let dir = root.join("grokking-a");
    std::fs::remove_dir_all(&dir).unwrap();
    press(&mut app, Action::Export);
    assert!(!dir.exists(), "the export recreated {}", dir.display());
    let notice = app.notice.clone().unwrap();
    assert!(
        notice.contains(&dir.display().to_string()) && notice.contains("is gone"),
        "{notice}"
    );
    drop(app);
    std::fs::remove_dir_all(&root).unwrap();
}

/// Exported as seen: with smoothing on, the smoothed curves over the raw ones drawn faint,
/// and the title says which smoothing.
#[test]
fn export_with_smoothing_draws_the_smoothed_curves_over_faint_raw_ones() {
    let root = temp_dir("export-smooth");
    let (mut app, _) = app(&root);
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    let dir = root.join("grokking-seed0");
    std::fs::create_dir_all(&dir).unwrap();
    app.runs[0].dir = Some(dir.clone());
    feed(&mut app, RunId(0), 20_000, 0.0, Phase::Grokking);
    let svg = dir.join("export/grokking-seed0-step20000.svg");
    press(&mut app, Action::Export);
    let raw = std::fs::read_to_string(&svg).unwrap();
    press(&mut app, Action::CycleSmoothing);
    press(&mut app, Action::CycleSmoothing);
    assert_eq!(app.chart.strength(), 0.9);
    press(&mut app, Action::Export);
    // A new file whose name says the smoothing; the raw export is kept.
    assert_eq!(std::fs::read_to_string(&svg).unwrap(), raw);
    let smoothed_svg = dir.join("export/grokking-seed0-step20000-smoothed2.svg");
    let smoothed = std::fs::read_to_string(&smoothed_svg).unwrap();
    assert!(
        smoothed.contains("smoothed: debiased EMA 0.9 (raw curves faint)"),
        "the title says the smoothing"
    );
    assert!(!raw.contains("EMA"));
    let faint = |text: &str| text.matches("opacity=\"0.3").count();
    assert_eq!(faint(&raw), 0);
    // Train and val accuracy, train and val loss, norm: five faint raw curves.
    assert_eq!(faint(&smoothed), 5, "{}", &smoothed[..2000]);
    // The curves: polylines of more than two points (grid lines, ticks and legend samples
    // have two, and the legend may sit in a corner of one export and under the plot of the
    // other).
    let curves = |text: &str| {
        (text.split("<polyline").skip(1))
            .filter(|p| {
                let points = p
                    .split("points=\"")
                    .nth(1)
                    .and_then(|r| r.split('"').next());
                points.is_some_and(|pts| pts.split_whitespace().count() > 2)
            })
            .count()
    };
    assert_eq!(curves(&raw), 5);
    assert_eq!(curves(&smoothed), curves(&raw) + 5);
    std::fs::remove_dir_all(&root).unwrap();
}

/// The notice fits 80 columns with the file's name; the message log has the whole path.
#[test]
fn the_export_notice_shows_the_file_name_at_80_columns() {
    let root = temp_dir("export-notice");
    let (mut app, _) = app(&root);
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    let dir = root.join("grokking-seed0");
    std::fs::create_dir_all(&dir).unwrap();
    app.runs[0].dir = Some(dir.clone());
    feed(&mut app, RunId(0), 20_000, 0.0, Phase::Grokking);
    press(&mut app, Action::Export);
    let top = render(&app, 80, 24).lines().next().unwrap().to_string();
    assert!(top.contains("grokking-seed0-step20000.svg"), "{top}");
    let svg = dir.join("export/grokking-seed0-step20000.svg");
    let log = app.log.last().unwrap();
    assert!(log.contains(&svg.display().to_string()), "{log}");
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn export_in_the_compare_view_overlays_every_run_beside_them() {
    let root = temp_dir("export-compare");
    let (mut app, _) = app(&root);
    press(&mut app, Action::MoreSeeds);
    press(&mut app, Action::Enter);
    assert_eq!(app.screen, Screen::Compare);
    for (i, shift) in [(0, 0.0), (1, 2_000.0)] {
        app.update(Msg::Worker(started(RunId(i), i as u64)));
        let dir = root.join(format!("grokking-s{i}"));
        std::fs::create_dir_all(&dir).unwrap();
        app.runs[i].dir = Some(dir);
        feed(&mut app, RunId(i), 20_000, shift, Phase::Grokking);
    }
    // One folder: its export/.
    press(&mut app, Action::Export);
    let svg = root.join("export/compare-grokking-s0-2runs-step20000.svg");
    let text = std::fs::read_to_string(&svg).unwrap();
    for want in [
        "2 runs · step 20 000 · seed 0, seed 1",
        "val accuracy",
        "train accuracy",
        "val loss",
        "parameter norm",
        // Labelled as on screen, and the mean over its band as the screen draws them.
        "\nseed 0\n",
        "\nseed 1\n",
        "\nmean\n",
        "<polygon",
    ] {
        assert!(text.contains(want), "the SVG lacks {want:?}");
    }
    assert_eq!(text.matches("<polygon").count(), 4, "a band on each chart");
    // Each run's generalization marked, in its colour.
    assert_eq!(
        text.matches("\nG\n").count(),
        2 * 4,
        "G on each of 4 charts"
    );
    assert!(!text.contains("restricted loss"));
    let png = std::fs::read(svg.with_extension("png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let top = render(&app, 80, 24).lines().next().unwrap().to_string();
    assert!(
        top.contains("compare-grokking-s0-2runs-step20000.svg"),
        "{top}"
    );
    assert!(app.log.last().unwrap().contains(&svg.display().to_string()));

    // Runs from different folders: the first run's export/.
    std::fs::create_dir_all(root.join("elsewhere/grokking-s1")).unwrap();
    app.runs[1].dir = Some(root.join("elsewhere/grokking-s1"));
    press(&mut app, Action::Export);
    assert!(
        root.join("grokking-s0/export/compare-grokking-s0-2runs-step20000.svg")
            .is_file()
    );
    // A run without a directory: says why, writes nothing.
    app.runs[1].dir = None;
    press(&mut app, Action::Export);
    assert!(app.notice.as_deref().unwrap().contains("no run directory"));
    std::fs::remove_dir_all(&root).unwrap();
}
