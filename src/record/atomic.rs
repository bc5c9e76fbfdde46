//! Whole-file writes that a crash cannot half-do, appends, and the clean-up of what a killed
//! writer left behind.
//!
//! A file is written to a temporary sibling `.<name>.tmp-<pid>-<n>`, synced and renamed over
//! the target. A process killed in between leaves the temporary behind; the next writer of
//! the directory (who holds its lock, so no live writer can own a temporary there) removes them.

use super::RecordError;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// The marker in every temporary name.
const TMP_MARK: &str = ".tmp-";

/// The temporary sibling for `name` (unique within this process).
pub(crate) fn temp_name(name: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    format!(
        ".{name}{TMP_MARK}{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// Writes `bytes` to a temporary sibling, syncs it and renames it over `path`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), RecordError> {
    let name = path
        .file_name()
        .map_or("file".into(), |n| n.to_string_lossy().into_owned());
    let tmp = path.with_file_name(temp_name(&name));
    let write = || -> std::io::Result<()> {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
    };
    write().map_err(|e| {
        let _ = fs::remove_file(&tmp);
        RecordError::io(path, "write", e)
    })
}

/// Appends `text` (whole lines, newline included) in one write.
pub(crate) fn append(path: &Path, text: &[u8]) -> Result<(), RecordError> {
    let mut f = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| RecordError::io(path, "open for appending", e))?;
    f.write_all(text)
        .map_err(|e| RecordError::io(path, "append", e))
}

/// Removes the temporaries (files or checkpoint directories) directly in `dir`. Only the
/// holder of the directory's lock may call this: nobody else can be writing them.
/// Returns how many were removed.
pub(crate) fn remove_temps(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !(name.starts_with('.') && name.contains(TMP_MARK)) {
            continue;
        }
        let path = e.path();
        let gone = if path.is_dir() {
            fs::remove_dir_all(&path)
        } else {
            fs::remove_file(&path)
        };
        removed += usize::from(gone.is_ok());
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_cleans_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.csv");
        write_atomic(&p, b"x\n").unwrap();
        append(&p, b"y\n").unwrap();
        assert_eq!(fs::read_to_string(&p).unwrap(), "x\ny\n");
        fs::write(dir.path().join(temp_name("a.csv")), "half").unwrap();
        fs::create_dir(dir.path().join(".step-5.tmp-99")).unwrap();
        fs::write(dir.path().join(".hidden"), "kept").unwrap();
        assert_eq!(remove_temps(dir.path()), 2);
        assert!(dir.path().join(".hidden").exists());
        assert!(p.exists());
    }
}
