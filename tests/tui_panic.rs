//! A worker thread's panic becomes that run's `Failed` event instead of tearing down the
//! terminal under a running UI. (Its own test binary: the panic hook is process-wide.)

use groktop::tui::panic;
use groktop::worker::{Event, RunId};

#[test]
fn worker_panics_become_failed_events() {
    panic::install();
    let t = std::thread::Builder::new()
        .name("run-7".into())
        .spawn(|| panic!("boom"))
        .unwrap();
    assert!(t.join().is_err());
    panic::uninstall();
    let events = panic::drain();
    assert_eq!(events.len(), 1);
    match &events[0] {
        Event::Failed { run, error } => {
            assert_eq!(*run, RunId(7));
            assert!(error.contains("worker panicked: boom"), "{error}");
        }
        other => panic!("{other:?}"),
    }
    assert!(panic::drain().is_empty());
}
