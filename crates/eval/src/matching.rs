//! One-to-one pairing of gold and predicted entities within a document.

use std::collections::BTreeSet;

use nerbench_core::Entity;

use crate::assign::{max_weight_matching, Weight};

/// The canonical order: span, then label, then value. Pairing runs on lists
/// in this order, so its result depends only on the entities, not on the
/// order they came in.
pub(crate) fn canonical(entities: &[Entity]) -> Vec<&Entity> {
    let mut sorted: Vec<&Entity> = entities.iter().collect();
    sorted.sort_by(|a, b| (a.span, &a.label, &a.value).cmp(&(b.span, &b.label, &b.value)));
    sorted
}

/// How much pairing `g` with `p` is worth, or zero if they do not overlap:
/// an exact match first, then one more pair, then shared bytes, then
/// closeness of the boundaries. Pairs come before bytes because maximising
/// bytes alone can strand two entities to gain a few bytes in one pair: for
/// gold `AB CD` and predictions `B C`, `D`, it would pair `B C` with `CD`
/// (more bytes) and leave `AB` missing and `D` spurious.
fn weight(g: &Entity, p: &Entity) -> Weight {
    let overlap = g.span.overlap_len(p.span);
    if overlap == 0 {
        return [0; 4];
    }
    let distance = g.span.start().abs_diff(p.span.start()) + g.span.end().abs_diff(p.span.end());
    [
        i64::from(g.span == p.span),
        1,
        overlap as i64,
        -(distance as i64),
    ]
}

/// Pairs `(gold index, predicted index)` into the two (canonically sorted)
/// lists: first within each label, then the leftovers across labels.
pub(crate) fn pair(gold: &[&Entity], pred: &[&Entity]) -> Vec<(usize, usize)> {
    let labels: BTreeSet<_> = gold.iter().chain(pred).map(|e| &e.label).collect();
    let mut pairs = Vec::new();
    for label in labels {
        let g: Vec<usize> = (0..gold.len())
            .filter(|&i| gold[i].label == *label)
            .collect();
        let p: Vec<usize> = (0..pred.len())
            .filter(|&j| pred[j].label == *label)
            .collect();
        pairs.extend(pair_subset(gold, pred, &g, &p));
    }
    let (paired_g, paired_p): (BTreeSet<usize>, BTreeSet<usize>) = pairs.iter().copied().unzip();
    let g: Vec<usize> = (0..gold.len()).filter(|i| !paired_g.contains(i)).collect();
    let p: Vec<usize> = (0..pred.len()).filter(|j| !paired_p.contains(j)).collect();
    pairs.extend(pair_subset(gold, pred, &g, &p));
    pairs.sort_unstable();
    pairs
}

