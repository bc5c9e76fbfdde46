//! Extending a finished run from the TUI, end to end with real workers: a tiny run finishes,
//! `+` asks how many steps more (bad input refused, naming it), Enter trains them in the
//! same directory, and the run ends again with one row per step and one verdict. The same
//! works on a finished run reopened from the Runs tab.

mod common;
mod tui_support;

use groktop::tui::KeyContext;
use groktop::tui::state::run_state::Status;
use groktop::tui::{Action, App, Msg, Popup, Screen, Theme, Workers};
use groktop::worker::Event;
use std::path::Path;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};
use tui_support::{press, render, settle};

/// Feeds worker events to the app until the shown run has finished.
fn until_finished(app: &mut App, rx: &Receiver<Event>) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while app.shown_run().map(|r| &r.status) != Some(&Status::Finished { completed: true }) {
        assert!(Instant::now() < deadline, "{}", render(app, 120, 40));
        if let Ok(e) = rx.recv_timeout(Duration::from_millis(100)) {
            app.update(Msg::Worker(e));
        }
    }
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Msg::Type(c));
    }
}

fn metric_steps(dir: &Path) -> Vec<u64> {
    let text = std::fs::read_to_string(dir.join("metrics.csv")).unwrap();
    text.lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().parse().unwrap())
        .collect()
}

fn final_lines(dir: &Path) -> usize {
    let text = std::fs::read_to_string(dir.join("events.log")).unwrap();
    text.lines().filter(|l| l.starts_with("final\t")).count()
}

#[test]
fn a_finished_run_trains_further_in_its_own_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let runs = tmp.path().join("runs");
    let (tx, rx) = std::sync::mpsc::channel();
    let mut app = App::new(
        vec![common::tiny_preset(11, 60, 8, 40, 10, 1000)],
        runs.clone(),
        Box::new(Workers::new(tx)),
        Theme { color: false },
    );
    press(&mut app, Action::Enter);
    until_finished(&mut app, &rx);
    assert_eq!(app.key_context(), KeyContext::IdleRun);
    let dir = app.shown_run().unwrap().dir.clone().unwrap();

    press(&mut app, Action::Extend);
    assert_eq!(
        app.popup,
        Some(Popup::Extend {
            text: "100".into(),
            error: None
        }),
        "half the run, at least 100 steps"
    );
    let text = render(&app, 80, 24);
    assert!(
        text.contains("train further") && text.contains("steps more: 100"),
        "{text}"
    );
    // Bad input stays in the question with what was typed named.
    for _ in 0..3 {
        press(&mut app, Action::DeleteChar);
    }
    type_text(&mut app, "3x");
    press(&mut app, Action::Enter);
    assert!(render(&app, 80, 24).contains("'3x' is not a whole number of steps"));
    press(&mut app, Action::DeleteChar);
    press(&mut app, Action::DeleteChar);
    type_text(&mut app, "0");
    press(&mut app, Action::Enter);
    assert!(render(&app, 80, 24).contains("'0': extending by 0 steps"));
    press(&mut app, Action::DeleteChar);
    type_text(&mut app, "30");
    press(&mut app, Action::Enter);
    assert_eq!(app.popup, None);
    assert_eq!(
        app.key_context(),
        KeyContext::Screen(Screen::Run),
        "trains again"
    );
    until_finished(&mut app, &rx);
    let run = app.shown_run().unwrap();
    assert_eq!((run.step, run.total_steps), (70, 70));
    assert_eq!(metric_steps(&dir), (0..=70).step_by(10).collect::<Vec<_>>());
    assert_eq!(final_lines(&dir), 1);
    assert!(render(&app, 80, 24).contains("step 70 / 70"));

    // Reopened from the Runs tab (read-only), it extends the same way, once the ended
    // worker has let go of the directory's lock (else the tab shows it as followed).
    let record = groktop::record::RunDir { path: dir.clone() };
    let deadline = Instant::now() + Duration::from_secs(30);
    while record.writer().is_some() {
        assert!(Instant::now() < deadline, "the ended worker keeps its lock");
        std::thread::sleep(Duration::from_millis(20));
    }
    app.update(Msg::ClickTab(1));
    settle(&mut app);
    assert_eq!(app.screen, Screen::Runs);
    press(&mut app, Action::Enter);
    assert_eq!(app.key_context(), KeyContext::IdleRun);
    assert_eq!(app.views.len(), 1);
    press(&mut app, Action::Extend);
    press(&mut app, Action::DeleteChar);
    press(&mut app, Action::DeleteChar);
    press(&mut app, Action::DeleteChar);
    type_text(&mut app, "10");
    press(&mut app, Action::Enter);
    assert!(app.views.is_empty(), "no longer read-only");
    until_finished(&mut app, &rx);
    assert_eq!(metric_steps(&dir).last(), Some(&80));
    assert_eq!(final_lines(&dir), 1);
}

/// An extension whose worker cannot start (another writer holds the run's directory) leaves
/// the run as it was: its curves and its end still shown, the failure said, and an exit
/// report that does not tell the person to resume a finished run.
#[test]
fn an_extension_that_cannot_start_leaves_the_finished_run_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let mut app = App::new(
        vec![common::tiny_preset(11, 60, 8, 40, 10, 1000)],
        tmp.path().join("runs"),
        Box::new(Workers::new(tx)),
        Theme { color: false },
    );
    press(&mut app, Action::Enter);
    until_finished(&mut app, &rx);
    let dir = app.shown_run().unwrap().dir.clone().unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let _other_writer = loop {
        match groktop::record::RunWriter::open(&dir) {
            Ok(w) => break w,
            Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => panic!("the ended worker keeps its lock: {e}"),
        }
    };
    press(&mut app, Action::Extend);
    press(&mut app, Action::Enter);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        assert!(Instant::now() < deadline, "{}", render(&app, 120, 40));
        let Ok(e) = rx.recv_timeout(Duration::from_millis(100)) else {
            continue;
        };
        let failed = matches!(e, Event::Failed { .. });
        app.update(Msg::Worker(e));
        if failed {
            break;
        }
    }
    let run = app.shown_run().unwrap();
    assert_eq!(run.status, Status::Finished { completed: true });
    assert_eq!((run.step, run.total_steps), (40, 40));
    let screen = render(&app, 120, 40);
    assert!(screen.contains("step 40 / 40"), "{screen}");
    let notice = app.notice.clone().unwrap();
    assert!(
        notice.contains("was not extended") && notice.contains("pid"),
        "{notice}"
    );
    let report = app.exit_report().join("\n");
    assert!(!report.contains("resume"), "{report}");
    assert!(report.contains("at step 40 / 40"), "{report}");
}
