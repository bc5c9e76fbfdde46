//! Helpers shared by the integration tests: tiny presets written to temp files and the real
//! binary.
#![allow(dead_code)]

use groktop::preset::Preset;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A small, fast single-run preset: (a+b) mod `modulus`, d_model `d`.
pub fn tiny_preset_text(
    modulus: u32,
    n_train: usize,
    d: usize,
    steps: u64,
    eval_every: u64,
    checkpoint_every: u64,
) -> String {
    format!(
        "(name: \"tiny\", title: \"tiny\", figure: \"test\", description: \"\", paper_reports: \"\",
          task: (kind: ModAdd, modulus: {modulus}, n_train: {n_train}),
          model: (d_model: {d}), optimizer: (lr: 3e-3, weight_decay: 1.0),
          training: (steps: {steps}, eval_every: {eval_every}, checkpoint_every: {checkpoint_every}))"
    )
}

pub fn tiny_preset(
    modulus: u32,
    n_train: usize,
    d: usize,
    steps: u64,
    eval_every: u64,
    checkpoint_every: u64,
) -> Preset {
    Preset::parse(
        &tiny_preset_text(modulus, n_train, d, steps, eval_every, checkpoint_every),
        "tiny.ron",
    )
    .unwrap()
}

/// Writes `text` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Runs the real `groktop` binary with `args` in `cwd`, no terminal attached.
pub fn groktop(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_groktop"))
        .args(args)
        .current_dir(cwd)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("running groktop")
}

/// Starts the real `groktop` binary with `args` in `cwd`, its output piped, no terminal.
pub fn spawn(cwd: &Path, args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_groktop"))
        .args(args)
        .current_dir(cwd)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("starting groktop")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A 2 n_train × 2 d_model grid of (a+b) mod 11, one seed, written to `dir/<name>.ron`:
/// four cells of well under a second each, for the sweep and Slurm tests.
pub fn tiny_grid(dir: &Path, name: &str, steps: u64, checkpoint_every: u64) -> PathBuf {
    let eval_every = steps.min(25);
    write(
        dir,
        &format!("{name}.ron"),
        &format!(
            "(name: \"{name}\", title: \"A 2 x 2 grid for tests\", figure: \"test\", description: \"test\",
              paper_reports: \"nothing\", task: (kind: ModAdd, modulus: 11, n_train: 40), model: (d_model: 8),
              training: (steps: {steps}, eval_every: {eval_every}, checkpoint_every: {checkpoint_every}),
              sweep: (n_train: [40, 80], d_model: [8, 12]))"
        ),
    )
}
