//! Invalid presets: each error names the file, the line and column of the offending field,
//! the field and what was expected.

use groktop::preset::Preset;

/// A valid preset; each test breaks one thing in it. Line numbers matter: see the comments.
const BASE: &str = r#"(
  name: "bad",
  title: "A preset to break",
  figure: "2c",
  description: "Used by the tests.",
  paper_reports: "Nothing.",
  expected_phase: "grokking",
  task: (kind: ModAdd, modulus: 113, n_train: 3000),
  model: (d_model: 64, n_layers: 1, n_heads: 4),
  optimizer: (lr: 3e-3, weight_decay: 1.0),
  training: (steps: 100, eval_every: 10, checkpoint_every: 50),
)
"#;
// Lines:  1 (   2 name   3 title   4 figure   5 description   6 paper_reports
//         7 expected_phase   8 task   9 model   10 optimizer   11 training   12 )

/// `BASE` with `from` replaced by `to` (which must occur exactly once).
fn broken(from: &str, to: &str) -> String {
    assert_eq!(
        BASE.matches(from).count(),
        1,
        "{from:?} must occur once in BASE"
    );
    BASE.replace(from, to)
}

/// The error message of parsing `text` as `bad.ron`.
fn error_of(text: &str) -> String {
    match Preset::parse(text, "bad.ron") {
        Ok(p) => panic!("expected an error, parsed {p:?}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn base_is_valid() {
    let p = Preset::parse(BASE, "bad.ron").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.name, "bad");
}

#[test]
fn unknown_field_is_a_typo_with_its_position() {
    let e = error_of(&broken("lr: 3e-3", "lerning_rate: 3e-3"));
    assert!(e.starts_with("bad.ron:10:15: "), "{e}");
    assert!(e.contains("`lerning_rate`"), "{e}");
    assert!(
        e.contains("in `optimizer`"),
        "names the section as written: {e}"
    );
    assert!(e.contains("`lr`"), "lists the valid fields: {e}");
    assert!(!e.contains("OptimizerSpec"), "no Rust type names: {e}");
}

#[test]
fn unknown_top_level_field() {
    let e = error_of(&broken("  figure: \"2c\",", "  figur: \"2c\","));
    assert!(e.starts_with("bad.ron:4:3: "), "{e}");
    assert!(e.contains("`figur`") && e.contains("`figure`"), "{e}");
    assert!(!e.contains("`Preset`"), "no Rust type names: {e}");
}

#[test]
fn wrong_type() {
    let e = error_of(&broken("steps: 100", "steps: \"many\""));
    // Points at the value and names its key.
    assert_eq!(e, "bad.ron:11:21: steps: Expected integer");
}

#[test]
fn negative_count_names_its_key_and_the_range() {
    let e = error_of(&broken("steps: 100", "steps: -100"));
    // RON points past the sign; the error points at the whole value and names its key.
    assert_eq!(
        e,
        "bad.ron:11:21: steps: out of range: this field takes a whole number, not negative and not too large"
    );
}

#[test]
fn wrong_enum_variant() {
    let e = error_of(&broken("kind: ModAdd", "kind: ModMul"));
    assert!(e.starts_with("bad.ron:8:"), "{e}");
    assert!(
        e.contains("`ModMul`") && e.contains("`ModAddSquare`"),
        "{e}"
    );
}

#[test]
fn missing_required_field() {
    let e = error_of(&broken("  paper_reports: \"Nothing.\",\n", ""));
    // Points at the end of the preset, where the field is missing (line 11 once line 6 is gone).
    assert_eq!(
        e,
        "bad.ron:11:1: missing required field `paper_reports` in the preset"
    );
}

#[test]
fn missing_task_kind() {
    let e = error_of(&broken("kind: ModAdd, ", ""));
    // Points at the `)` that closes `task`.
    assert_eq!(e, "bad.ron:8:37: missing required field `kind` in `task`");
}

#[test]
fn n_train_larger_than_all_pairs() {
    let e = error_of(&broken("n_train: 3000", "n_train: 13000"));
    assert_eq!(
        e,
        "bad.ron:8:38: task.n_train: expected between 1 and P² = 12769 training pairs, got 13000"
    );
}

#[test]
fn d_model_not_divisible_by_heads() {
    let e = error_of(&broken("d_model: 64", "d_model: 30"));
    assert_eq!(
        e,
        "bad.ron:9:11: model.d_model: expected a positive d_model divisible by n_heads = 4, got 30"
    );
}

#[test]
fn modulus_below_two() {
    let e = error_of(&broken("modulus: 113", "modulus: 1"));
    assert_eq!(
        e,
        "bad.ron:8:24: task.modulus: expected a modulus P of at least 2, got 1"
    );
}

#[test]
fn negative_learning_rate() {
    let e = error_of(&broken("lr: 3e-3", "lr: -3e-3"));
    assert_eq!(
        e,
        "bad.ron:10:15: optimizer.lr: expected a positive learning rate, got -0.003"
    );
}

#[test]
fn zero_steps() {
    let e = error_of(&broken("steps: 100", "steps: 0"));
    assert_eq!(e, "bad.ron:11:14: training.steps: expected at least 1");
}

#[test]
fn zero_eval_every() {
    let e = error_of(&broken("eval_every: 10", "eval_every: 0"));
    assert_eq!(e, "bad.ron:11:26: training.eval_every: expected at least 1");
}

#[test]
fn bad_expected_phase() {
    let e = error_of(&broken("\"grokking\"", "\"groking\""));
    assert_eq!(
        e,
        "bad.ron:7:3: expected_phase: expected one of progression, ungrokking, grokking, \
         semi-grokking, comprehension, got \"groking\""
    );
}

#[test]
fn expected_phase_on_a_sweep() {
    let text = broken(")\n", "  sweep: (d_model: [32, 64]),\n)\n");
    let e = error_of(&text);
    assert!(e.starts_with("bad.ron:7:3: expected_phase: "), "{e}");
    assert!(e.contains("single-configuration"), "{e}");
}

#[test]
fn sweep_value_out_of_range_points_into_the_list() {
    let text = broken("  expected_phase: \"grokking\",\n", "")
        .replace(")\n", "  sweep: (\n    d_model: [32, 30, 64],\n  ),\n)\n");
    // Lines shift up by one once expected_phase is gone: sweep is line 11, d_model line 12.
    let e = error_of(&text);
    assert_eq!(
        e,
        "bad.ron:12:19: sweep.d_model[1]: expected a positive d_model divisible by n_heads = 4, \
         got 30"
    );
}

#[test]
fn sweep_n_train_out_of_range_points_into_the_list() {
    let text = broken("  expected_phase: \"grokking\",\n", "")
        .replace(")\n", "  sweep: (n_train: [1000, 2000, 20000]),\n)\n");
    let e = error_of(&text);
    assert_eq!(
        e,
        "bad.ron:11:33: sweep.n_train[2]: expected between 1 and P² = 12769 training pairs, \
         got 20000"
    );
}

#[test]
fn split_mlp_on_a_task_without_memorization() {
    let e = error_of(&broken("n_heads: 4)", "n_heads: 4, split_mlp: true)"));
    assert_eq!(
        e,
        "bad.ron:9:49: model.split_mlp: splitting the MLP needs the AddWithMemorization task"
    );
}

#[test]
fn sweep_n_memorize_on_a_task_without_memorization() {
    let text = broken("  expected_phase: \"grokking\",\n", "")
        .replace(")\n", "  sweep: (n_memorize: [0, 100]),\n)\n");
    let e = error_of(&text);
    assert!(e.starts_with("bad.ron:11:11: sweep.n_memorize: "), "{e}");
}

#[test]
fn unknown_preset_lists_the_available_names() {
    let e = Preset::find("no-such-preset").unwrap_err().to_string();
    assert!(e.starts_with("unknown preset 'no-such-preset'"), "{e}");
    for name in [
        "grokking",
        "progression",
        "double-descent-2600",
        "emergence-small",
    ] {
        assert!(e.contains(name), "{name} missing from: {e}");
    }
}
