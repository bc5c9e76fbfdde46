//! Seeded mutations of every built-in preset: a number replaced by an edge value (0, huge,
//! negative, NaN, overflowing…). None may panic, hang or abort: each is refused with an error
//! or, if valid, estimated, checked against memory, and (when small) trained for a step.

use groktop::preset::{Preset, builtin_presets, builtin_source};
use groktop::train::Trainer;
use rand::{Rng, SeedableRng};

const MUTATIONS_PER_PRESET: usize = 200;
/// Valid mutants small enough to build and step for real.
const MAX_TRAINED: usize = 30;

const EDGE_VALUES: [&str; 16] = [
    "0",
    "1",
    "2",
    "3",
    "7",
    "1000",
    "1001",
    "65536",
    "4294967295",
    "18446744073709551615",
    "-1",
    "1e30",
    "1e-30",
    "NaN",
    "inf",
    "0.5",
];

/// Byte ranges of the numbers that follow `name:` in RON text (a list's elements too).
fn number_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let starts_number = (c.is_ascii_digit() || c == b'-')
            && i > 0
            && matches!(bytes[i - 1], b' ' | b'[' | b':' | b',');
        if starts_number {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'.' | b'-' | b'+'))
            {
                i += 1;
            }
            spans.push((start, i));
        } else if c == b'"' {
            // Skip strings: numbers inside descriptions are prose.
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += usize::from(bytes[i] == b'\\') + 1;
            }
            i += 1;
        } else {
            i += 1;
        }
    }
    spans
}

#[test]
fn mutated_builtin_presets_never_panic() {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(12);
    let (mut refused, mut valid, mut trained) = (0, 0, 0);
    for preset in builtin_presets() {
        let text = builtin_source(&preset.name).unwrap();
        let spans = number_spans(text);
        assert!(!spans.is_empty(), "{}", preset.name);
        for _ in 0..MUTATIONS_PER_PRESET {
            let mut mutated = text.to_string();
            // One to three numbers changed at once.
            for _ in 0..rng.gen_range(1..=3) {
                let (a, b) = spans[rng.gen_range(0..spans.len())];
                if b > mutated.len() {
                    continue;
                }
                let value = EDGE_VALUES[rng.gen_range(0..EDGE_VALUES.len())];
                mutated.replace_range(a..b, &format!("{value:<width$}", width = b - a));
            }
            let Ok(p) = Preset::parse(&mutated, "mutant.ron") else {
                refused += 1;
                continue;
            };
            valid += 1;
            for cell in p.cells().into_iter().take(3) {
                let c = &cell.preset;
                let _ = groktop::estimate::run_secs(c);
                let small = c.peak_bytes().is_some_and(|b| b < 40_000_000)
                    && groktop::estimate::secs_per_step(c) < 2e-3;
                let fits = groktop::estimate::check_fits(c).is_ok();
                if small && fits && trained < MAX_TRAINED {
                    let mut t = Trainer::new(c).unwrap();
                    t.train_step();
                    t.evaluate();
                    trained += 1;
                }
            }
        }
    }
    eprintln!("{refused} refused, {valid} valid, {trained} trained a step");
    assert!(refused > 0 && valid > 0 && trained > 0);
}
