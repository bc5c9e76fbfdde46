//! Phase detection (interface only; the detector lands from the `analysis` branch).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Observation {
    pub step: u64,
    pub train_acc: f32,
    pub val_acc: Option<f32>,
    pub param_norm: f32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EventKind {
    Memorized,
    GeneralizationOnset,
    Generalized,
    Plateau,
    NormRising,
    NormFalling,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PhaseEvent {
    pub step: u64,
    pub kind: EventKind,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Phase {
    Undecided,
    Progression,
    Ungrokking,
    Grokking,
    SemiGrokking,
    Comprehension,
}

impl std::fmt::Display for Phase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

impl Phase {
    pub fn label(self) -> &'static str {
        match self {
            Phase::Undecided => "undecided",
            Phase::Progression => "progression",
            Phase::Ungrokking => "ungrokking",
            Phase::Grokking => "grokking",
            Phase::SemiGrokking => "semi-grokking",
            Phase::Comprehension => "comprehension",
        }
    }
}

impl std::str::FromStr for Phase {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        [
            Phase::Undecided,
            Phase::Progression,
            Phase::Ungrokking,
            Phase::Grokking,
            Phase::SemiGrokking,
            Phase::Comprehension,
        ]
        .into_iter()
        .find(|p| p.label() == s)
        .ok_or_else(|| format!("unknown phase {s:?}"))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Classification {
    pub phase: Phase,
    pub reason: String,
}

#[derive(Clone, Debug, Default)]
pub struct DetectorConfig {}

pub struct PhaseDetector {
    events: Vec<PhaseEvent>,
}

impl PhaseDetector {
    pub fn new(_config: DetectorConfig) -> Self {
        Self { events: Vec::new() }
    }
    pub fn observe(&mut self, _obs: Observation) -> Vec<PhaseEvent> {
        Vec::new()
    }
    pub fn classify(&self) -> Classification {
        Classification {
            phase: Phase::Undecided,
            reason: "detector not merged yet".into(),
        }
    }
    pub fn events(&self) -> &[PhaseEvent] {
        &self.events
    }
    pub fn memorized_step(&self) -> Option<u64> {
        None
    }
    pub fn generalized_step(&self) -> Option<u64> {
        None
    }
    pub fn onset_step(&self) -> Option<u64> {
        None
    }
}

pub fn analyze_series(
    obs: &[Observation],
    config: DetectorConfig,
) -> (Vec<PhaseEvent>, Classification) {
    let mut d = PhaseDetector::new(config);
    let events = obs.iter().flat_map(|o| d.observe(*o)).collect();
    (events, d.classify())
}

pub fn read_metrics_csv(path: &std::path::Path) -> Result<Vec<Observation>, String> {
    Err(format!("{}: analysis not merged yet", path.display()))
}
