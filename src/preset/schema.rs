//! The RON schema of a preset: what to run, and why.
//!
//! A preset is the single source of truth for a run or a grid of runs. Every struct rejects
//! unknown fields so that a typo (`lerning_rate`) is an error with a position rather than a
//! silently ignored setting. Defaults live here, in the `Default` impls, and nowhere else.

use serde::{Deserialize, Serialize};

/// One experiment: a single run (optionally over several seeds) or a grid of runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preset {
    /// Short name used on the command line (`groktop run grokking`).
    pub name: String,
    /// One line shown in lists.
    pub title: String,
    /// The figure of the paper this reproduces, e.g. `"2c"` or `"6a"`.
    pub figure: String,
    /// One paragraph in plain words: what the experiment is and what to look for.
    pub description: String,
    /// What the paper reports for this experiment (the expected phase or curve).
    pub paper_reports: String,
    /// Where and why the settings differ from the paper (empty when they do not).
    #[serde(default)]
    pub changes_from_paper: String,
    /// What a finished run of this preset showed on this machine, in numbers (empty until one
    /// has finished): what the picker and `groktop presets show` put beside `paper_reports`, so
    /// that no preset promises an effect that no run here showed.
    #[serde(default)]
    pub measured: String,
    /// The phase a single run of this preset is expected to show, if it is a single-run preset.
    #[serde(default)]
    pub expected_phase: Option<String>,
    pub task: TaskSpec,
    #[serde(default)]
    pub model: ModelSpec,
    #[serde(default)]
    pub optimizer: OptimizerSpec,
    #[serde(default)]
    pub training: TrainingSpec,
    /// The first seed; runs use `seed, seed + 1, …, seed + seeds - 1`.
    #[serde(default)]
    pub seed: u64,
    /// How many seeds to run (side by side in the TUI, as grid cells in a sweep).
    #[serde(default = "one")]
    pub seeds: u32,
    /// Grid axes; absent for single-run presets.
    #[serde(default)]
    pub sweep: Option<SweepSpec>,
}

fn one() -> u32 {
    1
}

/// Which dataset to train on. Ordered (declaration order) so that reports can sort by task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum TaskKind {
    /// `(a + b) mod P`, inputs `[a, b, =]`.
    ModAdd,
    /// `(a + b)^2 mod P`: the harder rule of figure 7.
    ModAddSquare,
    /// A random label per unordered pair `{a, b}`; nothing to generalize, only to memorize.
    /// The evaluation set is the training set (figure 4's memorization capacity).
    RandomLabels,
    /// Addition plus random-label subtraction, told apart by an operator token
    /// (inputs `[a, op, b, =]`), as in figures 8 and 10.
    AddWithMemorization,
}

impl TaskKind {
    /// Every task, in declaration order.
    pub const ALL: [TaskKind; 4] = [
        TaskKind::ModAdd,
        TaskKind::ModAddSquare,
        TaskKind::RandomLabels,
        TaskKind::AddWithMemorization,
    ];

    /// The name used in file names, CSV columns and on screen.
    pub fn slug(self) -> &'static str {
        match self {
            TaskKind::ModAdd => "mod-add",
            TaskKind::ModAddSquare => "mod-add-square",
            TaskKind::RandomLabels => "random-labels",
            TaskKind::AddWithMemorization => "add-with-memorization",
        }
    }
}

impl std::fmt::Display for TaskKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.slug())
    }
}

/// Parses a slug (`"mod-add"`, …), as written in `summary.csv`.
impl std::str::FromStr for TaskKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        TaskKind::ALL
            .into_iter()
            .find(|t| t.slug() == s)
            .ok_or_else(|| {
                format!(
                    "unknown task {s:?} (expected one of {})",
                    TaskKind::ALL.map(TaskKind::slug).join(", ")
                )
            })
    }
}

