//! The commutative leak: `(a+b) mod P` and `(a+b)² mod P` give `(a, b)` and `(b, a)` the
//! same answer, so a val pair whose swapped twin is a training pair can be answered by a
//! model that only memorizes but treats its two inputs alike. With a random split at P 113
//! and 3 000 training pairs, 23.5 % of the val pairs have their twin in training (46 % at
//! P 59 with 1 600). Accuracy on those pairs says nothing about a generalizing circuit, so
//! the phases are judged on the *twin-free* val pairs: those whose twin is not in training.

use super::split::{Example, TaskId};
use std::collections::HashSet;

/// Indices into `val` of the examples whose swapped twin `(b, a)` is not a training example
/// of the same task. A diagonal pair `(a, a)` is its own twin, and it is in val, so it
/// counts as twin-free.
pub fn twin_free_indices(train: &[Example], val: &[Example]) -> Vec<usize> {
    let seen: HashSet<(u32, u32, TaskId)> = train.iter().map(|e| (e.a, e.b, e.task)).collect();
    val.iter()
        .enumerate()
        .filter(|(_, e)| !seen.contains(&(e.b, e.a, e.task)))
        .map(|(i, _)| i)
        .collect()
}

/// Ordered pairs `(a, b)`.
type Pairs = Vec<(u32, u32)>;

/// The pairs `(a, b)` of `0..p` in the order a closed split fills training from: unordered
/// classes `{a, b}` shuffled by `shuffle`, each class's ordered pairs next to each other.
/// [`closed_cut`] then takes whole classes, so no val pair has its twin in training.
pub fn closed_order(p: u32, shuffle: impl FnOnce(&mut Pairs)) -> Pairs {
    let mut classes: Vec<(u32, u32)> = (0..p).flat_map(|a| (a..p).map(move |b| (a, b))).collect();
    shuffle(&mut classes);
    classes
        .into_iter()
        .flat_map(|(a, b)| {
            let twin = (a != b).then_some((b, a));
            std::iter::once((a, b)).chain(twin)
        })
        .collect()
}

/// Splits a [`closed_order`] into (train, val) with whole classes on each side: classes are
/// taken in order while they fit in `n_train`; when a two-pair class would overshoot by one,
/// the next diagonal class `(a, a)` fills the last place. Training holds exactly `n_train`
/// pairs unless `n_train` is odd and every diagonal pair was already taken (then one fewer).
pub fn closed_cut(order: &[(u32, u32)], n_train: usize) -> (Pairs, Pairs) {
    let (mut train, mut val) = (Vec::with_capacity(n_train), Vec::new());
    let mut i = 0;
    while i < order.len() {
        let (a, b) = order[i];
        let class = if a == b { 1 } else { 2 };
        let side = if train.len() + class <= n_train {
            &mut train
        } else {
            &mut val
        };
        side.extend_from_slice(&order[i..i + class]);
        i += class;
    }
    (train, val)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(a: u32, b: u32) -> Example {
        Example {
            a,
            b,
            task: TaskId::Rule,
            label: (a + b) % 7,
        }
    }

    #[test]
    fn a_val_pair_is_twin_free_unless_its_swap_is_trained() {
        let train = [ex(1, 2), ex(3, 3)];
        let val = [ex(2, 1), ex(4, 5), ex(5, 5), ex(1, 2)];
        // (2,1)'s twin (1,2) is trained; the twin of (1,2) is not.
        assert_eq!(twin_free_indices(&train, &val), vec![1, 2, 3]);
        let mut other_task = ex(1, 2);
        other_task.task = TaskId::Memorize;
        assert_eq!(twin_free_indices(&[other_task], &val), vec![0, 1, 2, 3]);
    }

    #[test]
    fn a_closed_split_keeps_both_twins_on_one_side_and_fills_n_train() {
        let order = closed_order(7, |v| v.reverse());
        assert_eq!(order.len(), 49);
        for n in [0, 1, 10, 11, 25, 48, 49] {
            let (train, val) = closed_cut(&order, n);
            assert_eq!(train.len(), n, "n_train {n}");
            assert_eq!(train.len() + val.len(), 49);
            for &(a, b) in &val {
                assert!(
                    !train.contains(&(b, a)),
                    "({b},{a}) trained, ({a},{b}) in val"
                );
            }
        }
    }
}
