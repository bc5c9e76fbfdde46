//! Whole-screen snapshots on a fixed-size TestBackend, at 80×24 and 200×50. Run and compare
//! views are compared with stored text (`GROKTOP_UPDATE_SNAPSHOTS=1` rewrites them, and the
//! README screenshots in docs/screenshots/); every screen is also checked for the content
//! that must be there, so a snapshot accepted blindly still cannot hide a missing label.

mod tui_support;

use groktop::analysis::Phase;
use groktop::tui::{Action, App, Msg, Popup, Screen};
use groktop::worker::{Event, RunId};
use std::path::Path;
use tui_support::*;

const SIZES: [(u16, u16); 2] = [(80, 24), (200, 50)];

fn contains_all(text: &str, wanted: &[&str]) {
    for w in wanted {
        assert!(text.contains(w), "missing {w:?} in\n{text}");
    }
}

/// One run at step 16 000 that memorized at 1 700 and generalized at 14 300, paused.
fn run_app() -> App {
    let (mut app, _) = app(&temp_dir("runs"));
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    feed(&mut app, RunId(0), 16_000, 0.0, Phase::Grokking);
    app.update(Msg::Worker(Event::Paused {
        run: RunId(0),
        step: 16_000,
    }));
    // Let the "started" notice expire so snapshots do not depend on it.
    for _ in 0..100 {
        app.update(Msg::Tick);
    }
    app
}

/// Three seeds generalizing at different steps.
fn compare_app() -> App {
    let (mut app, _) = app(&temp_dir("runs"));
    press(&mut app, Action::MoreSeeds);
    press(&mut app, Action::MoreSeeds);
    press(&mut app, Action::Enter);
    for i in 0..3 {
        app.update(Msg::Worker(started(RunId(i), i as u64)));
        let shift = -3000.0 + 4000.0 * i as f64;
        feed(
            &mut app,
            RunId(i),
            16_000 + 2000 * i as u64,
            shift,
            Phase::Grokking,
        );
    }
    for _ in 0..100 {
        app.update(Msg::Tick);
    }
    app
}

#[test]
fn picker_shows_the_experiment_and_the_start_choices() {
    let (mut app, _) = app(&temp_dir("runs"));
    press(&mut app, Action::MoreSeeds);
    press(&mut app, Action::DoubleSteps);
    for (w, h) in SIZES {
        let text = render(&app, w, h);
        contains_all(
            &text,
            &[
                "Experiments",
                "Runs on disk",
                "Figure 2",
                "▶ 2c  grokking",
                "The paper reports: Val accuracy jumps late.",
                "Changed from the paper",
                "Configuration: task mod-add",
                "n_train 3 000",
                "d_model 64",
                "lr 0.003",
                "seeds  2",
                "steps 50 000",
                "est.",
                "Enter starts 2 seeds side by side",
                "Enter start",
            ],
        );
    }
}

#[test]
fn runs_tab_lists_directories_on_disk() {
    let root = temp_dir("runs-tab");
    let run = root.join("grokking-20260101-120000");
    let w = groktop::record::RunWriter::create_at(&run, &preset(0)).unwrap();
    for step in [5000, 10_000] {
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
            history: vec![metrics(100, 0.0)],
        };
        w.write_checkpoint(&state, b"", b"").unwrap();
    }
    w.write_metrics(&[metrics(100, 0.0), metrics(12_300, 0.0)])
        .unwrap();
    drop(w);
    // An events.log as versions before stable names wrote it: still read.
    std::fs::write(
        run.join("events.log"),
        "step 1700\tMemorized\ttrain acc ≥ 99%\nfinal\tsemi-grokking\tval plateaued\n",
    )
    .unwrap();
    let (mut app, _) = app(&root);
    press(&mut app, Action::NextScreen);
    assert_eq!(app.screen, Screen::Runs);
    for (w, h) in SIZES {
        let text = render(&app, w, h);
        contains_all(
            &text,
            &[
                if w >= 120 {
                    "grokking-20260101-120000"
                } else {
                    "grokking"
                },
                "12.3k/25k",
                "semi-grokking",
                "01-01 12:00",
                "Enter resumes",
            ],
        );
    }
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn run_view_snapshot() {
    let app = run_app();
    for (w, h) in SIZES {
        let text = render(&app, w, h);
        contains_all(
            &text,
            &[
                "grokking · seed 0",
                "phase GROKKING",
                "accuracy",
                "train 100.0% · val 95.6%",
                "100%",
                "step 16 000 / 25 000",
                "34.1/s",
                "elapsed 7m49s",
                "ETA 4m24s",
                "64%",
                "‖ PAUSED",
                "1 700 M train acc ≥ 99%",
                "14 300 G val acc ≥ 95%",
                "parameter norm",
            ],
        );
        assert_snapshot(&format!("run_{w}x{h}"), &text);
    }
    // The tall layout has all three charts, with log-scale loss ticks.
    contains_all(
        &render(&app, 200, 50),
        &["loss (log10)", "1e-3", "0.1", "12.5k", "25k"],
    );
}

