//! Accuracy and loss from a batch's logits, over all its examples or a subset of them (the
//! twin-free val pairs, one task of a mix). Host-side arithmetic on logits the model already
//! computed, so the twin-free columns cost no extra forward pass.

/// Whether each example's highest logit is its label. `logits` is `labels.len() × k`
/// row-major; ties go to the lowest class, as in every evaluation before.
pub fn correct(logits: &[f32], labels: &[usize], k: usize) -> Vec<bool> {
    logits
        .chunks_exact(k)
        .zip(labels)
        .map(|(row, &label)| argmax(row) == label)
        .collect()
}

/// Share of `correct` at `indices`; `None` for no indices.
pub fn accuracy_at(correct: &[bool], indices: &[usize]) -> Option<f32> {
    let hits = indices.iter().filter(|&&i| correct[i]).count();
    (!indices.is_empty()).then(|| hits as f32 / indices.len() as f32)
}

/// Mean cross entropy (natural log) of the examples at `indices`; `None` for no indices.
/// Computed in f64 with the row's maximum taken out, so large logits cannot overflow.
pub fn mean_loss_at(logits: &[f32], labels: &[usize], k: usize, indices: &[usize]) -> Option<f32> {
    let total: f64 = indices
        .iter()
        .map(|&i| {
            let row = &logits[i * k..(i + 1) * k];
            let max = row.iter().fold(f32::NEG_INFINITY, |m, &x| m.max(x)) as f64;
            let sum: f64 = row.iter().map(|&x| (x as f64 - max).exp()).sum();
            max + sum.ln() - row[labels[i]] as f64
        })
        .sum();
    (!indices.is_empty()).then(|| (total / indices.len() as f64) as f32)
}

fn argmax(row: &[f32]) -> usize {
    let mut best = 0;
    for (i, &x) in row.iter().enumerate() {
        if x > row[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Example, build_dataset};
    use crate::preset::Preset;
    use std::collections::HashMap;

    /// What a trivial model would score: a symmetric memorizer answers every training pair
    /// and its swapped twin and is wrong everywhere else. On the paper's val metric it scores
    /// the twin share; on the twin-free pairs it scores 0, as a metric of generalization must.
    #[test]
    fn a_symmetric_memorizer_scores_the_twin_share_on_val_and_nothing_twin_free() {
        let text =
            "(name: \"t\", title: \"t\", figure: \"x\", description: \"\", paper_reports: \"\",
            task: (kind: ModAdd, modulus: 23, n_train: 200))";
        let data = build_dataset(&Preset::parse(text, "t.ron").unwrap());
        let val = data.val.as_ref().unwrap();
        let k = data.n_classes;
        let known: HashMap<(u32, u32), u32> = data
            .train
            .examples
            .iter()
            .flat_map(|e| [((e.a, e.b), e.label), ((e.b, e.a), e.label)])
            .collect();
        let answer = |e: &Example| match known.get(&(e.a, e.b)) {
            Some(&y) => y as usize,
            None => (e.label as usize + 1) % k,
        };
        let mut logits = vec![0.0f32; val.len() * k];
        for (i, e) in val.examples.iter().enumerate() {
            logits[i * k + answer(e)] = 10.0;
        }
        let hits = correct(&logits, &val.labels, k);
        let all: Vec<usize> = (0..val.len()).collect();
        let twin_free = data.twin_free.as_ref().unwrap();
        let twin_share = 1.0 - twin_free.len() as f32 / val.len() as f32;
        assert!(
            twin_share > 0.1,
            "a random split of 200 of 529 pairs leaks: {twin_share}"
        );
        assert_eq!(accuracy_at(&hits, &all), Some(twin_share));
        assert_eq!(accuracy_at(&hits, twin_free), Some(0.0));
        let free_loss = mean_loss_at(&logits, &val.labels, k, twin_free).unwrap();
        let all_loss = mean_loss_at(&logits, &val.labels, k, &all).unwrap();
        assert!(
            free_loss > 10.0 && all_loss < free_loss,
            "{free_loss} {all_loss}"
        );
        assert_eq!(accuracy_at(&hits, &[]), None);
    }

    #[test]
    fn the_loss_is_cross_entropy() {
        let logits = [0.0, 0.0, 1000.0, 0.0];
        let loss = mean_loss_at(&logits, &[0, 1], 2, &[0, 1]).unwrap();
        assert!((loss - (2f32.ln() + 1000.0) / 2.0).abs() < 1e-3, "{loss}");
    }
}
