//! `groktop sweep --adopt OLD`: a grid grown by a seed takes the finished cells it already
//! has from the old sweep directory (renumbered) and trains only the new ones, and the result
//! is the same, byte for byte, as a sweep of the grown grid trained from scratch.

mod common;

use std::path::{Path, PathBuf};

/// The tiny 2 × 2 grid of `common::tiny_grid` in its own folder, with `seeds` seeds and
/// `lr` as learning rate.
fn grid(root: &Path, folder: &str, seeds: u32, lr: &str) -> PathBuf {
    let dir = root.join(folder);
    std::fs::create_dir_all(&dir).unwrap();
    let p = common::tiny_grid(&dir, "grow-grid", 60, 30);
    let text = std::fs::read_to_string(&p).unwrap().replace(
        "description: \"test\",",
        &format!("description: \"test\", seeds: {seeds}, optimizer: (lr: {lr}),"),
    );
    std::fs::write(&p, text).unwrap();
    p
}

fn sweep(root: &Path, preset: &Path, out: &str, extra: &[&str]) -> std::process::Output {
    let args = [&["sweep", preset.to_str().unwrap(), "--out", out], extra].concat();
    common::groktop(root, &args)
}

#[test]
fn a_grown_grid_adopts_the_finished_cells_and_equals_a_fresh_sweep() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let one = grid(root, "one", 1, "1e-3");
    let two = grid(root, "two", 2, "1e-3");
    let o = sweep(root, &one, "old", &[]);
    assert!(o.status.success(), "{}", common::stderr(&o));

    let o = sweep(root, &two, "grown", &["--adopt", "old"]);
    let err = common::stderr(&o);
    assert!(o.status.success(), "{err}");
    // Seed 0 of each grid point: cells 0, 2, 4, 6 of the grown grid.
    assert!(
        err.contains("adopted 4 finished cell(s) of old: 0, 2, 4, 6"),
        "{err}"
    );
    assert!(err.contains("4 finished now, 4 before"), "{err}");
    let old = std::fs::read_to_string(root.join("old/cells/0001-n40-d12-L1-m0-s0/metrics.csv"));
    let adopted =
        std::fs::read_to_string(root.join("grown/cells/0002-n40-d12-L1-m0-s0/metrics.csv"));
    assert_eq!(old.unwrap(), adopted.unwrap());
    assert!(!root.join("grown/.adopting").exists());

    let o = sweep(root, &two, "fresh", &[]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let summary = |dir: &str| std::fs::read_to_string(root.join(dir).join("summary.csv")).unwrap();
    assert_eq!(summary("grown").lines().count(), 9);
    assert_eq!(summary("grown"), summary("fresh"));

    // Adopting again adopts nothing: every cell is there.
    let o = sweep(root, &two, "grown", &["--adopt", "old"]);
    let err = common::stderr(&o);
    assert!(err.contains("adopted 0 finished cell(s) of old\n"), "{err}");
}

#[test]
fn cells_of_other_settings_are_not_adopted_and_bad_sources_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let one = grid(root, "one", 1, "1e-3");
    let other_lr = grid(root, "lr", 2, "2e-3");
    assert!(sweep(root, &one, "old", &["--cell", "0"]).status.success());

    let o = sweep(root, &other_lr, "new", &["--adopt", "old", "--cell", "0"]);
    let err = common::stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("adopted 0 finished cell(s) of old"), "{err}");

    let o = sweep(root, &one, "old", &["--adopt", "old"]);
    assert!(!o.status.success());
    assert!(
        common::stderr(&o).contains("is the sweep directory itself"),
        "{}",
        common::stderr(&o)
    );
    let o = sweep(root, &one, "x", &["--adopt", "missing"]);
    assert!(!o.status.success());
    assert!(
        common::stderr(&o).contains("missing: not a sweep directory (sweep.ron is missing)"),
        "{}",
        common::stderr(&o)
    );
    let o = sweep(root, &one, "old", &["--adopt", "old", "--list"]);
    assert!(!o.status.success(), "--adopt writes; --list must not");
}

/// A cell of another preset with the same settings is the same computation: it is adopted
/// under this grid's name, and equals what this grid trains for it.
#[test]
fn a_cell_of_another_preset_with_the_same_settings_is_adopted_under_this_name() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let mine = grid(root, "mine", 1, "1e-3");
    let theirs = root.join("theirs.ron");
    let text = std::fs::read_to_string(&mine).unwrap();
    std::fs::write(
        &theirs,
        text.replace("\"grow-grid\"", "\"other-name\"")
            .replace("description: \"test\"", "description: \"another text\""),
    )
    .unwrap();
    assert!(
        sweep(root, &theirs, "theirs", &["--cell", "3"])
            .status
            .success()
    );

    let o = sweep(
        root,
        &mine,
        "adopted",
        &["--adopt", "theirs", "--cell", "3"],
    );
    let err = common::stderr(&o);
    assert!(
        err.contains("adopted 1 finished cell(s) of theirs: 3"),
        "{err}"
    );
    assert!(
        sweep(root, &mine, "fresh", &["--cell", "3"])
            .status
            .success()
    );
    let read = |dir: &str, file: &str| {
        std::fs::read_to_string(
            root.join(dir)
                .join("cells/0003-n80-d12-L1-m0-s0")
                .join(file),
        )
        .unwrap()
    };
    for file in ["summary-row.csv", "preset.ron"] {
        assert_eq!(read("adopted", file), read("fresh", file), "{file}");
    }
    // Every metric the same; only the timing columns (steps_per_sec, elapsed_s) tell runs apart.
    let untimed = |text: String| -> Vec<String> {
        text.lines()
            .map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                [&f[..6], &f[8..]].concat().join(",")
            })
            .collect()
    };
    assert_eq!(
        untimed(read("adopted", "metrics.csv")),
        untimed(read("fresh", "metrics.csv"))
    );
    assert!(read("adopted", "summary-row.csv").contains(",grow-grid,"));
}
