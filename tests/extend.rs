//! Extending a finished run: `groktop resume DIR --extend N` trains N steps past its end in
//! the same directory, exactly as a run that had been given the steps from the start, with
//! its metrics and events continuing and one verdict, made again, at the end.

mod common;

use common::{groktop, stderr, stdout, tiny_preset_text, write};
use std::path::Path;

fn steps_in_metrics(dir: &Path) -> Vec<u64> {
    let text = std::fs::read_to_string(dir.join("metrics.csv")).unwrap();
    text.lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().parse().unwrap())
        .collect()
}

fn final_lines(dir: &Path) -> usize {
    let text = std::fs::read_to_string(dir.join("events.log")).unwrap();
    text.lines().filter(|l| l.starts_with("final\t")).count()
}

#[test]
fn extend_continues_a_finished_run_as_if_it_had_been_given_the_steps() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "short.ron",
        &tiny_preset_text(11, 60, 8, 40, 10, 1000),
    );
    write(
        tmp.path(),
        "long.ron",
        &tiny_preset_text(11, 60, 8, 70, 10, 1000),
    );
    let ok = |o: &std::process::Output| assert!(o.status.success(), "{}", stderr(o));
    ok(&groktop(tmp.path(), &["run", "short.ron", "--out", "r"]));
    ok(&groktop(tmp.path(), &["run", "long.ron", "--out", "whole"]));
    let r = tmp.path().join("r");
    assert_eq!(final_lines(&r), 1);

    let timings = || std::fs::read_to_string(tmp.path().join("timings.csv")).unwrap();
    assert_eq!(
        timings().lines().count(),
        3,
        "a header and the two whole runs"
    );
    let out = groktop(tmp.path(), &["resume", "r", "--extend", "30"]);
    ok(&out);
    assert_eq!(
        timings().lines().count(),
        3,
        "an extension is no whole run: estimates do not learn from it"
    );
    assert!(stdout(&out).contains("step 70"), "{}", stdout(&out));
    let steps = steps_in_metrics(&r);
    assert_eq!(
        steps,
        (0..=70).step_by(10).collect::<Vec<u64>>(),
        "one row per step"
    );
    assert_eq!(
        final_lines(&r),
        1,
        "the old verdict is replaced, not repeated"
    );
    let preset = std::fs::read_to_string(r.join("preset.ron")).unwrap();
    assert!(preset.contains("steps: 70"), "{preset}");
    let weights = |d: &str| {
        std::fs::read(
            tmp.path()
                .join(d)
                .join("checkpoints/step-70/model.safetensors"),
        )
        .unwrap()
    };
    assert_eq!(
        weights("r"),
        weights("whole"),
        "extended ≠ trained that long"
    );

    // Again, from the new end.
    ok(&groktop(tmp.path(), &["resume", "r", "--extend", "10"]));
    assert_eq!(steps_in_metrics(&r).last(), Some(&80));
    assert_eq!(final_lines(&r), 1);
}

#[test]
fn extend_refuses_zero_and_steps_together() {
    let tmp = tempfile::tempdir().unwrap();
    let zero = groktop(tmp.path(), &["resume", "r", "--extend", "0"]);
    assert!(!zero.status.success());
    assert!(stderr(&zero).contains("'0'"), "{}", stderr(&zero));
    let both = groktop(
        tmp.path(),
        &["resume", "r", "--extend", "5", "--steps", "9"],
    );
    assert!(!both.status.success());
    assert!(stderr(&both).contains("--steps"), "{}", stderr(&both));
}

/// A run stopped at step 130 of a 400-step plan, extended by 20: it trains to 420, the plan
/// plus 20, and says so; extending never cuts a plan short (it used to end at 150).
#[test]
fn extend_adds_to_the_plan_of_a_stopped_run() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "p.ron",
        &tiny_preset_text(11, 60, 8, 400, 10, 1000),
    );
    let ok = |o: &std::process::Output| assert!(o.status.success(), "{}", stderr(o));
    ok(&groktop(
        tmp.path(),
        &["run", "p.ron", "--out", "r", "--steps", "130"],
    ));
    // As a run of 400 steps stopped at 130 leaves it: its plan, a checkpoint at 130.
    let r = tmp.path().join("r");
    let preset = std::fs::read_to_string(r.join("preset.ron")).unwrap();
    std::fs::write(
        r.join("preset.ron"),
        preset.replace("steps: 130,", "steps: 400,"),
    )
    .unwrap();

    let out = groktop(tmp.path(), &["resume", "r", "--extend", "20"]);
    ok(&out);
    assert!(
        stderr(&out).contains("extended by 20 steps: 420 in all (the plan was 400, the last checkpoint is at step 130)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(steps_in_metrics(&r).last(), Some(&420));
    let preset = std::fs::read_to_string(r.join("preset.ron")).unwrap();
    assert!(preset.contains("steps: 420,"), "{preset}");
}

/// A sweep cell is the grid's: extending it alone is refused with what to do instead, and
/// a cell whose preset.ron no longer matches the grid (edited, or extended by an older
/// groktop) is named by `sweep` and `report`.
#[test]
fn a_sweep_cell_is_not_extended_alone_and_a_changed_cell_is_noticed() {
    let tmp = tempfile::tempdir().unwrap();
    let grid = common::tiny_grid(tmp.path(), "g", 60, 30);
    let grid = grid.to_str().unwrap();
    let ok = |o: &std::process::Output| assert!(o.status.success(), "{}", stderr(o));
    ok(&groktop(tmp.path(), &["sweep", grid, "--out", "s"]));
    let cell = "s/cells/0000-n40-d8-L1-m0-s0";
    let row = std::fs::read_to_string(tmp.path().join(cell).join("summary-row.csv")).unwrap();

    let out = groktop(tmp.path(), &["resume", cell, "--extend", "30"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("is a cell of the sweep"), "{err}");
    assert!(
        err.contains("groktop sweep LONGER.ron --out NEW_DIR"),
        "{err}"
    );
    assert_eq!(steps_in_metrics(&tmp.path().join(cell)).last(), Some(&60));
    assert_eq!(
        std::fs::read_to_string(tmp.path().join(cell).join("summary-row.csv")).unwrap(),
        row
    );
    // Plain resume of a finished cell (no new total) stays allowed.
    ok(&groktop(tmp.path(), &["resume", cell]));

    let preset = tmp.path().join(cell).join("preset.ron");
    let text = std::fs::read_to_string(&preset).unwrap();
    std::fs::write(&preset, text.replace("steps: 60,", "steps: 90,")).unwrap();
    let why =
        "not the grid's cell 0: its preset.ron has `steps: 90` where sweep.ron gives `steps: 60`";
    let report = groktop(tmp.path(), &["report", "s"]);
    assert!(stderr(&report).contains(why), "{}", stderr(&report));
    let sweep = groktop(tmp.path(), &["sweep", grid, "--out", "s"]);
    assert!(stderr(&sweep).contains(why), "{}", stderr(&sweep));
}
