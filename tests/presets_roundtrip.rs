//! What `groktop presets show` prints and what `Preset::to_ron` writes read back as the same
//! preset.

use groktop::preset::{Preset, builtin_presets, builtin_source};

#[test]
fn presets_show_text_reparses_to_the_builtin() {
    // `groktop presets show NAME` prints `builtin_source(NAME)` for a built-in.
    let text = builtin_source("grokking").expect("grokking is built in");
    let shown = Preset::parse(text, "shown.ron").unwrap_or_else(|e| panic!("{e}"));
    let builtin = Preset::find("grokking").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(shown, builtin);
    assert_eq!(shown.task.n_train, Some(3000));
    assert_eq!(shown.optimizer.lr, 3e-3);
    for p in builtin_presets() {
        let text = builtin_source(&p.name)
            .unwrap_or_else(|| panic!("{}: no source text for `presets show`", p.name));
        assert_eq!(Preset::parse(text, "shown.ron").unwrap(), p, "{}", p.name);
    }
}

#[test]
fn to_ron_round_trips_every_builtin() {
    for p in builtin_presets() {
        let text = p.to_ron();
        let back = Preset::parse(&text, &format!("{}.to_ron", p.name))
            .unwrap_or_else(|e| panic!("{}: to_ron output does not parse: {e}\n{text}", p.name));
        assert_eq!(back, p, "{}: to_ron does not round-trip\n{text}", p.name);
        // Each cell, as written into a run directory, also round-trips.
        let cell = p.cells().swap_remove(0).preset;
        assert_eq!(
            Preset::parse(&cell.to_ron(), "cell.ron").unwrap(),
            cell,
            "{}",
            p.name
        );
    }
}

#[test]
fn unknown_builtin_is_not_shown() {
    assert_eq!(builtin_source("no-such-preset"), None);
}
