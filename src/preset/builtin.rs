//! The presets compiled into the binary, so `groktop` works from any directory.

use super::Preset;

/// (file name, text) of every file in `presets/`, in figure order (the order `groktop presets`
/// lists them). `tests/presets_all.rs` checks this list against the folder.
const SOURCES: &[(&str, &str)] = &[
    // Figure 1
    (
        "phase-diagram.ron",
        include_str!("../../presets/phase-diagram.ron"),
    ),
    (
        "phase-diagram-quick.ron",
        include_str!("../../presets/phase-diagram-quick.ron"),
    ),
    // Figure 2
    (
        "progression.ron",
        include_str!("../../presets/progression.ron"),
    ),
    (
        "ungrokking.ron",
        include_str!("../../presets/ungrokking.ron"),
    ),
    ("grokking.ron", include_str!("../../presets/grokking.ron")),
    (
        "grokking-seeds.ron",
        include_str!("../../presets/grokking-seeds.ron"),
    ),
    (
        "grokking-paper-lr.ron",
        include_str!("../../presets/grokking-paper-lr.ron"),
    ),
    (
        "semi-grokking.ron",
        include_str!("../../presets/semi-grokking.ron"),
    ),
    // Figure 3
    (
        "critical-data-size.ron",
        include_str!("../../presets/critical-data-size.ron"),
    ),
    (
        "critical-data-size-small.ron",
        include_str!("../../presets/critical-data-size-small.ron"),
    ),
    // Figure 4
    (
        "memorization-capacity.ron",
        include_str!("../../presets/memorization-capacity.ron"),
    ),
    (
        "memorization-capacity-small.ron",
        include_str!("../../presets/memorization-capacity-small.ron"),
    ),
    // Figure 5
    (
        "progression-seeds.ron",
        include_str!("../../presets/progression-seeds.ron"),
    ),
    // Figure 6
    (
        "double-descent-2600.ron",
        include_str!("../../presets/double-descent-2600.ron"),
    ),
    (
        "double-descent-3000.ron",
        include_str!("../../presets/double-descent-3000.ron"),
    ),
    (
        "double-descent-4000.ron",
        include_str!("../../presets/double-descent-4000.ron"),
    ),
    (
        "double-descent-5000.ron",
        include_str!("../../presets/double-descent-5000.ron"),
    ),
    (
        "double-descent-small.ron",
        include_str!("../../presets/double-descent-small.ron"),
    ),
    // Figure 7
    (
        "double-descent-square.ron",
        include_str!("../../presets/double-descent-square.ron"),
    ),
    (
        "double-descent-square-small.ron",
        include_str!("../../presets/double-descent-square-small.ron"),
    ),
    // Figure 8
    ("emergence.ron", include_str!("../../presets/emergence.ron")),
    (
        "emergence-small.ron",
        include_str!("../../presets/emergence-small.ron"),
    ),
    (
        "emergence-deep-small.ron",
        include_str!("../../presets/emergence-deep-small.ron"),
    ),
    // Figure 9
    (
        "norm-dynamics.ron",
        include_str!("../../presets/norm-dynamics.ron"),
    ),
    // Figure 10
    ("split-mlp.ron", include_str!("../../presets/split-mlp.ron")),
    (
        "split-mlp-small.ron",
        include_str!("../../presets/split-mlp-small.ron"),
    ),
];

/// The built-in presets, in the order they are listed.
pub fn builtin_presets() -> Vec<Preset> {
    SOURCES
        .iter()
        .map(|(file, text)| {
            Preset::parse(text, &format!("presets/{file}"))
                .unwrap_or_else(|e| panic!("built-in preset is invalid (a test guards this): {e}"))
        })
        .collect()
}

/// The original text of a built-in preset (comments included), for `presets show`.
pub fn builtin_source(name: &str) -> Option<&'static str> {
    SOURCES
        .iter()
        .find(|(file, _)| file.trim_end_matches(".ron") == name)
        .map(|(_, text)| *text)
}
