//! The Aho-Corasick automaton over all entries, and the whole-word search on
//! top of it.
//!
//! A match counts only where no letter or digit precedes it, so the search
//! walks the automaton anchored from those places only: one pass over the
//! text (eight ASCII bytes at a time) finds where words start, bitmaps of
//! the patterns' first bytes turn away most of them at once, and a table of
//! the patterns' first four bytes takes the rest on: where those begin only a
//! few patterns, they are compared with the text directly, else the automaton
//! steps on from the state four bytes in. An unanchored scan would instead step
//! the automaton on every byte, report matches inside words only to have
//! them rejected, and restart one byte after each rejected one; that made the
//! gazetteer a third slower than a bare scan over the same patterns.

use std::collections::HashMap;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

use nerbench_core::words::{self, ascii_word_mask, HIGH};

use crate::list::{CaseForms, Entry, GazetteerError};

/// A whole-word match: byte range and the index of its entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

/// The automaton over every pattern of every entry.
#[derive(Debug)]
pub(crate) struct Matcher {
    /// Walked anchored, one byte at a time, from where a match may start.
    /// A contiguous NFA is a twentieth of the size of the DFA over the same
    /// patterns (0.6 MB against 14 MB for the built-in lists, so it stays in
    /// cache) and walks words as fast.
    nfa: NFA,
    /// Per pattern: the entry it stands for.
    entry: Vec<usize>,
    /// In the fast scan, the bytes of a chunk a match may start at besides
    /// word starts: all (`HIGH`) if some pattern starts with an ASCII byte
    /// that is not a letter or digit, else none.
    punct_starts: u64,
    /// The first bytes of every pattern.
    openings: Openings,
    /// The automaton's anchored start state.
    root: StateID,
    /// Where walks start instead, four bytes in.
    skips: Skips,
}

/// Case-folded entries with at most this many words get every combination of
/// per-word case forms; longer ones get the whole-surface forms only.
const MAX_COMBINED_WORDS: usize = 4;

/// The texts an entry matches: its surface; for an upper-case entry also the
/// surface in capitals ("AL JAZEERA"); for a case-folded entry the surface
/// with each word (run of letters) in lower, UPPER or Capitalised form
/// ("KOMPAS.com", "Semenanjung korea", "SEMENANJUNG KOREA").
///
/// Folding by listing variants, rather than by folding the text, keeps every
/// pattern matched against the original text, so offsets are never shifted by
/// case mappings that change byte lengths ("ß" → "SS"), and all entries share
/// one automaton, so the text is scanned once.
fn patterns(entry: &Entry) -> Vec<String> {
    let surface = &entry.surface;
    match entry.case {
        CaseForms::Exact => return vec![surface.clone()],
        CaseForms::Upper => {
            let mut out = vec![surface.clone(), surface.to_uppercase()];
            out.dedup();
            return out;
        }
        CaseForms::Fold => {}
    }
    // Alternating runs: letters, then anything else.
    let mut runs: Vec<(bool, String)> = Vec::new();
    for c in surface.chars() {
        let alpha = c.is_alphabetic();
        match runs.last_mut() {
            Some((a, run)) if *a == alpha => run.push(c),
            _ => runs.push((alpha, c.to_string())),
        }
    }
    let forms = |run: &str| -> Vec<String> {
        let mut chars = run.chars();
        let title = chars
            .next()
            .map(|first| {
                first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect()
            })
            .unwrap_or_default();
        vec![run.to_lowercase(), run.to_uppercase(), title]
    };
    let words = runs.iter().filter(|(alpha, _)| *alpha).count();
    let mut out = vec![surface.clone()];
    if words <= MAX_COMBINED_WORDS {
        let mut partial = vec![String::new()];
        for (alpha, run) in &runs {
            let choices = if *alpha {
                forms(run)
            } else {
                vec![run.clone()]
            };
            partial = partial
                .iter()
                .flat_map(|p| choices.iter().map(move |c| format!("{p}{c}")))
                .collect();
        }
        out.extend(partial);
    } else {
        for i in 0..3 {
            let mut p = String::new();
            for (alpha, run) in &runs {
                p.push_str(&if *alpha {
                    forms(run).swap_remove(i)
                } else {
                    run.clone()
                });
            }
            out.push(p);
        }
    }
    out.sort();
    out.dedup();
    out
}

