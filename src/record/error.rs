//! The one error type of `record`: a sentence that names the file and the problem.

use std::fmt;
use std::path::Path;

/// A run's or a sweep's file that cannot be read or written, with the path and the reason.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordError(pub String);

impl RecordError {
    /// `<path>: <message>`.
    pub fn at(path: &Path, message: impl fmt::Display) -> Self {
        Self(format!("{}: {message}", path.display()))
    }

    /// `<path>: cannot <what>: <io error>`.
    pub fn io(path: &Path, what: &str, e: std::io::Error) -> Self {
        Self::at(path, format!("cannot {what}: {e}"))
    }
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RecordError {}

impl From<RecordError> for String {
    fn from(e: RecordError) -> String {
        e.0
    }
}
