//! The online phase detector. The rules are documented in the parent module.

use super::circuit_watch::{CircuitWatch, WatchRule};
use super::smoothing::median_tail;
use super::types::fmt_human as h;
use super::types::{Classification, EventKind, Observation, Phase, PhaseEvent};

/// Every threshold of the detector. Windows and counts are in evaluations, not steps.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct DetectorConfig {
    /// Running-median window (evaluations) applied to train acc, val acc and norm.
    pub smooth_window: usize,
    /// A condition must hold for this many consecutive evaluations before its event fires.
    pub persistence: usize,
    /// Hysteresis (absolute, on accuracies): once a run of evaluations has started
    /// at a threshold, it continues while the value stays above threshold - this.
    pub hysteresis: f32,
    /// Smoothed train accuracy at or above this is "memorized".
    pub memorized_train_acc: f32,
    /// Smoothed val accuracy at or above this is "generalized".
    pub generalized_val_acc: f32,
    /// Onset: smoothed val at least this far (absolute) above its pre-onset minimum.
    pub onset_delta: f32,
    /// Plateau: window (val evaluations, all after onset) over which val must stay flat.
    pub plateau_window: usize,
    /// Plateau: |mean of the window's second half - mean of its first half| below this.
    pub plateau_eps: f32,
    /// A further plateau must sit at least this far (absolute) from the previous one.
    pub plateau_min_separation: f32,
    /// NormRising / NormFalling: relative change of the smoothed norm since onset.
    pub norm_change_frac: f32,
    /// Comprehension: smoothed train - val never exceeded this (up to generalization).
    pub comprehension_max_gap: f32,
    /// Ungrokking needs at least this many evaluations after memorization without onset ...
    pub ungrok_min_evals: usize,
    /// ... and at least this many times the memorization step elapsed since memorization.
    pub ungrok_span_factor: f32,
    /// Fewer evaluations than this: always Undecided.
    pub min_evals: usize,
    /// CircuitForming: the smoothed restricted loss at least this far (nats) below its
    /// highest value since memorization ...
    pub circuit_restricted_drop: f32,
    /// ... while the smoothed excluded loss is at least this (nats).
    pub circuit_excluded_min: f32,
}

impl Default for DetectorConfig {
    fn default() -> Self {
        DetectorConfig {
            smooth_window: 5,
            persistence: 3,
            hysteresis: 0.02,
            memorized_train_acc: 0.99,
            generalized_val_acc: 0.95,
            onset_delta: 0.10,
            plateau_window: 30,
            plateau_eps: 0.03,
            plateau_min_separation: 0.05,
            norm_change_frac: 0.10,
            comprehension_max_gap: 0.10,
            ungrok_min_evals: 20,
            ungrok_span_factor: 10.0,
            min_evals: 10,
            circuit_restricted_drop: 0.5,
            circuit_excluded_min: 0.3,
        }
    }
}

/// One evaluation after smoothing.
#[derive(Clone, Copy, Debug)]
struct Rec {
    step: u64,
    train: f32,
    val: Option<f32>,
    norm: f32,
}

/// Counts consecutive evaluations for which a condition held.
#[derive(Clone, Copy, Debug, Default)]
struct Run {
    len: usize,
    start: usize,
    /// Start of the current unbroken stretch where the weaker `hold` condition held.
    hold_start: Option<usize>,
}

impl Run {
    /// Feeds record `idx`; returns true once the condition has held `need` times in a row.
    fn update(&mut self, cond: bool, idx: usize, need: usize) -> bool {
        if cond {
            if self.len == 0 {
                self.start = idx;
            }
            self.len += 1;
        } else {
            self.len = 0;
        }
        self.len >= need.max(1)
    }

    /// Like `update`, with hysteresis both ways: a run starts when `enter` holds
    /// and continues while the weaker `hold` holds; once confirmed, its start is
    /// backdated to the beginning of the unbroken `hold` stretch containing it
    /// (noise around the threshold then delays neither detection nor the step).
    fn update_hyst(&mut self, enter: bool, hold: bool, idx: usize, need: usize) -> bool {
        let hold = hold || enter;
        if !hold {
            self.hold_start = None;
        } else if self.hold_start.is_none() {
            self.hold_start = Some(idx);
        }
        let cond = if self.len == 0 { enter } else { hold };
        let done = self.update(cond, idx, need);
        if done && let Some(h) = self.hold_start {
            self.start = self.start.min(h);
        }
        done
    }
}