impl Matcher {
    /// The automaton over all entries' patterns, or `None` if there are none.
    pub(crate) fn new(entries: &[Entry]) -> Result<Option<Matcher>, GazetteerError> {
        let mut id: HashMap<String, usize> = HashMap::new();
        let mut keys: Vec<String> = Vec::new();
        let mut entry: Vec<usize> = Vec::new();
        for (index, e) in entries.iter().enumerate() {
            for key in patterns(e) {
                // Entries are in the order they took effect: a later one
                // with the same pattern wins.
                match id.get(&key) {
                    Some(&p) => entry[p] = index,
                    None => {
                        id.insert(key.clone(), keys.len());
                        keys.push(key);
                        entry.push(index);
                    }
                }
            }
        }
        if keys.is_empty() {
            return Ok(None);
        }
        // The walks are our own, so no prefilter.
        let nfa = NFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .prefilter(false)
            .build(&keys)?;
        let root = nfa
            .start_state(Anchored::Yes)
            .expect("a contiguous NFA always has an anchored start state");
        let punct_start = keys.iter().any(|k| {
            let first = k.as_bytes()[0];
            first.is_ascii() && !first.is_ascii_alphanumeric()
        });
        let punct_starts = if punct_start { HIGH } else { 0 };
        Ok(Some(Matcher {
            skips: Skips::new(&nfa, root, &keys, &entry),
            entry,
            punct_starts,
            openings: Openings::new(&keys),
            root,
            nfa,
        }))
    }

    /// Every whole-word match in `text`, left to right, without overlaps: at
    /// the leftmost place where some pattern matches whole-word, the longest
    /// such pattern (a shorter one when the longest is glued to a word).
    pub(crate) fn hits<'a>(&'a self, text: &'a str) -> Hits<'a> {
        Hits {
            matcher: self,
            text,
            pos: 0,
            after_word: false,
        }
    }

    /// The hit at `at`, if any: the openings there first, then the walk.
    #[inline(always)]
    fn found(&self, text: &str, at: usize) -> Option<Hit> {
        if !self.openings.may_begin(&text.as_bytes()[at..]) {
            return None;
        }
        self.longest_at(text, at)
    }

    /// The longest pattern matching at `start` that is not followed by a
    /// letter or digit.
    ///
    /// Not inlined: it runs at about one word start in five (the others are
    /// turned away by [`Openings`] in the scan, without a call), and the scan
    /// stays small.
    #[inline(never)]
    fn longest_at(&self, text: &str, start: usize) -> Option<Hit> {
        let root = self.root;
        let Some(window) = window_at(&text.as_bytes()[start..]) else {
            return self.walk(text, start, root, start);
        };
        match self.skips.get(window) {
            Some(Skip::Few { from, to }) => self.skips.longest_of(text, start, from, to),
            Some(Skip::To(sid)) => self.walk(text, start, sid, start + 4),
            Some(Skip::Not) => self.walk(text, start, root, start),
            // No pattern of four bytes or more begins here.
            None if self.openings.short_may_begin(window) => self.walk(text, start, root, start),
            None => None,
        }
    }

    /// The walk on from state `sid`, reached from `start` at `end`: the
    /// longest pattern that begins at `start`, ends at `end` or later, and
    /// is not followed by a letter or digit.
    fn walk(&self, text: &str, start: usize, mut sid: StateID, mut end: usize) -> Option<Hit> {
        let nfa = &self.nfa;
        let bytes = text.as_bytes();
        let mut best = None;
        loop {
            if nfa.is_special(sid) {
                if nfa.is_dead(sid) {
                    break;
                }
                // A match state may also list patterns that end here but
                // start later (inherited along failure links): keep the one
                // that starts at `start`.
                let pattern = (0..nfa.match_len(sid))
                    .map(|i| nfa.match_pattern(sid, i))
                    .find(|&p| nfa.pattern_len(p) == end - start);
                if let Some(p) = pattern {
                    if ends_word(text, end) {
                        best = Some(Hit {
                            start,
                            end,
                            entry: self.entry[p.as_usize()],
                        });
                    }
                }
            }
            let Some(&byte) = bytes.get(end) else {
                break;
            };
            sid = nfa.next_state(Anchored::Yes, sid, byte);
            end += 1;
        }
        best
    }
}

