//! Colour: NO_COLOR turns it off, and nothing is said by colour alone. (Its own test binary:
//! it sets an environment variable.)

mod tui_support;

use groktop::analysis::Phase;
use groktop::tui::{Action, App, Msg, Recorder, Theme};
use groktop::worker::{Event, RunId};
use ratatui::style::{Color, Modifier};
use tui_support::*;

fn paused_run(theme: Theme) -> App {
    let mut app = App::new(
        vec![preset(0)],
        temp_dir("runs"),
        Box::new(Recorder::default()),
        theme,
    );
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    feed(&mut app, RunId(0), 16_000, 0.0, Phase::Grokking);
    app.update(Msg::Worker(Event::Paused {
        run: RunId(0),
        step: 16_000,
    }));
    app
}

#[test]
fn no_color_env_turns_colour_off() {
    // SAFETY: this test binary has no other threads reading the environment.
    unsafe { std::env::set_var("NO_COLOR", "1") };
    assert!(!Theme::from_env().color);
    unsafe { std::env::set_var("NO_COLOR", "") };
    assert!(Theme::from_env().color, "an empty NO_COLOR does not count");
    unsafe { std::env::remove_var("NO_COLOR") };
    assert!(Theme::from_env().color);
}

#[test]
fn without_colour_no_cell_is_coloured_and_meaning_stays() {
    let app = paused_run(Theme { color: false });
    for (w, h) in [(80, 24), (200, 50)] {
        let buf = render_buffer(&app, w, h);
        for cell in buf.content() {
            assert_eq!(cell.fg, Color::Reset, "{:?}", cell);
            assert_eq!(cell.bg, Color::Reset, "{:?}", cell);
        }
        let text = render(&app, w, h);
        // Lines told apart by marker, state and phase by words.
        for want in [
            "• train",
            "⣿ val",
            "‖ PAUSED",
            "phase GROKKING",
            " M ",
            "G ",
        ] {
            assert!(text.contains(want), "{want:?} missing:\n{text}");
        }
    }
}

/// Without colour the paper's val and the twin-free val are both braille lines: the
/// paper's is dim and the twin-free bold, on the chart and in its legend, so they still read
/// as two lines.
#[test]
fn without_colour_val_and_twin_free_differ_by_weight() {
    let mut app = App::new(
        vec![preset(0)],
        temp_dir("runs"),
        Box::new(Recorder::default()),
        Theme { color: false },
    );
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    for step in (0..=16_000).step_by(100) {
        let mut m = metrics(step, 0.0);
        m.twin_free_val_acc = m.val_acc.map(|v| (v - 0.3).max(0.0));
        app.update(Msg::Worker(Event::Metrics {
            run: RunId(0),
            metrics: m,
            classification: groktop::analysis::Classification {
                phase: Phase::Undecided,
                reason: String::new(),
            },
        }));
    }
    let buf = render_buffer(&app, 200, 50);
    let text = render(&app, 200, 50);
    let title_row = text
        .lines()
        .position(|l| l.contains("⣿ twin-free"))
        .unwrap() as u16;
    let title = text.lines().nth(title_row as usize).unwrap();
    let samples: Vec<u16> = (title.chars().enumerate())
        .filter(|&(_, c)| c == '⣿')
        .map(|(x, _)| x as u16)
        .collect();
    let [val, twin_free] = samples[..] else {
        panic!("two braille samples in {title:?}")
    };
    let modifier = |x: u16| buf[(x, title_row)].modifier;
    assert!(modifier(val).contains(Modifier::DIM), "{:?}", modifier(val));
    assert!(
        modifier(twin_free).contains(Modifier::BOLD),
        "{:?}",
        modifier(twin_free)
    );
    // And on the chart: both weights are drawn.
    let braille = |m: Modifier| {
        buf.content().iter().any(|c| {
            c.modifier.contains(m)
                && c.symbol()
                    .chars()
                    .all(|ch| ('\u{2801}'..='\u{28ff}').contains(&ch))
        })
    };
    assert!(braille(Modifier::DIM) && braille(Modifier::BOLD), "{text}");
}

#[test]
fn with_colour_the_lines_and_phase_are_coloured_too() {
    let app = paused_run(Theme { color: true });
    let buf = render_buffer(&app, 200, 50);
    let colours: std::collections::HashSet<Color> = buf.content().iter().map(|c| c.fg).collect();
    for c in [
        Color::Blue,
        Color::Yellow,
        Color::Magenta,
        Color::Green,
        Color::Red,
    ] {
        assert!(colours.contains(&c), "{c:?} not used");
    }
}

#[test]
fn sweep_map_reads_without_colour() {
    let root = temp_dir("sweep-no-color");
    write_sweep(&root);
    let app = App::new(
        vec![preset(0)],
        temp_dir("runs"),
        Box::new(Recorder::default()),
        Theme { color: false },
    );
    let mut app = app.with_sweeps_dir(root.clone());
    press(&mut app, Action::NextScreen);
    press(&mut app, Action::NextScreen);
    press(&mut app, Action::Enter);
    for (w, h) in [(80, 24), (200, 50)] {
        let buf = render_buffer(&app, w, h);
        for cell in buf.content() {
            assert_eq!(cell.fg, Color::Reset, "{:?}", cell);
            assert_eq!(cell.bg, Color::Reset, "{:?}", cell);
        }
        let text = render(&app, w, h);
        // Every phase on the map is a letter; progress a percentage; pending a dot.
        for want in [
            "P 96",
            "P 62",
            "U  4",
            "G 98",
            "S 44",
            "G100",
            "83%",
            "50%",
            "·",
            "P progression",
            "U ungrokking",
            "G grokking",
            "S semi-grokking",
            "C comprehension",
            "? undecided",
        ] {
            assert!(text.contains(want), "{want:?} missing at {w}x{h}:\n{text}");
        }
    }
    // With colour, the blocks are coloured by phase as well.
    app.theme = Theme { color: true };
    let buf = render_buffer(&app, 200, 50);
    let bgs: std::collections::HashSet<Color> = buf.content().iter().map(|c| c.bg).collect();
    for c in [Color::Cyan, Color::Green, Color::Yellow, Color::Red] {
        assert!(bgs.contains(&c), "{c:?} not used as a block colour");
    }
    std::fs::remove_dir_all(&root).unwrap();
}
