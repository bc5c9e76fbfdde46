//! The disk-watching thread: it ends when told (and when the app goes), the Runs tab sees a
//! run that another thread writes while the tab is shown, and a key that opens something on
//! disk (a sweep, a run, the picker's past timings) leaves the reading to the watcher.

mod tui_support;

use groktop::tui::state::run_state::Status;
use groktop::tui::watch::{Found, Request, Watcher};
use groktop::tui::{Action, Msg, Screen};
use std::time::{Duration, Instant};
use tui_support::{app, finished_run, press, render, settle, sweeps_tab, temp_dir, write_sweep};

#[test]
fn the_watcher_thread_ends_at_once_when_stopped_while_watching() {
    let root = temp_dir("watch-stop");
    finished_run(&root, "grokking-a", 0, 0.0);
    let w = Watcher::spawn();
    w.send(Request::Runs(Some(root.clone())));
    assert!(w.sync());
    match w.try_recv() {
        Some(Found::Runs(Ok(entries))) => assert_eq!(entries.len(), 1),
        other => panic!("{other:?}"),
    }
    // Nothing changed: nothing more is sent.
    assert!(w.sync());
    assert!(w.try_recv().is_none());
    let t = Instant::now();
    assert_eq!(w.stop(), Ok(()));
    assert!(
        t.elapsed() < Duration::from_millis(500),
        "{:?}",
        t.elapsed()
    );
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn the_runs_tab_sees_a_run_that_another_thread_writes() {
    let root = temp_dir("watch-runs");
    finished_run(&root, "grokking-a", 0, 0.0);
    let (mut app, _) = app(&root);
    press(&mut app, Action::NextScreen);
    assert_eq!(app.screen, Screen::Runs);
    assert_eq!(app.disk.entries.len(), 1);
    let dir = root.clone();
    std::thread::spawn(move || finished_run(&dir, "grokking-b", 1, 0.0))
        .join()
        .unwrap();
    // As the terminal loop does: ticks, and the watcher's messages as they come.
    let deadline = Instant::now() + Duration::from_secs(5);
    while app.disk.entries.len() < 2 {
        assert!(Instant::now() < deadline, "the new run never showed");
        app.update(Msg::Tick);
        while let Some(f) = app.watcher().try_recv() {
            app.update(Msg::Disk(f));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(app.disk.entries[0].name, "grokking-b", "newest first");
    drop(app);
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn enter_on_a_sweep_leaves_the_reading_to_the_watcher_and_opens_it_when_read() {
    let root = temp_dir("watch-open-sweep");
    let path = write_sweep(&root);
    let mut app = sweeps_tab(&root);
    // The key alone reads nothing: the tab says what is being read.
    app.update(Msg::Action(Action::Enter));
    assert_eq!(app.screen, Screen::Sweeps);
    assert!(app.sweep.is_none());
    let screen = render(&app, 120, 30);
    assert!(
        screen.contains(&format!("Reading the sweep in {}", path.display())),
        "{screen}"
    );
    settle(&mut app);
    assert_eq!(app.screen, Screen::Sweep);
    assert_eq!(app.sweep.as_ref().unwrap().sweep.path, path);
    assert!(app.opening.is_none());
    drop(app);
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_sweep_read_after_the_person_moved_on_does_not_take_the_screen() {
    let root = temp_dir("watch-open-away");
    write_sweep(&root);
    let mut app = sweeps_tab(&root);
    app.update(Msg::Action(Action::Enter));
    app.update(Msg::Action(Action::PrevScreen));
    settle(&mut app);
    assert_eq!(app.screen, Screen::Runs);
    assert!(app.sweep.is_none());
    drop(app);
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_run_opened_from_disk_shows_reading_until_the_watcher_has_read_it() {
    let root = temp_dir("watch-open-run");
    finished_run(&root, "grokking-a", 0, 0.0);
    let (mut app, _) = app(&root);
    press(&mut app, Action::NextScreen);
    app.update(Msg::Action(Action::Enter));
    assert_eq!(app.screen, Screen::Run);
    let run = &app.runs[app.group[0].0];
    assert_eq!(run.status, Status::Reading);
    assert_eq!(run.total_steps, 25_000, "what the listing knew");
    assert!(run.last.is_none());
    assert!(render(&app, 120, 30).contains("READING"));
    settle(&mut app);
    let run = &app.runs[app.group[0].0];
    assert_eq!(run.status, Status::Finished { completed: true });
    assert_eq!(run.step, 25_000);
    // Its size comes from its preset (d 64, P 113, as the phase-diagram cells of that size
    // counted it while training), though it kept no checkpoint.
    assert_eq!(run.n_params, 64_192);
    assert!(!render(&app, 120, 30).contains("READING"));
    drop(app);
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn the_picker_learns_from_timings_read_by_the_watcher_and_again_when_shown() {
    use groktop::record::{Timing, append_timing};
    let root = temp_dir("watch-timings");
    let preset = tui_support::preset(0);
    let timing = Timing {
        preset: preset.name.clone(),
        n_params: 0,
        n_train: preset.resolved_n_train() as u64,
        steps: preset.training.steps,
        train_secs: 700.0,
        threads: 2,
        finished_unix: 0,
    };
    append_timing(&root, &timing).unwrap();
    let (mut app, _) = app(&root);
    settle(&mut app);
    let e = app.picker.estimate.clone().unwrap();
    assert_eq!(e.measured_runs, 1);
    assert!((e.per_run_secs - 700.0).abs() < 1e-6, "{e:?}");
    // A run finished while another screen was shown counts when the picker shows again.
    press(&mut app, Action::NextScreen);
    append_timing(&root, &timing).unwrap();
    press(&mut app, Action::PrevScreen);
    assert_eq!(app.screen, Screen::Picker);
    assert_eq!(app.picker.estimate.as_ref().unwrap().measured_runs, 2);
    drop(app);
    std::fs::remove_dir_all(&root).unwrap();
}
