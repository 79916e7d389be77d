//! Word boundaries and flat entity lists, shared by the rules, the alias
//! propagation and the combined extractor.

use nerbench_core::{Entity, Span};

/// A letter or digit in any script: what a word is made of. "Müller" is one
/// word; NO-BREAK SPACE, curly quotes and dashes are not word characters.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// True if the char before offset `at` of `text` is a word char (ASCII
/// without decoding). `at` must be a char boundary.
pub(crate) fn word_char_before(text: &str, at: usize) -> bool {
    match text.as_bytes()[..at].last() {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[..at].chars().next_back().is_some_and(is_word_char),
    }
}

/// True if the char at offset `at` of `text` is a word char (ASCII without
/// decoding). `at` must be a char boundary.
pub(crate) fn word_char_at(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[at..].chars().next().is_some_and(is_word_char),
    }
}

/// The words of `text` (maximal runs of word characters) whose first byte
/// is marked in `first`, as byte ranges. Other bytes are passed over without
/// decoding, which makes looking up a few names in a text cheap.
pub(crate) fn words_starting_with<'t>(
    text: &'t str,
    first: &'t [bool; 256],
) -> impl Iterator<Item = (usize, usize)> + 't {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            // A tight loop over the bytes to the next candidate start.
            let start = i + bytes[i..].iter().position(|&b| first[usize::from(b)])?;
            i = start + 1;
            if !text.is_char_boundary(start)
                || !word_char_at(text, start)
                || word_char_before(text, start)
            {
                continue;
            }
            let mut end = start;
            loop {
                // ASCII letters and digits without decoding.
                while bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                    end += 1;
                }
                match text[end..].chars().next() {
                    Some(c) if !c.is_ascii() && is_word_char(c) => end += c.len_utf8(),
                    _ => break,
                }
            }
            i = end;
            return Some((start, end));
        }
    })
}

/// FNV-1a, a fast hash for the short words looked up for every document.
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Hash maps and sets keyed by words.
pub(crate) type WordHash = std::hash::BuildHasherDefault<Fnv>;

/// True if `start..end` of `text` neither begins nor ends inside a word: a
/// word character at either edge of the range must not continue outside it.
/// Both offsets must be char boundaries of `text`.
pub fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    !splits_word(text, start) && !splits_word(text, end)
}

/// True if offset `at` of `text` lies between two word characters.
pub(crate) fn splits_word(text: &str, at: usize) -> bool {
    word_char_before(text, at) && word_char_at(text, at)
}

/// Keeps the items of `ranked` (best first), dropping each one whose span
/// overlaps an item kept before it, and returns the kept ones sorted by
/// span. Callers sort by their precedence first.
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

/// Flattens a ranked list of entities: each entity is kept unless it overlaps
/// one that comes before it in `ranked`. The result is sorted (see
/// [`nerbench_core::sort_entities`]) and free of overlaps, as [`nerbench_core::Extractor`]
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
    // Disjoint and non-empty, the spans sort the entities alone.
    select_disjoint(ranked, |e| e.span)
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
    fn words_are_found_by_their_first_byte() {
        let text = "“Müller’s” G20, Gx-b, aG, Übung";
        let mut first = [false; 256];
        for b in [b'M', b'G', "Ü".as_bytes()[0]] {
            first[usize::from(b)] = true;
        }
        let found: Vec<&str> = words_starting_with(text, &first)
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(found, ["Müller", "G20", "Gx", "Übung"]);
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
            vec![span(0, 5), span(5, 10), span(10, 12)]
        );
    }
}
