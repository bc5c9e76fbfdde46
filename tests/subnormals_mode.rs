//! The subnormals mode is part of a run's numeric format: its checkpoints record it, a resume
//! in another mode is refused like a changed shard count, checkpoints from before the field
//! existed still load (in the mode their preset.ron names), and a `Flush` run whose own
//! thread pool cannot start fails with the limit named instead of computing in `Keep` mode
//! behind its preset's back.

mod common;

use common::{groktop, stderr, tiny_preset_text, write};
use std::fs;
use std::path::Path;

fn state_of(run: &Path, step: u64) -> std::path::PathBuf {
    run.join(format!("checkpoints/step-{step}/state.ron"))
}

#[test]
fn a_resume_in_another_mode_is_refused_and_old_checkpoints_still_load() {
    let tmp = tempfile::tempdir().unwrap();
    let text = tiny_preset_text(11, 60, 8, 40, 10, 20);
    write(tmp.path(), "keep.ron", &text);
    let flush = text.replace(
        "checkpoint_every: 20",
        "checkpoint_every: 20, subnormals: Flush",
    );
    write(tmp.path(), "flush.ron", &flush);
    for (preset, out) in [("keep.ron", "k"), ("flush.ron", "f")] {
        let o = groktop(tmp.path(), &["run", preset, "--out", out]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let k = tmp.path().join("k");
    let state = fs::read_to_string(state_of(&k, 40)).unwrap();
    assert!(state.contains("subnormals: Some(Keep)"), "{state}");
    let f_state = fs::read_to_string(state_of(&tmp.path().join("f"), 40)).unwrap();
    assert!(f_state.contains("subnormals: Some(Flush)"), "{f_state}");

    // preset.ron edited to the other mode between resumes: every checkpoint is refused.
    let preset = k.join("preset.ron");
    let keep_text = fs::read_to_string(&preset).unwrap();
    fs::write(
        &preset,
        keep_text.replace("subnormals: Keep", "subnormals: Flush"),
    )
    .unwrap();
    let o = groktop(tmp.path(), &["resume", "k", "--extend", "10"]);
    let err = stderr(&o);
    assert!(!o.status.success(), "{err}");
    assert!(
        err.contains(
            "checkpoint was computed with subnormals: Keep, but the run's preset.ron says Flush"
        ),
        "{err}"
    );
    assert!(err.contains("k/checkpoints/step-40/state.ron"), "{err}");

    // Checkpoints written before the mode was recorded load as before.
    fs::write(&preset, keep_text).unwrap();
    for step in [20, 40] {
        let path = state_of(&k, step);
        let old = fs::read_to_string(&path)
            .unwrap()
            .replace("    subnormals: Some(Keep),\n", "");
        assert!(!old.contains("subnormals"));
        fs::write(&path, old).unwrap();
    }
    let o = groktop(tmp.path(), &["resume", "k", "--extend", "10"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        fs::read_to_string(state_of(&k, 50))
            .unwrap()
            .contains("subnormals: Some(Keep)")
    );
}

/// `ulimit -u` too small for the Flush pool's threads: the run fails, naming the limit, and
/// writes no metrics computed in the wrong mode. The limit binds only users without
/// CAP_SYS_RESOURCE, so as root the child drops to `nobody` before exec; without root the
/// test cannot place the limit exactly (every process of the user counts) and says so.
#[test]
fn a_flush_pool_that_cannot_start_its_threads_is_an_error_naming_the_limit() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: needs root to run the child as a user of its own");
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let tmp = tempfile::tempdir().unwrap();
    fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o777)).unwrap();
    let text = tiny_preset_text(11, 60, 8, 40, 10, 20).replace(
        "checkpoint_every: 20",
        "checkpoint_every: 20, subnormals: Flush",
    );
    write(tmp.path(), "flush.ron", &text);
    // main, the signal handler, the worker and one rayon thread fit; the pool's one does not.
    let limit = 4;
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_groktop"));
    command
        .args(["run", "flush.ron", "--out", "f"])
        .current_dir(tmp.path())
        .env("RAYON_NUM_THREADS", "1")
        .stdin(std::process::Stdio::null());
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        command.pre_exec(move || {
            let nobody = 65534;
            let rlimit = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            if libc::setgroups(0, std::ptr::null()) != 0
                || libc::setgid(nobody) != 0
                || libc::setuid(nobody) != 0
                || libc::setrlimit(libc::RLIMIT_NPROC, &rlimit) != 0
            {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let o = command.output().unwrap();
    let err = stderr(&o);
    assert!(!o.status.success(), "{err}");
    assert!(
        err.contains("subnormals: Flush: cannot start the 1 thread(s) of the run's own pool"),
        "{err}"
    );
    assert!(err.contains(&format!("at most {limit} processes")), "{err}");
    let metrics = tmp.path().join("f/metrics.csv");
    let rows = fs::read_to_string(&metrics).map_or(0, |t| t.lines().count());
    assert!(
        rows <= 1,
        "nothing was computed: {rows} lines in metrics.csv"
    );
}
