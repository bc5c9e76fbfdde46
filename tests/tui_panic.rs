//! A panic inside a training step, on the thread pool the step runs on, reaches the worker's
//! boundary as an error (so the run ends with `Event::Failed`), and the TUI's panic hook
//! leaves the terminal alone for it. (Its own test binary: the panic hook is process-wide.)

use dfdx::prelude::*;
use groktop::preset::Preset;
use groktop::train::Trainer;
use std::sync::atomic::{AtomicUsize, Ordering};

static PASSED_ON: AtomicUsize = AtomicUsize::new(0);

#[test]
fn a_panic_in_a_shard_becomes_an_error_and_leaves_the_terminal_alone() {
    // The hook the TUI's replaces: it would print and restore the terminal.
    std::panic::set_hook(Box::new(|_| {
        PASSED_ON.fetch_add(1, Ordering::SeqCst);
    }));
    groktop::tui::terminal::install();
    let mut preset = Preset::find("grokking").unwrap();
    preset.task.n_train = Some(200);
    preset.model.d_model = 8;
    preset.model.n_heads = 2;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap();
    let result = pool.install(|| {
        groktop::worker::guarded(|| {
            let mut t = Trainer::new(&preset).unwrap();
            // The embedding transposed: same size (so replicas copy it), wrong shape, so the
            // shard's forward pass panics inside dfdx.
            let (rows, cols) = *t.model.params()[0].shape();
            let wrong = t.model.device().zeros_like(&(cols, rows));
            t.model.params_mut()[0] = wrong;
            t.train_step();
            Ok(())
        })
    });
    groktop::tui::terminal::uninstall();
    let error = result.unwrap_err();
    assert!(error.starts_with("the worker panicked: "), "{error}");
    assert_eq!(
        PASSED_ON.load(Ordering::SeqCst),
        0,
        "a pool thread's panic must not restore the terminal"
    );
}
