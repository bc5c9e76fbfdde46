//! Files that are created, never replaced and never written through a symlink: the TUI's
//! exported figures. An export is a record of what the screen showed at one moment, so a
//! second export (smoothed, zoomed, or later) must not replace the first, and a symlink
//! planted in `export/` must not make groktop write outside the run.
//!
//! The figures are drawn into a private temporary folder first (the drawing library opens
//! its own files, with truncation), then copied into files opened with `O_CREAT | O_EXCL`
//! (`create_new`), which fails on any existing name, a dangling symlink included: the first
//! of `<stem>`, `<stem>-2`, `<stem>-3`, … under which every file is new is taken.

use super::{RecordError, atomic};
use std::fs;
use std::path::{Path, PathBuf};

/// How many numbered names are tried before giving up.
const MAX_TRIES: usize = 10_000;

/// Runs `draw` on a temporary folder inside `dir` (it returns the files it wrote there),
/// then gives each file a new name in `dir`: its stem, or the stem with the first free
/// counter, with its own extension. `dir` is created when missing (its parent must exist)
/// and refused when it is a symlink or not a directory. Returns the new files' paths.
pub fn write_new_files(
    dir: &Path,
    draw: impl FnOnce(&Path) -> Result<Vec<PathBuf>, String>,
) -> Result<Vec<PathBuf>, String> {
    real_dir(dir)?;
    let tmp = dir.join(atomic::temp_name("export"));
    fs::create_dir(&tmp).map_err(|e| RecordError::io(&tmp, "create", e).0)?;
    let placed = draw(&tmp).and_then(|drawn| place(dir, &drawn));
    let _ = fs::remove_dir_all(&tmp);
    placed
}

/// `dir` as a directory of its own: created if missing, never a symlink.
fn real_dir(dir: &Path) -> Result<(), String> {
    match fs::symlink_metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(m) => Err(RecordError::at(
            dir,
            format!(
                "{}: nothing is written through it",
                super::regular::not_regular(&m.file_type())
            ),
        )
        .0),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => match dir.parent() {
            // A run deleted while it is shown: nothing is made where it was.
            Some(parent) if !parent.is_dir() => Err(RecordError::at(
                parent,
                "is gone (deleted while it was shown?): nothing is created in it",
            )
            .0),
            _ => fs::create_dir(dir).map_err(|e| RecordError::io(dir, "create the folder", e).0),
        },
        Err(e) => Err(RecordError::io(dir, "read", e).0),
    }
}

/// Copies `drawn` (files sharing one stem) into `dir` under the first stem whose every name
/// is free.
fn place(dir: &Path, drawn: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let stem = drawn
        .first()
        .and_then(|f| f.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .ok_or("nothing was drawn")?;
    for n in 1..=MAX_TRIES {
        let name = if n == 1 {
            stem.clone()
        } else {
            format!("{stem}-{n}")
        };
        let mut made = Vec::new();
        let mut taken = false;
        for file in drawn {
            let ext = file
                .extension()
                .map_or(String::new(), |e| format!(".{}", e.to_string_lossy()));
            let dest = dir.join(format!("{name}{ext}"));
            match fs::File::create_new(&dest) {
                Ok(out) => made.push((file, dest, out)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    taken = true;
                    break;
                }
                Err(e) => {
                    remove(&made);
                    return Err(RecordError::io(&dest, "create", e).0);
                }
            }
        }
        if taken {
            remove(&made);
            continue;
        }
        for (file, dest, out) in &mut made {
            let copied = fs::File::open(file.as_path())
                .and_then(|mut from| std::io::copy(&mut from, out))
                .and_then(|_| out.sync_all());
            if let Err(e) = copied {
                let e = RecordError::io(dest, "write", e).0;
                remove(&made);
                return Err(e);
            }
        }
        return Ok(made.into_iter().map(|(_, dest, _)| dest).collect());
    }
    Err(RecordError::at(
        dir,
        format!("{stem}: {MAX_TRIES} files of that name exist already"),
    )
    .0)
}

/// Removes files this export created (and only those).
fn remove(made: &[(&PathBuf, PathBuf, fs::File)]) {
    for (_, dest, _) in made {
        let _ = fs::remove_file(dest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draw(text: &'static str) -> impl FnOnce(&Path) -> Result<Vec<PathBuf>, String> {
        move |tmp: &Path| {
            let files = vec![tmp.join("fig.svg"), tmp.join("fig.png")];
            for f in &files {
                fs::write(f, text).map_err(|e| e.to_string())?;
            }
            Ok(files)
        }
    }

    #[test]
    fn existing_names_and_symlinks_are_never_written() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("export");
        let first = write_new_files(&dir, draw("one")).unwrap();
        assert_eq!(first, vec![dir.join("fig.svg"), dir.join("fig.png")]);
        // A symlink where the next name would go, pointing outside: left alone.
        let outside = root.path().join("outside.txt");
        fs::write(&outside, "keep").unwrap();
        std::os::unix::fs::symlink(&outside, dir.join("fig-2.png")).unwrap();
        let next = write_new_files(&dir, draw("two")).unwrap();
        assert_eq!(next, vec![dir.join("fig-3.svg"), dir.join("fig-3.png")]);
        assert_eq!(fs::read_to_string(dir.join("fig.svg")).unwrap(), "one");
        assert_eq!(fs::read_to_string(dir.join("fig-3.png")).unwrap(), "two");
        assert_eq!(fs::read_to_string(&outside).unwrap(), "keep");
        assert!(
            !dir.join("fig-2.svg").exists(),
            "a half-taken name is given back"
        );
        let names: Vec<_> = fs::read_dir(&dir).unwrap().flatten().collect();
        assert_eq!(names.len(), 5, "no temporary left: {names:?}");
        // export/ itself a symlink: refused.
        let other = root.path().join("run2");
        fs::create_dir(&other).unwrap();
        std::os::unix::fs::symlink(root.path(), other.join("export")).unwrap();
        let err = write_new_files(&other.join("export"), draw("x")).unwrap_err();
        assert!(err.contains("symbolic link"), "{err}");
    }
}