/// The first four bytes of `text`, if it has that many.
fn window_at(text: &[u8]) -> Option<[u8; 4]> {
    text.get(..4)?.try_into().ok()
}

/// What the first four bytes at a word start tell about the patterns that
/// begin there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Skip {
    /// Only these few patterns begin with those bytes (indices into
    /// [`Skips::tails`], longest first): compared directly, no walk.
    Few { from: u32, to: u32 },
    /// Many do: walk on from the state after those bytes.
    To(StateID),
    /// A pattern ends within them: walk from the root.
    Not,
}

/// The pattern beyond its first four bytes, and its entry.
#[derive(Clone, Copy, Debug)]
struct Tail {
    /// Range in [`Skips::tail_bytes`].
    from: u32,
    to: u32,
    entry: usize,
}

/// The first four bytes of every pattern at least that long, each with its
/// [`Skip`]: an open-addressing table, half empty so that a lookup rarely
/// probes past one slot.
///
/// A walk through the automaton is a chain of loads each waiting for the one
/// before. Most windows begin one or two patterns, which are compared with
/// the text directly; the others start their walk four bytes in.
#[derive(Debug)]
struct Skips {
    /// Window and [`Skip`], or `None` for an empty slot.
    slots: Vec<(u32, Option<Skip>)>,
    /// Right shift taking a 32-bit hash to a slot number.
    shift: u32,
    /// The patterns of every [`Skip::Few`], after their first four bytes.
    tails: Vec<Tail>,
    tail_bytes: Vec<u8>,
}

/// Windows beginning more patterns than this are walked.
const MAX_FEW: usize = 4;

impl Skips {
    fn new(nfa: &NFA, root: StateID, keys: &[String], entry: &[usize]) -> Skips {
        // Patterns by window, longest first within one.
        let mut by_window: Vec<([u8; 4], &[u8], usize)> = keys
            .iter()
            .zip(entry)
            .filter_map(|(k, &e)| Some((window_at(k.as_bytes())?, &k.as_bytes()[4..], e)))
            .collect();
        by_window.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.len().cmp(&a.1.len())));
        let windows = by_window.chunk_by(|a, b| a.0 == b.0).count();
        let bits = (2 * windows).next_power_of_two().max(2).trailing_zeros();
        let mut skips = Skips {
            slots: vec![(0, None); 1 << bits],
            shift: 32 - bits,
            tails: Vec::new(),
            tail_bytes: Vec::new(),
        };
        for group in by_window.chunk_by(|a, b| a.0 == b.0) {
            let window = group[0].0;
            let mut sid = root;
            let mut ends_within = false;
            for (depth, &byte) in (1..).zip(&window) {
                sid = nfa.next_state(Anchored::Yes, sid, byte);
                ends_within |= depth < 4
                    && nfa.is_match(sid)
                    && (0..nfa.match_len(sid))
                        .any(|i| nfa.pattern_len(nfa.match_pattern(sid, i)) == depth);
            }
            let skip = if ends_within {
                Skip::Not
            } else if group.len() <= MAX_FEW {
                let from = skips.tails.len() as u32;
                for &(_, tail, entry) in group {
                    let start = skips.tail_bytes.len() as u32;
                    skips.tail_bytes.extend_from_slice(tail);
                    skips.tails.push(Tail {
                        from: start,
                        to: skips.tail_bytes.len() as u32,
                        entry,
                    });
                }
                Skip::Few {
                    from,
                    to: skips.tails.len() as u32,
                }
            } else {
                Skip::To(sid)
            };
            let mut slot = skips.slot(window);
            while skips.slots[slot].1.is_some() {
                slot = (slot + 1) & (skips.slots.len() - 1);
            }
            skips.slots[slot] = (u32::from_le_bytes(window), Some(skip));
        }
        skips
    }

    fn slot(&self, window: [u8; 4]) -> usize {
        (u32::from_le_bytes(window).wrapping_mul(0x9E37_79B9) >> self.shift) as usize
    }

    #[inline]
    fn get(&self, window: [u8; 4]) -> Option<Skip> {
        let key = u32::from_le_bytes(window);
        let mut slot = self.slot(window);
        loop {
            match self.slots[slot] {
                (w, Some(skip)) if w == key => return Some(skip),
                (_, Some(_)) => slot = (slot + 1) & (self.slots.len() - 1),
                (_, None) => return None,
            }
        }
    }

    /// The longest of the few patterns `from..to` that follows `start` and
    /// is not followed by a letter or digit.
    fn longest_of(&self, text: &str, start: usize, from: u32, to: u32) -> Option<Hit> {
        let rest = &text.as_bytes()[start + 4..];
        self.tails[from as usize..to as usize]
            .iter()
            .find_map(|tail| {
                let bytes = &self.tail_bytes[tail.from as usize..tail.to as usize];
                let end = start + 4 + bytes.len();
                (rest.starts_with(bytes) && ends_word(text, end)).then_some(Hit {
                    start,
                    end,
                    entry: tail.entry,
                })
            })
    }
}

