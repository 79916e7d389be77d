//! One-to-one pairing of gold and predicted entities within a document.

use std::cmp::Ordering;
use std::ops::Range;

use nerbench_core::{Entity, Span};

use crate::assign::{Hungarian, Weight};

/// The canonical order: span, then label, then value. Pairing runs on lists
/// in this order, so its result depends only on the entities, not on the
/// order they came in.
pub(crate) fn canonical_cmp(a: &Entity, b: &Entity) -> Ordering {
    (a.span, &a.label, &a.value).cmp(&(b.span, &b.label, &b.value))
}

/// The entities in canonical order (a stable sort by [`canonical_cmp`]).
#[cfg(test)]
pub(crate) fn canonical(entities: &[Entity]) -> Vec<&Entity> {
    let mut sorted: Vec<&Entity> = entities.iter().collect();
    sorted.sort_by(|a, b| canonical_cmp(a, b));
    sorted
}

/// How much pairing `g` with `p` is worth, or zero if they do not overlap:
/// an exact match first, then one more pair, then shared bytes, then
/// closeness of the boundaries. Pairs come before bytes because maximising
/// bytes alone can strand two entities to gain a few bytes in one pair: for
/// gold `AB CD` and predictions `B C`, `D`, it would pair `B C` with `CD`
/// (more bytes) and leave `AB` missing and `D` spurious. Only the spans
/// count, not the labels.
fn span_weight(g: Span, p: Span) -> Weight {
    let overlap = g.overlap_len(p);
    if overlap == 0 {
        return [0; 4];
    }
    let distance = g.start().abs_diff(p.start()) + g.end().abs_diff(p.end());
    [i64::from(g == p), 1, overlap as i64, -(distance as i64)]
}

/// Pairs `(gold index, predicted index)` into the two (canonically sorted)
/// lists: first within each label, then the leftovers across labels.
#[cfg(test)]
pub(crate) fn pair(gold: &[&Entity], pred: &[&Entity]) -> Vec<(usize, usize)> {
    let mut labels: Vec<nerbench_core::Label> = Vec::new();
    let mut id = |e: &Entity| -> u32 {
        let k = labels
            .iter()
            .position(|l| *l == e.label)
            .unwrap_or_else(|| {
                labels.push(e.label.clone());
                labels.len() - 1
            });
        k as u32
    };
    let gold_labels: Vec<u32> = gold.iter().map(|e| id(e)).collect();
    let pred_labels: Vec<u32> = pred.iter().map(|e| id(e)).collect();
    let gold_spans: Vec<Span> = gold.iter().map(|e| e.span).collect();
    let pred_spans: Vec<Span> = pred.iter().map(|e| e.span).collect();
    let mut pairs = Vec::new();
    Pairer::default().pair(
        Side {
            spans: &gold_spans,
            labels: &gold_labels,
        },
        Side {
            spans: &pred_spans,
            labels: &pred_labels,
        },
        &mut pairs,
    );
    pairs
}

/// One side of a document for pairing, in canonical order: the spans and,
/// for each, a label id (equal ids for equal labels).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Side<'a> {
    pub spans: &'a [Span],
    pub labels: &'a [u32],
}

/// No partner.
const NONE: usize = usize::MAX;

/// Pairing with its buffers, kept from one document to the next.
///
/// The pairing is defined per document: within each label, the spans of
/// that label are cut into clusters (runs that share no byte with anything
/// before them) and each cluster gets an optimal assignment; then the same
/// for the entities left unpaired, across labels. Here the spans of all
/// labels are cut into clusters first. Every cluster of the definition lies
/// inside one of these (its spans overlap in a chain, so nothing separates
/// them), and it begins exactly where the definition's sweep would begin it,
/// so solving the rounds cluster by cluster gives the same pairs. Most
/// clusters are one gold entity and one prediction, which overlap, so pair
/// in one round or the other whatever their labels.
#[derive(Debug, Default)]
pub(crate) struct Pairer {
    /// The predicted partner of each gold entity, or [`NONE`].
    partner: Vec<usize>,
    pred_paired: Vec<bool>,
    labels_here: Vec<u32>,
    sub_gold: Vec<usize>,
    sub_pred: Vec<usize>,
    found: Vec<(usize, usize)>,
    clusters: Clusters,
}

