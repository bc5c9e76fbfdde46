//! `e` in the run view writes its charts (accuracy, loss, norm) through the report's figure
//! code into `<run dir>/export/` as SVG and PNG (an SVG writes each text on a line of its
//! own, so a marker letter is `\nM\n`), over the zoomed steps when a zoom is set,
//! and says where in a notice.

mod tui_support;

use groktop::analysis::Phase;
use groktop::tui::{Action, Msg};
use groktop::worker::RunId;
use tui_support::*;

#[test]
fn export_writes_the_run_views_charts_as_svg_and_png() {
    let root = temp_dir("export");
    let (mut app, _) = app(&root);
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    let dir = root.join("grokking-seed0");
    app.runs[0].dir = Some(dir.clone());
    feed(&mut app, RunId(0), 20_000, 0.0, Phase::Grokking);

    press(&mut app, Action::Export);
    let svg = dir.join("export/grokking-seed0-step20000.svg");
    let png = svg.with_extension("png");
    let notice = app.notice.clone().unwrap();
    assert!(notice.contains(&svg.display().to_string()), "{notice}");
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
    ] {
        assert!(text.contains(want), "the SVG lacks {want:?}");
    }
    assert!(
        !text.contains("restricted loss"),
        "circuits only when f shows them"
    );
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");

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

/// Exported as seen: with smoothing on, the smoothed curves over the raw ones drawn faint,
/// and the title says which smoothing.
#[test]
fn export_with_smoothing_draws_the_smoothed_curves_over_faint_raw_ones() {
    let root = temp_dir("export-smooth");
    let (mut app, _) = app(&root);
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    let dir = root.join("grokking-seed0");
    app.runs[0].dir = Some(dir.clone());
    feed(&mut app, RunId(0), 20_000, 0.0, Phase::Grokking);
    let svg = dir.join("export/grokking-seed0-step20000.svg");
    press(&mut app, Action::Export);
    let raw = std::fs::read_to_string(&svg).unwrap();
    press(&mut app, Action::CycleSmoothing);
    press(&mut app, Action::CycleSmoothing);
    assert_eq!(app.chart.strength(), 0.9);
    press(&mut app, Action::Export);
    let smoothed = std::fs::read_to_string(&svg).unwrap();
    assert!(
        smoothed.contains("smoothed: debiased EMA 0.9 (raw curves faint)"),
        "the title says the smoothing"
    );
    assert!(!raw.contains("EMA"));
    let faint = |text: &str| text.matches("opacity=\"0.3").count();
    assert_eq!(faint(&raw), 0);
    // Train and val accuracy, train and val loss, norm: five faint raw curves.
    assert_eq!(faint(&smoothed), 5, "{}", &smoothed[..2000]);
    let lines = |text: &str| text.matches("<polyline").count();
    assert_eq!(lines(&smoothed), lines(&raw) + 5);
    std::fs::remove_dir_all(&root).unwrap();
}
