//! One writer per directory: an OS lock on `<dir>/.lock` that the kernel releases when its
//! holder ends, however it ends (SIGKILL included), so a stale lock cannot exist.
//!
//! The lock is an open-file-description lock (`fcntl(F_OFD_SETLK)`, Linux): unlike POSIX
//! record locks it belongs to the open file, so two threads of one process conflict too (the
//! TUI cannot write a run it already trains), and unlike `flock` it can be *queried* without
//! taking it (`F_OFD_GETLK`), so a reader asking "is anyone training this?" never makes a
//! writer fail. The holder writes `pid host` into the file so that a refused writer can
//! name it.

use super::RecordError;
use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The lock file inside a run directory (or a sweep cell, which is one).
pub const LOCK_FILE: &str = ".lock";

/// Who holds a lock.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    pub pid: u32,
    pub host: String,
}

impl fmt::Display for Holder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "pid {} on host {}", self.pid, self.host)
    }
}

impl Holder {
    /// This process.
    pub fn me() -> Self {
        Self {
            pid: std::process::id(),
            host: hostname(),
        }
    }

    fn parse(text: &str) -> Option<Self> {
        let (pid, host) = text.trim().split_once(' ')?;
        Some(Self {
            pid: pid.parse().ok()?,
            host: host.to_string(),
        })
    }
}

/// A held lock; dropping it (or the process ending) releases it.
#[derive(Debug)]
pub struct DirLock {
    dir: PathBuf,
    _file: File,
}

impl DirLock {
    /// Takes the lock of `dir` (which must exist), or says who holds it. `what` names the
    /// directory's kind in the message ("run directory", "sweep cell").
    pub fn acquire(dir: &Path, what: &str) -> Result<Self, RecordError> {
        let path = dir.join(LOCK_FILE);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| RecordError::io(&path, "open the lock file", e))?;
        match os::try_lock(&file) {
            Ok(true) => {}
            Ok(false) => {
                let holder = wait_for_holder(&mut file)
                    .map_or_else(|| "another process".to_string(), |h| h.to_string());
                return Err(RecordError::at(
                    dir,
                    format!(
                        "this {what} is being written by {holder}; one writer at a time (stop that process first, or open the directory read-only)"
                    ),
                ));
            }
            Err(e) => return Err(RecordError::io(&path, "lock", e)),
        }
        let me = format!("{} {}\n", std::process::id(), hostname());
        let write = file
            .set_len(0)
            .and_then(|()| file.seek(SeekFrom::Start(0)))
            .and_then(|_| file.write_all(me.as_bytes()));
        write.map_err(|e| RecordError::io(&path, "write the lock file", e))?;
        Ok(Self {
            dir: dir.to_path_buf(),
            _file: file,
        })
    }

    /// The locked directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Holder {
    /// Asks the holder to stop with SIGTERM, on which groktop checkpoints and exits (a sweep
    /// whose TUI was killed goes on training; the next TUI stops it this way). Refused for a
    /// holder on another host (its pid names another machine's process) or this process.
    pub fn terminate(&self) -> Result<(), String> {
        if self.host != hostname() {
            return Err(format!(
                "{self} runs on another machine: stop it there (kill -TERM {})",
                self.pid
            ));
        }
        let pid = libc::pid_t::try_from(self.pid).unwrap_or(0);
        if pid <= 0 || self.pid == std::process::id() {
            return Err(format!(
                "{self} is not a process that can be stopped from here"
            ));
        }
        // SAFETY: kill with a positive pid and a valid signal has no memory effects.
        if unsafe { libc::kill(pid, libc::SIGTERM) } != 0 {
            let e = std::io::Error::last_os_error();
            return Err(format!("cannot signal {self}: {e}"));
        }
        Ok(())
    }
}

/// The live holder of `dir`'s lock, if any. Never takes the lock, and never opens anything
/// but a regular file (a FIFO in its place would block the open).
pub fn holder(dir: &Path) -> Option<Holder> {
    let mut file = super::regular::open_regular(&dir.join(LOCK_FILE)).ok()?;
    if !os::is_locked(&file) {
        return None;
    }
    Some(read_holder(&mut file).unwrap_or(Holder {
        pid: 0,
        host: "?".into(),
    }))
}

