//! Which cells of a grid one process runs: all of them, one (`--cell K`, what a Slurm array
//! task runs), or a shard (`--shard i/n`: the cells whose index modulo `n` is `i`, so that
//! `n` processes or machines started with `0/n, 1/n, …, (n-1)/n` split the grid between them
//! without talking to each other, each cell exactly once, and long and short cells interleave).

use crate::preset::Cell;
use std::fmt;
use std::str::FromStr;

/// `--shard i/n`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = |why: &str| format!("--shard {s}: {why}");
        let (i, n) = s
            .split_once('/')
            .ok_or_else(|| bad("expected i/n, e.g. 0/2 (the cells whose index % n == i)"))?;
        let parse = |v: &str, what: &str| {
            v.trim()
                .parse::<usize>()
                .map_err(|_| bad(&format!("{what} {v:?} is not a non-negative integer")))
        };
        let (index, count) = (parse(i, "i")?, parse(n, "n")?);
        if count == 0 {
            return Err(bad("n must be at least 1"));
        }
        if index >= count {
            return Err(bad(&format!(
                "i must be below n (0..={}), since shards are numbered from 0",
                count - 1
            )));
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// The cells a process is asked to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Selection {
    #[default]
    All,
    Cell(usize),
    Shard(Shard),
}

impl Selection {
    /// The selected cells of `cells` (a preset's whole grid, in grid order), or a one-line
    /// error when `--cell` is out of range.
    pub fn apply(self, cells: Vec<Cell>, preset_name: &str) -> Result<Vec<Cell>, String> {
        match self {
            Selection::All => Ok(cells),
            Selection::Cell(k) => {
                let n = cells.len();
                cells
                    .into_iter()
                    .find(|c| c.index == k)
                    .map(|c| vec![c])
                    .ok_or_else(|| {
                        format!(
                            "--cell {k}: preset '{preset_name}' has {n} cell{} (0..={})",
                            if n == 1 { "" } else { "s" },
                            n - 1
                        )
                    })
            }
            Selection::Shard(s) => Ok(cells
                .into_iter()
                .filter(|c| c.index % s.count == s.index)
                .collect()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects_shards() {
        assert_eq!("1/3".parse::<Shard>(), Ok(Shard { index: 1, count: 3 }));
        let e = "3/2".parse::<Shard>().unwrap_err();
        assert_eq!(
            e,
            "--shard 3/2: i must be below n (0..=1), since shards are numbered from 0"
        );
        assert_eq!(
            "0/0".parse::<Shard>().unwrap_err(),
            "--shard 0/0: n must be at least 1"
        );
        assert!("2".parse::<Shard>().unwrap_err().contains("expected i/n"));
        assert!("a/2".parse::<Shard>().unwrap_err().contains("\"a\" is not"));
    }
}
