//! The help popup's legend is the shown screen's: every symbol a screen draws has an entry
//! in that screen's legend (`screens/<screen>/words.rs`), and the entries say what the
//! symbol means there (• is train in the run view, the mean in the compare view).

mod tui_support;

use groktop::analysis::Phase;
use groktop::tui::keys::legend;
use groktop::tui::{Action, App, Msg, Popup, Recorder, Screen, Theme};
use groktop::worker::{Event, RunId};
use tui_support::*;

const SIZES: [(u16, u16); 3] = [(80, 24), (100, 30), (200, 50)];

/// Characters that are text, frame or punctuation, not symbols that need a legend.
const NOT_SYMBOLS: &str = "─│┌┐└┘├┤┴┼·–—×≥≤≈→←↔%▏";

/// True for a braille cell: any of them is part of a line, which the legend calls ⣿.
fn braille(c: char) -> bool {
    ('\u{2800}'..='\u{28ff}').contains(&c)
}

/// Every symbol `app` draws on its screen (between the tab row and the key bar) that the
/// screen's legend does not list; for the run and compare views also the phase-event letters
/// at the top of the accuracy chart.
fn unexplained(app: &App, w: u16, h: u16) -> Vec<char> {
    let keys: String = legend(app.screen).iter().map(|(k, _)| *k).collect();
    let text = render(app, w, h);
    let lines: Vec<&str> = text.lines().collect();
    let body = &lines[1..lines.len() - 1];
    let mut missing: Vec<char> = Vec::new();
    for line in body {
        for c in line.chars() {
            let shown = if braille(c) && !keys.contains(c) {
                '⣿'
            } else {
                c
            };
            if !c.is_ascii() && !NOT_SYMBOLS.contains(c) && !keys.contains(shown) {
                missing.push(c);
            }
        }
    }
    // The event letters: capitals right of the y axis on the chart's top row.
    for line in body.iter().filter(|l| l.contains("100%│")) {
        let plot = line.split_once("100%│").map_or("", |(_, p)| p);
        missing.extend(
            plot.chars()
                .take_while(|&c| c != '│')
                .filter(|c| c.is_ascii_uppercase() && !keys.contains(*c)),
        );
    }
    missing.sort_unstable();
    missing.dedup();
    missing
}

fn assert_explained(app: &App, what: &str) {
    for (w, h) in SIZES {
        let missing = unexplained(app, w, h);
        assert!(
            missing.is_empty(),
            "{what} at {w}x{h} draws {missing:?}, which its legend does not list:\n{}",
            render(app, w, h)
        );
    }
}

/// One run at step 16 000 that memorized, had its onset and generalized, paused.
fn run_app() -> App {
    let (mut app, _) = app(&temp_dir("runs"));
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    feed(&mut app, RunId(0), 16_000, 0.0, Phase::Grokking);
    app.update(Msg::Worker(Event::Paused {
        run: RunId(0),
        step: 16_000,
    }));
    app
}

/// Three seeds, each at its own step.
fn compare_app() -> App {
    live_seeds(3, |i| -3000.0 + 4000.0 * i as f64)
}

#[test]
fn the_run_view_explains_what_it_draws() {
    let mut app = run_app();
    assert_explained(&app, "the run view");
    press(&mut app, Action::Right);
    press(&mut app, Action::ToggleCircuits);
    assert_explained(&app, "the run view with a cursor and f");
}

#[test]
fn the_compare_view_explains_what_it_draws() {
    let mut app = compare_app();
    assert_explained(&app, "the compare view");
    press(&mut app, Action::Right);
    assert_explained(&app, "the compare view with a cursor");
}

#[test]
fn the_picker_explains_what_it_draws() {
    let rec = Recorder::default();
    let mut app = App::new(
        vec![preset(0), sweep_preset()],
        "runs".into(),
        Box::new(rec),
        Theme { color: false },
    );
    assert_explained(&app, "the picker");
    press(&mut app, Action::Down);
    assert!(render(&app, 80, 24).contains('⊞'));
    assert_explained(&app, "the picker on a grid");
}

