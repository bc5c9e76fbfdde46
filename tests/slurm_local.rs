//! Submits a job array to a REAL Slurm (the single-node cluster that
//! `scripts/slurm-local.sh start` brings up) and checks that every array task ran.
//!
//! Runs only when `GROKTOP_SLURM=1` (CI sets it after starting the cluster); otherwise the
//! test prints why it skipped and passes. Locally:
//!
//! ```sh
//! scripts/slurm-local.sh start && GROKTOP_SLURM=1 cargo test --test slurm_local -- --nocapture
//! ```

use std::path::Path;
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

#[test]
fn job_array_runs_on_local_slurm() {
    if std::env::var("GROKTOP_SLURM").as_deref() != Ok("1") {
        eprintln!(
            "skipping job_array_runs_on_local_slurm: GROKTOP_SLURM is not 1 \
             (run scripts/slurm-local.sh start, then GROKTOP_SLURM=1 cargo test --test slurm_local)"
        );
        return;
    }
    // Single node: the job runs on this machine, so a local temp dir is visible to it.
    let tmp = tempfile::tempdir().expect("tempdir");
    let script = tmp.path().join("array.sh");
    std::fs::write(
        &script,
        "#!/bin/bash\n\
         #SBATCH --job-name=groktop-test\n\
         #SBATCH --array=0-2\n\
         #SBATCH --ntasks=1\n\
         #SBATCH --cpus-per-task=1\n\
         #SBATCH --time=00:05:00\n\
         #SBATCH --output=slurm-%A_%a.out\n\
         set -eu\n\
         mkdir -p out\n\
         echo $SLURM_ARRAY_TASK_ID > out/$SLURM_ARRAY_TASK_ID.txt\n",
    )
    .unwrap();

    let result = submit_array_and_wait(&script, Duration::from_secs(120));
    if let Err(e) = &result {
        // show what the tasks printed before failing
        for entry in std::fs::read_dir(tmp.path()).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if name.starts_with("slurm-") {
                eprintln!(
                    "--- {name}\n{}",
                    std::fs::read_to_string(entry.path()).unwrap_or_default()
                );
            }
        }
        panic!("{e}");
    }

    for i in 0..3 {
        let path = tmp.path().join("out").join(format!("{i}.txt"));
        let content = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("array task {i} wrote no {}: {e}", path.display()));
        assert_eq!(
            content.trim(),
            i.to_string(),
            "content of {}",
            path.display()
        );
    }
    assert!(
        !tmp.path().join("out").join("3.txt").exists(),
        "only tasks 0..=2 should exist"
    );
}
