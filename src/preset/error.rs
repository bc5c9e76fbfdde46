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

    pub(crate) fn from_ron(source_name: &str, e: &ron::error::SpannedError) -> Self {
        let pos = e.span.start;
        Self {
            message: format!("{source_name}:{}:{}: {}", pos.line, pos.col, e.code),
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

impl fmt::Display for PresetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PresetError {}
