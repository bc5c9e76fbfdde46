//! Shared by the TUI tests: an App that records instead of training, synthetic runs, and
//! rendering to text on a fixed-size TestBackend.
#![allow(dead_code)]

use groktop::analysis::{Classification, EventKind, Phase, PhaseEvent};
use groktop::preset::Preset;
use groktop::record::Metrics;
use groktop::tui::{Action, App, Msg, Recorder, Screen, Theme, view};
use groktop::worker::{Event, RunId, RunInfo};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};

/// A small single-run preset, fixed here so snapshots do not move with the built-in presets.
pub fn preset(seed: u64) -> Preset {
    let text = format!(
        r#"(
  name: "grokking",
  title: "Grokking: memorize first, generalize much later",
  figure: "2c",
  description: "A test preset.",
  paper_reports: "Val accuracy jumps late.",
  task: (kind: ModAdd, modulus: 113, n_train: 3000),
  model: (d_model: 64, n_layers: 1, n_heads: 4),
  optimizer: (lr: 3e-3),
  training: (steps: 25000, eval_every: 100, checkpoint_every: 5000),
  seed: {seed},
)"#
    );
    Preset::parse(&text, "test.ron").unwrap()
}

/// An app with a recorder, colour off (text snapshots ignore colour anyway).
pub fn app(runs_dir: &Path) -> (App, Recorder) {
    let rec = Recorder::default();
    let app = App::new(
        vec![preset(0)],
        runs_dir.to_path_buf(),
        Box::new(rec.clone()),
        Theme { color: false },
    );
    (app, rec)
}

/// A key, then whatever the disk watcher read for the screen it leads to (as a person
/// looking at the screen a moment later sees it).
pub fn press(app: &mut App, a: Action) {
    app.update(Msg::Action(a));
    settle(app);
}

/// An app whose sweeps folder is `root`, on the Sweeps tab with its listing read.
pub fn sweeps_tab(root: &Path) -> App {
    let (app, _) = app(&temp_dir("runs"));
    let mut app = app.with_sweeps_dir(root.to_path_buf());
    press(&mut app, Action::NextScreen);
    press(&mut app, Action::NextScreen);
    assert_eq!(app.screen, Screen::Sweeps);
    app
}

/// The first sweep under `root`, open on its map.
pub fn open_first_sweep(root: &Path) -> App {
    let mut app = sweeps_tab(root);
    press(&mut app, Action::Enter);
    assert_eq!(app.screen, Screen::Sweep);
    app
}

/// Waits until the disk watcher has done what it was asked and hands the app what it sent,
/// as the terminal loop does.
pub fn settle(app: &mut App) {
    assert!(app.watcher().sync(), "the disk watcher is gone");
    while let Some(f) = app.watcher().try_recv() {
        app.update(Msg::Disk(f));
    }
}

pub fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// A grokking-shaped evaluation at `step` (memorizes ~1 500, generalizes ~14 000).
/// `shift` moves the generalization step so seeds differ.
pub fn metrics(step: u64, shift: f64) -> Metrics {
    let s = step as f64;
    let train = 0.01 + 0.99 * logistic((s - 1500.0) / 250.0);
    let val = 0.01 + 0.98 * logistic((s - 14_000.0 - shift) / 600.0);
    Metrics {
        step,
        train_loss: (4.7 * (1.0 - train) + 1e-3) as f32,
        train_acc: train as f32,
        val_loss: Some((4.7 * (1.0 - val) + 2e-3) as f32),
        val_acc: Some(val as f32),
        param_norm: (50.0 - 17.0 * logistic((s - 14_000.0 - shift) / 800.0)) as f32,
        steps_per_sec: 34.1,
        elapsed_secs: s / 34.1,
        rule_train_acc: None,
        mem_train_acc: None,
        ..Metrics::default()
    }
}

pub fn started(run: RunId, seed: u64) -> Event {
    Event::Started {
        run,
        info: Box::new(RunInfo {
            preset: preset(seed),
            dir: PathBuf::from(format!("runs/grokking-seed{seed}")),
            start_step: 0,
            total_steps: 25_000,
            n_params: 52_096,
            history: Vec::new(),
            events: Vec::new(),
            notes: Vec::new(),
        }),
    }
}

