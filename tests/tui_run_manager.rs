//! The TUI as a run manager: this process's runs are a set the screens look at. Opening,
//! closing or comparing views never pauses or stops a run; pause, stop and resume act on
//! the runs the person chose; the Runs tab says which runs train here and how they share
//! the cores; quitting asks once about all of them; the exit report has one line per run.

mod tui_support;

use groktop::analysis::{Classification, Phase};
use groktop::tui::{Action, Msg, Popup, Screen};
use groktop::worker::{Control, Event, Launch, RunId, RunInfo, RunSummary};
use std::path::{Path, PathBuf};
use tui_support::*;

/// Run `run` reports its start in `dir` (a fresh run, or one resumed at `from`).
fn started_in(run: RunId, dir: &Path, from: u64) -> Event {
    Event::Started {
        run,
        info: Box::new(RunInfo {
            preset: preset(0),
            dir: dir.to_path_buf(),
            start_step: from,
            total_steps: 25_000,
            n_params: 52_096,
            history: Vec::new(),
            events: Vec::new(),
            notes: Vec::new(),
        }),
    }
}

/// Run `run` ends at `step`: at its planned end (`completed`) or stopped short.
fn ended(run: RunId, dir: &Path, step: u64, phase: Phase, completed: bool) -> Event {
    Event::Finished {
        run,
        summary: Box::new(RunSummary {
            dir: dir.to_path_buf(),
            step,
            last: None,
            best_val_acc: None,
            best_twin_free_val_acc: None,
            classification: Classification {
                phase,
                reason: String::new(),
            },
            memorized_step: None,
            generalized_step: None,
            completed,
        }),
    }
}

/// Selects the Runs tab's row of directory `name`.
fn select(app: &mut groktop::tui::App, name: &str) {
    let row = app.disk.rows().position(|e| e.name == name);
    app.disk.selected = row.unwrap_or_else(|| panic!("{name} is not listed"));
}

fn to_runs_tab(app: &mut groktop::tui::App) {
    while app.screen != Screen::Runs {
        press(app, Action::NextScreen);
    }
}

/// Run A trains; Esc, and run B starts from the picker: A trains on, nothing was sent to it.
#[test]
fn starting_another_run_leaves_the_first_training() {
    let (mut app, rec) = app(&temp_dir("runs"));
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    feed(&mut app, RunId(0), 1_000, 0.0, Phase::Grokking);
    press(&mut app, Action::Back);
    assert_eq!(app.screen, Screen::Picker);
    press(&mut app, Action::Enter);
    assert_eq!(app.group, [RunId(1)]);
    assert!(rec.sent().is_empty(), "{:?}", rec.sent());
    assert!(app.runs[0].status.is_active());
    assert_eq!(app.active_count(), 2);
    let notice = app.notice.clone().unwrap();
    assert!(notice.contains("1 run trains on"), "{notice}");
}

/// Enter on stopped run A (it resumes), Esc, Enter on stopped run B (it resumes): A trains
/// on; Enter on A again shows it live instead of starting a second worker. The status
/// column says both train here and how they share the cores, at 80 and 200 columns.
#[test]
fn runs_opened_from_the_runs_tab_train_side_by_side() {
    let root = temp_dir("manager-open");
    drop(stopped_run(&root.join("grokking-a"), 300));
    drop(stopped_run(&root.join("grokking-b"), 300));
    let (mut app, rec) = app(&root);
    to_runs_tab(&mut app);
    select(&mut app, "grokking-a");
    press(&mut app, Action::Enter);
    assert_eq!(
        (app.screen, app.group.clone()),
        (Screen::Run, vec![RunId(0)])
    );
    press(&mut app, Action::Back);
    assert_eq!(app.screen, Screen::Runs);
    select(&mut app, "grokking-b");
    press(&mut app, Action::Enter);
    assert_eq!(app.group, [RunId(1)]);
    assert!(rec.sent().is_empty(), "A is not stopped: {:?}", rec.sent());
    assert_eq!(app.active_count(), 2);
    press(&mut app, Action::Back);
    select(&mut app, "grokking-a");
    press(&mut app, Action::Enter);
    assert_eq!(app.group, [RunId(0)], "A shown live");
    assert_eq!(rec.started().len(), 2, "no second worker for A");

    press(&mut app, Action::Back);
    let narrow = render(&app, 80, 24);
    let row = |text: &str, name: &str| {
        text.lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} not shown:\n{text}"))
            .to_string()
    };
    assert!(
        row(&narrow, "grokking-a").contains("training 1/2"),
        "{narrow}"
    );
    assert!(
        narrow.contains("2 runs training here share"),
        "the title says how: {narrow}"
    );
    let wide = render(&app, 200, 50);
    let cores = rayon::current_num_threads();
    let share = format!("training · 1/2 of {cores} cores");
    assert!(row(&wide, "grokking-b").contains(&share), "{wide}");

    // p pauses only the selected run; x stops the marked ones.
    press(&mut app, Action::TogglePause);
    assert_eq!(rec.sent(), [(RunId(0), Control::Pause)]);
    assert!(row(&render(&app, 80, 24), "grokking-a").contains("paused here"));
    press(&mut app, Action::ToggleMark);
    select(&mut app, "grokking-b");
    press(&mut app, Action::ToggleMark);
    press(&mut app, Action::Stop);
    let stop = Control::Stop { checkpoint: true };
    assert_eq!(rec.sent()[1..], [(RunId(0), stop), (RunId(1), stop)]);
    std::fs::remove_dir_all(&root).unwrap();
}

