//! Broken files as the TUI shows them: a `metrics.csv` that is binary, holds a NaN accuracy,
//! has unsorted steps or lacks its columns is named with the reason in the view and, once, in
//! the message log (it used to show as "–" and "starting… step 0/300"); the sweep map follows
//! cells removed and a sweep deleted (it used to keep "4/4 done", even after `r`), and a
//! finished cell whose row is garbage shows its read error, not "not started yet".

mod tui_support;

use groktop::tui::{Action, Screen};
use std::path::Path;
use tui_support::{app, finished_run, open_first_sweep, press, render, settle, temp_dir};
use tui_support::{sweep_preset, write_sweep};

/// Broken metrics files, by run name, and words the reason must hold.
const BROKEN: [(&str, &[u8], &str); 4] = [
    ("binary", b"\xff\xfe\x00garbage\x01", "not UTF-8"),
    (
        "nan",
        b"step,train_acc,param_norm\n0,0.1,5\n10,NaN,5\n",
        "is not an accuracy",
    ),
    (
        "unsorted",
        b"step,train_acc,param_norm\n10,0.1,5\n5,0.2,5\n",
        "comes after",
    ),
    ("columnless", b"a;b;c\n1;2;3\n", "lacks the column"),
];

fn break_run(root: &Path, name: &str, metrics: &[u8]) {
    finished_run(root, name, 0, 0.0);
    std::fs::write(root.join(name).join("metrics.csv"), metrics).unwrap();
}

#[test]
fn the_runs_tab_names_each_unreadable_metrics_file_once() {
    let root = temp_dir("unreadable-runs");
    for (name, bytes, _) in BROKEN {
        break_run(&root, name, bytes);
    }
    let (mut app, _) = app(&root);
    press(&mut app, Action::NextScreen);
    assert_eq!(app.screen, Screen::Runs);
    for (name, _, reason) in BROKEN {
        let entry = app.disk.entries.iter().find(|e| e.name == name).unwrap();
        assert_eq!(entry.phase, "unreadable", "{name}");
        let file = root.join(name).join("metrics.csv");
        let told: Vec<&String> = app
            .log
            .iter()
            .filter(|l| l.contains(&file.display().to_string()))
            .collect();
        assert_eq!(told.len(), 1, "{name}: {:#?}", app.log);
        assert!(told[0].contains(reason), "{name}: {}", told[0]);
    }
    // The selected run's file and reason stand under the table.
    let selected = app.disk.selected_entry().unwrap();
    let file = selected.path.join("metrics.csv").display().to_string();
    let screen = render(&app, 200, 30);
    assert!(screen.contains("unreadable"), "{screen}");
    assert!(
        screen.contains(&format!("✗ cannot read {file}: ")),
        "{screen}"
    );
    // Read again (`r`): nothing new to tell.
    let lines = app.log.len();
    press(&mut app, Action::Rescan);
    assert_eq!(app.log.len(), lines, "{:#?}", &app.log[lines..]);
    drop(app);
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_run_opened_with_unreadable_metrics_says_why_instead_of_starting() {
    let root = temp_dir("unreadable-run");
    let (name, bytes, reason) = BROKEN[1];
    break_run(&root, name, bytes);
    let (mut app, _) = app(&root);
    press(&mut app, Action::NextScreen);
    press(&mut app, Action::Enter);
    assert_eq!(app.screen, Screen::Run);
    let screen = render(&app, 120, 40);
    assert!(screen.contains("UNREADABLE"), "{screen}");
    assert!(screen.contains("cannot read"), "{screen}");
    assert!(screen.contains("metrics.csv"), "{screen}");
    // The reason too, wrapped in the panel: "is not an accuracy" may break between its words.
    let words: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("NaN is not an"), "{screen}");
    assert!(!screen.contains("starting…"), "{screen}");
    assert!(!screen.contains("DONE"), "{screen}");
    let told = app.log.iter().filter(|l| l.contains(reason)).count();
    assert_eq!(told, 1, "{:#?}", app.log);
    drop(app);
    std::fs::remove_dir_all(&root).unwrap();
}

/// The finished cells of the synthetic sweep, and the map's counts line for `done` of them.
fn counts(done: usize) -> String {
    let cells = sweep_preset().cells().len();
    format!("{done}/{cells} cells done")
}

#[test]
fn the_sweep_map_follows_removed_cells_and_a_deleted_sweep() {
    let root = temp_dir("unreadable-sweep");
    let path = write_sweep(&root);
    let mut app = open_first_sweep(&root);
    let done = app.sweep.as_ref().unwrap().sweep.counts().0;
    assert!(render(&app, 120, 40).contains(&counts(done)));
    // One finished cell removed: the map counts one fewer.
    let sweep = &app.sweep.as_ref().unwrap().sweep;
    let first_done = (0..sweep.cells.len())
        .find(|&i| {
            matches!(
                sweep.progress[i],
                groktop::tui::state::sweep_disk::CellProgress::Done(_)
            )
        })
        .unwrap();
    std::fs::remove_dir_all(sweep.cell_dir(first_done)).unwrap();
    settle(&mut app);
    assert_eq!(app.sweep.as_ref().unwrap().sweep.counts().0, done - 1);
    assert!(render(&app, 120, 40).contains(&counts(done - 1)));
    // The whole sweep deleted: nothing is done, the map says the directory is gone, also
    // after `r`.
    std::fs::remove_dir_all(&path).unwrap();
    settle(&mut app);
    press(&mut app, Action::Rescan);
    let screen = render(&app, 120, 40);
    assert!(screen.contains(&counts(0)), "{screen}");
    assert!(screen.contains("the sweep's directory is gone"), "{screen}");
    let told = app.log.iter().filter(|l| l.contains("is gone")).count();
    assert_eq!(told, 1, "{:#?}", app.log);
    drop(app);
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_finished_cell_with_a_garbage_row_shows_its_read_error() {
    let root = temp_dir("unreadable-cell");
    write_sweep(&root);
    let mut app = open_first_sweep(&root);
    let sweep = &app.sweep.as_ref().unwrap().sweep;
    let selected = app.sweep.as_ref().unwrap().selected_cell().unwrap();
    assert!(matches!(
        sweep.progress[selected],
        groktop::tui::state::sweep_disk::CellProgress::Done(_)
    ));
    let row = sweep.cell_dir(selected).join("summary-row.csv");
    std::fs::write(&row, b"\x00\xffgarbage").unwrap();
    std::fs::write(sweep.cell_dir(selected).join("metrics.csv"), b"\x00\xff").unwrap();
    press(&mut app, Action::Rescan);
    let screen = render(&app, 140, 50);
    assert!(!screen.contains("not started yet"), "{screen}");
    assert!(screen.contains("UNREADABLE"), "{screen}");
    assert!(screen.contains("summary-row.csv"), "{screen}");
    let told = app
        .log
        .iter()
        .filter(|l| l.contains(&row.display().to_string()))
        .count();
    assert_eq!(told, 1, "{:#?}", app.log);
    drop(app);
    std::fs::remove_dir_all(&root).unwrap();
}
