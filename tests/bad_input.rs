//! Bad input from the command line: each case is one clear line naming what is wrong, a
//! non-zero exit, and nothing overwritten.

mod common;

use common::{groktop, stderr, tiny_preset_text, write};
use std::fs;

fn fails_with(out: &std::process::Output, needle: &str) {
    assert!(
        !out.status.success(),
        "expected failure, got success: {}",
        stderr(out)
    );
    let err = stderr(out);
    let line = err
        .lines()
        .find(|l| l.starts_with("groktop: error:"))
        .unwrap_or_else(|| panic!("no error line in {err:?}"));
    assert!(
        line.contains(needle),
        "error line {line:?} does not mention {needle:?}"
    );
}

#[test]
fn unknown_preset_name_lists_the_known_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let out = groktop(tmp.path(), &["run", "no-such-preset"]);
    fails_with(&out, "unknown preset 'no-such-preset'");
    fails_with(&out, "grokking");
}

#[test]
fn malformed_preset_names_file_line_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "bad.ron",
        "(name: \"x\",\n  title: \"t\",\n  lerning_rate: 3,\n)",
    );
    let out = groktop(tmp.path(), &["run", "bad.ron"]);
    fails_with(&out, "bad.ron:3:");
    fails_with(&out, "lerning_rate");
}

fn inconsistent(replace: (&str, &str), needle: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let text = tiny_preset_text(11, 60, 8, 10, 5, 5).replace(replace.0, replace.1);
    assert_ne!(
        text,
        tiny_preset_text(11, 60, 8, 10, 5, 5),
        "replacement applied"
    );
    write(tmp.path(), "p.ron", &text);
    let out = groktop(tmp.path(), &["run", "p.ron"]);
    fails_with(&out, needle);
    fails_with(&out, "p.ron:");
    assert!(
        !tmp.path().join("runs").exists(),
        "nothing written for an invalid preset"
    );
}

#[test]
fn n_train_larger_than_all_pairs() {
    inconsistent(
        ("n_train: 60", "n_train: 200"),
        "task.n_train: expected between 1 and P² = 121",
    );
}

#[test]
fn d_model_not_divisible_by_heads() {
    inconsistent(
        ("d_model: 8", "d_model: 10"),
        "model.d_model: expected a positive d_model divisible by n_heads = 4, got 10",
    );
}

#[test]
fn modulus_below_two() {
    inconsistent(
        ("modulus: 11", "modulus: 1"),
        "task.modulus: expected a modulus P of at least 2, got 1",
    );
}

#[test]
fn negative_learning_rate() {
    inconsistent(
        ("lr: 3e-3", "lr: -3e-3"),
        "optimizer.lr: expected a positive learning rate, got -0.003",
    );
}

#[test]
fn resume_of_a_missing_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let out = groktop(tmp.path(), &["resume", "nowhere"]);
    fails_with(&out, "nowhere: no such run directory");
}

#[test]
fn resume_of_a_directory_that_is_not_a_run() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir(tmp.path().join("empty")).unwrap();
    let out = groktop(tmp.path(), &["resume", "empty"]);
    fails_with(&out, "not a run directory (preset.ron is missing)");
}

/// Trains a tiny run to its end in `dir` and returns the final checkpoint's directory.
fn finished_run(cwd: &std::path::Path, dir: &str, d: usize) -> std::path::PathBuf {
    write(
        cwd,
        &format!("{dir}.ron"),
        &tiny_preset_text(11, 60, d, 20, 10, 10),
    );
    let out = groktop(cwd, &["run", &format!("{dir}.ron"), "--out", dir]);
    assert!(out.status.success(), "{}", stderr(&out));
    cwd.join(dir).join("checkpoints/step-20")
}

