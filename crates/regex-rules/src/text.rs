//! Word boundaries and flat entity lists, shared by the rules, the alias
//! propagation and the combined extractor.

use std::collections::BTreeMap;

use nerbench_core::{sort_entities, Entity, Span};

/// A letter or digit in any script: what a word is made of. "Müller" is one
/// word; NO-BREAK SPACE, curly quotes and dashes are not word characters.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The words of `text` (maximal runs of word characters) as byte ranges.
pub(crate) fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    // Whether the char at byte `i` is a word char, and its length; ASCII
    // (most of news text) without decoding.
    let char_at = move |i: usize| match bytes[i] {
        b if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
        _ => text[i..]
            .chars()
            .next()
            .map_or((false, 1), |c| (is_word_char(c), c.len_utf8())),
    };
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            if i >= bytes.len() {
                return None;
            }
            let (word, len) = char_at(i);
            if word {
                break;
            }
            i += len;
        }
        let start = i;
        while i < bytes.len() {
            let (word, len) = char_at(i);
            if !word {
                break;
            }
            i += len;
        }
        Some((start, i))
    })
}

/// True if `start..end` of `text` neither begins nor ends inside a word: a
/// word character at either edge of the range must not continue outside it.
/// Both offsets must be char boundaries of `text`.
pub fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let splits = |at: usize| {
        matches!(
            (text[..at].chars().next_back(), text[at..].chars().next()),
            (Some(before), Some(after)) if is_word_char(before) && is_word_char(after)
        )
    };
    !splits(start) && !splits(end)
}

/// Keeps the items in the order given, dropping each one whose span overlaps
/// an item kept before it. Callers sort by their precedence first.
pub(crate) fn select_disjoint<T>(
    ranked: impl IntoIterator<Item = T>,
    span: impl Fn(&T) -> Span,
) -> Vec<T> {
    select_disjoint_or_cut(ranked, span, |_, _| None)
}

/// Like [`select_disjoint`], but an item that overlaps kept items and starts
/// before the first of them is offered to `cut` with that first kept span
/// start; `cut` may return a shorter item (ending before it) to keep instead.
pub(crate) fn select_disjoint_or_cut<T>(
    ranked: impl IntoIterator<Item = T>,
    span: impl Fn(&T) -> Span,
    mut cut: impl FnMut(&T, usize) -> Option<T>,
) -> Vec<T> {
    // Kept spans by start; being disjoint, they are also ordered by end, so
    // the kept spans overlapping a candidate are the last few starting before
    // its end.
    let mut kept_spans: BTreeMap<usize, usize> = BTreeMap::new();
    let mut kept = Vec::new();
    let first_clash = |kept_spans: &BTreeMap<usize, usize>, s: Span| {
        kept_spans
            .range(..s.end())
            .rev()
            .take_while(|(_, &end)| end > s.start())
            .last()
            .map(|(&start, _)| start)
    };
    for item in ranked {
        let s = span(&item);
        let item = match first_clash(&kept_spans, s) {
            None => item,
            Some(clash) if clash > s.start() => match cut(&item, clash) {
                Some(shorter) if first_clash(&kept_spans, span(&shorter)).is_none() => shorter,
                _ => continue,
            },
            Some(_) => continue,
        };
        let s = span(&item);
        kept_spans.insert(s.start(), s.end());
        kept.push(item);
    }
    kept
}

/// Flattens a ranked list of entities: each entity is kept unless it overlaps
/// one that comes before it in `ranked`. The result is sorted (see
/// [`sort_entities`]) and free of overlaps, as [`nerbench_core::Extractor`]
/// requires.
///
/// ```
/// use nerbench_core::{Entity, Label, Span};
/// use nerbench_regex_rules::keep_non_overlapping;
///
/// let text = "Majelis Ulama Indonesia";
/// let ent = |s, e, label| Entity::new(text, Span::within(text, s, e).unwrap(), label, "x");
/// // Ranked best first: the whole name, then the place inside it.
/// let flat = keep_non_overlapping(vec![ent(0, 23, Label::Org), ent(14, 23, Label::Loc)]);
/// assert_eq!(flat.len(), 1);
/// assert_eq!(flat[0].text, "Majelis Ulama Indonesia");
/// ```
pub fn keep_non_overlapping(ranked: impl IntoIterator<Item = Entity>) -> Vec<Entity> {
    let mut kept = select_disjoint(ranked, |e| e.span);
    sort_entities(&mut kept);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_know_non_ascii_letters() {
        let text = "Thomas Müller,\u{a0}“Anies”";
        // "M" alone would cut "Müller" before its "ü".
        assert!(!on_word_boundaries(text, 7, 8));
        assert!(on_word_boundaries(text, 7, 14));
        // NO-BREAK SPACE and curly quotes are not part of a word.
        let anies = text.find("Anies").unwrap();
        assert!(on_word_boundaries(text, anies, anies + 5));
        assert!(!on_word_boundaries(text, anies, anies + 4));
        assert!(on_word_boundaries("Jakarta-Surabaya", 0, 7));
        assert!(on_word_boundaries("Jakarta-Surabaya", 8, 16));
        assert!(!on_word_boundaries("JokoWidodo", 4, 10));
    }

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        let text = "“Müller’s” G20, a-b";
        let found: Vec<&str> = words(text).map(|(s, e)| &text[s..e]).collect();
        assert_eq!(found, ["Müller", "s", "G20", "a", "b"]);
    }

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
            vec![span(5, 10), span(10, 12), span(0, 5)]
        );
    }
}
