//! SIGTERM (what `kill`, `scancel` and a closing terminal's SIGHUP do) to the TUI while it
//! trains: it stops its run with a checkpoint, leaves the alternate screen, shows the cursor
//! again and exits. A terminal that simply goes away (tmux kill-session) does the same
//! instead of leaving the TUI spinning on a dead terminal. Driven in a real terminal, tmux;
//! skipped where tmux is not installed.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("running tmux");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn pane(&self, format: &str) -> String {
        self.run(&["display-message", "-p", "-t", "t", format])
    }
}

impl Tmux {
    /// A detached 100×30 session `t` on a socket of its own, running `command`.
    fn start(tag: &str, command: &str) -> Self {
        let tmux = Tmux {
            socket: format!("groktop-test-{tag}-{}", std::process::id()),
        };
        tmux.run(&[
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            "100",
            "-y",
            "30",
            command,
        ]);
        tmux
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
    }
}

fn wait_for(what: &str, cond: impl Fn() -> bool) {
    let start = Instant::now();
    while !cond() {
        assert!(
            start.elapsed() < Duration::from_secs(90),
            "timed out: {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The step of each run's newest checkpoint (the picked preset may start several seeds).
fn checkpoints(runs: &Path) -> Vec<Option<u64>> {
    groktop::record::run_dirs(runs)
        .unwrap()
        .iter()
        .map(|d| groktop::record::run_entry(d).checkpoint)
        .collect()
}

fn tmux_missing() -> bool {
    let missing = Command::new("tmux").arg("-V").output().is_err();
    if missing {
        eprintln!("tmux is not installed: skipped");
    }
    missing
}

/// Waits until the first run in `runs` has written evaluations past its header.
fn wait_for_a_training_run(runs: &Path) {
    wait_for("a run with evaluations", || {
        std::fs::read_dir(runs)
            .into_iter()
            .flatten()
            .flatten()
            .any(|r| {
                std::fs::read_to_string(r.path().join("metrics.csv"))
                    .is_ok_and(|t| t.lines().count() > 2)
            })
    });
}

#[test]
fn closing_the_terminal_checkpoints_and_exits() {
    if tmux_missing() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let runs = tmp.path().join("runs");
    // The TUI is the pane's own process: killing the session closes its terminal.
    let command = format!(
        "exec {} --runs-dir {}",
        env!("CARGO_BIN_EXE_groktop"),
        runs.display()
    );
    let tmux = Tmux::start("hup", &command);
    wait_for("the TUI", || tmux.pane("#{alternate_on}") == "1");
    let pid = tmux.pane("#{pane_pid}");
    tmux.run(&["send-keys", "-t", "t", "Enter"]);
    wait_for_a_training_run(&runs);
    tmux.run(&["kill-session", "-t", "t"]);
    wait_for("the TUI to exit after its terminal closed", || {
        !Path::new(&format!("/proc/{pid}")).exists()
    });
    let after = checkpoints(&runs);
    assert!(
        !after.is_empty() && after.iter().all(Option::is_some),
        "the runs' progress was not checkpointed: {after:?}"
    );
}

#[test]
fn sigterm_to_the_tui_checkpoints_and_restores_the_terminal() {
    if tmux_missing() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let runs = tmp.path().join("runs");
    // A shell that outlives the TUI, so the terminal's state can be read after it exits.
    let command = format!(
        "{} --runs-dir {}; echo groktop-exited-$?; sleep 120",
        env!("CARGO_BIN_EXE_groktop"),
        runs.display()
    );
    let tmux = Tmux::start("term", &command);
    wait_for("the TUI", || tmux.pane("#{alternate_on}") == "1");
    tmux.run(&["send-keys", "-t", "t", "Enter"]);
    wait_for_a_training_run(&runs);
    assert!(
        checkpoints(&runs).iter().all(Option::is_none),
        "a checkpoint before the signal"
    );
    let shell = tmux.pane("#{pane_pid}");
    let ps = Command::new("ps")
        .args(["-o", "pid=", "--ppid", &shell])
        .output()
        .unwrap();
    let pid = String::from_utf8_lossy(&ps.stdout).trim().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    wait_for("the TUI to exit", || {
        tmux.run(&["capture-pane", "-p", "-t", "t"])
            .contains("groktop-exited-")
    });
    let screen = tmux.run(&["capture-pane", "-p", "-t", "t"]);
    assert!(screen.contains("groktop-exited-130"), "{screen}");
    assert_eq!(
        tmux.pane("#{alternate_on}"),
        "0",
        "left in the alternate screen"
    );
    assert_eq!(tmux.pane("#{cursor_flag}"), "1", "cursor left hidden");
    let after = checkpoints(&runs);
    assert!(
        !after.is_empty() && after.iter().all(Option::is_some),
        "the runs' progress was not checkpointed: {after:?}"
    );
}
