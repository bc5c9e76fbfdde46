//! The disk-watching thread: it ends when told (and when the app goes), and the Runs tab
//! sees a run that another thread writes while the tab is shown.

mod tui_support;

use groktop::tui::watch::{Found, Request, Watcher};
use groktop::tui::{Action, Msg, Screen};
use std::time::{Duration, Instant};
use tui_support::{app, finished_run, press, temp_dir};

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
