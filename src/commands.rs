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
                "{:<28} {:<6} {:>5} {:>9}  {}",
                "NAME", "FIGURE", "RUNS", "EST. TIME", "TITLE"
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
