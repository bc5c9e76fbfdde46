//! The update logic driven by key actions: what the UI asks of the workers, and how its
//! state follows their events. Most tests record controls; one drives a real worker.

mod tui_support;

use groktop::analysis::{Classification, Phase};
use groktop::preset::Preset;
use groktop::tui::screens::picker::MAX_SEEDS;
use groktop::tui::state::run_state::Status;
use groktop::tui::{Action, App, Msg, Popup, Screen, Theme, Workers};
use groktop::worker::{Control, Event, Launch, RunId, RunInfo, RunSummary};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tui_support::*;

fn finished(run: RunId) -> Event {
    Event::Finished {
        run,
        summary: Box::new(RunSummary {
            dir: PathBuf::from("runs/x"),
            step: 0,
            last: None,
            best_val_acc: None,
            best_twin_free_val_acc: None,
            classification: Classification {
                phase: Phase::Undecided,
                reason: String::new(),
            },
            memorized_step: None,
            generalized_step: None,
            completed: false,
        }),
    }
}

#[test]
fn enter_starts_one_run_with_the_chosen_steps() {
    let runs = temp_dir("runs");
    let (mut app, rec) = app(&runs);
    press(&mut app, Action::DoubleSteps);
    press(&mut app, Action::Enter);
    assert_eq!(app.screen, Screen::Run);
    let started = rec.started();
    assert_eq!(started.len(), 1);
    match &started[0].1 {
        Launch::New {
            preset,
            runs_root,
            dir,
        } => {
            assert_eq!(preset.training.steps, 50_000);
            assert_eq!(preset.seed, 0);
            assert_eq!(runs_root, &runs);
            assert!(dir.is_none());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn seed_and_step_choices_stay_in_range() {
    let (mut app, _) = app(&temp_dir("runs"));
    press(&mut app, Action::FewerSeeds);
    assert_eq!(app.picker.seeds, 1);
    for _ in 0..40 {
        press(&mut app, Action::MoreSeeds);
    }
    assert_eq!(app.picker.seeds, MAX_SEEDS);
    press(&mut app, Action::FewerSeeds);
    assert_eq!(app.picker.seeds, MAX_SEEDS - 1);
    press(&mut app, Action::HalveSteps);
    assert_eq!(app.picker.steps, 12_500);
    for _ in 0..20 {
        press(&mut app, Action::HalveSteps);
    }
    assert_eq!(app.picker.steps, 100);
}

#[test]
fn space_pauses_and_resumes_the_shown_run() {
    let (mut app, rec) = app(&temp_dir("runs"));
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    press(&mut app, Action::TogglePause);
    assert_eq!(rec.sent(), [(RunId(0), Control::Pause)]);
    app.update(Msg::Worker(Event::Paused {
        run: RunId(0),
        step: 321,
    }));
    assert_eq!(app.runs[0].status, Status::Paused);
    assert_eq!(app.runs[0].step, 321);
    assert!(render(&app, 80, 24).contains("PAUSED"));
    press(&mut app, Action::TogglePause);
    assert_eq!(rec.sent()[1], (RunId(0), Control::Resume));
    app.update(Msg::Worker(Event::Resumed {
        run: RunId(0),
        step: 321,
    }));
    assert!(!render(&app, 80, 24).contains("PAUSED"));
}

#[test]
fn compare_view_pauses_all_and_opens_a_seed() {
    let (mut app, rec) = app(&temp_dir("runs"));
    press(&mut app, Action::MoreSeeds);
    press(&mut app, Action::MoreSeeds);
    press(&mut app, Action::Enter);
    assert_eq!(app.screen, Screen::Compare);
    let seeds: Vec<u64> = rec
        .started()
        .iter()
        .map(|(_, l)| match l {
            Launch::New { preset, .. } => preset.seed,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(seeds, [0, 1, 2]);
    for i in 0..3 {
        app.update(Msg::Worker(started(RunId(i), i as u64)));
    }
    press(&mut app, Action::TogglePause);
    let pauses: Vec<_> = rec.sent();
    assert_eq!(
        pauses,
        [
            (RunId(0), Control::Pause),
            (RunId(1), Control::Pause),
            (RunId(2), Control::Pause)
        ]
    );
    press(&mut app, Action::Down);
    press(&mut app, Action::Enter);
    assert_eq!(app.screen, Screen::Run);
    assert_eq!(app.shown_run().unwrap().seed, 1);
    press(&mut app, Action::TogglePause);
    assert_eq!(rec.sent().last(), Some(&(RunId(1), Control::Resume)));
    press(&mut app, Action::Back);
    assert_eq!(app.screen, Screen::Compare);
    press(&mut app, Action::Up);
    press(&mut app, Action::Up);
    assert_eq!(app.selected, 2);
}

#[test]
fn c_asks_for_a_checkpoint_and_reports_it() {
    let (mut app, rec) = app(&temp_dir("runs"));
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    press(&mut app, Action::Checkpoint);
    assert_eq!(rec.sent(), [(RunId(0), Control::Checkpoint)]);
    app.update(Msg::Worker(Event::Checkpointed {
        run: RunId(0),
        step: 1200,
        path: PathBuf::from("runs/grokking-x/checkpoints/step-1200"),
    }));
    assert_eq!(app.runs[0].checkpoint, Some(1200));
    let notice = app.notice.clone().unwrap();
    assert!(notice.contains("checkpoint at step 1 200"), "{notice}");
    assert!(
        notice.contains("grokking-x/checkpoints/step-1200"),
        "{notice}"
    );
}

#[test]
fn quit_asks_while_a_run_is_active() {
    let (mut app, _) = app(&temp_dir("runs"));
    // Nothing running: q quits at once.
    press(&mut app, Action::Quit);
    assert!(app.should_quit);

    let (mut app, rec) = tui_support::app(&temp_dir("runs"));
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    press(&mut app, Action::Quit);
    assert_eq!(app.popup, Some(Popup::Quit { choice: 0 }));
    // Cancel: nothing sent, still running.
    press(&mut app, Action::Back);
    assert_eq!(app.popup, None);
    assert!(!app.should_quit);
    assert!(rec.sent().is_empty());
}

#[test]
fn checkpoint_and_quit_waits_for_the_workers() {
    let (mut app, rec) = app(&temp_dir("runs"));
    press(&mut app, Action::MoreSeeds);
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    app.update(Msg::Worker(started(RunId(1), 1)));
    press(&mut app, Action::Quit);
    press(&mut app, Action::Checkpoint);
    assert_eq!(
        rec.sent(),
        [
            (RunId(0), Control::Stop { checkpoint: true }),
            (RunId(1), Control::Stop { checkpoint: true })
        ]
    );
    assert!(!app.should_quit, "quits only once the workers have stopped");
    app.update(Msg::Worker(finished(RunId(0))));
    assert!(!app.should_quit);
    app.update(Msg::Worker(finished(RunId(1))));
    assert!(app.should_quit);
}

#[test]
fn plain_quit_stops_without_checkpoint_and_arrows_pick_in_the_dialog() {
    let (mut app, rec) = app(&temp_dir("runs"));
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    press(&mut app, Action::Quit);
    press(&mut app, Action::Right);
    assert_eq!(app.popup, Some(Popup::Quit { choice: 1 }));
    press(&mut app, Action::Enter);
    assert_eq!(
        rec.sent(),
        [(RunId(0), Control::Stop { checkpoint: false })]
    );
    app.update(Msg::Worker(Event::Failed {
        run: RunId(0),
        error: "gone".into(),
    }));
    assert!(app.should_quit);
}

#[test]
fn help_opens_and_closes() {
    let (mut app, _) = app(&temp_dir("runs"));
    press(&mut app, Action::Help);
    assert_eq!(app.popup, Some(Popup::Help { scroll: 0 }));
    // Keys do nothing else while help is open; Esc (and ? Enter q, through the key table)
    // closes it.
    press(&mut app, Action::MoreSeeds);
    assert_eq!(app.picker.seeds, 1);
    press(&mut app, Action::Back);
    assert_eq!(app.popup, None);
    assert_eq!(app.screen, Screen::Picker);
}

#[test]
fn tab_cycles_screens_including_the_live_one() {
    let (mut app, _) = app(&temp_dir("tab"));
    press(&mut app, Action::NextScreen);
    assert_eq!(app.screen, Screen::Runs);
    press(&mut app, Action::NextScreen);
    assert_eq!(app.screen, Screen::Sweeps);
    press(&mut app, Action::NextScreen);
    assert_eq!(app.screen, Screen::Picker);
    press(&mut app, Action::Enter);
    for _ in 0..4 {
        press(&mut app, Action::NextScreen);
    }
    assert_eq!(app.screen, Screen::Run);
    press(&mut app, Action::PrevScreen);
    assert_eq!(app.screen, Screen::Sweeps);
}

#[test]
fn log_axis_toggles() {
    let (mut app, _) = app(&temp_dir("runs"));
    press(&mut app, Action::ToggleLogX);
    assert!(app.log_x);
    press(&mut app, Action::ToggleLogX);
    assert!(!app.log_x);
}

#[test]
fn a_resumed_run_continues_its_charts_from_the_saved_history() {
    let root = temp_dir("resume");
    let run = root.join("grokking-1");
    stopped_run(&run, 3000);
    let (mut app, rec) = app(&root);
    press(&mut app, Action::NextScreen);
    press(&mut app, Action::Enter);
    assert_eq!(app.screen, Screen::Run);
    match &rec.started()[0].1 {
        Launch::Resume { dir, until } => {
            assert_eq!(dir, &run);
            assert_eq!(*until, groktop::worker::Until::Preset);
        }
        other => panic!("{other:?}"),
    }
    let history: Vec<_> = (0..=30).map(|i| metrics(i * 100, 0.0)).collect();
    app.update(Msg::Worker(Event::Started {
        run: RunId(0),
        info: Box::new(RunInfo {
            preset: preset(0),
            dir: run.clone(),
            start_step: 3000,
            total_steps: 25_000,
            n_params: 1,
            history,
            events: Vec::new(),
            notes: Vec::new(),
        }),
    }));
    let r = &app.runs[0];
    assert_eq!(r.train_acc.len(), 31);
    assert_eq!(r.step, 3000);
    assert!(render(&app, 80, 24).contains("step 3 000 / 25 000"));
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn plot_memory_is_bounded_however_long_the_run() {
    let (mut app, _) = app(&temp_dir("runs"));
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    for step in 0..50_000u64 {
        app.update(Msg::Worker(Event::Metrics {
            run: RunId(0),
            metrics: metrics(step * 10, 0.0),
            classification: Classification {
                phase: Phase::Undecided,
                reason: String::new(),
            },
        }));
    }
    let r = &app.runs[0];
    for s in [
        &r.train_acc,
        &r.val_acc,
        &r.train_loss,
        &r.val_loss,
        &r.norm,
    ] {
        assert!(
            s.len() <= groktop::tui::state::series::DEFAULT_CAPACITY + 1,
            "{}",
            s.len()
        );
    }
    assert_eq!(r.step, 499_990);
}

/// A preset that trains in well under a second.
fn tiny() -> Preset {
    Preset::parse(
        r#"(
  name: "tiny",
  title: "tiny",
  figure: "0",
  description: "tiny",
  paper_reports: "-",
  task: (kind: ModAdd, modulus: 11, n_train: 40),
  model: (d_model: 8, n_layers: 1, n_heads: 4),
  training: (steps: 200, eval_every: 10, checkpoint_every: 1000),
)"#,
        "tiny.ron",
    )
    .unwrap()
}

/// Feeds worker events to the app until `done` or the deadline.
fn pump(app: &mut App, rx: &std::sync::mpsc::Receiver<Event>, done: impl Fn(&App) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !done(app) {
        assert!(Instant::now() < deadline, "timed out");
        if let Ok(e) = rx.recv_timeout(Duration::from_millis(50)) {
            app.update(Msg::Worker(e));
        }
    }
}

#[test]
fn real_worker_pauses_checkpoints_resumes_and_finishes() {
    let root = temp_dir("real");
    let (tx, rx) = std::sync::mpsc::channel();
    let mut app = App::new(
        vec![tiny()],
        root.clone(),
        Box::new(Workers::new(tx)),
        Theme { color: false },
    );
    press(&mut app, Action::Enter);
    press(&mut app, Action::TogglePause);
    pump(&mut app, &rx, |a| a.runs[0].status == Status::Paused);
    let step = app.runs[0].step;
    std::thread::sleep(Duration::from_millis(300));
    while let Ok(e) = rx.try_recv() {
        app.update(Msg::Worker(e));
    }
    assert_eq!(app.runs[0].step, step, "a paused run does not step");
    press(&mut app, Action::Checkpoint);
    pump(&mut app, &rx, |a| a.runs[0].checkpoint.is_some());
    let dir = app.runs[0].dir.clone().unwrap();
    let ckpt = dir.join(format!("checkpoints/step-{step}/model.safetensors"));
    assert!(ckpt.is_file(), "{}", ckpt.display());
    press(&mut app, Action::TogglePause);
    pump(&mut app, &rx, |a| !a.runs[0].status.is_active());
    assert_eq!(app.runs[0].status, Status::Finished { completed: true });
    assert_eq!(app.runs[0].step, 200);
    assert!(render(&app, 80, 24).contains("DONE"));
    drop(app);
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn mixes_show_rule_and_memorization_accuracy_and_failures_stay_visible() {
    let (mut app, _) = app(&temp_dir("runs"));
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    let mut m = metrics(500, 0.0);
    m.rule_train_acc = Some(0.25);
    m.mem_train_acc = Some(0.875);
    app.update(Msg::Worker(Event::Metrics {
        run: RunId(0),
        metrics: m,
        classification: Classification {
            phase: Phase::Undecided,
            reason: String::new(),
        },
    }));
    let text = render(&app, 120, 40);
    assert!(
        text.contains("rule 25.0%") && text.contains("mem 87.5%"),
        "{text}"
    );
    app.update(Msg::Worker(Event::Failed {
        run: RunId(0),
        error: "disk full".into(),
    }));
    let text = render(&app, 80, 24);
    assert!(text.contains("failed: disk full"), "{text}");
    assert!(text.contains("FAILED"), "{text}");
}

#[test]
fn resuming_a_directory_that_is_training_shows_it_instead() {
    let root = temp_dir("live");
    let (mut app, rec) = app(&root);
    press(&mut app, Action::Enter);
    let dir = root.join("grokking-live");
    std::fs::create_dir_all(dir.join("checkpoints")).unwrap();
    std::fs::write(dir.join("preset.ron"), preset(0).to_ron()).unwrap();
    app.update(Msg::Worker(Event::Started {
        run: RunId(0),
        info: Box::new(RunInfo {
            preset: preset(0),
            dir: dir.clone(),
            start_step: 0,
            total_steps: 25_000,
            n_params: 1,
            history: Vec::new(),
            events: Vec::new(),
            notes: Vec::new(),
        }),
    }));
    press(&mut app, Action::NextScreen);
    press(&mut app, Action::NextScreen);
    assert_eq!(app.screen, Screen::Runs);
    press(&mut app, Action::Enter);
    assert_eq!(
        rec.started().len(),
        1,
        "no second worker on the same directory"
    );
    assert!(rec.sent().is_empty(), "the live run is not stopped");
    assert_eq!(app.screen, Screen::Run);
    std::fs::remove_dir_all(&root).unwrap();
}

/// `]` on a grid with only the map's two axes did nothing visible: it says why.
#[test]
fn brackets_on_a_grid_without_other_axes_say_so() {
    let root = temp_dir("no-other-axis");
    let mut app = open_sweep(&root);
    press(&mut app, Action::DoubleSteps);
    let notice = app.notice.clone().unwrap_or_default();
    assert!(notice.contains("no axis beyond the map"), "{notice:?}");
    std::fs::remove_dir_all(&root).unwrap();
}

/// The synthetic sweep opened on the sweep screen.
fn open_sweep(root: &Path) -> App {
    write_sweep(root);
    open_first_sweep(root)
}

/// The terminal loop's part for disk messages: ticks, and whatever the watcher sent, until
/// `done` holds or five seconds pass (the watcher looks about once a second).
fn until(app: &mut App, done: impl Fn(&App) -> bool) -> bool {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while std::time::Instant::now() < deadline {
        app.update(Msg::Tick);
        while let Some(f) = app.watcher().try_recv() {
            app.update(Msg::Disk(f));
        }
        if done(app) {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    false
}

#[test]
fn cells_that_another_thread_finishes_appear_on_the_map_through_the_watcher() {
    use groktop::tui::state::sweep_disk::PointState;
    let root = temp_dir("sweep-live");
    let mut app = open_sweep(&root);
    let sw = app.sweep.as_ref().unwrap();
    assert_eq!(sw.point(64, 40), Some(&PointState::Pending));
    assert!(matches!(
        sw.point(64, 80),
        Some(PointState::Running { pct: 83 })
    ));
    // Another thread (as `groktop sweep` would) finishes both seeds of (d 64, n 40).
    let dir = groktop::record::SweepDir::new(&root.join("tiny-phase"));
    let writer = std::thread::spawn(move || {
        for cell in sweep_preset().cells() {
            if (cell.axes.d_model, cell.axes.n_train) == (64, 40) {
                finish_cell(&dir, &cell, Phase::Grokking, 0.98);
            }
        }
    });
    writer.join().unwrap();
    let done = |app: &App| {
        let sw = app.sweep.as_ref().unwrap();
        matches!(sw.point(64, 40), Some(PointState::Done(_)))
    };
    assert!(
        until(&mut app, done),
        "the map never showed the finished cells"
    );
    let sw = app.sweep.as_ref().unwrap();
    match sw.point(64, 40) {
        Some(PointState::Done(c)) => {
            assert_eq!(c.majority_phase, Phase::Grokking);
            assert_eq!(c.n_seeds, 2);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(sw.sweep.counts().0, 18);
    assert!(render(&app, 80, 24).contains("18/24 cells done"));
    std::fs::remove_dir_all(&root).unwrap();
}

/// The update path reads no file: with the open sweep's directory gone, ticks and keys still
/// run at once, and the watcher is still there to answer: the map then follows the deletion
/// (no cell done, the directory said to be gone) instead of keeping what it showed.
#[test]
fn ticks_and_keys_neither_read_nor_wait_for_a_sweep_directory_that_is_gone() {
    use groktop::tui::state::sweep_disk::PointState;
    let root = temp_dir("sweep-gone");
    let mut app = open_sweep(&root);
    std::fs::remove_dir_all(&root).unwrap();
    let t = std::time::Instant::now();
    for k in 0..200 {
        app.update(Msg::Tick);
        let a = if k % 2 == 0 {
            Action::Right
        } else {
            Action::Up
        };
        app.update(Msg::Action(a));
        app.update(Msg::Action(Action::Rescan));
    }
    assert!(
        t.elapsed() < std::time::Duration::from_millis(500),
        "200 ticks and 400 keys took {:?}",
        t.elapsed()
    );
    settle(&mut app);
    let sw = app.sweep.as_ref().unwrap();
    assert!(matches!(sw.point(8, 80), Some(PointState::Pending)));
    assert_eq!(sw.sweep.counts().0, 0);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("tiny-phase"), "{screen}");
    assert!(screen.contains("0/24 cells done"), "{screen}");
    assert!(screen.contains("the sweep's directory is gone"), "{screen}");
}

#[test]
fn sweep_keys_move_the_selection_seed_and_back() {
    let root = temp_dir("sweep-keys");
    let mut app = open_sweep(&root);
    let label = |app: &App| {
        let sw = app.sweep.as_ref().unwrap();
        sw.detail.as_ref().map(|d| d.run.label.clone())
    };
    // Starts at the smallest d_model and n_train.
    assert!(label(&app).unwrap().contains("n40 d8 L1 m0 s0"));
    press(&mut app, Action::Up);
    press(&mut app, Action::Up);
    press(&mut app, Action::Up); // stays at the top row
    press(&mut app, Action::Right);
    assert!(label(&app).unwrap().contains("n80 d16 L1 m0 s0"));
    let sw = app.sweep.as_ref().unwrap();
    assert!(sw.detail.as_ref().unwrap().run.train_acc.len() > 3);
    assert_eq!(sw.detail.as_ref().unwrap().run.phase, Phase::Grokking);
    press(&mut app, Action::MoreSeeds);
    assert!(label(&app).unwrap().contains("n80 d16 L1 m0 s1"));
    press(&mut app, Action::MoreSeeds);
    assert!(label(&app).unwrap().contains("s0"));
    // Tab away and back: the sweep stays open; Esc closes it.
    press(&mut app, Action::PrevScreen);
    assert_eq!(app.screen, Screen::Runs);
    press(&mut app, Action::NextScreen);
    assert_eq!(app.screen, Screen::Sweep);
    press(&mut app, Action::Back);
    assert_eq!(app.screen, Screen::Sweeps);
    assert!(app.sweep.is_none());
    assert_eq!(app.sweeps.entries.len(), 1);
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn brackets_cycle_the_other_axes_of_a_sweep() {
    let root = temp_dir("sweep-slices");
    let mut preset = sweep_preset();
    let axes = preset.sweep.as_mut().unwrap();
    axes.d_model = vec![8, 16];
    axes.n_layers = vec![1, 2];
    groktop::record::SweepDir::new(&root.join("slices"))
        .prepare(&preset)
        .unwrap();
    let (app, _) = app(&temp_dir("runs"));
    let mut app = app.with_sweeps_dir(root.clone());
    press(&mut app, Action::NextScreen);
    press(&mut app, Action::NextScreen);
    press(&mut app, Action::Enter);
    let label = |app: &App| {
        app.sweep
            .as_ref()
            .unwrap()
            .detail
            .as_ref()
            .unwrap()
            .run
            .label
            .clone()
    };
    assert!(label(&app).contains(" L1 "), "{}", label(&app));
    let text = render(&app, 80, 24);
    assert!(text.contains("L1 m0 · slice 1/2 ([ ])"), "{text}");
    let bar = text.lines().last().unwrap();
    assert!(bar.contains("[/] axes"), "{bar}");
    press(&mut app, Action::DoubleSteps);
    assert!(label(&app).contains(" L2 "), "{}", label(&app));
    let text = render(&app, 80, 24);
    assert!(text.contains("L2 m0 · slice 2/2"), "{text}");
    assert!(text.contains("not started yet"), "{text}");
    press(&mut app, Action::HalveSteps);
    assert!(label(&app).contains(" L1 "));
    std::fs::remove_dir_all(&root).unwrap();
}

/// A newcomer lands on figure 2's grokking run with one seed, and the configuration line
/// says what Enter will start, with the steps chosen with [ ].
#[test]
fn the_picker_opens_on_one_grokking_run_and_shows_what_enter_starts() {
    let app = groktop::tui::App::new(
        groktop::preset::builtin_presets(),
        "runs".into(),
        Box::new(groktop::tui::Recorder::default()),
        groktop::tui::Theme { color: false },
    );
    assert_eq!(app.picker.current().unwrap().name, "grokking");
    assert_eq!(app.picker.seeds, 1);
    let mut app = app;
    let steps = app.picker.steps;
    press(&mut app, Action::DoubleSteps);
    let text = render(&app, 200, 50).replace('\u{a0}', " ");
    let doubled = groktop::human::steps(steps * 2);
    assert!(text.contains(&format!("wd 1 · steps {doubled}")), "{text}");
}

#[test]
fn a_finished_run_opens_read_only_and_a_run_trained_elsewhere_is_followed() {
    let root = temp_dir("views");
    // Finished: its checkpoint at the last step.
    drop(stopped_run(&root.join("grokking-a-finished"), 25_000));
    // Trained by "another process": this test holds its lock.
    let live = stopped_run(&root.join("grokking-b-live"), 300);
    let (mut app, rec) = app(&root);
    press(&mut app, Action::NextScreen);
    assert_eq!(app.screen, Screen::Runs);
    assert!(
        app.disk.entries[0].writer.is_some(),
        "newest first: the live one"
    );
    press(&mut app, Action::Enter);
    assert_eq!(app.screen, Screen::Run);
    assert!(
        rec.started().is_empty(),
        "no worker for a run trained elsewhere"
    );
    assert_eq!(app.runs[0].step, 300);
    assert!(app.notice.as_deref().unwrap().contains("following"));
    // It grows on disk: the watcher reads it again within a second.
    live.append_metrics(&metrics(400, 0.0)).unwrap();
    assert!(until(&mut app, |app| app.runs[0].step == 400));
    drop(live);

    press(&mut app, Action::Back);
    press(&mut app, Action::NextScreen);
    press(&mut app, Action::PrevScreen);
    while app.screen != Screen::Runs {
        press(&mut app, Action::NextScreen);
    }
    press(&mut app, Action::Down);
    press(&mut app, Action::Enter);
    assert!(rec.started().is_empty(), "no worker for a finished run");
    let r = app.runs.last().unwrap();
    assert_eq!(r.step, 25_000);
    assert_eq!(
        r.status,
        groktop::tui::state::run_state::Status::Finished { completed: true }
    );
    std::fs::remove_dir_all(&root).unwrap();
}

/// Following a run that another process trains: q quits at once (there is nothing of this
/// process to stop; it used to ask, then wait in "stopping runs…" until the other process
/// ended), and Space and c send nothing to a worker that does not exist.
#[test]
fn quitting_while_following_a_run_trained_elsewhere_does_not_wait_for_it() {
    let root = temp_dir("follow-quit");
    let live = stopped_run(&root.join("grokking-live"), 300);
    let (mut app, rec) = app(&root);
    press(&mut app, Action::NextScreen);
    press(&mut app, Action::Enter);
    assert_eq!(app.screen, Screen::Run);
    assert!(app.runs[0].status.is_active(), "shown as running");
    press(&mut app, Action::TogglePause);
    press(&mut app, Action::Checkpoint);
    assert!(rec.sent().is_empty(), "controls sent to no worker");
    assert_eq!(app.active_count(), 0);
    press(&mut app, Action::Quit);
    assert!(app.popup.is_none(), "no quit dialog");
    assert!(app.should_quit);
    drop(live);
    std::fs::remove_dir_all(&root).unwrap();
}

/// Quitting prints what ran and how to continue what did not finish.
#[test]
fn the_exit_report_names_each_run_and_how_to_resume_it() {
    let (mut app, _) = app(&temp_dir("runs"));
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    feed(&mut app, RunId(0), 5_000, 0.0, Phase::Grokking);
    let report = app.exit_report();
    assert_eq!(report.len(), 1, "{report:?}");
    assert!(
        report[0].starts_with("grokking · seed 0: provisional at step 5 000 / 25 000 → "),
        "{report:?}"
    );
    assert!(report[0].contains("groktop resume "), "{report:?}");
}

/// `b` turns the bell on: a phase event of a shown run rings it once; off (the default), or
/// for a run not shown, nothing rings.
#[test]
fn the_bell_rings_once_per_phase_event_only_when_turned_on() {
    use groktop::analysis::EventKind;
    let (mut app, _) = app(&temp_dir("runs"));
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    app.update(Msg::Worker(phase_event(
        RunId(0),
        100,
        EventKind::Memorized,
        "m",
    )));
    assert!(!app.take_ring(), "off by default");
    press(&mut app, Action::ToggleBell);
    assert!(app.bell);
    assert!(app.notice.as_deref().unwrap().contains("bell on"));
    app.update(Msg::Worker(phase_event(
        RunId(0),
        200,
        EventKind::Plateau,
        "p",
    )));
    assert!(app.take_ring());
    assert!(!app.take_ring(), "rung once");
    app.update(Msg::Worker(Event::Metrics {
        run: RunId(0),
        metrics: metrics(300, 0.0),
        classification: Classification {
            phase: Phase::Undecided,
            reason: String::new(),
        },
    }));
    assert!(!app.take_ring(), "evaluations do not ring");
    press(&mut app, Action::ToggleBell);
    app.update(Msg::Worker(phase_event(
        RunId(0),
        400,
        EventKind::Generalized,
        "g",
    )));
    assert!(!app.take_ring());
}
