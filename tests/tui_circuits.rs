//! The circuits panel (key `f`): at 80×24 the restricted and excluded loss as sparklines, at
//! 120×40 as charts with the key frequencies and sparsity; the compare view shows each
//! seed's circuit losses; a run without measures says why none are shown.

mod tui_support;

use groktop::analysis::circuits::CircuitMeasures;
use groktop::analysis::{Classification, Phase};
use groktop::tui::{Action, App, Msg};
use groktop::worker::{Event, RunId};
use tui_support::*;

/// The grokking-shaped fixture with circuit measures: the restricted loss falls and the
/// excluded loss rises ahead of the val jump at ~14 000.
fn feed_with_circuits(app: &mut App, run: RunId, to: u64) {
    for step in (0..=to).step_by(100) {
        let mut m = metrics(step, 0.0);
        let forming = logistic((step as f64 - 11_000.0) / 1_000.0) as f32;
        m.set_circuits(Some(CircuitMeasures {
            key_freqs: vec![3, 32, 48, 47, 31],
            key_share: 0.15 + 0.7 * forming,
            freq_gini: 0.08 + 0.6 * forming,
            restricted_loss: 4.1 - 4.0 * forming,
            excluded_loss: 0.03 + 4.0 * forming,
            norm_key: 12.0 + 8.0 * forming,
            norm_rest: 45.0 - 20.0 * forming,
        }));
        app.update(Msg::Worker(Event::Metrics {
            run,
            metrics: m,
            classification: Classification {
                phase: Phase::Undecided,
                reason: "watching".into(),
            },
        }));
    }
}

fn run_app(with_circuits: bool) -> App {
    let (mut app, _) = app(&temp_dir("runs"));
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    if with_circuits {
        feed_with_circuits(&mut app, RunId(0), 16_000);
    } else {
        feed(&mut app, RunId(0), 16_000, 0.0, Phase::Grokking);
    }
    for _ in 0..100 {
        app.update(Msg::Tick);
    }
    app
}

fn contains_all(text: &str, wanted: &[&str]) {
    for w in wanted {
        assert!(text.contains(w), "missing {w:?} in\n{text}");
    }
}

#[test]
fn f_toggles_sparklines_at_80_by_24() {
    let mut app = run_app(true);
    let before = render(&app, 80, 24);
    assert!(!before.contains("restricted"), "{before}");
    press(&mut app, Action::ToggleCircuits);
    let text = render(&app, 80, 24);
    contains_all(
        &text,
        &["restricted ", "excluded ", "(log scale)", "accuracy"],
    );
    // The newest values, unlogged: restricted ~0.12, excluded ~4.0.
    contains_all(&text, &["0.1", "4.0"]);
    press(&mut app, Action::ToggleCircuits);
    assert_eq!(render(&app, 80, 24), before);
}

#[test]
fn charts_with_key_frequencies_when_tall() {
    let mut app = run_app(true);
    press(&mut app, Action::ToggleCircuits);
    let text = render(&app, 120, 40);
    contains_all(
        &text,
        &[
            "log loss",
            "restricted",
            "excluded",
            "sparsity",
            "key share",
            "key freqs 3 32 48 47 31 · Gini 0.6",
            "accuracy",
        ],
    );
    assert!(!text.contains("parameter norm"), "{text}");
}

#[test]
fn a_run_without_measures_says_why() {
    let mut app = run_app(false);
    press(&mut app, Action::ToggleCircuits);
    for (w, h) in [(80, 24), (120, 40)] {
        contains_all(&render(&app, w, h), &["no circuit measures"]);
    }
}

#[test]
fn compare_view_overlays_each_seeds_circuit_losses() {
    let (mut app, _) = app(&temp_dir("runs"));
    press(&mut app, Action::MoreSeeds);
    press(&mut app, Action::Enter);
    for i in 0..2 {
        app.update(Msg::Worker(started(RunId(i), i as u64)));
        feed_with_circuits(&mut app, RunId(i), 16_000);
    }
    let accuracy = render(&app, 120, 40);
    press(&mut app, Action::ToggleCircuits);
    let circuits = render(&app, 120, 40);
    assert_ne!(accuracy, circuits);
    // Every seed's restricted and excluded loss, overlaid, in place of loss and norm.
    contains_all(&accuracy, &["val loss (log10)", "parameter norm"]);
    contains_all(
        &circuits,
        &[
            "restricted loss (log10)",
            "excluded loss (log10)",
            "val accuracy",
            "seed 0",
            "seed 1",
        ],
    );
    assert!(!circuits.contains("parameter norm"), "{circuits}");
}
