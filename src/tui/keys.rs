//! The key tables: for every screen and popup, which keys do what. The same table turns key
//! presses into `Action`s, writes the help popup and fills the key bar, so the three cannot
//! disagree (tests/tui_keys.rs checks it).

use super::base::{Action, Binding, KeyContext, Screen, bind};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use KeyCode::{
    BackTab, Backspace, Char, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

const UP_DOWN: &[KeyCode] = &[Up, Char('k')];
const DOWN: &[KeyCode] = &[Down, Char('j')];

/// Keys every screen has (after its own, in the key bar's right end).
pub const GLOBAL: &[Binding] = &[
    bind(&[Tab], "Tab", Action::NextScreen, None, "next screen"),
    bind(
        &[BackTab],
        "Shift-Tab",
        Action::PrevScreen,
        None,
        "previous screen",
    ),
    bind(
        &[Char('m')],
        "m",
        Action::Log,
        Some("log"),
        "message log: notices, checkpoints, phase events",
    ),
    bind(
        &[Char('?')],
        "?",
        Action::Help,
        Some("help"),
        "these keys and what the symbols mean",
    ),
    bind(
        &[Char('q')],
        "q",
        Action::Quit,
        Some("quit"),
        "quit (asks first while a run trains)",
    ),
];

const PICKER: &[Binding] = &[
    bind(
        &[Enter],
        "Enter",
        Action::Enter,
        Some("start"),
        "start the experiment (a grid asks: its whole sweep, or its first cell)",
    ),
    bind(
        &[Char('+'), Char('=')],
        "+/-",
        Action::MoreSeeds,
        Some("seeds"),
        "one seed more",
    ),
    bind(
        &[Char('-'), Char('_')],
        "-",
        Action::FewerSeeds,
        None,
        "one seed fewer",
    ),
    bind(
        &[Char(']')],
        "[/]",
        Action::DoubleSteps,
        Some("steps"),
        "double the steps",
    ),
    bind(
        &[Char('[')],
        "[",
        Action::HalveSteps,
        None,
        "halve the steps",
    ),
    bind(
        UP_DOWN,
        "↑↓",
        Action::Up,
        Some("select"),
        "previous experiment",
    ),
    bind(DOWN, "↓", Action::Down, None, "next experiment"),
    bind(
        &[PageDown],
        "PgDn/PgUp",
        Action::PageDown,
        Some("scroll"),
        "scroll the description down",
    ),
    bind(
        &[PageUp],
        "PgUp",
        Action::PageUp,
        None,
        "scroll the description up",
    ),
];

const RUNS: &[Binding] = &[
    bind(
        &[Enter],
        "Enter",
        Action::Enter,
        Some("open"),
        "open the run (resume it, or view a finished one)",
    ),
    bind(
        &[Char('r')],
        "r",
        Action::Rescan,
        Some("rescan"),
        "read the run directories again",
    ),
    bind(
        &[Char(' ')],
        "Space",
        Action::ToggleMark,
        Some("mark"),
        "mark or unmark the run for comparison",
    ),
    bind(
        &[Char('c')],
        "c",
        Action::CompareMarked,
        Some("compare"),
        "compare the marked runs on shared charts (none marked: the selected run's seeds)",
    ),
    bind(
        &[Char('s')],
        "s",
        Action::CycleSort,
        Some("sort"),
        "sort by the next column: date, name, seed, val, phase, time",
    ),
    bind(
        &[Char('/')],
        "/",
        Action::Filter,
        Some("filter"),
        "show only runs whose name contains what you type",
    ),
    bind(UP_DOWN, "↑↓", Action::Up, Some("select"), "previous run"),
    bind(DOWN, "↓", Action::Down, None, "next run"),
    bind(&[Esc], "Esc", Action::Back, None, "back to the experiments"),
];

const FILTER: &[Binding] = &[
    bind(
        &[Enter],
        "Enter",
        Action::Enter,
        Some("keep filter"),
        "stop typing and keep the filter",
    ),
    bind(
        &[Backspace],
        "Backspace",
        Action::DeleteChar,
        Some("delete"),
        "delete the last character",
    ),
    bind(
        &[Esc],
        "Esc",
        Action::Back,
        Some("clear"),
        "clear the filter and show every run",
    ),
];

const SWEEPS: &[Binding] = &[
    bind(
        &[Enter],
        "Enter",
        Action::Enter,
        Some("open"),
        "open the sweep's phase map",
    ),
    bind(
        &[Char('r')],
        "r",
        Action::Rescan,
        Some("rescan"),
        "read the sweep directories again",
    ),
    bind(UP_DOWN, "↑↓", Action::Up, Some("select"), "previous sweep"),
    bind(DOWN, "↓", Action::Down, None, "next sweep"),
    bind(&[Esc], "Esc", Action::Back, None, "back to the experiments"),
];

const SWEEP: &[Binding] = &[
    bind(
        &[Left, Char('h')],
        "←↑↓→",
        Action::Left,
        Some("cell"),
        "cell to the left (smaller d_model)",
    ),
    bind(
        &[Right],
        "→",
        Action::Right,
        None,
        "cell to the right (larger d_model)",
    ),
    bind(
        UP_DOWN,
        "↑",
        Action::Up,
        None,
        "cell above (more training data)",
    ),
    bind(
        DOWN,
        "↓",
        Action::Down,
        None,
        "cell below (less training data)",
    ),
    bind(
        &[Char('+'), Char('=')],
        "+/-",
        Action::MoreSeeds,
        Some("seed"),
        "the cell's next seed",
    ),
    bind(
        &[Char('-'), Char('_')],
        "-",
        Action::FewerSeeds,
        None,
        "the cell's previous seed",
    ),
    bind(
        &[Char(']')],
        "[/]",
        Action::DoubleSteps,
        Some("axes"),
        "next slice of the other axes (layers, n_memorize)",
    ),
    bind(
        &[Char('[')],
        "[",
        Action::HalveSteps,
        None,
        "previous slice of the other axes",
    ),
    bind(
        &[Char('g')],
        "g",
        Action::NextFigure,
        Some("figures"),
        "the paper's figures from the finished cells, one per press, then the cell again",
    ),
    bind(
        &[Char('r')],
        "r",
        Action::Rescan,
        Some("read"),
        "read the sweep directory now",
    ),
    bind(
        &[Char('l')],
        "l",
        Action::ToggleLogX,
        Some("log x"),
        "step axis: linear ↔ log",
    ),
    bind(
        &[Esc],
        "Esc",
        Action::Back,
        Some("back"),
        "back to the list of sweeps",
    ),
];

/// The run view's keys for a run this process trains (before [`RUN`]).
const RUN_STEER: &[Binding] = &[
    bind(
        &[Char(' ')],
        "Space",
        Action::TogglePause,
        Some("pause"),
        "pause or resume the run",
    ),
    bind(
        &[Char('c')],
        "c",
        Action::Checkpoint,
        Some("checkpoint"),
        "write a checkpoint now",
    ),
];

/// The run view's keys for any run.
const RUN: &[Binding] = &[
    bind(
        &[Char('l')],
        "l",
        Action::ToggleLogX,
        Some("log x"),
        "step axis: linear ↔ log",
    ),
    bind(
        &[Char('f')],
        "f",
        Action::ToggleCircuits,
        None,
        "circuits (addition): restricted / excluded loss, key frequencies",
    ),
    bind(
        &[Left, Char('h')],
        "←→",
        Action::Left,
        Some("cursor"),
        "step cursor left: values at that step under the accuracy chart",
    ),
    bind(&[Right], "→", Action::Right, None, "step cursor right"),
    bind(
        &[Char('e')],
        "e",
        Action::Export,
        Some("export"),
        "these charts, as seen (zoom, smoothing), as SVG + PNG in export/",
    ),
    bind(
        &[Char('z')],
        "z/Z",
        Action::ZoomIn,
        Some("zoom"),
        "zoom the steps in around the cursor",
    ),
    bind(
        &[Char('Z')],
        "Z",
        Action::ZoomReset,
        None,
        "the whole run again (step and y zoom off)",
    ),
    bind(
        &[Char('y')],
        "y",
        Action::ToggleYZoom,
        Some("y zoom"),
        "accuracy axis onto small values (val near chance) ↔ 0–100 %",
    ),
    bind(
        &[Char('s')],
        "s",
        Action::CycleSmoothing,
        Some("smooth"),
        "smoothing: off, 0.6, 0.9, 0.97 (debiased EMA; raw curve faint)",
    ),
    bind(
        &[Char('b')],
        "b",
        Action::ToggleBell,
        None,
        "terminal bell on each phase event: on ↔ off (off at start)",
    ),
    bind(
        &[Esc],
        "Esc",
        Action::Back,
        Some("back"),
        "back to the seeds, or to where the run was opened",
    ),
];

/// The run view's keys for a run that trains nowhere (before [`RUN`]).
const RUN_IDLE: &[Binding] = &[bind(
    &[Char('+'), Char('=')],
    "+",
    Action::Extend,
    Some("extend"),
    "a finished run: train it further (asks how many steps), in its own directory",
)];

/// The compare view's keys while some shown run trains here (before [`COMPARE`]).
const COMPARE_STEER: &[Binding] = &[
    bind(
        &[Char(' ')],
        "Space",
        Action::TogglePause,
        Some("pause all"),
        "pause or resume every seed",
    ),
    bind(
        &[Char('c')],
        "c",
        Action::Checkpoint,
        Some("checkpoint"),
        "a checkpoint of every seed now",
    ),
];

/// The compare view's keys for any runs.
const COMPARE: &[Binding] = &[
    bind(
        &[Left, Char('h')],
        "←→",
        Action::Left,
        Some("select"),
        "highlight the previous run (the others dim)",
    ),
    bind(&[Right], "→", Action::Right, None, "highlight the next run"),
    bind(
        &[Enter],
        "Enter",
        Action::Enter,
        Some("open"),
        "the highlighted run's full view",
    ),
    bind(
        &[Char('e')],
        "e",
        Action::Export,
        Some("export"),
        "every run's charts overlaid as SVG + PNG in their folder's export/",
    ),
    bind(
        &[Char('l')],
        "l",
        Action::ToggleLogX,
        Some("log x"),
        "step axis: linear ↔ log",
    ),
    bind(
        &[Char('f')],
        "f",
        Action::ToggleCircuits,
        None,
        "each seed's restricted / excluded loss (addition)",
    ),
    bind(
        &[Char('b')],
        "b",
        Action::ToggleBell,
        None,
        "terminal bell on each phase event: on ↔ off (off at start)",
    ),
    bind(&[Esc], "Esc", Action::Back, None, "back to the experiments"),
];

const HELP: &[Binding] = &[
    bind(UP_DOWN, "↑↓", Action::Up, Some("scroll"), "scroll up"),
    bind(DOWN, "↓", Action::Down, None, "scroll down"),
    bind(
        &[Esc, Char('?'), Enter, Char('q')],
        "Esc",
        Action::Back,
        Some("close"),
        "close this help",
    ),
];

const LOG: &[Binding] = &[
    bind(UP_DOWN, "↑↓", Action::Up, Some("scroll"), "older messages"),
    bind(DOWN, "↓", Action::Down, None, "newer messages"),
    bind(
        &[PageUp],
        "PgUp/PgDn",
        Action::PageUp,
        Some("page"),
        "a page older",
    ),
    bind(&[PageDown], "PgDn", Action::PageDown, None, "a page newer"),
    bind(
        &[Home],
        "Home/End",
        Action::Home,
        Some("oldest/newest"),
        "the oldest message",
    ),
    bind(&[End], "End", Action::End, None, "the newest message"),
    bind(
        &[Esc, Char('m'), Char('q')],
        "Esc",
        Action::Back,
        Some("close"),
        "close the log",
    ),
];

const QUIT: &[Binding] = &[
    bind(
        &[Char('c')],
        "c",
        Action::Checkpoint,
        Some("checkpoint and quit"),
        "checkpoint every run, then quit",
    ),
    bind(
        &[Char('q')],
        "q",
        Action::Quit,
        Some("quit"),
        "quit now (runs keep their last checkpoint)",
    ),
    bind(&[Esc], "Esc", Action::Back, Some("cancel"), "keep training"),
];

/// The keys of a popup that offers choices (quit, start a sweep), after its own.
const CHOICE: &[Binding] = &[
    bind(
        &[Left, Up],
        "←→",
        Action::Left,
        Some("choose"),
        "previous choice",
    ),
    bind(&[Right, Down, Tab], "→", Action::Right, None, "next choice"),
    bind(
        &[Enter],
        "Enter",
        Action::Enter,
        Some("confirm"),
        "do the highlighted choice",
    ),
];

const START_SWEEP: &[Binding] = &[
    bind(
        &[Char('s')],
        "s",
        Action::StartSweep,
        Some("whole sweep"),
        "run every cell into sweeps/<preset> and follow it on the map",
    ),
    bind(
        &[Char('1')],
        "1",
        Action::StartFirstCell,
        Some("first cell"),
        "run the grid's first cell only, as a single run",
    ),
    bind(&[Esc], "Esc", Action::Back, Some("cancel"), "start nothing"),
];

const EXTEND: &[Binding] = &[
    bind(
        &[Enter],
        "Enter",
        Action::Enter,
        Some("train further"),
        "train the typed number of steps more",
    ),
    bind(
        &[Backspace],
        "Backspace",
        Action::DeleteChar,
        Some("delete"),
        "delete the last digit",
    ),
    bind(
        &[Esc],
        "Esc",
        Action::Back,
        Some("cancel"),
        "train nothing more",
    ),
];

/// The tables of a context, in order: a live view's steering keys before its other keys,
/// a question's own keys before the choice keys.
fn tables(ctx: KeyContext) -> &'static [&'static [Binding]] {
    match ctx {
        KeyContext::Screen(Screen::Picker) => &[PICKER],
        KeyContext::Screen(Screen::Runs) => &[RUNS],
        KeyContext::Screen(Screen::Sweeps) => &[SWEEPS],
        KeyContext::Screen(Screen::Sweep) => &[SWEEP],
        KeyContext::Screen(Screen::Run) => &[RUN_STEER, RUN],
        KeyContext::IdleRun => &[RUN_IDLE, RUN],
        KeyContext::Screen(Screen::Compare) => &[COMPARE_STEER, COMPARE],
        KeyContext::IdleCompare => &[COMPARE],
        KeyContext::Help => &[HELP],
        KeyContext::Quit => &[QUIT, CHOICE],
        KeyContext::Log => &[LOG],
        KeyContext::Filter => &[FILTER],
        KeyContext::StartSweep => &[START_SWEEP, CHOICE],
        KeyContext::Extend => &[EXTEND],
    }
}


