//! `Preset::peak_bytes` against measured peaks: the peak resident set of 2-step runs (first
//! evaluation with the circuit measures, two steps, final evaluation and checkpoint) of every
//! built-in cell shape that ran here within minutes (13 MB to 7.1 GB: d_model 4 to 512, 1 to
//! 8 layers, split MLPs, P 59 and 113), and of P = 300 and P = 500 runs whose circuit grid
//! (P³ floats) is a large part of their memory. `tests/peak_memory/measured.csv` keeps each
//! shape with its peak, from `cargo run --example peak_memory` (this 2-core machine, dev
//! profile, `subnormals: Keep`); this test only compares, so it stays fast and does not
//! depend on what the built-in presets hold today.

use groktop::preset::Preset;

/// How far an estimate may be from the measured peak.
const TOLERANCE: f64 = 0.10;

/// A single run of the shape in one line of the table.
fn preset(f: &[&str]) -> Preset {
    let [kind, p, n_train, d, layers, n_mem, split] = [f[0], f[1], f[2], f[3], f[4], f[5], f[6]];
    let text = format!(
        "(name: \"shape\", title: \"t\", figure: \"test\", description: \"\", paper_reports: \"\",
          task: (kind: {kind}, modulus: {p}, n_train: {n_train}, n_memorize: {n_mem}),
          model: (d_model: {d}, n_layers: {layers}, n_heads: 4, split_mlp: {split}),
          training: (steps: 2, eval_every: 1, checkpoint_every: 2))"
    );
    Preset::parse(&text, "shape.ron").unwrap()
}

#[test]
fn the_memory_estimate_is_within_ten_percent_of_measured_peaks() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/peak_memory/measured.csv"
    );
    let table = std::fs::read_to_string(path).unwrap();
    let mut worst = (0.0f64, String::new());
    let mut rows = 0;
    for line in table.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let measured_mb: f64 = f[7].parse().unwrap();
        let estimate = preset(&f).peak_bytes().unwrap() as f64 / 1e6;
        let off = estimate / measured_mb - 1.0;
        if off.abs() > worst.0.abs() {
            worst = (
                off,
                format!(
                    "{}: {estimate:.1} MB estimated, {measured_mb} MB measured",
                    f[8]
                ),
            );
        }
        rows += 1;
    }
    eprintln!(
        "{rows} shapes; the furthest: {} ({:+.1} %)",
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
