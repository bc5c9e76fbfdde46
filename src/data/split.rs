//! The data of one run, laid out for full-batch training: flat token ids and labels.

/// Which task an example belongs to in a multi-task mix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TaskId {
    /// The rule to learn: addition (or its squared sibling).
    Rule,
    /// Random labels: nothing to learn but the examples themselves.
    Memorize,
}

/// One example: its input pair, operator (for mixes) and label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Example {
    pub a: u32,
    pub b: u32,
    pub task: TaskId,
    pub label: u32,
}

/// A set of examples in the layout the model reads.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Split {
    pub examples: Vec<Example>,
    /// `examples.len() * n_ctx` token ids, row-major.
    pub tokens: Vec<usize>,
    pub labels: Vec<usize>,
}

impl Split {
    pub fn len(&self) -> usize {
        self.examples.len()
    }

    pub fn is_empty(&self) -> bool {
        self.examples.is_empty()
    }

    /// The examples in `range`, laid out the same way.
    pub fn slice(&self, range: std::ops::Range<usize>) -> Split {
        let n_ctx = if self.is_empty() {
            0
        } else {
            self.tokens.len() / self.len()
        };
        Split {
            examples: self.examples[range.clone()].to_vec(),
            tokens: self.tokens[range.start * n_ctx..range.end * n_ctx].to_vec(),
            labels: self.labels[range].to_vec(),
        }
    }

    /// Indices of the examples of one task.
    pub fn indices_of(&self, task: TaskId) -> Vec<usize> {
        (0..self.len())
            .filter(|&i| self.examples[i].task == task)
            .collect()
    }
}

/// Everything a run trains and evaluates on.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    pub modulus: usize,
    /// Input length: 3 for `[a, b, =]`, 4 for `[a, op, b, =]`.
    pub n_ctx: usize,
    /// Token vocabulary size.
    pub vocab: usize,
    /// Number of output classes (P).
    pub n_classes: usize,
    pub train: Split,
    /// Held-out pairs of the rule task; `None` when there is nothing to generalize to
    /// (random labels) or every pair is in the training set.
    pub val: Option<Split>,
    /// Indices into `val` of the pairs whose swapped twin is not in training (`data::twins`):
    /// the val set that a symmetric memorizer cannot answer. `None` without a val set.
    pub twin_free: Option<Vec<usize>>,
    /// True for mixes: metrics are reported per task.
    pub is_mix: bool,
}
