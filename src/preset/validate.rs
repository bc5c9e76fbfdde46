//! Semantic checks that the RON grammar cannot express (a modulus below 2, more training
//! pairs than exist, a width the heads cannot share…). Each failure names the field by its
//! path, and `Invalid::locate` turns that path into a line and column of the source text.

use super::cells::CellAxes;
use super::error::{PresetError, line_col};
use super::schema::{Preset, SweepSpec, TaskKind};
use crate::analysis::Phase;

/// A failed check: the field path (outermost first), for a list the index of the offending
/// element, and what was expected.
#[derive(Debug)]
pub(crate) struct Invalid {
    path: Vec<&'static str>,
    item: Option<usize>,
    message: String,
}

fn invalid(path: &[&'static str], message: String) -> Result<(), Invalid> {
    Err(Invalid {
        path: path.to_vec(),
        item: None,
        message,
    })
}

/// Like [`invalid`], for element `item` of the list at `path` (a sweep axis).
fn invalid_item(
    path: &[&'static str],
    item: Option<usize>,
    message: String,
) -> Result<(), Invalid> {
    Err(Invalid {
        path: path.to_vec(),
        item,
        message,
    })
}

impl Invalid {
    /// The error with the position of the field in `text` (line 1, col 1 when not found);
    /// for a list element, the position of that element (`sweep.d_model[1]`).
    pub(crate) fn locate(self, source_name: &str, text: &str) -> PresetError {
        let key = find_field(text, &self.path);
        let at = match (key, self.item) {
            (Some(k), Some(i)) => find_item(text, k, i).or(key),
            _ => key,
        };
        let (line, col) = at.map_or((1, 1), |at| line_col(text, at));
        let mut field = self.path.join(".");
        if let Some(i) = self.item {
            field.push_str(&format!("[{i}]"));
        }
        PresetError::at(source_name, line, col, format!("{field}: {}", self.message))
    }
}

/// Finds `a: … b: … c:` in order, each as a whole word followed by a colon, skipping comments.
/// Returns the byte offset of the last name.
fn find_field(text: &str, path: &[&str]) -> Option<usize> {
    let mut from = 0;
    let mut found = None;
    for name in path {
        let at = find_key(text, name, from)?;
        found = Some(at);
        from = at + name.len();
    }
    found
}

/// The byte offset of element `index` of the list that follows the key at `key_at`
/// (`d_model: [8, 30]`), skipping whitespace and `//` comments. Elements are plain values.
fn find_item(text: &str, key_at: usize, index: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = key_at + text[key_at..].find(':')? + 1;
    let skip_blank = |mut i: usize| {
        loop {
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if text[i..].starts_with("//") {
                i += text[i..].find('\n').unwrap_or(text.len() - i);
            } else {
                return i;
            }
        }
    };
    i = skip_blank(i);
    if bytes.get(i) != Some(&b'[') {
        return None;
    }
    i += 1;
    for n in 0.. {
        i = skip_blank(i);
        if i >= bytes.len() || bytes[i] == b']' {
            return None;
        }
        if n == index {
            return Some(i);
        }
        while i < bytes.len() && bytes[i] != b',' && bytes[i] != b']' {
            i += 1;
        }
        if bytes.get(i) == Some(&b',') {
            i += 1;
        }
    }
    None
}

fn find_key(text: &str, name: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut search = from;
    while let Some(rel) = text[search..].find(name) {
        let at = search + rel;
        let end = at + name.len();
        let word_start = at == 0 || !is_ident(bytes[at - 1]);
        let rest = text[end..].trim_start();
        let in_comment = text[..at]
            .rsplit('\n')
            .next()
            .is_some_and(|l| l.contains("//"));
        if word_start && rest.starts_with(':') && !in_comment {
            return Some(at);
        }
        search = end;
    }
    None
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The phases a preset may name in `expected_phase`: the detector's labels, less "undecided".
fn expected_phases() -> [&'static str; 5] {
    [
        Phase::Progression,
        Phase::Ungrokking,
        Phase::Grokking,
        Phase::SemiGrokking,
        Phase::Comprehension,
    ]
    .map(Phase::label)
}

/// The most runs one preset may describe (a grid of a few hundred is already days of CPU).
const MAX_CELLS: usize = 100_000;

/// Every check a preset must pass before anything runs.
pub(crate) fn validate(p: &Preset) -> Result<(), Invalid> {
    if p.name.trim().is_empty() || p.name.contains(['/', '\\', ' ']) {
        invalid(
            &["name"],
            format!(
                "expected a non-empty name without spaces or slashes, got {:?}",
                p.name
            ),
        )?;
    }
    let t = &p.task;
    if t.modulus < 2 {
        invalid(
            &["task", "modulus"],
            format!("expected a modulus P of at least 2, got {}", t.modulus),
        )?;
    }
    if t.modulus > 1000 {
        invalid(
            &["task", "modulus"],
            format!("expected a modulus P of at most 1000, got {}", t.modulus),
        )?;
    }
    if let Some(f) = t.train_fraction
        && !(f > 0.0 && f <= 1.0)
    {
        invalid(
            &["task", "train_fraction"],
            format!("expected a fraction in (0, 1], got {f}"),
        )?;
    }
    if t.n_train.is_none() && t.train_fraction.is_none() && t.kind != TaskKind::RandomLabels {
        invalid(
            &["task"],
            "expected n_train (a count) or train_fraction for this task".into(),
        )?;
    }
    if t.kind != TaskKind::AddWithMemorization && t.n_memorize != 0 {
        invalid(
            &["task", "n_memorize"],
            "only the AddWithMemorization task has memorization examples".into(),
        )?;
    }
    if let Some(phase) = &p.expected_phase {
        let phases = expected_phases();
        if !phases.contains(&phase.as_str()) {
            invalid(
                &["expected_phase"],
                format!("expected one of {}, got {phase:?}", phases.join(", ")),
            )?;
        }
        if p.sweep.as_ref().is_some_and(|s| *s != SweepSpec::default()) {
            invalid(
                &["expected_phase"],
                "only a single-configuration preset has one expected phase; the cells of a sweep \
                 show different phases (remove expected_phase or the sweep)"
                    .into(),
            )?;
        }
    }
    if t.kind != TaskKind::AddWithMemorization
        && p.sweep.as_ref().is_some_and(|s| !s.n_memorize.is_empty())
    {
        invalid(
            &["sweep", "n_memorize"],
            "only the AddWithMemorization task has memorization examples".into(),
        )?;
    }
    let m = &p.model;
    if m.n_heads == 0 {
        invalid(&["model", "n_heads"], "expected at least 1 head".into())?;
    }
    if m.n_layers == 0 {
        invalid(&["model", "n_layers"], "expected at least 1 layer".into())?;
    }
    if m.mlp_ratio == 0 {
        invalid(
            &["model", "mlp_ratio"],
            "expected an MLP ratio of at least 1".into(),
        )?;
    }
    if m.split_mlp && t.kind != TaskKind::AddWithMemorization {
        invalid(
            &["model", "split_mlp"],
            "splitting the MLP needs the AddWithMemorization task".into(),
        )?;
    }
    let o = &p.optimizer;
    if !(o.lr > 0.0 && o.lr.is_finite()) {
        invalid(
            &["optimizer", "lr"],
            format!("expected a positive learning rate, got {}", o.lr),
        )?;
    }
    if !(o.weight_decay >= 0.0 && o.weight_decay.is_finite()) {
        invalid(
            &["optimizer", "weight_decay"],
            format!(
                "expected a weight decay of 0 or more, got {}",
                o.weight_decay
            ),
        )?;
    }
    for (name, beta) in [("beta1", o.beta1), ("beta2", o.beta2)] {
        if !(0.0..1.0).contains(&beta) {
            invalid(
                &["optimizer", name],
                format!("expected a value in [0, 1), got {beta}"),
            )?;
        }
    }
    if o.eps.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
        invalid(
            &["optimizer", "eps"],
            format!("expected a positive epsilon, got {}", o.eps),
        )?;
    }
    let tr = &p.training;
    for (name, v) in [
        ("steps", tr.steps),
        ("eval_every", tr.eval_every),
        ("checkpoint_every", tr.checkpoint_every),
    ] {
        if v == 0 {
            invalid(&["training", name], "expected at least 1".into())?;
        }
    }
    if p.seeds == 0 {
        invalid(&["seeds"], "expected at least 1 seed".into())?;
    }
    if p.seed.checked_add(u64::from(p.seeds) - 1).is_none() {
        invalid(
            &["seed"],
            format!(
                "seed {} + {} seeds runs past the largest seed {}",
                p.seed,
                p.seeds,
                u64::MAX
            ),
        )?;
    }
    let sweep = p.sweep.clone().unwrap_or_default();
    let cells = [
        sweep.n_train.len(),
        sweep.d_model.len(),
        sweep.n_layers.len(),
        sweep.n_memorize.len(),
    ]
    .into_iter()
    .try_fold(p.seeds as usize, |n, len| n.checked_mul(len.max(1)));
    if cells.is_none_or(|n| n > MAX_CELLS) {
        invalid(
            &["seeds"],
            format!(
                "the grid times {} seeds is more than {MAX_CELLS} runs: fewer seeds or shorter sweep axes",
                p.seeds
            ),
        )?;
    }
    for axes in CellAxes::all(p) {
        validate_axes(p, &axes)?;
    }
    Ok(())
}

/// Checks that depend on values a sweep may vary: sizes against the modulus and the heads.
fn validate_axes(p: &Preset, a: &CellAxes) -> Result<(), Invalid> {
    let sweep = p.sweep.clone().unwrap_or_default();
    // Where a value comes from: the element of its sweep axis when the axis is swept (so the
    // error points at that element), else the preset's own field.
    let source = |axis: &'static str, list: &[usize], value: usize, own: &[&'static str]| {
        if list.is_empty() {
            (own.to_vec(), None)
        } else {
            (vec!["sweep", axis], list.iter().position(|&v| v == value))
        }
    };
    let pairs = (p.task.modulus as usize).pow(2);
    if a.n_train == 0 || a.n_train > pairs {
        let own: &[&str] = if p.task.train_fraction.is_some() {
            &["task", "train_fraction"]
        } else {
            &["task", "n_train"]
        };
        let (path, item) = source("n_train", &sweep.n_train, a.n_train, own);
        invalid_item(
            &path,
            item,
            format!(
                "expected between 1 and P² = {pairs} training pairs, got {}",
                a.n_train
            ),
        )?;
    }
    if a.n_memorize > pairs {
        let (path, item) = source(
            "n_memorize",
            &sweep.n_memorize,
            a.n_memorize,
            &["task", "n_memorize"],
        );
        invalid_item(
            &path,
            item,
            format!(
                "expected at most P² = {pairs} memorization examples, got {}",
                a.n_memorize
            ),
        )?;
    }
    if a.d_model == 0 || !a.d_model.is_multiple_of(p.model.n_heads) {
        let (path, item) = source("d_model", &sweep.d_model, a.d_model, &["model", "d_model"]);
        invalid_item(
            &path,
            item,
            format!(
                "expected a positive d_model divisible by n_heads = {}, got {}",
                p.model.n_heads, a.d_model
            ),
        )?;
    }
    if a.n_layers == 0 {
        let (path, item) = source(
            "n_layers",
            &sweep.n_layers,
            a.n_layers,
            &["model", "n_layers"],
        );
        invalid_item(&path, item, "expected at least 1 layer".into())?;
    }
    let mut cell = p.clone();
    (cell.model.d_model, cell.model.n_layers) = (a.d_model, a.n_layers);
    if cell.peak_bytes().is_none() {
        let (path, item) = source("d_model", &sweep.d_model, a.d_model, &["model", "d_model"]);
        invalid_item(
            &path,
            item,
            format!(
                "d_model {} with mlp_ratio {} and {} layers is too large to count (its sizes overflow)",
                a.d_model, p.model.mlp_ratio, a.n_layers
            ),
        )?;
    }
    if p.model.split_mlp && !(a.d_model * p.model.mlp_ratio).is_multiple_of(2) {
        invalid(
            &["model", "split_mlp"],
            "splitting the MLP needs an even MLP width".into(),
        )?;
    }
    Ok(())
}
