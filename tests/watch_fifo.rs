//! The disk watcher reads runs through `record`: a run directory whose files are FIFOs (a
//! writer that never comes) must give an error naming the file, at once, never a blocked
//! thread (the Runs tab used to stop updating and `q` to hang); so must the picker's timings.

mod common;

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(
        unsafe { libc::mkfifo(c.as_ptr(), 0o644) },
        0,
        "mkfifo {}",
        path.display()
    );
}

#[test]
fn a_run_whose_files_are_fifos_is_listed_at_once_and_its_reads_fail_with_the_name() {
    let tmp = tempfile::tempdir().unwrap();
    let run = tmp.path().join("tiny-20261204-120000");
    std::fs::create_dir(&run).unwrap();
    std::fs::write(
        run.join("preset.ron"),
        common::tiny_preset_text(11, 60, 8, 100, 10, 100),
    )
    .unwrap();
    mkfifo(&run.join("metrics.csv"));
    mkfifo(&run.join("events.log"));
    let root = tmp.path().to_path_buf();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let dirs = groktop::record::run_dirs(&root).unwrap();
        let entries: Vec<_> = dirs.iter().map(groktop::record::run_entry).collect();
        let metrics = dirs[0].metrics().map(|_| ()).unwrap_err().to_string();
        let events = dirs[0].events().map(|_| ()).unwrap_err().to_string();
        tx.send((entries.len(), metrics, events)).unwrap();
    });
    let (n, metrics, events) = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("reading a run with FIFO files blocked for 10 s");
    assert_eq!(n, 1);
    assert!(
        metrics.contains("metrics.csv") && metrics.contains("FIFO"),
        "{metrics}"
    );
    assert!(
        events.contains("events.log") && events.contains("FIFO"),
        "{events}"
    );
}

/// The picker's record of past timings, read by the watcher when the picker shows: a FIFO in
/// its place is an error naming it, at once (it used to block the watcher for good).
#[test]
fn a_timings_file_that_is_a_fifo_is_an_error_at_once() {
    use groktop::tui::watch::{Found, Request, Watcher};
    let tmp = tempfile::tempdir().unwrap();
    mkfifo(&tmp.path().join("timings.csv"));
    let runs = tmp.path().to_path_buf();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let w = Watcher::spawn();
        w.send(Request::Timings(runs));
        assert!(w.sync());
        let found = w.try_recv();
        tx.send(found).unwrap();
    });
    let found = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("reading a FIFO timings.csv blocked the watcher for 10 s");
    match found {
        Some(Found::Timings(Err(e))) => {
            assert!(e.contains("timings.csv") && e.contains("FIFO"), "{e}")
        }
        other => panic!("{other:?}"),
    }
}
