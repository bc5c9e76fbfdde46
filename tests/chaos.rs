//! A run killed with SIGKILL at seeded random moments (inside steps, evaluations and
//! checkpoint writes) and continued each time ends bit-identical to an uninterrupted one.

mod common;

use common::{groktop, stderr, tiny_preset_text, write};
use rand::{Rng, SeedableRng};
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

const KILLS: usize = 30;

/// metrics.csv without its timing columns (steps_per_sec, elapsed_s).
fn rows_without_timing(run: &Path) -> Vec<String> {
    fs::read_to_string(run.join("metrics.csv"))
        .unwrap()
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            [&f[..6], &f[8..]].concat().join(",")
        })
        .collect()
}

fn usable_checkpoint(run: &Path) -> bool {
    groktop::record::RunDir::open(run).is_ok_and(|d| d.latest_usable().0.is_some())
}

#[test]
fn sigkill_at_random_moments_then_resume_is_bit_identical() {
    let tmp = tempfile::tempdir().unwrap();
    // A checkpoint every 25 steps, so many kills land inside a checkpoint write; 15 000 steps
    // (several seconds) so that the 30 kills, 62 ms apart on average, land before the run ends
    // even with a fast engine on a quiet machine.
    write(
        tmp.path(),
        "p.ron",
        &tiny_preset_text(11, 60, 8, 15_000, 50, 25),
    );
    let straight = groktop(tmp.path(), &["run", "p.ron", "--out", "straight"]);
    assert!(straight.status.success(), "{}", stderr(&straight));

    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(8);
    let run = tmp.path().join("r");
    let (mut killed, mut resumed) = (0, 0);
    for _ in 0..KILLS {
        let args: Vec<&str> = if usable_checkpoint(&run) {
            resumed += 1;
            vec!["resume", "r"]
        } else {
            vec!["run", "p.ron", "--out", "r"]
        };
        let mut child = Command::new(env!("CARGO_BIN_EXE_groktop"))
            .args(&args)
            .current_dir(tmp.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.gen_range(5..120)));
        let _ = child.kill(); // SIGKILL
        let out = child.wait_with_output().unwrap();
        if out.status.success() {
            break; // it finished before the kill
        }
        killed += 1;
    }
    assert!(killed >= KILLS / 2, "only {killed} kills landed mid-run");
    assert!(
        resumed >= KILLS / 3,
        "only {resumed} of the restarts resumed a checkpoint"
    );
    eprintln!("{killed} kills, {resumed} resumes");
    if !fs::read_to_string(run.join("events.log")).is_ok_and(|l| l.contains("final\t")) {
        let out = groktop(tmp.path(), &["resume", "r"]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let straight = tmp.path().join("straight");
    assert_eq!(rows_without_timing(&run), rows_without_timing(&straight));
    for f in ["model.safetensors", "optimizer.safetensors"] {
        let a = fs::read(run.join("checkpoints/step-600").join(f)).unwrap();
        let b = fs::read(straight.join("checkpoints/step-600").join(f)).unwrap();
        assert!(a == b, "{f} differs after {killed} kills");
    }
    // What the killed writers left half-done was cleaned up by the next writer.
    let leftovers: Vec<_> = fs::read_dir(run.join("checkpoints"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
