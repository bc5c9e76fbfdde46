//! Enter on a grid preset asks: its whole sweep (a `groktop sweep` process of its own into
//! `<sweeps>/<preset>`, followed on the map) or its first cell only. Quitting stops the sweep
//! with checkpoints and waits for it.

mod tui_support;

use groktop::tui::runner::Recorded;
use groktop::tui::{Action, App, Msg, Popup, Recorder, Screen, Theme};
use groktop::worker::Launch;
use std::path::Path;
use tui_support::*;

fn grid_app(root: &Path) -> (App, Recorder) {
    let rec = Recorder::default();
    let app = App::new(
        vec![sweep_preset()],
        root.join("runs"),
        Box::new(rec.clone()),
        Theme { color: false },
    )
    .with_sweeps_dir(root.join("sweeps"));
    (app, rec)
}

#[test]
fn enter_on_a_grid_runs_its_whole_sweep_and_follows_it() {
    let root = temp_dir("tui-sweep-launch");
    let (mut app, rec) = grid_app(&root);
    press(&mut app, Action::Enter);
    assert_eq!(app.popup, Some(Popup::StartSweep { choice: 0 }));
    for (w, h) in [(80, 24), (200, 50)] {
        let text = render(&app, w, h);
        for want in [
            "whole sweep",
            "first cell only",
            "tiny-phase is a grid of 24 runs, about ",
            "one after another",
            "resume",
        ] {
            assert!(text.contains(want), "{w}x{h}: missing {want:?}\n{text}");
        }
    }
    // The whole grid's time, the sum of its cells' (the picker's box shows it too).
    let total = groktop::estimate::preset_secs(&sweep_preset());
    let words = format!("about {} one after", groktop::human::duration(total));
    assert!(render(&app, 200, 50).contains(&words), "{words}");
    press(&mut app, Action::StartSweep);
    let out = root.join("sweeps/tiny-phase");
    let log = rec.log.borrow().clone();
    assert!(
        matches!(log.as_slice(), [Recorded::Sweep(name, dir)] if name == "tiny-phase" && *dir == out),
        "{log:?}"
    );
    assert!(
        out.join("sweep.ron").is_file(),
        "prepared before the process starts"
    );
    assert_eq!(app.screen, Screen::Sweep, "the map opens to follow it");
    assert!(app.sweep_running());
    // A second start while it runs is refused.
    press(&mut app, Action::NextScreen);
    while app.screen != Screen::Picker {
        press(&mut app, Action::NextScreen);
    }
    press(&mut app, Action::Enter);
    press(&mut app, Action::StartSweep);
    assert_eq!(rec.log.borrow().len(), 1);
    assert!(app.notice.as_deref().unwrap().contains("still running"));
    // Quitting asks, stops the sweep, and waits until its process has ended.
    press(&mut app, Action::Quit);
    assert!(matches!(app.popup, Some(Popup::Quit { .. })));
    assert!(render(&app, 80, 24).contains("The sweep started here stops"));
    press(&mut app, Action::Quit);
    assert!(matches!(rec.log.borrow().last(), Some(Recorded::StopSweep)));
    app.update(Msg::Tick);
    assert!(!app.should_quit, "waits for the sweep to stop");
    rec.sweep_alive.set(false);
    app.update(Msg::Tick);
    assert!(app.should_quit);
    let report = app.exit_report().join("\n");
    assert!(report.contains("groktop sweep tiny-phase"), "{report}");
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_grid_can_still_run_its_first_cell_alone_or_nothing() {
    let root = temp_dir("tui-sweep-first");
    let (mut app, rec) = grid_app(&root);
    press(&mut app, Action::Enter);
    press(&mut app, Action::Back);
    assert_eq!(app.popup, None);
    assert!(rec.log.borrow().is_empty(), "Esc starts nothing");
    press(&mut app, Action::Enter);
    press(&mut app, Action::Right);
    press(&mut app, Action::Enter);
    let started = rec.started();
    assert_eq!(started.len(), 1);
    assert!(matches!(&started[0].1, Launch::New { dir: None, .. }));
    assert_eq!(app.screen, Screen::Run);
    assert!(!app.sweep_running());
    std::fs::remove_dir_all(&root).unwrap();
}

/// A sweep started here whose cells all finished before quitting: the exit line says so and
/// points to its report, not to a command that would only say there is nothing left to do.
#[test]
fn the_exit_line_of_a_finished_sweep_says_it_finished() {
    let root = temp_dir("tui-sweep-finished");
    let (mut app, rec) = grid_app(&root);
    press(&mut app, Action::Enter);
    press(&mut app, Action::StartSweep);
    let out = root.join("sweeps/tiny-phase");
    let sweep = groktop::record::SweepDir::new(&out);
    for cell in sweep_preset().cells() {
        finish_cell(&sweep, &cell, groktop::analysis::Phase::Grokking, 0.99);
    }
    rec.sweep_alive.set(false);
    press(&mut app, Action::Rescan);
    settle(&mut app);
    let cells = sweep_preset().cells().len();
    let report = app.exit_report().join("\n");
    assert!(
        report.contains(&format!("all {cells} cells finished")),
        "{report}"
    );
    assert!(!report.contains("continue it"), "{report}");
    std::fs::remove_dir_all(&root).unwrap();
}
