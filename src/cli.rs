//! The command line: what each subcommand takes. `main` parses and dispatches, nothing else.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Watch a small transformer grok: every experiment of "Unified View of Grokking, Double
/// Descent and Emergent Abilities" (arXiv 2402.15175), live in the terminal or headless.
#[derive(Parser, Debug)]
#[command(name = "groktop", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Where new run directories go.
    #[arg(long, global = true, default_value = "runs")]
    pub runs_dir: PathBuf,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Train one run headless (progress on stderr, summary on stdout).
    Run {
        /// A built-in preset name or a .ron file.
        preset: String,
        /// Seed (default: the preset's).
        #[arg(long)]
        seed: Option<u64>,
        /// Total training steps (default: the preset's).
        #[arg(long)]
        steps: Option<u64>,
        /// The run directory (default: <runs-dir>/<preset>-<timestamp>).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Continue a run from its latest checkpoint, or train a finished one further.
    Resume {
        /// The run directory.
        dir: PathBuf,
        /// Train to this many steps in all (default: the preset's).
        #[arg(long, conflicts_with = "extend")]
        steps: Option<u64>,
        /// Train N steps past the latest checkpoint (a finished run: N past its end); the
        /// metrics and events continue in the same directory and the verdict is made again.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
        extend: Option<u64>,
    },
    /// Run every cell of a preset's grid into one sweep directory (resumable, shardable).
    ///
    /// Re-running skips finished cells and resumes interrupted ones from their checkpoints.
    /// `--cell` and `--shard` let separate processes, machines or Slurm array tasks share
    /// one sweep directory; `--slurm` writes a job-array script that does exactly that.
    Sweep(SweepArgs),
    /// Summarize a sweep directory: text table and figures (whatever has finished so far);
    /// or draw one run's circuit progress measures beside its accuracy and norm.
    Report {
        /// The sweep directory (holds sweep.ron and cells/), or a run directory.
        dir: PathBuf,
        /// Another sweep directory to draw on one chart with DIR's (the emergence figure:
        /// Fig. 10's split MLP against the shared one), as DIR/compare-<its name>.svg/.png.
        #[arg(long, value_name = "OTHER_DIR")]
        against: Option<PathBuf>,
    },
    /// List the built-in presets, or print one as RON.
    Presets {
        #[command(subcommand)]
        action: Option<PresetsAction>,
    },
    /// Classify a finished run from its metrics CSV (columns read by header name).
    Analyze {
        /// A metrics.csv (needs step, train_acc, param_norm; val_acc optional).
        csv: PathBuf,
    },
    /// Seconds per training step and peak memory per model width.
    Bench {
        /// Comma-separated d_model values.
        #[arg(long, value_delimiter = ',', default_value = "8,32,64,128")]
        dims: Vec<usize>,
        /// Training pairs (full batch).
        #[arg(long, default_value_t = 3000)]
        n_train: usize,
        /// Timed steps per width.
        #[arg(long, default_value_t = 40)]
        steps: usize,
        /// Internal: time one width in this process and print one machine-readable line.
        #[arg(long, hide = true)]
        child: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum PresetsAction {
    /// One line per preset: name, figure, title, estimated time.
    List,
    /// Print a preset as RON (a starting point for your own: `> mine.ron`).
    Show { name: String },
}

/// `groktop sweep`'s arguments.
#[derive(clap::Args, Debug)]
pub struct SweepArgs {
    /// A built-in preset name or a .ron file (with a `sweep:` grid, or several seeds).
    pub preset: String,
    /// The sweep directory (default: sweeps/<preset>).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Cells trained at once; the cores are shared between them (default: one
    /// single-threaded cell per core, the faster way measured on 2 cores).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Run only cell K (0-based, as `--list` numbers them).
    #[arg(long, conflicts_with = "shard")]
    pub cell: Option<usize>,
    /// Run only the cells whose index % N == I (I/N, I from 0), e.g. 0/2 and 1/2 on two
    /// machines.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,
    /// Print the selected cells (index, axes, estimated time, state) and run nothing.
    #[arg(long)]
    pub list: bool,
    /// Before running, take the finished cells of another sweep directory whose settings
    /// equal cells of this grid (a grid grown by seeds or widths trains only what is new).
    #[arg(long, value_name = "OLD_SWEEP_DIR", conflicts_with_all = ["list", "slurm"])]
    pub adopt: Option<PathBuf>,
    /// Write <out>/slurm-array.sh (one array task per cell) and print how to submit it.
    #[arg(long, conflicts_with_all = ["cell", "shard", "list"])]
    pub slurm: bool,
}
