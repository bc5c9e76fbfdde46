//! Checkpoints: model and optimizer tensors in safetensors, the rest in `state.ron`.
//!
//! `model.safetensors` holds every parameter under its reference name (`W_E`, `W_pos`,
//! `blocks.0.W_Q`, …, `W_U`) with its logical shape, f32 little-endian.
//! `optimizer.safetensors` holds AdamW's moments as `exp_avg.<name>` and `exp_avg_sq.<name>`
//! (PyTorch's names). `state.ron` holds the step, the training time, the model sizes (checked
//! on load), the number of data-parallel shards the step used and the subnormals mode it
//! computed in (both checked on load) and the
//! metric history (phase events are re-derived from it on resume). No RNG state is needed: training is full-batch and
//! deterministic, so the step count is the whole of the training "position".
//!
//! Where the files go, how they are written whole and which checkpoints are usable is
//! `record::checkpoints`' business; this file turns a trainer into those bytes and back.

use super::Trainer;
use crate::model::Transformer;
use crate::record::{
    Checkpoint, CheckpointState, FORMAT_VERSION, MODEL_FILE, OPTIMIZER_FILE, RecordError, RunDir,
    RunWriter,
};
use safetensors::tensor::{Dtype, SafeTensors, TensorView};
use std::path::{Path, PathBuf};

fn err(path: &Path, msg: impl std::fmt::Display) -> RecordError {
    RecordError::at(path, msg)
}

fn to_bytes(values: &[f32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

fn serialize(
    path: &Path,
    tensors: Vec<(String, Vec<usize>, Vec<u8>)>,
) -> Result<Vec<u8>, RecordError> {
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
    pub fn save_checkpoint(&self, run: &RunWriter) -> Result<PathBuf, RecordError> {
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
            step: self.step(),
            elapsed_secs: self.elapsed_secs(),
            d_model: c.d_model,
            n_layers: c.n_layers,
            n_heads: c.n_heads,
            d_mlp: c.d_mlp,
            vocab: c.vocab,
            n_ctx: c.n_ctx,
            n_classes: c.n_classes,
            shards: Some(self.shard_count()),
            subnormals: Some(self.preset.training.subnormals),
            history: self.history.clone(),
        };
        let root = run.checkpoints_path();
        let model = serialize(&root.join(MODEL_FILE), model_tensors)?;
        let optimizer = serialize(&root.join(OPTIMIZER_FILE), opt_tensors)?;
        run.write_checkpoint(&state, &model, &optimizer)
    }

    /// Restores from the newest usable checkpoint of `run`, falling back past damaged or
    /// inconsistent newer ones. Returns the checkpoint used and a sentence per one skipped.
    pub fn resume_from(&mut self, run: &RunDir) -> Result<(Checkpoint, Vec<String>), RecordError> {
        let mut skipped = Vec::new();
        for cp in run.checkpoints().into_iter().rev() {
            match self.load_checkpoint(&cp) {
                Ok(()) => return Ok((cp, skipped)),
                Err(e) => skipped.push(e.0),
            }
        }
        let why = if skipped.is_empty() {
            "checkpoints/ is empty".to_string()
        } else {
            format!("none is usable: {}", skipped.join("; "))
        };
        Err(err(
            &run.path,
            format!("no checkpoint to resume from ({why})"),
        ))
    }

    /// Restores model, optimizer, step and history from a checkpoint written for this
    /// trainer's preset. Refuses mismatched or damaged files, leaving the trainer unchanged.
    pub fn load_checkpoint(&mut self, cp: &Checkpoint) -> Result<(), RecordError> {
        let state = cp.read_state()?;
        let state_path = cp.dir.join(crate::record::STATE_FILE);
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
        let mode = self.preset.training.subnormals;
        if let Some(saved) = state.subnormals
            && saved != mode
        {
            return Err(err(
                &state_path,
                format!(
                    "checkpoint was computed with subnormals: {saved:?}, but the run's preset.ron says {mode:?}; the modes round tiny numbers differently, so the run would not continue the same numbers (set subnormals: {saved:?} in preset.ron again to resume it)"
                ),
            ));
        }
        // The files hold this model's parameters (once, and twice for the optimizer's
        // moments) as f32 plus a JSON header naming them: anything much larger is not ours.
        let floats: u64 = self.model.infos().iter().map(|i| i.numel() as u64).sum();
        let header_room = 1 << 20;
        let model_bytes = cp.read_file(MODEL_FILE, floats * 4 + header_room)?;
        let opt_bytes = cp.read_file(OPTIMIZER_FILE, 2 * floats * 4 + header_room)?;
        let model_path = cp.dir.join(MODEL_FILE);
        let opt_path = cp.dir.join(OPTIMIZER_FILE);
        let model_values = read_tensors(&model_path, &model_bytes, &self.model, "")?;
        let m1 = read_tensors(&opt_path, &opt_bytes, &self.model, "exp_avg.")?;
        let m2 = read_tensors(&opt_path, &opt_bytes, &self.model, "exp_avg_sq.")?;
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
    bytes: &[u8],
    model: &Transformer,
    prefix: &str,
) -> Result<Vec<Vec<f32>>, RecordError> {
    let st = SafeTensors::deserialize(bytes)
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
