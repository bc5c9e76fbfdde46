//! `sweep --adopt OLD` where OLD is damaged or hostile: each source cell is checked on its
//! own and, when it cannot be trusted (a FIFO, a symlink, a writer holding its lock,
//! truncated or tampered files, no checkpoint, a sparse giant), skipped with a one-line
//! reason naming the source and trained instead. Nothing blocks, nothing outside the sweep is
//! read, and a failed adopt leaves nothing behind.

mod common;

use common::stderr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A 2 × 2 grid with two seeds: eight cells of well under a second each.
fn grid(root: &Path) -> PathBuf {
    let p = common::tiny_grid(root, "g", 60, 30);
    let text = fs::read_to_string(&p)
        .unwrap()
        .replace("description: \"test\",", "description: \"test\", seeds: 2,");
    fs::write(&p, text).unwrap();
    p
}

/// Runs groktop, failing the test (instead of hanging it) after two minutes.
fn groktop_within(cwd: &Path, args: &[&str]) -> Output {
    let mut child = common::spawn(cwd, args);
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("groktop {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn copy_tree(from: &Path, to: &Path) {
    let ok = Command::new("cp").arg("-a").arg(from).arg(to).status();
    assert!(ok.unwrap().success());
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

/// The cell directory of index `i` in `sweep`.
fn cell(sweep: &Path, i: usize) -> PathBuf {
    let prefix = format!("{i:04}-");
    fs::read_dir(sweep.join("cells"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with(&prefix)
        })
        .unwrap()
}

/// A trained source sweep `old` of the grid in `root`.
fn trained(root: &Path) -> PathBuf {
    let g = grid(root);
    let o = groktop_within(root, &["sweep", g.to_str().unwrap(), "--out", "old"]);
    assert!(o.status.success(), "{}", stderr(&o));
    root.join("old")
}

/// The line of `err` that says why the source cell `dir` was not adopted.
fn skip_line<'a>(err: &'a str, dir: &Path) -> &'a str {
    let name = dir.display().to_string();
    let line = err
        .lines()
        .find(|l| l.contains(&name))
        .unwrap_or_else(|| panic!("{name} not named: {err}"));
    assert!(
        line.starts_with("  ! not adopted, trained instead: "),
        "{line}"
    );
    line
}

/// `sweep g.ron --out OUT --adopt ROOT/FROM` (absolute, so that messages name it so).
fn adopt(root: &Path, from: &str, out: &str) -> (Output, String) {
    let from = root.join(from);
    let from = from.to_str().unwrap();
    let o = groktop_within(root, &["sweep", "g.ron", "--out", out, "--adopt", from]);
    let err = stderr(&o);
    (o, err)
}

#[test]
fn damaged_cells_are_each_skipped_with_a_reason_and_trained() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let old = trained(root);
    let bad = root.join("bad");
    copy_tree(&old, &bad);
    mkfifo(&cell(&bad, 0).join("fifo"));
    let _writer = groktop::record::DirLock::acquire(&cell(&bad, 1), "run directory").unwrap();
    let metrics = cell(&bad, 2).join("metrics.csv");
    let text = fs::read_to_string(&metrics).unwrap();
    let kept: Vec<&str> = text.lines().take(3).collect();
    fs::write(&metrics, kept.join("\n") + "\n").unwrap();
    let row_path = cell(&bad, 3).join("summary-row.csv");
    let mut rows = groktop::record::read_summary(&row_path).unwrap();
    rows[0].final_train_acc = 0.125;
    fs::write(&row_path, groktop::record::summary_text(&rows)).unwrap();
    fs::write(cell(&bad, 4).join("metrics.csv"), "").unwrap();
    fs::remove_dir_all(cell(&bad, 5).join("checkpoints")).unwrap();
    fs::create_dir(cell(&bad, 5).join("checkpoints")).unwrap();

    let (o, err) = adopt(root, "bad", "new");
    assert!(o.status.success(), "{err}");
    for (i, why) in [
        (0, "fifo: is a FIFO, not a regular file".to_string()),
        (1, format!("is being written by pid {}", std::process::id())),
        (2, "metrics.csv: ends at step 25, not at the 60".to_string()),
        (
            3,
            "summary-row.csv: column `final_train_acc` says 0.125".to_string(),
        ),
        (4, "metrics.csv: empty file".to_string()),
        (5, "has no usable checkpoint".to_string()),
    ] {
        let line = skip_line(&err, &cell(&bad, i));
        assert!(line.contains(&why), "cell {i}: {line}");
    }
    let adopted = format!("adopted 2 finished cell(s) of {}: 6, 7", bad.display());
    assert!(err.contains(&adopted), "{err}");
    assert!(err.contains("6 finished now, 2 before"), "{err}");
    assert!(!root.join("new/.adopting").exists());
    // What was trained equals what the damaged source should have held.
    let read = |dir: &Path| fs::read_to_string(dir.join("summary-row.csv")).unwrap();
    assert_eq!(read(&cell(&root.join("new"), 3)), read(&cell(&old, 3)));
}

