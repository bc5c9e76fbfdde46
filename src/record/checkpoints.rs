//! `checkpoints/step-<N>/`: the files of a checkpoint, where they go and which ones can be
//! trusted. What the tensors mean is `train::checkpoint`'s business; this module moves bytes.
//!
//! A checkpoint is written into `.step-<N>.tmp-<pid>-<n>/` and renamed into place, so it
//! exists whole or not at all; temporaries of killed writers are removed by the next writer.
//! A checkpoint is usable when its `state.ron` reads, is of this format and agrees with its
//! directory's step; the newest usable one is where a run resumes.

use super::Metrics;
use super::regular::read_regular;
use super::run_dir::{RunDir, RunWriter};
use super::{RecordError, atomic};
use crate::preset::Subnormals;
use serde::{Deserialize, Serialize};
use std::fs;
use std::path::{Path, PathBuf};

pub const MODEL_FILE: &str = "model.safetensors";
pub const OPTIMIZER_FILE: &str = "optimizer.safetensors";
pub const STATE_FILE: &str = "state.ron";

/// Bumped when the checkpoint layout changes incompatibly.
pub const FORMAT_VERSION: u32 = 1;

/// What `state.ron` holds. Unknown fields are refused (a newer format must not be misread);
/// a field added later must be `#[serde(default)]` so that older checkpoints still load.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckpointState {
    pub format_version: u32,
    pub step: u64,
    pub elapsed_secs: f64,
    pub d_model: usize,
    pub n_layers: usize,
    pub n_heads: usize,
    pub d_mlp: usize,
    pub vocab: usize,
    pub n_ctx: usize,
    pub n_classes: usize,
    /// Data-parallel shards per training step: it sets the order in which gradients are
    /// summed, so a run continues the same numbers only with the same count. Absent in
    /// checkpoints written before it was recorded, whose builds used today's rule
    /// (`model::SHARDS` shards for batches big enough, else 1).
    #[serde(default)]
    pub shards: Option<usize>,
    /// The subnormals mode the run computed in: part of the numeric format, so a run
    /// continues the same numbers only in the same mode. Absent in checkpoints written
    /// before it was recorded; those were computed in the mode their run's preset.ron
    /// names (it could not change between resumes unnoticed only since this field), so
    /// they are not checked.
    #[serde(default)]
    pub subnormals: Option<Subnormals>,
    pub history: Vec<Metrics>,
}

impl CheckpointState {
    /// How many parameters the checkpoint's model has, from its sizes (the tensors of
    /// `model::params`: embeddings, per layer attention and MLP, unembedding), so that a run
    /// opened read-only can show it without building the model.
    pub fn n_params(&self) -> usize {
        let (d, m) = (self.d_model, self.d_mlp);
        let per_layer = 4 * d * d + 2 * d * m + m + d;
        (self.vocab + self.n_ctx) * d + self.n_layers * per_layer + d * self.n_classes
    }
}

/// One `checkpoints/step-<N>/` directory.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Checkpoint {
    pub step: u64,
    pub dir: PathBuf,
}

impl Checkpoint {
    /// Its `state.ron`, checked: readable, this format, the directory's step, a history of
    /// increasing steps that ends at or before it.
    pub fn read_state(&self) -> Result<CheckpointState, RecordError> {
        let path = self.dir.join(STATE_FILE);
        // The history of 10⁶ evaluations fits; a FIFO or a symlink here is an error.
        let text = super::regular::read_regular_text(&path, 1 << 30)?;
        let state: CheckpointState = ron::from_str(&text)
            .map_err(|e| RecordError::at(&path, format!("damaged checkpoint state: {e}")))?;
        if state.format_version != FORMAT_VERSION {
            return Err(RecordError::at(
                &path,
                format!(
                    "format version {} is not supported (expected {FORMAT_VERSION})",
                    state.format_version
                ),
            ));
        }
        if state.step != self.step {
            return Err(RecordError::at(
                &path,
                format!(
                    "says step {} but lies in step-{}: inconsistent, not used",
                    state.step, self.step
                ),
            ));
        }
        let steps: Vec<u64> = state.history.iter().map(|m| m.step).collect();
        if steps.windows(2).any(|w| w[0] >= w[1]) || steps.last().is_some_and(|&s| s > self.step) {
            return Err(RecordError::at(
                &path,
                format!(
                    "its history's steps are not increasing up to step {}: inconsistent, not used",
                    self.step
                ),
            ));
        }
        Ok(state)
    }

    /// The bytes of one of its files: a regular file (not a FIFO, which would block, nor a
    /// symlink) of at most `max` bytes, so a damaged or planted file is an error naming it,
    /// never a hang or a read of gigabytes.
    pub fn read_file(&self, name: &str, max: u64) -> Result<Vec<u8>, RecordError> {
        read_regular(&self.dir.join(name), max)
    }
}

