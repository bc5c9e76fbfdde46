//! One writer per run, signals, divergence and size checks, through the real binary.

mod common;

use common::{groktop, spawn, stderr, stdout, tiny_preset_text, write};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

fn signal(child: &Child, sig: &str) {
    let ok = Command::new("kill")
        .args([&format!("-{sig}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
}

/// Waits (at most a minute) for `cond`.
fn wait_for(what: &str, cond: impl Fn() -> bool) {
    let start = Instant::now();
    while !cond() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "timed out: {what}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// metrics.csv without its timing columns (steps_per_sec, elapsed_s).
fn rows_without_timing(run: &Path) -> Vec<String> {
    let text = fs::read_to_string(run.join("metrics.csv")).unwrap();
    text.lines()
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            [&f[..6], &f[8..]].concat().join(",")
        })
        .collect()
}

fn last_checkpoint(run: &Path) -> Option<u64> {
    groktop::record::RunDir::open(run)
        .ok()?
        .latest_usable()
        .0
        .map(|(c, _)| c.step)
}

#[test]
fn a_second_writer_is_refused_and_sigterm_stops_with_a_checkpoint_that_resumes_exactly() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "p.ron",
        &tiny_preset_text(11, 60, 8, 3000, 10, 1000),
    );
    let straight = groktop(tmp.path(), &["run", "p.ron", "--out", "straight"]);
    assert!(straight.status.success(), "{}", stderr(&straight));

    let run = tmp.path().join("r");
    let child = spawn(tmp.path(), &["run", "p.ron", "--out", "r"]);
    wait_for("the first evaluations", || {
        fs::read_to_string(run.join("metrics.csv")).is_ok_and(|t| t.lines().count() > 20)
    });
    for args in [&["resume", "r"][..], &["run", "p.ron", "--out", "r"]] {
        let out = groktop(tmp.path(), args);
        assert!(!out.status.success(), "{args:?} ran beside the writer");
        let err = stderr(&out);
        assert!(
            err.contains(&format!("being written by pid {}", child.id())),
            "{args:?}: {err}"
        );
    }
    signal(&child, "TERM");
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(130), "{err}");
    let stopped = last_checkpoint(&run).expect("a checkpoint at the stop");
    assert!(
        stdout(&out).contains(&format!(
            "stopped at step {}",
            groktop::human::steps(stopped)
        )),
        "{}",
        stdout(&out)
    );
    assert!(stopped < 3000, "the run ended before the signal");

    let out = groktop(tmp.path(), &["resume", "r"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        rows_without_timing(&run),
        rows_without_timing(&tmp.path().join("straight")),
        "a stopped and resumed run differs from an uninterrupted one"
    );
}

#[test]
fn a_stop_in_the_first_instants_leaves_a_resumable_or_reusable_directory() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "p.ron",
        &tiny_preset_text(11, 60, 8, 200, 10, 100),
    );
    for (delay_ms, sig) in [(0u64, "INT"), (5, "HUP"), (30, "TERM")] {
        let out_dir = format!("r{delay_ms}");
        let child = spawn(tmp.path(), &["run", "p.ron", "--out", &out_dir]);
        std::thread::sleep(Duration::from_millis(delay_ms));
        signal(&child, sig);
        let out = child.wait_with_output().unwrap();
        let run = tmp.path().join(&out_dir);
        let next = if last_checkpoint(&run).is_some() {
            groktop(tmp.path(), &["resume", &out_dir])
        } else {
            // Stopped before it could write anything worth keeping: `run --out` reuses it.
            groktop(tmp.path(), &["run", "p.ron", "--out", &out_dir])
        };
        assert!(
            next.status.success(),
            "after a stop at {delay_ms} ms ({}): {}",
            stderr(&out),
            stderr(&next)
        );
    }
}

#[test]
fn two_sweeps_into_one_directory_train_every_cell_exactly_once() {
    let tmp = tempfile::tempdir().unwrap();
    let preset = common::tiny_grid(tmp.path(), "shared", 300, 100);
    let out = tmp.path().join("sweep");
    let args = [
        "sweep",
        preset.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--jobs",
        "1",
    ];
    let a = spawn(tmp.path(), &args);
    let b = spawn(tmp.path(), &args);
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert!(a.status.success(), "{}", stderr(&a));
    assert!(b.status.success(), "{}", stderr(&b));
    let finished_now = |o: &std::process::Output| -> usize {
        let err = stderr(o);
        err.lines()
            .filter(|l| l.trim_start().starts_with("✓ cell"))
            .count()
    };
    assert_eq!(
        finished_now(&a) + finished_now(&b),
        4,
        "{}\n{}",
        stderr(&a),
        stderr(&b)
    );
    let rows = groktop::report::read_summary(out.join("summary.csv")).unwrap();
    assert_eq!(
        rows.iter().map(|r| r.cell).collect::<Vec<_>>(),
        [0, 1, 2, 3]
    );
    for cell in fs::read_dir(out.join("cells")).unwrap().flatten() {
        let table = groktop::record::read_metrics(&cell.path().join("metrics.csv")).unwrap();
        let steps: Vec<u64> = table.rows.iter().map(|m| m.step).collect();
        let expected: Vec<u64> = (0..=300).step_by(25).collect();
        assert_eq!(steps, expected, "{}", cell.path().display());
    }
}