/// Comparing two finished runs while a run trains here leaves it training.
#[test]
fn comparing_is_read_only_and_leaves_training_alone() {
    let root = temp_dir("manager-compare");
    finished_run(&root, "grokking-s0", 0, 0.0);
    finished_run(&root, "grokking-s1", 1, 300.0);
    let (mut app, rec) = app(&root);
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    to_runs_tab(&mut app);
    select(&mut app, "grokking-s0");
    press(&mut app, Action::ToggleMark);
    select(&mut app, "grokking-s1");
    press(&mut app, Action::ToggleMark);
    press(&mut app, Action::CompareMarked);
    assert_eq!(app.screen, Screen::Compare);
    assert_eq!(app.group.len(), 2);
    assert!(!app.group.contains(&RunId(0)));
    assert!(rec.sent().is_empty(), "{:?}", rec.sent());
    assert!(app.runs[0].status.is_active());
    // Closing the compare view does not touch it either.
    press(&mut app, Action::Back);
    assert!(rec.sent().is_empty());
    assert_eq!(app.active_count(), 1);
    std::fs::remove_dir_all(&root).unwrap();
}

/// Three seeds stopped by `x` in the compare view: `r` resumes every one, under its id.
#[test]
fn one_key_resumes_every_stopped_run_of_the_compare_view() {
    let root = temp_dir("manager-resume");
    let (mut app, rec) = app(&root);
    press(&mut app, Action::MoreSeeds);
    press(&mut app, Action::MoreSeeds);
    press(&mut app, Action::Enter);
    assert_eq!(app.screen, Screen::Compare);
    let ids = app.group.clone();
    assert_eq!(ids.len(), 3);
    for &id in &ids {
        app.update(Msg::Worker(started_in(
            id,
            &root.join(format!("s{}", id.0)),
            0,
        )));
    }
    press(&mut app, Action::Stop);
    let stop = Control::Stop { checkpoint: true };
    assert_eq!(
        rec.sent(),
        ids.iter().map(|&id| (id, stop)).collect::<Vec<_>>()
    );
    for &id in &ids {
        app.update(Msg::Worker(Event::Checkpointed {
            run: id,
            step: 6_600,
            path: root.join("ckpt"),
        }));
        let dir = root.join(format!("s{}", id.0));
        app.update(Msg::Worker(ended(id, &dir, 6_600, Phase::Undecided, false)));
    }
    assert_eq!(app.active_count(), 0);
    press(&mut app, Action::ResumeStopped);
    let resumed: Vec<(RunId, PathBuf)> = rec.started()[3..]
        .iter()
        .map(|(id, l)| match l {
            Launch::Resume { dir, .. } => (*id, dir.clone()),
            other => panic!("{other:?}"),
        })
        .collect();
    let want: Vec<(RunId, PathBuf)> = (ids.iter())
        .map(|&id| (id, root.join(format!("s{}", id.0))))
        .collect();
    assert_eq!(resumed, want);
    assert_eq!(app.active_count(), 3);
    assert_eq!(app.group, ids, "the same view goes on");
    std::fs::remove_dir_all(&root).unwrap();
}

/// q with one run training out of sight and one shown: one question for both, and
/// "checkpoint and quit" stops both.
#[test]
fn quitting_asks_once_about_every_run_training_here() {
    let (mut app, rec) = app(&temp_dir("runs"));
    press(&mut app, Action::Enter);
    press(&mut app, Action::Back);
    press(&mut app, Action::Enter);
    press(&mut app, Action::Quit);
    assert!(matches!(app.popup, Some(Popup::Quit { .. })));
    assert!(render(&app, 80, 24).contains("2 runs are still training"));
    press(&mut app, Action::Checkpoint);
    let stop = Control::Stop { checkpoint: true };
    assert_eq!(rec.sent(), [(RunId(0), stop), (RunId(1), stop)]);
}

/// A run stopped, resumed from the Runs tab and finished: the exit report has one line for
/// it, its latest state, with no "continue" (it finished).
#[test]
fn the_exit_report_has_one_line_per_run_with_its_latest_state() {
    let root = temp_dir("manager-exit");
    let dir = root.join("grokking-a");
    drop(stopped_run(&dir, 300));
    let (mut app, _) = app(&root);
    to_runs_tab(&mut app);
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started_in(RunId(0), &dir, 300)));
    app.update(Msg::Worker(ended(
        RunId(0),
        &dir,
        6_600,
        Phase::Undecided,
        false,
    )));
    let stopped = app.exit_report();
    assert_eq!(stopped.len(), 1, "{stopped:?}");
    assert!(
        stopped[0].contains("stopped, provisional at step 300"),
        "{stopped:?}"
    );
    assert!(stopped[0].contains("groktop resume"), "{stopped:?}");
    press(&mut app, Action::Back);
    press(&mut app, Action::Enter);
    assert_eq!(app.group, [RunId(1)], "resumed as a new run");
    app.update(Msg::Worker(started_in(RunId(1), &dir, 6_600)));
    app.update(Msg::Worker(ended(
        RunId(1),
        &dir,
        25_000,
        Phase::Grokking,
        true,
    )));
    let report = app.exit_report();
    assert_eq!(report.len(), 1, "{report:?}");
    assert!(report[0].contains("grokking at step"), "{report:?}");
    assert!(!report[0].contains("resume"), "{report:?}");
    std::fs::remove_dir_all(&root).unwrap();
}
