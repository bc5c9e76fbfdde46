//! Bad `--cell`, `--shard` and `--jobs` values, and a sweep directory of another preset, are
//! refused with one clear line before anything runs.

mod common;

use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_groktop");

/// Runs `groktop sweep <preset> --out <out> args…`, expects failure, returns its stderr.
fn fails(preset: &Path, out: &Path, args: &[&str]) -> String {
    let o = Command::new(BIN)
        .args([
            "sweep",
            preset.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .args(args)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(!o.status.success(), "{args:?} should fail:\n{err}");
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "{args:?}: not one line:\n{err}"
    );
    err
}

#[test]
fn bad_selections_are_one_line_errors_and_run_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let p = common::tiny_grid(tmp.path(), "err-grid", 20, 10);
    let out = tmp.path().join("sweep");
    let cases: [(&[&str], &str); 6] = [
        (
            &["--cell", "4"],
            "--cell 4: preset 'err-grid' has 4 cells (0..=3)",
        ),
        (
            &["--cell", "4", "--list"],
            "--cell 4: preset 'err-grid' has 4 cells (0..=3)",
        ),
        (
            &["--shard", "3/2"],
            "--shard 3/2: i must be below n (0..=1)",
        ),
        (&["--shard", "0/0"], "--shard 0/0: n must be at least 1"),
        (&["--shard", "half"], "--shard half: expected i/n"),
        (&["--jobs", "0"], "--jobs 0: expected at least 1"),
    ];
    for (args, expected) in cases {
        let err = fails(&p, &out, args);
        assert!(err.starts_with("groktop: error: "), "{args:?}: {err}");
        assert!(
            err.contains(expected),
            "{args:?}: expected {expected:?} in {err}"
        );
    }
    assert!(
        !out.exists(),
        "a refused command created the sweep directory"
    );
}

#[test]
fn a_sweep_dir_of_another_preset_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (
        common::tiny_grid(tmp.path(), "grid-a", 20, 10),
        common::tiny_grid(tmp.path(), "grid-b", 20, 10),
    );
    let out = tmp.path().join("sweep");
    let o = Command::new(BIN)
        .args([
            "sweep",
            a.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--cell",
            "0",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = fails(&b, &out, &["--cell", "1"]);
    assert!(
        err.contains("already holds a sweep of preset 'grid-a'") && err.contains("'grid-b'"),
        "{err}"
    );
    assert!(!out.join("cells").join("0001-n20-d12-L1-m0-s0").exists());
}

/// Editing a preset's prose (its description, what it measured) keeps its sweep directories:
/// the cells are the same. Editing a setting that changes the numbers is refused.
#[test]
fn a_sweep_dir_follows_its_presets_text_but_not_other_settings() {
    let tmp = tempfile::tempdir().unwrap();
    let p = common::tiny_grid(tmp.path(), "text-grid", 20, 10);
    let out = tmp.path().join("sweep");
    let sweep = |args: &[&str]| {
        Command::new(BIN)
            .args(["sweep", p.to_str().unwrap(), "--out", out.to_str().unwrap()])
            .args(args)
            .output()
            .unwrap()
    };
    assert!(sweep(&["--cell", "0"]).status.success());
    let text = std::fs::read_to_string(&p).unwrap();
    let edited = text.replace(
        "description: \"test\"",
        "description: \"a longer text\", measured: \"cell 0 ran\"",
    );
    assert_ne!(edited, text);
    std::fs::write(&p, &edited).unwrap();
    let o = sweep(&["--cell", "1"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::write(&p, edited.replace("modulus: 11", "modulus: 13")).unwrap();
    let err = fails(&p, &out, &["--cell", "2"]);
    assert!(
        err.contains("already holds a sweep of preset 'text-grid' with other settings"),
        "{err}"
    );
}

#[test]
fn list_prints_every_selected_cell() {
    let tmp = tempfile::tempdir().unwrap();
    let p = common::tiny_grid(tmp.path(), "list-grid", 20, 10);
    let out = tmp.path().join("sweep");
    let o = Command::new(BIN)
        .args(["sweep", p.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .args(["--list", "--shard", "1/2"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success());
    let cells: Vec<&str> = text
        .lines()
        .skip(1)
        .filter(|l| !l.contains("cells"))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| w.parse::<usize>().is_ok())
        .collect();
    assert_eq!(cells, ["1", "3"], "{text}");
    assert!(text.contains("2 of 4 cells"), "{text}");
    assert!(!out.exists(), "--list must not create the sweep directory");
}

/// `--list` of a directory that holds a sweep of other settings says why no cell's state is
/// shown, instead of a "-" on every line.
#[test]
fn list_of_a_directory_of_other_settings_says_why() {
    let tmp = tempfile::tempdir().unwrap();
    let p = common::tiny_grid(tmp.path(), "list-grid", 20, 10);
    let out = tmp.path().join("sweep");
    let run = |preset: &Path, args: &[&str]| {
        Command::new(BIN)
            .args(["sweep", preset.to_str().unwrap(), "--out"])
            .arg(&out)
            .args(args)
            .output()
            .unwrap()
    };
    assert!(run(&p, &["--cell", "0"]).status.success());
    let text = std::fs::read_to_string(&p).unwrap();
    let other = common::write(
        tmp.path(),
        "other.ron",
        &text.replace("steps: 20,", "steps: 40,"),
    );
    let o = run(&other, &["--list"]);
    let listed = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success());
    assert!(
        listed.contains("already holds a sweep of preset 'list-grid' with other settings")
            && listed.contains("no cell's state is shown"),
        "{listed}"
    );
}