impl Pairer {
    /// Replaces `pairs` with the sorted pairs `(gold index, predicted index)`
    /// of the optimal pairing: first within each label, then the leftovers
    /// across labels.
    pub(crate) fn pair(&mut self, gold: Side<'_>, pred: Side<'_>, pairs: &mut Vec<(usize, usize)>) {
        self.partner.clear();
        self.partner.resize(gold.spans.len(), NONE);
        self.pred_paired.clear();
        self.pred_paired.resize(pred.spans.len(), false);
        // The same sweep as within a cluster, over every span.
        let (mut a, mut b) = (0, 0);
        let (mut first_gold, mut first_pred) = (0, 0);
        let mut reach = 0;
        loop {
            let (span, is_gold) = match (gold.spans.get(a), pred.spans.get(b)) {
                (Some(&g), Some(&p)) if g < p => (g, true),
                (_, Some(&p)) => (p, false),
                (Some(&g), None) => (g, true),
                (None, None) => break,
            };
            if span.start() >= reach {
                self.cluster(gold, pred, first_gold..a, first_pred..b);
                (first_gold, first_pred) = (a, b);
            }
            reach = reach.max(span.end());
            if is_gold {
                a += 1;
            } else {
                b += 1;
            }
        }
        self.cluster(gold, pred, first_gold..a, first_pred..b);
        pairs.clear();
        pairs.extend(
            self.partner
                .iter()
                .enumerate()
                .filter(|&(_, &j)| j != NONE)
                .map(|(i, &j)| (i, j)),
        );
    }

    /// The gold entities (canonical positions) of the last pairing left
    /// without a partner, ascending.
    pub(crate) fn unpaired_gold(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.partner.len()).filter(|&i| self.partner[i] == NONE)
    }

    /// The same for the predictions.
    pub(crate) fn unpaired_pred(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.pred_paired.len()).filter(|&j| !self.pred_paired[j])
    }

    /// Pairs the gold entities `g` with the predictions `p`, a cluster of
    /// the whole sweep (both ranges of canonical positions).
    fn cluster(&mut self, gold: Side<'_>, pred: Side<'_>, g: Range<usize>, p: Range<usize>) {
        match (g.len(), p.len()) {
            (0, _) | (_, 0) => {}
            // Two spans in one cluster overlap.
            (1, 1) => self.join(g.start, p.start),
            // One entity on a side. Within its label, the sweep's clusters
            // that do not hold it pair nothing, and in the one that does,
            // it takes the first best partner (see `Clusters::solve`);
            // entities of other clusters do not overlap it (weight zero), so
            // this is the first best partner of its label in the whole
            // cluster. Failing that, the leftover round does the same across
            // labels, with every entity of the other side still unpaired.
            (1, _) => {
                let i = g.start;
                let weight = |j: usize| span_weight(gold.spans[i], pred.spans[j]);
                if let Some(j) = best_partner(p, pred.labels, gold.labels[i], weight) {
                    self.join(i, j);
                }
            }
            (_, 1) => {
                let j = p.start;
                let weight = |i: usize| span_weight(gold.spans[i], pred.spans[j]);
                if let Some(i) = best_partner(g, gold.labels, pred.labels[j], weight) {
                    self.join(i, j);
                }
            }
            _ => {
                // Within each label present on both sides (the label buffer
                // is lent out so the loop may call methods of `self`).
                let mut labels = std::mem::take(&mut self.labels_here);
                labels.clear();
                for &label in &gold.labels[g.clone()] {
                    if !labels.contains(&label) {
                        labels.push(label);
                    }
                }
                self.found.clear();
                for &label in &labels {
                    self.sub_gold.clear();
                    self.sub_gold
                        .extend(g.clone().filter(|&i| gold.labels[i] == label));
                    self.sub_pred.clear();
                    self.sub_pred
                        .extend(p.clone().filter(|&j| pred.labels[j] == label));
                    if !self.sub_pred.is_empty() {
                        self.sweep_subsets(gold, pred);
                    }
                }
                self.labels_here = labels;
                self.join_found();
                // Then the leftovers, across labels.
                self.sub_gold.clear();
                self.sub_gold.extend(g.filter(|&i| self.partner[i] == NONE));
                self.sub_pred.clear();
                self.sub_pred.extend(p.filter(|&j| !self.pred_paired[j]));
                if !self.sub_gold.is_empty() && !self.sub_pred.is_empty() {
                    self.found.clear();
                    self.sweep_subsets(gold, pred);
                    self.join_found();
                }
            }
        }
    }

    /// Adds the optimal pairs of `sub_gold` with `sub_pred` to `found`.
    fn sweep_subsets(&mut self, gold: Side<'_>, pred: Side<'_>) {
        self.clusters.sweep(
            gold.spans,
            pred.spans,
            &self.sub_gold,
            &self.sub_pred,
            &mut self.found,
        );
    }

    /// Pairs gold entity `i` with prediction `j`.
    fn join(&mut self, i: usize, j: usize) {
        self.partner[i] = j;
        self.pred_paired[j] = true;
    }

    /// Pairs every pair in `found`.
    fn join_found(&mut self) {
        for &(i, j) in &self.found {
            self.partner[i] = j;
            self.pred_paired[j] = true;
        }
    }
}

