//! The run overview (`i` on the Runs tab): every fact and setting of one run directory on one
//! page, following the run as the watcher rereads it; Enter opens the run, Esc goes back, and a
//! directory deleted while shown is said to be gone.

mod tui_support;

use groktop::tui::{Action, Screen};
use tui_support::{app, finished_run, press, render, settle, temp_dir};

#[test]
fn i_on_the_runs_tab_shows_the_runs_settings_and_esc_and_enter_leave_it() {
    let root = temp_dir("overview");
    finished_run(&root, "grokking-20261204-100000-s3", 3, 0.0);
    let (mut app, _) = app(&root);
    press(&mut app, Action::NextScreen);
    assert_eq!(app.screen, Screen::Runs);
    press(&mut app, Action::Inspect);
    assert_eq!(app.screen, Screen::Overview);
    assert_eq!(app.tab_index(), 1, "the overview stays under the Runs tab");
    let screen = render(&app, 80, 24);
    for shown in [
        "grokking-20261204-100000-s3",
        "seed 3",
        "2026-12-04 10:00:00 UTC",
        "weight_decay",
        "d_model",
        "Esc back",
    ] {
        assert!(screen.contains(shown), "{shown:?} missing:\n{screen}");
    }
    press(&mut app, Action::Back);
    assert_eq!(app.screen, Screen::Runs);
    press(&mut app, Action::Inspect);
    press(&mut app, Action::Enter);
    assert_eq!(app.screen, Screen::Run, "Enter opens the run it shows");
}

#[test]
fn a_run_deleted_while_its_overview_is_shown_is_said_to_be_gone() {
    let root = temp_dir("overview-gone");
    finished_run(&root, "grokking-20261204-100000-s0", 0, 0.0);
    let (mut app, _) = app(&root);
    press(&mut app, Action::NextScreen);
    press(&mut app, Action::Inspect);
    std::fs::remove_dir_all(root.join("grokking-20261204-100000-s0")).unwrap();
    press(&mut app, Action::Rescan);
    settle(&mut app);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("no longer listed"), "{screen}");
}
