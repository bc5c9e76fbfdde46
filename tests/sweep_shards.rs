//! A tiny grid run as two shards by two concurrent processes of the real binary into one
//! sweep directory, then `groktop report`: every cell appears exactly once with sane values.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_groktop");

#[test]
fn two_shards_in_two_processes_then_report() {
    let tmp = tempfile::tempdir().unwrap();
    let preset = common::tiny_grid(tmp.path(), "tiny-grid", 100, 50);
    let out = tmp.path().join("sweep");
    let spawn = |shard: &str| {
        Command::new(BIN)
            .args([
                "sweep",
                preset.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ])
            .args(["--shard", shard, "--jobs", "1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn("0/2"), spawn("1/2"));
    for (shard, child) in [("0/2", a), ("1/2", b)] {
        let o = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "shard {shard} failed:\n{err}");
        assert!(
            err.contains("2 of 4 cells selected"),
            "shard {shard}:\n{err}"
        );
        assert_eq!(err.matches("✓ cell").count(), 2, "shard {shard}:\n{err}");
    }

    let report = Command::new(BIN)
        .args(["report", out.to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&report.stdout);
    assert!(
        report.status.success(),
        "report failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&report.stderr)
    );
    assert!(stdout.contains("tiny-grid"), "{stdout}");
    assert_eq!(
        stdout
            .lines()
            .filter(|l| l.starts_with("tiny-grid"))
            .count(),
        4,
        "{stdout}"
    );
    for line in stdout.lines().filter(|l| l.starts_with("figure: ")) {
        let path = Path::new(line.trim_start_matches("figure: "));
        assert!(
            path.is_file(),
            "{} was announced but not written",
            path.display()
        );
    }

    let text = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    assert_eq!(
        text.lines().next().unwrap(),
        "cell,preset,task,n_train,d_model,n_layers,n_memorize,seed,n_params,steps,final_train_acc,final_val_acc,best_val_acc,phase,memorized_step,generalized_step,final_twin_free_val_acc,best_twin_free_val_acc"
    );
    let rows = groktop::report::read_summary(out.join("summary.csv")).unwrap();
    let cells: Vec<u64> = rows.iter().map(|r| r.cell).collect();
    assert_eq!(cells, vec![0, 1, 2, 3], "each cell once, sorted:\n{text}");
    let axes: Vec<(u64, u64)> = rows.iter().map(|r| (r.n_train, r.d_model)).collect();
    assert_eq!(axes, vec![(40, 8), (40, 12), (80, 8), (80, 12)]);
    for r in &rows {
        assert_eq!(r.preset, "tiny-grid");
        assert_eq!(r.task, groktop::preset::TaskKind::ModAdd);
        assert_eq!((r.n_layers, r.n_memorize, r.seed, r.steps), (1, 0, 0, 100));
        assert!(r.n_params > 500, "{r:?}");
        let val = r.final_val_acc.expect("mod-add has a validation set");
        let best = r.best_val_acc.unwrap();
        assert!(best >= val && (0.0..=1.0).contains(&best), "{r:?}");
        assert!((0.0..=1.0).contains(&r.final_train_acc), "{r:?}");
    }
    // Same width, same parameter count; wider, more.
    assert_eq!(rows[0].n_params, rows[2].n_params);
    assert!(rows[1].n_params > rows[0].n_params);
    let sweep_ron = std::fs::read_to_string(out.join("sweep.ron")).unwrap();
    assert!(sweep_ron.contains("tiny-grid"), "{sweep_ron}");
}
