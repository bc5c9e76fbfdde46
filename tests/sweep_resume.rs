//! Interrupting and re-running a sweep loses no finished cell and repeats none: a cell run on
//! its own (`--cell 0`) is skipped by the whole sweep, and a sweep stopped with SIGINT
//! (Ctrl-C) resumes its stopped cells from their checkpoints.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

const BIN: &str = env!("CARGO_BIN_EXE_groktop");

fn sweep(preset: &Path, out: &Path, extra: &[&str]) -> Output {
    Command::new(BIN)
        .args([
            "sweep",
            preset.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .args(extra)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

fn cell_dirs(out: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(out.join("cells"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    v.sort();
    v
}

fn mtime(p: &Path) -> SystemTime {
    std::fs::metadata(p).unwrap().modified().unwrap()
}

/// (cell dir, mtime of summary-row.csv, metrics.csv text) for each finished cell.
fn finished(out: &Path) -> Vec<(PathBuf, SystemTime, String)> {
    cell_dirs(out)
        .into_iter()
        .filter(|d| d.join("summary-row.csv").is_file())
        .map(|d| {
            let t = mtime(&d.join("summary-row.csv"));
            let m = std::fs::read_to_string(d.join("metrics.csv")).unwrap();
            (d, t, m)
        })
        .collect()
}

fn summary_cells(out: &Path) -> Vec<u64> {
    groktop::report::read_summary(out.join("summary.csv"))
        .unwrap()
        .iter()
        .map(|r| r.cell)
        .collect()
}

#[test]
fn a_cell_run_alone_is_not_repeated_by_the_whole_sweep() {
    let tmp = tempfile::tempdir().unwrap();
    let preset = common::tiny_grid(tmp.path(), "resume-grid", 100, 50);
    let out = tmp.path().join("sweep");

    let o = sweep(&preset, &out, &["--cell", "0"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(summary_cells(&out), vec![0]);
    let before = finished(&out);
    assert_eq!(before.len(), 1);
    // Make a rewrite visible even on coarse-mtime file systems.
    std::thread::sleep(Duration::from_millis(1100));

    let o = sweep(&preset, &out, &[]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("1 finished before, 3 to run"), "{err}");
    assert!(!err.contains("cell 0000 n40"), "cell 0 ran again:\n{err}");
    assert_eq!(summary_cells(&out), vec![0, 1, 2, 3]);
    let after = finished(&out);
    assert_eq!(after.len(), 4);
    assert_eq!(after[0], before[0], "cell 0's row or metrics changed");

    // A third run has nothing to do and touches no cell.
    let o = sweep(&preset, &out, &[]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("4 finished before, 0 to run"), "{err}");
    assert_eq!(finished(&out), after);
}

#[test]
fn sigint_stops_with_checkpoints_and_a_rerun_resumes_without_repeating() {
    let tmp = tempfile::tempdir().unwrap();
    // Long enough to be caught mid-run, checkpoints often so there is one to stop after.
    let preset = common::tiny_grid(tmp.path(), "resume-grid", 4000, 100);
    let out = tmp.path().join("sweep");
    let child = Command::new(BIN)
        .args([
            "sweep",
            preset.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .args(["--jobs", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait for the first checkpoint of the first cell, then press Ctrl-C.
    let first_ckpt = || {
        out.join("cells")
            .read_dir()
            .into_iter()
            .flatten()
            .flatten()
            .any(|d| {
                d.path()
                    .join("checkpoints")
                    .read_dir()
                    .is_ok_and(|mut r| r.next().is_some())
            })
    };
    let start = Instant::now();
    while !first_ckpt() {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no checkpoint after 2 min"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let o = child.wait_with_output().unwrap();
    let err = stderr(&o);
    assert_eq!(
        o.status.code(),
        Some(130),
        "expected exit 130 after Ctrl-C:\n{err}"
    );
    assert!(err.contains("stopped at step"), "{err}");
    let done_before = finished(&out);
    assert!(
        done_before.len() < 4,
        "the sweep finished before the interrupt:\n{err}"
    );
    // The stopped cell has a checkpoint and no row.
    let stopped: Vec<PathBuf> = cell_dirs(&out)
        .into_iter()
        .filter(|d| !d.join("summary-row.csv").exists())
        .collect();
    assert!(!stopped.is_empty());
    std::thread::sleep(Duration::from_millis(1100));

    let o = sweep(&preset, &out, &["--jobs", "1"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("resuming from step"), "{err}");
    assert!(
        err.contains(&format!("{} finished before", done_before.len())),
        "{err}"
    );
    assert_eq!(summary_cells(&out), vec![0, 1, 2, 3]);
    let after = finished(&out);
    for b in &done_before {
        assert!(
            after.contains(b),
            "finished cell {} was touched",
            b.0.display()
        );
    }
    // Every cell's metrics: each evaluated step once, in order, up to the end.
    for d in cell_dirs(&out) {
        let text = std::fs::read_to_string(d.join("metrics.csv")).unwrap();
        let steps: Vec<u64> = text
            .lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap().parse().unwrap())
            .collect();
        assert!(
            steps.windows(2).all(|w| w[0] < w[1]),
            "{}: {steps:?}",
            d.display()
        );
        assert_eq!(steps.last(), Some(&4000), "{}", d.display());
    }
}

/// `--list` reads a cell's state from its lock: while a live process writes it, "running at
/// step N (pid P …)" naming that process; once the process is gone (SIGKILL: no chance to
/// clean up), "stopped at step N", never "running" or "not started".
#[test]
fn list_names_a_live_writer_and_a_killed_one_as_stopped() {
    let tmp = tempfile::tempdir().unwrap();
    let preset = common::tiny_grid(tmp.path(), "list-grid", 20_000, 100);
    let out = tmp.path().join("sweep");
    let list = || {
        let o = sweep(&preset, &out, &["--list"]);
        assert!(o.status.success(), "{}", stderr(&o));
        String::from_utf8_lossy(&o.stdout).to_string()
    };
    let mut child = Command::new(BIN)
        .args([
            "sweep",
            preset.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .args(["--jobs", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let writer = format!("(pid {} on host", child.id());
    let start = Instant::now();
    let live = loop {
        let text = list();
        if text.contains("running at step") && text.contains(&writer) {
            break text;
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no cell listed as running by pid {} after 2 min:\n{text}",
            child.id()
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(
        live.contains("not started"),
        "one cell at a time (--jobs 1):\n{live}"
    );
    child.kill().unwrap();
    child.wait().unwrap();
    let after = list();
    assert!(
        !after.contains("running"),
        "a dead writer is not running:\n{after}"
    );
    assert!(after.contains("stopped at step"), "{after}");
}

/// `--list` learns from the sweep's own finished cells: before any, the cost model with no
/// claim to know this machine; after one, every estimate is that model times what the
/// finished cell measured, and the footer says what is left and how it was learned.
#[test]
fn list_learns_its_estimates_from_the_finished_cells() {
    let tmp = tempfile::tempdir().unwrap();
    let preset = common::tiny_grid(tmp.path(), "learn-grid", 200, 100);
    let out = tmp.path().join("sweep");
    let list = |extra: &[&str]| {
        let o = sweep(&preset, &out, &[&["--list"], extra].concat());
        assert!(o.status.success(), "{}", stderr(&o));
        String::from_utf8_lossy(&o.stdout).to_string()
    };
    let before = list(&[]);
    assert!(
        before.contains("4 of 4 cells,")
            && before.contains("cost model: 2 threads on a quiet machine"),
        "{before}"
    );
    assert!(sweep(&preset, &out, &["--cell", "0"]).status.success());
    let after = list(&["--jobs", "2"]);
    let footer = after.lines().last().unwrap();
    assert!(
        footer.starts_with("4 of 4 cells: 1 finished, 3 to go, about ")
            && footer.contains("with 2 at a time (learned from 1 finished cell here: "),
        "{after}"
    );
    let timings = std::fs::read_to_string(out.join("timings.csv")).unwrap();
    assert_eq!(timings.lines().count(), 2, "{timings}");
}
