//! How run directories are named, and what a name says back: `<preset>-<YYYYmmdd-HHMMSS>`
//! for a single run, `<preset>-<YYYYmmdd-HHMMSS>-s<seed>` for each seed of a multi-seed
//! launch (the suffix is the run's real seed, so `-s3` is seed 3), and `-2`, `-3`… only
//! when two launches of one preset fall in the same second.

use super::RecordError;
use std::fs;
use std::path::{Path, PathBuf};

/// What a run directory's name says: the launch it belongs to and when it started.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunName {
    /// The name without its seed suffix: every seed of one launch shares it.
    pub launch: String,
    /// `YYYY-mm-dd HH:MM:SS` (UTC) from the name's stamp.
    pub started: Option<String>,
    /// The seed written in the name (`-s<seed>`), if any.
    pub seed: Option<u64>,
    /// The name without its stamp (`grokking-s1`): enough beside a date column.
    pub short: String,
}

/// Reads a directory name; a name groktop did not make is its own launch with no date.
pub fn parse_run_name(name: &str) -> RunName {
    let (launch, seed) = match name.rsplit_once("-s") {
        Some((head, tail)) if !tail.is_empty() && tail.bytes().all(|b| b.is_ascii_digit()) => {
            (head, tail.parse().ok())
        }
        _ => (name, None),
    };
    let (started, short) = match find_stamp(launch) {
        Some((at, date)) => {
            let mut short = name[..at].trim_end_matches('-').to_string();
            short.push_str(&name[at + 15..]);
            (Some(date), short)
        }
        None => (None, name.to_string()),
    };
    RunName {
        launch: launch.to_string(),
        started,
        seed,
        short,
    }
}

/// The first `YYYYmmdd-HHMMSS` in `name`: where it starts, and as `YYYY-mm-dd HH:MM:SS`.
fn find_stamp(name: &str) -> Option<(usize, String)> {
    let b = name.as_bytes();
    (0..b.len().saturating_sub(14)).find_map(|i| {
        let s = &b[i..i + 15];
        let digits = |r: std::ops::Range<usize>| s[r].iter().all(u8::is_ascii_digit);
        let at_start = i == 0 || b[i - 1] == b'-';
        (at_start && digits(0..8) && s[8] == b'-' && digits(9..15)).then(|| {
            let t = &name[i..i + 15];
            let date = format!(
                "{}-{}-{} {}:{}:{}",
                &t[0..4],
                &t[4..6],
                &t[6..8],
                &t[9..11],
                &t[11..13],
                &t[13..15]
            );
            (i, date)
        })
    })
}

/// Reserves a new directory under `base` for each seed of one launch of `preset`, named
/// `<preset>-<stamp>-s<seed>`, by creating them (so two launches never share one). Seeds
/// must be distinct.
pub fn reserve_seed_dirs(
    base: &Path,
    preset: &str,
    seeds: &[u64],
) -> Result<Vec<PathBuf>, RecordError> {
    fs::create_dir_all(base).map_err(|e| RecordError::io(base, "create", e))?;
    let stamp = super::run_dir::timestamp_now();
    let mut n = 1;
    'launch: loop {
        let launch = match n {
            1 => format!("{preset}-{stamp}"),
            _ => format!("{preset}-{stamp}-{n}"),
        };
        let mut made = Vec::new();
        for seed in seeds {
            let path = base.join(format!("{launch}-s{seed}"));
            match fs::create_dir(&path) {
                Ok(()) => made.push(path),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    // Another launch took this second: give back what we took, try the next.
                    for p in &made {
                        let _ = fs::remove_dir(p);
                    }
                    n += 1;
                    continue 'launch;
                }
                Err(e) => return Err(RecordError::io(&path, "create the run directory", e)),
            }
        }
        return Ok(made);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_suffix_and_stamp_are_read_back() {
        let n = parse_run_name("grokking-20261129-123456-s7");
        assert_eq!(n.launch, "grokking-20261129-123456");
        assert_eq!(n.seed, Some(7));
        assert_eq!(n.started.as_deref(), Some("2026-11-29 12:34:56"));
        assert_eq!(n.short, "grokking-s7");
        let single = parse_run_name("phase-diagram-quick-20260101-000000-2");
        assert_eq!(single.seed, None);
        assert_eq!(single.launch, "phase-diagram-quick-20260101-000000-2");
        assert_eq!(single.started.as_deref(), Some("2026-01-01 00:00:00"));
        assert_eq!(single.short, "phase-diagram-quick-2");
        let foreign = parse_run_name("my-sweep-cell");
        assert_eq!((foreign.seed, foreign.started), (None, None));
        assert_eq!(foreign.short, "my-sweep-cell");
        // "-s" followed by letters is part of the name, not a seed.
        assert_eq!(parse_run_name("ab-seeds").seed, None);
    }

    #[test]
    fn a_launch_gets_one_stamp_and_the_real_seeds() {
        let base = std::env::temp_dir().join(format!("groktop-names-{}", std::process::id()));
        let _ = fs::remove_dir_all(&base);
        let first = reserve_seed_dirs(&base, "grokking", &[3, 4, 5]).unwrap();
        let names: Vec<RunName> = first
            .iter()
            .map(|p| parse_run_name(&p.file_name().unwrap().to_string_lossy()))
            .collect();
        assert_eq!(
            names.iter().map(|n| n.seed).collect::<Vec<_>>(),
            [Some(3), Some(4), Some(5)]
        );
        assert!(names.iter().all(|n| n.launch == names[0].launch));
        // A second launch in the same second gets its own names, never the first's.
        let second = reserve_seed_dirs(&base, "grokking", &[3, 4, 5]).unwrap();
        for p in &second {
            assert!(!first.contains(p), "{} reused", p.display());
            assert!(p.is_dir());
        }
        fs::remove_dir_all(&base).unwrap();
    }
}