#[test]
fn run_view_log_axis_has_decade_ticks() {
    let mut app = run_app();
    press(&mut app, Action::ToggleLogX);
    let text = render(&app, 200, 50);
    contains_all(&text, &["1 ", "10 ", "100 ", "1k", "10k"]);
    // The axis ends at the run's 25 000 steps, not at the next decade.
    assert!(!text.contains("100k"), "{text}");
}

#[test]
fn compare_view_snapshot() {
    let app = compare_app();
    for (w, h) in SIZES {
        let text = render(&app, w, h);
        contains_all(
            &text,
            &[
                "3/3 grokked, at 11 300, 15 300 and 19 300",
                "val 99.0% / 98.3% / 83.4%",
                "▶ seed 0 GROKKING 99.0%",
                "seed 1 GROKKING 98.3%",
                "seed 2 GROKKING 83.4%",
                "seed 0: mem 1 700 · gen 11 300",
                "val accuracy",
                "train accuracy",
                "val loss (log10)",
                "parameter norm",
                "step 16 000 / 25 000",
                "3×34.1/s",
                "RUNNING",
            ],
        );
        assert_snapshot(&format!("compare_{w}x{h}"), &text);
    }
}

/// The synthetic sweep opened from the Sweeps tab, the semi-grokking cell (d 16, n 60) selected.
fn sweep_app(root: &Path) -> App {
    write_sweep(root);
    let (app, _) = app(&temp_dir("runs"));
    let mut app = app.with_sweeps_dir(root.to_path_buf());
    press(&mut app, Action::NextScreen);
    press(&mut app, Action::NextScreen);
    assert_eq!(app.screen, Screen::Sweeps);
    press(&mut app, Action::Enter);
    assert_eq!(app.screen, Screen::Sweep);
    press(&mut app, Action::Right);
    press(&mut app, Action::Up);
    app
}