#[test]
fn the_runs_tab_explains_what_it_draws() {
    let root = temp_dir("legend-runs");
    for seed in 0..2 {
        finished_run(&root, &format!("grokking-20260101-12000{seed}"), seed, 0.0);
    }
    let (mut app, _) = app(&root);
    press(&mut app, Action::NextScreen);
    assert_eq!(app.screen, Screen::Runs);
    press(&mut app, Action::ToggleMark);
    assert!(render(&app, 80, 24).contains('●'));
    assert_explained(&app, "the Runs tab");
    press(&mut app, Action::Inspect);
    assert_eq!(app.screen, Screen::Overview);
    assert_explained(&app, "the run overview");
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn the_sweep_screens_explain_what_they_draw() {
    let root = temp_dir("legend-sweep");
    write_sweep(&root);
    let mut app = sweeps_tab(&root);
    assert_explained(&app, "the Sweeps tab");
    press(&mut app, Action::Enter);
    assert_eq!(app.screen, Screen::Sweep);
    press(&mut app, Action::Right);
    press(&mut app, Action::Up);
    assert_explained(&app, "the sweep map and a cell");
    press(&mut app, Action::NextFigure);
    assert_explained(&app, "figure 1");
    press(&mut app, Action::NextFigure);
    assert_explained(&app, "figure 2");
    std::fs::remove_dir_all(&root).unwrap();
}

/// The help popup's text, scrolled through to its end.
fn help_text(app: &mut App, w: u16, h: u16) -> String {
    press(app, Action::Help);
    assert_eq!(app.popup, Some(Popup::Help { scroll: 0 }));
    let mut seen = render(app, w, h);
    for _ in 0..60 {
        press(app, Action::Down);
        seen.push_str(&render(app, w, h));
    }
    press(app, Action::Back);
    seen
}

/// True when a row of the help `text` gives `symbol` the meaning `what`.
fn says(text: &str, symbol: &str, what: &str) -> bool {
    text.lines().any(|l| {
        l.split_once(what)
            .is_some_and(|(before, _)| before.trim_end().ends_with(&format!("│ {symbol}")))
    })
}

/// The help says what • means on the screen it is opened over: train in the run view, the
/// mean in the compare view, and the compare view's legend says nothing of train dots.
#[test]
fn the_help_explains_the_symbols_as_this_screen_uses_them() {
    let mut run = run_app();
    let text = help_text(&mut run, 200, 50);
    assert!(says(&text, "•", "train accuracy and loss: dots"), "{text}");
    assert!(text.contains("Symbols on this screen"), "{text}");
    assert!(!text.contains("min–max band"), "{text}");
    let mut compare = compare_app();
    let text = help_text(&mut compare, 200, 50);
    assert!(says(&text, "•", "the mean of the runs alike"), "{text}");
    assert!(!text.contains("train accuracy and loss: dots"), "{text}");
    for (k, what) in legend(Screen::Compare) {
        assert!(text.contains(k) && text.contains(what), "{k} {what}");
    }
}

/// At 80×24 the help scrolls down to its last legend entry: meanings too long for the popup
/// wrap under themselves, and the scroll counts the wrapped rows.
#[test]
fn the_whole_legend_is_reachable_at_80_by_24() {
    let mut app = run_app();
    let text = help_text(&mut app, 80, 24);
    for (k, what) in legend(Screen::Run) {
        assert!(text.contains(&format!("│ {k} ")), "{k}\n{text}");
        for word in what.split_whitespace() {
            assert!(text.contains(word), "{word} of {k}: {what}\n{text}");
        }
    }
    let wrapped = text
        .lines()
        .filter(|l| l.starts_with("│            ") && l.trim_end_matches('│').trim() != "")
        .count();
    assert!(wrapped > 0, "a long meaning continues under itself\n{text}");
}
