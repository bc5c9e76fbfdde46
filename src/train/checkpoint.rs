//! Checkpoints: model and optimizer tensors in safetensors, the rest in `state.ron`.
//!
//! `model.safetensors` holds every parameter under its reference name (`W_E`, `W_pos`,
//! `blocks.0.W_Q`, …, `W_U`) with its logical shape, f32 little-endian.
//! `optimizer.safetensors` holds AdamW's moments as `exp_avg.<name>` and `exp_avg_sq.<name>`
//! (PyTorch's names). `state.ron` holds the step, the training time, the model sizes (checked
//! on load), the number of data-parallel shards the step used (checked on load: the shard
//! count sets the gradients' summation order, so another count would not continue the same
//! numbers) and the metric history (phase events are re-derived from it on resume). No RNG state is needed: training is full-batch and
//! deterministic, so the step count is the whole of the training "position".
//!
//! A checkpoint directory is written under a temporary name and renamed into place, so it
//! either exists whole or not at all.

use super::run_dir::write_atomic;
use super::{Metrics, RunDir, Trainer};
use crate::model::Transformer;
use safetensors::tensor::{Dtype, SafeTensors, TensorView};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

/// Bumped when the checkpoint layout changes.
const FORMAT_VERSION: u32 = 1;

/// What `state.ron` holds.
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
    /// Shards per training step. Absent in checkpoints written before it was recorded, whose
    /// builds used today's rule (`model::SHARDS` shards for batches big enough, else 1).
    #[serde(default)]
    pub shards: Option<usize>,
    pub history: Vec<Metrics>,
}

/// A checkpoint that cannot be written or used: the file and the problem.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckpointError(pub String);

impl fmt::Display for CheckpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CheckpointError {}

fn err(path: &Path, msg: impl fmt::Display) -> CheckpointError {
    CheckpointError(format!("{}: {msg}", path.display()))
}