/// A context's own bindings, in the order the help popup and the key bar list them.
pub fn own(ctx: KeyContext) -> impl Iterator<Item = &'static Binding> {
    tables(ctx).iter().flat_map(|t| t.iter())
}

/// Every binding in force in a context: its own, then the global ones (screens only).
pub fn bindings(ctx: KeyContext) -> impl Iterator<Item = &'static Binding> {
    let global: &'static [Binding] = if ctx.is_screen() { GLOBAL } else { &[] };
    own(ctx).chain(global)
}

/// The action of a key press in a context, if the context binds it. Ctrl-C always asks to
/// quit; key releases do nothing.
pub fn action(ctx: KeyContext, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return (key.code == Char('c')).then_some(Action::Interrupt);
    }
    bindings(ctx)
        .find(|b| b.codes.contains(&key.code))
        .map(|b| b.action)
}

/// The character a key press types into a text field, where the context has one and the
/// key is not bound there (the Runs tab's filter, the extend question).
pub fn typed(ctx: KeyContext, key: KeyEvent) -> Option<char> {
    if !matches!(ctx, KeyContext::Filter | KeyContext::Extend)
        || key.kind == KeyEventKind::Release
        || key.modifiers.contains(KeyModifiers::CONTROL)
        || action(ctx, key).is_some()
    {
        return None;
    }
    match key.code {
        Char(c) => Some(c),
        _ => None,
    }
}