pub fn phase_event(run: RunId, step: u64, kind: EventKind, message: &str) -> Event {
    Event::Phase {
        run,
        event: PhaseEvent {
            step,
            kind,
            message: message.into(),
        },
    }
}

/// Feeds a run its evaluations up to `to`, with phase events where they happen.
pub fn feed(app: &mut App, run: RunId, to: u64, shift: f64, phase: Phase) {
    let gen_step = (14_300.0 + shift) as u64 / 100 * 100;
    for step in (0..=to).step_by(100) {
        if step == 1_700 {
            app.update(Msg::Worker(phase_event(
                run,
                step,
                EventKind::Memorized,
                "train acc ≥ 99%",
            )));
        }
        if step == gen_step - 1_500 {
            app.update(Msg::Worker(phase_event(
                run,
                step,
                EventKind::GeneralizationOnset,
                "val acc rising",
            )));
        }
        if step == gen_step {
            app.update(Msg::Worker(phase_event(
                run,
                step,
                EventKind::Generalized,
                "val acc ≥ 95%",
            )));
        }
        let p = if step >= gen_step {
            phase
        } else {
            Phase::Undecided
        };
        app.update(Msg::Worker(Event::Metrics {
            run,
            metrics: metrics(step, shift),
            classification: Classification {
                phase: p,
                reason: if p == Phase::Undecided {
                    "memorized at 1 700 · no onset yet · ungrokking if none by step 25 000".into()
                } else {
                    "val rose from 2 % to 95 % between steps 12 800 and 14 300, 11 100 steps after memorization; norm fell 31 %".into()
                },
            },
        }));
    }
}

/// `n` seeds started from the picker (the compare view) and fed to step 16 000, seed `i`
/// generalizing `shift(i)` steps after the default.
pub fn live_seeds(n: usize, shift: impl Fn(usize) -> f64) -> App {
    let (mut app, _) = app(&temp_dir("runs"));
    for _ in 1..n {
        press(&mut app, Action::MoreSeeds);
    }
    press(&mut app, Action::Enter);
    for i in 0..n {
        app.update(Msg::Worker(started(RunId(i), i as u64)));
        feed(&mut app, RunId(i), 16_000, shift(i), Phase::Grokking);
    }
    app
}

/// The screen as a buffer (text and styles).
pub fn render_buffer(app: &App, w: u16, h: u16) -> ratatui::buffer::Buffer {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| view::draw(f, app)).unwrap();
    term.backend().buffer().clone()
}

/// The screen as text, one line per row, trailing spaces trimmed.
pub fn render(app: &App, w: u16, h: u16) -> String {
    let buf = render_buffer(app, w, h);
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        for x in 0..w {
            line.push_str(buf[(x, y)].symbol());
        }
        // Wrapping-proof spaces inside numbers read as spaces.
        out.push_str(line.replace('\u{a0}', " ").trim_end());
        out.push('\n');
    }
    out
}

/// Compares with `tests/snapshots/<name>.txt`; `GROKTOP_UPDATE_SNAPSHOTS=1` rewrites it.
pub fn assert_snapshot(name: &str, text: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("{name}.txt"));
    if std::env::var_os("GROKTOP_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, text).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: run with GROKTOP_UPDATE_SNAPSHOTS=1 to write it\n{text}",
            path.display()
        )
    });
    if expected != text {
        panic!(
            "snapshot {name} differs (GROKTOP_UPDATE_SNAPSHOTS=1 to accept)\n--- expected\n{expected}\n--- got\n{text}"
        );
    }
}