/// The holder's name, waiting briefly for it: a holder writes it just after taking the lock,
/// so a writer refused in that instant (two `resume`s started together) would otherwise
/// find the file still empty and could not say who holds it.
fn wait_for_holder(file: &mut File) -> Option<Holder> {
    for _ in 0..50 {
        if let Some(h) = read_holder(file) {
            return Some(h);
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    None
}

fn read_holder(file: &mut File) -> Option<Holder> {
    let mut text = String::new();
    file.seek(SeekFrom::Start(0)).ok()?;
    file.read_to_string(&mut text).ok()?;
    Holder::parse(&text)
}

/// The machine's name (for messages: which node of a cluster holds a lock).
pub fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "unknown".into())
}

#[cfg(target_os = "linux")]
mod os {
    use std::fs::File;
    use std::os::fd::AsRawFd;

    fn whole_file(kind: i32) -> libc::flock {
        // SAFETY: flock is a plain C struct; all-zero is a valid value.
        let mut l: libc::flock = unsafe { std::mem::zeroed() };
        l.l_type = kind as libc::c_short;
        l.l_whence = libc::SEEK_SET as libc::c_short;
        l
    }

    /// True when taken, false when another open file holds it.
    pub fn try_lock(file: &File) -> std::io::Result<bool> {
        let l = whole_file(libc::F_WRLCK);
        // SAFETY: a valid fd and a pointer to a live flock struct.
        let rc = unsafe { libc::fcntl(file.as_raw_fd(), libc::F_OFD_SETLK, &l) };
        if rc == 0 {
            return Ok(true);
        }
        let e = std::io::Error::last_os_error();
        match e.raw_os_error() {
            Some(libc::EAGAIN) | Some(libc::EACCES) => Ok(false),
            _ => Err(e),
        }
    }

    pub fn is_locked(file: &File) -> bool {
        let mut l = whole_file(libc::F_WRLCK);
        // SAFETY: a valid fd and a pointer to a live flock struct that the call fills in.
        let rc = unsafe { libc::fcntl(file.as_raw_fd(), libc::F_OFD_GETLK, &mut l) };
        rc == 0 && l.l_type != libc::F_UNLCK as libc::c_short
    }
}

#[cfg(not(target_os = "linux"))]
mod os {
    //! Elsewhere: `flock` through std. A query takes and drops a shared lock, so a writer
    //! starting in that instant can be refused once (it says so; start it again).
    use std::fs::File;

    pub fn try_lock(file: &File) -> std::io::Result<bool> {
        match file.try_lock() {
            Ok(()) => Ok(true),
            Err(std::fs::TryLockError::WouldBlock) => Ok(false),
            Err(std::fs::TryLockError::Error(e)) => Err(e),
        }
    }

    pub fn is_locked(file: &File) -> bool {
        match file.try_lock_shared() {
            Ok(()) => {
                let _ = file.unlock();
                false
            }
            Err(_) => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_writer_is_refused_and_names_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(holder(dir.path()), None);
        let lock = DirLock::acquire(dir.path(), "run directory").unwrap();
        assert_eq!(holder(dir.path()), Some(Holder::me()));
        let err = DirLock::acquire(dir.path(), "run directory").unwrap_err();
        assert!(
            err.0.contains(&format!("pid {}", std::process::id())),
            "{err}"
        );
        drop(lock);
        assert_eq!(holder(dir.path()), None);
        DirLock::acquire(dir.path(), "run directory").unwrap();
    }

    /// A writer refused in the instant between the holder taking the lock and writing its
    /// name still names it (two `resume`s started at once used to say "another process").
    #[test]
    fn a_writer_refused_before_the_holder_wrote_its_name_still_names_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(LOCK_FILE);
        let mut early = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .unwrap();
        assert!(os::try_lock(&early).unwrap());
        let writer = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(100));
            early.write_all(b"4242 node-7\n").unwrap();
            early
        });
        let err = DirLock::acquire(dir.path(), "run directory").unwrap_err();
        let _held = writer.join().unwrap();
        assert!(err.0.contains("pid 4242 on host node-7"), "{err}");
    }
}
