//! What a group of seeds showed, in words: which seeds grokked and when, what the others
//! are doing, and their final val accuracies, with a mean ± 95 % CI only where the interval
//! says something (three or more seeds and an interval narrower than `INFORMATIVE`).
//! Computed when runs report (in `App::update`), never while drawing.

use crate::analysis::Phase;
use crate::human;
use crate::tui::state::run_state::RunState;

/// A 95 % interval wider than this (in accuracy, 0..1) is not shown: it says only that the
/// seeds disagree, which the per-seed values show better.
const INFORMATIVE: f64 = 0.30;

/// One line, e.g. "2/3 grokked, at 6 300 and 7 950 · seed 1 provisional at 10 000 · val
/// 99 % / 41 % / 97 %". The values are those the verdicts are judged on: twin-free val
/// where the runs record it (and then the line says "twin-free val"), as beside each seed.
pub fn seed_outcomes(runs: &[&RunState]) -> String {
    let mut grokked: Vec<(u64, u64)> = runs
        .iter()
        .filter(|r| r.phase == Phase::Grokking)
        .map(|r| (r.generalized_step.unwrap_or(r.step), r.seed))
        .collect();
    grokked.sort_unstable();
    let mut parts = Vec::new();
    if !grokked.is_empty() || runs.iter().all(|r| r.status.is_active()) {
        let steps: Vec<String> = grokked.iter().map(|&(s, _)| human::steps(s)).collect();
        parts.push(if steps.is_empty() {
            format!("0/{} grokked", runs.len())
        } else {
            format!(
                "{}/{} grokked, at {}",
                grokked.len(),
                runs.len(),
                and_list(&steps)
            )
        });
    }
    for r in runs.iter().filter(|r| r.phase != Phase::Grokking) {
        let word = if r.phase == Phase::Undecided && !r.status.is_active() {
            format!("not decided by {}", human::steps(r.step))
        } else if r.phase == Phase::Undecided {
            format!("provisional at {}", human::steps(r.step))
        } else {
            r.phase.label().to_string()
        };
        parts.push(format!("seed {} {word}", r.seed));
    }
    let vals: Vec<f64> = runs
        .iter()
        .filter_map(|r| r.judged_val_acc())
        .map(f64::from)
        .collect();
    let twin_free = runs.iter().any(|r| r.records_twin_free());
    if !vals.is_empty() {
        parts.push(val_words(
            if twin_free { "twin-free val" } else { "val" },
            &vals,
        ));
    }
    parts.join(" · ")
}

/// "val 99 % / 41 % / 97 %" (`metric`: "val"), and "(mean 96 % ± 3 %)" when that interval
/// is informative.
fn val_words(metric: &str, vals: &[f64]) -> String {
    let each: Vec<String> = vals.iter().map(|&v| human::pct(v as f32)).collect();
    let mut text = format!("{metric} {}", each.join(" / "));
    if let Some(ci) = crate::report::mean_ci95(vals)
        && ci.n >= 3
        && 2.0 * ci.ci95 < INFORMATIVE
    {
        text.push_str(&format!(
            " (mean {} ± {}, 95 % CI)",
            human::pct(ci.mean as f32),
            human::pct(ci.ci95 as f32)
        ));
    }
    text
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::state::run_state::Status;
    use crate::worker::RunId;

    fn run(seed: u64, phase: Phase, gen_step: Option<u64>, val: f32, done: bool) -> RunState {
        let mut r = RunState::new(RunId(seed as usize), format!("s{seed}"), seed, 10_000);
        r.phase = phase;
        r.generalized_step = gen_step;
        r.step = 10_000;
        r.status = if done {
            Status::Finished { completed: true }
        } else {
            Status::Running
        };
        r.last = Some(crate::record::Metrics {
            step: 10_000,
            train_loss: 0.01,
            train_acc: 1.0,
            val_loss: Some(0.1),
            val_acc: Some(val),
            param_norm: 30.0,
            steps_per_sec: 20.0,
            elapsed_secs: 500.0,
            rule_train_acc: None,
            mem_train_acc: None,
            ..Default::default()
        });
        r
    }

    #[test]
    fn names_each_seed_and_hides_an_interval_that_says_nothing() {
        let a = run(0, Phase::Grokking, Some(6_300), 0.99, true);
        let b = run(1, Phase::Undecided, None, 0.06, true);
        let c = run(2, Phase::Grokking, Some(7_950), 0.98, true);
        let text = seed_outcomes(&[&a, &b, &c]);
        assert_eq!(
            text,
            "2/3 grokked, at 6 300 and 7 950 · seed 1 not decided by 10 000 · val 99.0% / 6.0% / 98.0%"
        );
        assert!(!text.contains('±'));
    }

    #[test]
    fn quotes_the_twin_free_val_the_verdicts_are_judged_on_where_recorded() {
        let mut a = run(0, Phase::Grokking, Some(6_300), 0.99, true);
        let mut b = run(1, Phase::Ungrokking, None, 0.16, true);
        for (r, twin_free) in [(&mut a, 0.995), (&mut b, 0.004)] {
            r.last.as_mut().unwrap().twin_free_val_acc = Some(twin_free);
        }
        let text = seed_outcomes(&[&a, &b]);
        assert!(text.ends_with("twin-free val 99.5% / 0.4%"), "{text}");
    }

    #[test]
    fn shows_the_interval_when_seeds_agree() {
        let runs: Vec<RunState> = (0..3)
            .map(|i| {
                run(
                    i,
                    Phase::Grokking,
                    Some(6_000 + i * 100),
                    0.97 + 0.01 * i as f32,
                    true,
                )
            })
            .collect();
        let refs: Vec<&RunState> = runs.iter().collect();
        let text = seed_outcomes(&refs);
        assert!(
            text.starts_with("3/3 grokked, at 6 000, 6 100 and 6 200"),
            "{text}"
        );
        assert!(text.contains("(mean 98.0% ± 2.5%, 95 % CI)"), "{text}");
    }
}