impl RunDir {
    /// The `step-<N>` directories, oldest first (whether usable or not: see
    /// [`Checkpoint::read_state`]).
    pub fn checkpoints(&self) -> Vec<Checkpoint> {
        let mut out: Vec<Checkpoint> = fs::read_dir(self.checkpoints_path())
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                let step = name.strip_prefix("step-")?.parse().ok()?;
                e.path().is_dir().then(|| Checkpoint {
                    step,
                    dir: e.path(),
                })
            })
            .collect();
        out.sort();
        out
    }

    /// The newest checkpoint whose state reads, with the problems of newer ones skipped.
    pub fn latest_usable(&self) -> (Option<(Checkpoint, CheckpointState)>, Vec<RecordError>) {
        let mut skipped = Vec::new();
        for cp in self.checkpoints().into_iter().rev() {
            match cp.read_state() {
                Ok(state) => return (Some((cp, state)), skipped),
                Err(e) => skipped.push(e),
            }
        }
        (None, skipped)
    }
}

impl RunWriter {
    /// Writes `checkpoints/step-<step>/` whole (replacing one of that step) and returns it.
    pub fn write_checkpoint(
        &self,
        state: &CheckpointState,
        model: &[u8],
        optimizer: &[u8],
    ) -> Result<PathBuf, RecordError> {
        let root = self.checkpoints_path();
        let final_dir = root.join(format!("step-{}", state.step));
        let tmp_dir = root.join(atomic::temp_name(&format!("step-{}", state.step)));
        fs::create_dir_all(&tmp_dir).map_err(|e| RecordError::io(&tmp_dir, "create", e))?;
        let text = ron::ser::to_string_pretty(state, ron::ser::PrettyConfig::new())
            .map_err(|e| RecordError::at(&tmp_dir, e))?;
        let written = (|| {
            atomic::write_atomic(&tmp_dir.join(MODEL_FILE), model)?;
            atomic::write_atomic(&tmp_dir.join(OPTIMIZER_FILE), optimizer)?;
            atomic::write_atomic(&tmp_dir.join(STATE_FILE), text.as_bytes())?;
            let _ = fs::remove_dir_all(&final_dir);
            fs::rename(&tmp_dir, &final_dir)
                .map_err(|e| RecordError::io(&final_dir, "move into place", e))
        })();
        if let Err(e) = written {
            let _ = fs::remove_dir_all(&tmp_dir);
            return Err(e);
        }
        sync_dir(&root);
        Ok(final_dir)
    }
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(step: u64, history: &[u64]) -> CheckpointState {
        CheckpointState {
            format_version: FORMAT_VERSION,
            step,
            elapsed_secs: 1.0,
            d_model: 8,
            n_layers: 1,
            n_heads: 1,
            d_mlp: 32,
            vocab: 10,
            n_ctx: 3,
            n_classes: 10,
            shards: Some(1),
            subnormals: Some(Subnormals::Keep),
            history: history
                .iter()
                .map(|&s| Metrics {
                    step: s,
                    ..Metrics::default()
                })
                .collect(),
        }
    }

    #[test]
    fn falls_back_past_empty_damaged_and_inconsistent_checkpoints() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("run");
        let preset = crate::preset::Preset::find("grokking").unwrap();
        let w = RunWriter::create_at(&path, &preset).unwrap();
        w.write_checkpoint(&state(100, &[0, 100]), b"m", b"o")
            .unwrap();
        w.write_checkpoint(&state(200, &[0, 100, 200]), b"m", b"o")
            .unwrap();
        // Damaged newest, an empty one, and one whose state names another step.
        fs::write(
            w.checkpoints_path().join("step-200").join(STATE_FILE),
            "(garbage",
        )
        .unwrap();
        fs::create_dir(w.checkpoints_path().join("step-999")).unwrap();
        let wrong = w.checkpoints_path().join("step-300");
        fs::create_dir(&wrong).unwrap();
        let text = ron::to_string(&state(250, &[0])).unwrap();
        fs::write(wrong.join(STATE_FILE), text).unwrap();
        fs::create_dir(w.checkpoints_path().join(".step-400.tmp-1-0")).unwrap();

        let (found, skipped) = w.latest_usable();
        assert_eq!(found.unwrap().0.step, 100);
        let why: Vec<String> = skipped.iter().map(|e| e.0.clone()).collect();
        assert_eq!(why.len(), 3, "{why:?}");
        assert!(
            why[1].contains("says step 250 but lies in step-300"),
            "{why:?}"
        );
        assert!(why[2].contains("damaged checkpoint state"), "{why:?}");
        drop(w);
        let _w = RunWriter::open(&path).unwrap();
        assert!(!path.join("checkpoints/.step-400.tmp-1-0").exists());
    }
}