#[derive(Clone, Copy, Debug)]
struct Onset {
    idx: usize,
    step: u64,
    train: f32,
    norm: f32,
    /// Minimum smoothed val before onset (the onset condition's reference).
    baseline: f32,
    /// Median raw val over the `plateau_window` val evaluations before onset
    /// (the level reported as "val rose from ..."; the minimum is biased low by noise).
    before: f32,
}

/// Feeds on evaluations one at a time and reports the training dynamic.
#[derive(Clone, Debug)]
pub struct PhaseDetector {
    cfg: DetectorConfig,
    recs: Vec<Rec>,
    train_raw: Vec<f32>,
    norm_raw: Vec<f32>,
    val_raw: Vec<f32>,
    /// Record index of each entry of `val_raw`.
    val_rec: Vec<usize>,
    events: Vec<PhaseEvent>,

    mem_run: Run,
    onset_run: Run,
    gen_run: Run,
    flat_run: Run,
    up_run: Run,
    down_run: Run,

    memorized: Option<usize>,
    baseline: Option<f32>,
    onset: Option<Onset>,
    generalized: Option<usize>,
    plateaus: Vec<(u64, f32)>,
    plateau_active: bool,
    norm_rising: bool,
    norm_falling: bool,
    /// Largest smoothed train - val seen before generalization.
    max_gap: f32,
    circuits: CircuitWatch,
    /// The paper's val accuracy, twin pairs included, judged on its own when the run's val
    /// accuracy is the twin-free one (`Observation::leaky_val_acc`): only so that the verdict
    /// can say where the two metrics disagree. It reports no events.
    leaky: Option<Box<PhaseDetector>>,
}

fn mean(xs: &[f32]) -> f32 {
    xs.iter().sum::<f32>() / xs.len().max(1) as f32
}

/// The least-squares slope of evenly spaced values, per index.
fn trend(ys: &[f32]) -> f32 {
    let n = ys.len() as f32;
    let x_mean = (n - 1.0) / 2.0;
    let y_mean = mean(ys);
    let (mut num, mut den) = (0.0, 0.0);
    for (i, &y) in ys.iter().enumerate() {
        let dx = i as f32 - x_mean;
        num += dx * (y - y_mean);
        den += dx * dx;
    }
    if den > 0.0 { num / den } else { 0.0 }
}

impl PhaseDetector {
    pub fn new(config: DetectorConfig) -> Self {
        PhaseDetector {
            cfg: config,
            recs: Vec::new(),
            train_raw: Vec::new(),
            norm_raw: Vec::new(),
            val_raw: Vec::new(),
            val_rec: Vec::new(),
            events: Vec::new(),
            mem_run: Run::default(),
            onset_run: Run::default(),
            gen_run: Run::default(),
            flat_run: Run::default(),
            up_run: Run::default(),
            down_run: Run::default(),
            memorized: None,
            baseline: None,
            onset: None,
            generalized: None,
            plateaus: Vec::new(),
            plateau_active: false,
            norm_rising: false,
            norm_falling: false,
            max_gap: f32::NEG_INFINITY,
            circuits: CircuitWatch::default(),
            leaky: None,
        }
    }

