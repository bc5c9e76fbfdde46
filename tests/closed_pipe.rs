//! `groktop run … 2>&1 | head -1` and a sweep piped the same way: when the reader goes away,
//! training stops as SIGTERM stops it, with a checkpoint at the step reached (exit 130), and
//! resumes from there; the process is never killed mid-step by SIGPIPE (exit 141).

mod common;

use common::{tiny_preset_text, write};
use groktop::record::RunDir;
use std::path::Path;
use std::process::Command;

/// Runs `groktop ARGS 2>&1 | head -1` in bash and returns groktop's exit status.
fn piped_to_head(cwd: &Path, args: &str) -> i32 {
    let script = format!(
        "'{}' {args} 2>&1 | head -1 >/dev/null; exit ${{PIPESTATUS[0]}}",
        env!("CARGO_BIN_EXE_groktop")
    );
    let status = Command::new("bash")
        .args(["-c", &script])
        .current_dir(cwd)
        .status()
        .unwrap();
    status.code().unwrap()
}

/// The step of the newest usable checkpoint and of the last evaluation of a run.
fn checkpoint_and_last_row(run: &Path) -> (Option<u64>, Option<u64>) {
    let dir = RunDir::open(run).unwrap();
    let checkpoint = dir.latest_usable().0.map(|(c, _)| c.step);
    let last = dir.metrics().unwrap().rows.last().map(|m| m.step);
    (checkpoint, last)
}

#[test]
fn a_run_whose_output_pipe_closes_stops_with_a_checkpoint() {
    let tmp = tempfile::tempdir().unwrap();
    write(
        tmp.path(),
        "p.ron",
        &tiny_preset_text(11, 60, 8, 3000, 10, 100),
    );
    let code = piped_to_head(tmp.path(), "run p.ron --out r");
    assert_eq!(
        code, 130,
        "stopped as by SIGTERM, not killed by SIGPIPE (141)"
    );
    let run = tmp.path().join("r");
    let (checkpoint, last) = checkpoint_and_last_row(&run);
    assert!(checkpoint.is_some_and(|s| s < 3000), "{checkpoint:?}");
    assert!(
        checkpoint >= last,
        "no evaluation after the last checkpoint is lost: {checkpoint:?} {last:?}"
    );
    // Recorded as stopped (not ended), like a run stopped by SIGTERM.
    let events = std::fs::read_to_string(run.join("events.log")).unwrap();
    assert!(events.contains("stopped\tstep "), "{events}");
    let o = common::groktop(tmp.path(), &["resume", "r"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
}

#[test]
fn a_sweep_whose_output_pipe_closes_keeps_every_cells_progress() {
    let tmp = tempfile::tempdir().unwrap();
    let grid = common::tiny_grid(tmp.path(), "g", 3000, 1000);
    let text = std::fs::read_to_string(&grid)
        .unwrap()
        .replace("eval_every: 25", "eval_every: 10");
    std::fs::write(&grid, text).unwrap();
    let code = piped_to_head(tmp.path(), "sweep g.ron --out s --jobs 1");
    assert_eq!(
        code, 130,
        "stopped as by SIGTERM, not killed by SIGPIPE (141)"
    );
    let cells = tmp.path().join("s/cells");
    let mut unfinished = 0;
    for cell in std::fs::read_dir(&cells).unwrap().flatten() {
        let dir = cell.path();
        if dir.join("summary-row.csv").exists() {
            continue;
        }
        unfinished += 1;
        let (checkpoint, last) = checkpoint_and_last_row(&dir);
        assert!(
            checkpoint.is_some() && checkpoint >= last,
            "{}: checkpoint {checkpoint:?}, last evaluation {last:?}",
            dir.display()
        );
    }
    assert!(unfinished > 0 || std::fs::read_dir(&cells).unwrap().count() < 4);
    let o = common::groktop(tmp.path(), &["sweep", "g.ron", "--out", "s"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    assert!(
        common::stderr(&o).contains("4 rows in"),
        "{}",
        common::stderr(&o)
    );
}
