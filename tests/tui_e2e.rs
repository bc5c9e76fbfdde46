//! End to end: the real binary in a real terminal (tmux). Picks the `grokking` preset, sees
//! the step counter advance, pauses (PAUSED, step frozen), writes a checkpoint to disk, quits
//! through the dialog and checks the terminal was restored. Skipped, with the reason printed,
//! where tmux is missing.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A private tmux server (its own socket), killed when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn cmd(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("running tmux");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn capture(&self) -> String {
        self.cmd(&["capture-pane", "-p", "-t", "e2e"])
    }

    fn keys(&self, keys: &str) {
        self.cmd(&["send-keys", "-t", "e2e", keys]);
    }

    /// Polls the screen until `pred` holds; panics with the screen after `secs`.
    fn wait_for(&self, what: &str, secs: u64, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let screen = self.capture();
            if pred(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

/// The step in the status bar (`step 1 200 / 25 000 · …`).
fn status_step(screen: &str) -> Option<u64> {
    let line = screen
        .lines()
        .find(|l| l.starts_with("step ") && l.contains(" / "))?;
    let n = &line["step ".len()..line.find(" / ")?];
    n.replace([' ', '\u{a0}'], "").parse().ok()
}

/// True when the selected picker line is the `grokking` preset (not `semi-grokking`).
fn grokking_selected(screen: &str) -> bool {
    screen.lines().filter(|l| l.contains('▶')).any(|l| {
        l.split(|c: char| c.is_whitespace() || c == '│')
            .any(|w| w == "grokking")
    })
}

fn checkpoint_files(runs: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for run in std::fs::read_dir(runs).into_iter().flatten().flatten() {
        for ck in std::fs::read_dir(run.path().join("checkpoints"))
            .into_iter()
            .flatten()
            .flatten()
        {
            let name = ck.file_name().to_string_lossy().into_owned();
            let model = ck.path().join("model.safetensors");
            if name.starts_with("step-") && model.is_file() {
                out.push(model);
            }
        }
    }
    out
}

#[test]
fn pick_watch_pause_checkpoint_quit() {
    if Command::new("tmux").arg("-V").output().is_err() {
        println!("SKIPPED: tmux is not installed (the CI installs it)");
        return;
    }
    let runs = std::env::temp_dir().join(format!("groktop-e2e-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&runs);
    std::fs::create_dir_all(&runs).unwrap();
    let tmux = Tmux {
        socket: format!("groktop-e2e-{}", std::process::id()),
    };
    let shell = format!(
        "'{}' --runs-dir '{}'; echo GROKTOP-EXITED $?; sleep 30",
        env!("CARGO_BIN_EXE_groktop"),
        runs.display()
    );
    tmux.cmd(&[
        "new-session",
        "-d",
        "-s",
        "e2e",
        "-x",
        "120",
        "-y",
        "40",
        &shell,
    ]);

    // Pick `grokking` in the list (other presets may come first).
    tmux.wait_for("the picker", 20, |s| s.contains("Experiments"));
    for _ in 0..64 {
        if grokking_selected(&tmux.capture()) {
            break;
        }
        tmux.keys("Down");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(grokking_selected(&tmux.capture()), "{}", tmux.capture());
    tmux.keys("Enter");

    // The step counter advances.
    let first = tmux.wait_for("the run view", 30, |s| {
        status_step(s).is_some() && s.contains("RUNNING")
    });
    let s1 = status_step(&first).unwrap();
    let later = tmux.wait_for("the step to advance", 120, |s| {
        status_step(s).is_some_and(|n| n > s1)
    });
    assert!(status_step(&later).unwrap() > s1);

    // Space pauses: PAUSED shows and the step stays put.
    tmux.keys("Space");
    let paused = tmux.wait_for("PAUSED", 20, |s| s.contains("PAUSED"));
    let s3 = status_step(&paused).unwrap();
    std::thread::sleep(Duration::from_millis(1200));
    assert_eq!(
        status_step(&tmux.capture()),
        Some(s3),
        "a paused run does not step"
    );

    // c writes a checkpoint.
    tmux.keys("c");
    let deadline = Instant::now() + Duration::from_secs(20);
    while checkpoint_files(&runs).is_empty() {
        assert!(
            Instant::now() < deadline,
            "no checkpoints/step-*/model.safetensors under {}",
            runs.display()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    tmux.wait_for("the checkpoint notice", 10, |s| {
        s.contains("checkpoint at step")
    });

    // q asks; q again quits; the shell sees a restored terminal.
    tmux.keys("q");
    tmux.wait_for("the quit dialog", 10, |s| s.contains("quit groktop?"));
    tmux.keys("q");
    let after = tmux.wait_for("groktop to exit", 30, |s| s.contains("GROKTOP-EXITED"));
    assert!(after.contains("GROKTOP-EXITED 0"), "{after}");
    assert!(
        !after.contains("Experiments"),
        "the alternate screen was left:\n{after}"
    );
    let _ = std::fs::remove_dir_all(&runs);
}
