//! A random-labels grid (memorization only, no validation set) on the sweep screen: the map
//! shows what each width memorized and the notes give its capacity, not empty val columns.

mod tui_support;

use groktop::analysis::Phase;
use groktop::preset::{Preset, TaskKind};
use groktop::record::Metrics;
use groktop::record::{RunWriter, SummaryRow, SweepDir};
use std::path::Path;
use tui_support::*;

fn memorization_preset() -> Preset {
    let text = r#"(
  name: "tiny-capacity",
  title: "A tiny memorization capacity grid",
  figure: "4",
  description: "A test sweep.",
  paper_reports: "Capacity rises with size.",
  task: (kind: RandomLabels, modulus: 11),
  model: (d_model: 8, n_layers: 1, n_heads: 4),
  training: (steps: 20, eval_every: 10, checkpoint_every: 20),
  seeds: 1,
  sweep: (d_model: [8, 16]),
)"#;
    Preset::parse(text, "tiny-capacity.ron").unwrap()
}

/// Every cell finished, width 8 holding 25 % of the pairs and width 16 holding 75 %.
fn write_memorization_sweep(root: &Path) {
    let preset = memorization_preset();
    let sweep = SweepDir::new(&root.join("tiny-capacity"));
    sweep.prepare(&preset).unwrap();
    for cell in preset.cells() {
        let a = cell.axes;
        let train: f32 = if a.d_model == 8 { 0.25 } else { 0.75 };
        let writer = RunWriter::create_at(&sweep.cell_dir(&cell), &cell.preset).unwrap();
        let rows: Vec<Metrics> = (0..=20)
            .step_by(10)
            .map(|step| Metrics {
                step,
                train_loss: 1.0,
                train_acc: train * step as f32 / 20.0,
                param_norm: 10.0,
                ..Metrics::default()
            })
            .collect();
        writer.write_metrics(&rows).unwrap();
        writer.write_events(&[]).unwrap();
        writer
            .append_final(Phase::Undecided, "no validation set: memorization only")
            .unwrap();
        let row = SummaryRow {
            cell: cell.index as u64,
            preset: "tiny-capacity".into(),
            task: TaskKind::RandomLabels,
            n_train: a.n_train as u64,
            d_model: a.d_model as u64,
            n_layers: a.n_layers as u64,
            n_memorize: a.n_memorize as u64,
            seed: a.seed,
            n_params: 1000,
            steps: 20,
            final_train_acc: f64::from(train),
            final_val_acc: None,
            best_val_acc: None,
            phase: Phase::Undecided,
            memorized_step: None,
            generalized_step: None,
            final_twin_free_val_acc: None,
            best_twin_free_val_acc: None,
        };
        sweep.write_cell_row(&cell, &row).unwrap();
    }
}

#[test]
fn a_random_labels_grid_shows_train_accuracy_and_capacity() {
    let root = temp_dir("sweep-capacity");
    write_memorization_sweep(&root);
    let app = open_first_sweep(&root);
    let n_train = memorization_preset().cells()[0].axes.n_train;
    let screen = render(&app, 120, 40);
    assert!(
        screen.contains("? 25"),
        "width 8's train accuracy on the map:\n{screen}"
    );
    assert!(
        screen.contains("? 75"),
        "width 16's train accuracy on the map:\n{screen}"
    );
    assert!(
        screen.contains("number: mean final train acc %"),
        "{screen}"
    );
    assert!(screen.contains("(no validation set)"), "{screen}");
    let held = |acc: f64| groktop::human::steps((acc * n_train as f64).round() as u64);
    let line = format!(
        "capacity (train acc × pairs): d8 {} · d16 {}",
        held(0.25),
        held(0.75)
    );
    assert!(screen.contains(&line), "expected {line:?} in\n{screen}");
    assert!(!screen.contains("D_crit"), "{screen}");
    std::fs::remove_dir_all(&root).unwrap();
}
