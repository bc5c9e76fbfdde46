//! The report over sweeps on disk: curve figures from the cells' metrics, and every result
//! committed under docs/results/ read back through `groktop report`, so that the summary and
//! metrics formats cannot drift away from what the repository holds.

mod common;

use common::{groktop, stderr, stdout, write};
use std::path::{Path, PathBuf};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(&bytes[1..4], b"PNG", "{} is not a PNG", path.display());
    let be = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    (be(16), be(20))
}

#[test]
fn a_small_sweep_gets_accuracy_norm_and_circuit_curves_one_panel_row_per_cell() {
    let tmp = tempfile::tempdir().unwrap();
    let preset = write(
        tmp.path(),
        "seeds.ron",
        "(name: \"seeds\", title: \"t\", figure: \"test\", description: \"t\", paper_reports: \"t\",
          task: (kind: ModAdd, modulus: 11, n_train: 60), model: (d_model: 8),
          training: (steps: 200, eval_every: 10, checkpoint_every: 200),
          seeds: 2, sweep: (d_model: [8, 12]))",
    );
    let out = tmp.path().join("sweep");
    let o = groktop(
        tmp.path(),
        &[
            "sweep",
            preset.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = groktop(tmp.path(), &["report", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    // Addition: the cells recorded the circuit measures, so their curves are drawn too.
    for name in ["accuracy-curves", "norm-curves", "circuit-curves"] {
        assert!(
            text.contains(&format!("{name}.png")),
            "{name} not drawn:\n{text}"
        );
    }
    // Two cells (d_model 8 and 12) of two seeds: two rows of train | val panels, and two
    // norm panels side by side in one row.
    let (w, h_acc) = png_size(&out.join("accuracy-curves.png"));
    let (_, h_norm) = png_size(&out.join("norm-curves.png"));
    assert!(w > 1000, "width {w}");
    assert!(h_acc > h_norm, "accuracy {h_acc} px high, norm {h_norm} px");
}

/// Every `docs/results/<preset>/`: (directory, number of summary rows).
fn committed_results() -> Vec<(PathBuf, usize)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/results");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&root).unwrap_or_else(|e| panic!("{}: {e}", root.display())) {
        let dir = entry.unwrap().path();
        let rows = groktop::report::read_summary(dir.join("summary.csv"))
            .unwrap_or_else(|e| panic!("{e}"));
        out.push((dir, rows.len()));
    }
    out.sort();
    out
}

#[test]
fn every_committed_result_reads_back_through_report() {
    let results = committed_results();
    assert!(!results.is_empty(), "docs/results holds no sweep");
    let tmp = tempfile::tempdir().unwrap();
    for (dir, rows) in results {
        assert!(rows > 0, "{}: summary.csv has no rows", dir.display());
        let copy = tmp.path().join(dir.file_name().unwrap());
        copy_dir(&dir, &copy);
        let o = groktop(tmp.path(), &["report", copy.to_str().unwrap()]);
        assert!(o.status.success(), "{}: {}", dir.display(), stderr(&o));
        let text = stdout(&o);
        assert!(
            text.contains("figure:"),
            "{}: no figure drawn:\n{text}",
            dir.display()
        );
        // The committed figures are the ones this build draws from the committed data.
        for line in text.lines().filter_map(|l| l.strip_prefix("figure: ")) {
            let name = Path::new(line).file_name().unwrap();
            assert!(
                dir.join(name).exists(),
                "{}: the report draws {} but it is not committed",
                dir.display(),
                name.to_string_lossy()
            );
        }
    }
}

#[test]
fn a_run_directory_of_an_addition_task_gets_its_circuits_figure() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "add.ron",
        &common::tiny_preset_text(11, 60, 8, 200, 10, 200),
    );
    let o = groktop(tmp.path(), &["run", "add.ron", "--out", "run"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = groktop(tmp.path(), &["report", "run"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("circuits.png"), "{}", stdout(&o));
    assert_eq!(png_size(&tmp.path().join("run/circuits.png")), (960, 1200));
}

#[test]
fn against_draws_two_sweeps_emergence_on_one_chart_and_names_a_wrong_directory() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/results");
    let tmp = tempfile::tempdir().unwrap();
    let split = tmp.path().join("split-mlp-small");
    copy_dir(&root.join("split-mlp-small"), &split);
    let shared = root.join("emergence-small");
    let o = groktop(
        tmp.path(),
        &[
            "report",
            split.to_str().unwrap(),
            "--against",
            shared.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let (w, h) = png_size(&split.join("compare-emergence-small.png"));
    assert!(w >= 900 && h >= 600, "{w}×{h}");
    let svg = std::fs::read_to_string(split.join("compare-emergence-small.svg")).unwrap();
    for label in [
        "split-mlp-small: 1600 memorization examples",
        "emergence-small: 1600 memorization examples",
    ] {
        assert!(svg.contains(label), "legend lacks {label}");
    }
    // The split sweep ran 1 600 memorization pairs only: the shared sweep's 0 and 400 lines
    // have nothing to compare with and are left out.
    for label in [
        "emergence-small: 0 memorization examples",
        "emergence-small: 400 memorization examples",
    ] {
        assert!(!svg.contains(label), "legend has {label}");
    }
    // It draws no pale paper's-val lines, so its axis title does not speak of them.
    assert!(
        !svg.contains("pale:"),
        "the x title names pale lines it lacks"
    );

    let empty = tmp.path().join("not-a-sweep");
    std::fs::create_dir(&empty).unwrap();
    let o = groktop(
        tmp.path(),
        &[
            "report",
            split.to_str().unwrap(),
            "--against",
            empty.to_str().unwrap(),
        ],
    );
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("not-a-sweep/summary.csv"),
        "{}",
        stderr(&o)
    );
}
