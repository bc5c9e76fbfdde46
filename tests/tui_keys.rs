//! One key table per screen drives the actions, the help popup and the key bar: these
//! tests check that the three agree, on the keys and on how they are written, and that the
//! keys a new user reaches for (Esc, Space while paused) do what the bar says. The screens
//! and contexts come from the code (`Screen::ALL`, `KeyContext::all`).

mod tui_support;

use groktop::tui::KeyContext;
use groktop::tui::keys;
use groktop::tui::{Action, Msg, Popup, Screen};
use groktop::worker::{Event, RunId};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_support::*;

fn press_code(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn every_listed_key_does_its_listed_action_and_no_key_is_listed_twice() {
    for ctx in KeyContext::all() {
        let mut seen: Vec<KeyCode> = Vec::new();
        for b in keys::bindings(ctx) {
            for &code in b.codes {
                assert!(!seen.contains(&code), "{ctx:?}: {code:?} bound twice");
                seen.push(code);
                assert_eq!(
                    keys::action(ctx, press_code(code)),
                    Some(b.action),
                    "{ctx:?}: {code:?} ({})",
                    b.key
                );
            }
        }
        // Keys no binding lists do nothing; Ctrl-C always asks to quit.
        assert_eq!(keys::action(ctx, press_code(KeyCode::F(7))), None);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(keys::action(ctx, ctrl_c), Some(Action::Interrupt));
    }
}

/// How the help popup and the key bar write a key code.
fn written(code: KeyCode) -> String {
    match code {
        KeyCode::Char(' ') => "Space".into(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        other => format!("{other:?}"),
    }
}

/// The keys a key bar entry writes: one label ("Enter"), or several: "+/-" is `+` and `-`,
/// "←↑↓→" the four arrows.
fn bar_parts(keys: &str, labels: &[&str]) -> Vec<String> {
    if labels.contains(&keys) {
        vec![keys.to_string()]
    } else if keys.contains('/') {
        keys.split('/').map(String::from).collect()
    } else {
        keys.chars().map(String::from).collect()
    }
}

/// Each binding's label is its own first key (help writes it beside what that key does),
/// and a key bar entry writes only keys bound in the same table, its own among them: so help
/// cannot say `+/- one seed more` nor the bar name a key that does something else.
#[test]
fn every_label_names_the_keys_it_stands_for() {
    for ctx in KeyContext::all() {
        let labels: Vec<&str> = keys::bindings(ctx).map(|b| b.key).collect();
        for b in keys::bindings(ctx) {
            assert_eq!(b.key, written(b.codes[0]), "{ctx:?}: {:?}", b.help);
            let Some(entry) = &b.bar else { continue };
            let parts = bar_parts(entry.keys, &labels);
            assert!(
                parts.iter().any(|p| p == b.key),
                "{ctx:?}: {} in {}",
                b.key,
                entry.keys
            );
            for part in &parts {
                assert!(
                    labels.contains(&part.as_str()),
                    "{ctx:?}: {part} of {}",
                    entry.keys
                );
            }
        }
    }
}

/// Whether the rendered help popup `text` writes `key` just before `help` (the start of it:
/// long texts wrap) on some row.
fn help_row(text: &str, key: &str, help: &str) -> bool {
    let start: String = help.chars().take(24).collect();
    text.lines().any(|line| {
        line.match_indices(&start)
            .any(|(at, _)| line[..at].split_whitespace().next_back() == Some(key))
    })
}

/// While the Runs tab's filter is typed, letters are text (q must not quit, s must not
/// sort), and only the filter's own keys act.
#[test]
fn a_typed_filter_takes_letters_as_text() {
    let q = press_code(KeyCode::Char('q'));
    assert_eq!(keys::action(KeyContext::Filter, q), None);
    assert_eq!(keys::typed(KeyContext::Filter, q), Some('q'));
    assert_eq!(keys::typed(KeyContext::Screen(Screen::Runs), q), None);
    assert_eq!(
        keys::typed(KeyContext::Filter, press_code(KeyCode::Esc)),
        None
    );
}

#[test]
fn the_key_bar_shows_only_table_words_and_always_keeps_help_and_quit() {
    let (mut app, _) = app(&temp_dir("runs"));
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    for &screen in Screen::ALL {
        app.screen = screen;
        for (w, h) in [(80, 24), (200, 50)] {
            let text = render(&app, w, h);
            let bar = text.lines().last().unwrap();
            assert!(
                bar.contains("? help") && bar.contains("q quit"),
                "{screen:?} {w}: {bar}"
            );
            for bar_entry in
                keys::bindings(KeyContext::Screen(screen)).filter_map(|b| b.bar.as_ref())
            {
                let word = format!("{} {}", bar_entry.keys, bar_entry.word);
                if bar.contains(&word) {
                    continue;
                }
                // Cut from the end when narrow, never replaced by words of another table.
                assert!(w < 200, "{screen:?}: {word:?} missing from {bar}");
            }
        }
    }
}

#[test]
fn help_lists_this_screens_table_and_the_symbols() {
    let (mut app, _) = app(&temp_dir("runs"));
    for &screen in Screen::ALL {
        app.screen = screen;
        app.popup = Some(Popup::Help { scroll: 0 });
        let text = render(&app, 200, 50);
        for b in keys::bindings(app.screen_context()) {
            assert!(
                help_row(&text, b.key, b.help),
                "{screen:?}: {} {:?}",
                b.key,
                b.help
            );
        }
        for (symbol, meaning) in groktop::tui::keys::legend(screen) {
            assert!(text.contains(symbol) && text.contains(meaning), "{symbol}");
        }
    }
}

#[test]
fn space_says_resume_while_paused_and_esc_goes_back() {
    let (mut app, _) = app(&temp_dir("runs"));
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    feed(
        &mut app,
        RunId(0),
        1_000,
        0.0,
        groktop::analysis::Phase::Grokking,
    );
    let bar = |app: &groktop::tui::App| render(app, 80, 24).lines().last().unwrap().to_string();
    assert!(bar(&app).contains("Space pause"), "{}", bar(&app));
    app.update(Msg::Worker(Event::Paused {
        run: RunId(0),
        step: 1_000,
    }));
    assert!(bar(&app).contains("Space resume"), "{}", bar(&app));
    assert_eq!(app.screen, Screen::Run);
    press(&mut app, Action::Back);
    assert_eq!(app.screen, Screen::Picker, "Esc leaves a single run's view");
}

#[test]
fn the_message_log_keeps_whole_notices_and_scrolls() {
    let (mut app, _) = app(&temp_dir("runs"));
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    let path = "runs/grokking-20260101-000000/checkpoints/step-5000-with-a-long-name-that-no-tab-row-holds";
    app.update(Msg::Worker(Event::Checkpointed {
        run: RunId(0),
        step: 5_000,
        path: path.into(),
    }));
    // The tab row keeps its tabs and points to the log.
    let top = render(&app, 80, 24).lines().next().unwrap().to_string();
    assert!(top.contains("Run") && top.contains("(m log)"), "{top}");
    press(&mut app, Action::Log);
    let text = render(&app, 80, 24);
    assert!(text.contains("message log"), "{text}");
    assert!(text.contains("with-a-long-name"), "{text}");
    assert!(
        text.contains("no-tab-row-holds"),
        "the whole path, wrapped: {text}"
    );
    press(&mut app, Action::Back);
    assert_eq!(app.popup, None);
}

/// A click on a tab's title opens that tab; the wheel scrolls like ↑ / ↓.
#[test]
fn clicking_a_tab_opens_it_and_the_wheel_scrolls() {
    let (mut app, _) = app(&temp_dir("runs"));
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(0), 0)));
    // While a notice too long for the row beside the tabs lasts, the tabs take their short
    // names (readable, where letters were not: E R S R), or, for a longer notice, only the
    // shown tab stays; afterwards they are whole again. Either way a click finds them.
    let exported = "grokking-20261129-125754-step10000.svg";
    let longer = "export/compare-grokking-20261129-125754-3runs-step10000.png";
    for (titles, notice) in [
        (
            vec![
                (0, "Experiments"),
                (1, "Runs on disk"),
                (2, "Sweeps on disk"),
                (3, "Run"),
            ],
            None,
        ),
        (
            vec![(0, "Exp"), (1, "Runs"), (2, "Sweeps"), (3, "Run")],
            Some(exported),
        ),
        (vec![(3, "Run")], Some(longer)),
    ] {
        app.notice = notice.map(str::to_string);
        // (A space at the end: the rendering trims it.)
        let top = format!("{} ", render(&app, 80, 24).lines().next().unwrap());
        let mut from = 0;
        for (i, title) in titles {
            from += top[from..].find(&format!(" {title} ")).expect(&top) + 1;
            let at = top[..from].chars().count() as u16;
            for col in [at, at + title.chars().count() as u16 - 1] {
                assert_eq!(
                    groktop::tui::view::tab_at(&app, 80, col),
                    Some(i),
                    "{title} at {col} in {top:?}"
                );
            }
        }
        if let Some(n) = notice {
            assert!(top.contains(n), "{top}");
        }
    }
    app.update(Msg::ClickTab(0));
    assert_eq!(app.screen, Screen::Picker);
    app.update(Msg::ClickTab(3));
    assert_eq!(app.screen, Screen::Run);
    press(&mut app, Action::Help);
    app.update(Msg::Scroll { up: false });
    assert_eq!(app.popup, Some(Popup::Help { scroll: 1 }));
    // Tabs do not change under a popup.
    app.update(Msg::ClickTab(0));
    assert_eq!(app.screen, Screen::Run);
}