/// The data of a run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskSpec {
    pub kind: TaskKind,
    /// The modulus P (vocabulary of numbers 0..P).
    #[serde(default = "default_modulus")]
    pub modulus: u32,
    /// Number of training pairs (for mixes: of the addition task). Ignored when
    /// `train_fraction` is set. For `RandomLabels`, absent means all P² pairs.
    #[serde(default)]
    pub n_train: Option<usize>,
    /// Training pairs as a fraction of all P² pairs, instead of a count.
    #[serde(default)]
    pub train_fraction: Option<f64>,
    /// For `AddWithMemorization`: number of random-label subtraction examples.
    #[serde(default)]
    pub n_memorize: usize,
    /// How the pairs are divided between training and validation.
    #[serde(default)]
    pub split: SplitKind,
}

/// How the (a, b) pairs are divided between training and validation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SplitKind {
    /// A random subset of the ordered pairs, as in the paper: about a quarter of the val pairs
    /// then have their swapped twin (b, a) in training (`data::twins`), so the val columns
    /// come with a twin-free pair of columns beside them.
    #[default]
    Random,
    /// Whole unordered pairs {a, b}: (a, b) and (b, a) always on the same side, so val has
    /// no twin in training and the leak is removed at its source.
    Closed,
}

fn default_modulus() -> u32 {
    113
}

/// The transformer's sizes. Nanda et al.'s layout; only the sizes vary.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ModelSpec {
    /// Residual width d_model (the paper's hidden size d_h).
    pub d_model: usize,
    pub n_layers: usize,
    pub n_heads: usize,
    /// MLP width as a multiple of d_model.
    pub mlp_ratio: usize,
    /// Appendix B: split the MLP's intermediate units in two, one half seeing only the
    /// addition task and the other only the memorization task (mixes only).
    pub split_mlp: bool,
}

impl Default for ModelSpec {
    fn default() -> Self {
        Self {
            d_model: 64,
            n_layers: 1,
            n_heads: 4,
            mlp_ratio: 4,
            split_mlp: false,
        }
    }
}

/// Full-batch AdamW with linear warm-up (Nanda et al.'s defaults).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OptimizerSpec {
    pub lr: f64,
    pub weight_decay: f64,
    pub beta1: f64,
    pub beta2: f64,
    pub eps: f64,
    /// Steps of linear learning-rate warm-up from 0.
    pub warmup_steps: u64,
}

impl Default for OptimizerSpec {
    fn default() -> Self {
        Self {
            lr: 1e-3,
            weight_decay: 1.0,
            beta1: 0.9,
            beta2: 0.98,
            eps: 1e-8,
            warmup_steps: 10,
        }
    }
}

/// How long to train and how often to look.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TrainingSpec {
    pub steps: u64,
    pub eval_every: u64,
    pub checkpoint_every: u64,
    /// What the CPU does with floats below f32's smallest normal number.
    pub subnormals: Subnormals,
}

impl Default for TrainingSpec {
    fn default() -> Self {
        Self {
            steps: 20_000,
            eval_every: 100,
            checkpoint_every: 5_000,
            subnormals: Subnormals::Keep,
        }
    }
}

/// Subnormal floats (below 1.2e-38) in training and evaluation: part of the numeric format,
/// since a run that reaches tiny losses trains to other bits with each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Subnormals {
    /// IEEE arithmetic, as every result committed before this setting existed was computed.
    #[default]
    Keep,
    /// Flushed to zero (x86 FTZ and DAZ): 2-5x faster once a model fits its data confidently,
    /// when softmax tails and their gradients fall below the normal range.
    Flush,
}

/// Grid axes. Every listed axis is crossed with every other and with the seeds; an empty
/// axis is not swept (the preset's own value is used).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SweepSpec {
    pub n_train: Vec<usize>,
    pub d_model: Vec<usize>,
    pub n_layers: Vec<usize>,
    pub n_memorize: Vec<usize>,
}
