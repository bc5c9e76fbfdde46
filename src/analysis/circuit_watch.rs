//! The "circuit forming" leading indicator: the generalizing circuit of (a + b) mod P
//! taking over from the memorizing one, seen in the circuit progress measures
//! ([`super::circuits`]) before validation accuracy moves.
//!
//! After memorization the logits are almost all memorization: the restricted loss (the key
//! frequencies alone) sits near ln P and the excluded loss (everything but them) near the
//! tiny training loss. The event fires when, on `persistence` consecutive evaluations after
//! the Memorized event, both
//! * the smoothed restricted loss is at least `circuit_restricted_drop` (nats) below its
//!   highest smoothed value since memorization, and
//! * the smoothed excluded loss is at least `circuit_excluded_min` (nats): the memorizing
//!   part alone no longer fits the training set.
//!
//! Smoothing is the detector's running median of `smooth_window` evaluations. The event
//! fires once and is never retracted; a run that ends without generalization onset says in
//! its verdict that the signal was not followed by generalization.

use super::smoothing::median_tail;
use super::types::{EventKind, PhaseEvent};

/// Restricted and excluded loss seen so far, and whether the event fired.
#[derive(Clone, Debug, Default)]
pub(super) struct CircuitWatch {
    restricted: Vec<f32>,
    excluded: Vec<f32>,
    /// Highest smoothed restricted loss since memorization, and smoothed excluded loss then.
    reference: Option<(f32, f32)>,
    /// Steps of the current run of evaluations that met both conditions.
    run: Vec<u64>,
    fired: Option<u64>,
}

/// The thresholds, from `DetectorConfig`.
pub(super) struct WatchRule {
    pub smooth_window: usize,
    pub persistence: usize,
    pub restricted_drop: f32,
    pub excluded_min: f32,
}

impl CircuitWatch {
    /// Feeds one evaluation's losses; `memorized` says whether the Memorized event has
    /// fired by this evaluation. Returns the event when it fires.
    pub fn observe(
        &mut self,
        step: u64,
        restricted: f32,
        excluded: f32,
        memorized: bool,
        rule: &WatchRule,
    ) -> Option<PhaseEvent> {
        if !(restricted.is_finite() && excluded.is_finite()) {
            return None;
        }
        self.restricted.push(restricted);
        self.excluded.push(excluded);
        if self.fired.is_some() || !memorized {
            return None;
        }
        let r = median_tail(&self.restricted, rule.smooth_window);
        let e = median_tail(&self.excluded, rule.smooth_window);
        let (peak, e_then) = match self.reference {
            Some((p, e0)) if p >= r => (p, e0),
            _ => (r, e),
        };
        self.reference = Some((peak, e_then));
        if r <= peak - rule.restricted_drop && e >= rule.excluded_min {
            self.run.push(step);
        } else {
            self.run.clear();
        }
        if self.run.len() < rule.persistence.max(1) {
            return None;
        }
        let first = self.run[0];
        self.fired = Some(first);
        Some(PhaseEvent {
            step: first,
            kind: EventKind::CircuitForming,
            message: format!(
                "generalizing circuit forming: restricted loss {peak:.2} → {r:.2}, excluded loss {e_then:.2} → {e:.2}"
            ),
        })
    }

    /// The step of the event, if it fired.
    pub fn fired_step(&self) -> Option<u64> {
        self.fired
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULE: WatchRule = WatchRule {
        smooth_window: 5,
        persistence: 3,
        restricted_drop: 0.5,
        excluded_min: 0.3,
    };

    /// Feeds (restricted, excluded) pairs at steps 0, 100, …; returns the event's step.
    fn fire_step(series: &[(f32, f32)], memorized_from: usize) -> Option<u64> {
        let mut w = CircuitWatch::default();
        let mut fired = None;
        for (i, &(r, e)) in series.iter().enumerate() {
            if let Some(ev) = w.observe(i as u64 * 100, r, e, i >= memorized_from, &RULE) {
                assert_eq!(ev.kind, EventKind::CircuitForming);
                assert!(fired.is_none(), "fires once");
                fired = Some(ev.step);
            }
        }
        fired
    }

    #[test]
    fn fires_at_the_first_of_the_persistent_evaluations() {
        // Memorized: restricted near 4.1, excluded tiny; from index 20 the circuit forms.
        let mut s: Vec<(f32, f32)> = (0..20)
            .map(|i| (4.1 + 0.02 * (i % 3) as f32, 0.03))
            .collect();
        s.extend((0..10).map(|_| (3.2, 0.5)));
        // The median of 5 crosses at the third formed evaluation (index 22): the event's
        // step is the first of the three confirming evaluations.
        assert_eq!(fire_step(&s, 5), Some(2200));
    }

    #[test]
    fn a_single_spike_does_not_fire() {
        let mut s: Vec<(f32, f32)> = (0..30).map(|_| (4.0, 0.03)).collect();
        s[15] = (2.5, 1.5);
        s[16] = (3.0, 0.9);
        assert_eq!(fire_step(&s, 5), None);
    }

    #[test]
    fn memorization_alone_does_not_fire() {
        // Ungrokking's shape: the restricted loss climbs, the excluded loss falls to zero.
        let s: Vec<(f32, f32)> = (0..60)
            .map(|i| (4.7 + 0.08 * i as f32, 4.0 * (-0.1 * i as f32).exp()))
            .collect();
        assert_eq!(fire_step(&s, 10), None);
    }

    #[test]
    fn nothing_fires_before_memorization() {
        let s: Vec<(f32, f32)> = (0..30)
            .map(|i| if i < 10 { (4.5, 0.1) } else { (3.0, 1.0) })
            .collect();
        assert_eq!(fire_step(&s, usize::MAX), None);
    }

    #[test]
    fn a_signal_without_generalization_is_retracted_in_the_verdict() {
        use crate::analysis::{DetectorConfig, Observation, Phase, PhaseDetector};
        let mut d = PhaseDetector::new(DetectorConfig::default());
        for i in 0..200u64 {
            let step = i * 50;
            d.observe(Observation {
                step,
                train_acc: if i < 5 { 0.2 } else { 1.0 },
                val_acc: Some(0.01),
                leaky_val_acc: None,
                param_norm: 40.0,
            });
            let (r, e) = if (60..80).contains(&i) {
                (3.0, 0.8)
            } else {
                (4.2, 0.02)
            };
            d.observe_circuits(r, e);
        }
        let v = d.classify();
        assert_eq!(v.phase, Phase::Ungrokking, "{}", v.reason);
        assert!(
            v.reason.ends_with(
                "the circuit-forming signal at step 3 100 has not been followed by generalization"
            ),
            "{}",
            v.reason
        );
    }
}