/// Runs opened from disk have no worker here: the compare view (and the run view of one of
/// them) offers no pause or checkpoint, in the key bar or the help, and Space sends nothing:
/// the same table takes the keys, writes the help and fills the bar.
#[test]
fn read_only_views_offer_no_pause_or_checkpoint() {
    let root = temp_dir("keys-read-only");
    finished_run(&root, "grokking-20261129-100000-s0", 0, 0.0);
    finished_run(&root, "grokking-20261129-100000-s1", 1, 500.0);
    let (mut app, rec) = app(&root);
    press(&mut app, Action::NextScreen);
    press(&mut app, Action::CompareMarked);
    assert_eq!(app.screen, Screen::Compare);
    for (ctx, screen) in [
        (KeyContext::IdleCompare, Screen::Compare),
        (KeyContext::IdleRun, Screen::Run),
    ] {
        app.screen = screen;
        assert_eq!(app.key_context(), ctx);
        assert!(
            keys::bindings(ctx)
                .all(|b| !matches!(b.action, Action::TogglePause | Action::Checkpoint)),
            "{ctx:?}"
        );
        for (w, h) in [(80, 24), (200, 50)] {
            let bar = render(&app, w, h).lines().last().unwrap().to_string();
            assert!(
                !bar.contains("pause") && !bar.contains("checkpoint"),
                "{ctx:?} {w}: {bar}"
            );
            if w == 200 {
                for e in keys::bindings(ctx).filter_map(|b| b.bar.as_ref()) {
                    let word = format!("{} {}", e.keys, e.word);
                    assert!(bar.contains(&word), "{ctx:?}: {word:?} missing from {bar}");
                }
            }
        }
        press(&mut app, Action::Help);
        let help = render(&app, 200, 50);
        for b in keys::bindings(ctx) {
            assert!(
                help_row(&help, b.key, b.help),
                "{ctx:?}: {} {:?}",
                b.key,
                b.help
            );
        }
        for gone in [
            "pause or resume",
            "checkpoint of every seed",
            "write a checkpoint",
        ] {
            assert!(!help.contains(gone), "{ctx:?}: help offers {gone:?}");
        }
        press(&mut app, Action::Back);
        press(&mut app, Action::TogglePause);
        press(&mut app, Action::Checkpoint);
    }
    assert!(rec.sent().is_empty(), "{:?}", rec.sent());
    // A live compare view keeps them.
    app.screen = Screen::Picker;
    app.picker.seeds = 2;
    press(&mut app, Action::Enter);
    app.update(Msg::Worker(started(RunId(2), 0)));
    app.update(Msg::Worker(started(RunId(3), 1)));
    assert_eq!(app.key_context(), KeyContext::Screen(Screen::Compare));
    let bar = render(&app, 200, 50).lines().last().unwrap().to_string();
    assert!(
        bar.contains("Space pause all") && bar.contains("c checkpoint"),
        "{bar}"
    );
    std::fs::remove_dir_all(&root).unwrap();
}

