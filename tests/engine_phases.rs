//! The phase detector on real (short, small-P) runs of the engine: a run that memorizes and
//! later generalizes is called grokking, one that only memorizes is called ungrokking; the
//! circuit-forming leading indicator fires before the first's onset and never in the second.

use groktop::analysis::{EventKind, Phase, PhaseEvent};
use groktop::preset::Preset;
use groktop::record::Metrics;
use groktop::record::read_metrics;
use groktop::worker::{Event, Launch, RunId, RunSummary, execute};
use std::sync::mpsc;

fn preset(n_train: usize, lr: f64, weight_decay: f64, steps: u64) -> Preset {
    let text = format!(
        "(name: \"real\", title: \"t\", figure: \"test\", description: \"\", paper_reports: \"\",
          task: (kind: ModAdd, modulus: 23, n_train: {n_train}),
          model: (d_model: 32), optimizer: (lr: {lr}, weight_decay: {weight_decay}),
          training: (steps: {steps}, eval_every: 20, checkpoint_every: {steps}))"
    );
    Preset::parse(&text, "real.ron").unwrap()
}

/// The run's summary and every phase event it reported live. Replaying its metrics.csv
/// (what `groktop analyze` and the report do) must find exactly the same events.
fn run_to_end(p: Preset) -> (RunSummary, Vec<PhaseEvent>) {
    let tmp = tempfile::tempdir().unwrap();
    let (tx, rx) = mpsc::channel();
    let (_keep, control) = mpsc::channel();
    execute(
        RunId(0),
        Launch::New {
            preset: p,
            runs_root: tmp.path().into(),
            dir: Some(tmp.path().join("r")),
        },
        &tx,
        &control,
    );
    drop(tx);
    let mut phases_seen = Vec::new();
    let mut events = Vec::new();
    for e in rx {
        match e {
            Event::Metrics { classification, .. } => phases_seen.push(classification.phase),
            Event::Phase { event, .. } => events.push(event),
            Event::Finished { summary, .. } => {
                let recorded = read_metrics(&tmp.path().join("r/metrics.csv")).unwrap();
                assert_eq!(Metrics::replay(&recorded.rows).0, events);
                return (*summary, events);
            }
            Event::Failed { error, .. } => panic!("{error}"),
            _ => {}
        }
    }
    panic!("no summary; phases seen {phases_seen:?}")
}

#[test]
fn memorize_then_generalize_is_grokking() {
    // (a+b) mod 23 from 250 of 529 pairs; weight decay 2 makes the switch happen within seconds.
    let (s, events) = run_to_end(preset(250, 3e-3, 2.0, 5600));
    assert_eq!(
        s.classification.phase,
        Phase::Grokking,
        "{}",
        s.classification.reason
    );
    let (mem, generalized) = (s.memorized_step.unwrap(), s.generalized_step.unwrap());
    assert!(
        mem + 1000 < generalized,
        "memorized at {mem}, generalized at {generalized}"
    );
    assert!(s.last.unwrap().val_acc.unwrap() > 0.95);
    let step_of = |kind| events.iter().find(|e| e.kind == kind).map(|e| e.step);
    let forming = step_of(EventKind::CircuitForming).expect("circuit forming fired");
    let onset = step_of(EventKind::GeneralizationOnset).unwrap();
    assert!(
        mem < forming && forming < onset,
        "memorized {mem}, circuit forming {forming}, onset {onset}"
    );
}

#[test]
fn memorize_only_is_ungrokking() {
    // 100 of 529 pairs is far below the critical data size: memorization stays cheaper.
    let (s, events) = run_to_end(preset(100, 1e-3, 1.0, 3000));
    assert_eq!(
        s.classification.phase,
        Phase::Ungrokking,
        "{}",
        s.classification.reason
    );
    assert!(s.memorized_step.unwrap() < 500);
    assert!(s.last.unwrap().val_acc.unwrap() < 0.1);
    assert!(
        events.iter().all(|e| e.kind != EventKind::CircuitForming),
        "{events:?}"
    );
}