/// A fresh empty directory under the system temp dir.
pub fn temp_dir(tag: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let dir = std::env::temp_dir().join(format!("groktop-{tag}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A 4 × 3 grid (d_model 8..64 across, n_train 40..80 down), two seeds, 60 steps, P = 11:
/// the preset of the synthetic sweeps below.
pub fn sweep_preset() -> Preset {
    let text = r#"(
  name: "tiny-phase",
  title: "A tiny phase diagram",
  figure: "1",
  description: "A test sweep.",
  paper_reports: "Four zones.",
  task: (kind: ModAdd, modulus: 11, n_train: 60),
  model: (d_model: 8, n_layers: 1, n_heads: 4),
  training: (steps: 60, eval_every: 10, checkpoint_every: 60),
  seeds: 2,
  sweep: (n_train: [40, 60, 80], d_model: [8, 16, 32, 64]),
)"#;
    Preset::parse(text, "tiny-phase.ron").unwrap()
}

/// What a synthetic cell shows: its phase and final val acc, or how far it got.
#[derive(Clone, Copy, Debug)]
pub enum FakeCell {
    Done(Phase, f32),
    Running(u64),
    Pending,
}

/// The phase map of the synthetic sweep, by (d_model, n_train): the paper's zones in small.
pub fn fake_cell(d_model: usize, n_train: usize) -> FakeCell {
    use FakeCell::*;
    match (d_model, n_train) {
        (8, 80) => Done(Phase::Progression, 0.96),
        (8, 60) => Done(Phase::Progression, 0.62),
        (8, 40) => Done(Phase::Ungrokking, 0.04),
        (16, 80) => Done(Phase::Grokking, 0.99),
        (16, 60) => Done(Phase::SemiGrokking, 0.45),
        (16, 40) => Done(Phase::Ungrokking, 0.03),
        (32, 80) => Done(Phase::Grokking, 1.0),
        (32, 60) => Done(Phase::Grokking, 0.97),
        (32, 40) => Running(30),
        (64, 80) => Running(50),
        _ => Pending,
    }
}

/// The locks of the cells [`write_sweep`] shows as running, held for the test's life.
static LIVE_WRITERS: std::sync::Mutex<Vec<groktop::record::RunWriter>> =
    std::sync::Mutex::new(Vec::new());

/// Writes a sweep directory of [`sweep_preset`] under `root` whose cells stand as
/// [`fake_cell`] says; returns its path.
pub fn write_sweep(root: &Path) -> PathBuf {
    let preset = sweep_preset();
    let path = root.join("tiny-phase");
    let sweep = groktop::record::SweepDir::new(&path);
    sweep.prepare(&preset).unwrap();
    for cell in preset.cells() {
        match fake_cell(cell.axes.d_model, cell.axes.n_train) {
            FakeCell::Done(phase, val) => finish_cell(&sweep, &cell, phase, val),
            FakeCell::Running(step) => {
                write_cell(&sweep, &cell, step, Phase::Undecided, 0.5);
                // A live writer: this test process holds the cell's lock from now on.
                let writer = groktop::record::RunWriter::open(&sweep.cell_dir(&cell)).unwrap();
                LIVE_WRITERS.lock().unwrap().push(writer);
            }
            FakeCell::Pending => {}
        }
    }
    path
}

/// Cell files up to `to`: preset.ron, metrics.csv, events.log (no final line), written as a
/// process that then stopped would leave them.
pub fn write_cell(
    sweep: &groktop::record::SweepDir,
    cell: &groktop::preset::Cell,
    to: u64,
    phase: Phase,
    val: f32,
) {
    let dir = sweep.cell_dir(cell);
    let writer = groktop::record::RunWriter::create_at(&dir, &cell.preset).unwrap();
    // The seed shifts the curves a little, so seeds differ.
    let shift = cell.axes.seed as f64 * 3.0;
    let late = matches!(phase, Phase::Grokking | Phase::SemiGrokking);
    let mut rows = Vec::new();
    for step in (0..=to).step_by(10) {
        let s = step as f64;
        let train = if phase == Phase::Progression {
            0.1 + 0.9 * logistic((s - 25.0 - shift) / 5.0)
        } else {
            0.1 + 0.9 * logistic((s - 12.0 - shift) / 3.0)
        };
        let mid = if late { 40.0 } else { 25.0 };
        let v = 0.02 + (f64::from(val) - 0.02) * logistic((s - mid - shift) / 4.0);
        rows.push(Metrics {
            step,
            train_loss: (2.4 * (1.0 - train) + 1e-3) as f32,
            train_acc: train as f32,
            val_loss: Some((2.4 * (1.0 - v) + 1e-3) as f32),
            val_acc: Some(v as f32),
            param_norm: (20.0 + if late { -0.1 * s } else { 0.1 * s }) as f32,
            steps_per_sec: 120.0,
            elapsed_secs: s / 120.0,
            rule_train_acc: None,
            mem_train_acc: None,
            ..Metrics::default()
        });
    }
    writer.write_metrics(&rows).unwrap();
    let mut events = Vec::new();
    let event = |step, kind, message: &str| PhaseEvent {
        step,
        kind,
        message: message.into(),
    };
    if to >= 30 && phase != Phase::Progression {
        events.push(event(30, EventKind::Memorized, "train acc ≥ 99%"));
    }
    if to >= 50 && val > 0.9 {
        events.push(event(50, EventKind::Generalized, "val acc ≥ 95%"));
    }
    writer.write_events(&events).unwrap();
}

/// A finished cell: its files to step 60, the `final` line and its summary row.
pub fn finish_cell(
    sweep: &groktop::record::SweepDir,
    cell: &groktop::preset::Cell,
    phase: Phase,
    val: f32,
) {
    write_cell(sweep, cell, 60, phase, val);
    let dir = sweep.cell_dir(cell);
    let writer = groktop::record::RunWriter::open(&dir).unwrap();
    writer
        .append_final(phase, &format!("{phase}: synthetic verdict"))
        .unwrap();
    let a = cell.axes;
    // As the sweep writes it: the f32's printed decimal.
    let val: f64 = (val - 0.01 * a.seed as f32).to_string().parse().unwrap();
    let generalized = (val > 0.9).then_some(50);
    let row = groktop::record::SummaryRow {
        cell: cell.index as u64,
        preset: "tiny-phase".into(),
        task: groktop::preset::TaskKind::ModAdd,
        n_train: a.n_train as u64,
        d_model: a.d_model as u64,
        n_layers: a.n_layers as u64,
        n_memorize: a.n_memorize as u64,
        seed: a.seed,
        n_params: 1000,
        steps: 60,
        final_train_acc: 1.0,
        final_val_acc: Some(val),
        best_val_acc: Some(val),
        phase,
        memorized_step: (phase != Phase::Progression).then_some(30),
        generalized_step: generalized,
        final_twin_free_val_acc: None,
        best_twin_free_val_acc: None,
    };
    sweep.write_cell_row(cell, &row).unwrap();
}

/// A finished run directory `name` under `root` of seed `seed`, generalizing `shift` steps
/// after the synthetic default (25 000 steps, as [`preset`]).
pub fn finished_run(root: &Path, name: &str, seed: u64, shift: f64) {
    let w = groktop::record::RunWriter::create_at(&root.join(name), &preset(seed)).unwrap();
    let rows: Vec<_> = (0..=250).map(|i| metrics(i * 100, shift)).collect();
    w.write_metrics(&rows).unwrap();
    w.append_final(Phase::Grokking, "val rose late").unwrap();
}

/// A run directory stopped at `step` with a checkpoint (its state only: enough for listings).
pub fn stopped_run(dir: &Path, step: u64) -> groktop::record::RunWriter {
    let w = groktop::record::RunWriter::create_at(dir, &preset(0)).unwrap();
    let history: Vec<_> = (0..=step / 100).map(|i| metrics(i * 100, 0.0)).collect();
    w.write_metrics(&history).unwrap();
    let state = groktop::record::CheckpointState {
        format_version: groktop::record::FORMAT_VERSION,
        step,
        elapsed_secs: 1.0,
        d_model: 64,
        n_layers: 1,
        n_heads: 4,
        d_mlp: 256,
        vocab: 114,
        n_ctx: 3,
        n_classes: 113,
        shards: Some(1),
        subnormals: None,
        history,
    };
    w.write_checkpoint(&state, b"", b"").unwrap();
    w
}
