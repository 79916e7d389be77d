//! Flat lists out of ranked, overlapping candidates: how the regex rules and
//! the combination keep no two entities overlapping.

use crate::Span;

/// Keeps the items of `ranked` (best first), dropping each one whose span
/// overlaps an item kept before it, and returns the kept ones sorted by
/// span. Callers sort by their precedence first. Ranking small keys instead
/// of entities saves moving the entities that lose.
///
/// ```
/// use nerbench_core::Span;
/// use nerbench_core::select_disjoint;
///
/// let span = |s, e| Span::new(s, e).unwrap();
/// let kept = select_disjoint([(span(0, 23), "ORG"), (span(14, 23), "LOC")], |k| k.0);
/// assert_eq!(kept, [(span(0, 23), "ORG")]);
/// ```
pub fn select_disjoint<T>(
    ranked: impl IntoIterator<Item = T>,
    span: impl Fn(&T) -> Span,
) -> Vec<T> {
    select_disjoint_or_cut(ranked, span, |_, _| None)
}

/// Like [`select_disjoint`], but an item that overlaps kept items and starts
/// before the first of them is offered to `cut` with that first kept span
/// start; `cut` may return a shorter item (ending before it) to keep instead.
pub fn select_disjoint_or_cut<T>(
    ranked: impl IntoIterator<Item = T>,
    span: impl Fn(&T) -> Span,
    mut cut: impl FnMut(&T, usize) -> Option<T>,
) -> Vec<T> {
    // Kept spans sorted by start, each with its item's place in `kept`.
    // Being disjoint (and never empty), they are also sorted by end, so the
    // kept spans overlapping a candidate follow the last one ending before
    // it; a short sorted list beats a tree at the few dozen a document has.
    let mut order: Vec<(Span, usize)> = Vec::new();
    let mut kept: Vec<Option<T>> = Vec::new();
    // Where `s` would go in `order`, and the start of the first kept span it
    // overlaps, if any.
    let place = |order: &[(Span, usize)], s: Span| {
        let at = order.partition_point(|(k, _)| k.end() <= s.start());
        let clash = order
            .get(at)
            .filter(|(k, _)| k.start() < s.end())
            .map(|(k, _)| k.start());
        (at, clash)
    };
    for item in ranked {
        let s = span(&item);
        let (item, at) = match place(&order, s) {
            (at, None) => (item, at),
            (_, Some(clash)) if clash > s.start() => match cut(&item, clash) {
                Some(shorter) => match place(&order, span(&shorter)) {
                    (at, None) => (shorter, at),
                    _ => continue,
                },
                None => continue,
            },
            _ => continue,
        };
        order.insert(at, (span(&item), kept.len()));
        kept.push(Some(item));
    }
    order
        .into_iter()
        .filter_map(|(_, i)| kept[i].take())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_keeps_the_first_of_overlapping_spans() {
        let span = |s, e| Span::new(s, e).unwrap();
        let ranked = vec![
            span(5, 10),
            span(0, 6),
            span(9, 12),
            span(10, 12),
            span(0, 5),
        ];
        assert_eq!(
            select_disjoint(ranked, |s| *s),
            vec![span(0, 5), span(5, 10), span(10, 12)]
        );
    }
}