#[test]
fn sweeps_tab_lists_sweep_directories() {
    let root = temp_dir("sweeps-tab");
    write_sweep(&root);
    let (app, _) = app(&temp_dir("runs"));
    let mut app = app.with_sweeps_dir(root.clone());
    press(&mut app, Action::NextScreen);
    press(&mut app, Action::NextScreen);
    for (w, h) in SIZES {
        let text = render(&app, w, h);
        contains_all(
            &text,
            &["Sweeps on disk", "tiny-phase", "16 / 24", "Enter opens"],
        );
    }
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn sweep_screen_snapshot() {
    let root = temp_dir("sweep-screen");
    let app = sweep_app(&root);
    for (w, h) in SIZES {
        let text = render(&app, w, h);
        // The root is a temporary path: keep snapshots independent of it.
        contains_all(
            &text,
            &[
                "tiny-phase",
                "16/24 cells done · 4 running",
                "n_train ↑  d_model →",
                "▶ 60",
                "P 62",
                "P 96",
                "G100",
                "S 44",
                "U  4",
                "50%",
                "·",
                "P progression",
                "S semi-grokking",
                "D_crit (val ≥ 90% at ",
                "D_mem (",
                "n60 d16 L1 m0 s0 (seed 1/2, +/-)",
                "phase SEMI-GROKKING",
                "accuracy",
                "why: semi-grokking: synthetic verdict",
            ],
        );
        assert_snapshot(&format!("sweep_{w}x{h}"), &text);
    }
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn g_steps_through_the_papers_figures_from_the_finished_cells_then_back_to_the_cell() {
    let root = temp_dir("sweep-figures");
    let mut app = sweep_app(&root);
    press(&mut app, Action::NextFigure);
    for (w, h) in FIGURE_SIZES {
        let text = render(&app, w, h);
        contains_all(
            &text,
            &[
                "Double descent in model size",
                "figure 1/2 · g next",
                "final validation accuracy",
                "100%",
                "model size d_model",
                "⣿ D_train = 40",
                "• D_train = 60",
            ],
        );
        assert_snapshot(&format!("sweep_figure_{w}x{h}"), &text);
    }
    press(&mut app, Action::NextFigure);
    for (w, h) in FIGURE_SIZES {
        let text = render(&app, w, h);
        contains_all(
            &text,
            &[
                "Validation accuracy vs training-set size",
                "figure 2/2 · g next",
                "⣿ d_model = 8 (D_crit ≈ 77)",
                "• across: 90% val accuracy",
                "• up and down: D_crit of the line in that colour",
            ],
        );
        assert_snapshot(&format!("sweep_figure2_{w}x{h}"), &text);
    }
    press(&mut app, Action::NextFigure);
    contains_all(&render(&app, 200, 50), &["phase SEMI-GROKKING"]);
    std::fs::remove_dir_all(&root).unwrap();
}

/// On a grid with no axis beyond the map's two, [ and ] would only say so: the key bar
/// leaves them out (the help keeps them), and a press says why nothing changed.
#[test]
fn slice_keys_leave_the_bar_on_a_grid_with_one_slice() {
    let root = temp_dir("sweep-one-slice");
    let mut app = sweep_app(&root);
    for (w, h) in FIGURE_SIZES {
        let text = render(&app, w, h);
        let bar = text.lines().last().unwrap();
        assert!(bar.contains("g figures") && !bar.contains("[/]"), "{bar}");
    }
    press(&mut app, Action::DoubleSteps);
    let notice = app.notice.clone().unwrap_or_default();
    assert!(notice.contains("no axis beyond the map's two"), "{notice}");
    std::fs::remove_dir_all(&root).unwrap();
}

const FIGURE_SIZES: [(u16, u16); 3] = [(80, 24), (100, 30), (200, 50)];

/// A figure's title and axis titles are drawn whole at every size (wrapped by words, never
/// cut or run into the figure's position), and its legend shows the glyphs its lines are
/// drawn with.
#[test]
fn figure_titles_fit_and_the_legend_shows_the_lines_glyphs() {
    let root = temp_dir("sweep-figure-titles");
    let mut app = sweep_app(&root);
    let figures = app.sweep.as_ref().unwrap().figures.clone();
    assert_eq!(figures.len(), 2);
    for (_, chart) in &figures {
        press(&mut app, Action::NextFigure);
        for (w, h) in FIGURE_SIZES {
            let text = render(&app, w, h);
            // Words as drawn: split at spaces and the box's edges, brackets aside.
            let bare = |w: &str| w.trim_matches(|c| c == '(' || c == ')').to_string();
            let words: Vec<String> = text
                .split(|c: char| c.is_whitespace() || "─│┌┐└┘".contains(c))
                .filter(|w| !w.is_empty())
                .map(bare)
                .collect();
            // The x title's notes are about the report's drawing (dashed markers, pale
            // lines), which this chart does not draw: its name only.
            let x_name = chart.x_desc.split([';', '(']).next().unwrap();
            for title in [chart.title.as_str(), &chart.y_desc, x_name] {
                for word in title.split_whitespace().map(bare) {
                    assert!(
                        words.contains(&word),
                        "{w}x{h}: {word:?} of {title:?} not whole in\n{text}"
                    );
                }
            }
            assert!(text.contains("figure"), "{w}x{h}\n{text}");
            for glyph in ["━", "┆", "┄"] {
                assert!(
                    !text.contains(glyph),
                    "{w}x{h}: {glyph} is drawn by no line"
                );
            }
        }
    }
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn sweep_screen_never_panics_at_any_size() {
    let root = temp_dir("sweep-sizes");
    let app = sweep_app(&root);
    for (w, h) in [
        (60, 16),
        (61, 17),
        (70, 20),
        (99, 29),
        (119, 40),
        (120, 34),
        (300, 80),
    ] {
        let text = render(&app, w, h);
        assert!(text.contains("tiny-phase"), "{w}x{h}:\n{text}");
    }
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn help_popup_lists_every_key() {
    let mut app = run_app();
    press(&mut app, Action::Help);
    assert_eq!(app.popup, Some(Popup::Help { scroll: 0 }));
    for (w, h) in SIZES {
        let text = render(&app, w, h);
        assert_snapshot(&format!("help_{w}x{h}"), &text);
        // Every key is on the screen, or reached by scrolling (↓) where the body is short.
        let mut seen = text;
        let mut scrolled = app.popup.clone();
        for _ in 0..40 {
            press(&mut app, Action::Down);
            seen.push_str(&render(&app, w, h));
            scrolled = app.popup.clone();
        }
        assert_ne!(scrolled, Some(Popup::Help { scroll: 0 }));
        let own = groktop::tui::keys::own(app.screen_context());
        for b in own.chain(groktop::tui::keys::GLOBAL) {
            contains_all(&seen, &[b.key, b.help]);
        }
        press(&mut app, Action::Back);
        press(&mut app, Action::Help);
    }
}

#[test]
fn quit_dialog_offers_three_choices() {
    let mut app = run_app();
    press(&mut app, Action::Quit);
    for (w, h) in SIZES {
        let text = render(&app, w, h);
        contains_all(
            &text,
            &[
                "quit groktop?",
                "A run is still training.",
                "[c] checkpoint and quit",
                "[q] quit",
                "[Esc] cancel",
            ],
        );
        assert_snapshot(&format!("quit_{w}x{h}"), &text);
    }
}

#[test]
fn small_terminals_ask_for_room_and_never_panic() {
    let app = compare_app();
    for (w, h) in [
        (1, 1),
        (20, 5),
        (59, 30),
        (60, 16),
        (61, 17),
        (80, 24),
        (81, 25),
        (119, 33),
        (120, 34),
    ] {
        let text = render(&app, w, h);
        if (w < 60 || h < 16) && w >= 20 && h >= 5 {
            assert!(text.contains("enlarge"), "{w}x{h}:\n{text}");
        }
    }
    let app = run_app();
    for (w, h) in [
        (60, 16),
        (70, 20),
        (99, 29),
        (100, 30),
        (119, 40),
        (300, 80),
    ] {
        render(&app, w, h);
    }
}

/// The README's screenshots: the run and compare screens at 100×30.
#[test]
fn readme_screenshots_are_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
    for (name, text) in [
        ("run", render(&run_app(), 100, 30)),
        ("compare", render(&compare_app(), 100, 30)),
    ] {
        let path = dir.join(format!("{name}.txt"));
        if std::env::var_os("GROKTOP_UPDATE_SNAPSHOTS").is_some() {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &text).unwrap();
        } else {
            let on_disk = std::fs::read_to_string(&path).unwrap_or_else(|_| {
                panic!("{} missing: GROKTOP_UPDATE_SNAPSHOTS=1", path.display())
            });
            assert_eq!(
                on_disk,
                text,
                "{} is stale: GROKTOP_UPDATE_SNAPSHOTS=1",
                path.display()
            );
        }
    }
}

/// The README's run-view capture is `docs/screenshots/run.txt` (checked just above to be
/// today's rendering), so the README cannot show a screen the code no longer draws.
#[test]
fn the_readme_capture_is_the_current_run_view() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let capture = std::fs::read_to_string(root.join("docs/screenshots/run.txt")).unwrap();
    let block = format!("```text\n{capture}```");
    assert!(
        readme.contains(&block),
        "README.md's run view capture differs from docs/screenshots/run.txt: copy it in"
    );
}

/// Before its jump a live run's verdict is provisional and says what it waits for; the
/// finished run's verdict replaces it.
#[test]
fn live_verdict_is_provisional_until_settled() {
    let (mut app, _) = app(&temp_dir("runs"));
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    feed(&mut app, RunId(0), 5_000, 0.0, Phase::Grokking);
    for (w, h) in SIZES {
        let text = render(&app, w, h);
        contains_all(
            &text,
            &[
                "phase provisional",
                "▸ provisional: memorized at 1 700 · no onset yet",
                "ungrokking if none by",
                "25 000",
            ],
        );
        assert!(!text.contains("UNGROKKING"), "{text}");
    }
}