/// Optimal pairing of the gold entities `g` with the predictions `p` (index
/// lists in canonical order). The spans are cut into clusters that share no
/// byte with each other, and each cluster is solved on its own, which keeps
/// the cubic assignment small on long documents.
fn pair_subset(
    gold: &[&Entity],
    pred: &[&Entity],
    g: &[usize],
    p: &[usize],
) -> Vec<(usize, usize)> {
    // Sweep all spans by start; a new cluster begins where nothing before reaches.
    let mut items: Vec<(usize, usize, bool, usize)> = g
        .iter()
        .map(|&i| (gold[i].span.start(), gold[i].span.end(), true, i))
        .chain(
            p.iter()
                .map(|&j| (pred[j].span.start(), pred[j].span.end(), false, j)),
        )
        .collect();
    items.sort_unstable();
    let mut pairs = Vec::new();
    let mut cluster: (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    let mut reach = 0;
    for (start, end, is_gold, index) in items {
        if start >= reach {
            solve(gold, pred, &cluster, &mut pairs);
            cluster.0.clear();
            cluster.1.clear();
        }
        reach = reach.max(end);
        if is_gold {
            cluster.0.push(index);
        } else {
            cluster.1.push(index);
        }
    }
    solve(gold, pred, &cluster, &mut pairs);
    pairs
}

fn solve(
    gold: &[&Entity],
    pred: &[&Entity],
    (g, p): &(Vec<usize>, Vec<usize>),
    pairs: &mut Vec<(usize, usize)>,
) {
    if g.is_empty() || p.is_empty() {
        return;
    }
    let weights: Vec<Vec<Weight>> = g
        .iter()
        .map(|&i| p.iter().map(|&j| weight(gold[i], pred[j])).collect())
        .collect();
    pairs.extend(
        max_weight_matching(&weights, p.len())
            .into_iter()
            .map(|(r, c)| (g[r], p[c])),
    );
}

#[cfg(test)]
mod tests {
    use nerbench_core::{Label, Span};
    use proptest::prelude::*;

    use super::*;

    const TEXT: &str = "abcdefghijklmnopqrstuvwxyz";

    fn e(start: usize, end: usize, label: Label) -> Entity {
        Entity::new(TEXT, Span::within(TEXT, start, end).unwrap(), label, "t")
    }

    fn spans(gold: &[Entity], pred: &[Entity]) -> Vec<((usize, usize), (usize, usize))> {
        let (g, p) = (canonical(gold), canonical(pred));
        pair(&g, &p)
            .into_iter()
            .map(|(i, j)| {
                let (a, b) = (g[i].span, p[j].span);
                ((a.start(), a.end()), (b.start(), b.end()))
            })
            .collect()
    }

    fn total(gold: &[&Entity], pred: &[&Entity], pairs: &[(usize, usize)]) -> Weight {
        pairs.iter().fold([0; 4], |acc, &(i, j)| {
            let w = weight(gold[i], pred[j]);
            std::array::from_fn(|k| acc[k] + w[k])
        })
    }

    fn entity() -> impl Strategy<Value = Entity> {
        (0usize..24, 1usize..6).prop_map(|(s, len)| e(s, (s + len).min(26), Label::Org))
    }

    proptest! {
        /// Cutting the spans into clusters loses nothing against solving the
        /// whole document as one matrix.
        #[test]
        fn clusters_give_the_same_optimum(
            gold in proptest::collection::vec(entity(), 0..7),
            pred in proptest::collection::vec(entity(), 0..7),
        ) {
            let (g, p) = (canonical(&gold), canonical(&pred));
            let clustered = pair(&g, &p);
            let mut whole = Vec::new();
            let all = ((0..g.len()).collect(), (0..p.len()).collect());
            solve(&g, &p, &all, &mut whole);
            prop_assert_eq!(total(&g, &p, &clustered), total(&g, &p, &whole));
        }
    }

    #[test]
    fn maximises_pairs_where_greedy_would_not() {
        // The first prediction overlaps both gold entities, the second only
        // the second one: first-fit would strand the second prediction.
        let gold = [e(0, 4, Label::Per), e(4, 8, Label::Per)];
        let pred = [e(2, 6, Label::Per), e(6, 8, Label::Per)];
        assert_eq!(
            spans(&gold, &pred),
            vec![((0, 4), (2, 6)), ((4, 8), (6, 8))]
        );
    }

    #[test]
    fn more_pairs_beat_more_overlap() {
        // One pair of 5 bytes, or two pairs of 2 and 1 bytes: two pairs win.
        let gold = [e(0, 4, Label::Per), e(4, 12, Label::Per)];
        let pred = [e(2, 9, Label::Per), e(11, 12, Label::Per)];
        assert_eq!(
            spans(&gold, &pred),
            vec![((0, 4), (2, 9)), ((4, 12), (11, 12))]
        );
    }

    #[test]
    fn pairs_within_a_label_before_across_labels() {
        // The prediction overlaps the PER more, but the ORG has its label.
        let gold = [e(0, 6, Label::Per), e(6, 8, Label::Org)];
        let pred = [e(1, 8, Label::Org)];
        assert_eq!(spans(&gold, &pred), vec![((6, 8), (1, 8))]);
        // With no same-label candidate, the cross-label pair is made.
        let pred = [e(1, 8, Label::Loc)];
        assert_eq!(spans(&gold, &pred), vec![((0, 6), (1, 8))]);
    }

    #[test]
    fn prefers_exact_then_overlap_then_closeness() {
        let gold = [e(2, 6, Label::Loc)];
        // Exact beats a larger overlap (only possible with overlapping predictions).
        let pred = [e(0, 10, Label::Loc), e(2, 6, Label::Loc)];
        assert_eq!(spans(&gold, &pred), vec![((2, 6), (2, 6))]);
        // Equal overlap: the closer boundaries win, whatever the order.
        let pred = [e(2, 12, Label::Loc), e(1, 6, Label::Loc)];
        assert_eq!(spans(&gold, &pred), vec![((2, 6), (1, 6))]);
        let pred = [e(1, 6, Label::Loc), e(2, 12, Label::Loc)];
        assert_eq!(spans(&gold, &pred), vec![((2, 6), (1, 6))]);
    }
}
