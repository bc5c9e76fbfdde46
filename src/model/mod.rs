//! The transformer: Nanda et al.'s layout with sizes chosen at run time.
//!
//! `x = W_E[tokens] + W_pos`, then per layer `x += Attn(x)` (4 causal heads, no biases) and
//! `x += W_out · relu(W_in · x + b_in) + b_out`; logits `= x[last] · W_U`. No LayerNorm.
//! Only the last position feeds the loss, so the last layer computes keys and values at every
//! position but queries, attention output, MLP and unembedding at the last position alone:
//! the same function as the full model, at about half the work.
//!
//! Dependencies run one way: `config` ← `layout` (which also gives `ModelConfig::param_infos`)
//! ← `params` (the `Transformer`, with `heads`) ← the passes (`forward`, `attention`, `mlp`,
//! `loss`), which each add methods to it and import nothing from one another.

mod attention;
mod batch;
mod config;
mod forward;
mod heads;
mod layout;
mod loss;
mod mlp;
mod params;
mod shards;

pub use batch::Batch;
pub use config::ModelConfig;
pub use layout::{Layout, ParamInfo};
pub use params::Transformer;
pub use shards::{LossFn, SHARDS, Shards};

use dfdx::prelude::{Cpu, Tensor};

/// A 2-D runtime-shaped tensor on the CPU: the one tensor type parameters use.
pub type Tensor2 = Tensor<(usize, usize), f32, Cpu>;

/// A 2-D tensor carrying tape `T` (`OwnedTape` in training, `NoneTape` in evaluation).
type T2<T> = Tensor<(usize, usize), f32, Cpu, T>;
