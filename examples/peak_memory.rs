//! Measures the peak memory of short runs of the built-in presets' cells against
//! `Preset::peak_bytes`: the figures behind `tests/peak_memory/measured.csv` (its columns
//! are the shape of each cell measured).
//!
//! ```text
//! cargo run --example peak_memory -- [MAX_GB [MIN_GB]] every distinct cell shape
//!                                                     estimated between MIN_GB (0) and MAX_GB (8)
//! cargo run --example peak_memory -- PRESET CELL     one cell of a built-in preset or a
//!                                                     .ron file (what the driver runs)
//! ```
//! Each cell runs in a process of its own, through the real worker (`worker::execute`): its
//! first evaluation (with the circuit measures), two training steps, the final evaluation
//! and checkpoint. The peak is the process's `VmHWM` (peak resident set) at the end.

use groktop::preset::{Cell, builtin_presets};
use groktop::worker::{Launch, RunId, execute};
use std::collections::BTreeSet;
use std::process::Command;

/// Steps each measured run trains.
const STEPS: u64 = 2;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [preset, cell] if preset.parse::<f64>().is_err() => {
            let cell = find(preset, cell.parse().expect("CELL: a cell index"));
            println!("{}", measure(&cell));
        }
        _ => {
            let gb =
                |i: usize, default: f64| args.get(i).map_or(default, |a| a.parse().expect("GB"));
            drive(gb(1, 0.0), gb(0, 8.0));
        }
    }
}

/// Cell `index` of a built-in preset, or of a preset file.
fn find(preset: &str, index: usize) -> Cell {
    let p = groktop::preset::Preset::find(preset).expect("a built-in preset or a .ron file");
    p.cells().swap_remove(index)
}

/// Runs `cell` for [`STEPS`] steps in a temporary directory; returns `VmHWM` in bytes.
fn measure(cell: &Cell) -> u64 {
    let mut preset = cell.preset.clone();
    preset.training.steps = STEPS;
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (tx, rx) = std::sync::mpsc::channel();
    let (_control, control_rx) = std::sync::mpsc::channel();
    let launch = Launch::New {
        preset,
        runs_root: dir.path().to_path_buf(),
        dir: Some(dir.path().join("run")),
    };
    execute(RunId(0), launch, &tx, &control_rx);
    drop(tx);
    if let Some(groktop::worker::Event::Failed { error, .. }) = rx.iter().last() {
        panic!("the run failed: {error}");
    }
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .expect("VmHWM in /proc/self/status");
    kb * 1024
}

/// Measures one cell of each distinct shape estimated between `min_gb` and `max_gb`, each
/// in a child.
fn drive(min_gb: f64, max_gb: f64) {
    let me = std::env::current_exe().expect("this example's path");
    let mut seen = BTreeSet::new();
    println!(
        "| preset | cell | P | n_train | d_model | layers | n_mem | estimate MB | measured MB | estimate / measured |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for p in builtin_presets() {
        for cell in p.cells() {
            let c = &cell.preset;
            let shape = (
                c.task.modulus,
                c.resolved_n_train(),
                c.model.d_model,
                c.model.n_layers,
                c.model.mlp_ratio,
                c.task.n_memorize,
                c.task.kind.slug(),
            );
            let Some(estimate) = c.peak_bytes() else {
                continue;
            };
            let gb = estimate as f64 / 1e9;
            if gb < min_gb || gb > max_gb || !seen.insert(shape) {
                continue;
            }
            let out = Command::new(&me)
                .args([p.name.as_str(), &cell.index.to_string()])
                .output()
                .expect("running a measurement child");
            let text = String::from_utf8_lossy(&out.stdout);
            let Ok(measured) = text.trim().parse::<u64>() else {
                eprintln!(
                    "{} cell {}: {}",
                    p.name,
                    cell.index,
                    String::from_utf8_lossy(&out.stderr)
                );
                continue;
            };
            println!(
                "| {} | {} | {} | {} | {} | {} | {} | {:.1} | {:.1} | {:.2} |",
                p.name,
                cell.index,
                shape.0,
                shape.1,
                shape.2,
                shape.3,
                shape.5,
                estimate as f64 / 1e6,
                measured as f64 / 1e6,
                estimate as f64 / measured as f64
            );
        }
    }
}