/// Where a match may begin, told by the first bytes there. Most words begin
/// no pattern, and one or two lookups here tell so where a walk would take a
/// few dependent automaton steps and end in a branch the processor
/// mispredicts.
#[derive(Debug)]
struct Openings {
    /// The first four bytes of every pattern at least that long, hashed (so
    /// a few windows that begin no pattern are in it too).
    long: Bitmap,
    /// The first two bytes of every shorter pattern (for a one-byte pattern,
    /// every pair it begins).
    short: Bitmap,
}

impl Openings {
    fn new(keys: &[String]) -> Openings {
        let mut openings = Openings {
            long: Bitmap::new(),
            short: Bitmap::new(),
        };
        for key in keys {
            match *key.as_bytes() {
                [a, b, c, d, ..] => openings.long.insert(hash_window([a, b, c, d])),
                [a, b, ..] => openings.short.insert(u16::from_le_bytes([a, b])),
                [a] => {
                    (0..=u8::MAX).for_each(|b| openings.short.insert(u16::from_le_bytes([a, b])))
                }
                // Surfaces are never empty.
                [] => {}
            }
        }
        openings
    }

    /// False if no pattern shorter than four bytes begins `window`.
    fn short_may_begin(&self, window: [u8; 4]) -> bool {
        self.short
            .contains(u16::from_le_bytes([window[0], window[1]]))
    }

    /// False if no pattern begins `text`.
    fn may_begin(&self, text: &[u8]) -> bool {
        match *text {
            [a, b, c, d, ..] => {
                // Both looked up, no branch between: the first answer is
                // no more predictable than the second.
                self.long.contains(hash_window([a, b, c, d]))
                    | self.short.contains(u16::from_le_bytes([a, b]))
            }
            // Too short to tell quickly.
            _ => true,
        }
    }
}

/// Four bytes hashed to a slot of a [`Bitmap`]: the top bits of a product
/// with the golden ratio (Fibonacci hashing) mix all four.
fn hash_window(window: [u8; 4]) -> u16 {
    (u32::from_le_bytes(window).wrapping_mul(0x9E37_79B9) >> 16) as u16
}

/// A set of `u16`, one bit each (8 KiB, so it stays in the fastest cache). A
/// few thousand patterns fill a few percent of the hashed one.
#[derive(Debug)]
struct Bitmap([u64; 1 << 10]);

impl Bitmap {
    fn new() -> Bitmap {
        Bitmap([0; 1 << 10])
    }

    fn insert(&mut self, slot: u16) {
        self.0[usize::from(slot / 64)] |= 1 << (slot % 64);
    }

    fn contains(&self, slot: u16) -> bool {
        self.0[usize::from(slot / 64)] & (1 << (slot % 64)) != 0
    }
}

/// The iterator of [`Matcher::hits`].
pub(crate) struct Hits<'a> {
    matcher: &'a Matcher,
    text: &'a str,
    /// Where the scan resumes: a character boundary.
    pos: usize,
    /// Whether the character before `pos` is a letter or digit.
    after_word: bool,
}

