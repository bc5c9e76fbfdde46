//! Building a run's dataset from its preset and seed.

use super::split::{Dataset, Example, Split, TaskId};
use super::streams;
use super::twins::{closed_cut, closed_order, twin_free_indices};
use crate::preset::{Preset, SplitKind, TaskKind};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A seeded generator on one of the run's streams.
pub(crate) fn rng_for(seed: u64, stream: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream);
    rng
}

/// The dataset of a single-run preset (its `seed`, `n_train`, `n_memorize`).
pub fn build_dataset(preset: &Preset) -> Dataset {
    let p = preset.task.modulus as usize;
    let n_train = preset.resolved_n_train().min(p * p);
    let seed = preset.seed;
    let kind = preset.task.kind;
    let is_mix = kind == TaskKind::AddWithMemorization;
    let (n_ctx, vocab) = kind.token_sizes(p);

    let mut split_rng = rng_for(seed, streams::SPLIT);
    // A random split cuts a shuffled list of ordered pairs; a closed split lays out whole
    // unordered pairs and cuts between them (`data::twins`).
    let (train_pairs, val_pairs) = match preset.task.split {
        SplitKind::Random => {
            let mut order: Vec<(u32, u32)> = (0..p as u32)
                .flat_map(|a| (0..p as u32).map(move |b| (a, b)))
                .collect();
            order.shuffle(&mut split_rng);
            let val = order.split_off(n_train);
            (order, val)
        }
        SplitKind::Closed => closed_cut(
            &closed_order(p as u32, |classes| classes.shuffle(&mut split_rng)),
            n_train,
        ),
    };
    // The memorization pairs are drawn from every pair, in the split's order.
    let order: Vec<(u32, u32)> = train_pairs.iter().chain(&val_pairs).copied().collect();
    let n_train = train_pairs.len();

    let rule = |a: u32, b: u32| -> u32 {
        let s = (a + b) % p as u32;
        match kind {
            TaskKind::ModAddSquare => (s * s) % p as u32,
            _ => s,
        }
    };
    let mut label_rng = rng_for(seed, streams::LABELS);

    let (train, val): (Vec<Example>, Vec<Example>) = match kind {
        TaskKind::RandomLabels => {
            // One label per unordered pair: (a, b) and (b, a) share it.
            let mut table = vec![0u32; p * p];
            for a in 0..p {
                for b in a..p {
                    let y = label_rng.gen_range(0..p as u32);
                    table[a * p + b] = y;
                    table[b * p + a] = y;
                }
            }
            let train = order[..n_train]
                .iter()
                .map(|&(a, b)| Example {
                    a,
                    b,
                    task: TaskId::Memorize,
                    label: table[a as usize * p + b as usize],
                })
                .collect();
            (train, Vec::new())
        }
        _ => {
            let make = |&(a, b): &(u32, u32)| Example {
                a,
                b,
                task: TaskId::Rule,
                label: rule(a, b),
            };
            let mut train: Vec<Example> = order[..n_train].iter().map(make).collect();
            let val = order[n_train..].iter().map(make).collect();
            if is_mix {
                let mut mem_pairs = order.clone();
                mem_pairs.shuffle(&mut label_rng);
                let n_mem = preset.task.n_memorize.min(p * p);
                train.extend(mem_pairs[..n_mem].iter().map(|&(a, b)| Example {
                    a,
                    b,
                    task: TaskId::Memorize,
                    label: label_rng.gen_range(0..p as u32),
                }));
            }
            (train, val)
        }
    };

    let layout = |examples: Vec<Example>| -> Split {
        let mut tokens = Vec::with_capacity(examples.len() * n_ctx);
        for e in &examples {
            if is_mix {
                let op = if e.task == TaskId::Rule { p + 1 } else { p + 2 };
                tokens.extend([e.a as usize, op, e.b as usize, p]);
            } else {
                tokens.extend([e.a as usize, e.b as usize, p]);
            }
        }
        let labels = examples.iter().map(|e| e.label as usize).collect();
        Split {
            examples,
            tokens,
            labels,
        }
    };
    let twin_free = (!val.is_empty()).then(|| twin_free_indices(&train, &val));
    let val = if val.is_empty() {
        None
    } else {
        Some(layout(val))
    };
    Dataset {
        modulus: p,
        n_ctx,
        vocab,
        n_classes: p,
        train: layout(train),
        val,
        twin_free,
        is_mix,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preset::Preset;

    fn preset(kind: &str, extra: &str) -> Preset {
        let text = format!(
            "(name: \"t\", title: \"t\", figure: \"x\", description: \"\", paper_reports: \"\",
              task: (kind: {kind}, modulus: 7, {extra}))"
        );
        Preset::parse(&text, "test.ron").unwrap()
    }

    #[test]
    fn same_seed_same_split_and_disjoint_val() {
        let p = preset("ModAdd", "n_train: 20");
        let a = build_dataset(&p);
        assert_eq!(a, build_dataset(&p));
        assert_ne!(a.train, build_dataset(&p.with_seed(1)).train);
        let val = a.val.as_ref().unwrap();
        assert_eq!(a.train.len() + val.len(), 49);
        for e in &val.examples {
            assert!(!a.train.examples.iter().any(|t| (t.a, t.b) == (e.a, e.b)));
        }
        for e in &a.train.examples {
            assert_eq!(e.label, (e.a + e.b) % 7);
        }
        assert_eq!(
            &a.train.tokens[..3],
            &[
                a.train.examples[0].a as usize,
                a.train.examples[0].b as usize,
                7
            ]
        );
    }

    #[test]
    fn squared_rule() {
        let d = build_dataset(&preset("ModAddSquare", "n_train: 10"));
        for e in &d.train.examples {
            assert_eq!(e.label, ((e.a + e.b) % 7).pow(2) % 7);
        }
    }

    #[test]
    fn random_labels_are_symmetric_and_have_no_val() {
        let d = build_dataset(&preset("RandomLabels", ""));
        assert_eq!(d.train.len(), 49);
        assert!(d.val.is_none());
        let label = |a, b| {
            d.train
                .examples
                .iter()
                .find(|e| (e.a, e.b) == (a, b))
                .unwrap()
                .label
        };
        for a in 0..7 {
            for b in 0..7 {
                assert_eq!(label(a, b), label(b, a));
            }
        }
    }

    #[test]
    fn mix_has_operator_tokens_and_counts_per_task() {
        let d = build_dataset(&preset(
            "AddWithMemorization",
            "n_train: 20, n_memorize: 15",
        ));
        assert_eq!(d.n_ctx, 4);
        assert_eq!(d.vocab, 10);
        assert_eq!(d.train.indices_of(TaskId::Rule).len(), 20);
        assert_eq!(d.train.indices_of(TaskId::Memorize).len(), 15);
        for (i, e) in d.train.examples.iter().enumerate() {
            let op = d.train.tokens[i * 4 + 1];
            assert_eq!(op, if e.task == TaskId::Rule { 8 } else { 9 });
        }
        assert!(
            d.val
                .as_ref()
                .unwrap()
                .examples
                .iter()
                .all(|e| e.task == TaskId::Rule)
        );
    }

    #[test]
    fn a_closed_split_has_no_twin_in_training_and_a_random_one_does() {
        let random = build_dataset(&preset("ModAdd", "n_train: 20"));
        let free = random.twin_free.as_ref().unwrap();
        assert!(
            free.len() < random.val.as_ref().unwrap().len(),
            "some twins leak"
        );
        let closed = build_dataset(&preset("ModAdd", "n_train: 20, split: Closed"));
        let val = closed.val.as_ref().unwrap();
        assert_eq!(closed.train.len(), 20);
        assert_eq!(closed.twin_free.as_ref().unwrap().len(), val.len());
        for e in &val.examples {
            assert!(
                !closed
                    .train
                    .examples
                    .iter()
                    .any(|t| (t.b, t.a) == (e.a, e.b))
            );
        }
        assert_eq!(
            closed,
            build_dataset(&preset("ModAdd", "n_train: 20, split: Closed"))
        );
    }
}