    /// What the judged val accuracy is called in messages and reasons.
    fn val_word(&self) -> &'static str {
        if self.leaky.is_some() {
            "twin-free val"
        } else {
            "val"
        }
    }

    pub fn config(&self) -> &DetectorConfig {
        &self.cfg
    }

    /// Feed one evaluation; returns the events detected by it (usually none).
    /// Events are emitted once each, never retracted.
    pub fn observe(&mut self, obs: Observation) -> Vec<PhaseEvent> {
        let k = self.cfg.smooth_window;
        let m = self.cfg.persistence;
        let idx = self.recs.len();
        if let Some(leaky) = obs.leaky_val_acc {
            let cfg = self.cfg.clone();
            let shadow = self
                .leaky
                .get_or_insert_with(|| Box::new(PhaseDetector::new(cfg)));
            shadow.observe(Observation {
                val_acc: Some(leaky),
                leaky_val_acc: None,
                ..obs
            });
        }
        let val = self.val_word();

        self.train_raw.push(obs.train_acc);
        self.norm_raw.push(obs.param_norm);
        let val_s = match obs.val_acc.filter(|v| v.is_finite()) {
            Some(v) => {
                self.val_raw.push(v);
                self.val_rec.push(idx);
                Some(median_tail(&self.val_raw, k))
            }
            None => None,
        };
        let rec = Rec {
            step: obs.step,
            train: median_tail(&self.train_raw, k),
            val: val_s,
            norm: median_tail(&self.norm_raw, k),
        };
        self.recs.push(rec);
        let mut new = Vec::new();

        let hy = self.cfg.hysteresis;
        // Memorized.
        let thr = self.cfg.memorized_train_acc;
        if self.memorized.is_none()
            && self
                .mem_run
                .update_hyst(rec.train >= thr, rec.train >= thr - hy, idx, m)
        {
            let start = self.mem_run.start;
            self.memorized = Some(start);
            new.push(PhaseEvent {
                step: self.recs[start].step,
                kind: EventKind::Memorized,
                message: format!("train accuracy reached {}", h::pct(rec.train)),
            });
        }

        let was_generalized = self.generalized.is_some();
        if let Some(v) = val_s {
            if self.generalized.is_none() {
                self.max_gap = self.max_gap.max(rec.train - v);
            }
            // Generalization onset: clearly above the pre-onset minimum.
            if self.onset.is_none() {
                let d = self.cfg.onset_delta;
                let cond = self.baseline.is_some_and(|b| v >= b + d);
                let hold = self.baseline.is_some_and(|b| v >= b + d - hy);
                if self.onset_run.update_hyst(cond, hold, idx, m) {
                    let s = self.onset_run.start;
                    let r = self.recs[s];
                    let baseline = self.baseline.unwrap_or(0.0);
                    // (Skipping the last `smooth_window` evaluations, which may hold the rise's start.)
                    let first = self
                        .val_rec
                        .partition_point(|&r| r < s)
                        .saturating_sub(self.cfg.smooth_window);
                    let from = first.saturating_sub(self.cfg.plateau_window.max(1));
                    let before = if first > from {
                        median_tail(&self.val_raw[from..first], usize::MAX)
                    } else {
                        baseline
                    };
                    let o = Onset {
                        idx: s,
                        step: r.step,
                        train: r.train,
                        norm: r.norm,
                        baseline,
                        before,
                    };
                    self.onset = Some(o);
                    new.push(PhaseEvent {
                        step: o.step,
                        kind: EventKind::GeneralizationOnset,
                        // The rule that fired, in its own numbers: the median before
                        // the rise ("from 5 % to 11 %") read as if the rule were that.
                        message: format!(
                            "{val} accuracy (smoothed) reached {}, at least {} points above its floor of {}, while train accuracy was {}",
                            h::pct(v),
                            (d * 100.0).round(),
                            h::pct(baseline),
                            h::pct(o.train)
                        ),
                    });
                } else if self.onset_run.len == 0 {
                    self.baseline = Some(self.baseline.map_or(v, |b| b.min(v)));
                }
            }
            // Generalized.
            // (The run is counted even before onset so that an abrupt jump gets its true start.)
            let gen_ok = self.generalized.is_none()
                && self.gen_run.update_hyst(
                    v >= self.cfg.generalized_val_acc,
                    v >= self.cfg.generalized_val_acc - hy,
                    idx,
                    m,
                );
            if gen_ok && self.onset.is_some() {
                let s = self.gen_run.start;
                self.generalized = Some(s);
                new.push(PhaseEvent {
                    step: self.recs[s].step,
                    kind: EventKind::Generalized,
                    message: format!("{val} accuracy reached {}", h::pct(v)),
                });
            }
            // Plateau(s) between onset and generalization.
            if let (Some(o), false) = (self.onset, was_generalized)
                && let Some(ev) = self.check_plateau(o)
            {
                new.push(ev);
            }
        }

        // Parameter-norm trend over the transition (onset .. generalized).
        if let (Some(o), false) = (self.onset, was_generalized) {
            let change = rec.norm / o.norm - 1.0;
            let x = self.cfg.norm_change_frac;
            if !self.norm_rising && self.up_run.update(change >= x, idx, m) {
                self.norm_rising = true;
                new.push(self.norm_event(EventKind::NormRising, self.up_run.start, o, rec));
            }
            if !self.norm_falling && self.down_run.update(change <= -x, idx, m) {
                self.norm_falling = true;
                new.push(self.norm_event(EventKind::NormFalling, self.down_run.start, o, rec));
            }
        }

        self.events.extend(new.iter().cloned());
        new
    }

    /// Feed the circuit measures of the evaluation just given to [`Self::observe`]
    /// (addition tasks only); returns the CircuitForming event when it fires.
    pub fn observe_circuits(
        &mut self,
        restricted_loss: f32,
        excluded_loss: f32,
    ) -> Option<PhaseEvent> {
        let step = self.recs.last()?.step;
        let rule = WatchRule {
            smooth_window: self.cfg.smooth_window,
            persistence: self.cfg.persistence,
            restricted_drop: self.cfg.circuit_restricted_drop,
            excluded_min: self.cfg.circuit_excluded_min,
        };
        let memorized = self.memorized.is_some();
        let event =
            self.circuits
                .observe(step, restricted_loss, excluded_loss, memorized, &rule)?;
        self.events.push(event.clone());
        Some(event)
    }

    fn norm_event(&self, kind: EventKind, start: usize, o: Onset, now: Rec) -> PhaseEvent {
        let change = now.norm / o.norm - 1.0;
        PhaseEvent {
            step: self.recs[start].step,
            kind,
            message: format!(
                "parameter norm {} since generalization onset ({} -> {})",
                h::change(change, 0.0),
                h::norm(o.norm),
                h::norm(now.norm)
            ),
        }
    }

    fn check_plateau(&mut self, o: Onset) -> Option<PhaseEvent> {
        let val = self.val_word();
        let w = self.cfg.plateau_window.max(2);
        // Val evaluations since onset.
        let first = self.val_rec.partition_point(|&r| r < o.idx);
        if self.val_raw.len() - first < w {
            return None;
        }
        let win = &self.val_raw[self.val_raw.len() - w..];
        // Flat: the least-squares trend across the whole window stays within `plateau_eps`
        // (the halves' means differ by only half the trend, which let a slow climb from
        // 45 % to 51 % over 30 evaluations pass as a plateau on a progression run).
        let flat = (trend(win) * (w - 1) as f32).abs() < self.cfg.plateau_eps;
        let idx = self.recs.len() - 1;
        let persisted = self.flat_run.update(flat, idx, self.cfg.persistence);
        if !flat {
            self.plateau_active = false;
            return None;
        }
        if !persisted {
            return None;
        }
        // The more recent half: the first half may still hold the tail of the rise.
        let level = mean(&win[w / 2..]);
        let separated = self
            .plateaus
            .last()
            .is_none_or(|&(_, l)| (level - l).abs() >= self.cfg.plateau_min_separation);
        if self.plateau_active
            || !separated
            || level >= self.cfg.generalized_val_acc
            || level < o.baseline + self.cfg.onset_delta
        {
            return None;
        }
        self.plateau_active = true;
        let step = self.recs[self.val_rec[self.val_raw.len() - w]].step;
        self.plateaus.push((step, level));
        Some(PhaseEvent {
            step,
            kind: EventKind::Plateau,
            message: format!(
                "{val} accuracy plateaued at {} (flat within {} over {} evaluations)",
                h::pct(level),
                h::pct(self.cfg.plateau_eps),
                w
            ),
        })
    }

    pub fn events(&self) -> &[PhaseEvent] {
        &self.events
    }

    /// Step at which smoothed train accuracy reached `memorized_train_acc` (first
    /// evaluation of the confirming run).
    pub fn memorized_step(&self) -> Option<u64> {
        self.memorized.map(|i| self.recs[i].step)
    }

    /// Step of the Generalized event (smoothed val reached `generalized_val_acc`).
    /// For a run that never generalized but plateaued (semi-grokking) it is the
    /// step at which the first plateau began. `None` otherwise.
    pub fn generalized_step(&self) -> Option<u64> {
        self.generalized
            .map(|i| self.recs[i].step)
            .or_else(|| self.plateaus.first().map(|&(s, _)| s))
    }

    /// Step at which smoothed val first rose `onset_delta` above its baseline.
    pub fn onset_step(&self) -> Option<u64> {
        self.onset.map(|o| o.step)
    }

    /// The run so far (call at any time; at the end of a run it is the final answer).
    pub fn classify(&self) -> Classification {
        let mut verdict = self.classify_symptoms();
        // The leading indicator is retracted in words when val never followed it.
        if let (Some(step), None) = (self.circuits.fired_step(), self.onset) {
            verdict.reason.push_str(&format!(
                "; the circuit-forming signal at step {} has not been followed by generalization",
                h::step(step)
            ));
        }
        if let Some(paper) = self.leaky.as_ref().map(|d| d.classify_symptoms())
            && paper.phase != verdict.phase
        {
            verdict.reason.push_str(&format!(
                "; on the paper's val metric (twin pairs included) it would be {}",
                paper.phase
            ));
        }
        verdict
    }

    /// The verdict from accuracy and norm alone (the rules in the module documentation).
    fn classify_symptoms(&self) -> Classification {
        let val = self.val_word();
        let c = &self.cfg;
        let undecided = |reason: String| Classification {
            phase: Phase::Undecided,
            reason,
        };
        let Some(last) = self.recs.last().copied() else {
            return undecided("no evaluations yet".to_string());
        };
        let n = self.recs.len();
        if n < c.min_evals {
            return undecided(format!(
                "only {n} evaluation{} so far (need {}): too early to tell",
                if n == 1 { "" } else { "s" },
                c.min_evals
            ));
        }
        let mem_step = self.memorized_step();
        if self.val_raw.is_empty() {
            return undecided(match mem_step {
                Some(s) => format!(
                    "no validation set: memorization only; train accuracy reached {} at step {} ({} at step {})",
                    h::pct(c.memorized_train_acc),
                    h::step(s),
                    h::pct(last.train),
                    h::step(last.step)
                ),
                None => format!(
                    "no validation set: memorization only; train accuracy {} at step {}, not memorized yet",
                    h::pct(last.train),
                    h::step(last.step)
                ),
            });
        }
        let cur_val = self.current_val();

        let Some(o) = self.onset else {
            return self.classify_no_onset(last, cur_val, mem_step);
        };

        // Norm change over the transition: onset -> generalized (or latest).
        let end = self.generalized.map_or(last, |i| self.recs[i]);
        let norm_change = end.norm / o.norm - 1.0;
        let norm_words = format!("norm {}", h::change(norm_change, c.norm_change_frac));
        let memorized_before_onset = self.memorized.is_some_and(|i| i <= o.idx);

        if !memorized_before_onset {
            // Generalization began while train accuracy was still moderate.
            let span = match self.generalized {
                Some(i) => format!(
                    "{val} rose from {} to {} between steps {} and {}",
                    h::pct(o.before),
                    h::pct(self.recs[i].val.unwrap_or(cur_val)),
                    h::step(o.step),
                    h::step(self.recs[i].step)
                ),
                // "was … at step …", never "now": the verdict is read back later (the
                // Runs tab, a read-only view), when "now" is long past; every reason here
                // dates the values it quotes by their step.
                None => format!(
                    "{val} rose from {} from step {} and was {} at step {}",
                    h::pct(o.before),
                    h::step(o.step),
                    h::pct(cur_val),
                    h::step(last.step)
                ),
            };
            if self.max_gap <= c.comprehension_max_gap {
                return Classification {
                    phase: Phase::Comprehension,
                    reason: format!(
                        "train and {val} rose together (gap never above {}); {span}; train {} at step {}; {norm_words}",
                        h::pct(self.max_gap.max(0.0)),
                        h::pct(last.train),
                        h::step(last.step)
                    ),
                };
            }
            let norm_note = if norm_change <= -c.norm_change_frac {
                " (unusual: progression's norm usually rises)"
            } else {
                ""
            };
            return Classification {
                phase: Phase::Progression,
                reason: format!(
                    "{span}, starting while train was still {}; train {} at step {}; {norm_words}{norm_note}",
                    h::pct(o.train),
                    h::pct(last.train),
                    h::step(last.step)
                ),
            };
        }

        let mem = mem_step.unwrap_or(0);
        let after_mem = o.step.saturating_sub(mem);
        if let Some(i) = self.generalized {
            let g = self.recs[i];
            let plateau_note = match self.plateaus.first() {
                Some(&(_, l)) => format!(" after a plateau at {}", h::pct(l)),
                None => String::new(),
            };
            let norm_note = if norm_change >= c.norm_change_frac {
                " (unusual: grokking's norm usually falls)"
            } else {
                ""
            };
            return Classification {
                phase: Phase::Grokking,
                reason: format!(
                    "{val} rose from {} to {} between steps {} and {}{plateau_note}, {} steps after memorization; {norm_words}{norm_note}",
                    h::pct(o.before),
                    h::pct(g.val.unwrap_or(cur_val).max(cur_val)),
                    h::step(o.step),
                    h::step(g.step),
                    h::step(after_mem)
                ),
            };
        }

        if cur_val < o.baseline + 0.5 * c.onset_delta {
            // Rose, then fell back to the baseline: judge as if no onset happened.
            return self.classify_no_onset(last, cur_val, mem_step);
        }

        if let Some(&(ps, pl)) = self.plateaus.last() {
            let levels: Vec<String> = self.plateaus.iter().map(|&(_, l)| h::pct(l)).collect();
            let what = if levels.len() == 1 {
                format!("a plateau at {} (from step {})", levels[0], h::step(ps))
            } else {
                format!(
                    "plateaus at {} (latest from step {})",
                    levels.join(", "),
                    h::step(ps)
                )
            };
            let now = if (cur_val - pl).abs() >= c.plateau_min_separation {
                format!(", {} at step {}", h::pct(cur_val), h::step(last.step))
            } else {
                String::new()
            };
            return Classification {
                phase: Phase::SemiGrokking,
                reason: format!(
                    "{val} rose from {} (onset at step {}, {} steps after memorization) to {what}{now}, below {}; {norm_words}",
                    h::pct(o.before),
                    h::step(o.step),
                    h::step(after_mem),
                    h::pct(c.generalized_val_acc),
                ),
            };
        }

        undecided(format!(
            "memorized at step {}; {val} rising since step {} ({} at step {}): transition in progress; {norm_words}",
            h::step(mem),
            h::step(o.step),
            h::pct(cur_val),
            h::step(last.step)
        ))
    }

    fn classify_no_onset(&self, last: Rec, cur_val: f32, mem_step: Option<u64>) -> Classification {
        let val = self.val_word();
        let c = &self.cfg;
        let undecided = |reason: String| Classification {
            phase: Phase::Undecided,
            reason,
        };
        if cur_val >= c.generalized_val_acc && self.onset.is_none() {
            return undecided(format!(
                "{val} already {} with no rise seen: no transition to classify",
                h::pct(cur_val)
            ));
        }
        let Some(mem) = mem_step else {
            return undecided(format!(
                "train {}, {val} {} at step {}: still learning, no generalization yet",
                h::pct(last.train),
                h::pct(cur_val),
                h::step(last.step)
            ));
        };
        let evals_since = self.recs.len() - 1 - self.memorized.unwrap();
        let steps_since = last.step.saturating_sub(mem);
        let need_steps = (c.ungrok_span_factor as f64 * mem as f64).ceil() as u64;
        if evals_since >= c.ungrok_min_evals && steps_since >= need_steps {
            // The label holds only for the horizon it was judged at: a later run may still
            // generalize (grokking seeds have been seen to start 2 000 steps past 10 000).
            let ratio = if mem > 0 {
                format!(
                    ", {:.0}x the memorization step",
                    last.step as f64 / mem as f64
                )
            } else {
                String::new()
            };
            return Classification {
                phase: Phase::Ungrokking,
                reason: format!(
                    "no generalization within {} steps{ratio}: memorized at step {}, {val} still {}",
                    h::step(last.step),
                    h::step(mem),
                    h::pct(cur_val),
                ),
            };
        }
        undecided(format!(
            "memorized at step {}; {val} still {}, too early to tell",
            h::step(mem),
            h::pct(cur_val)
        ))
    }

    /// The verdict while the run trains towards `end_step`. It names a phase only once the
    /// run's later course cannot change it: grokking once val generalized after
    /// memorization, progression once val rose before memorization with train clearly
    /// ahead, comprehension once train and val generalized together. Otherwise it is
    /// Undecided and says what it waits for, e.g. "memorized at 250 · no onset yet ·
    /// ungrokking if none by step 10 000". [`PhaseDetector::classify`] at the end of the
    /// run gives the final verdict.
    pub fn live(&self, end_step: u64) -> Classification {
        let val = self.val_word();
        let c = &self.cfg;
        let verdict = self.classify();
        let settled = match verdict.phase {
            Phase::Grokking | Phase::Progression => true,
            Phase::Comprehension => self.generalized.is_some(),
            _ => false,
        };
        if settled || self.recs.len() < c.min_evals || self.val_raw.is_empty() {
            return verdict;
        }
        let waiting = |reason: String| Classification {
            phase: Phase::Undecided,
            reason,
        };
        let end = h::step(end_step);
        let generalized = h::pct(c.generalized_val_acc);
        if self.onset.is_none() && self.current_val() >= c.generalized_val_acc {
            return verdict;
        }
        if let Some(o) = self.onset
            && self.memorized.is_none_or(|m| m > o.idx)
        {
            return waiting(format!(
                "{val} rising with train since step {} · comprehension if train stays within {} of it, else progression",
                h::step(o.step),
                h::pct(c.comprehension_max_gap)
            ));
        }
        let Some(mem) = self.memorized_step() else {
            return waiting(format!(
                "not memorized yet · progression if {val} rises before train reaches {}",
                h::pct(c.memorized_train_acc)
            ));
        };
        let mem_words = format!("memorized at {}", h::step(mem));
        if verdict.phase == Phase::SemiGrokking
            && let Some(&(step, level)) = self.plateaus.last()
        {
            return waiting(format!(
                "{mem_words} · plateau at {} from step {} · semi-grokking if {val} stays below {generalized} to step {end}",
                h::pct(level),
                h::step(step)
            ));
        }
        let fell_back = self
            .onset
            .is_some_and(|o| self.current_val() < o.baseline + 0.5 * c.onset_delta);
        if let Some(o) = self.onset.filter(|_| !fell_back) {
            return waiting(format!(
                "{mem_words} · {val} rising since step {} · grokking if it reaches {generalized} by step {end}",
                h::step(o.step)
            ));
        }
        let what = match self.onset {
            Some(o) => format!("{val} rose at step {} and fell back", h::step(o.step)),
            None => "no onset yet".to_string(),
        };
        // The final verdict calls ungrokking only `ungrok_span_factor` x the memorization
        // step after memorization: say so when the run ends before that.
        let need = mem + (c.ungrok_span_factor as f64 * mem as f64).ceil() as u64;
        if need <= end_step {
            waiting(format!(
                "{mem_words} · {what} · ungrokking if none by step {end}"
            ))
        } else {
            waiting(format!(
                "{mem_words} · {what} · too short to call ungrokking (that needs step {})",
                h::step(need)
            ))
        }
    }

    /// Latest smoothed val accuracy (NaN when there is none).
    fn current_val(&self) -> f32 {
        self.recs
            .iter()
            .rev()
            .find_map(|r| r.val)
            .unwrap_or(f32::NAN)
    }
}

/// Runs a whole series through a fresh detector: (events, final classification).
pub fn analyze_series(
    obs: &[Observation],
    config: DetectorConfig,
) -> (Vec<PhaseEvent>, Classification) {
    let mut d = PhaseDetector::new(config);
    for &o in obs {
        d.observe(o);
    }
    (d.events().to_vec(), d.classify())
}
