//! The presets compiled into the binary, so `groktop` works from any directory.

use super::Preset;

/// (file name, text) of every file in `presets/`. A test checks this list against the folder.
const SOURCES: &[(&str, &str)] = &[
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
        "semi-grokking.ron",
        include_str!("../../presets/semi-grokking.ron"),
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
