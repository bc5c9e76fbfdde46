//! Every preset file on disk: it parses, it is the built-in of the same name, the built-in
//! list holds exactly these files, and each preset's first run trains a couple of steps.

use groktop::preset::{Preset, builtin_presets, builtin_source};
use groktop::train::Trainer;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// (file stem, text) of every `.ron` file in `presets/`, sorted by name.
fn preset_files() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("presets");
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "ron"))
        .map(|path| {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).expect("readable preset file");
            (stem, text)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_file_parses_and_is_the_builtin_of_its_name() {
    let files = preset_files();
    assert!(
        files.len() >= 20,
        "expected the full set of presets, found {}",
        files.len()
    );
    let builtins = builtin_presets();
    for (stem, text) in &files {
        let path = format!("presets/{stem}.ron");
        let parsed = Preset::load(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(&path))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            parsed.name, *stem,
            "{path}: the name must match the file name"
        );
        assert_eq!(
            builtin_source(stem),
            Some(text.as_str()),
            "{path}: SOURCES in src/preset/builtin.rs must include this file under its name"
        );
        let builtin = builtins
            .iter()
            .find(|p| p.name == *stem)
            .unwrap_or_else(|| panic!("{path}: no built-in preset named {stem:?}"));
        assert_eq!(&parsed, builtin, "{path}: differs from the built-in");
    }
}

#[test]
fn builtins_are_exactly_the_files_with_unique_names() {
    let on_disk: BTreeSet<String> = preset_files().into_iter().map(|(stem, _)| stem).collect();
    let names: Vec<String> = builtin_presets().into_iter().map(|p| p.name).collect();
    let unique: BTreeSet<String> = names.iter().cloned().collect();
    assert_eq!(
        unique.len(),
        names.len(),
        "duplicate built-in names: {names:?}"
    );
    assert_eq!(
        unique, on_disk,
        "SOURCES in src/preset/builtin.rs must list exactly the files in presets/"
    );
}

#[test]
fn builtins_are_listed_in_figure_order() {
    // "2c" -> 2, "10" -> 10: the number part of the figure must never go down.
    let figure_number = |f: &str| -> u32 {
        let digits: String = f.chars().take_while(|c| c.is_ascii_digit()).collect();
        digits
            .parse()
            .unwrap_or_else(|_| panic!("figure {f:?} does not start with a number"))
    };
    let figures: Vec<(String, u32)> = builtin_presets()
        .into_iter()
        .map(|p| (p.name, figure_number(&p.figure)))
        .collect();
    for pair in figures.windows(2) {
        assert!(
            pair[0].1 <= pair[1].1,
            "{} (figure {}) is listed before {} (figure {})",
            pair[0].0,
            pair[0].1,
            pair[1].0,
            pair[1].1
        );
    }
}

#[test]
fn every_preset_explains_itself_and_looks_often_enough() {
    for p in builtin_presets() {
        for (field, text) in [
            ("title", &p.title),
            ("description", &p.description),
            ("paper_reports", &p.paper_reports),
            ("changes_from_paper", &p.changes_from_paper),
        ] {
            assert!(!text.trim().is_empty(), "{}: {field} is empty", p.name);
        }
        let t = &p.training;
        let evaluations = t.steps / t.eval_every;
        assert!(
            (100..=400).contains(&evaluations),
            "{}: {} steps / eval_every {} = {evaluations} evaluations, expected 100 to 400",
            p.name,
            t.steps,
            t.eval_every
        );
        assert!(
            t.checkpoint_every <= t.steps,
            "{}: checkpoint_every {} is beyond the {} steps",
            p.name,
            t.checkpoint_every,
            t.steps
        );
    }
}

#[test]
fn every_preset_trains_two_steps() {
    for p in builtin_presets() {
        let cells = p.cells();
        assert!(!cells.is_empty(), "{}: no cells", p.name);
        let mut run = cells[0].preset.clone();
        run.training.steps = run.training.steps.min(2);
        // Keep the test fast: the first cell of a GPU-scale grid may be large.
        run.model.d_model = run.model.d_model.min(64);
        run.model.n_layers = run.model.n_layers.min(2);
        let mut trainer = Trainer::new(&run).unwrap();
        let first = trainer.train_step();
        let second = trainer.train_step();
        let m = trainer.evaluate();
        assert_eq!(m.step, 2, "{}", p.name);
        for (what, v) in [
            ("first loss", first),
            ("second loss", second),
            ("train loss", m.train_loss),
        ] {
            assert!(v.is_finite(), "{}: {what} is {v}", p.name);
        }
        assert!(m.param_norm.is_finite() && m.param_norm > 0.0, "{}", p.name);
        if let Some(v) = m.val_loss {
            assert!(v.is_finite(), "{}: val loss is {v}", p.name);
        }
    }
}
