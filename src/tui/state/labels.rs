//! What the compare view and its export call each run: as short as still tells the runs
//! apart. The seeds of one launch are "seed 0", "seed 1"; runs of different launches, where
//! two may share a seed, are "preset · seed · start" (the start from the directory's stamp).

use crate::record::parse_run_name;
use crate::tui::state::run_state::RunState;

/// One label per run, in order, each different from the others where the runs' names allow.
pub fn unique_labels(runs: &[&RunState]) -> Vec<String> {
    let seeds: Vec<String> = runs.iter().map(|r| format!("seed {}", r.seed)).collect();
    let one_preset = runs
        .windows(2)
        .all(|w| preset_name(w[0]) == preset_name(w[1]));
    if one_preset && all_different(&seeds) {
        return seeds;
    }
    let long: Vec<String> = runs.iter().map(|r| long_label(r)).collect();
    if all_different(&long) {
        return long;
    }
    // Started in the same minute with the same seed: the directory's name tells them apart.
    runs.iter()
        .zip(long)
        .map(|(r, l)| match dir_name(r) {
            Some(name) => format!("{l} · {name}"),
            None => l,
        })
        .collect()
}

/// "grokking · seed 1 · 11-29 10:00".
fn long_label(r: &RunState) -> String {
    let start = dir_name(r)
        .and_then(|n| parse_run_name(&n).started)
        .map(|d| d.get(5..16).unwrap_or(&d).to_string());
    match start {
        Some(start) => format!("{} · seed {} · {start}", preset_name(r), r.seed),
        None => format!("{} · seed {}", preset_name(r), r.seed),
    }
}

fn preset_name(r: &RunState) -> &str {
    match &r.preset {
        Some(p) => &p.name,
        None => r.label.split(" · ").next().unwrap_or(&r.label),
    }
}

fn dir_name(r: &RunState) -> Option<String> {
    let dir = r.dir.as_ref()?;
    Some(dir.file_name()?.to_string_lossy().into_owned())
}

fn all_different(labels: &[String]) -> bool {
    let mut sorted: Vec<&String> = labels.iter().collect();
    sorted.sort();
    sorted.windows(2).all(|w| w[0] != w[1])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::worker::RunId;

    fn run(label: &str, seed: u64, dir: &str) -> RunState {
        let mut r = RunState::new(RunId(0), label.into(), seed, 100);
        r.dir = Some(format!("runs/{dir}").into());
        r
    }

    #[test]
    fn seeds_of_one_preset_are_their_seed_else_preset_seed_and_start() {
        let a = run("grokking · seed 0", 0, "grokking-20261129-100000-s0");
        let b = run("grokking · seed 1", 1, "grokking-20261129-100000-s1");
        assert_eq!(unique_labels(&[&a, &b]), ["seed 0", "seed 1"]);
        let c = run("grokking · seed 1", 1, "grokking-20261130-090000-s1");
        assert_eq!(
            unique_labels(&[&a, &b, &c]),
            [
                "grokking · seed 0 · 11-29 10:00",
                "grokking · seed 1 · 11-29 10:00",
                "grokking · seed 1 · 11-30 09:00"
            ]
        );
        let p = run("progression · seed 1", 1, "progression-20261129-100000");
        assert_eq!(
            unique_labels(&[&b, &p]),
            [
                "grokking · seed 1 · 11-29 10:00",
                "progression · seed 1 · 11-29 10:00"
            ]
        );
        let twin = run("grokking · seed 1", 1, "grokking-20261129-100000-s1-copy");
        assert_eq!(
            unique_labels(&[&b, &twin])[1],
            "grokking · seed 1 · 11-29 10:00 · grokking-20261129-100000-s1-copy"
        );
    }
}