/// Cutting spans into clusters and solving each, with reusable buffers.
#[derive(Debug, Default)]
struct Clusters {
    gold: Vec<usize>,
    pred: Vec<usize>,
    found: Vec<(usize, usize)>,
    hungarian: Hungarian,
}

impl Clusters {
    /// Optimal pairing of the gold entities `g` with the predictions `p`
    /// (ascending index lists into canonically sorted spans), appended to
    /// `pairs`. The spans are cut into clusters that share no byte with each
    /// other, and each cluster is solved on its own, which keeps the cubic
    /// assignment small on long documents.
    ///
    /// The spans are swept in the order (start, end, gold after predicted,
    /// index): a merge of the two lists, which are each in that order already.
    /// A new cluster begins where nothing before reaches.
    fn sweep(
        &mut self,
        gold: &[Span],
        pred: &[Span],
        g: &[usize],
        p: &[usize],
        pairs: &mut Vec<(usize, usize)>,
    ) {
        self.gold.clear();
        self.pred.clear();
        let (mut a, mut b) = (0, 0);
        let mut reach = 0;
        loop {
            let (span, is_gold) = match (g.get(a), p.get(b)) {
                (Some(&i), Some(&j)) if gold[i] < pred[j] => (gold[i], true),
                (_, Some(&j)) => (pred[j], false),
                (Some(&i), None) => (gold[i], true),
                (None, None) => break,
            };
            if span.start() >= reach {
                self.solve(gold, pred, pairs);
                self.gold.clear();
                self.pred.clear();
            }
            reach = reach.max(span.end());
            if is_gold {
                self.gold.push(g[a]);
                a += 1;
            } else {
                self.pred.push(p[b]);
                b += 1;
            }
        }
        self.solve(gold, pred, pairs);
    }

    /// Solves the current cluster, appending its pairs to `pairs`.
    fn solve(&mut self, gold: &[Span], pred: &[Span], pairs: &mut Vec<(usize, usize)>) {
        let (g, p) = (&self.gold, &self.pred);
        match (g.len(), p.len()) {
            (0, _) | (_, 0) => {}
            // One entity on a side: the assignment takes the first entity of
            // the other side with the largest weight (it scans for a strictly
            // smaller cost), if that weight is not zero. The same, directly.
            (1, _) => {
                let i = g[0];
                if let Some(j) = first_best(p.iter().copied(), |j| span_weight(gold[i], pred[j])) {
                    pairs.push((i, j));
                }
            }
            (_, 1) => {
                let j = p[0];
                if let Some(i) = first_best(g.iter().copied(), |i| span_weight(gold[i], pred[j])) {
                    pairs.push((i, j));
                }
            }
            (rows, cols) => {
                self.found.clear();
                self.hungarian.solve(
                    rows,
                    cols,
                    |r, c| span_weight(gold[g[r]], pred[p[c]]),
                    &mut self.found,
                );
                pairs.extend(self.found.iter().map(|&(r, c)| (g[r], p[c])));
            }
        }
    }
}

/// The first of `candidates` with the largest weight, if that is above zero.
fn first_best(
    candidates: impl IntoIterator<Item = usize>,
    weight: impl Fn(usize) -> Weight,
) -> Option<usize> {
    let mut best: Option<(Weight, usize)> = None;
    for k in candidates {
        let w = weight(k);
        if best.is_none_or(|(b, _)| w > b) && w > [0; 4] {
            best = Some((w, k));
        }
    }
    best.map(|(_, k)| k)
}

/// The partner of one entity among `candidates` of the other side (whose
/// label ids are `labels`): the first best of its own `label`, failing that
/// the first best of any label.
fn best_partner(
    candidates: Range<usize>,
    labels: &[u32],
    label: u32,
    weight: impl Fn(usize) -> Weight + Copy,
) -> Option<usize> {
    first_best(candidates.clone().filter(|&k| labels[k] == label), weight)
        .or_else(|| first_best(candidates, weight))
}

/// The whole of `g` × `p` solved as one cluster (for checking the clusters).
#[cfg(test)]
fn solve(
    gold: &[&Entity],
    pred: &[&Entity],
    (g, p): &(Vec<usize>, Vec<usize>),
    pairs: &mut Vec<(usize, usize)>,
) {
    let mut found = Vec::new();
    Hungarian::default().solve(
        g.len(),
        p.len(),
        |r, c| span_weight(gold[g[r]].span, pred[p[c]].span),
        &mut found,
    );
    pairs.extend(found.into_iter().map(|(r, c)| (g[r], p[c])));
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
            let w = span_weight(gold[i].span, pred[j].span);
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
