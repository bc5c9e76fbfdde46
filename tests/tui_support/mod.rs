//! Shared by the TUI tests: an App that records instead of training, synthetic runs, and
//! rendering to text on a fixed-size TestBackend.
#![allow(dead_code)]

use groktop::analysis::{Classification, EventKind, Phase, PhaseEvent};
use groktop::preset::Preset;
use groktop::train::Metrics;
use groktop::tui::{Action, App, Msg, Recorder, Theme, view};
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

pub fn press(app: &mut App, a: Action) {
    app.update(Msg::Action(a));
}

fn logistic(x: f64) -> f64 {
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
                    "watching".into()
                } else {
                    format!("{p}: val jumped after train")
                },
            },
        }));
    }
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
