//! Preset errors that point at the offending place: `file:line:col: field: what was expected`.

use std::fmt;

/// A preset that cannot be used, with the position of the problem when it is known.
#[derive(Debug, Clone, PartialEq)]
pub struct PresetError {
    message: String,
}

impl PresetError {
    pub(crate) fn plain(message: String) -> Self {
        Self { message }
    }

    /// A RON syntax or type error in `text`. When RON points at a value (`steps: "many"`),
    /// the message names its key and the position is that of the value.
    pub(crate) fn from_ron(source_name: &str, text: &str, e: &ron::error::SpannedError) -> Self {
        let pos = e.span.start;
        let mut message = in_preset_words(&e.code.to_string());
        let (mut line, mut col) = (pos.line, pos.col);
        if let Some(at) = offset_of(text, line, col) {
            let rest = &text[at..];
            let value_at = token_start(text, at + (rest.len() - rest.trim_start().len()));
            if let Some(key) = key_before(text, value_at) {
                if !message.contains("field named") {
                    message = format!("{key}: {message}");
                }
                (line, col) = line_col(text, value_at);
            }
        }
        Self {
            message: format!("{source_name}:{line}:{col}: {message}"),
        }
    }

    pub(crate) fn at(source_name: &str, line: usize, col: usize, message: String) -> Self {
        Self {
            message: format!("{source_name}:{line}:{col}: {message}"),
        }
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

/// 1-based line and column (in characters) of byte offset `at` of `text`.
pub(crate) fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The byte offset of 1-based `line` and character column `col`, if inside `text`.
fn offset_of(text: &str, line: usize, col: usize) -> Option<usize> {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let line_text = &text[line_start..];
    let within = line_text
        .char_indices()
        .nth(col.checked_sub(1)?)
        .map_or(line_text.len(), |(i, _)| i);
    Some(line_start + within)
}

/// The start of the value token that byte `at` lies in: RON points into some values (past the
/// sign of `-3`), and the key is found before the whole value.
fn token_start(text: &str, at: usize) -> usize {
    let in_token = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.' | '_');
    if !text[at..].starts_with(in_token) {
        // Not inside a value (a `)` after a missing field): nothing to back over.
        return at;
    }
    text[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| in_token(c))
        .last()
        .map_or(at, |(i, _)| i)
}

/// The key of a `key: value` pair whose value starts at byte `at`, if that is what precedes it.
fn key_before(text: &str, at: usize) -> Option<&str> {
    let before = text[..at].trim_end().strip_suffix(':')?.trim_end();
    let start = before
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    let key = &before[start..];
    (!key.is_empty() && !key.starts_with(|c: char| c.is_ascii_digit())).then_some(key)
}

/// RON names the Rust types (`in `OptimizerSpec``); a preset's author knows the sections by
/// the names written in the file (`optimizer`).
fn in_preset_words(message: &str) -> String {
    const NAMES: [(&str, &str); 9] = [
        ("in `Preset`", "in the preset"),
        ("in `TaskSpec`", "in `task`"),
        ("in `ModelSpec`", "in `model`"),
        ("in `OptimizerSpec`", "in `optimizer`"),
        ("in `TrainingSpec`", "in `training`"),
        ("in `SweepSpec`", "in `sweep`"),
        ("in enum `TaskKind`", "in `task.kind`"),
        ("Unexpected missing field named", "missing required field"),
        (
            "Integer is out of bounds",
            "out of range: this field takes a whole number, not negative and not too large",
        ),
    ];
    NAMES
        .iter()
        .fold(message.to_string(), |m, (rust, file)| m.replace(rust, file))
}

impl fmt::Display for PresetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PresetError {}