/// The key bar says each key once: no entry's word repeats its keys ("y y zoom"), and no two
/// entries of a context show the same keys.
#[test]
fn no_key_bar_entry_says_its_key_twice() {
    for ctx in KeyContext::all() {
        let mut seen: Vec<&str> = Vec::new();
        for b in keys::bindings(ctx) {
            let Some(e) = &b.bar else { continue };
            let first = e.word.split_whitespace().next().unwrap_or("");
            assert!(
                !e.keys.split('/').any(|k| k == first) && first != b.key,
                "{ctx:?}: {} {}",
                e.keys,
                e.word
            );
            assert!(!seen.contains(&e.keys), "{ctx:?}: {} twice", e.keys);
            seen.push(e.keys);
        }
    }
}

/// Space on the Runs tab marks the run and moves to the next row, and its help says both.
#[test]
fn space_on_the_runs_tab_marks_and_moves_down_as_its_help_says() {
    let root = temp_dir("keys-space-marks");
    for seed in 0..3 {
        finished_run(&root, &format!("grokking-2026112{seed}-100000"), seed, 0.0);
    }
    let (mut app, _) = app(&root);
    press(&mut app, Action::NextScreen);
    assert_eq!(app.screen, Screen::Runs);
    let space = keys::own(app.key_context())
        .find(|b| b.key == "Space")
        .unwrap();
    assert!(
        space.help.contains("move to the next row"),
        "{}",
        space.help
    );
    let first = app.disk.selected;
    press(&mut app, Action::ToggleMark);
    assert_eq!(app.disk.selected, first + 1);
    assert_eq!(app.disk.marked.len(), 1);
    std::fs::remove_dir_all(&root).unwrap();
}