#[test]
fn symlinks_are_never_followed_and_oversized_or_non_utf8_files_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let old = trained(root);
    let bad = root.join("bad");
    copy_tree(&old, &bad);
    std::os::unix::fs::symlink("..", cell(&bad, 0).join("loop")).unwrap();
    let outside = root.join("outside.csv");
    fs::rename(cell(&bad, 1).join("metrics.csv"), &outside).unwrap();
    std::os::unix::fs::symlink(&outside, cell(&bad, 1).join("metrics.csv")).unwrap();
    let row = cell(&bad, 2).join("summary-row.csv");
    let mut bytes = fs::read(&row).unwrap();
    bytes.extend_from_slice(b"\xff\xfe\n");
    fs::write(&row, bytes).unwrap();
    // A sparse file of 3 GB: no disk used, but no run writes such a checkpoint.
    let model = cell(&bad, 3).join("checkpoints/step-60/model.safetensors");
    fs::OpenOptions::new()
        .write(true)
        .open(&model)
        .unwrap()
        .set_len(3 << 30)
        .unwrap();
    // A cell directory that is a symlink to a good cell elsewhere.
    let link = cell(&bad, 4);
    fs::remove_dir_all(&link).unwrap();
    std::os::unix::fs::symlink(cell(&old, 4), &link).unwrap();

    let (o, err) = adopt(root, "bad", "new");
    assert!(o.status.success(), "{err}");
    for (i, why) in [
        (0, "loop: is a symbolic link: not followed"),
        (1, "metrics.csv: is a symbolic link: not followed"),
        (2, "summary-row.csv: is not UTF-8 text"),
        (3, "more than a run of its preset can write"),
        (4, "is a symbolic link: not followed"),
    ] {
        let line = skip_line(&err, &cell(&bad, i));
        assert!(line.contains(why), "cell {i}: {line}");
    }
    let adopted = format!("adopted 3 finished cell(s) of {}: 5, 6, 7", bad.display());
    assert!(err.contains(&adopted), "{err}");
    let size = |p: &Path| {
        walk(p)
            .iter()
            .map(|f| fs::symlink_metadata(f).unwrap().len())
            .sum::<u64>()
    };
    assert!(size(&root.join("new")) < 10 << 20, "nothing huge copied");
    assert!(
        walk(&root.join("new"))
            .iter()
            .all(|f| !fs::symlink_metadata(f).unwrap().file_type().is_symlink()),
        "no symlink copied"
    );
}

/// Every file under `dir`, without following symlinks.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if e.file_type().unwrap().is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn a_source_that_is_no_sweep_fails_without_blocking_or_creating_anything() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    grid(root);
    let fifo = root.join("fifo-sweep");
    fs::create_dir_all(fifo.join("cells")).unwrap();
    mkfifo(&fifo.join("sweep.ron"));
    let linked = root.join("linked-cells");
    fs::create_dir(&linked).unwrap();
    fs::copy(root.join("g.ron"), linked.join("sweep.ron")).unwrap();
    std::os::unix::fs::symlink(root, linked.join("cells")).unwrap();
    for (from, why) in [
        (
            "missing",
            "missing: not a sweep directory (sweep.ron is missing)",
        ),
        ("fifo-sweep", "sweep.ron: is a FIFO, not a regular file"),
        ("linked-cells", "cells: is a symbolic link: not followed"),
    ] {
        let (o, err) = adopt(root, from, "new");
        assert!(!o.status.success(), "{from}: {err}");
        assert!(err.contains(why), "{from}: {err}");
        assert!(
            !root.join("new").exists(),
            "{from}: the target was left behind"
        );
    }
}
