//! What each subcommand does, on top of the library. Errors come back as one line.

use crate::cli::{Cli, Command, PresetsAction, SweepArgs};
use crate::preset::{Preset, builtin_presets, builtin_source};
use crate::worker::{Launch, Until};
use crate::{analysis, bench, estimate, headless, human};
use std::io::IsTerminal;
use std::process::ExitCode;

/// The name of the preset a bare `groktop` runs when no terminal is attached.
pub const DEFAULT_PRESET: &str = "grokking";

pub fn dispatch(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        None => {
            if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
                // Stopped by Ctrl-C, SIGTERM or SIGHUP: 130, as a headless run exits, so a
                // script or a Slurm job sees that it did not end on its own.
                crate::tui::run(&cli.runs_dir).map(|()| {
                    if crate::interrupt::requested() {
                        ExitCode::from(130)
                    } else {
                        ExitCode::SUCCESS
                    }
                })
            } else {
                crate::stderrln!(
                    "groktop: no terminal attached; running the default preset '{DEFAULT_PRESET}' headless"
                );
                run(DEFAULT_PRESET, None, None, None, &cli.runs_dir)
            }
        }
        Some(Command::Run {
            preset,
            seed,
            steps,
            out,
        }) => run(&preset, seed, steps, out, &cli.runs_dir),
        Some(Command::Resume { dir, steps, extend }) => {
            let until = match (steps, extend) {
                (_, Some(n)) => Until::More(n),
                (Some(total), None) => Until::Total(total),
                (None, None) => Until::Preset,
            };
            finish(headless::run(Launch::Resume { dir, until }))
        }
        Some(Command::Sweep(args)) => sweep(args),
        Some(Command::Report { dir, against }) => report(&dir, against.as_deref()),
        Some(Command::Presets { action }) => presets(action),
        Some(Command::Analyze { csv }) => analyze(&csv),
        Some(Command::Bench {
            dims,
            n_train,
            steps,
            child,
        }) => {
            check_bench_args(&dims, n_train, steps)?;
            if child {
                bench::print_child(dims.first().copied().unwrap_or(64), n_train, steps);
            } else {
                bench::print_table(&dims, n_train, steps)?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn run(
    name: &str,
    seed: Option<u64>,
    steps: Option<u64>,
    out: Option<std::path::PathBuf>,
    runs_dir: &std::path::Path,
) -> Result<ExitCode, String> {
    let mut preset = Preset::find(name).map_err(|e| e.to_string())?;
    if preset.sweep.is_some() {
        return Err(format!(
            "preset '{}' is a grid of {} runs: run it with `groktop sweep {}`",
            preset.name,
            preset.cells().len(),
            preset.name
        ));
    }
    if preset.seeds > 1 {
        crate::stderrln!(
            "groktop: preset '{}' has {} seeds; this runs seed {} (choose with --seed; `groktop sweep {}` runs them all)",
            preset.name,
            preset.seeds,
            seed.unwrap_or(preset.seed),
            preset.name
        );
    }
    if let Some(seed) = seed {
        preset.seed = seed;
    }
    if let Some(steps) = steps {
        if steps == 0 {
            return Err("--steps: expected at least 1".into());
        }
        preset.training.steps = steps;
    }
    let single = preset.cells().remove(0).preset;
    finish(headless::run(Launch::New {
        preset: single,
        runs_root: runs_dir.to_path_buf(),
        dir: out,
    }))
}

fn finish(outcome: Result<crate::worker::RunSummary, String>) -> Result<ExitCode, String> {
    outcome.map(|s| {
        if s.completed {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(130)
        }
    })
}

/// `groktop bench`'s sizes, checked before any child process starts: a width the heads
/// cannot share, more pairs than exist, no step to time.
fn check_bench_args(dims: &[usize], n_train: usize, steps: usize) -> Result<(), String> {
    if steps == 0 {
        return Err("--steps 0: expected at least 1 timed step".into());
    }
    let p = bench::bench_preset(8, n_train);
    let heads = p.model.n_heads;
    if let Some(d) = dims.iter().find(|&&d| d == 0 || !d.is_multiple_of(heads)) {
        return Err(format!(
            "--dims {d}: expected widths of at least {heads} that {heads} heads can share (multiples of {heads})"
        ));
    }
    let pairs = (p.task.modulus as usize).pow(2);
    if n_train == 0 || n_train > pairs {
        return Err(format!(
            "--n-train {n_train}: expected between 1 and {pairs} pairs (P = {})",
            p.task.modulus
        ));
    }
    Ok(())
}

fn presets(action: Option<PresetsAction>) -> Result<ExitCode, String> {
    match action.unwrap_or(PresetsAction::List) {
        PresetsAction::List => {
            crate::stdoutln!(
                "{:<28} {:<6} {:>5} {:>9}  TITLE",
                "NAME",
                "FIGURE",
                "RUNS",
                "EST. TIME"
            );
            for p in builtin_presets() {
                crate::stdoutln!(
                    "{:<28} {:<6} {:>5} {:>9}  {}",
                    p.name,
                    p.figure,
                    p.cells().len(),
                    human::duration(estimate::preset_secs(&p)),
                    p.title
                );
            }
        }
        PresetsAction::Show { name } => {
            let preset = Preset::find(&name).map_err(|e| e.to_string())?;
            if preset.measured.trim().is_empty() {
                crate::stdoutln!(
                    "// measured: not yet measured (no finished run of this preset here)"
                );
            }
            match builtin_source(&name) {
                Some(text) => crate::stdout!("{text}"),
                None => crate::stdout!("{}", preset.to_ron()),
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `groktop analyze`: the phase events and verdict of any metrics CSV. A diverged run's file
/// is read up to the first non-finite loss or norm, and its verdict is "diverged".
fn analyze(csv: &std::path::Path) -> Result<ExitCode, String> {
    let table = crate::record::read_metrics(csv)?;
    let loss_recorded = table.has("train_loss");
    // A file without a train_loss column reads it as NaN ("not recorded"): not a divergence.
    let divergence = table.rows.iter().find_map(|m| {
        let what = if loss_recorded && !m.train_loss.is_finite() {
            "the training loss"
        } else if !m.param_norm.is_finite() {
            "the parameter norm"
        } else {
            return None;
        };
        Some(analysis::Divergence { step: m.step, what })
    });
    let finite = match &divergence {
        Some(d) => table.rows.partition_point(|m| m.step < d.step),
        None => table.rows.len(),
    };
    let (events, mut classification) = crate::record::Metrics::replay(&table.rows[..finite]);
    if let Some(d) = &divergence {
        classification = d.classification();
    }
    for e in &events {
        crate::stdoutln!(
            "step {:>7}  {:<20} {}",
            e.step,
            format!("{:?}", e.kind),
            e.message
        );
    }
    crate::stdoutln!(
        "phase: {} — {}",
        classification.phase,
        classification.reason
    );
    Ok(ExitCode::SUCCESS)
}

/// `groktop sweep`: list, write a Slurm script, or run the selected cells (after adopting
/// another sweep's finished cells with `--adopt`).
fn sweep(args: SweepArgs) -> Result<ExitCode, String> {
    let SweepArgs {
        preset: name,
        out,
        jobs,
        cell,
        shard,
        list,
        adopt,
        slurm,
    } = args;
    let name = name.as_str();
    use crate::record::{SUMMARY, SweepDir};
    use crate::sweep::{self as sw, Selection, Shard};
    let preset = Preset::find(name).map_err(|e| e.to_string())?;
    let out = out.unwrap_or_else(|| std::path::Path::new("sweeps").join(&preset.name));
    if jobs == Some(0) {
        return Err("--jobs 0: expected at least 1".into());
    }
    let selection = match (cell, shard) {
        (Some(k), _) => Selection::Cell(k),
        (None, Some(s)) => Selection::Shard(s.parse::<Shard>()?),
        (None, None) => Selection::All,
    };
    // Range errors before anything is written.
    selection.apply(preset.cells(), &preset.name)?;
    if list {
        let jobs = jobs.unwrap_or_else(sw::default_jobs);
        crate::stdout!(
            "{}",
            sw::list(&preset, selection, &SweepDir::new(&out), jobs)?
        );
        return Ok(ExitCode::SUCCESS);
    }
    if slurm {
        // Tasks must find the preset wherever they start: built-ins by name, files absolute.
        let is_builtin = crate::preset::builtin_presets()
            .iter()
            .any(|p| p.name == name);
        let preset_arg = if is_builtin {
            name.to_string()
        } else {
            std::path::absolute(name)
                .map_err(|e| format!("{name}: {e}"))?
                .display()
                .to_string()
        };
        let binary =
            std::env::current_exe().map_err(|e| format!("cannot find this groktop binary: {e}"))?;
        let script = sw::write_script(&preset, &preset_arg, &out, &binary)?;
        crate::stdoutln!("{}", script.display());
        crate::stderrln!(
            "groktop: wrote a job array of {} tasks ({} CPUs each). Submit it with:\n  sbatch {}\nthen follow it with `squeue --me` and `groktop report {}`.",
            preset.cells().len(),
            sw::CPUS_PER_TASK,
            script.display(),
            std::path::absolute(&out).unwrap_or(out.clone()).display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(from) = adopt {
        let cells = selection.apply(preset.cells(), &preset.name)?;
        let done = SweepDir::new(&out)
            .adopt(&preset, &cells, &SweepDir::new(&from))
            .map_err(|e| e.to_string())?;
        for why in &done.skipped {
            crate::stderrln!("  ! not adopted, trained instead: {why}");
        }
        crate::stderrln!(
            "groktop sweep: adopted {} finished cell(s) of {}{}",
            done.adopted.len(),
            from.display(),
            if done.adopted.is_empty() {
                String::new()
            } else {
                format!(
                    ": {}",
                    done.adopted
                        .iter()
                        .map(|i| i.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        );
    }
    let outcome = sw::run(
        &preset,
        &sw::Options {
            out: out.clone(),
            jobs: jobs.unwrap_or_else(sw::default_jobs),
            selection,
        },
    )?;
    crate::stderrln!(
        "groktop sweep: {} finished now, {} before, {} by another process, {} stopped, {} failed; {} rows in {}",
        outcome.finished,
        outcome.skipped,
        outcome.elsewhere,
        outcome.stopped,
        outcome.failed.len(),
        outcome.summary_rows,
        out.join(SUMMARY).display()
    );
    if !outcome.failed.is_empty() {
        return Err(format!(
            "{} cell(s) failed: {}",
            outcome.failed.len(),
            outcome.failed.join("; ")
        ));
    }
    // Stopped by a signal or a closed output pipe: cells were left for the next run.
    Ok(if outcome.stopped > 0 || crate::interrupt::requested() {
        ExitCode::from(130)
    } else {
        ExitCode::SUCCESS
    })
}

/// `groktop report RUN_DIR`: the run's circuit progress measures beside accuracy and norm.
fn report_run(dir: &std::path::Path) -> Result<ExitCode, String> {
    let path = dir.join("metrics.csv");
    let history = crate::record::read_metrics(&path)
        .map_err(|e| e.to_string())?
        .rows;
    let name = dir
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let title = format!("{name}: the two circuits' progress measures");
    for e in crate::record::Metrics::replay(&history).0 {
        crate::stdoutln!("step {:>6}  {:<22} {}", e.step, e.kind.label(), e.message);
    }
    match crate::report::write_circuits_figure(dir, "circuits", &title, &history)
        .map_err(|e| e.to_string())?
    {
        Some(files) => files
            .iter()
            .for_each(|f| crate::stdoutln!("figure: {}", f.display())),
        None => crate::stdoutln!(
            "{}: no circuit measures (the task's rule is not addition, or the run predates them)",
            path.display()
        ),
    }
    Ok(ExitCode::SUCCESS)
}

/// `groktop report`: rebuild summary.csv from the cells' rows, print the table, draw figures.
fn report(dir: &std::path::Path, against: Option<&std::path::Path>) -> Result<ExitCode, String> {
    use crate::record::{CELLS, SUMMARY, SweepDir};
    use crate::report;
    if dir.join("metrics.csv").is_file() {
        if against.is_some() {
            return Err(format!(
                "--against: {} is a run directory; the comparison is between two sweep directories",
                dir.display()
            ));
        }
        return report_run(dir);
    }
    let sweep = SweepDir::new(dir);
    if let Ok(preset) = sweep.preset() {
        for line in sweep.mismatched_cells(&preset.cells()) {
            crate::stderrln!("groktop report: warning: {line}");
        }
    }
    if dir.join(CELLS).is_dir() {
        let rows = sweep.regenerate_summary()?;
        if rows == 0 {
            return Err(format!(
                "{}: no finished cells yet (run `groktop sweep` into it first)",
                dir.display()
            ));
        }
    } else if !dir.join(SUMMARY).is_file() {
        return Err(format!(
            "{}: not a sweep directory (no cells/ and no summary.csv)",
            dir.display()
        ));
    }
    let rows = report::read_summary(dir.join(SUMMARY))?;
    let stats = report::aggregate(&rows);
    crate::stdout!("{}", report::render_text_report(&stats));
    let figures = report::write_figures(dir).map_err(|e| e.to_string())?;
    if figures.is_empty() {
        crate::stdoutln!("no figures: each needs at least two values on its x axis");
    }
    for f in figures {
        crate::stdoutln!("figure: {}", f.display());
    }
    if let Some(other) = against {
        for f in report::write_comparison(dir, other).map_err(|e| e.to_string())? {
            crate::stdoutln!("figure: {}", f.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}
