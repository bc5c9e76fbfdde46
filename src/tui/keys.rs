//! Which key table is in force: each screen's folder has its own (`screens/<screen>/keys.rs`);
//! here are the keys every screen shares and the dispatch from a context to its tables. The
//! same tables turn key presses into `Action`s, write the help popup and fill the key bar, so
//! the three cannot disagree (tests/tui_keys.rs checks it).

use super::screens::compare::keys as compare;
use super::screens::overview::keys as overview;
use super::screens::picker::keys as picker;
use super::screens::popup::keys as popup;
use super::screens::run::keys as run;
use super::screens::runs::keys as runs;
use super::screens::sweep::keys as sweep;
use super::screens::sweeps::keys as sweeps;
use super::screens::{
    compare::words as compare_words, overview::words as overview_words,
    picker::words as picker_words, run::words as run_words, runs::words as runs_words,
    sweep::words as sweep_words, sweeps::words as sweeps_words,
};
use super::widgets::words::Symbol;
use crate::tui::base::{Action, Binding, KeyContext, Screen, bind};
use ratatui::crossterm::event::KeyCode::{BackTab, Char, Tab};
use ratatui::crossterm::event::{KeyEvent, KeyEventKind, KeyModifiers};

/// Keys every screen has (after its own, in the key bar's right end).
pub const GLOBAL: &[Binding] = &[
    bind(&[Tab], "Tab", Action::NextScreen, "next screen"),
    bind(
        &[BackTab],
        "Shift-Tab",
        Action::PrevScreen,
        "previous screen",
    ),
    bind(
        &[Char('m')],
        "m",
        Action::Log,
        "message log: notices, checkpoints, phase events",
    )
    .bar("log"),
    bind(
        &[Char('?')],
        "?",
        Action::Help,
        "these keys and what the symbols mean",
    )
    .bar("help"),
    bind(
        &[Char('q')],
        "q",
        Action::Quit,
        "quit (asks first while a run trains)",
    )
    .bar("quit"),
];

/// What the help says in a context: its key tables, in order (a live view's steering keys
/// before its other keys, a question's own keys before the choice keys), and on a screen the
/// symbols it draws (each screen's `words::LEGEND`). One match for both, so a new screen is
/// one line here.
fn help(ctx: KeyContext) -> (&'static [&'static [Binding]], &'static [&'static [Symbol]]) {
    match ctx {
        KeyContext::Screen(Screen::Picker) => (&[picker::KEYS], picker_words::LEGEND),
        KeyContext::Screen(Screen::Runs) => (&[runs::KEYS], runs_words::LEGEND),
        KeyContext::Filter => (&[runs::FILTER], runs_words::LEGEND),
        KeyContext::Screen(Screen::Overview) => (&[overview::KEYS], overview_words::LEGEND),
        KeyContext::Screen(Screen::Sweeps) => (&[sweeps::KEYS], sweeps_words::LEGEND),
        KeyContext::Screen(Screen::Sweep) => (&[sweep::KEYS], sweep_words::LEGEND),
        KeyContext::Screen(Screen::Run) => (&[run::STEER, run::KEYS], run_words::LEGEND),
        KeyContext::IdleRun => (&[run::IDLE, run::KEYS], run_words::LEGEND),
        KeyContext::Screen(Screen::Compare) => {
            (&[compare::STEER, compare::KEYS], compare_words::LEGEND)
        }
        KeyContext::IdleCompare => (&[compare::KEYS], compare_words::LEGEND),
        KeyContext::Help => (&[popup::HELP], &[]),
        KeyContext::Quit => (&[popup::QUIT, popup::CHOICE], &[]),
        KeyContext::Log => (&[popup::LOG], &[]),
        KeyContext::StartSweep => (&[popup::START_SWEEP, popup::CHOICE], &[]),
        KeyContext::Extend => (&[popup::EXTEND], &[]),
    }
}

/// What the symbols `screen` draws mean: the help popup's legend there (each screen's
/// `words.rs` declares its own, so a symbol means on the help what it means on the screen).
pub fn legend(screen: Screen) -> Vec<Symbol> {
    let (_, groups) = help(KeyContext::Screen(screen));
    groups.iter().flat_map(|g| g.iter().copied()).collect()
}

/// A context's own bindings, in the order the help popup and the key bar list them.
pub fn own(ctx: KeyContext) -> impl Iterator<Item = &'static Binding> {
    help(ctx).0.iter().flat_map(|t| t.iter())
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
