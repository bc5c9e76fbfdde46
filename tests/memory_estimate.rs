//! `estimate::peak_bytes` against measured peaks: the peak resident set of 2-step runs
//! (first evaluation with the circuit measures, two steps, final evaluation and checkpoint)
//! of every built-in cell shape up to 7 GB (those estimated to fit in a few minutes here), and of P = 300 and P = 500 runs whose circuit
//! grid (P³ floats) is a large part of their memory. The figures in
//! `tests/peak_memory/measured.csv` come from `cargo run --example peak_memory` (this
//! 2-core machine, dev profile); this test only compares, so it stays fast.

use groktop::estimate::peak_bytes;
use groktop::preset::Preset;

/// How far an estimate may be from the measured peak.
const TOLERANCE: f64 = 0.10;

#[test]
fn the_memory_estimate_is_within_ten_percent_of_measured_peaks() {
    let root = env!("CARGO_MANIFEST_DIR");
    let table = std::fs::read_to_string(format!("{root}/tests/peak_memory/measured.csv")).unwrap();
    let mut worst = (0.0f64, String::new());
    let mut rows = 0;
    for line in table.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let (name, cell, measured_mb): (&str, usize, f64) =
            (f[0], f[1].parse().unwrap(), f[2].parse().unwrap());
        let preset = if name.ends_with(".ron") {
            Preset::find(&format!("{root}/{name}")).unwrap()
        } else {
            Preset::find(name).unwrap()
        };
        let estimate = peak_bytes(&preset.cells()[cell].preset).unwrap() as f64 / 1e6;
        let off = estimate / measured_mb - 1.0;
        if off.abs() > worst.0.abs() {
            worst = (
                off,
                format!(
                    "{name} cell {cell}: {estimate:.1} MB estimated, {measured_mb} MB measured"
                ),
            );
        }
        rows += 1;
    }
    eprintln!(
        "{rows} cells; the furthest: {} ({:+.1} %)",
        worst.1,
        100.0 * worst.0
    );
    assert!(rows > 150);
    assert!(
        worst.0.abs() <= TOLERANCE,
        "{} ({:+.1} %)",
        worst.1,
        100.0 * worst.0
    );
}
