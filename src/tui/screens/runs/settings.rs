//! The Runs tab and the runs' settings: which settings differ between the listed runs (the
//! table's extra columns), and the filter that matches words of a name or `name=value`.

use crate::record::RunEntry;

/// What the Runs tab's filter asks: every word must match, `name=value` a setting exactly
/// (`d_model=64`, `lr=0.003`), any other word part of the directory's name.
pub(super) struct Filter {
    words: Vec<String>,
}

impl Filter {
    pub(super) fn parse(text: &str) -> Self {
        Self {
            words: text.split_whitespace().map(str::to_lowercase).collect(),
        }
    }

    pub(super) fn matches(&self, e: &RunEntry) -> bool {
        self.words.iter().all(|w| match w.split_once('=') {
            Some((key, value)) => (e.settings.iter())
                .any(|(k, v)| k.eq_ignore_ascii_case(key) && v.eq_ignore_ascii_case(value)),
            None => e.name.to_lowercase().contains(w),
        })
    }
}

/// The settings (seed aside) whose values differ between `rows`, in the preset's order.
pub(super) fn differing(rows: &[&RunEntry]) -> Vec<&'static str> {
    let known: Vec<&&RunEntry> = rows.iter().filter(|e| !e.settings.is_empty()).collect();
    let Some(first) = known.first() else {
        return Vec::new();
    };
    (first.settings.iter())
        .filter(|(k, v)| {
            *k != "seed"
                && known
                    .iter()
                    .any(|e| e.settings.iter().find(|(k2, _)| k2 == k).map(|(_, v2)| v2) != Some(v))
        })
        .map(|(k, _)| *k)
        .collect()
}