fn diverging_preset(dir: &Path) -> PathBuf {
    write(
        dir,
        "lr10.ron",
        &tiny_preset_text(11, 60, 8, 300, 10, 20).replace("lr: 3e-3", "lr: 10.0"),
    )
}

#[test]
fn a_diverging_run_stops_says_where_and_analyze_reads_it() {
    let tmp = tempfile::tempdir().unwrap();
    diverging_preset(tmp.path());
    let out = groktop(tmp.path(), &["run", "lr10.ron", "--out", "r"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    let line = err
        .lines()
        .find(|l| l.starts_with("groktop: error:"))
        .unwrap();
    assert!(line.contains("diverged: "), "{line}");
    assert!(line.contains("became NaN or infinite at step"), "{line}");
    assert!(
        line.contains("the last finite checkpoint is step")
            || line.contains("no checkpoint was written"),
        "{line}"
    );
    let run = tmp.path().join("r");
    let log = groktop::record::RunDir::open(&run)
        .unwrap()
        .events()
        .unwrap();
    assert_eq!(log.verdict.unwrap().0, groktop::analysis::Phase::Diverged);
    // No checkpoint holds non-finite weights.
    let dir = groktop::record::RunDir::open(&run).unwrap();
    for cp in dir.checkpoints() {
        let state = cp.read_state().unwrap();
        assert!(state.history.iter().all(|m| m.non_finite().is_none()));
    }
    let out = groktop(tmp.path(), &["analyze", "r/metrics.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("phase: diverged"), "{}", stdout(&out));
}

#[test]
fn a_sweep_with_a_failed_cell_exits_non_zero() {
    let tmp = tempfile::tempdir().unwrap();
    let preset = common::tiny_grid(tmp.path(), "bad", 200, 100);
    let text = fs::read_to_string(&preset).unwrap();
    fs::write(
        &preset,
        text.replace(
            "model: (d_model: 8)",
            "model: (d_model: 8), optimizer: (lr: 10.0)",
        ),
    )
    .unwrap();
    let out = groktop(
        tmp.path(),
        &[
            "sweep",
            preset.to_str().unwrap(),
            "--out",
            "s",
            "--cell",
            "0",
        ],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("1 cell(s) failed"),
        "{}",
        stderr(&out)
    );
    let list = groktop(
        tmp.path(),
        &["sweep", preset.to_str().unwrap(), "--out", "s", "--list"],
    );
    assert!(
        stdout(&list).contains("failed: diverged"),
        "{}",
        stdout(&list)
    );
}

#[test]
fn impossible_sizes_are_refused_before_anything_is_allocated() {
    let tmp = tempfile::tempdir().unwrap();
    let base = tiny_preset_text(11, 60, 8, 10, 5, 5);
    let cases = [
        (
            "model: (d_model: 8)",
            "model: (d_model: 100000)",
            "needs about",
        ),
        (
            "model: (d_model: 8)",
            "model: (d_model: 8, mlp_ratio: 1000000000000000000)",
            "too large to count",
        ),
        (
            "training:",
            "seeds: 4294967295, training:",
            "more than 100000 runs",
        ),
        (
            "training:",
            "seed: 18446744073709551615, seeds: 2, training:",
            "past the largest seed",
        ),
    ];
    for (from, to, needle) in cases {
        let text = base.replace(from, to);
        assert_ne!(text, base);
        write(tmp.path(), "p.ron", &text);
        let out = groktop(tmp.path(), &["run", "p.ron", "--out", "r"]);
        assert!(!out.status.success(), "{to}");
        let err = stderr(&out);
        assert!(err.contains(needle), "{to}: {err}");
        if needle == "needs about" {
            assert!(err.contains("this machine has"), "{err}");
        }
        let _ = fs::remove_dir_all(tmp.path().join("r"));
    }
    let out = groktop(tmp.path(), &["bench", "--dims", "0"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--dims 0"), "{}", stderr(&out));
}

#[test]
fn analyze_refuses_impossible_accuracies_and_unordered_steps() {
    let tmp = tempfile::tempdir().unwrap();
    for (text, needle) in [
        (
            "step,train_acc,param_norm\n0,5.0,3\n",
            "5 is not an accuracy",
        ),
        (
            "step,train_acc,param_norm\n10,0.5,3\n5,0.5,3\n",
            "step 5 comes after step 10",
        ),
        (
            "step,train_acc,param_norm\n10,0.5,3\n10,0.5,3\n",
            "step 10 repeats",
        ),
    ] {
        write(tmp.path(), "m.csv", text);
        let out = groktop(tmp.path(), &["analyze", "m.csv"]);
        assert!(!out.status.success(), "{text}");
        assert!(stderr(&out).contains(needle), "{}", stderr(&out));
    }
}