impl Iterator for Hits<'_> {
    type Item = Hit;

    fn next(&mut self) -> Option<Hit> {
        let text = self.text;
        let bytes = text.as_bytes();
        let matcher = self.matcher;
        // Kept in registers, not in `self`, until a hit or the end.
        let mut pos = self.pos;
        let mut after_word = self.after_word;
        let hit = 'scan: loop {
            // Eight ASCII bytes at once: no branch per byte, whose outcome
            // (word or not) the processor could not predict. (Tested this
            // way, the slicing below needs no checks of its own.)
            if pos + 8 <= bytes.len() {
                let chunk = u64::from_le_bytes(bytes[pos..pos + 8].try_into().expect("8 bytes"));
                if chunk & HIGH == 0 {
                    let word = ascii_word_mask(chunk);
                    let before = (word << 8) | if after_word { 0x80 } else { 0 };
                    let mut starts = !before & (word | matcher.punct_starts);
                    let base = pos;
                    pos += 8;
                    after_word = word >> 63 == 1;
                    while starts != 0 {
                        let at = base + starts.trailing_zeros() as usize / 8;
                        starts &= starts - 1;
                        if let Some(hit) = matcher.found(text, at) {
                            break 'scan hit;
                        }
                    }
                    continue;
                }
            }
            // One character at a time near non-ASCII text and at the end.
            let Some(&byte) = bytes.get(pos) else {
                self.pos = pos;
                return None;
            };
            let at = pos;
            let may_start = !after_word;
            if byte.is_ascii() {
                after_word = byte.is_ascii_alphanumeric();
                pos += 1;
            } else {
                let c = text[at..].chars().next()?;
                after_word = words::is_word_char(c);
                pos += c.len_utf8();
            }
            if may_start {
                if let Some(hit) = matcher.found(text, at) {
                    break hit;
                }
            }
        };
        // The scan resumes at the hit's end.
        self.pos = hit.end;
        self.after_word = is_word_char(text[..hit.end].chars().next_back());
        Some(hit)
    }
}

/// True if no letter or digit follows `end`.
fn ends_word(text: &str, end: usize) -> bool {
    !is_word_char(text.get(end..).and_then(|t| t.chars().next()))
}