#[test]
fn resume_skips_a_damaged_checkpoint_for_the_newest_intact_one() {
    let tmp = tempfile::tempdir().unwrap();
    let ckpt = finished_run(tmp.path(), "r", 8);
    finished_run(tmp.path(), "straight", 8);
    fs::write(ckpt.join("model.safetensors"), b"not a safetensors file").unwrap();
    let out = groktop(tmp.path(), &["resume", "r"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("skipped a checkpoint: r/checkpoints/step-20/model.safetensors: damaged safetensors file"),
        "{err}"
    );
    assert!(err.contains("newest intact checkpoint, step 10"), "{err}");
    // Retrained from step 10, the run ends where an undamaged one did.
    let read = |d: &str| {
        fs::read(
            tmp.path()
                .join(d)
                .join("checkpoints/step-20/model.safetensors"),
        )
    };
    assert_eq!(read("r").unwrap(), read("straight").unwrap());
}

/// A checkpoint's tensor file that is a FIFO (an open would block for good) or far larger than
/// the model (a sparse file of a gigabyte) is refused with its name, at once.
#[test]
fn resume_refuses_a_fifo_or_an_oversized_tensor_file_without_blocking() {
    let tmp = tempfile::tempdir().unwrap();
    let newest = finished_run(tmp.path(), "r", 8);
    let fifo = newest.join("model.safetensors");
    fs::remove_file(&fifo).unwrap();
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
    let sparse = newest
        .with_file_name("step-10")
        .join("optimizer.safetensors");
    fs::File::options()
        .write(true)
        .open(&sparse)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    let mut child = common::spawn(tmp.path(), &["resume", "r", "--steps", "40"]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("resume blocked on a checkpoint file for a minute");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    fails_with(&out, "no checkpoint to resume from (none is usable");
    fails_with(
        &out,
        "r/checkpoints/step-20/model.safetensors: is a FIFO, not a regular file",
    );
    fails_with(
        &out,
        "r/checkpoints/step-10/optimizer.safetensors: holds 1073741824 bytes",
    );
}

#[test]
fn resume_refuses_when_no_checkpoint_is_usable() {
    let tmp = tempfile::tempdir().unwrap();
    let ours = finished_run(tmp.path(), "small", 8);
    let other = finished_run(tmp.path(), "wide", 12);
    fs::remove_dir_all(ours.with_file_name("step-10")).unwrap();
    for f in ["model.safetensors", "optimizer.safetensors", "state.ron"] {
        fs::copy(other.join(f), ours.join(f)).unwrap();
    }
    let metrics_before = fs::read(tmp.path().join("small/metrics.csv")).unwrap();
    let out = groktop(tmp.path(), &["resume", "small", "--steps", "40"]);
    fails_with(&out, "no checkpoint to resume from (none is usable");
    fails_with(&out, "checkpoint is for another model (d_model 12");
    assert_eq!(
        fs::read(tmp.path().join("small/metrics.csv")).unwrap(),
        metrics_before
    );
}

/// Rewrites the `shards` line of every checkpoint's `state.ron` next to `ckpt` (`None`
/// removes it).
fn set_shards(ckpt: &std::path::Path, shards: Option<&str>) {
    for step in ["step-10", "step-20"] {
        let path = ckpt.with_file_name(step).join("state.ron");
        let text = fs::read_to_string(&path).unwrap();
        let line = "    shards: Some(1),\n";
        assert!(text.contains(line), "{text}");
        let new_line = shards.map_or(String::new(), |v| format!("    shards: Some({v}),\n"));
        fs::write(&path, text.replace(line, &new_line)).unwrap();
    }
}

#[test]
fn resume_refuses_a_checkpoint_trained_with_another_shard_count() {
    let tmp = tempfile::tempdir().unwrap();
    let ckpt = finished_run(tmp.path(), "r", 8);
    set_shards(&ckpt, Some("2"));
    let out = groktop(tmp.path(), &["resume", "r", "--steps", "40"]);
    fails_with(
        &out,
        "state.ron: checkpoint was trained with each step split into 2 shard(s), but this build splits this run into 1",
    );
}

#[test]
fn resume_reads_a_checkpoint_written_before_the_shard_count_was_recorded() {
    let tmp = tempfile::tempdir().unwrap();
    let ckpt = finished_run(tmp.path(), "r", 8);
    set_shards(&ckpt, None);
    let out = groktop(tmp.path(), &["resume", "r", "--steps", "40"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let state = fs::read_to_string(tmp.path().join("r/checkpoints/step-40/state.ron")).unwrap();
    assert!(state.contains("    shards: Some(1),\n"), "{state}");
}

#[test]
fn run_refuses_to_overwrite_an_existing_run() {
    let tmp = tempfile::tempdir().unwrap();
    finished_run(tmp.path(), "r", 8);
    let before = fs::read(tmp.path().join("r/metrics.csv")).unwrap();
    let out = groktop(tmp.path(), &["run", "r.ron", "--out", "r"]);
    fails_with(&out, "already holds a run");
    assert_eq!(fs::read(tmp.path().join("r/metrics.csv")).unwrap(), before);
}

#[test]
fn resume_cannot_go_backwards() {
    let tmp = tempfile::tempdir().unwrap();
    finished_run(tmp.path(), "r", 8);
    let out = groktop(tmp.path(), &["resume", "r", "--steps", "10"]);
    fails_with(&out, "already at step 20");
}
