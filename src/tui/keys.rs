//! The key map: which key is which `Action`, and the text of the help popup and footer.

use super::app::Screen;
use super::msg::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// The action of a key press, if it has one (releases and repeats of toggles are ignored).
pub fn action(key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('c') if ctrl => Action::Interrupt,
        KeyCode::Up | KeyCode::Char('k') => Action::Up,
        KeyCode::Down | KeyCode::Char('j') => Action::Down,
        KeyCode::Left | KeyCode::Char('h') => Action::Left,
        KeyCode::Right => Action::Right,
        KeyCode::Enter => Action::Enter,
        KeyCode::Esc => Action::Back,
        KeyCode::Tab => Action::NextScreen,
        KeyCode::BackTab => Action::PrevScreen,
        KeyCode::Char(' ') => Action::TogglePause,
        KeyCode::Char('c') => Action::Checkpoint,
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Char('?') => Action::Help,
        KeyCode::Char('l') => Action::ToggleLogX,
        KeyCode::Char('f') => Action::ToggleCircuits,
        KeyCode::Char('+' | '=') => Action::MoreSeeds,
        KeyCode::Char('-' | '_') => Action::FewerSeeds,
        KeyCode::Char('[') => Action::HalveSteps,
        KeyCode::Char(']') => Action::DoubleSteps,
        KeyCode::Char('r') => Action::Rescan,
        _ => return None,
    })
}

/// Every key, for the help popup: (keys, what they do).
pub const HELP: &[(&str, &str)] = &[
    ("Tab / Shift-Tab", "next / previous screen"),
    ("↑ ↓ ← →  (k j h)", "select (sweep: move on the map)"),
    (
        "Enter",
        "start an experiment / resume a run / open a seed or sweep",
    ),
    (
        "Esc",
        "back to the comparison or the sweep list; close a popup",
    ),
    ("+ / -", "experiments: one seed more / fewer"),
    ("[ / ]", "experiments: halve / double the steps"),
    (
        "+ - / [ ]",
        "sweep: next seed / other axes (n_layers, n_memorize)",
    ),
    ("Space", "pause or resume (compare view: all seeds)"),
    ("c", "write a checkpoint now (compare view: all seeds)"),
    ("l", "step axis: linear ↔ log"),
    (
        "f",
        "circuits (addition): restricted / excluded loss, key frequencies",
    ),
    ("r", "runs or sweeps on disk: rescan; sweep: read it now"),
    ("?", "this help"),
    ("q / Ctrl-C", "quit (asks first while a run trains)"),
];

/// The footer for a screen: (key, word) pairs, most important first (cut from the end when
/// the terminal is narrow).
pub fn footer(screen: Screen) -> &'static [(&'static str, &'static str)] {
    match screen {
        Screen::Picker => &[
            ("Enter", "start"),
            ("+/-", "seeds"),
            ("[/]", "steps"),
            ("↑↓", "select"),
            ("Tab", "screens"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Screen::Runs => &[
            ("Enter", "resume"),
            ("r", "rescan"),
            ("↑↓", "select"),
            ("Tab", "screens"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Screen::Sweeps => &[
            ("Enter", "open"),
            ("r", "rescan"),
            ("↑↓", "select"),
            ("Tab", "screens"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Screen::Sweep => &[
            ("←↑↓→", "cell"),
            ("+/-", "seed"),
            ("[/]", "axes"),
            ("r", "read"),
            ("Esc", "back"),
            ("l", "log x"),
            ("Tab", "screens"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Screen::Run => &[
            ("Space", "pause"),
            ("c", "checkpoint"),
            ("l", "log x"),
            ("f", "circuits"),
            ("Esc", "back"),
            ("Tab", "screens"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Screen::Compare => &[
            ("Space", "pause all"),
            ("c", "checkpoint"),
            ("←→", "select"),
            ("Enter", "open"),
            ("l", "log x"),
            ("f", "circuits"),
            ("Tab", "screens"),
            ("?", "help"),
            ("q", "quit"),
        ],
    }
}
