//! The engine end to end: it really learns, and a resumed run is the uninterrupted run.

mod common;

use groktop::record::Metrics;
use groktop::train::Trainer;
use groktop::worker::{Event, Launch, RunId, execute};
use std::sync::mpsc;

/// Runs a launch to its end on this thread and returns the events.
fn run(launch: Launch) -> Vec<Event> {
    let (tx, rx) = mpsc::channel();
    let (_control_tx, control_rx) = mpsc::channel();
    execute(RunId(0), launch, &tx, &control_rx);
    drop(tx);
    rx.into_iter().collect()
}

fn history(events: &[Event]) -> Vec<Metrics> {
    let mut out = Vec::new();
    for e in events {
        match e {
            Event::Started { info, .. } => out.extend(info.history.iter().cloned()),
            Event::Metrics { metrics, .. } => out.push(metrics.clone()),
            Event::Failed { error, .. } => panic!("run failed: {error}"),
            _ => {}
        }
    }
    out
}

#[test]
fn small_task_memorizes_then_generalizes() {
    // (a+b) mod 23 from 300 of the 529 pairs.
    let preset = common::tiny_preset(23, 300, 32, 3000, 100, 3000);
    let mut trainer = Trainer::new(&preset).unwrap();
    let first = trainer.evaluate();
    assert!(
        first.val_acc.unwrap() < 0.2,
        "starts near chance: {first:?}"
    );
    let mut memorized_at = None;
    let mut generalized_at = None;
    while !trainer.is_done() {
        trainer.train_step();
        if trainer.is_eval_step() {
            let m = trainer.evaluate();
            if m.train_acc >= 0.999 && memorized_at.is_none() {
                memorized_at = Some(m.step);
            }
            if m.val_acc.unwrap() >= 0.9 && generalized_at.is_none() {
                generalized_at = Some(m.step);
            }
        }
    }
    let (memorized, generalized) = (
        memorized_at.expect("reaches 100% train"),
        generalized_at.expect("generalizes"),
    );
    assert!(
        memorized < generalized,
        "memorized at {memorized}, generalized at {generalized}"
    );
}

#[test]
fn resumed_run_equals_uninterrupted_run_bit_for_bit() {
    let tmp = tempfile::tempdir().unwrap();
    let preset = common::tiny_preset(11, 60, 8, 80, 10, 1000);
    let whole = tmp.path().join("whole");
    let split = tmp.path().join("split");
    let a = history(&run(Launch::New {
        preset: preset.clone(),
        runs_root: tmp.path().into(),
        dir: Some(whole.clone()),
    }));

    let mut first_half = preset.clone();
    first_half.training.steps = 30;
    history(&run(Launch::New {
        preset: first_half,
        runs_root: tmp.path().into(),
        dir: Some(split.clone()),
    }));
    let b = history(&run(Launch::Resume {
        dir: split.clone(),
        until: groktop::worker::Until::Total(80),
    }));

    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        let key = |m: &Metrics| {
            (
                m.step,
                m.train_loss.to_bits(),
                m.train_acc.to_bits(),
                m.val_loss.map(f32::to_bits),
                m.val_acc.map(f32::to_bits),
                m.param_norm.to_bits(),
            )
        };
        assert_eq!(key(x), key(y), "step {}: {x:?} vs {y:?}", x.step);
    }
    let weights = |dir: &std::path::Path| {
        std::fs::read(dir.join("checkpoints/step-80/model.safetensors")).unwrap()
    };
    assert_eq!(weights(&whole), weights(&split), "final weights differ");
    let opt = |dir: &std::path::Path| {
        std::fs::read(dir.join("checkpoints/step-80/optimizer.safetensors")).unwrap()
    };
    assert_eq!(opt(&whole), opt(&split), "final optimizer state differs");
    // metrics.csv of the resumed run has each step exactly once.
    let csv = std::fs::read_to_string(split.join("metrics.csv")).unwrap();
    let steps: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    let mut dedup = steps.clone();
    dedup.dedup();
    assert_eq!(steps, dedup);
    assert_eq!(steps.len(), a.len());
}

#[test]
fn pause_blocks_and_resume_continues() {
    let tmp = tempfile::tempdir().unwrap();
    let preset = common::tiny_preset(11, 60, 8, 2000, 10, 1000);
    let (tx, rx) = mpsc::channel();
    let handle = groktop::worker::spawn(
        RunId(3),
        Launch::New {
            preset,
            runs_root: tmp.path().into(),
            dir: None,
        },
        tx,
    );
    handle.send(groktop::worker::Control::Pause);
    let paused_at = loop {
        match rx.recv().unwrap() {
            Event::Paused { step, run } => {
                assert_eq!(run, RunId(3));
                break step;
            }
            Event::Failed { error, .. } => panic!("{error}"),
            _ => {}
        }
    };
    // While paused nothing arrives.
    assert!(
        rx.recv_timeout(std::time::Duration::from_millis(300))
            .is_err()
    );
    handle.send(groktop::worker::Control::Checkpoint);
    match rx.recv().unwrap() {
        Event::Checkpointed { step, path, .. } => {
            assert_eq!(step, paused_at);
            assert!(path.join("model.safetensors").is_file());
        }
        other => panic!("expected a checkpoint, got {other:?}"),
    }
    handle.send(groktop::worker::Control::Resume);
    handle.send(groktop::worker::Control::Stop { checkpoint: true });
    let mut finished = None;
    for e in rx {
        if let Event::Finished { summary, .. } = e {
            finished = Some(summary);
        }
    }
    let summary = finished.expect("a summary");
    assert!(!summary.completed);
    handle.join();
}

