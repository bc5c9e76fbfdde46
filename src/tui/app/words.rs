//! The app's own words: the frame (tabs, the too-small message, the key bar's state words)
//! and the notices and exit report the app writes as it starts, steers and stops runs.

pub const APP: &str = "groktop";
/// Each tab's title, and the short name it takes while a long notice needs the row.
pub const TAB_PRESETS: (&str, &str) = ("Experiments", "Exp");
pub const TAB_RUNS: (&str, &str) = ("Runs on disk", "Runs");
pub const TAB_SWEEPS: (&str, &str) = ("Sweeps on disk", "Sweeps");
pub const TAB_RUN: (&str, &str) = ("Run", "Run");
pub const TAB_COMPARE: (&str, &str) = ("Compare seeds", "Compare");
pub const TOO_SMALL: &str =
    "groktop needs at least 60×16 (80×24 recommended): enlarge the terminal";
pub fn sweep_started(name: &str, pid: u32, out: &str) -> String {
    format!("sweep {name} running as pid {pid} → {out} (its progress: sweep.log there)")
}
pub fn sweep_busy(name: &str, pid: u32) -> String {
    format!("the sweep {name} started here (pid {pid}) is still running")
}
pub fn sweep_ended(name: &str, log: &str) -> String {
    format!("sweep {name} ended; how it went: {log}")
}
pub fn exit_sweep(name: &str, dir: &str) -> String {
    format!(
        "sweep {name} in {dir}: continue it with `groktop sweep {name}` (or Enter on it in the picker); `groktop report {dir}` summarizes it"
    )
}
/// The sweep started here had every cell finished when the app last read it.
pub fn exit_sweep_done(dir: &str, cells: usize) -> String {
    format!("sweep in {dir}: all {cells} cells finished; `groktop report {dir}` summarizes it")
}
/// A file the watcher could not read: `problem` is `path: reason`.
pub fn unreadable(problem: &str) -> String {
    format!("cannot read {problem}")
}
pub const NO_RUN: &str = "No run yet: pick an experiment (Tab) and press Enter.";
pub const RESUME: &str = "resume";
pub const RESUME_ALL: &str = "resume all";
/// After quitting: one line per run of the session, with how to continue an unfinished one.
pub fn exit_run(
    label: &str,
    verdict: &str,
    step: &str,
    total: &str,
    dir: &str,
    unfinished: bool,
) -> String {
    let line = format!("{label}: {verdict} at step {step} / {total} → {dir}");
    if unfinished {
        format!("{line} · continue: groktop resume {dir}")
    } else {
        line
    }
}
/// The verdict of a run that stopped before its end: none is final yet.
pub const EXIT_PROVISIONAL: &str = "stopped, provisional";
pub const NOTICE_MORE: &str = "… (m log)";
pub const SAVING: &str = "stopping runs…";
pub fn started(n: usize, name: &str) -> String {
    if n == 1 {
        format!("started {name}")
    } else {
        format!("started {n} seeds of {name}")
    }
}
/// `notice`, and how many runs this process trains out of sight after a view changed.
pub fn with_training_on(notice: String, n: usize) -> String {
    match n {
        0 => notice,
        1 => format!("{notice}; 1 run trains on (Runs tab)"),
        n => format!("{notice}; {n} runs train on (Runs tab)"),
    }
}
pub const ALREADY_TRAINING: &str = "that run is training in this session already";
pub fn stopping(n: usize) -> String {
    if n == 1 {
        "stopping the run with a checkpoint (r or Enter on the Runs tab resumes it)".into()
    } else {
        format!("stopping {n} runs with a checkpoint (r in the compare view resumes them)")
    }
}
pub fn resuming_all(n: usize) -> String {
    if n == 1 {
        "resuming the stopped run".into()
    } else {
        format!("resuming {n} stopped runs")
    }
}
pub const NOTHING_TO_RESUME: &str =
    "no shown run is stopped short of its end with a checkpoint to resume from";
pub const CHECKPOINT_ASKED: &str = "writing a checkpoint…";
pub fn checkpointed(label: &str, step: &str, path: &str) -> String {
    format!("{label}: checkpoint at step {step} → {path}")
}
pub fn phase_event(label: &str, step: &str, message: &str) -> String {
    format!("{label} · step {step}: {message}")
}
pub fn finished(label: &str, phase: &str, reason: &str) -> String {
    format!("{label} ended: {phase} — {reason}")
}
/// A run opened read-only: finished, or followed while `writer` trains it.
pub fn viewing(dir: &str, writer: Option<String>) -> String {
    match writer {
        Some(w) => format!("following {dir} (read-only: {w} trains it)"),
        None => format!("viewing {dir} (read-only)"),
    }
}
pub fn bell(on: bool) -> &'static str {
    if on {
        "bell on: the terminal rings at each phase event"
    } else {
        "bell off"
    }
}
pub fn comparing(n: usize) -> String {
    format!("comparing {n} runs from disk (read-only)")
}
pub fn resuming(dir: &str) -> String {
    format!("resuming {dir}")
}
/// Where exported charts went, whole, for the message log (the tab row's notice is the
/// SVG's file name alone: at 80 columns the row has room for little else).
pub fn exported_to(svg: &str) -> String {
    format!("charts → {svg} (and .png)")
}
pub fn export_failed(why: &str) -> String {
    format!("cannot export the charts: {why}")
}
pub fn extending(label: &str, more: &str, total: &str) -> String {
    format!("extending {label} by {more} steps, to {total}")
}
/// An extension whose worker could not start: the run stays finished as it was.
pub fn extend_failed(label: &str, error: &str) -> String {
    format!("{label} was not extended ({error}); it stays as it was")
}
pub fn cannot_extend(label: &str, why: &str) -> String {
    format!("{label} cannot be extended: {why}")
}
pub const EXTEND_FOLLOWED: &str = "another process is training it";
pub const EXTEND_UNFINISHED: &str =
    "it did not finish (Enter on the Runs tab resumes it to its own end)";
pub const EXTEND_NO_DIR: &str = "it has no run directory";
