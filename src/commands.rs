//! What each subcommand does, on top of the library. Errors come back as one line.

use crate::cli::{Cli, Command, PresetsAction};
use crate::preset::{Preset, builtin_presets, builtin_source};
use crate::worker::Launch;
use crate::{analysis, bench, estimate, headless, human};
use std::io::IsTerminal;
use std::process::ExitCode;

/// The name of the preset a bare `groktop` runs when no terminal is attached.
pub const DEFAULT_PRESET: &str = "grokking";

pub fn dispatch(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        None => {
            if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
                crate::tui::run(&cli.runs_dir).map(|()| ExitCode::SUCCESS)
            } else {
                eprintln!(
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
        Some(Command::Resume { dir, steps }) => {
            finish(headless::run(Launch::Resume { dir, steps }))
        }
        Some(Command::Sweep {
            preset,
            out,
            jobs,
            cell,
            shard,
            list,
            slurm,
        }) => sweep(&preset, out, jobs, cell, shard.as_deref(), list, slurm),
        Some(Command::Report { dir }) => report(&dir),
        Some(Command::Presets { action }) => presets(action),
        Some(Command::Analyze { csv }) => analyze(&csv),
        Some(Command::Bench {
            dims,
            n_train,
            steps,
            child,
        }) => {
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
        eprintln!(
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

fn presets(action: Option<PresetsAction>) -> Result<ExitCode, String> {
    match action.unwrap_or(PresetsAction::List) {
        PresetsAction::List => {
            println!(
                "{:<28} {:<6} {:>5} {:>9}  TITLE",
                "NAME", "FIGURE", "RUNS", "EST. TIME"
            );
            for p in builtin_presets() {
                println!(
                    "{:<28} {:<6} {:>5} {:>9}  {}",
                    p.name,
                    p.figure,
                    p.cells().len(),
                    human::duration(estimate::preset_secs(&p)),
                    p.title
                );
            }
        }
        PresetsAction::Show { name } => match builtin_source(&name) {
            Some(text) => print!("{text}"),
            None => print!(
                "{}",
                Preset::find(&name).map_err(|e| e.to_string())?.to_ron()
            ),
        },
    }
    Ok(ExitCode::SUCCESS)
}

fn analyze(csv: &std::path::Path) -> Result<ExitCode, String> {
    let observations = analysis::read_metrics_csv(csv).map_err(|e| e.to_string())?;
    let (events, classification) =
        analysis::analyze_series(&observations, analysis::DetectorConfig::default());
    for e in &events {
        println!(
            "step {:>7}  {:<20} {}",
            e.step,
            format!("{:?}", e.kind),
            e.message
        );
    }
    println!(
        "phase: {} — {}",
        classification.phase, classification.reason
    );
    Ok(ExitCode::SUCCESS)
}

/// `groktop sweep`: list, write a Slurm script, or run the selected cells.
fn sweep(
    name: &str,
    out: Option<std::path::PathBuf>,
    jobs: Option<usize>,
    cell: Option<usize>,
    shard: Option<&str>,
    list: bool,
    slurm: bool,
) -> Result<ExitCode, String> {
    use crate::sweep::{self as sw, Selection, Shard, SweepDir};
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
        print!("{}", sw::list(&preset, selection, &SweepDir::new(&out))?);
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
        println!("{}", script.display());
        eprintln!(
            "groktop: wrote a job array of {} tasks ({} CPUs each). Submit it with:\n  sbatch {}\nthen follow it with `squeue --me` and `groktop report {}`.",
            preset.cells().len(),
            sw::CPUS_PER_TASK,
            script.display(),
            std::path::absolute(&out).unwrap_or(out.clone()).display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let outcome = sw::run(
        &preset,
        &sw::Options {
            out: out.clone(),
            jobs: jobs.unwrap_or_else(sw::default_jobs),
            selection,
        },
    )?;
    eprintln!(
        "groktop sweep: {} finished now, {} before, {} stopped, {} failed; {} rows in {}",
        outcome.finished,
        outcome.skipped,
        outcome.stopped,
        outcome.failed.len(),
        outcome.summary_rows,
        out.join(sw::SUMMARY).display()
    );
    if !outcome.failed.is_empty() {
        return Err(format!(
            "{} cell(s) failed: {}",
            outcome.failed.len(),
            outcome.failed.join("; ")
        ));
    }
    Ok(if outcome.stopped > 0 {
        ExitCode::from(130)
    } else {
        ExitCode::SUCCESS
    })
}

/// `groktop report RUN_DIR`: the run's circuit progress measures beside accuracy and norm.
fn report_run(dir: &std::path::Path) -> Result<ExitCode, String> {
    let path = dir.join("metrics.csv");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let history = crate::train::parse_metrics(&text);
    let name = dir
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let title = format!("{name}: the two circuits' progress measures");
    for e in crate::report::detector_events(&history) {
        println!("step {:>6}  {:<22} {}", e.step, e.kind.label(), e.message);
    }
    match crate::report::write_circuits_figure(dir, "circuits", &title, &history)
        .map_err(|e| e.to_string())?
    {
        Some(files) => files
            .iter()
            .for_each(|f| println!("figure: {}", f.display())),
        None => println!(
            "{}: no circuit measures (the task's rule is not addition, or the run predates them)",
            path.display()
        ),
    }
    Ok(ExitCode::SUCCESS)
}

/// `groktop report`: rebuild summary.csv from the cells' rows, print the table, draw figures.
fn report(dir: &std::path::Path) -> Result<ExitCode, String> {
    use crate::report;
    if dir.join("metrics.csv").is_file() {
        return report_run(dir);
    }
    let sweep = crate::sweep::SweepDir::new(dir);
    if dir.join(crate::sweep::CELLS).is_dir() {
        let rows = sweep.regenerate_summary()?;
        if rows == 0 {
            return Err(format!(
                "{}: no finished cells yet (run `groktop sweep` into it first)",
                dir.display()
            ));
        }
    } else if !dir.join(crate::sweep::SUMMARY).is_file() {
        return Err(format!(
            "{}: not a sweep directory (no cells/ and no summary.csv)",
            dir.display()
        ));
    }
    let rows = report::read_summary(dir.join(crate::sweep::SUMMARY)).map_err(|e| e.to_string())?;
    let stats = report::aggregate(&rows);
    print!("{}", report::render_text_report(&stats));
    let figures = report::write_figures(dir).map_err(|e| e.to_string())?;
    if figures.is_empty() {
        println!("no figures: each needs at least two values on its x axis");
    }
    for f in figures {
        println!("figure: {}", f.display());
    }
    Ok(ExitCode::SUCCESS)
}
