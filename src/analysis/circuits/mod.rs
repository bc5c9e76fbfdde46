//! Progress measures of the two circuits for (a + b) mod P, after Nanda et al. 2023,
//! "Progress measures for grokking via mechanistic interpretability" (ICLR 2023).
//!
//! The generalizing circuit embeds the number tokens on a few *key frequencies* w and
//! produces logits `∝ cos(w(a + b − c))`, i.e. logits along the directions cos(w(a+b)) and
//! sin(w(a+b)) of the space of functions of the input (a, b). The memorizing circuit
//! produces everything else. Pure std Rust on plain slices: the trainer hands in the logits
//! on all P² inputs (which evaluation computes anyway) and the embedding and unembedding.
//!
//! # Definitions (frequencies w = 1..=P/2; the Fourier basis of [`fourier`])
//!
//! * **Embedding spectrum**: `E(w) = Σ_j ‖proj_w W_E[0..P, j]‖²`, the energy of the number
//!   tokens' embedding columns (functions of the token t) in frequency w's cos/sin span.
//!   The constant component and the non-number tokens (`=`, operators) are left out.
//! * **Key frequencies**: the `n_key` frequencies with the largest `E(w)` (Nanda's reading
//!   of the embedding; his code also derives them from the MLP neurons).
//! * **key share**: `Σ_{w key} E(w) / Σ_w E(w)`.
//! * **freq Gini**: the Gini coefficient of the per-frequency norms `√E(w)`: 0 when every
//!   frequency holds the same norm, `1 − k/(P/2)` when exactly k frequencies hold it equally.
//! * **Restricted loss**: for each class c, project the logit column `L[·, c]` (a vector of
//!   R^{P²} over the inputs) onto the unit vectors along cos(w(a+b)) and sin(w(a+b)) for
//!   every key w, add the column's mean over all P² inputs (Nanda's bias correction), and
//!   take the mean cross-entropy over the *training* pairs. What the generalizing circuit
//!   alone achieves. (Nanda's `calculate_trig_loss` averages over all P² pairs by default;
//!   the restricted logits depend on (a, b) only through a + b, so the two agree up to
//!   how the sums s are weighted.)
//! * **Excluded loss**: the mean training cross-entropy of `L` minus those projections
//!   (all key frequencies removed at once, as in the paper's figures; Nanda's code also
//!   reports one frequency at a time). What the rest, the memorizing part, achieves on the
//!   training set.
//! * **Parameter norm split**: `norm_key² = Σ_{w key} (E(w) + U(w))` with `U(w)` the same
//!   energy for the unembedding's rows (functions of the class c); `norm_rest² =
//!   param_norm² − norm_key²`. Only the embedding and unembedding have an axis indexed by
//!   numbers, so only they can be split by frequency; attention, MLP and positional weights
//!   are all counted in `norm_rest`.

pub mod fourier;
mod measures;

#[cfg(test)]
mod tests;

pub use measures::{CircuitError, CircuitInput, CircuitMeasures, cross_entropy, gini, measure};
