//! Run directories written by earlier versions still open: `state.ron` histories that say
//! `elapsed_secs`, `events.log` kinds written as Rust's `{:?}` names, no lock file.

mod common;

use common::{groktop, stderr, tiny_preset_text, write};
use groktop::analysis::EventKind;
use groktop::record::{RunDir, run_entry};
use std::fs;
use std::path::Path;

/// Rewrites a run directory as versions before `record` left it.
fn make_old(run: &Path) {
    let _ = fs::remove_file(run.join(".lock"));
    for cp in fs::read_dir(run.join("checkpoints")).unwrap().flatten() {
        let state = cp.path().join("state.ron");
        let text = fs::read_to_string(&state).unwrap();
        assert!(text.contains("elapsed_s:"));
        fs::write(&state, text.replace("elapsed_s:", "elapsed_secs:")).unwrap();
    }
    let log = fs::read_to_string(run.join("events.log")).unwrap();
    let old: String = log
        .lines()
        .map(|l| {
            let mut l = l.to_string();
            for k in EventKind::ALL {
                l = l.replace(&format!("\t{}\t", k.label()), &format!("\t{k:?}\t"));
            }
            format!("{l}\n")
        })
        .collect();
    fs::write(run.join("events.log"), old).unwrap();
}

#[test]
fn an_old_run_directory_lists_reads_and_resumes() {
    let tmp = tempfile::tempdir().unwrap();
    // Fast and memorizing: events happen within 300 steps.
    let text = tiny_preset_text(11, 60, 16, 300, 10, 100).replace("lr: 3e-3", "lr: 1e-2");
    write(tmp.path(), "p.ron", &text);
    let out = groktop(tmp.path(), &["run", "p.ron", "--out", "runs/old"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let run = tmp.path().join("runs/old");
    let events_before = RunDir::open(&run).unwrap().events().unwrap();
    assert!(
        !events_before.events.is_empty(),
        "the run should have had a phase event"
    );
    make_old(&run);

    let dir = RunDir::open(&run).unwrap();
    assert_eq!(dir.events().unwrap(), events_before);
    assert_eq!(dir.metrics().unwrap().rows.last().unwrap().step, 300);
    let (usable, skipped) = dir.latest_usable();
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(usable.unwrap().0.step, 300);
    let listed = run_entry(&dir);
    assert_eq!(listed.checkpoint, Some(300));
    assert_eq!(listed.writer, None);

    let out = groktop(tmp.path(), &["resume", "runs/old", "--steps", "320"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(dir.metrics().unwrap().rows.last().unwrap().step, 320);
}
