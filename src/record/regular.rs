//! Opening files that someone else made (another sweep's cells for `--adopt`, a lock file)
//! without trusting them: only regular files are read, never through a symbolic link, and
//! never more than a bound. A FIFO opened for reading blocks until a writer comes, which may
//! be never; a symlink can point anywhere, a loop included; a sparse file can claim gigabytes.

use super::RecordError;
use std::fs::{File, OpenOptions};
use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// Opens `path` for reading when it is a regular file. `O_NOFOLLOW` refuses a symlink and
/// `O_NONBLOCK` keeps the open of a FIFO from waiting for a writer (it has no effect on a
/// regular file's reads); the type is then checked on the open file itself.
pub fn open_regular(path: &Path) -> Result<File, RecordError> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| match e.raw_os_error() {
            Some(libc::ELOOP) => RecordError::at(path, "is a symbolic link: not followed"),
            _ => RecordError::io(path, "open", e),
        })?;
    let meta = file
        .metadata()
        .map_err(|e| RecordError::io(path, "read the type of", e))?;
    if !meta.is_file() {
        return Err(RecordError::at(path, not_regular(&meta.file_type())));
    }
    Ok(file)
}

/// The whole of a regular file of at most `max` bytes.
pub fn read_regular(path: &Path, max: u64) -> Result<Vec<u8>, RecordError> {
    let file = open_regular(path)?;
    let len = file
        .metadata()
        .map_err(|e| RecordError::io(path, "read the size of", e))?
        .len();
    if len > max {
        return Err(too_large(path, len, max));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| RecordError::io(path, "read", e))?;
    if bytes.len() as u64 > max {
        return Err(too_large(path, bytes.len() as u64, max));
    }
    Ok(bytes)
}

/// [`read_regular`] as UTF-8 text.
pub fn read_regular_text(path: &Path, max: u64) -> Result<String, RecordError> {
    String::from_utf8(read_regular(path, max)?).map_err(|e| {
        RecordError::at(
            path,
            format!(
                "is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// Why an entry that is neither a regular file nor a directory is refused.
pub fn not_regular(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_symlink() {
        "is a symbolic link: not followed"
    } else if kind.is_fifo() {
        "is a FIFO, not a regular file"
    } else if kind.is_socket() {
        "is a socket, not a regular file"
    } else if kind.is_block_device() || kind.is_char_device() {
        "is a device, not a regular file"
    } else if kind.is_dir() {
        "is a directory, not a regular file"
    } else {
        "is not a regular file"
    }
}

fn too_large(path: &Path, len: u64, max: u64) -> RecordError {
    RecordError::at(
        path,
        format!("holds {len} bytes, more than the {max} such a file can have"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifos_symlinks_directories_and_large_files_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        std::fs::write(&file, "text").unwrap();
        assert_eq!(read_regular_text(&file, 4).unwrap(), "text");
        let err = read_regular(&file, 3).unwrap_err();
        assert!(err.0.contains("holds 4 bytes, more than the 3"), "{err}");
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(read_regular(&fifo, 10).unwrap_err().0.contains("is a FIFO"));
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        assert!(
            read_regular(&link, 10)
                .unwrap_err()
                .0
                .contains("symbolic link")
        );
        assert!(
            read_regular(dir.path(), 10)
                .unwrap_err()
                .0
                .contains("is a directory")
        );
        std::fs::write(&file, [0xff, 0xfe]).unwrap();
        assert!(
            read_regular_text(&file, 10)
                .unwrap_err()
                .0
                .contains("not UTF-8")
        );
    }
}
