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

    let out = groktop(tmp.path(), &["resume", "r", "--extend", "30"]);
    ok(&out);
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