#[test]
fn sharded_steps_on_two_threads_are_stable_and_match_one_thread() {
    // 1200 pairs: two shards, trained at once on two threads. Before each shard had a device
    // of its own, dfdx's shared buffer cache raced between them and panicked within a few
    // hundred steps. The same shards on a 1-thread pool must give the same bits.
    let preset = common::tiny_preset(59, 1200, 16, 600, 600, 1000);
    let run_on = |threads: usize| -> Metrics {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let mut trainer = Trainer::new(&preset).unwrap();
            while !trainer.is_done() {
                trainer.train_step();
            }
            trainer.evaluate()
        })
    };
    let (two, one) = (run_on(2), run_on(1));
    assert_eq!(two.train_loss.to_bits(), one.train_loss.to_bits());
    assert_eq!(two.param_norm.to_bits(), one.param_norm.to_bits());
}

/// A checkpoint's sizes give the model's parameter count (the TUI's read-only view shows it
/// from there, without building the model); it must match the model's own count.
#[test]
fn a_checkpoints_parameter_count_matches_the_model() {
    let dir = tempfile::tempdir().unwrap();
    for (d_model, n_layers) in [(8, 1), (16, 2)] {
        let mut preset = common::tiny_preset(59, 1200, d_model, 600, 600, 1000);
        preset.model.n_layers = n_layers;
        let run = dir.path().join(format!("d{d_model}-l{n_layers}"));
        let writer = groktop::record::RunWriter::create_at(&run, &preset).unwrap();
        let trainer = Trainer::new(&preset).unwrap();
        trainer.save_checkpoint(&writer).unwrap();
        let (latest, _) = writer.latest_usable();
        let (_, state) = latest.unwrap();
        assert_eq!(state.n_params(), trainer.model.cfg.n_params());
    }
}

/// A run stopped before its planned end gets no final verdict: its events.log says where it
/// stopped and what the verdict looked like then (a grokking run stopped while it memorizes
/// used to be logged "ungrokking"). Resumed to its end, it gets its final verdict.
#[test]
fn a_stopped_run_has_no_final_verdict_until_it_reaches_its_end() {
    let tmp = tempfile::tempdir().unwrap();
    let preset = common::tiny_preset(23, 360, 32, 4000, 50, 500);
    let (tx, rx) = mpsc::channel();
    let handle = groktop::worker::spawn(
        RunId(1),
        Launch::New {
            preset,
            runs_root: tmp.path().into(),
            dir: Some(tmp.path().join("run")),
        },
        tx,
    );
    let mut summary = None;
    for e in rx {
        match e {
            Event::Metrics { metrics, .. } if metrics.step >= 600 => {
                handle.send(groktop::worker::Control::Stop { checkpoint: true });
            }
            Event::Finished { summary: s, .. } => summary = Some(s),
            Event::Failed { error, .. } => panic!("{error}"),
            _ => {}
        }
    }
    handle.join();
    let summary = summary.expect("a summary");
    assert!(!summary.completed);
    assert_eq!(
        summary.classification.phase,
        groktop::analysis::Phase::Undecided
    );
    let log = groktop::record::read_events(&tmp.path().join("run/events.log")).unwrap();
    assert_eq!(log.verdict, None, "a stopped run has no final verdict");
    let (step, provisional) = log.stopped.expect("a stopped line");
    assert!(step >= 600, "{step}");
    assert!(provisional.starts_with("provisional: "), "{provisional}");
    let text = std::fs::read_to_string(tmp.path().join("run/events.log")).unwrap();
    assert!(!text.contains("final\t"), "{text}");

    let resumed = run(Launch::Resume {
        dir: tmp.path().join("run"),
        until: groktop::worker::Until::Preset,
    });
    let done = resumed.iter().find_map(|e| match e {
        Event::Finished { summary, .. } => Some(summary.clone()),
        _ => None,
    });
    assert!(done.expect("finished").completed);
    let log = groktop::record::read_events(&tmp.path().join("run/events.log")).unwrap();
    assert_eq!(log.stopped, None);
    let (phase, reason) = log
        .verdict
        .expect("a final verdict once it reached its end");
    assert_eq!(phase, groktop::analysis::Phase::Grokking, "{reason}");
}
