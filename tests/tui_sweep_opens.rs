//! Which cell a sweep opens on: its first (the map's bottom-left corner) when that one has
//! started, else one being trained now, so a sweep run in another order does not open on an
//! empty "not started" view.

mod tui_support;

use groktop::record::{RunWriter, SweepDir};
use groktop::report::Phase;
use tui_support::{open_first_sweep, render, sweep_preset, temp_dir, write_cell};

#[test]
fn a_sweep_whose_first_cell_has_not_started_opens_on_the_cell_being_trained() {
    let root = temp_dir("sweep-opens-running");
    let preset = sweep_preset();
    let sweep = SweepDir::new(&root.join("tiny-phase"));
    sweep.prepare(&preset).unwrap();
    let cells = preset.cells();
    // d_model 32 at 60 pairs, seed 1: the only cell that has started, held by a live writer.
    let live = (cells.iter())
        .find(|c| c.axes.d_model == 32 && c.axes.n_train == 60 && c.axes.seed == 1)
        .unwrap();
    write_cell(&sweep, live, 30, Phase::Undecided, 0.5);
    let _writer = RunWriter::open(&sweep.cell_dir(live)).unwrap();

    let app = open_first_sweep(&root);
    let screen = render(&app, 100, 30);
    assert!(
        screen.contains(&format!("cell {:04} n60 d32", live.index)),
        "{screen}"
    );
    assert!(screen.contains("(seed 2/2"), "{screen}");
    assert!(!screen.contains("not started yet"), "{screen}");
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_sweep_whose_first_cell_has_started_opens_on_it() {
    let root = temp_dir("sweep-opens-first");
    tui_support::write_sweep(&root);
    let app = open_first_sweep(&root);
    let screen = render(&app, 100, 30);
    assert!(screen.contains("cell 0000 n40 d8"), "{screen}");
    std::fs::remove_dir_all(&root).unwrap();
}
