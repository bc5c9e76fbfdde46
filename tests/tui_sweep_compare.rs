//! `c` on the sweep screen: the selected grid point's seeds side by side in the compare view,
//! read from their cell directories (finished ones once, running ones followed), and Esc back
//! to the map; a point none of whose seeds has started says so.

mod tui_support;

use groktop::tui::state::run_state::Status;
use groktop::tui::{Action, App, Screen};
use std::path::PathBuf;
use tui_support::{open_first_sweep, press, render, temp_dir, write_sweep};

/// The synthetic sweep's map, opened on d_model 8 / 40 pairs and moved `right` columns on;
/// the sweeps folder, to remove at the end.
fn map_at_column(tag: &str, right: usize) -> (App, PathBuf) {
    let root = temp_dir(tag);
    write_sweep(&root);
    let mut app = open_first_sweep(&root);
    for _ in 0..right {
        press(&mut app, Action::Right);
    }
    (app, root)
}

#[test]
fn c_compares_the_selected_points_seeds_and_esc_returns_to_the_map() {
    // d_model 8, 40 pairs: both seeds finished (ungrokking).
    let (mut app, root) = map_at_column("sweep-compare", 0);
    press(&mut app, Action::CompareMarked);
    assert_eq!(app.screen, Screen::Compare);
    let runs: Vec<_> = app.group_runs().collect();
    assert_eq!(runs.len(), 2);
    assert_eq!(
        runs.iter().map(|r| r.seed).collect::<Vec<_>>(),
        vec![0, 1],
        "in seed order"
    );
    for (r, seed) in runs.iter().zip(["s0", "s1"]) {
        assert!(
            r.label.contains("tiny-phase") && r.label.contains("n40 d8") && r.label.ends_with(seed),
            "{}",
            r.label
        );
        // Read by the watcher from the cell's files, to its last step.
        assert_ne!(r.status, Status::Reading, "{}", r.label);
        assert_eq!(r.step, 60, "{}", r.label);
    }
    let screen = render(&app, 100, 30);
    assert!(screen.contains("comparing 2 runs"), "{screen}");

    press(&mut app, Action::Back);
    assert_eq!(app.screen, Screen::Sweep);
    assert!(app.sweep.is_some(), "the map is still open");
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn c_on_a_point_being_trained_follows_its_seeds() {
    // d_model 32, 40 pairs: both seeds are held by a live writer at step 30.
    let (mut app, root) = map_at_column("sweep-compare-live", 2);
    press(&mut app, Action::CompareMarked);
    assert_eq!(app.screen, Screen::Compare);
    let steps: Vec<u64> = app.group_runs().map(|r| r.step).collect();
    assert_eq!(steps, vec![30, 30]);
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn c_on_a_point_no_seed_of_which_started_says_so_and_stays() {
    // d_model 64, 40 pairs: not started.
    let (mut app, root) = map_at_column("sweep-compare-pending", 3);
    press(&mut app, Action::CompareMarked);
    assert_eq!(app.screen, Screen::Sweep);
    let notice = app.notice.clone().unwrap_or_default();
    assert!(
        notice.contains("no seed of this cell has started"),
        "{notice}"
    );
    std::fs::remove_dir_all(&root).unwrap();
}
