//! Word boundaries and flat entity lists, shared by the rules, the alias
//! propagation and the combined extractor.

use nerbench_core::{Entity, Span};

pub use nerbench_core::words::is_word_char;
use nerbench_core::words::{ascii_range_mask, ascii_word_mask, HIGH};

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

/// The first two bytes of a set of words: where no word of the set can
/// begin, a text is passed over without decoding it or looking anything up.
pub(crate) struct Openings {
    first: [bool; 256],
    /// Whether every word of the set begins with an ASCII capital or a
    /// non-ASCII character (names do), so that in ASCII text only the words
    /// that begin with a capital need a look.
    capitals: bool,
    /// The pairs of first bytes, hashed to one of 4096 bits (small enough to
    /// clear for every document).
    pairs: [u64; 64],
}

impl Openings {
    pub(crate) fn new() -> Openings {
        Openings {
            first: [false; 256],
            capitals: true,
            pairs: [0; 64],
        }
    }

    /// Adds a word (not empty).
    pub(crate) fn insert(&mut self, word: &[u8]) {
        let Some(&a) = word.first() else { return };
        self.first[usize::from(a)] = true;
        self.capitals &= a.is_ascii_uppercase() || !a.is_ascii();
        match word.get(1) {
            Some(&b) => self.set(a, b),
            // Any byte may follow a one-byte word.
            None => (0..=u8::MAX).for_each(|b| self.set(a, b)),
        }
    }

    fn set(&mut self, a: u8, b: u8) {
        let pair = pair_slot(a, b);
        self.pairs[pair / 64] |= 1 << (pair % 64);
    }

    /// False if no word of the set begins at `at` of `bytes`.
    fn may_begin(&self, bytes: &[u8], at: usize) -> bool {
        match bytes.get(at + 1) {
            Some(&b) => {
                let pair = pair_slot(bytes[at], b);
                self.pairs[pair / 64] & (1 << (pair % 64)) != 0
            }
            None => true,
        }
    }
}

/// The bit of a pair of bytes in [`Openings::pairs`].
fn pair_slot(a: u8, b: u8) -> usize {
    ((usize::from(a) << 4) ^ usize::from(b)) & 0xfff
}

/// The words of `text` (maximal runs of word characters) that begin like
/// some word of `openings`, as byte ranges, in order. Runs of ASCII are read
/// eight bytes at a time for where words start, and only those starts are
/// looked up, which makes finding a few names in a text cheap.
pub(crate) fn words_starting_with(text: &str, openings: &Openings) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let begins =
        |at: usize| openings.first[usize::from(bytes[at])] && openings.may_begin(bytes, at);
    let word_at = |start: usize| {
        let mut end = start;
        loop {
            // ASCII letters and digits without decoding.
            while bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                end += 1;
            }
            match text[end..].chars().next() {
                Some(c) if !c.is_ascii() && is_word_char(c) => end += c.len_utf8(),
                _ => return end,
            }
        }
    };
    let mut found = Vec::new();
    // Where the scan resumes (a char boundary), and whether a word char
    // precedes it.
    let (mut pos, mut after_word) = (0, false);
    while pos < bytes.len() {
        if let Some(chunk) = bytes.get(pos..pos + 8) {
            let chunk = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            if chunk & HIGH == 0 {
                let base = pos;
                pos += 8;
                let capitals = ascii_range_mask(chunk, b'A', b'Z');
                if openings.capitals && capitals == 0 {
                    // No name begins here: most chunks of running text.
                    after_word = bytes[pos - 1].is_ascii_alphanumeric();
                    continue;
                }
                let word = ascii_word_mask(chunk);
                let mut starts = word & !((word << 8) | if after_word { 0x80 } else { 0 });
                if openings.capitals {
                    starts &= capitals;
                }
                after_word = word >> 63 == 1;
                while starts != 0 {
                    let at = base + starts.trailing_zeros() as usize / 8;
                    starts &= starts - 1;
                    if begins(at) {
                        let end = word_at(at);
                        found.push((at, end));
                        // Go on after the word if it runs past the chunk.
                        if end > pos {
                            (pos, after_word) = (end, true);
                            break;
                        }
                    }
                }
                continue;
            }
        }
        // One character at a time near non-ASCII text and at the end.
        let Some(c) = text[pos..].chars().next() else {
            break;
        };
        let at = pos;
        pos += c.len_utf8();
        let word = is_word_char(c);
        let start = word && !after_word;
        after_word = word;
        if start && begins(at) {
            pos = word_at(at);
            found.push((at, pos));
        }
    }
    found
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
/// span. Callers sort by their precedence first; [`keep_non_overlapping`]
/// is this for entities. Ranking small keys instead of entities saves moving
/// the entities that lose.
///
/// ```
/// use nerbench_core::Span;
/// use nerbench_regex_rules::select_disjoint;
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
    fn words_are_found_by_their_first_bytes() {
        let text = "“Müller’s” G20, Gx-b, aG, Gy, Übung, Ü";
        let mut openings = Openings::new();
        for word in ["Mü", "G2", "Gx", "Übung", "Ü"] {
            openings.insert(word.as_bytes());
        }
        let found: Vec<&str> = words_starting_with(text, &openings)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        // "Gy" begins no word of the set; "Ü" is a word of its own.
        assert_eq!(found, ["Müller", "G20", "Gx", "Übung", "Ü"]);
    }

    /// The words of `text` by the definition, one char at a time.
    fn words_by_definition(text: &str) -> Vec<(usize, usize)> {
        let mut words = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
            match (is_word_char(c), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    words.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        words
    }

    #[test]
    fn the_chunked_scan_finds_the_words_of_the_definition() {
        let mut texts = crate::tests::gold_articles();
        texts.push("Ab\u{a0}Cd’Ef  Gh-Ij ÜberKlasse12345678 Zz".into());
        texts.push("x".repeat(7) + "Ääkkönen Ab12345678901234567890 Ab");
        for text in &texts {
            let all = words_by_definition(text);
            // Every word, then those that begin with a capital.
            let mut every = Openings::new();
            let mut capitals = Openings::new();
            for &(s, e) in &all {
                every.insert(&text.as_bytes()[s..e]);
                if text[s..].starts_with(char::is_uppercase) {
                    capitals.insert(&text.as_bytes()[s..e]);
                }
            }
            assert_eq!(words_starting_with(text, &every), all);
            let capitalised: Vec<_> = all
                .iter()
                .copied()
                .filter(|&(s, _)| text[s..].starts_with(char::is_uppercase))
                .collect();
            let found = words_starting_with(text, &capitals);
            // The two-byte filter may let a lowercase word through only if it
            // begins like a capitalised one, which these cannot.
            assert_eq!(found, capitalised);
        }
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
