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
    select_disjoint_or_cut(ranked, span, |_, _, _| None)
}

/// Like [`select_disjoint`], but an item that overlaps kept items and starts
/// before the first of them is offered to `cut` with that first kept span
/// start; `cut` may return a shorter item (ending before it) to keep instead.
/// `cut` also gets that first kept item, so it can decide by what it is.
pub fn select_disjoint_or_cut<T>(
    ranked: impl IntoIterator<Item = T>,
    span: impl Fn(&T) -> Span,
    mut cut: impl FnMut(&T, usize, &T) -> Option<T>,
) -> Vec<T> {
    // The bytes kept spans cover, a bit each: whether a candidate overlaps
    // them, and where the first kept span it overlaps starts, is then the
    // first set bit of its range, found a word of 64 bytes at a time. (A
    // sorted list of kept spans costs a search and an insertion each.)
    let ranked = ranked.into_iter();
    let mut covered = Covered(Vec::new());
    let mut kept: Vec<(Span, T)> = Vec::with_capacity(ranked.size_hint().0);
    for item in ranked {
        let s = span(&item);
        let item = match covered.first_in(s) {
            None => item,
            // Kept spans are disjoint: when the first covered byte is past
            // the start, it is where the first kept span it overlaps starts.
            Some(clash) if clash > s.start() => {
                // Kept spans are disjoint, so one starts there; cuts are
                // rare, and a search among the kept ones costs nothing else.
                let (_, first) = kept
                    .iter()
                    .find(|(k, _)| k.start() == clash)
                    .expect("a kept span starts at the first covered byte");
                match cut(&item, clash, first) {
                    Some(shorter) if covered.first_in(span(&shorter)).is_none() => shorter,
                    _ => continue,
                }
            }
            Some(_) => continue,
        };
        let s = span(&item);
        covered.cover(s);
        kept.push((s, item));
    }
    // Disjoint spans that are never empty have distinct starts.
    kept.sort_unstable_by_key(|&(s, _)| s.start());
    kept.into_iter().map(|(_, item)| item).collect()
}

/// A set of byte offsets, as bits.
struct Covered(Vec<u64>);

impl Covered {
    /// The words of `s` (a word per 64 bytes), each with the mask of the
    /// bits of `s` in it.
    fn words(s: Span) -> impl Iterator<Item = (usize, u64)> {
        let (first, last) = (s.start() / 64, (s.end() - 1) / 64);
        // Bits from the start's up in the first word, up to the end's in the last.
        let from = u64::MAX << (s.start() % 64);
        let to = u64::MAX >> (63 - (s.end() - 1) % 64);
        (first..=last).map(move |w| {
            let mut mask = u64::MAX;
            if w == first {
                mask &= from;
            }
            if w == last {
                mask &= to;
            }
            (w, mask)
        })
    }

    /// The first offset of `s` in the set.
    fn first_in(&self, s: Span) -> Option<usize> {
        Covered::words(s).find_map(|(w, mask)| {
            let bits = self.0.get(w).copied().unwrap_or(0) & mask;
            (bits != 0).then(|| w * 64 + bits.trailing_zeros() as usize)
        })
    }

    /// Adds the offsets of `s`.
    fn cover(&mut self, s: Span) {
        let words = s.end().div_ceil(64);
        if self.0.len() < words {
            self.0.resize(words, 0);
        }
        for (w, mask) in Covered::words(s) {
            self.0[w] |= mask;
        }
    }
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

    #[test]
    fn a_cut_is_told_the_first_kept_item_it_runs_into() {
        let span = |s, e| Span::new(s, e).unwrap();
        // (span, what it is): the cut refuses to shorten a name into a name.
        let ranked = vec![
            (span(10, 20), "name"),
            (span(30, 40), "place"),
            (span(0, 15), "name"),
            (span(25, 35), "org"),
        ];
        let mut told = Vec::new();
        let kept = select_disjoint_or_cut(
            ranked,
            |item| item.0,
            |item, at, first| {
                told.push((item.1, at, first.1));
                (first.1 != "name").then(|| (span(item.0.start(), at), item.1))
            },
        );
        assert_eq!(told, [("name", 10, "name"), ("org", 30, "place")]);
        assert_eq!(
            kept,
            [
                (span(10, 20), "name"),
                (span(25, 30), "org"),
                (span(30, 40), "place")
            ]
        );
    }

    /// The selection by its definition, one kept span compared with
    /// another: what the bit set must agree with.
    fn reference(ranked: &[Span], cut_to: usize) -> Vec<Span> {
        let mut kept: Vec<Span> = Vec::new();
        let clash = |kept: &[Span], s: Span| {
            kept.iter()
                .filter(|k| k.start() < s.end() && s.start() < k.end())
                .map(|k| k.start())
                .min()
        };
        for &s in ranked {
            let s = match clash(&kept, s) {
                None => s,
                Some(at) if at > s.start() => {
                    match Span::new(s.start(), at.min(s.start() + cut_to)) {
                        Ok(shorter) if clash(&kept, shorter).is_none() => shorter,
                        _ => continue,
                    }
                }
                Some(_) => continue,
            };
            kept.push(s);
        }
        kept.sort();
        kept
    }

    proptest::proptest! {
        #[test]
        fn selection_agrees_with_its_definition(
            spans in proptest::collection::vec((0usize..300, 1usize..140), 0..40),
            cut_to in 1usize..20,
        ) {
            let ranked: Vec<Span> = spans
                .iter()
                .map(|&(start, len)| Span::new(start, start + len).unwrap())
                .collect();
            // The cut keeps at most `cut_to` bytes before the clash.
            let cut = |s: &Span, at: usize, _: &Span| Span::new(s.start(), at.min(s.start() + cut_to)).ok();
            let selected = select_disjoint_or_cut(ranked.clone(), |s| *s, cut);
            proptest::prop_assert_eq!(selected, reference(&ranked, cut_to));
        }
    }
}