fn to_bytes(values: &[f32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

fn serialize(
    path: &Path,
    tensors: Vec<(String, Vec<usize>, Vec<u8>)>,
) -> Result<Vec<u8>, CheckpointError> {
    let views: Vec<(String, TensorView<'_>)> = tensors
        .iter()
        .map(|(name, shape, bytes)| {
            TensorView::new(Dtype::F32, shape.clone(), bytes)
                .map(|v| (name.clone(), v))
                .map_err(|e| err(path, e))
        })
        .collect::<Result<_, _>>()?;
    safetensors::serialize(views, None).map_err(|e| err(path, e))
}

impl Trainer {
    /// Writes `checkpoints/step-<N>/` for the current step and returns its path.
    pub fn save_checkpoint(&self, run: &RunDir) -> Result<PathBuf, CheckpointError> {
        let step = self.step();
        let final_dir = run.checkpoints_path().join(format!("step-{step}"));
        let tmp_dir = run
            .checkpoints_path()
            .join(format!(".step-{step}.tmp-{}", std::process::id()));
        let _ = fs::remove_dir_all(&tmp_dir);
        fs::create_dir_all(&tmp_dir).map_err(|e| err(&tmp_dir, format!("cannot create: {e}")))?;
        let infos = self.model.infos();
        let model_tensors = infos
            .iter()
            .zip(self.model.params())
            .map(|(i, t)| (i.name.clone(), i.shape.clone(), to_bytes(&t.as_vec())))
            .collect();
        let mut opt_tensors = Vec::new();
        for (k, info) in infos.iter().enumerate() {
            opt_tensors.push((
                format!("exp_avg.{}", info.name),
                info.shape.clone(),
                to_bytes(&self.opt.moment1[k]),
            ));
            opt_tensors.push((
                format!("exp_avg_sq.{}", info.name),
                info.shape.clone(),
                to_bytes(&self.opt.moment2[k]),
            ));
        }
        let c = &self.model.cfg;
        let state = CheckpointState {
            format_version: FORMAT_VERSION,
            step,
            elapsed_secs: self.elapsed_secs(),
            d_model: c.d_model,
            n_layers: c.n_layers,
            n_heads: c.n_heads,
            d_mlp: c.d_mlp,
            vocab: c.vocab,
            n_ctx: c.n_ctx,
            n_classes: c.n_classes,
            shards: Some(self.shard_count()),
            history: self.history.clone(),
        };
        let state_text = ron::ser::to_string_pretty(&state, ron::ser::PrettyConfig::new())
            .map_err(|e| err(&tmp_dir, e))?;
        let write = |name: &str, bytes: &[u8]| {
            write_atomic(&tmp_dir.join(name), bytes).map_err(|e| CheckpointError(e.0))
        };
        write("model.safetensors", &serialize(&tmp_dir, model_tensors)?)?;
        write("optimizer.safetensors", &serialize(&tmp_dir, opt_tensors)?)?;
        write("state.ron", state_text.as_bytes())?;
        let _ = fs::remove_dir_all(&final_dir);
        fs::rename(&tmp_dir, &final_dir)
            .map_err(|e| err(&final_dir, format!("cannot move into place: {e}")))?;
        if let Ok(dir) = fs::File::open(run.checkpoints_path()) {
            let _ = dir.sync_all();
        }
        Ok(final_dir)
    }

    /// Restores model, optimizer, step and history from a checkpoint directory written for
    /// this trainer's preset. Refuses mismatched or damaged files.
    pub fn load_checkpoint(&mut self, dir: &Path) -> Result<(), CheckpointError> {
        let state_path = dir.join("state.ron");
        let text = fs::read_to_string(&state_path)
            .map_err(|e| err(&state_path, format!("cannot read: {e}")))?;
        let state: CheckpointState = ron::from_str(&text)
            .map_err(|e| err(&state_path, format!("damaged checkpoint state: {e}")))?;
        if state.format_version != FORMAT_VERSION {
            return Err(err(
                &state_path,
                format!(
                    "format version {} is not supported (expected {FORMAT_VERSION})",
                    state.format_version
                ),
            ));
        }
        let c = &self.model.cfg;
        let saved = (
            state.d_model,
            state.n_layers,
            state.n_heads,
            state.d_mlp,
            state.vocab,
            state.n_ctx,
            state.n_classes,
        );
        let ours = (
            c.d_model,
            c.n_layers,
            c.n_heads,
            c.d_mlp,
            c.vocab,
            c.n_ctx,
            c.n_classes,
        );
        if saved != ours {
            return Err(err(
                &state_path,
                format!(
                    "checkpoint is for another model (d_model {}, layers {}, heads {}, vocab {}) than the run's preset (d_model {}, layers {}, heads {}, vocab {})",
                    saved.0, saved.1, saved.2, saved.4, ours.0, ours.1, ours.2, ours.4
                ),
            ));
        }
        if let Some(saved) = state.shards
            && saved != self.shard_count()
        {
            return Err(err(
                &state_path,
                format!(
                    "checkpoint was trained with each step split into {saved} shard(s), but this build splits this run into {}; the gradients would be summed in another order and the run would not continue the same numbers (resume it with the groktop build that wrote it)",
                    self.shard_count()
                ),
            ));
        }
        let model_values = read_tensors(&dir.join("model.safetensors"), &self.model, "")?;
        let m1 = read_tensors(&dir.join("optimizer.safetensors"), &self.model, "exp_avg.")?;
        let m2 = read_tensors(
            &dir.join("optimizer.safetensors"),
            &self.model,
            "exp_avg_sq.",
        )?;
        for (k, values) in model_values.into_iter().enumerate() {
            self.model.params_mut()[k].copy_from(&values);
            self.opt.moment1[k].copy_from_slice(&m1[k]);
            self.opt.moment2[k].copy_from_slice(&m2[k]);
        }
        self.restore(state.step, state.history, state.elapsed_secs);
        Ok(())
    }
}

/// Every parameter's values from a safetensors file, named `<prefix><name>`, shape-checked.
fn read_tensors(
    path: &Path,
    model: &Transformer,
    prefix: &str,
) -> Result<Vec<Vec<f32>>, CheckpointError> {
    let bytes = fs::read(path).map_err(|e| err(path, format!("cannot read: {e}")))?;
    let st = SafeTensors::deserialize(&bytes)
        .map_err(|e| err(path, format!("damaged safetensors file: {e}")))?;
    model
        .infos()
        .iter()
        .map(|info| {
            let name = format!("{prefix}{}", info.name);
            let t = st
                .tensor(&name)
                .map_err(|_| err(path, format!("tensor '{name}' is missing")))?;
            if t.dtype() != Dtype::F32 || t.shape() != info.shape.as_slice() {
                return Err(err(
                    path,
                    format!(
                        "tensor '{name}' is {:?} {:?}, expected F32 {:?}",
                        t.dtype(),
                        t.shape(),
                        info.shape
                    ),
                ));
            }
            Ok(t.data()
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect())
        })
        .collect()
}
