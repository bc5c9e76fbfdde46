//! The Runs and Sweeps tabs' listings as the watcher keeps them: a run directory is read
//! again only when its files changed (its metrics and events sizes, its checkpoints folder's
//! time or its writer), so a folder of many runs costs a few stats a second, not a read of
//! every metrics.csv; a listing is sent only when it differs from the one sent before.

use crate::record::{self, RunEntry, RunStamp, SweepEntry};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The run directories directly under `root`, newest name first.
pub struct RunsListing {
    pub root: PathBuf,
    cache: HashMap<PathBuf, (RunStamp, RunEntry)>,
    sent: Option<Result<Vec<RunEntry>, String>>,
}

impl RunsListing {
    pub fn new(root: PathBuf) -> Self {
        Self {
            root,
            cache: HashMap::new(),
            sent: None,
        }
    }

    /// Everything read again at the next poll, and sent even when unchanged.
    pub fn forget(&mut self) {
        self.cache.clear();
        self.sent = None;
    }

    /// The listing when it changed since the last one sent.
    pub fn poll(&mut self) -> Option<Result<Vec<RunEntry>, String>> {
        let now = self.scan();
        changed(&mut self.sent, now)
    }

    fn scan(&mut self) -> Result<Vec<RunEntry>, String> {
        let dirs = record::run_dirs(&self.root).map_err(|e| error(&self.root, &e.0))?;
        let mut cache = HashMap::with_capacity(dirs.len());
        let mut out = Vec::with_capacity(dirs.len());
        for dir in dirs {
            let stamp = dir.stamp();
            let entry = match self.cache.remove(&dir.path) {
                Some((old, entry)) if old == stamp => entry,
                _ => record::run_entry(&dir),
            };
            out.push(entry.clone());
            cache.insert(dir.path, (stamp, entry));
        }
        self.cache = cache;
        out.sort_by(|a, b| b.name.cmp(&a.name));
        Ok(out)
    }
}

/// The sweep directories directly under `root` (`record::scan_sweeps`: a sweep.ron and a
/// count of finished cells each, cheap enough to read whole).
pub struct SweepsListing {
    pub root: PathBuf,
    sent: Option<Result<Vec<SweepEntry>, String>>,
}

impl SweepsListing {
    pub fn new(root: PathBuf) -> Self {
        Self { root, sent: None }
    }

    /// The listing sent at the next poll even when unchanged.
    pub fn forget(&mut self) {
        self.sent = None;
    }

    /// The listing when it changed since the last one sent.
    pub fn poll(&mut self) -> Option<Result<Vec<SweepEntry>, String>> {
        let now = record::scan_sweeps(&self.root).map_err(|e| error(&self.root, &e.0));
        changed(&mut self.sent, now)
    }
}

/// `now` when it differs from `sent` (which then becomes `now`).
fn changed<T: Clone + PartialEq>(sent: &mut Option<T>, now: T) -> Option<T> {
    if sent.as_ref() == Some(&now) {
        return None;
    }
    *sent = Some(now.clone());
    Some(now)
}

fn error(root: &Path, e: &str) -> String {
    format!("cannot read {}: {e}", root.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_is_sent_once_until_it_changes() {
        let mut sent = None;
        assert_eq!(changed(&mut sent, 1), Some(1));
        assert_eq!(changed(&mut sent, 1), None);
        assert_eq!(changed(&mut sent, 2), Some(2));
    }
}