/// True for a letter or digit in any script: such a neighbour means the match
/// is part of a longer word. `None` (text edge, or an offset that is not a
/// character boundary) counts as no neighbour.
fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(words::is_word_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(surface: &str, case: CaseForms) -> Entry {
        Entry {
            surface: surface.to_string(),
            label: Some(nerbench_core::Label::Org),
            source: "t".into(),
            list: "t.tsv".into(),
            line: 1,
            case,
        }
    }

    #[test]
    fn case_folded_entries_expand_to_per_word_case_forms() {
        assert_eq!(
            patterns(&entry("Kompas.com", CaseForms::Exact)),
            ["Kompas.com"]
        );
        let forms = patterns(&entry("kompas.com", CaseForms::Fold));
        assert_eq!(forms.len(), 9);
        for form in ["kompas.com", "KOMPAS.com", "Kompas.Com", "KOMPAS.COM"] {
            assert!(forms.iter().any(|f| f == form), "{form} missing");
        }
        // Long names get the whole-surface forms only.
        let long = patterns(&entry(
            "Kementerian Luar Negeri Republik Indonesia",
            CaseForms::Fold,
        ));
        assert_eq!(
            long,
            [
                "KEMENTERIAN LUAR NEGERI REPUBLIK INDONESIA",
                "Kementerian Luar Negeri Republik Indonesia",
                "kementerian luar negeri republik indonesia",
            ]
        );
    }

    #[test]
    fn upper_case_entries_add_their_capitals_only() {
        let upper = |surface: &str| Entry {
            case: CaseForms::Upper,
            ..entry(surface, CaseForms::Exact)
        };
        assert_eq!(patterns(&upper("Al Jazeera")), ["Al Jazeera", "AL JAZEERA"]);
        assert_eq!(patterns(&upper("AFP")), ["AFP"]);
    }

    #[test]
    fn length_changing_case_maps_keep_offsets_on_the_original_text() {
        let entries = [entry("Straße", CaseForms::Fold)];
        let matcher = Matcher::new(&entries).unwrap().unwrap();
        let text = "die STRASSE, die straße";
        let found: Vec<&str> = matcher.hits(text).map(|h| &text[h.start..h.end]).collect();
        assert_eq!(found, ["STRASSE", "straße"]);
    }

    #[test]
    fn the_quick_answers_agree_with_the_standard_library() {
        for c in ['\u{a0}'].into_iter().chain('\u{2000}'..='\u{206f}') {
            assert!(!c.is_alphanumeric(), "{c:?}");
        }
    }

    /// The search's contract, the slow way: at the leftmost place not
    /// preceded by a letter or digit where some pattern is not followed by
    /// one, the longest such pattern; then on from its end.
    fn reference(patterns: &[&str], text: &str) -> Vec<(usize, usize, usize)> {
        let before = |at: usize| text[..at].chars().next_back();
        let after = |at: usize| text[at..].chars().next();
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < text.len() {
            let found = patterns
                .iter()
                .enumerate()
                .filter(|_| text.is_char_boundary(pos) && !is_word_char(before(pos)))
                .filter(|(_, p)| {
                    text[pos..].starts_with(**p) && !is_word_char(after(pos + p.len()))
                })
                .max_by_key(|(_, p)| p.len());
            match found {
                Some((i, p)) => {
                    out.push((pos, pos + p.len(), i));
                    pos += p.len();
                }
                None => pos += 1,
            }
        }
        out
    }

    /// A small deterministic generator (xorshift), enough to vary cases.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n as u64) as usize
        }

        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[self.below(items.len())]
        }
    }

    #[test]
    fn the_search_agrees_with_the_reference_on_varied_texts() {
        // Short pieces that overlap, nest and share prefixes, in several
        // scripts, with patterns of one and two bytes, a pattern that starts
        // with punctuation and one that starts with a non-ASCII letter.
        let pieces = [
            "a",
            "b",
            "ab",
            "Ko",
            "Korea",
            "Korea Utara",
            "Rusia",
            "é",
            "ß",
            "1",
            " ",
            " ",
            "\u{a0}",
            "-",
            "(",
            ".",
            "“",
            "”",
            "Ж",
            "aé",
            "KOREA",
            "x",
        ];
        let pattern_pool = [
            "a",
            "ab",
            "abc",
            "Ko",
            "Korea",
            "Korea Utara",
            "Korea U",
            "Rusia",
            "Rusia-Korea",
            "(a",
            "éa",
            "ß",
            "1",
            "a b",
            "Ж",
            "orea",
            "b ab",
        ];
        agree_with_the_reference(&pattern_pool, &pieces, 6, 3000);
    }

    #[test]
    fn the_search_agrees_with_the_reference_where_many_patterns_share_a_start() {
        // More patterns than MAX_FEW begin "Kota": those are walked from the
        // state four bytes in, unless "Ko" or "Kot" is among them.
        let pattern_pool = [
            "Kota", "Kota A", "Kota Ab", "Kota B", "Kota Ba", "Kota C", "Kota D", "Kotak", "Ko",
            "Kot", "A",
        ];
        let pieces = [
            "Kota", "Ko", "t", "a", " ", "A", "b", "B", "Ba", "C", "D", "k", "\u{a0}", "é", "-",
        ];
        agree_with_the_reference(&pattern_pool, &pieces, 11, 3000);
    }

    /// Random sets of up to `most` patterns from `pattern_pool`, searched
    /// in random texts made of `pieces`, as the reference searches them.
    fn agree_with_the_reference(pattern_pool: &[&str], pieces: &[&str], most: usize, cases: usize) {
        let mut rng = Rng(0x5eed_1234_abcd_ef01);
        for case in 0..cases {
            let mut patterns: Vec<&str> = (0..1 + rng.below(most))
                .map(|_| rng.pick(pattern_pool))
                .collect();
            patterns.sort_unstable();
            patterns.dedup();
            let entries: Vec<Entry> = patterns
                .iter()
                .map(|p| entry(p, CaseForms::Exact))
                .collect();
            let matcher = Matcher::new(&entries).unwrap().unwrap();
            // Lengths from empty to a few chunks of the fast scan.
            let text: String = (0..rng.below(40)).map(|_| rng.pick(pieces)).collect();
            let found: Vec<(usize, usize, usize)> = matcher
                .hits(&text)
                .map(|h| (h.start, h.end, h.entry))
                .collect();
            assert_eq!(
                found,
                reference(&patterns, &text),
                "case {case}: patterns {patterns:?} in {text:?}"
            );
        }
    }
}
