//! Phase detection: from a run's evaluations (train acc, val acc, parameter norm)
//! to the training dynamic of Huang et al., "Unified View of Grokking, Double
//! Descent and Emergent Abilities" (arXiv 2402.15175): progression, ungrokking,
//! grokking, semi-grokking, plus comprehension and undecided.
//!
//! Pure std Rust. Feed [`Observation`]s one at a time to a [`PhaseDetector`]
//! (live, from the trainer) or a whole series to [`analyze_series`] (e.g. a
//! `metrics.csv` read by `record`).
//!
//! # Rules (defaults of [`DetectorConfig`] in parentheses)
//!
//! Windows and counts are in *evaluations*, not steps.
//!
//! * **Smoothing**: train acc, val acc and norm are each replaced by the running
//!   median of their last `smooth_window` (default 5) values. A single outlier cannot
//!   move a median of 5 past its neighbours.
//! * **Persistence**: an event's condition must hold on `persistence` (default 3)
//!   consecutive (smoothed) evaluations. The event's `step` is the *first* of
//!   those evaluations (see hysteresis), so an event's step can lie a few
//!   evaluations before the observation that reported it, and in rare cases
//!   before the previous event's step. Events fire once each, never retracted.
//! * **Hysteresis**: for the accuracy thresholds below, a run starts at the
//!   threshold and continues while the smoothed value stays above threshold −
//!   `hysteresis` (default 0.02); once confirmed, the event's step is backdated to the
//!   start of the unbroken stretch above threshold − `hysteresis` that holds
//!   it. So noise around a threshold (e.g. train acc 1.0 ± 3 %, whose median
//!   often reads 0.98) neither delays nor shifts the reported step.
//! * **Memorized**: smoothed train acc ≥ `memorized_train_acc` (default 0.99).
//! * **Baseline**: the minimum smoothed val acc seen before onset (conservative:
//!   a slow creep still counts from its bottom). Messages report as "val rose
//!   from X" the median raw val over the `plateau_window` val evaluations before
//!   onset (less the last `smooth_window`) instead, since the minimum of noisy values is biased low.
//! * **GeneralizationOnset**: smoothed val ≥ baseline + `onset_delta` (default 0.10
//!   absolute). The smoothed train acc and norm at that step are kept (train acc at onset
//!   decides progression vs grokking; the norm is the reference for the trend).
//! * **Generalized**: after onset, smoothed val ≥ `generalized_val_acc` (default 0.95).
//! * **Plateau** (between onset and Generalized): over the last `plateau_window`
//!   (default 30) val evaluations, all after onset, the mean of the second half differs
//!   from the mean of the first half by less than `plateau_eps` (default 0.03), on
//!   `persistence` consecutive evaluations; the plateau level (mean of the
//!   second half) is below `generalized_val_acc` and at least baseline +
//!   `onset_delta`. Fires again only after val has left the flat state and then
//!   flattened at a level at least `plateau_min_separation` (default 0.05) away from
//!   the previous plateau. (A 20-evaluation window let a steady climb under
//!   ±3 % noise pass as flat now and then; 30 gives a wide margin.)
//! * **NormRising / NormFalling** (between onset and Generalized): smoothed norm
//!   ≥ (1 + `norm_change_frac`) or ≤ (1 − `norm_change_frac`) times the norm at
//!   onset (default 10 %). Each fires at most once.
//!
//! Classification of the run so far ([`PhaseDetector::classify`]), in order:
//!
//! 1. Fewer than `min_evals` (default 10) evaluations → **Undecided** ("too early").
//! 2. No val values at all → **Undecided**, "no validation set: memorization
//!    only", reporting the memorization step or the current train acc.
//! 3. No onset (or val fell back below baseline + ½·`onset_delta` after an
//!    onset without reaching Generalized):
//!    * not memorized → **Undecided** ("still learning");
//!    * memorized, and at least `ungrok_min_evals` (default 20) evaluations *and* at
//!      least `ungrok_span_factor` (default 10) × the memorization step have passed
//!      since memorization → **Ungrokking** ("pure memorization so far");
//!    * otherwise **Undecided** ("memorized at step …; val still 2 %, too early
//!      to tell").
//! 4. Onset *before* memorization (smoothed train acc < 0.99 at onset):
//!    * smoothed train − val never exceeded `comprehension_max_gap` (default 0.10) up to
//!      Generalized (or now) → **Comprehension** (train and val rose together);
//!    * otherwise → **Progression**. The final val level is reported but not
//!      required: the paper's progression runs end at various val levels (its
//!      Fig. 5/6). The reason names the norm change; a falling norm is flagged
//!      as unusual (takeaway 4: progression's norm rises).
//! 5. Onset at or after memorization:
//!    * Generalized → **Grokking**; reason names the gap after memorization and
//!      the norm change (onset → Generalized), flagging a rising norm as unusual;
//!    * a Plateau fired → **SemiGrokking** (also while val is rising again towards
//!      a further plateau);
//!    * otherwise → **Undecided** ("transition in progress").
//!
//! Reasons are one line; norm changes under `norm_change_frac` read "norm
//! stayed flat (−8 %)".
//!
//! The labels only depend on events (persistent, never retracted) and on
//! evaluation/step counts, so a single noisy evaluation cannot flip them.
//! [`PhaseDetector::generalized_step`] is the Generalized step, or for a run that
//! only plateaued (semi-grokking) the start of its first plateau.

mod circuit_watch;
pub mod circuits;
mod detector;
mod divergence;
mod smoothing;
mod types;

#[cfg(test)]
mod tests;

pub use detector::{DetectorConfig, PhaseDetector, analyze_series};
pub use divergence::Divergence;
pub use types::{Classification, EventKind, Observation, ParsePhaseError, Phase, PhaseEvent};
