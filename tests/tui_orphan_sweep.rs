//! A sweep whose TUI was killed (`kill -9`) trains on as an orphan: the next TUI shows it as
//! running by the process holding its cells' locks, and `x` twice stops that process with
//! SIGTERM, on which it checkpoints and exits. Here the sweep is a `groktop sweep` started
//! by the test, as the killed TUI would have started it.

mod common;
mod tui_support;

use groktop::record::SweepDir;
use groktop::tui::{Action, Screen};
use std::process::Child;
use std::time::{Duration, Instant};
use tui_support::{press, render, settle, sweeps_tab};

/// Waits (at most `secs`) until `done` holds.
fn wait_until(secs: u64, what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !done() {
        assert!(Instant::now() < deadline, "{what} within {secs} s");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn exited(child: &mut Child) -> Option<i32> {
    child.try_wait().unwrap().map(|s| s.code().unwrap_or(-1))
}

#[test]
fn an_orphan_sweep_shows_as_running_and_x_twice_stops_it_with_a_checkpoint() {
    let tmp = tempfile::tempdir().unwrap();
    common::tiny_grid(tmp.path(), "g", 100_000, 50);
    let mut sweep = common::spawn(
        tmp.path(),
        &["sweep", "g.ron", "--out", "sweeps/g", "--jobs", "1"],
    );
    let dir = SweepDir::new(&tmp.path().join("sweeps/g"));
    wait_until(60, "the sweep trains a cell", || dir.trainer().is_some());
    let mut app = sweeps_tab(&tmp.path().join("sweeps"));
    let entry = &app.sweeps.entries[0];
    let trainer = entry.trainer.clone().expect("shown as trained");
    assert_eq!(trainer.pid, sweep.id());
    let screen = render(&app, 120, 30);
    assert!(screen.contains(&format!("pid {}", sweep.id())), "{screen}");

    // Once: it only says what a second x does.
    press(&mut app, Action::Stop);
    let notice = app.notice.clone().unwrap();
    assert!(notice.contains("x again stops it"), "{notice}");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(exited(&mut sweep), None, "one x stopped the sweep");
    // Another key between disarms it.
    press(&mut app, Action::Down);
    press(&mut app, Action::Stop);
    assert_eq!(
        exited(&mut sweep),
        None,
        "x, another key, x stopped the sweep"
    );
    // Twice: SIGTERM, and the sweep checkpoints and exits as after Ctrl-C.
    press(&mut app, Action::Stop);
    assert!(app.notice.clone().unwrap().contains("sent SIGTERM"));
    let mut code = None;
    wait_until(60, "the sweep exits after SIGTERM", || {
        code = exited(&mut sweep);
        code.is_some()
    });
    assert_eq!(code, Some(130), "stopped as by SIGTERM");
    let checkpointed = std::fs::read_dir(dir.path.join("cells"))
        .unwrap()
        .flatten()
        .any(|c| {
            c.path()
                .join("checkpoints")
                .read_dir()
                .unwrap()
                .next()
                .is_some()
        });
    assert!(checkpointed, "no cell kept a checkpoint");
    // The tab follows: nothing trains it any more.
    wait_until(10, "the tab sees the sweep stopped", || {
        settle(&mut app);
        app.sweeps.entries[0].trainer.is_none()
    });
    assert_eq!(app.screen, Screen::Sweeps);
}
