//! groktop's own job-array script (`groktop sweep <grid> --slurm`) for a tiny grid: its text
//! is always checked; with `GROKTOP_SLURM=1` it is submitted to a REAL Slurm (the single-node
//! cluster that `scripts/slurm-local.sh start` brings up), every array task must complete,
//! and `groktop report` must find every cell in `summary.csv`.
//!
//! Without `GROKTOP_SLURM=1` (CI sets it after starting the cluster) the Slurm part prints
//! why it skipped and passes. Locally:
//!
//! ```sh
//! scripts/slurm-local.sh start && GROKTOP_SLURM=1 cargo test --test slurm_local -- --nocapture
//! ```

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// Submits `script` with `sbatch` from the script's own directory (so relative paths in the
/// script, and the default `slurm-%A_%a.out` files, land next to it) and waits until every
/// task of the job (array) has left the queue, polling `squeue` twice a second.
///
/// Succeeds only if every task ended `COMPLETED` with exit code 0 (read from
/// `scontrol show job`, which keeps finished jobs for `MinJobAge` seconds; the local cluster
/// has no accounting database, so `sacct` is not available). On timeout the job is cancelled.
fn submit_array_and_wait(script: &Path, timeout: Duration) -> Result<(), String> {
    let dir = script
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let out = Command::new("sbatch")
        .arg("--parsable")
        .arg(script)
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run sbatch: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "sbatch {} failed ({}): {}",
            script.display(),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    // --parsable prints "jobid" or "jobid;cluster"
    let stdout = String::from_utf8_lossy(&out.stdout);
    let job_id = stdout
        .trim()
        .split(';')
        .next()
        .filter(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()))
        .ok_or_else(|| format!("unexpected sbatch output: {stdout:?}"))?
        .to_string();
    eprintln!("submitted job {job_id}");

    let started = Instant::now();
    loop {
        let q = Command::new("squeue")
            .args(["-h", "-j", &job_id, "-o", "%i %T"])
            .output()
            .map_err(|e| format!("cannot run squeue: {e}"))?;
        let listing = String::from_utf8_lossy(&q.stdout);
        // squeue exits non-zero ("Invalid job id") once a finished job is purged.
        if !q.status.success() || listing.trim().is_empty() {
            break;
        }
        if started.elapsed() > timeout {
            let _ = Command::new("scancel").arg(&job_id).status();
            return Err(format!(
                "job {job_id} still queued/running after {timeout:?}, cancelled it:\n{listing}"
            ));
        }
        sleep(Duration::from_millis(500));
    }
    eprintln!("job {job_id} left the queue after {:?}", started.elapsed());

    let show = Command::new("scontrol")
        .args(["-o", "show", "job", &job_id])
        .output()
        .map_err(|e| format!("cannot run scontrol: {e}"))?;
    let text = String::from_utf8_lossy(&show.stdout);
    if !show.status.success() || text.trim().is_empty() {
        return Err(format!(
            "scontrol show job {job_id} failed: {}",
            String::from_utf8_lossy(&show.stderr).trim()
        ));
    }
    let field = |line: &str, key: &str| -> String {
        line.split_whitespace()
            .find_map(|kv| kv.strip_prefix(key))
            .unwrap_or("?")
            .to_string()
    };
    let mut failures = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let state = field(line, "JobState=");
        let exit = field(line, "ExitCode=");
        if state != "COMPLETED" || exit != "0:0" {
            failures.push(format!(
                "array task {} (job {}): JobState={state} ExitCode={exit}",
                field(line, "ArrayTaskId="),
                field(line, "JobId="),
            ));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "job {job_id} had failed tasks:\n{}",
            failures.join("\n")
        ))
    }
}

const BIN: &str = env!("CARGO_BIN_EXE_groktop");

fn print_task_logs(out: &Path) {
    for entry in std::fs::read_dir(out.join("slurm-logs"))
        .into_iter()
        .flatten()
        .flatten()
    {
        eprintln!(
            "--- {}\n{}",
            entry.path().display(),
            std::fs::read_to_string(entry.path()).unwrap_or_default()
        );
    }
}

#[test]
fn groktop_sweep_array_runs_on_local_slurm() {
    // Single node: the job runs on this machine, so a local temp dir is visible to it.
    let tmp = tempfile::tempdir().expect("tempdir");
    let preset = common::tiny_grid(tmp.path(), "slurm-grid", 100, 50);
    let out = tmp.path().join("sweep");
    let o = Command::new(BIN)
        .args([
            "sweep",
            preset.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--slurm",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    let script = PathBuf::from(String::from_utf8_lossy(&o.stdout).trim());
    assert_eq!(script, out.join("slurm-array.sh"));
    assert!(
        stderr.contains(&format!("sbatch {}", script.display())),
        "{stderr}"
    );
    let text = std::fs::read_to_string(&script).unwrap();
    for expected in [
        "#!/bin/bash\n".to_string(),
        "#SBATCH --array=0-3\n".to_string(),
        "#SBATCH --cpus-per-task=2\n".to_string(),
        format!("#SBATCH --output={}/slurm-logs/%A_%a.out\n", out.display()),
        format!(
            "exec '{BIN}' sweep '{}' --out '{}' --cell \"$SLURM_ARRAY_TASK_ID\"\n",
            preset.display(),
            out.display()
        ),
    ] {
        assert!(text.contains(&expected), "missing {expected:?} in\n{text}");
    }
    assert!(text.contains("#SBATCH --time=00:1"), "time limit: {text}");
    assert!(out.join("slurm-logs").is_dir() && out.join("sweep.ron").is_file());

    if std::env::var("GROKTOP_SLURM").as_deref() != Ok("1") {
        eprintln!(
            "skipping the Slurm submission of groktop_sweep_array_runs_on_local_slurm: \
             GROKTOP_SLURM is not 1 \
             (run scripts/slurm-local.sh start, then GROKTOP_SLURM=1 cargo test --test slurm_local)"
        );
        return;
    }
    if let Err(e) = submit_array_and_wait(&script, Duration::from_secs(600)) {
        print_task_logs(&out);
        panic!("{e}");
    }

    let report = Command::new(BIN)
        .args(["report", out.to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&report.stdout);
    if !report.status.success() {
        print_task_logs(&out);
        panic!(
            "report failed:\n{stdout}\n{}",
            String::from_utf8_lossy(&report.stderr)
        );
    }
    eprintln!("{stdout}");
    assert_eq!(
        stdout
            .lines()
            .filter(|l| l.starts_with("slurm-grid"))
            .count(),
        4,
        "{stdout}"
    );
    let rows = groktop::report::read_summary(out.join("summary.csv")).unwrap();
    assert_eq!(
        rows.iter().map(|r| r.cell).collect::<Vec<_>>(),
        vec![0, 1, 2, 3]
    );
    assert!(
        rows.iter().all(|r| r.steps == 100 && r.n_params > 0),
        "{rows:?}"
    );
    // One log per array task, each naming the one cell it ran.
    let logs: Vec<String> = std::fs::read_dir(out.join("slurm-logs"))
        .unwrap()
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert_eq!(logs.len(), 4);
    assert!(
        logs.iter().all(|l| l.contains("1 of 4 cells selected")),
        "{logs:?}"
    );
}
